import * as Comlink from 'comlink';
import { suggestHandlers } from './suggest-handlers';

// The suggestion worker: its handlers (suggest-handlers.ts) behind Comlink.
Comlink.expose(suggestHandlers);
