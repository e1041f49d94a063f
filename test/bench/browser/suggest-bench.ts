// Suggestion benchmark in the browser (issue 4, B): 1 300 values against the codebook and 1 300
// approved values, in the app's own suggestion worker (src/workers/suggest.worker.ts), timed on the
// page as the app waits for it: the engine built from the codebook and the known values (`init`),
// then one `suggest` call for all values (as src/state/suggestions.ts sends them), each a full
// round trip with structured cloning. The values are the Node benchmark's (test/bench/synthetic.ts).
import { readCodebookFile } from '../../../src/core/formats/codebook';
import { mayBeCombined } from '../../../src/core/suggest/combined';
import type { KnownValue } from '../../../src/core/suggest/engine';
import { defaultProfile } from '../../../src/core/suggest/profile';
import type { Codebook } from '../../../src/core/types';
import { suggestWorker } from '../../../src/workers/client';
import { syntheticValues } from '../synthetic';

export interface WorkerSuggestRun {
  readonly initMs: number;
  readonly suggestMs: number;
  /** Values with at least one suggestion: the work was really done. */
  readonly suggested: number;
}

let round = 0;

function benchCodebook(text: string): Codebook {
  const parsed = readCodebookFile(text);
  if (!parsed.ok) throw new Error('the benchmark codebook does not read');
  return parsed.value;
}

async function suggestInWorker(
  codebookText: string,
  values: number,
  known: number,
): Promise<WorkerSuggestRun> {
  const codebook = benchCodebook(codebookText);
  const raws = syntheticValues(codebook, values, 3).map((v) => v.raw);
  const knownValues = new Map<string, KnownValue>(
    syntheticValues(codebook, known, 4).map((v) => [v.raw, { code: v.code, status: 'approved' }]),
  );
  const worker = suggestWorker();
  const key = `bench/${round++}`;
  const t0 = performance.now();
  await worker.init(key, codebook, knownValues, defaultProfile);
  const t1 = performance.now();
  const out = await worker.suggest(key, raws, 3);
  const t2 = performance.now();
  await worker.drop(key);
  return {
    initMs: t1 - t0,
    suggestMs: t2 - t1,
    suggested: out.filter((s) => s.length > 0).length,
  };
}

export interface WorkerRefreshRun {
  /** From the approval sent to the worker until the moved values' suggestions are back. */
  readonly refreshMs: number;
  /** Values whose suggestions the approval may have moved (suggested again). */
  readonly moved: number;
}

/**
 * Issue 12 item 2: after one approval, how soon the grid's suggestions are up to date. The worker
 * holds `values` values suggested zero-shot (as the app leaves them); one of them is approved, and
 * what src/state/suggestions.ts does next is timed: `learn` with the change, then `suggest` and
 * `combined` for the values the worker says may have moved.
 */
async function refreshAfterApproval(
  codebookText: string,
  values: number,
  approved: number,
): Promise<WorkerRefreshRun> {
  const codebook = benchCodebook(codebookText);
  const synthetic = syntheticValues(codebook, values, 3);
  const raws = synthetic.map((v) => v.raw);
  const worker = suggestWorker();
  const key = `bench/${round++}`;
  await worker.init(key, codebook, new Map(), defaultProfile);
  await worker.suggest(key, raws, 3);
  const value = synthetic[approved % synthetic.length];
  if (!value) throw new Error('no value to approve');
  const t0 = performance.now();
  const moved = await worker.learn(
    key,
    new Map([[value.raw, { code: value.code, status: 'approved' }]]),
  );
  await worker.suggest(key, moved, 3);
  await worker.combined(key, moved.filter(mayBeCombined));
  const t1 = performance.now();
  await worker.drop(key);
  return { refreshMs: t1 - t0, moved: moved.length };
}

declare global {
  interface Window {
    kodbokSuggestBench: {
      suggestInWorker: typeof suggestInWorker;
      refreshAfterApproval: typeof refreshAfterApproval;
    };
  }
}

window.kodbokSuggestBench = { suggestInWorker, refreshAfterApproval };
