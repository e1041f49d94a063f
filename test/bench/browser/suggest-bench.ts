// Suggestion benchmark in the browser (issue 4, B): 1 300 values against the codebook and 1 300
// approved values, in the app's own suggestion worker (src/workers/suggest.worker.ts), timed on the
// page as the app waits for it: the engine built from the codebook and the known values (`init`),
// then one `suggest` call for all values (as src/state/suggestions.ts sends them), each a full
// round trip with structured cloning. The values are the Node benchmark's (test/bench/synthetic.ts).
import * as Comlink from 'comlink';
import { leaves } from '../../../src/core/codebook';
import { readCodebookFile } from '../../../src/core/formats/codebook';
import { mayBeCombined } from '../../../src/core/suggest/combined';
import { createEngine, type KnownValue } from '../../../src/core/suggest/engine';
import {
  defaultProfile,
  englishProfile,
  neutralProfile,
  type SuggestProfile,
} from '../../../src/core/suggest/profile';
import type { Codebook } from '../../../src/core/types';
import { suggestWorker } from '../../../src/workers/client';
import { unpackSuggestions } from '../../../src/workers/suggestion-wire';
import { madeUpValues, rawsOfTsv } from '../made-up-values';
import { syntheticValues } from '../synthetic';
import type { BaselineHandlers } from './baseline.worker';

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

/** B's workload: the values to suggest and the approved values the engine learns from. */
function workload(codebookText: string, values: number, known: number) {
  const codebook = benchCodebook(codebookText);
  const raws = syntheticValues(codebook, values, 3).map((v) => v.raw);
  const knownValues = new Map<string, KnownValue>(
    syntheticValues(codebook, known, 4).map((v) => [v.raw, { code: v.code, status: 'approved' }]),
  );
  return { codebook, raws, knownValues };
}

let baseline: Comlink.Remote<BaselineHandlers> | null = null;

/** The benchmarks' own worker (baseline.worker.ts): plain references, no app. */
export function baselineWorker(): Comlink.Remote<BaselineHandlers> {
  baseline ??= Comlink.wrap<BaselineHandlers>(
    new Worker(new URL('./baseline.worker.ts', import.meta.url), { type: 'module' }),
  );
  return baseline;
}

/** A plain reference's run: ms, and how many values it matched (the work was really done). */
export interface BaselineRun {
  readonly ms: number;
  readonly matched: number;
}

/**
 * Paired with the app's worker: string-similarity's findBestMatch of the same values against the
 * codebook's labels and synonyms, in a worker of its own (round trip from the page included).
 */
async function referenceInWorker(codebookText: string, values: number): Promise<BaselineRun> {
  const { codebook, raws } = workload(codebookText, values, 0);
  const targets = leaves(codebook).flatMap((c) => [c.label, ...(c.synonyms ?? [])]);
  const worker = baselineWorker();
  const t0 = performance.now();
  const matched = await worker.findBest(
    raws,
    targets.map((t) => t.toLowerCase()),
  );
  return { ms: performance.now() - t0, matched };
}

/** Paired with the app's worker: the same engine built and asked on the page's own thread. */
function engineOnPage(codebookText: string, values: number, known: number): BaselineRun {
  const { codebook, raws, knownValues } = workload(codebookText, values, known);
  const t0 = performance.now();
  const engine = createEngine({ codebook, known: knownValues, profile: defaultProfile });
  const matched = raws.filter((raw) => engine.suggest(raw, 3).length > 0).length;
  return { ms: performance.now() - t0, matched };
}

/** One build + suggest in the app's worker, timed as the app waits for it. */
async function timeInWorker(
  codebook: Codebook,
  known: ReadonlyMap<string, KnownValue>,
  raws: readonly string[],
  profile: SuggestProfile,
): Promise<WorkerSuggestRun> {
  const worker = suggestWorker();
  const key = `bench/${round++}`;
  const t0 = performance.now();
  const problem = await worker.init(key, codebook, known, profile);
  if (problem) throw new Error(problem);
  const t1 = performance.now();
  const out = unpackSuggestions(await worker.suggest(key, raws, 3));
  const t2 = performance.now();
  await worker.drop(key);
  return {
    initMs: t1 - t0,
    suggestMs: t2 - t1,
    suggested: out.filter((s) => s.length > 0).length,
  };
}

async function suggestInWorker(
  codebookText: string,
  values: number,
  known: number,
): Promise<WorkerSuggestRun> {
  const { codebook, raws, knownValues } = workload(codebookText, values, known);
  return timeInWorker(codebook, knownValues, raws, defaultProfile);
}

/**
 * The English profile's cost in the app's worker: 1 300 values of an English codebook (a labelled
 * set's own 150, then made-up pairs of their words: test/bench/made-up-values.ts), build and
 * suggest with the English profile (word vectors, fetched by the worker from the app's origin on
 * its first use) or the neutral one; no decisions.
 */
async function otherInWorker(
  codebookText: string,
  valuesTsv: string,
  profile: 'en' | 'neutral',
): Promise<WorkerSuggestRun> {
  return timeInWorker(
    benchCodebook(codebookText),
    new Map(),
    madeUpValues(rawsOfTsv(valuesTsv), 1300),
    profile === 'en' ? englishProfile : neutralProfile,
  );
}

export interface WorkerRefreshRun {
  /** From the approval sent to the worker until the moved values' suggestions are back. */
  readonly refreshMs: number;
  /** Values whose suggestions the approval may have moved (suggested again). */
  readonly moved: number;
  /** Baseline: the same approval, then every value suggested again. */
  readonly fullMs: number;
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
  // Each side on an engine of its own, in the same state: built, every value suggested once.
  const ready = async () => {
    const key = `bench/${round++}`;
    await worker.init(key, codebook, new Map(), defaultProfile);
    await worker.suggest(key, raws, 3);
    return key;
  };
  const value = synthetic[approved % synthetic.length];
  if (!value) throw new Error('no value to approve');
  const approval = new Map([[value.raw, { code: value.code, status: 'approved' as const }]]);
  // The paired baseline: after the same approval, every value suggested again (no tracking of
  // what may have moved), in the same worker; the two run in alternating order.
  const incremental = async () => {
    const key = await ready();
    const t0 = performance.now();
    const moved = await worker.learn(key, approval);
    unpackSuggestions(await worker.suggest(key, moved, 3));
    await worker.combined(key, moved.filter(mayBeCombined));
    const ms = performance.now() - t0;
    await worker.drop(key);
    return { ms, moved: moved.length };
  };
  const everything = async () => {
    const key = await ready();
    const t0 = performance.now();
    await worker.learn(key, approval);
    unpackSuggestions(await worker.suggest(key, raws, 3));
    await worker.combined(key, raws.filter(mayBeCombined));
    const ms = performance.now() - t0;
    await worker.drop(key);
    return ms;
  };
  let inc: { ms: number; moved: number };
  let fullMs: number;
  if (approved % 2 === 0) {
    inc = await incremental();
    fullMs = await everything();
  } else {
    fullMs = await everything();
    inc = await incremental();
  }
  return { refreshMs: inc.ms, moved: inc.moved, fullMs };
}

declare global {
  interface Window {
    kodbokSuggestBench: {
      suggestInWorker: typeof suggestInWorker;
      referenceInWorker: typeof referenceInWorker;
      engineOnPage: typeof engineOnPage;
      refreshAfterApproval: typeof refreshAfterApproval;
      otherInWorker: typeof otherInWorker;
    };
  }
}

window.kodbokSuggestBench = {
  suggestInWorker,
  referenceInWorker,
  engineOnPage,
  refreshAfterApproval,
  otherInWorker,
};
