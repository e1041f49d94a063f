// Browser benchmarks, built with the app's own Vite config and driven by scripts/bench.mjs in
// headless Chromium: grid ready and scrolling at 1 300 and 50 000 values, and bulk actions
// persisted to a real IndexedDB with strict durability.
import { createRoot, type Root } from 'react-dom/client';
import { starterCodebooks } from '../../../src/core/demo/codebooks';
import { leaves } from '../../../src/core/codebook';
import { newRawValue } from '../../../src/core/decide';
import type { RawValue, Suggestion } from '../../../src/core/types';
import { KodbokDb, type ValueRow } from '../../../src/db/db';
import { applyBulkDecision, loadValues } from '../../../src/db/repo';
import { translate } from '../../../src/i18n';
import { KeyFlow } from '../../../src/ui/grid/keyflow';
import { buildRows } from '../../../src/ui/grid/rows';
import { ValuesGrid } from '../../../src/ui/grid/ValuesGrid';
import { registerGridModules } from '../../../src/ui/grid-modules';
import '../../../src/ui/styles.css';
import { seeded } from './bulk-probe';
import { dropPerRow, perRowCopy, perRowRange } from './per-row-floor';
import './import-bench';
import './import-suggest-bench';
import './keys-bench';
import { mountPlainGrid, unmountPlainGrid } from './plain-grid';
import './suggest-bench';
import './team-bench';

registerGridModules();

const codebook =
  starterCodebooks.find((c) => c.variable === 'aktualiseringsorsak') ?? starterCodebooks[0]!;
const leafCodes = leaves(codebook).map((c) => c.code);
const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('sv', key, params);

/** n synthetic values with Zipf-like frequencies, some coded, each with a suggestion. */
function synthetic(n: number): { values: RawValue[]; suggestions: Map<string, Suggestion[]> } {
  const values: RawValue[] = [];
  const suggestions = new Map<string, Suggestion[]>();
  for (let i = 0; i < n; i++) {
    const raw = `Värde ${i} missbruk förälder B/U ${i % 97}`;
    const code = leafCodes[i % leafCodes.length]!;
    const v = newRawValue(
      'aktualiseringsorsak',
      raw,
      Math.max(1, Math.floor(50_000 / (i + 1))),
      1 + (i % 97),
    );
    values.push(i % 3 === 0 ? { ...v, code, status: 'coded', codedBy: 'anna' } : v);
    suggestions.set(raw, [{ code, score: 0.8, via: `label: ${code}` }]);
  }
  return { values, suggestions };
}

let root: Root | null = null;

function nextFrame(): Promise<number> {
  return new Promise((r) => requestAnimationFrame(r));
}

async function waitFor(test: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = performance.now();
  while (!test()) {
    if (performance.now() - start > timeoutMs) throw new Error('timed out');
    await nextFrame();
  }
}

/** ms from data loaded (values + suggestions in memory) to rows painted in the grid. */
async function gridReady(n: number): Promise<number> {
  root?.unmount();
  unmountPlainGrid();
  document.getElementById('root')!.innerHTML = '';
  const { values, suggestions } = synthetic(n);
  await nextFrame();
  const start = performance.now();
  root = createRoot(document.getElementById('root')!);
  const rows = buildRows(values, suggestions, codebook, t);
  root.render(
    <div style={{ height: '800px', display: 'flex' }}>
      <ValuesGrid
        rows={rows}
        t={t}
        lang="sv"
        quick=""
        statuses={[]}
        categories={null}
        onlyNew={false}
        showNew={false}
        filterModel={null}
        sortModel={null}
        clustered={false}
        allSuggestions={false}
        flow={
          new KeyFlow(
            {
              focusedRaw: () => null,
              indexOf: () => null,
              rawAt: () => undefined,
              focusIndex: () => undefined,
            },
            () => [],
          )
        }
        onFocusRow={() => undefined}
        onApi={() => undefined}
        onSelection={() => undefined}
        onShown={() => undefined}
        onFilterModel={() => undefined}
        onSortModel={() => undefined}
        onNote={() => undefined}
        onKey={() => false}
        openNotes={null}
      />
    </div>,
  );
  await waitFor(() => document.querySelectorAll('.ag-row [col-id="raw"]').length > 5);
  await nextFrame();
  return performance.now() - start;
}

/**
 * Paired with gridReady: the same values (data loaded) to rows painted in a plain ag-grid with the
 * same columns (plain-grid.tsx), no app.
 */
async function gridReadyPlain(n: number): Promise<number> {
  root?.unmount();
  root = null;
  const { values } = synthetic(n);
  await nextFrame();
  const start = performance.now();
  mountPlainGrid(values, false);
  await waitFor(() => document.querySelectorAll('.ag-row [col-id="raw"]').length > 5);
  await nextFrame();
  return performance.now() - start;
}

/**
 * Scrolls the grid and returns frame times in ms: `jump` moves through the whole list in 120
 * frames (dragging the scrollbar), `wheel` by 240 px a frame (a fast mouse wheel).
 */
async function scroll(mode: 'jump' | 'wheel', steps = 120): Promise<number[]> {
  // The grid's vertical scroller: whichever element inside it scrolls the rows.
  const viewport = [...document.querySelectorAll<HTMLElement>('.ag-root-wrapper *')]
    .filter(
      (el) =>
        el.scrollHeight > el.clientHeight + 100 &&
        /auto|scroll/.test(getComputedStyle(el).overflowY),
    )
    .sort((a, b) => b.scrollHeight - a.scrollHeight)[0];
  if (!viewport) throw new Error('no grid scroller');
  const frames: number[] = [];
  let last = await nextFrame();
  const max = viewport.scrollHeight - viewport.clientHeight;
  viewport.scrollTop = 0;
  await nextFrame();
  for (let i = 1; i <= steps; i++) {
    viewport.scrollTop = mode === 'jump' ? (max * i) / steps : Math.min(max, i * 240);
    const now = await nextFrame();
    frames.push(now - last);
    last = now;
  }
  return frames;
}

/**
 * ms to persist one bulk decision on n values (applyBulkDecision: one strict transaction), and
 * paired with it a plain read and write of the same rows (the floor), `runs` times each.
 */
async function bulk(n: number, runs = 5): Promise<{ times: number[]; baseline: number[] }> {
  const { db, project: id, raws } = await seeded(n, 'bench');
  const project = { id };
  const floorDb = await perRowCopy(
    `${db.name}-floor`,
    await loadValues(db, id, 'aktualiseringsorsak'),
  );
  const times: number[] = [];
  const baseline: number[] = [];
  const assign = async (r: number) => {
    const start = performance.now();
    const out = await applyBulkDecision(db, {
      project: project.id,
      variable: 'aktualiseringsorsak',
      raws,
      input: { kind: 'assign', code: leafCodes[r % leafCodes.length]! },
      by: 'bench',
    });
    times.push(performance.now() - start);
    if (out.changed !== n) throw new Error(`changed ${out.changed} of ${n}`);
  };
  // The floor under the action: the same rows read and written back in one strict transaction
  // with nothing decided (no rules, no history), plain Dexie, one row per value as schema v4
  // kept them (per-row-floor.ts): the same floor before and after values moved into pages.
  const plain = async () => {
    const start = performance.now();
    const values = floorDb.table<ValueRow>('values');
    await floorDb.transaction('rw', values, async () => {
      const rows = await perRowRange(floorDb, project.id, 'aktualiseringsorsak').toArray();
      const at = new Date().toISOString();
      await values.bulkPut(rows.map((v) => ({ ...v, updatedAt: at })));
    });
    baseline.push(performance.now() - start);
  };
  for (let r = 0; r < runs; r++) {
    // Alternating order: neither side always runs first.
    if (r % 2 === 0) {
      await assign(r);
      await plain();
    } else {
      await plain();
      await assign(r);
    }
  }
  db.close();
  await KodbokDb.delete(db.name);
  await dropPerRow(floorDb);
  return { times, baseline };
}

declare global {
  interface Window {
    kodbokBench: {
      gridReady: typeof gridReady;
      gridReadyPlain: typeof gridReadyPlain;
      scroll: typeof scroll;
      bulk: typeof bulk;
    };
  }
}
window.kodbokBench = { gridReady, gridReadyPlain, scroll, bulk };
document.title = 'ready';
