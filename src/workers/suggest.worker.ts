import * as Comlink from 'comlink';
import { setVectorsLoader, suggestHandlers } from './suggest-handlers';

// The suggestion worker: its handlers (suggest-handlers.ts) behind Comlink. Word vectors come from
// the app's own origin (public/vectors, built by scripts/build-vectors.mjs): nothing from elsewhere.
setVectorsLoader(async (name) => {
  const url = new URL(`${import.meta.env.BASE_URL}vectors/${name}.kvec`, self.location.origin);
  const response = await fetch(url);
  if (!response.ok)
    throw new Error(`${url.pathname} could not be fetched (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
});
Comlink.expose(suggestHandlers);
