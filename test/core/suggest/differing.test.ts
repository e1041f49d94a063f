import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CodebookRuns,
  hasRun,
  margin,
  textWords,
  type TextWords,
} from '../../../src/core/suggest/differing';
import { DocumentIndex, wordsOf } from '../../../src/core/suggest/retrieval';

// Few words, so that runs and shared words are common; separators as normalised values have them.
const word = fc.constantFrom('hvb', 'barn', 'och', 'familj', 'ej', 'a', 'kassa', 'cp', 'vård');
const text = fc
  .array(fc.tuple(word, fc.constantFrom(' ', '  ', '-', ' / ')), { maxLength: 7 })
  .map((parts) => parts.map(([w, sep]) => w + sep).join(''));

/** The plain version the engine had: words joined with spaces, searched as a string. */
function padded(normalised: string): string {
  return ` ${wordsOf(normalised).join(' ')} `;
}

const documents = new DocumentIndex([
  'hvb för barn och familj',
  'familjehem . vård i familj',
  'ej medlem i a kassa',
  'cp child protection',
]);

/** The plain margin: the words as sets, each word's scores looked up as it is met. */
function plainMargin(words: string, without: string, leaf: number): number {
  const sums = new Float64Array(documents.size);
  const skip = new Set(wordsOf(without));
  let norm2 = 0;
  for (const w of new Set(wordsOf(words))) {
    if (skip.has(w)) continue;
    const s = documents.wordScores(w);
    norm2 += s.norm2;
    for (let i = 0; i < sums.length; i++) sums[i] = (sums[i] as number) + (s.dots[i] as number);
  }
  if (norm2 === 0) return 0;
  let other = 0;
  for (let i = 0; i < sums.length; i++)
    if (i !== leaf && (sums[i] as number) > other) other = sums[i] as number;
  return ((sums[leaf] as number) - other) / Math.sqrt(norm2);
}

describe('the words a value and a neighbour do not share', () => {
  it('finds exactly the codebook texts a search of the joined words finds', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 6 }), text, (texts, value) => {
        const runs = new CodebookRuns(texts.map((t, i) => ({ normalised: t, code: `C${i % 3}` })));
        const found = runs
          .in(wordsOf(value))
          .map((r) => [r.words.join(' '), [...r.codes].sort().join(',')])
          .sort();
        const want = new Map<string, Set<string>>();
        texts.forEach((t, i) => {
          const key = wordsOf(t).join(' ');
          if (key === '') return;
          const codes = want.get(key) ?? new Set<string>();
          codes.add(`C${i % 3}`);
          want.set(key, codes);
        });
        const plain = [...want]
          .filter(([key]) => padded(value).includes(` ${key} `))
          .map(([key, codes]) => [key, [...codes].sort().join(',')])
          .sort();
        expect(found).toEqual(plain);
      }),
    );
  });

  it('tells whether a run of words is there as the joined text would', () => {
    fc.assert(
      fc.property(text, text, (run, value) => {
        const words = wordsOf(run);
        fc.pre(words.length > 0);
        expect(hasRun(wordsOf(value), words)).toBe(padded(value).includes(` ${words.join(' ')} `));
      }),
    );
  });

  it('weighs the words not shared exactly as the plain sets did, bit for bit', () => {
    fc.assert(
      fc.property(text, text, fc.nat(documents.size - 1), (a, b, leaf) => {
        const wa: TextWords = textWords(a, documents);
        const wb: TextWords = textWords(b, documents);
        const sums = new Float64Array(documents.size);
        expect(margin(wa, wb, leaf, sums)).toBe(plainMargin(a, b, leaf));
        expect(margin(wb, wa, leaf, sums)).toBe(plainMargin(b, a, leaf));
      }),
    );
  });
});
