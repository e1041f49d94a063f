import type { RawValue, Status } from './types';

export interface Coverage {
  /** Rows (not values) whose value is approved, in [0, 1]. */
  readonly approvedRowShare: number;
  readonly totalRows: number;
  readonly approvedRows: number;
  readonly values: number;
  /** Values not yet approved. */
  readonly valuesLeft: number;
  readonly byStatus: ReadonlyMap<Status, number>;
}

/** A distinct cell of a variable and its rows: for coverage of rows with several values. */
export interface CellRows {
  readonly atoms: readonly string[];
  readonly rows: number;
}

/**
 * Coverage of a variable. With its cells, a row counts as approved only when every value in its
 * cell is approved (a row with two reasons is one row, not two). Without them (a project from
 * before cells were kept, or values known only from a mapping file), each value's rows count.
 */
export function coverageOf(
  values: Iterable<Pick<RawValue, 'raw' | 'frequency' | 'status'>>,
  cells?: readonly CellRows[],
): Coverage {
  const list = [...values];
  const base = valueCoverage(list);
  if (!cells || cells.length === 0) return base;
  const approved = new Set(list.filter((v) => v.status === 'approved').map((v) => v.raw));
  let totalRows = 0;
  let approvedRows = 0;
  for (const c of cells) {
    totalRows += c.rows;
    if (c.atoms.length > 0 && c.atoms.every((a) => approved.has(a))) approvedRows += c.rows;
  }
  return {
    ...base,
    totalRows,
    approvedRows,
    approvedRowShare: totalRows === 0 ? 0 : approvedRows / totalRows,
  };
}

function valueCoverage(values: Iterable<Pick<RawValue, 'frequency' | 'status'>>): Coverage {
  let totalRows = 0;
  let approvedRows = 0;
  let count = 0;
  let approved = 0;
  const byStatus = new Map<Status, number>();
  for (const v of values) {
    count++;
    totalRows += v.frequency;
    byStatus.set(v.status, (byStatus.get(v.status) ?? 0) + 1);
    if (v.status === 'approved') {
      approved++;
      approvedRows += v.frequency;
    }
  }
  return {
    approvedRowShare: totalRows === 0 ? 0 : approvedRows / totalRows,
    totalRows,
    approvedRows,
    values: count,
    valuesLeft: count - approved,
    byStatus,
  };
}
