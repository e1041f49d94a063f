import type { ImportWorkerHandle } from '../workers/client';
import { startImportWorker } from '../workers/client';
import type { ImportProblem } from '../workers/import-session';
import { setImport } from './import-store';

// The import dialog's worker: one of its own, so that it can be terminated without touching
// the suggestion worker or the demo. Every call runs under a watchdog (RELIABILITY.md rule 5):
// a workbook is parsed at once and a CSV read reports progress every 50 ms, so a call silent
// for longer than its cap is stuck or runaway; the worker is terminated and the user told why.

/** A workbook parsed at once: longer than this is not a sheet of referrals, ms. */
export const WORKBOOK_CAP_MS = 60_000;
/** A CSV read without any progress for this long is stuck, ms. */
export const STALL_CAP_MS = 30_000;

/**
 * The caps, ms. `?importCapMs=N` in the address lowers both to N ms (N ≥ 1000, never higher
 * than the defaults): tests show an overrun with it without a minute-long workbook.
 */
export function importCaps(): { workbook: number; stall: number } {
  const asked = Number(new URLSearchParams(globalThis.location?.search ?? '').get('importCapMs'));
  if (Number.isFinite(asked) && asked >= 1000)
    return { workbook: Math.min(asked, WORKBOOK_CAP_MS), stall: Math.min(asked, STALL_CAP_MS) };
  return { workbook: WORKBOOK_CAP_MS, stall: STALL_CAP_MS };
}

let worker: ImportWorkerHandle | null = null;

export function importWorker(): ImportWorkerHandle {
  worker ??= startImportWorker();
  return worker;
}

/** The worker if one runs (nothing to forget or cancel otherwise). */
export function runningImportWorker(): ImportWorkerHandle | null {
  return worker;
}

/** Terminates the worker; what it counted is gone, so every file must be read again. */
export function stopImportWorker(): void {
  worker?.terminate();
  worker = null;
  setImport((s) => ({ counted: [], files: s.files.map((f) => ({ ...f, read: null })) }));
}

/** Terminates the worker when the dialog is done with it (nothing waits to be read again). */
export function releaseImportWorker(): void {
  worker?.terminate();
  worker = null;
}

export class Overrun extends Error {
  constructor(readonly capMs: number) {
    super(`no answer within ${capMs / 1000} s`);
  }
}

/**
 * Calls the worker with a watchdog: when `lastSign()` is older than `cap()` ms, or the worker
 * dies, the worker is terminated and the call rejects.
 */
export async function guarded<T>(
  work: (w: ImportWorkerHandle['remote']) => Promise<T>,
  cap: () => number,
  lastSign: () => number,
): Promise<T> {
  const w = importWorker();
  let timer: ReturnType<typeof setInterval> | undefined;
  const watchdog = new Promise<never>((_resolve, reject) => {
    timer = setInterval(() => {
      if (performance.now() - lastSign() > cap()) reject(new Overrun(cap()));
    }, 250);
  });
  try {
    return await Promise.race([work(w.remote), w.stopped, watchdog]);
  } catch (e) {
    if (worker === w) stopImportWorker();
    throw e;
  } finally {
    clearInterval(timer);
  }
}

/** A call that must answer within the stall cap from now (a preview, a build). */
export function guardedNow<T>(work: (w: ImportWorkerHandle['remote']) => Promise<T>, factor = 1) {
  const started = performance.now();
  return guarded(
    work,
    () => importCaps().stall * factor,
    () => started,
  );
}

/** What the user is told when the worker was stopped while it read a file. */
export function stoppedProblem(
  file: { readonly file: { readonly name: string } },
  e: unknown,
): ImportProblem {
  const name = file.file.name;
  if (e instanceof Overrun)
    return {
      kind: 'timeout',
      file: name,
      message: `${name}: reading took longer than ${e.capMs / 1000} s and was stopped (the import worker was terminated); save the sheet as CSV and import that`,
      params: { seconds: e.capMs / 1000 },
    };
  const why = e instanceof Error ? e.message : String(e);
  return {
    kind: 'crashed',
    file: name,
    message: `${name}: the import worker stopped while reading the file (${why}); the file may be too big for this browser`,
    params: { variant: 'worker', why },
  };
}
