// Suggestion benchmark in the browser (issue 4, B): 1 300 values against the codebook and 1 300
// approved values, in the app's own suggestion worker (src/workers/suggest.worker.ts), timed on the
// page as the app waits for it: the engine built from the codebook and the known values (`init`),
// then one `suggest` call for all values (as src/state/suggestions.ts sends them), each a full
// round trip with structured cloning. The values are the Node benchmark's (test/bench/synthetic.ts).
import { readCodebookFile } from '../../../src/core/formats/codebook';
import type { KnownValue } from '../../../src/core/suggest/engine';
import { defaultProfile } from '../../../src/core/suggest/profile';
import { suggestWorker } from '../../../src/workers/client';
import { syntheticValues } from '../synthetic';

export interface WorkerSuggestRun {
  readonly initMs: number;
  readonly suggestMs: number;
  /** Values with at least one suggestion: the work was really done. */
  readonly suggested: number;
}

let round = 0;

async function suggestInWorker(
  codebookText: string,
  values: number,
  known: number,
): Promise<WorkerSuggestRun> {
  const parsed = readCodebookFile(codebookText);
  if (!parsed.ok) throw new Error('the benchmark codebook does not read');
  const codebook = parsed.value;
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

declare global {
  interface Window {
    kodbokSuggestBench: { suggestInWorker: typeof suggestInWorker };
  }
}

window.kodbokSuggestBench = { suggestInWorker };
