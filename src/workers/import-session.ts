// The import worker's work, as plain functions on a session (tests call them directly; the
// worker exposes them through comlink). A session holds what was counted per file, so the
// split can be changed and previewed without reading the files again; nothing here touches
// the database. Files are read from Blobs (a File handed from the page costs no copy).
//
// Reading a file in full: rows streamed in batches, counted per cell and municipality, with
// progress and cancel; ragged rows, over-long values and bad counts refused with their row.
import {
  cellRows,
  CellCounter,
  mergeCellYears,
  mergeCells,
  splitCounted,
  type CountedVariable,
} from '../core/import-count';
import { readYear } from '../core/year';
import {
  mappingProblem,
  parseCount,
  type ColumnMapping,
  type FileShape,
} from '../core/import-columns';
import {
  previewSplit,
  proposeSplit,
  type SeparatorStat,
  type SplitPreview,
} from '../core/split-preview';
import type { SplitConfig, VariableId } from '../core/types';
import type { Delimiter } from '../io/csv';
import type { TextEncoding } from '../io/decode';
import { quoted, streamTableFile, type TableIssue } from '../io/table';
import {
  MAX_VALUE_CHARS,
  bytesOf,
  problemOf,
  refuse,
  refuseRagged,
  sourceFields,
  type FileSettings,
  type Outcome,
} from './import-inspect';

export * from './import-inspect';

/** How to read a file: which column holds what, and the file's municipality. */
export interface ReadPlan {
  readonly settings: FileSettings;
  readonly mapping: ColumnMapping;
  /** Used for rows without a municipality column (or with an empty cell there). */
  readonly municipality: string;
  /** The year of every row when no column holds one; null or absent: no year. */
  readonly year?: number | null;
  /** The header the mapping was made for; a file whose header differs is refused. */
  readonly headers: readonly string[];
}

export interface VariableRead {
  readonly variable: VariableId;
  readonly rows: number;
  readonly emptyRows: number;
  readonly cells: number;
}

/** What reading a file found, for the dialog. */
export interface FileRead {
  readonly shape: FileShape;
  /** Data rows read (for a frequency list: its lines). */
  readonly rows: number;
  /** Rows the file stands for (a frequency list's counts summed). */
  readonly weight: number;
  readonly municipalities: number;
  readonly variables: readonly VariableRead[];
  readonly issues: readonly TableIssue[];
  readonly format: 'csv' | 'workbook';
  readonly encoding: TextEncoding | null;
  readonly delimiter: Delimiter | null;
  readonly sheet: string | null;
  readonly headerRow: number;
  /** SHA-256 of the file's bytes (hex): a file whose content was imported before is named. */
  readonly sha256: string;
  /** Reading and counting time, ms. */
  readonly ms: number;
  /** The years the rows have, ascending (empty: none has one). */
  readonly years: readonly number[];
  /** Rows of a year column whose cell names no year: counted under "no year". */
  readonly noYear: { readonly rows: number; readonly first: readonly number[] } | null;
}

/** How many row numbers of rows without a year a file's summary names. */
const NO_YEAR_NAMED = 5;

export interface ReadProgress {
  readonly file: string;
  readonly rows: number;
  readonly bytes: number;
  readonly totalBytes: number;
  /** `workbook`: SheetJS parses the whole workbook at once, without progress. */
  readonly phase: 'reading' | 'workbook';
}

interface Counted {
  readonly counters: Map<VariableId, CellCounter>;
}

/** SHA-256 of bytes as lowercase hex (Web Crypto: in workers, pages and Node alike). */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

function sameHeaders(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((h, i) => h === b[i]);
}

/** One import's files being read: what each file counted, kept until the import is built. */
export class ImportSession {
  private readonly files = new Map<string, Counted>();
  private readonly cellCache = new Map<VariableId, Map<string, number>>();

  /**
   * Reads a whole file and counts its cells per mapped variable. Streams (rows in batches,
   * progress, a cancel through `signal`); refuses ragged rows, over-long values and bad counts
   * with their row. Replaces what the file counted before.
   */
  async read(
    id: string,
    file: Blob,
    name: string,
    plan: ReadPlan,
    onProgress?: (p: ReadProgress) => void,
    signal?: AbortSignal,
  ): Promise<Outcome<FileRead>> {
    this.forget(id);
    const started = performance.now();
    try {
      const { mapping } = plan;
      const problem = mappingProblem(mapping, plan.headers);
      if (problem !== null)
        refuse(
          name,
          'mapping',
          `the columns are not mapped (${problem}): choose them first`,
          {},
          { problem },
        );
      const { bytes, inflated } = await bytesOf(file, name);
      const sha256 = await sha256Hex(bytes);
      const counters = new Map<VariableId, CellCounter>(
        mapping.variables.map(([, v]) => [v, new CellCounter()]),
      );
      const columns = mapping.variables.map(
        ([c, v]) => [c, counters.get(v) as CellCounter, plan.headers[c] ?? ''] as const,
      );
      const muniColumn = mapping.municipality;
      const countColumn = mapping.shape === 'frequencies' ? mapping.count : null;
      const yearColumn = mapping.year ?? null;
      const fileYear = yearColumn === null ? (plan.year ?? null) : null;
      const years = new Set<number>();
      let noYearRows = 0;
      const noYearFirst: number[] = [];
      const municipalities = new Set<string>();
      let width = plan.headers.length;
      let rows = 0;
      let weight = 0;
      let missingMunicipality = 0;
      let firstMissingMunicipality = 0;
      const issues: TableIssue[] = [];
      onProgress?.({
        file: name,
        rows: 0,
        bytes: 0,
        totalBytes: bytes.byteLength,
        phase: /\.(xlsx|xlsm|xls|xlsb|ods)$/i.test(name) ? 'workbook' : 'reading',
      });
      const summary = await streamTableFile(name, inflated ?? bytes, plan.settings, {
        signal,
        onHeaders(headers) {
          if (!sameHeaders(headers, plan.headers))
            refuse(
              name,
              'header-changed',
              `the header is now ${headers.map(quoted).join(', ')}, not the one the columns were chosen for; look at the file again`,
              {},
              { headers: headers.map(quoted).join(', ') },
            );
          width = headers.length;
        },
        onRows(batch, numbers) {
          for (let r = 0; r < batch.length; r++) {
            const row = batch[r] as string[];
            const at = numbers[r] as number;
            // A row with more or fewer cells than the header cannot be trusted column by column.
            if (row.length !== width) refuseRagged(name, at, row.length, width);
            let municipality = plan.municipality;
            if (muniColumn !== null) {
              const m = (row[muniColumn] as string).trim();
              if (m !== '') municipality = m;
              else if (missingMunicipality++ === 0) firstMissingMunicipality = at;
            }
            let w = 1;
            if (countColumn !== null) {
              const n = parseCount(row[countColumn] as string);
              if (n === null)
                refuse(
                  name,
                  'bad-count',
                  `row ${at}: the count ${quoted(row[countColumn] as string)} in column ${quoted(plan.headers[countColumn] ?? '')} is not a whole number`,
                  { row: at, column: countColumn + 1 },
                  {
                    count: quoted(row[countColumn] as string),
                    header: quoted(plan.headers[countColumn] ?? ''),
                  },
                );
              w = n;
            }
            rows++;
            weight += w;
            if (w === 0) continue;
            municipalities.add(municipality);
            let year = fileYear;
            if (yearColumn !== null) {
              year = readYear(row[yearColumn] as string);
              if (year === null && noYearRows++ < NO_YEAR_NAMED) noYearFirst.push(at);
            }
            if (year !== null) years.add(year);
            for (const [c, counter, header] of columns) {
              const cell = row[c] as string;
              if (cell.length > MAX_VALUE_CHARS)
                refuse(
                  name,
                  'value-too-long',
                  `row ${at}, column ${quoted(header)} holds ${cell.length} characters; a value has at most ${MAX_VALUE_CHARS} (is the column a free-text note?)`,
                  { row: at, column: c + 1 },
                  { header: quoted(header), length: cell.length, limit: MAX_VALUE_CHARS },
                );
              counter.add(cell, municipality, w, year);
            }
          }
        },
        onProgress(p) {
          onProgress?.({
            file: name,
            rows: p.rows,
            bytes: p.bytes,
            totalBytes: p.totalBytes,
            phase: 'reading',
          });
        },
      });
      issues.push(...summary.issues);
      if (missingMunicipality > 0)
        issues.push({
          kind: 'skipped-rows',
          row: firstMissingMunicipality,
          message: `${missingMunicipality} row(s) have no municipality (first: row ${firstMissingMunicipality}); they count as ${quoted(plan.municipality)}`,
          params: {
            variant: 'no-municipality',
            n: missingMunicipality,
            municipality: quoted(plan.municipality),
          },
        });
      this.files.set(id, { counters });
      this.cellCache.clear();
      const source = sourceFields(summary);
      return {
        ok: true,
        value: {
          shape: mapping.shape,
          rows,
          weight,
          municipalities: municipalities.size,
          variables: [...counters].map(([variable, c]) => ({
            variable,
            rows: c.rows,
            emptyRows: c.emptyRows,
            cells: c.cells.size,
          })),
          issues,
          format: source.format,
          encoding: source.encoding,
          delimiter: source.delimiter,
          sheet: source.sheet,
          headerRow: summary.headerRow,
          sha256,
          ms: performance.now() - started,
          years: [...years].sort((a, b) => a - b),
          noYear: noYearRows > 0 ? { rows: noYearRows, first: noYearFirst } : null,
        },
      };
    } catch (e) {
      return { ok: false, problem: problemOf(name, e) };
    }
  }

  /** Drops what a file counted (removed from the import, or about to be read again). */
  forget(id: string): void {
    if (this.files.delete(id)) this.cellCache.clear();
  }

  /** Drops everything: a new import starts. */
  clear(): void {
    this.files.clear();
    this.cellCache.clear();
  }

  /** Files counted so far. */
  get size(): number {
    return this.files.size;
  }

  private counters(variable: VariableId, skip: readonly string[] = []): CellCounter[] {
    const out: CellCounter[] = [];
    for (const [id, f] of this.files) {
      if (skip.includes(id)) continue;
      const c = f.counters.get(variable);
      if (c) out.push(c);
    }
    return out;
  }

  /** Rows per distinct cell of a variable over every file read. */
  cells(variable: VariableId): Map<string, number> {
    let cells = this.cellCache.get(variable);
    if (!cells) {
      cells = cellRows(mergeCells(this.counters(variable).map((c) => c.cells)));
      this.cellCache.set(variable, cells);
    }
    return cells;
  }

  /** The variables the files read so far hold. */
  variables(): VariableId[] {
    const out = new Set<VariableId>();
    for (const f of this.files.values()) for (const v of f.counters.keys()) out.add(v);
    return [...out];
  }

  /** Separators the cells hold, and the split to start from. */
  propose(
    variable: VariableId,
    current?: SplitConfig,
  ): { config: SplitConfig; separators: SeparatorStat[] } {
    return proposeSplit(this.cells(variable), current);
  }

  preview(variable: VariableId, config: SplitConfig): SplitPreview {
    return previewSplit(this.cells(variable), config);
  }

  /**
   * Every variable counted and split with its final configuration: what the project stores.
   * Files in `skip` (already imported, and the user did not ask for them again) are left out.
   */
  build(
    splits: ReadonlyMap<VariableId, SplitConfig>,
    skip: readonly string[] = [],
  ): CountedVariable[] {
    return [...splits].map(([variable, config]) => {
      const counters = this.counters(variable, skip);
      const empty = counters.reduce((n, c) => n + c.emptyRows, 0);
      return splitCounted(
        variable,
        mergeCells(counters.map((c) => c.cells)),
        config,
        empty,
        mergeCellYears(counters.map((c) => c.years)),
      );
    });
  }
}
