import { compileSplitter } from './split';
import type { SplitConfig } from './types';

/** The counts of one single value across the rows of a variable. */
export interface ValueCount {
  /** Rows the value occurs in (a value twice in one cell counts once). */
  frequency: number;
  /** Distinct municipalities. */
  municipalities: number;
  /** Distinct cells (combinations) the value occurs in. */
  combinations: number;
}

/**
 * Counts single values and cells of one variable, row by row. Keys are raw values, so they
 * live in Maps (a raw value may be `__proto__`).
 */
export class ValueCounter {
  private readonly split: (cell: string) => string[];
  private readonly values = new Map<
    string,
    { frequency: number; munis: Set<string>; cells: Set<string> }
  >();
  private readonly cells = new Map<string, number>();
  rows = 0;
  /** Rows whose cell held no value. */
  emptyRows = 0;

  constructor(config: SplitConfig) {
    this.split = compileSplitter(config);
  }

  add(cell: string, municipality: string, weight = 1): void {
    this.rows += weight;
    const atoms = this.split(cell);
    if (atoms.length === 0) {
      this.emptyRows += weight;
      return;
    }
    this.cells.set(cell, (this.cells.get(cell) ?? 0) + weight);
    for (const raw of new Set(atoms)) {
      let v = this.values.get(raw);
      if (!v) {
        v = { frequency: 0, munis: new Set(), cells: new Set() };
        this.values.set(raw, v);
      }
      v.frequency += weight;
      v.munis.add(municipality);
      v.cells.add(cell);
    }
  }

  /** Single values with their counts, in first-seen order. */
  result(): Map<string, ValueCount> {
    const out = new Map<string, ValueCount>();
    for (const [raw, v] of this.values) {
      out.set(raw, {
        frequency: v.frequency,
        municipalities: v.munis.size,
        combinations: v.cells.size,
      });
    }
    return out;
  }

  /** Distinct cells (combinations) with their row counts. */
  cellCounts(): ReadonlyMap<string, number> {
    return this.cells;
  }
}
