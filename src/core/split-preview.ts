// What a split configuration would do to a variable's cells, before anything is stored: the
// numbers (cells → distinct cells → single values), the most common splits, and the cells
// where a separator would cut a value that also occurs whole. Splitting is configurable and
// previewed, never silent: `Missbruk BoU – Barnet/den unge` is ONE reason although ` – ` also
// separates reasons in other municipalities' cells.
import { compileSplitter } from './split';
import type { SplitConfig } from './types';

/** The separators the municipalities' systems use between several values in one cell. */
export const SEPARATOR_CANDIDATES: readonly string[] = [';', ',', ' – '];

export interface SeparatorStat {
  readonly separator: string;
  /** Distinct cells that hold the separator. */
  readonly cells: number;
  readonly rows: number;
  /**
   * Rows of cells whose every part (split at this separator) also occurs as a whole cell:
   * evidence that the separator joins values rather than being part of one.
   */
  readonly evidenceRows: number;
  /** Proposed: the files show it joining values. */
  readonly proposed: boolean;
}

/** A separator is proposed when at least this share of its rows is evidence that it joins values. */
const EVIDENCE_SHARE = 0.2;

function wholeCells(cells: ReadonlyMap<string, number>): Map<string, number> {
  const whole = new Map<string, number>();
  for (const [cell, rows] of cells) {
    const t = cell.trim();
    if (t !== '') whole.set(t, (whole.get(t) ?? 0) + rows);
  }
  return whole;
}

/**
 * Which candidate separators the cells hold, and which to propose. A variable that already has
 * a split in the project keeps it (its separators are proposed, its protected values kept).
 */
export function proposeSplit(
  cells: ReadonlyMap<string, number>,
  current?: SplitConfig,
  candidates: readonly string[] = SEPARATOR_CANDIDATES,
): { config: SplitConfig; separators: SeparatorStat[] } {
  const whole = wholeCells(cells);
  const all = [...new Set([...candidates, ...(current?.separators ?? [])])].filter(
    (s) => s.length > 0,
  );
  const separators = all.map((separator): SeparatorStat => {
    let n = 0;
    let rows = 0;
    let evidenceRows = 0;
    for (const [cell, r] of cells) {
      if (!cell.includes(separator)) continue;
      n++;
      rows += r;
      const parts = cell
        .split(separator)
        .map((p) => p.trim())
        .filter((p) => p !== '');
      if (parts.length >= 2 && parts.every((p) => whole.has(p))) evidenceRows += r;
    }
    const proposed =
      current && current.separators.length > 0
        ? current.separators.includes(separator)
        : rows > 0 && evidenceRows >= rows * EVIDENCE_SHARE;
    return { separator, cells: n, rows, evidenceRows, proposed };
  });
  const config: SplitConfig = {
    separators: separators.filter((s) => s.proposed).map((s) => s.separator),
    protect: [...(current?.protect ?? [])],
  };
  return { config, separators };
}

export interface SplitExample {
  readonly cell: string;
  readonly rows: number;
  readonly atoms: readonly string[];
}

/** A value that occurs as a whole cell and that the configuration would cut elsewhere (or there). */
export interface CutWarning {
  /** The text the separator cuts, exactly as it occurs whole. */
  readonly value: string;
  /** Rows whose whole cell is this value. */
  readonly wholeRows: number;
  /** Rows of the cells in which it would be cut. */
  readonly cutRows: number;
  /** The pieces it would be cut into. */
  readonly pieces: readonly string[];
  /** Cells in which it would be cut, most rows first. */
  readonly examples: readonly SplitExample[];
}

export interface SplitPreview {
  /** Rows with a value (non-empty cells). */
  readonly rows: number;
  readonly distinctCells: number;
  readonly singleValues: number;
  /** Distinct cells that split into two or more values, and their rows. */
  readonly multiCells: number;
  readonly multiRows: number;
  /** Distinct cells that split into nothing (only separators), and their rows. */
  readonly emptyCells: number;
  readonly emptyRows: number;
  /** The most common cells that split into several values. */
  readonly topSplits: readonly SplitExample[];
  readonly cuts: readonly CutWarning[];
  /** How many cut warnings there were before `limit`. */
  readonly cutCount: number;
}

/** Longest run of consecutive values checked as one cut value (a reason is not five reasons). */
const MAX_RUN = 4;

/** Where each atom sits in its cell (atoms are trimmed substrings, in order). */
function atomSpans(cell: string, atoms: readonly string[]): [number, number][] | null {
  const spans: [number, number][] = [];
  let from = 0;
  for (const a of atoms) {
    const at = cell.indexOf(a, from);
    if (at < 0) return null;
    spans.push([at, at + a.length]);
    from = at + a.length;
  }
  return spans;
}

/**
 * Previews a split. A cut warning is a run of two or more consecutive values of a cell that,
 * joined as they stand in the cell, is also a whole cell somewhere, while at least one of its
 * pieces never is: `Missbruk BoU – Barnet/den unge` occurs whole, `Barnet/den unge` never
 * does, so ` – ` cuts one value there. (`Misshandel;Skolproblem` is no warning: both pieces
 * occur whole, so `;` joins two values.) The user protects such values.
 */
export function previewSplit(
  cells: ReadonlyMap<string, number>,
  config: SplitConfig,
  limit = { splits: 20, cuts: 100, examples: 5 },
): SplitPreview {
  const splitter = compileSplitter(config);
  const whole = wholeCells(cells);
  const values = new Set<string>();
  let rows = 0;
  let distinctCells = 0;
  let multiCells = 0;
  let multiRows = 0;
  let emptyCells = 0;
  let emptyRows = 0;
  const multis: SplitExample[] = [];
  const cuts = new Map<
    string,
    { pieces: readonly string[]; cutRows: number; examples: SplitExample[] }
  >();
  for (const [cell, n] of cells) {
    const atoms = [...new Set(splitter(cell))];
    if (atoms.length === 0) {
      if (cell.trim() !== '') {
        emptyCells++;
        emptyRows += n;
      }
      continue;
    }
    rows += n;
    distinctCells++;
    for (const a of atoms) values.add(a);
    if (atoms.length < 2) continue;
    multiCells++;
    multiRows += n;
    const example: SplitExample = { cell, rows: n, atoms };
    multis.push(example);
    const all = splitter(cell);
    const spans = atomSpans(cell, all);
    if (!spans) continue;
    // Shortest runs first: a run holding a cut value is that value plus others, not one value.
    const flagged: [number, number][] = [];
    for (let length = 2; length <= Math.min(MAX_RUN, all.length); length++) {
      for (let i = 0, j = length - 1; j < all.length; i++, j++) {
        if (flagged.some(([a, b]) => i <= a && b <= j)) continue;
        const span = cell.slice(
          (spans[i] as [number, number])[0],
          (spans[j] as [number, number])[1],
        );
        if (!whole.has(span)) continue;
        const pieces = all.slice(i, j + 1);
        if (pieces.every((p) => whole.has(p))) continue;
        flagged.push([i, j]);
        let cut = cuts.get(span);
        if (!cut) {
          cut = { pieces, cutRows: 0, examples: [] };
          cuts.set(span, cut);
        }
        cut.cutRows += n;
        cut.examples.push(example);
      }
    }
  }
  const byRows = (a: SplitExample, b: SplitExample) =>
    b.rows - a.rows || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0);
  multis.sort(byRows);
  const warnings: CutWarning[] = [...cuts].map(([value, c]) => ({
    value,
    wholeRows: whole.get(value) ?? 0,
    cutRows: c.cutRows,
    pieces: c.pieces,
    examples: c.examples.sort(byRows).slice(0, limit.examples),
  }));
  warnings.sort(
    (a, b) =>
      b.cutRows - a.cutRows ||
      b.wholeRows - a.wholeRows ||
      (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
  return {
    rows,
    distinctCells,
    singleValues: values.size,
    multiCells,
    multiRows,
    emptyCells,
    emptyRows,
    topSplits: multis.slice(0, limit.splits),
    cuts: warnings.slice(0, limit.cuts),
    cutCount: warnings.length,
  };
}

/** The configuration with a value added to (or removed from) its protected values. */
export function toggleProtect(config: SplitConfig, value: string, on: boolean): SplitConfig {
  const protect = (config.protect ?? []).filter((p) => p !== value);
  return { ...config, protect: on ? [...protect, value] : protect };
}
