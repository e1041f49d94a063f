// The suggestion worker's answers cross to the page packed (suggestion-wire.ts): what the page
// reads back must be exactly what the engine suggested, value by value, in order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../src/core/types';
import {
  packSuggestions,
  transferablesOf,
  unpackSuggestions,
} from '../../src/workers/suggestion-wire';

const suggestion = fc.record({
  // Few codes and texts, so that many repeat; any string, `__proto__` and empty ones included.
  code: fc.oneof(fc.constantFrom('B11', 'O22', '__proto__', ''), fc.string()),
  score: fc.double({ min: 0, max: 1, noNaN: true }),
  via: fc.oneof(
    fc.constantFrom('label: Missbruk', 'approved: B/U Missbruk', 'constructor'),
    fc.string(),
  ),
});

describe('suggestions packed for the trip from the worker', () => {
  it('read back exactly as suggested, through a structured clone', () => {
    fc.assert(
      fc.property(fc.array(fc.array(suggestion, { maxLength: 5 }), { maxLength: 40 }), (lists) => {
        const packed = packSuggestions(lists);
        expect(unpackSuggestions(structuredClone(packed))).toEqual(lists);
      }),
    );
  });

  it('send each code and text once, the rest as transferable arrays', () => {
    const list: Suggestion[] = [
      { code: 'B11', score: 0.9, via: 'label: Missbruk' },
      { code: 'O22', score: 0.5, via: 'label: Missbruk' },
    ];
    const packed = packSuggestions([list, [], list]);
    expect([...packed.texts].sort()).toEqual(['B11', 'O22', 'label: Missbruk']);
    expect([...packed.counts]).toEqual([2, 0, 2]);
    expect(transferablesOf(packed)).toHaveLength(4);
    expect(unpackSuggestions(packed)).toEqual([list, [], list]);
  });
});
