// Reading source files again for the export of recoded data, in a worker of its own (the import
// dialog's worker and what it counted are left alone), with the import's time cap: on overrun
// the worker is terminated and the call rejects with Overrun (RELIABILITY.md rule 5).

import { startImportWorker, type ImportWorkerHandle } from '../workers/client';
import { Overrun, importCaps } from './import-worker';

export async function withExportWorker<T>(
  work: (remote: ImportWorkerHandle['remote']) => Promise<T>,
): Promise<T> {
  const w = startImportWorker();
  const cap = importCaps().workbook;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watchdog = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Overrun(cap)), cap);
  });
  try {
    return await Promise.race([work(w.remote), w.stopped, watchdog]);
  } finally {
    clearTimeout(timer);
    w.terminate();
  }
}
