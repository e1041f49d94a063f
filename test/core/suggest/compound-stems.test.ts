import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompoundStems } from '../../../src/core/suggest/terms';

// Few letters, so that stems share beginnings and occur in words, more than once too.
const letters = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[abro]{${min},${max}}$`));
const ENDINGS = ['', 'a', 'er', 'or'];

/** The plain scan of every stem, longest first, as compileTerms did it. */
function plainHead(stems: { stem: string; concept: string }[], w: string) {
  for (const { stem, concept } of stems) {
    const at = w.lastIndexOf(stem);
    if (at < 3) continue;
    if (ENDINGS.includes(w.slice(at + stem.length))) return { at, concept };
  }
  return undefined;
}
function plainModifier(stems: { stem: string; concept: string }[], w: string) {
  for (const { stem, concept } of stems)
    if (w.startsWith(stem) && w.length - stem.length >= 3) return concept;
  return undefined;
}

describe('CompoundStems', () => {
  it('finds the same head and modifier as a scan of every stem', () => {
    fc.assert(
      fc.property(fc.array(letters(4, 7), { maxLength: 12 }), letters(0, 16), (raw, w) => {
        const stems = raw
          .map((stem, i) => ({ stem, concept: `c${i}` }))
          .sort((a, b) => b.stem.length - a.stem.length);
        const index = new CompoundStems(stems, ENDINGS);
        expect(index.head(w)).toEqual(plainHead(stems, w));
        expect(index.modifier(w)).toEqual(plainModifier(stems, w));
      }),
      { numRuns: 500 },
    );
  });
});
