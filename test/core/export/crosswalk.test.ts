// The codebook through a crosswalk (issue 11 item 5): the other codebook as seen from this one,
// which the JSON, REFI-QDA and HTML exports are made of.
import { describe, expect, it } from 'vitest';
import {
  crosswalkCodebook,
  crosswalkTargets,
  documentedCodebook,
  missingCrosswalk,
} from '../../../src/core/export/crosswalk';
import { readCodebookFile, writeCodebookFile } from '../../../src/core/formats/codebook';
import type { MappingFile } from '../../../src/core/formats/mapping';
import { MAX_TEXT_LENGTH } from '../../../src/core/limits';
import type { Category, Codebook } from '../../../src/core/types';

const to = (code: string) => ({ skr: code });

const BOOK: Codebook = {
  id: 'nuso',
  title: 'Orsaker',
  version: '2025.1',
  revision: { number: 4, at: '2026-12-01T10:00:00Z', by: 'anna' },
  variable: 'orsak',
  categories: [
    { code: 'G1', label: 'Hemmet', parent: null, crosswalk: to('SKR-HEM') },
    { code: 'G2', label: 'Barnet', parent: null },
    {
      code: 'A',
      label: 'Alfa',
      parent: 'G1',
      definition: 'Def A',
      include: 'Inc A',
      synonyms: ['a', 'ab'],
      crosswalk: to('X1'),
    },
    {
      code: 'B',
      label: 'Beta',
      parent: 'G1',
      exclude: 'Exc B',
      synonyms: ['ab', 'b'],
      crosswalk: { other: 'O1', ...to('X1') },
    },
    { code: '__proto__', label: 'Proto', parent: 'G1', crosswalk: to('X3') },
    // Its code there equals one of our own codes: in the other codebook it is only theirs.
    { code: 'C', label: 'Gamma', parent: 'G2', definition: 'Def C', crosswalk: to('A') },
    { code: 'D', label: 'Delta', parent: 'G1' },
    { code: 'E', label: 'Epsilon', parent: 'G2', crosswalk: to('') },
  ],
};

const byCode = (book: Codebook) => new Map(book.categories.map((c) => [c.code, c]));

describe('the codebook through a crosswalk', () => {
  it('has one category per distinct code there, saying which of ours map to it, and carries their texts', () => {
    const { codebook, sources, missing } = crosswalkCodebook(BOOK, 'skr');
    expect(codebook.categories.map((c) => c.code)).toEqual(['SKR-HEM', 'X1', 'X3', 'A']);
    const x1 = byCode(codebook).get('X1') as Category;
    expect(x1).toEqual({
      code: 'X1',
      label: 'X1',
      parent: 'SKR-HEM',
      definition: 'A Alfa: Def A\nB Beta',
      include: 'A: Inc A',
      exclude: 'B: Exc B',
      synonyms: ['a', 'ab', 'b'],
    });
    expect(sources.get('X1')).toEqual(['A', 'B']);
    // One source: its texts as they are.
    expect(byCode(codebook).get('A')).toEqual({
      code: 'A',
      label: 'A',
      parent: null,
      definition: 'C Gamma: Def C',
    });
    expect(sources.get('A')).toEqual(['C']);
    // Leaves without a code there, or with an empty one, are left out and reported.
    expect(missing).toEqual(['D', 'E']);
    expect(missingCrosswalk(BOOK, 'skr')).toEqual(['D', 'E']);
  });

  it('keeps groups whose categories have a code there, and puts the others’ categories at the top', () => {
    const { codebook } = crosswalkCodebook(BOOK, 'skr');
    const parents = codebook.categories.map((c) => [c.code, c.parent]);
    expect(parents).toEqual([
      ['SKR-HEM', null],
      ['X1', 'SKR-HEM'],
      ['X3', 'SKR-HEM'],
      ['A', null], // G2 has no code in skr: flat
    ]);
  });

  it('names both codebooks, keeps version and revision, and is a valid codebook file', () => {
    const { codebook } = crosswalkCodebook(BOOK, 'skr');
    expect(codebook.id).toBe('skr-via-nuso');
    expect(codebook.title).toBe('skr via Orsaker');
    expect(codebook.version).toBe('2025.1');
    expect(codebook.revision).toEqual(BOOK.revision);
    expect(codebook.variable).toBe('orsak');
    const read = readCodebookFile(writeCodebookFile(codebook));
    expect(read.ok && read.value).toEqual(codebook);
  });

  it('reads `__proto__` as a code and as a codebook id, setting no prototype', () => {
    const book: Codebook = {
      ...BOOK,
      categories: [
        { code: '__proto__', label: 'P', parent: null },
        {
          code: 'L',
          label: 'Leaf',
          parent: '__proto__',
          crosswalk: Object.fromEntries([['__proto__', '__proto__']]),
        },
        { code: 'M', label: 'Other', parent: '__proto__', crosswalk: { constructor: 'K' } },
      ],
    };
    expect(crosswalkTargets(book)).toEqual(['__proto__', 'constructor']);
    const { codebook, missing } = crosswalkCodebook(book, '__proto__');
    expect(codebook.categories).toEqual([
      { code: '__proto__', label: '__proto__', parent: null, definition: 'L Leaf' },
    ]);
    expect(missing).toEqual(['M']);
    expect(crosswalkCodebook(book, 'toString').codebook.categories).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never puts a category under itself or in a cycle, nor under two groups', () => {
    const book: Codebook = {
      id: 'b',
      variable: 'v',
      categories: [
        // A group and its leaf with one code there: the leaf's code is not under itself.
        { code: 'G', label: 'G', parent: null, crosswalk: to('X') },
        { code: 'L', label: 'L', parent: 'G', crosswalk: to('X') },
        // Two leaves with one code there under groups with different codes: at the top.
        { code: 'H', label: 'H', parent: null, crosswalk: to('Y') },
        { code: 'I', label: 'I', parent: null, crosswalk: to('Z') },
        { code: 'M', label: 'M', parent: 'H', crosswalk: to('W') },
        { code: 'N', label: 'N', parent: 'I', crosswalk: to('W') },
        // A group whose own group has no code, but the one above has.
        { code: 'J', label: 'J', parent: 'H' },
        { code: 'K', label: 'K', parent: 'J', crosswalk: to('V') },
      ],
    };
    const { codebook } = crosswalkCodebook(book, 'skr');
    expect(codebook.categories.map((c) => [c.code, c.parent])).toEqual([
      ['X', null],
      ['Y', null],
      ['Z', null],
      ['W', null],
      ['V', 'Y'],
    ]);
    expect(readCodebookFile(writeCodebookFile(codebook)).ok).toBe(true);
  });

  it('stays a file Kodbok reads when many long texts map to one code: cut at the limit, ending in …', () => {
    const long = 'x'.repeat(300);
    const book: Codebook = {
      id: 'b',
      variable: 'v',
      categories: Array.from({ length: 40 }, (_, i) => ({
        code: `C${i}`,
        label: `Kategori ${i}`,
        parent: null,
        definition: long,
        include: long,
        crosswalk: to('Övrigt'),
      })),
    };
    const { codebook } = crosswalkCodebook(book, 'skr');
    const [other] = codebook.categories;
    expect(other?.definition).toHaveLength(MAX_TEXT_LENGTH);
    expect(other?.definition?.startsWith(`C0 Kategori 0: ${long}\nC1 Kategori 1: `)).toBe(true);
    expect(other?.definition?.endsWith('…')).toBe(true);
    expect(other?.include).toHaveLength(MAX_TEXT_LENGTH);
    expect(readCodebookFile(writeCodebookFile(codebook)).ok).toBe(true);
  });

  it('is deprecated only when every category mapped to it is', () => {
    const book: Codebook = {
      id: 'b',
      variable: 'v',
      categories: [
        { code: 'A', label: 'A', parent: null, deprecated: true, crosswalk: to('X') },
        { code: 'B', label: 'B', parent: null, deprecated: true, crosswalk: to('Y') },
        { code: 'C', label: 'C', parent: null, crosswalk: to('Y') },
      ],
    };
    const { codebook } = crosswalkCodebook(book, 'skr');
    expect(codebook.categories.map((c) => c.deprecated)).toEqual([true, undefined]);
  });
});

describe('what the codebook documents show through a crosswalk', () => {
  const mapping: MappingFile = {
    variable: 'orsak',
    codebook: { id: 'nuso' },
    entries: [
      { raw: 'a1', code: 'A', status: 'approved', frequency: 5 },
      { raw: 'b1', code: 'B', status: 'approved', frequency: 7 },
      { raw: 'a2', code: 'A', status: 'coded', frequency: 50 },
      { raw: 'd1', code: 'D', status: 'approved', frequency: 9 },
      { raw: '__proto__', code: '__proto__', status: 'approved', frequency: 1 },
    ],
  };

  it('takes examples and counts from the approved values of all categories mapped to each', () => {
    const { codebook, stats, missing } = documentedCodebook(BOOK, 'skr', mapping);
    expect(codebook.id).toBe('skr-via-nuso');
    expect(missing).toEqual(['D', 'E']);
    expect(stats?.get('X1')).toEqual({ values: 2, rows: 12, examples: ['b1', 'a1'] });
    expect(stats?.get('X3')).toEqual({ values: 1, rows: 1, examples: ['__proto__'] });
    // D has no code there: its value is in no category's examples.
    expect([...(stats?.keys() ?? [])].sort()).toEqual(['X1', 'X3']);
  });

  it('is the codebook itself without a crosswalk', () => {
    const { codebook, stats, missing } = documentedCodebook(BOOK, undefined, mapping);
    expect(codebook).toBe(BOOK);
    expect(stats?.get('A')).toEqual({ values: 1, rows: 5, examples: ['a1'] });
    expect(missing).toEqual([]);
  });

  it('offers no crosswalk whose codes are all empty', () => {
    const book: Codebook = {
      id: 'b',
      variable: 'v',
      categories: [{ code: 'A', label: 'A', parent: null, crosswalk: { skr: '', x: 'X' } }],
    };
    expect(crosswalkTargets(book)).toEqual(['x']);
  });
});
