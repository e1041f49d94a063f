import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstK } from '../../../src/core/suggest/top-hits';

describe('firstK', () => {
  it('keeps exactly what a stable sort and a slice keep, equal items in their order', () => {
    // Few distinct scores, so that ties are common; the tag tells equal items apart.
    const item = fc.record({ score: fc.integer({ min: 0, max: 4 }), tag: fc.nat(1000) });
    const order = (a: { score: number }, b: { score: number }) => b.score - a.score;
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 30 }),
        fc.integer({ min: -1, max: 35 }),
        (items, k) => {
          expect(firstK(items, k, order)).toEqual([...items].sort(order).slice(0, Math.max(0, k)));
        },
      ),
    );
  });
});
