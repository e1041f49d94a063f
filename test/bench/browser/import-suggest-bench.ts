// Suggestions after a big import (issue 14 item 3), in the whole app: scripts/bench.mjs opens the
// app on a seeded project (kodbokKeysBench.openApp), imports a file of n new distinct values
// through the import dialog, and this module watches from the moment the import's transaction
// committed until every new value's suggestion is in the grid's own row data (ag-grid's model,
// not only the store), and the main thread's long tasks in that window (is the grid usable?).

import { getGridApi, type GridApi } from 'ag-grid-community';
import { aktualiseringsorsak } from '../../../src/core/demo/codebooks';
import { get, useApp } from '../../../src/state/app';
import { useImport } from '../../../src/state/import';
import type { GridRow } from '../../../src/ui/grid/rows';
import type { KnownValue } from '../../../src/core/suggest/engine';
import { syntheticValues } from '../synthetic';
import { baselineWorker } from './suggest-bench';

const KOMMUNER = ['Gävle', 'Umeå', 'Åre', 'Malmö', 'Luleå', 'Växjö', 'Borås', 'Örebro'];

let expected: string[] = [];

/**
 * A CSV (`;`, UTF-8) of n distinct values none of which the project holds: the codebook's reasons
 * as case workers write them (prefixes, persons, ages, qualifiers, typing slips; test/bench/
 * synthetic.ts), each in one row with a municipality. Returns the file's text.
 */
function importCsv(n: number, seed: number): string {
  const fresh = freshValues(new Set(get().values.map((v) => v.raw)), n, seed);
  expected = fresh;
  const lines = ['kommun;aktualiseringsorsak'];
  // A value with `;` or a quote would need quoting: the synthetic values have neither.
  fresh.forEach((raw, i) => lines.push(`${KOMMUNER[i % KOMMUNER.length]};${raw}`));
  return lines.join('\r\n') + '\r\n';
}

/** n distinct synthetic values (seeded) that `have` does not hold. */
function freshValues(have: ReadonlySet<string>, n: number, seed: number): string[] {
  const fresh: string[] = [];
  for (const { raw } of syntheticValues(aktualiseringsorsak, n + have.size, seed))
    if (!have.has(raw) && fresh.length < n) fresh.push(raw);
  if (fresh.length < n) throw new Error(`only ${fresh.length} new values`);
  return fresh;
}

/**
 * The paired baseline, without the app: the engine's own suggest of the same n new values in a
 * worker (the benchmarks' own, baseline.worker.ts), built from the same codebook and the seeded
 * project's coded and approved values (keys-bench.tsx seed, 1 300 values): ms from the call to
 * every value's top 3 back on the page, and how many values got one. The worker is warmed first
 * on the project's own values, as the app's worker is when an import commits.
 */
async function engineBaseline(n: number, seed: number): Promise<{ ms: number; matched: number }> {
  const project = syntheticValues(aktualiseringsorsak, 1300, 7);
  const known = new Map<string, KnownValue>();
  project.forEach((v, i) => {
    if (i % 5 === 1) known.set(v.raw, { code: v.code, status: 'approved' });
    else if (i % 5 === 2) known.set(v.raw, { code: v.code, status: 'coded' });
  });
  const fresh = freshValues(new Set(project.map((v) => v.raw)), n, seed);
  // As the app's worker is when the import commits: started, its code compiled (not timed).
  await baselineWorker().engineSuggest(
    aktualiseringsorsak,
    known,
    project.map((v) => v.raw),
    3,
  );
  const t0 = performance.now();
  const matched = await baselineWorker().engineSuggest(aktualiseringsorsak, known, fresh, 3);
  return { ms: performance.now() - t0, matched };
}

interface Watch {
  /** ms from the commit to every new value's suggestion in the grid's row data. */
  readonly doneMs: number;
  /** Longest main-thread task in that window, and how many took over 50 / 200 ms. */
  readonly longestTaskMs: number;
  readonly tasksOver50: number;
  readonly tasksOver200: number;
  /** Sum of the long tasks in the window, ms (main thread busy in tasks over 50 ms). */
  readonly longTasksMs: number;
  /** ms from the commit to the first suggestions written to the store, and to the last. */
  readonly firstBatchMs: number;
  readonly lastBatchMs: number;
  /**
   * ms from the click (the dialog starts committing) to the commit: the import's transaction. The
   * app starts suggesting the new values at the click (state/suggestions.ts suggestAhead), so
   * doneMs + commitMs is the time the person waits from the click.
   */
  readonly commitMs: number;
  readonly values: number;
  readonly withSuggestion: number;
}

let watching: Promise<Watch> | null = null;

function gridApi(): GridApi<GridRow> | undefined {
  const root = document.querySelector('.ag-root-wrapper');
  return root ? (getGridApi(root as HTMLElement) as GridApi<GridRow> | undefined) : undefined;
}

/** Every expected value is in the store's suggestions and the grid's row shows its top one. */
function allInGrid(): { done: boolean; withSuggestion: number } {
  const s = get();
  if (s.suggesting !== null) return { done: false, withSuggestion: 0 };
  for (const raw of expected)
    if (!s.suggestions.has(raw)) return { done: false, withSuggestion: 0 };
  const api = gridApi();
  if (!api) return { done: false, withSuggestion: 0 };
  let withSuggestion = 0;
  for (const raw of expected) {
    const row = api.getRowNode(raw)?.data;
    const top = s.suggestions.get(raw)?.[0]?.code ?? null;
    if (!row || row.suggestionCode !== top) return { done: false, withSuggestion: 0 };
    if (top !== null) withSuggestion++;
  }
  return { done: true, withSuggestion };
}

/**
 * Starts watching before the commit is clicked: the window opens when the import's transaction
 * resolved (the dialog's step becomes `done`) and closes when allInGrid holds, or fails after
 * `timeoutMs` with what was missing.
 */
function watch(timeoutMs: number): void {
  const tasks: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
  });
  observer.observe({ type: 'longtask', buffered: false });
  watching = new Promise<Watch>((resolve, reject) => {
    let clicked: number | null = null;
    let committed: number | null = null;
    const batches: number[] = [];
    const unsubscribeImport = useImport.subscribe((s) => {
      if (clicked === null && s.committing) clicked = performance.now();
      if (committed === null && s.step === 'done') committed = performance.now();
    });
    const unsubscribeApp = useApp.subscribe((s, prev) => {
      if (committed !== null && s.suggestions !== prev.suggestions) batches.push(performance.now());
    });
    const unsubscribe = () => {
      unsubscribeImport();
      unsubscribeApp();
    };
    const started = performance.now();
    const check = () => {
      const now = performance.now();
      if (committed !== null) {
        const { done, withSuggestion } = allInGrid();
        if (done) {
          unsubscribe();
          // Tasks still being reported for the last frame: take them after one more frame.
          requestAnimationFrame(() => {
            observer.disconnect();
            const inWindow = tasks.filter((t) => t.start + t.duration >= (committed as number));
            resolve({
              doneMs: now - (committed as number),
              longestTaskMs: Math.max(0, ...inWindow.map((t) => t.duration)),
              tasksOver50: inWindow.length,
              tasksOver200: inWindow.filter((t) => t.duration > 200).length,
              longTasksMs: inWindow.reduce((a, t) => a + t.duration, 0),
              firstBatchMs: (batches[0] ?? now) - (committed as number),
              lastBatchMs: (batches.at(-1) ?? now) - (committed as number),
              commitMs: (committed as number) - (clicked ?? (committed as number)),
              values: expected.length,
              withSuggestion,
            });
          });
          return;
        }
      }
      if (now - started > timeoutMs) {
        unsubscribe();
        observer.disconnect();
        const s = get();
        const missing = expected.filter((raw) => !s.suggestions.has(raw)).length;
        reject(
          new Error(
            committed === null
              ? `the import did not commit within ${timeoutMs} ms`
              : `after ${Math.round(now - committed)} ms, ${missing} of ${expected.length} new values have no suggestion in the store (suggesting: ${JSON.stringify(s.suggesting)}), or the grid does not show them yet`,
          ),
        );
        return;
      }
      setTimeout(check, 25);
    };
    check();
  });
}

async function result(): Promise<Watch> {
  if (!watching) throw new Error('watch first');
  return watching;
}

declare global {
  interface Window {
    kodbokImportSuggestBench: {
      importCsv: typeof importCsv;
      engineBaseline: typeof engineBaseline;
      watch: typeof watch;
      result: typeof result;
    };
  }
}
window.kodbokImportSuggestBench = { importCsv, engineBaseline, watch, result };
