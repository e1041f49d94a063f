// What the overview's charts draw (issue 11 item 4), as pure functions of what the project holds.
// Each comes from the function that computes the matching numbers elsewhere (coverageOf and
// CoverageTally for the tabs' coverage, frequencyTable for the frequency export), so a chart
// cannot disagree with a table (test/core/charts.test.ts and test/ui/overview-draw.test.ts).

import { CoverageTally, coverageOf, type CellRows } from './coverage';
import { FREQUENCY_COLUMNS, type Observation } from './export/frequencies';
import type { ExportTable } from './export/table';
import type { RawValue, Status, VariableId } from './types';

/**
 * Statuses from least to most advanced: a row with several values stands where its least
 * advanced value stands, so a row is `approved` exactly when coverageOf counts it approved.
 */
export const ROW_STATUS_ORDER: readonly Status[] = [
  'uncoded',
  'suggested',
  'rejected',
  'flagged',
  'coded',
  'approved',
];

/** One variable's values and rows in one status. */
export interface StatusCount {
  readonly variable: VariableId;
  readonly status: Status;
  readonly values: number;
  readonly rows: number;
}

type Counted = Pick<RawValue, 'raw' | 'frequency' | 'status'>;

/**
 * A variable's values and rows per status, every status once (zeros included: the legend is the
 * same for each variable). Rows by cell when cells are known (a row with two reasons is one row),
 * else by each value's frequency, as coverageOf counts them.
 */
export function statusCounts(
  variable: VariableId,
  values: readonly Counted[],
  cells?: readonly CellRows[],
): StatusCount[] {
  const coverage = coverageOf(values, cells);
  const rows = new Map<Status, number>();
  const add = (status: Status, n: number) => rows.set(status, (rows.get(status) ?? 0) + n);
  if (cells && cells.length > 0) {
    const rank = new Map(ROW_STATUS_ORDER.map((s, i) => [s, i]));
    const statusOf = new Map(values.map((v) => [v.raw, v.status]));
    for (const c of cells) {
      let least = c.atoms.length === 0 ? 0 : ROW_STATUS_ORDER.length - 1;
      for (const a of c.atoms) least = Math.min(least, rank.get(statusOf.get(a) ?? 'uncoded') ?? 0);
      add(ROW_STATUS_ORDER[least] as Status, c.rows);
    }
  } else for (const v of values) add(v.status, v.frequency);
  return ROW_STATUS_ORDER.map((status) => ({
    variable,
    status,
    values: coverage.byStatus.get(status) ?? 0,
    rows: rows.get(status) ?? 0,
  }));
}

/** What one recorded action did to values' statuses (a history row, oldest first). */
export interface StatusStep {
  readonly at: string;
  readonly changes: readonly {
    readonly raw: string;
    readonly status: Status;
    readonly before: { readonly status: Status };
  }[];
}

/** A variable's coverage just after an action (or now). */
export interface ProgressPoint {
  readonly at: string;
  readonly approvedRows: number;
  readonly totalRows: number;
  readonly approvedValues: number;
  /** approvedRows / totalRows, as the tab shows it. */
  readonly share: number;
}

/**
 * Coverage over time, replayed from the history: walking back from today's values, each action's
 * changes are taken back to their `before` status. Rows are today's counts (an import adds rows
 * but is not a decision), so the last point is exactly the tab's coverage and earlier points say
 * how much of today's data was approved then. Values no longer in the project are left out.
 * The first point is the state before the first action, at that action's time.
 */
export function coverageProgress(
  values: readonly Counted[],
  cells: readonly CellRows[] | undefined,
  steps: readonly StatusStep[],
  now: string,
): ProgressPoint[] {
  const current = new Map(values.map((v) => [v.raw, v]));
  const status = new Map(values.map((v) => [v.raw, v.status]));
  const tally = new CoverageTally(values, cells);
  const point = (at: string): ProgressPoint => {
    const c = tally.coverage();
    return {
      at,
      approvedRows: c.approvedRows,
      totalRows: c.totalRows,
      approvedValues: c.values - c.valuesLeft,
      share: c.approvedRowShare,
    };
  };
  const points = [point(now)];
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i] as StatusStep;
    points.push(point(step.at));
    for (let j = step.changes.length - 1; j >= 0; j--) {
      const change = step.changes[j]!;
      const value = current.get(change.raw);
      if (!value || status.get(change.raw) === change.before.status) continue;
      status.set(change.raw, change.before.status);
      tally.set(change.raw, { frequency: value.frequency, status: change.before.status });
    }
    if (i === 0) points.push(point(step.at));
  }
  return points.reverse();
}

/** A category's line of the frequency table, as a bar. */
export interface CategoryBar {
  readonly code: string;
  readonly label: string;
  readonly groupCode: string;
  readonly groupLabel: string;
  readonly rows: number;
  readonly share: number;
}

/**
 * The bars of the rows-per-category chart: the lines of a frequency table made without a
 * by-column (frequencyTable), in its order (codebook order, the uncoded line last).
 */
export function categoryBars(table: ExportTable): CategoryBar[] {
  if (table.headers[0] !== FREQUENCY_COLUMNS[0])
    throw new Error('categoryBars takes a frequency table without a by-column');
  return table.rows.map((r) => ({
    code: String(r[0]),
    label: String(r[1]),
    rows: Number(r[2]),
    share: Number(r[3]),
    groupCode: String(r[4]),
    groupLabel: String(r[5]),
  }));
}

/** Rows of one municipality and how many of them are approved. */
export interface MunicipalityCoverage {
  readonly municipality: string;
  readonly rows: number;
  readonly approvedRows: number;
  readonly share: number;
}

const collator = new Intl.Collator('sv');

/**
 * Coverage per municipality, from the counts per municipality (observationsOf(cells, true)): a
 * row is approved when every value of its cell has an approved code, as coverageOf counts it;
 * so its rows minus its approved rows are the uncoded line of the frequency table by
 * municipality. Sorted by municipality.
 */
export function coverageByMunicipality(
  observations: Iterable<Observation>,
  codes: ReadonlyMap<string, string>,
): MunicipalityCoverage[] {
  const rows = new Map<string, { rows: number; approved: number }>();
  for (const o of observations) {
    const key = o.by ?? '';
    const entry = rows.get(key) ?? { rows: 0, approved: 0 };
    rows.set(key, entry);
    entry.rows += o.rows;
    if (o.atoms.length > 0 && o.atoms.every((a) => codes.has(a))) entry.approved += o.rows;
  }
  return [...rows]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([municipality, n]) => ({
      municipality,
      rows: n.rows,
      approvedRows: n.approved,
      share: n.rows === 0 ? 0 : n.approved / n.rows,
    }));
}
