import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoverageTally, coverageOf, type CellRows } from '../../src/core/coverage';
import type { Status } from '../../src/core/types';

// Live coverage follows each write value by value; it must always agree with a full recount.

const raws = ['a', 'b', 'c', 'd', 'e', '__proto__'];
const statuses: Status[] = ['uncoded', 'suggested', 'coded', 'approved', 'flagged', 'rejected'];
const value = fc.record({
  raw: fc.constantFrom(...raws),
  frequency: fc.integer({ min: 1, max: 1000 }),
  status: fc.constantFrom(...statuses),
});
const cells = fc.array(
  fc.record({
    atoms: fc.array(fc.constantFrom(...raws, 'not-a-value'), { maxLength: 3 }),
    rows: fc.integer({ min: 1, max: 500 }),
  }),
  { maxLength: 6 },
);
const action = fc.oneof(
  value.map((v) => ({ kind: 'set' as const, v })),
  fc.constantFrom(...raws).map((raw) => ({ kind: 'delete' as const, raw })),
  fc.option(cells, { nil: undefined }).map((c) => ({ kind: 'cells' as const, c })),
);

describe('CoverageTally', () => {
  it('equals a full recount after any sequence of writes, deletes and new cells', () => {
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 6 }),
        fc.option(cells, { nil: undefined }),
        fc.array(action, { maxLength: 30 }),
        (start, startCells, actions) => {
          const held = new Map(start.map((v) => [v.raw, v]));
          let heldCells: readonly CellRows[] | undefined = startCells;
          const tally = new CoverageTally(held.values(), heldCells);
          for (const a of actions) {
            if (a.kind === 'set') {
              held.set(a.v.raw, a.v);
              tally.set(a.v.raw, a.v);
            } else if (a.kind === 'delete') {
              held.delete(a.raw);
              tally.set(a.raw, null);
            } else {
              heldCells = a.c;
              tally.setCells(a.c);
            }
            expect(tally.coverage()).toEqual(coverageOf(held.values(), heldCells));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
