import * as Comlink from 'comlink';
import type { ImportHandlers } from './import.worker';
import type { SuggestHandlers } from './suggest-handlers';

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

/** A worker of its own for one import: terminated on cancel, on an overrun cap, or when done. */
export interface ImportWorkerHandle {
  readonly remote: Comlink.Remote<ImportHandlers>;
  /** Rejects when the worker dies (an uncaught error, memory exhausted) or is terminated. */
  readonly stopped: Promise<never>;
  terminate(): void;
}

export function startImportWorker(): ImportWorkerHandle {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kodbok-import-files',
  });
  let stop: (e: Error) => void = () => undefined;
  const stopped = new Promise<never>((_resolve, reject) => {
    stop = reject;
  });
  stopped.catch(() => undefined);
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    stop(new Error(e.message || 'the import worker stopped'));
  });
  const remote = Comlink.wrap<ImportHandlers>(worker);
  return {
    remote,
    stopped,
    terminate() {
      worker.terminate();
      stop(new Error('terminated'));
    },
  };
}
