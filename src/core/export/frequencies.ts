// Frequency tables: rows per category of a coded variable, optionally by another column
// (municipality, year, a second variable). A row is counted once under each distinct code its
// cell holds, so with multi-value cells the shares of a group can add up to more than 1.
// A row whose cell is empty or holds a value without an approved code is counted under the
// uncoded line (empty `code`): never silently dropped. Every category of the codebook gets a
// line, zeros included, so tables by municipality have the same shape for each.

import { categoryIndex, groupCodes } from '../codebook';
import type { StoredCombination } from '../import-merge';
import type { Codebook, RawValue } from '../types';
import { crosswalkCode, crosswalkCodebook } from './crosswalk';
import type { ExportTable } from './table';

/** Rows with one cell: `by` the value of the by-column (null without one), `atoms` its split values. */
export interface Observation {
  readonly by: string | null;
  readonly atoms: readonly string[];
  /** How many rows this stands for (1 per data row; the app's stored cells carry their count). */
  readonly rows: number;
}

export interface FrequencyOptions {
  readonly codebook: Codebook;
  /** Approved code of each single value (a Map: raw values can be `__proto__`). */
  readonly codes: ReadonlyMap<string, string>;
  /** The by-column's header; absent: one table over all rows. */
  readonly byName?: string;
  /** Label of the uncoded line; default empty. */
  readonly uncodedLabel?: string;
  /** Another codebook's id: count its codes (through each category's `crosswalk`). */
  readonly crosswalk?: string;
}

export const FREQUENCY_COLUMNS = [
  'code',
  'label',
  'rows',
  'share',
  'group_code',
  'group_label',
] as const;

const collator = new Intl.Collator('sv');

interface Line {
  readonly code: string;
  readonly label: string;
  readonly groupCode: string;
  readonly groupLabel: string;
}

export function frequencyTable(
  observations: Iterable<Observation>,
  options: FrequencyOptions,
): ExportTable {
  const { codebook, crosswalk } = options;
  const index = categoryIndex(codebook);
  const groups = groupCodes(codebook);
  const to = (code: string) => crosswalkCode(index, code, crosswalk);
  // Labels and groups: ours, or through a crosswalk the other codebook's as seen from this one.
  const named =
    crosswalk === undefined
      ? index
      : categoryIndex(crosswalkCodebook(codebook, crosswalk).codebook);

  // The lines, in codebook order (leaves only), each once; crosswalked codes by first leaf.
  const lines = new Map<string, Line>();
  const addLine = (code: string) => {
    const target = to(code);
    if (target === '' || lines.has(target)) return;
    const category = named.get(target);
    const group = category?.parent != null ? named.get(category.parent) : undefined;
    lines.set(target, {
      code: target,
      label: category?.label ?? '',
      groupCode: group?.code ?? '',
      groupLabel: group?.label ?? '',
    });
  };
  for (const c of codebook.categories) if (!groups.has(c.code)) addLine(c.code);

  const counts = new Map<string | null, Map<string, number>>();
  const totals = new Map<string | null, number>();
  for (const o of observations) {
    const row = counts.get(o.by) ?? new Map<string, number>();
    counts.set(o.by, row);
    totals.set(o.by, (totals.get(o.by) ?? 0) + o.rows);
    const seen = new Set<string>();
    let uncoded = o.atoms.length === 0;
    for (const atom of o.atoms) {
      const code = options.codes.get(atom);
      const target = code === undefined ? '' : to(code);
      if (target === '') {
        uncoded = true;
        continue;
      }
      if (seen.has(target)) continue;
      seen.add(target);
      if (!lines.has(target)) addLine(code as string);
      row.set(target, (row.get(target) ?? 0) + o.rows);
    }
    if (uncoded) row.set('', (row.get('') ?? 0) + o.rows);
  }

  const byValues = [...counts.keys()].sort((a, b) => collator.compare(a ?? '', b ?? ''));
  if (byValues.length === 0) byValues.push(null);
  const rows: (string | number)[][] = [];
  const uncodedLine: Line = {
    code: '',
    label: options.uncodedLabel ?? '',
    groupCode: '',
    groupLabel: '',
  };
  for (const by of byValues) {
    const row = counts.get(by);
    const total = totals.get(by) ?? 0;
    for (const line of [...lines.values(), uncodedLine]) {
      const n = row?.get(line.code) ?? 0;
      const cells: (string | number)[] = [
        line.code,
        line.label,
        n,
        total === 0 ? 0 : n / total,
        line.groupCode,
        line.groupLabel,
      ];
      rows.push(options.byName === undefined ? cells : [by ?? '', ...cells]);
    }
  }
  const headers =
    options.byName === undefined ? [...FREQUENCY_COLUMNS] : [options.byName, ...FREQUENCY_COLUMNS];
  return { sheet: 'frequencies', headers, rows };
}

/** A variable's stored cells as observations: rows per municipality, or all rows. */
export function* observationsOf(
  cells: readonly StoredCombination[],
  byMunicipality: boolean,
): Generator<Observation> {
  for (const cell of cells) {
    if (!byMunicipality) {
      yield { by: null, atoms: cell.atoms, rows: cell.rows };
      continue;
    }
    let counted = 0;
    for (const [municipality, rows] of cell.munis) {
      counted += rows;
      yield { by: municipality, atoms: cell.atoms, rows };
    }
    // Rows counted before municipality detail was kept: under an empty municipality, not lost.
    if (cell.rows > counted) yield { by: '', atoms: cell.atoms, rows: cell.rows - counted };
  }
}

/** Approved codes by raw value (a Map: raw values can be `__proto__`). */
export function approvedCodes(
  values: Iterable<Pick<RawValue, 'raw' | 'code' | 'status'>>,
): Map<string, string> {
  const codes = new Map<string, string>();
  for (const v of values) if (v.status === 'approved' && v.code !== null) codes.set(v.raw, v.code);
  return codes;
}

/**
 * A variable's stored cells as observations per year (issue 10 item 2): each year's rows, and
 * the rows without a year (imported without one, or whose year could not be read) under `''`.
 */
export function* observationsByYear(cells: readonly StoredCombination[]): Generator<Observation> {
  for (const cell of cells) {
    let dated = 0;
    for (const [year, tally] of cell.years ?? []) {
      let rows = 0;
      for (const [, n] of tally) rows += n;
      dated += rows;
      yield { by: String(year), atoms: cell.atoms, rows };
    }
    if (cell.rows > dated) yield { by: '', atoms: cell.atoms, rows: cell.rows - dated };
  }
}

/**
 * A variable's stored cells as observations of one year only (`null`: the rows without a year),
 * by municipality or over all rows: the overview's charts for one year.
 */
export function* observationsInYear(
  cells: readonly StoredCombination[],
  year: number | null,
  byMunicipality: boolean,
): Generator<Observation> {
  for (const cell of cells) {
    const rows = new Map<string, number>();
    if (year === null) {
      for (const [m, n] of cell.munis) rows.set(m, n);
      for (const [, tally] of cell.years ?? [])
        for (const [m, n] of tally) rows.set(m, (rows.get(m) ?? 0) - n);
      // Rows counted before municipality detail was kept: under an empty municipality.
      const counted = cell.munis.reduce((sum, [, n]) => sum + n, 0);
      if (cell.rows > counted) rows.set('', cell.rows - counted);
    } else {
      for (const [m, n] of cell.years?.find(([y]) => y === year)?.[1] ?? []) rows.set(m, n);
    }
    let total = 0;
    for (const [municipality, n] of rows) {
      if (n <= 0) continue;
      total += n;
      if (byMunicipality) yield { by: municipality, atoms: cell.atoms, rows: n };
    }
    if (!byMunicipality && total > 0) yield { by: null, atoms: cell.atoms, rows: total };
  }
}

/** The years a variable's stored cells have rows in, ascending, and whether some rows have none. */
export function yearsOfCells(cells: readonly StoredCombination[]): {
  readonly years: readonly number[];
  readonly noYear: boolean;
} {
  const years = new Set<number>();
  let noYear = false;
  for (const cell of cells) {
    let dated = 0;
    for (const [year, tally] of cell.years ?? []) {
      years.add(year);
      for (const [, n] of tally) dated += n;
    }
    if (cell.rows > dated) noYear = true;
  }
  return { years: [...years].sort((a, b) => a - b), noYear };
}
