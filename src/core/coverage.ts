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

export function coverageOf(values: Iterable<Pick<RawValue, 'frequency' | 'status'>>): Coverage {
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
