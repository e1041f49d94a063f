// Import benchmarks, in the browser: the demo data written as one CSV (220 000 and 1 000 000
// rows) and as one XLSX, read by the import worker's own code (inspect, read = parse + count,
// build = split), here on the page's thread so that its JS heap can be watched. Setting up
// the file (generating, writing) is not measured; the file is a Blob, as a picked File is.
import * as XLSX from '@e965/xlsx';
import Papa from 'papaparse';
import { generateDemo } from '../../../src/core/demo/generate';
import { guessColumns } from '../../../src/core/import-columns';
import { CellCounter, splitCounted } from '../../../src/core/import-count';
import type { SplitConfig, VariableId } from '../../../src/core/types';
import { newRawValue } from '../../../src/core/decide';
import { KodbokDb, type ValueRow } from '../../../src/db/db';
import { createProject, importFiles, loadValues, undoImport } from '../../../src/db/repo';
import { dropPerRow, perRowCopy, perRowRange } from './per-row-floor';
import { ImportSession, inspectFile } from '../../../src/workers/import-session';
import { demoCsvChunks } from '../../support/demo-csv';
import { demoXlsx } from '../../support/demo-xlsx';

const VARIABLES = ['kön', 'aktualiseringstyp', 'aktualiseringsorsak', 'åtgärd'].map((id) => ({
  id,
  label: id,
}));

let prepared: {
  name: string;
  blob: Blob;
  split: ReadonlyMap<VariableId, SplitConfig>;
} | null = null;

/** Writes the demo as a file in memory; returns its size in bytes. */
async function prepareImport(kind: 'csv' | 'xlsx', rows: number): Promise<number> {
  prepared = null;
  const data = generateDemo({ rows });
  const encoder = new TextEncoder();
  const blob =
    kind === 'csv'
      ? new Blob(demoCsvChunks(data, ';').map((chunk) => encoder.encode(chunk)))
      : new Blob([demoXlsx(data)]);
  prepared = { name: `demo.${kind}`, blob, split: data.split };
  return blob.size;
}

interface MemoryInfo {
  readonly usedJSHeapSize: number;
}

function heap(): number {
  return (performance as Performance & { memory?: MemoryInfo }).memory?.usedJSHeapSize ?? 0;
}

export interface ImportRun {
  readonly inspectMs: number;
  readonly readMs: number;
  readonly buildMs: number;
  readonly rows: number;
  readonly values: number;
  /** JS heap before the run and its peak during it, bytes (performance.memory). */
  readonly baseHeap: number;
  readonly peakHeap: number;
}

/** Inspects, reads (parse + count) and builds (split) the prepared file, as an import does. */
async function runImport(): Promise<ImportRun> {
  if (!prepared) throw new Error('prepareImport first');
  const { name, blob, split } = prepared;
  const baseHeap = heap();
  let peakHeap = baseHeap;
  const sample = () => {
    peakHeap = Math.max(peakHeap, heap());
  };
  const timer = setInterval(sample, 20);
  try {
    const t0 = performance.now();
    const inspected = await inspectFile(blob, name);
    if (!inspected.ok) throw new Error(inspected.problem.message);
    const t1 = performance.now();
    const { headers } = inspected.value;
    const mapping = guessColumns(headers, VARIABLES);
    const session = new ImportSession();
    const read = await session.read(
      'bench',
      blob,
      name,
      { settings: {}, mapping, municipality: 'demo', headers },
      sample,
    );
    if (!read.ok) throw new Error(read.problem.message);
    const t2 = performance.now();
    const built = session.build(
      new Map(mapping.variables.map(([, v]) => [v, split.get(v) ?? { separators: [] }])),
    );
    const t3 = performance.now();
    sample();
    return {
      inspectMs: t1 - t0,
      readMs: t2 - t1,
      buildMs: t3 - t2,
      rows: read.value.rows,
      values: built.reduce((n, c) => n + c.values.size, 0),
      baseHeap,
      peakHeap,
    };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The paired baseline of runImport: the same bytes parsed by the library alone on the same thread,
 * no inspect, no count, no split: for a CSV, decoded as UTF-8 and given to one `Papa.parse` call
 * (`;`); for an XLSX, SheetJS `read` and `sheet_to_json` (rows as arrays) of its first sheet.
 * Returns ms and the data rows parsed (the header row not counted).
 */
async function runBaseline(): Promise<{ ms: number; rows: number }> {
  if (!prepared) throw new Error('prepareImport first');
  const { name, blob } = prepared;
  const t0 = performance.now();
  const bytes = await blob.arrayBuffer();
  let rows: number;
  if (name.endsWith('.csv')) {
    const parsed = Papa.parse<string[]>(new TextDecoder('utf-8').decode(bytes), {
      delimiter: ';',
      skipEmptyLines: true,
    });
    rows = parsed.data.length - 1;
  } else {
    const book = XLSX.read(bytes, { type: 'array', dense: true });
    const sheet = book.Sheets[book.SheetNames[0] ?? ''];
    if (!sheet) throw new Error('no sheet');
    rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 }).length - 1;
  }
  return { ms: performance.now() - t0, rows };
}

declare global {
  interface Window {
    kodbokImportBench: {
      prepareImport: typeof prepareImport;
      runImport: typeof runImport;
      runBaseline: typeof runBaseline;
      commitAtScale: typeof commitAtScale;
    };
  }
}

/**
 * ms to commit one import of `n` single values (half of them new, each from 3 municipalities,
 * in 2n cells) into a project that has `n` values: the one transaction of issue 3 at national
 * scale. Returns the commit's and the undo's time.
 */
async function commitAtScale(
  n: number,
  floorFirst = false,
): Promise<{ commitMs: number; undoMs: number; floorCommitMs: number; floorUndoMs: number }> {
  const db = new KodbokDb(`kodbok-bench-import-${n}-${Date.now()}`);
  const variable = 'aktualiseringsorsak';
  const existing = new Map<
    string,
    { frequency: number; municipalities: number; combinations: number }
  >();
  for (let i = 0; i < n; i++)
    existing.set(`Värde ${i}`, { frequency: 3, municipalities: 3, combinations: 1 });
  const project = await createProject(db, {
    name: 'bench',
    demo: false,
    variables: [
      {
        id: variable,
        label: 'Orsak',
        codebook: { id: 'c', variable, categories: [] },
        split: { separators: [';'] },
        order: 0,
      },
    ],
    values: new Map([[variable, existing]]),
  });
  const cells = new CellCounter();
  for (let i = n / 2; i < n + n / 2; i++) {
    for (const m of ['Gävle', 'Umeå', 'Åre']) cells.add(`Värde ${i}`, m);
    cells.add(`Värde ${i};Värde ${i + 1}`, 'Gävle');
  }
  const counted = splitCounted(variable, cells.cells, { separators: [';'] });
  // The floor works on a per-row copy of the same values (schema v4's layout, per-row-floor.ts).
  const floorDb = await perRowCopy(`${db.name}-floor`, await loadValues(db, project.id, variable));
  const rows = floorDb.table<ValueRow>('values');
  const real = async () => {
    const t0 = performance.now();
    const r = await importFiles(db, {
      project: project.id,
      by: 'bench',
      files: [],
      variables: [counted],
    });
    const t1 = performance.now();
    const u = await undoImport(db, project.id, r.id, 'bench');
    const t2 = performance.now();
    // The last cell brings one more value (`Värde ${n + n / 2}`).
    if (r.added !== n / 2 + 1 || !u.ok)
      throw new Error(`unexpected ${JSON.stringify(r)} ${JSON.stringify(u)}`);
    return { commitMs: t1 - t0, undoMs: t2 - t1 };
  };
  // The paired floor, plain Dexie on one row per value, one strict transaction each: the
  // variable's rows read, the values the import touches written (the n / 2 it counts again, the
  // n / 2 + 1 it adds); then the added ones deleted and the others written back as they were.
  const floor = async () => {
    const range = perRowRange(floorDb, project.id, variable);
    const t0 = performance.now();
    let before: ValueRow[] = [];
    const added: ValueRow[] = [];
    await floorDb.transaction('rw', rows, async () => {
      before = (await range.toArray()).slice(n / 2);
      for (let i = n; i <= n + n / 2; i++)
        added.push({ ...newRawValue(variable, `Värde ${i}`, 3, 3), project: project.id });
      await rows.bulkPut([...before.map((v) => ({ ...v, frequency: 6 })), ...added]);
    });
    const t1 = performance.now();
    await floorDb.transaction('rw', rows, async () => {
      await range.toArray();
      await rows.bulkDelete(
        added.map((v): [string, string, string] => [v.project, variable, v.raw]),
      );
      await rows.bulkPut(before);
    });
    const t2 = performance.now();
    return { floorCommitMs: t1 - t0, floorUndoMs: t2 - t1 };
  };
  // Alternating order between calls: neither side always runs on the fresher database.
  let out;
  if (floorFirst) {
    const f = await floor();
    out = { ...(await real()), ...f };
  } else {
    const r = await real();
    out = { ...r, ...(await floor()) };
  }
  db.close();
  await KodbokDb.delete(db.name);
  await dropPerRow(floorDb);
  return out;
}

window.kodbokImportBench = { prepareImport, runImport, runBaseline, commitAtScale };
