import fc from 'fast-check';
import { compareTwoStrings } from 'string-similarity';
import { describe, expect, it } from 'vitest';
import {
  DiceIndex,
  diceCoefficient,
  diceOfProfiles,
  diceProfile,
} from '../../../src/core/suggest/dice';

// Strings as raw values look, and the corners of compareTwoStrings: Swedish letters, repeated
// bigrams (`aaaa`), whitespace of several kinds (removed before comparing), strings of 0–2 letters.
const letter = fc.constantFrom('a', 'b', 'å', 'ä', 'ö', 'Å', 'e', 'n', 'r', '/', '-', '1');
const space = fc.constantFrom(' ', '  ', '\t', '\u00a0');
const valueText = fc
  .array(fc.oneof({ weight: 5, arbitrary: letter }, { weight: 1, arbitrary: space }), {
    maxLength: 14,
  })
  .map((parts) => parts.join(''));
// Any UTF-16, including lone surrogates: the library compares code units, and so must we.
const anyText = fc.string({ unit: 'binary', maxLength: 12 });

describe('diceCoefficient and profiles', () => {
  it('give exactly compareTwoStrings on the same strings', () => {
    fc.assert(
      fc.property(fc.oneof(valueText, anyText), fc.oneof(valueText, anyText), (a, b) => {
        const want = compareTwoStrings(a, b);
        expect(diceCoefficient(a, b)).toBe(want);
        expect(diceOfProfiles(diceProfile(a), diceProfile(b))).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });

  it('score equal strings 1 and a string shorter than 2 letters 0 against others', () => {
    expect(diceCoefficient('', '')).toBe(1);
    expect(diceCoefficient('å', 'å')).toBe(1);
    expect(diceCoefficient('å', 'åå')).toBe(0);
    expect(diceCoefficient('missbruk barnet', 'missbrukbarnet')).toBe(1);
  });
});

/** The answer of a search, computed the slow way from compareTwoStrings. */
function bruteForce(
  targets: ReadonlyMap<number, string>,
  query: string,
  minScore: number,
  limit: number | undefined,
): { id: number; score: number }[] {
  const all = [...targets]
    .map(([id, text]) => ({ id, score: compareTwoStrings(query, text) }))
    .filter((h) => h.score >= minScore)
    .sort((a, b) => b.score - a.score || a.id - b.id);
  return limit === undefined ? all : all.slice(0, limit);
}

// Adds, replacements and removals, as learn and forget do.
const operation = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), id: fc.nat(30), text: valueText }),
  fc.record({ kind: fc.constant('remove' as const), id: fc.nat(30) }),
);

describe('DiceIndex.search', () => {
  it('finds exactly the best targets compareTwoStrings would, ties by id', () => {
    fc.assert(
      fc.property(
        fc.array(operation, { maxLength: 60 }),
        fc.array(
          fc.record({
            query: valueText,
            minScore: fc.double({ min: 0.01, max: 1, noNaN: true }),
            limit: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (operations, queries) => {
          const index = new DiceIndex();
          const targets = new Map<number, string>();
          for (const op of operations) {
            if (op.kind === 'add') {
              index.add(op.id, op.text);
              targets.set(op.id, op.text);
            } else {
              index.remove(op.id);
              targets.delete(op.id);
            }
          }
          expect(index.size).toBe(targets.size);
          for (const { query, minScore, limit } of queries) {
            const got = index
              .search(query, { minScore, limit })
              .map(({ id, score }) => ({ id, score }));
            expect(got).toEqual(bruteForce(targets, query, minScore, limit));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds the same in a large index where pruning matters', () => {
    // Many near-duplicates of a few phrases: the case the size window and bounds are for.
    const phrases = [
      'missbruk förälder',
      'bristande omsorg',
      'våld mot barnet',
      'skolfrånvaro hög',
    ];
    const index = new DiceIndex();
    const targets = new Map<number, string>();
    let id = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...phrases),
        fc.nat(15),
        fc.constantFrom('', 'x', 'yy', ' akut'),
        (p, cut, tail) => {
          const text = p.slice(0, p.length - (cut % 5)) + tail;
          index.add(id, text);
          targets.set(id++, text);
        },
      ),
      { numRuns: 600 },
    );
    for (const query of [...phrases, 'missbruk', 'omsorgsbrist', 'våld', 'x']) {
      for (const limit of [1, 5, 12, undefined]) {
        const got = index
          .search(query, { minScore: 0.3, limit })
          .map(({ id: i, score }) => ({ id: i, score }));
        expect(got).toEqual(bruteForce(targets, query, 0.3, limit));
      }
    }
  });

  it('finds the same in a large index of unrelated targets, where a query meets few of them', () => {
    // Thousands of targets over a wide alphabet: each bigram has few postings, so a search reads
    // a small share of the targets (counted one by one, not into a dense array).
    const alphabet = 'abcdefghijklmnopqrstuvwxyzåäö0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const word = (n: number): string =>
      Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const index = new DiceIndex();
    const targets = new Map<number, string>();
    for (let id = 0; id < 4000; id++) {
      const text = word(6 + (id % 7));
      index.add(id, text);
      targets.set(id, text);
    }
    const queries = [
      ...[...targets.values()].slice(0, 40),
      ...Array.from({ length: 40 }, () => word(8)),
    ];
    // Near misses of stored targets: one letter changed.
    for (const t of [...targets.values()].slice(100, 140))
      queries.push(`${t.slice(0, 3)}x${t.slice(4)}`);
    for (const query of queries) {
      for (const minScore of [0.2, 0.6]) {
        const got = index
          .search(query, { minScore, limit: 12 })
          .map(({ id, score }) => ({ id, score }));
        expect(got).toEqual(bruteForce(targets, query, minScore, 12));
      }
    }
  });

  it('stays exact for strings far longer than raw values', () => {
    const long = 'missbruk förälder '.repeat(400);
    const targets = new Map([
      [0, long],
      [1, long.slice(0, 5000)],
      [2, 'a'.repeat(6000)],
      [3, 'missbruk'],
    ]);
    const index = new DiceIndex();
    for (const [id, text] of targets) index.add(id, text);
    for (const query of [long, 'a'.repeat(5000), 'missbruk förälder']) {
      const got = index.search(query, { minScore: 0.01 }).map(({ id, score }) => ({ id, score }));
      expect(got).toEqual(bruteForce(targets, query, 0.01, undefined));
    }
  });

  it('orders equal scores by the given tie-break, whatever the insertion order', () => {
    const index = new DiceIndex();
    ['abc', 'abd', 'abe'].forEach((t, i) => index.add(10 - i, t));
    const names = new Map([
      [10, 'c'],
      [9, 'a'],
      [8, 'b'],
    ]);
    const tieBreak = (a: number, b: number): number =>
      (names.get(a) ?? '').localeCompare(names.get(b) ?? '');
    expect(index.search('ab', { minScore: 0.1, limit: 2, tieBreak }).map((h) => h.id)).toEqual([
      9, 8,
    ]);
  });

  it('refuses a minimum score that would list every target', () => {
    expect(() => new DiceIndex().search('x', { minScore: 0 })).toThrow(RangeError);
  });
});

describe('DiceIndex.forEachMatch', () => {
  it('visits every target sharing a bigram, with its exact score', () => {
    fc.assert(
      fc.property(fc.array(valueText, { maxLength: 20 }), valueText, (texts, query) => {
        const index = new DiceIndex();
        texts.forEach((t, i) => index.add(i, t));
        const seen = new Map<number, number>();
        index.forEachMatch(diceProfile(query), (id, score) => seen.set(id, score));
        texts.forEach((t, i) => {
          const want = compareTwoStrings(query, t);
          if (want > 0) expect(seen.get(i)).toBe(want);
        });
      }),
      { numRuns: 300 },
    );
  });
});
