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

type Counted = Pick<RawValue, 'frequency' | 'status'>;

/**
 * A variable's coverage kept up to date value by value: after a write only the changed values
 * (and the cells that hold them) are counted again, never the whole variable. `coverage()` always
 * equals `coverageOf` of the same values and cells.
 */
export class CoverageTally {
  private readonly rows = new Map<string, Counted>();
  private readonly byStatus = new Map<Status, number>();
  private valueRows = 0;
  private valueApprovedRows = 0;
  private approved = 0;
  private cells: readonly CellRows[] = [];
  /** Per cell: how many of its atoms are not approved (a cell is approved at 0). */
  private unapproved: number[] = [];
  /** Atom → the cells that hold it (once per occurrence). */
  private cellsOf = new Map<string, number[]>();
  private cellRows = 0;
  private cellApprovedRows = 0;

  constructor(
    values: Iterable<Pick<RawValue, 'raw' | 'frequency' | 'status'>> = [],
    cells?: readonly CellRows[],
  ) {
    for (const v of values) this.set(v.raw, v);
    this.setCells(cells);
  }

  /** The value's new state, or null when it is gone. */
  set(raw: string, value: Counted | null): void {
    const before = this.rows.get(raw);
    if (before) this.count(raw, before, -1);
    if (value) {
      const kept = { frequency: value.frequency, status: value.status };
      this.rows.set(raw, kept);
      this.count(raw, kept, 1);
    } else this.rows.delete(raw);
  }

  /** The variable's cells (from its counts), or none. */
  setCells(cells: readonly CellRows[] | undefined): void {
    this.cells = cells ?? [];
    this.unapproved = [];
    this.cellsOf = new Map();
    this.cellRows = 0;
    this.cellApprovedRows = 0;
    this.cells.forEach((c, i) => {
      let open = 0;
      for (const a of c.atoms) {
        const list = this.cellsOf.get(a);
        if (list) list.push(i);
        else this.cellsOf.set(a, [i]);
        if (this.rows.get(a)?.status !== 'approved') open++;
      }
      this.unapproved.push(open);
      this.cellRows += c.rows;
      if (c.atoms.length > 0 && open === 0) this.cellApprovedRows += c.rows;
    });
  }

  coverage(): Coverage {
    const withCells = this.cells.length > 0;
    const totalRows = withCells ? this.cellRows : this.valueRows;
    const approvedRows = withCells ? this.cellApprovedRows : this.valueApprovedRows;
    return {
      approvedRowShare: totalRows === 0 ? 0 : approvedRows / totalRows,
      totalRows,
      approvedRows,
      values: this.rows.size,
      valuesLeft: this.rows.size - this.approved,
      byStatus: new Map([...this.byStatus].filter(([, n]) => n > 0)),
    };
  }

  private count(raw: string, v: Counted, sign: 1 | -1): void {
    this.valueRows += sign * v.frequency;
    this.byStatus.set(v.status, (this.byStatus.get(v.status) ?? 0) + sign);
    if (v.status !== 'approved') return;
    this.approved += sign;
    this.valueApprovedRows += sign * v.frequency;
    // An atom turning approved closes one open slot in each of its cells; turning back opens it.
    for (const i of this.cellsOf.get(raw) ?? []) {
      const wasApproved = this.unapproved[i] === 0;
      this.unapproved[i]! -= sign;
      const isApproved = this.unapproved[i] === 0;
      const rows = this.cells[i]!.rows;
      if (wasApproved && !isApproved) this.cellApprovedRows -= rows;
      if (!wasApproved && isApproved) this.cellApprovedRows += rows;
    }
  }
}
