// Counting the cells of imported files. Files are counted per distinct cell (with its rows per
// municipality) first, and split into single values afterwards: the split can then be changed
// and previewed without reading the files again, and every count the project keeps (rows,
// municipalities and combinations per single value; rows and municipalities per combination)
// follows from the cells. Keys are raw text from files: Maps only (a cell can be `__proto__`).
import { compileSplitter } from './split';
import type { SplitConfig, VariableId } from './types';
import { addToYears, copyYears, mergeYears, type YearTally } from './year';

/** Rows per municipality. */
export type Tally = Map<string, number>;

export function addToTally(tally: Tally, municipality: string, rows: number): void {
  tally.set(municipality, (tally.get(municipality) ?? 0) + rows);
}

export function mergeTally(into: Tally, from: ReadonlyMap<string, number>): void {
  for (const [m, n] of from) into.set(m, (into.get(m) ?? 0) + n);
}

export function tallyRows(tally: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const rows of tally.values()) n += rows;
  return n;
}

/**
 * A copy of a string that does not hold on to the text it was cut from. A parser hands out
 * cells as slices of its chunk (a megabyte); a Map key kept for the whole import would keep
 * every chunk it came from alive. Concatenating and slicing makes a new flat string.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** The distinct cells of one variable in one file, with their rows per municipality. */
export class CellCounter {
  readonly cells = new Map<string, Tally>();
  /** Rows counted, empty cells included. */
  rows = 0;
  /** Rows whose cell is empty or only spaces: no value. */
  emptyRows = 0;
  /** The rows of each cell that have a year, per year and municipality (only cells with some). */
  readonly years = new Map<string, YearTally>();

  /** Counts a row's cell; `year` null: the row has no (readable) year. */
  add(cell: string, municipality: string, weight = 1, year: number | null = null): void {
    this.rows += weight;
    let tally = this.cells.get(cell);
    if (tally === undefined) {
      if (cell.trim() === '') {
        this.emptyRows += weight;
        return;
      }
      tally = new Map();
      cell = own(cell);
      this.cells.set(cell, tally);
    }
    tally.set(municipality, (tally.get(municipality) ?? 0) + weight);
    if (year === null) return;
    let years = this.years.get(cell);
    if (!years) this.years.set(own(cell), (years = new Map()));
    addToYears(years, year, municipality, weight);
  }
}

/** Merges the cells of several files (or counters) of one variable. */
export function mergeCells(parts: Iterable<ReadonlyMap<string, Tally>>): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const part of parts) {
    for (const [cell, tally] of part) {
      const have = out.get(cell);
      if (have) mergeTally(have, tally);
      else out.set(cell, new Map(tally));
    }
  }
  return out;
}

/** Merges the year detail of several files' cells (as mergeCells their tallies). */
export function mergeCellYears(
  parts: Iterable<ReadonlyMap<string, YearTally>>,
): Map<string, YearTally> {
  const out = new Map<string, YearTally>();
  for (const part of parts) {
    for (const [cell, years] of part) {
      const have = out.get(cell);
      if (have) mergeYears(have, years);
      else out.set(cell, copyYears(years));
    }
  }
  return out;
}

/** Rows per distinct cell, for the split preview. */
export function cellRows(
  cells: ReadonlyMap<string, ReadonlyMap<string, number>>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [cell, tally] of cells) out.set(cell, tallyRows(tally));
  return out;
}

export interface CountedCell {
  /** The cell's single values (split, trimmed, each once). */
  readonly atoms: readonly string[];
  readonly tally: Tally;
}

/** The rows with a year, per year and municipality: of each single value and each cell. */
export interface CountedYears {
  readonly values: Map<string, YearTally>;
  readonly cells: Map<string, YearTally>;
}

/** One variable of an import, counted and split: what the project stores. */
export interface CountedVariable {
  readonly variable: VariableId;
  readonly split: SplitConfig;
  /** Single values: rows per municipality (a value twice in one cell counts once). */
  readonly values: Map<string, Tally>;
  /** Distinct cells that hold a value (the combinations). */
  readonly cells: Map<string, CountedCell>;
  /** Rows with at least one value. */
  readonly rows: number;
  /** Rows without a value (empty, spaces, or separators only). */
  readonly emptyRows: number;
  /** Absent when no row had a year (files without one, imports made before years were kept). */
  readonly years?: CountedYears;
}

/** Splits counted cells into single values with one compiled splitter. */
export function splitCounted(
  variable: VariableId,
  cells: ReadonlyMap<string, Tally>,
  split: SplitConfig,
  emptyRows = 0,
  cellYears?: ReadonlyMap<string, YearTally>,
): CountedVariable {
  const splitter = compileSplitter(split);
  const values = new Map<string, Tally>();
  const out = new Map<string, CountedCell>();
  let rows = 0;
  let empty = emptyRows;
  for (const [cell, tally] of cells) {
    const atoms = [...new Set(splitter(cell))];
    const n = tallyRows(tally);
    if (atoms.length === 0) {
      empty += n;
      continue;
    }
    rows += n;
    out.set(cell, { atoms, tally });
    for (const raw of atoms) {
      const have = values.get(raw);
      if (have) mergeTally(have, tally);
      else values.set(raw, new Map(tally));
    }
  }
  const counted = { variable, split, values, cells: out, rows, emptyRows: empty };
  const years = cellYears && splitYears(out, cellYears);
  return years ? { ...counted, years } : counted;
}

/** The year detail of the split cells and of their single values; undefined without any. */
function splitYears(
  cells: ReadonlyMap<string, CountedCell>,
  cellYears: ReadonlyMap<string, YearTally>,
): CountedYears | undefined {
  const values = new Map<string, YearTally>();
  const kept = new Map<string, YearTally>();
  for (const [cell, years] of cellYears) {
    const counted = cells.get(cell);
    if (!counted || years.size === 0) continue;
    kept.set(cell, years);
    for (const raw of counted.atoms) {
      const have = values.get(raw);
      if (have) mergeYears(have, years);
      else values.set(raw, copyYears(years));
    }
  }
  return kept.size === 0 ? undefined : { values, cells: kept };
}

/** The counts of one single value as the values grid shows them. */
export interface ValueCounts {
  readonly frequency: number;
  readonly municipalities: number;
  readonly combinations: number;
}

/** Rows, municipalities and combinations of every single value of a counted variable. */
export function valueCounts(counted: CountedVariable): Map<string, ValueCounts> {
  const combinations = new Map<string, number>();
  for (const { atoms } of counted.cells.values())
    for (const raw of atoms) combinations.set(raw, (combinations.get(raw) ?? 0) + 1);
  const out = new Map<string, ValueCounts>();
  for (const [raw, tally] of counted.values) {
    out.set(raw, {
      frequency: tallyRows(tally),
      municipalities: tally.size,
      combinations: combinations.get(raw) ?? 0,
    });
  }
  return out;
}
