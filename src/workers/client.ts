import * as Comlink from 'comlink';
import type { ImportHandlers } from './import.worker';
import type { SuggestHandlers } from './suggest.worker';

// The workers are, with the db, the only singletons: created on first use.

let suggest: Comlink.Remote<SuggestHandlers> | null = null;
let importer: Comlink.Remote<ImportHandlers> | null = null;

export function suggestWorker(): Comlink.Remote<SuggestHandlers> {
  suggest ??= Comlink.wrap<SuggestHandlers>(
    new Worker(new URL('./suggest.worker.ts', import.meta.url), {
      type: 'module',
      name: 'kodbok-suggest',
    }),
  );
  return suggest;
}

export function importWorker(): Comlink.Remote<ImportHandlers> {
  importer ??= Comlink.wrap<ImportHandlers>(
    new Worker(new URL('./import.worker.ts', import.meta.url), {
      type: 'module',
      name: 'kodbok-import',
    }),
  );
  return importer;
}
