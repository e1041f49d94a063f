// The baseline of the grid figures (issue 14 item 6): a plain ag-grid with the same rows and the
// same columns as the workbench's grid, no app around it (no store, no worker, no renderers of
// its own), and a plain input that sets ag-grid's quick filter on every key. What the grid
// figures cost above this is what the app adds.
import { themeQuartz, type ColDef, type GridApi } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { aktualiseringsorsak } from '../../../src/core/demo/codebooks';
import { newRawValue } from '../../../src/core/decide';
import type { RawValue } from '../../../src/core/types';
import { syntheticValues } from '../synthetic';

// As the workbench's grid: the same row height and theme.
const theme = themeQuartz.withParams({ rowHeight: 30 });

/** The workbench's columns by field, width and filter, plainly. */
const columns: ColDef<RawValue>[] = [
  { field: 'raw', flex: 2, minWidth: 220, filter: 'agTextColumnFilter' },
  { field: 'frequency', width: 100, filter: 'agNumberColumnFilter', sort: 'desc' },
  { field: 'status', width: 130, filter: 'agTextColumnFilter' },
  { field: 'note', width: 160, filter: 'agTextColumnFilter' },
  { field: 'code', flex: 2, minWidth: 200, filter: 'agTextColumnFilter' },
  { colId: 'suggestion', flex: 2, minWidth: 200, filter: 'agTextColumnFilter' },
  { colId: 'combined', width: 120, filter: 'agTextColumnFilter' },
  { colId: 'share', width: 90, filter: 'agNumberColumnFilter' },
  { field: 'municipalities', width: 110, filter: 'agNumberColumnFilter' },
  { colId: 'score', width: 90, filter: 'agNumberColumnFilter' },
  { field: 'codedBy', width: 110, filter: 'agTextColumnFilter' },
  { field: 'reviewedBy', width: 110, filter: 'agTextColumnFilter' },
  { field: 'updatedAt', width: 170, filter: 'agTextColumnFilter' },
];

function PlainGrid({ rows, search }: { rows: readonly RawValue[]; search: boolean }) {
  const [api, setApi] = useState<GridApi<RawValue> | null>(null);
  return (
    <div style={{ height: '800px', display: 'flex', flexDirection: 'column' }}>
      {search && (
        <input
          className="quick"
          onInput={(e) => {
            const text = e.currentTarget.value;
            api?.setGridOption('quickFilterText', text);
            // The keys benchmark waits for this, as it does for the workbench's grid.
            const grid = document.querySelector<HTMLElement>('[data-testid="values-grid"]');
            if (grid) grid.dataset.search = text;
          }}
        />
      )}
      <div data-testid="values-grid" data-search="" style={{ flex: 1 }}>
        <AgGridReact<RawValue>
          theme={theme}
          rowData={rows as RawValue[]}
          columnDefs={columns}
          getRowId={(p) => p.data.raw}
          onGridReady={(e) => setApi(e.api)}
        />
      </div>
    </div>
  );
}

let root: Root | null = null;

/** Mounts the plain grid on #root with these rows (and the search input); replaces any before. */
export function mountPlainGrid(rows: readonly RawValue[], search: boolean): void {
  root?.unmount();
  document.getElementById('root')!.innerHTML = '';
  root = createRoot(document.getElementById('root')!);
  root.render(<PlainGrid rows={rows} search={search} />);
}

/** Unmounts the plain grid. */
export function unmountPlainGrid(): void {
  root?.unmount();
  root = null;
}

/** The keys benchmark's project as plain rows: the same values and frequencies (keys-bench seed). */
export function seedRows(n: number): RawValue[] {
  return syntheticValues(aktualiseringsorsak, n, 7, n > 5000).map((v, i) => {
    const value = newRawValue(
      'aktualiseringsorsak',
      v.raw,
      Math.max(1, Math.floor(50_000 / (i + 1))),
      1 + (i % 97),
    );
    // The same earlier work as the seeded project: a fifth approved, a fifth coded.
    if (i % 5 === 1)
      return { ...value, code: v.code, status: 'approved', codedBy: 'x', reviewedBy: 'y' };
    if (i % 5 === 2) return { ...value, code: v.code, status: 'coded', codedBy: 'x' };
    return value;
  });
}

/** Opens the plain page of the keys benchmark: n values, the search input; ms to rows painted. */
async function openPlain(n: number): Promise<number> {
  const rows = seedRows(n);
  const start = performance.now();
  mountPlainGrid(rows, true);
  while (document.querySelectorAll('.ag-row [col-id="raw"]').length < 5)
    await new Promise((r) => requestAnimationFrame(r));
  return performance.now() - start;
}

declare global {
  interface Window {
    kodbokPlainGrid: { openPlain: typeof openPlain };
  }
}
window.kodbokPlainGrid = { openPlain };
