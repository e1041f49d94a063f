// Mapping files: the approved answer key that leaves Kodbok for R, Stata, SPSS, Python, Excel
// and `kodbok apply`, and comes back in as known answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildMappingFile,
  checkMappingAgainstCodebook,
  indexMappingEntries,
  readMappingFile,
  writeMappingFile,
  type MappingEntry,
  type MappingFile,
} from '../../src/core/formats/mapping';
import type { FormatError, Result } from '../../src/core/formats/result';
import {
  FILE_STATUSES,
  type Codebook,
  type RawValue,
  type Status,
  type Suggestion,
} from '../../src/core/types';

function errorsOf<T>(r: Result<T>): FormatError[] {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value)}`);
  return r.errors;
}

function valueOf<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`);
  return r.value;
}

const FORMATS_EXAMPLE = `{
  "format": "kodbok/mapping",
  "formatVersion": 1,
  "variable": "aktualiseringsorsak",
  "codebook": {"id": "nuso-orsak", "version": "2025.1"},
  "exportedAt": "2026-11-23T10:00:00Z",
  "split": {"separators": [";", ","]},
  "entries": [
    {"raw": "Missbruk barn o ungdom", "code": "B11", "status": "approved",
     "frequency": 1234, "codedBy": "anna", "reviewedBy": "erik",
     "updatedAt": "2026-11-20T09:12:00Z", "note": "…"}
  ]
}`;

const mapping = (entries: unknown[]): string =>
  JSON.stringify({
    format: 'kodbok/mapping',
    formatVersion: 1,
    variable: 'v',
    codebook: { id: 'cb' },
    entries,
  });

describe('reading a mapping file', () => {
  it("reads FORMATS.md's example", () => {
    const file = valueOf(readMappingFile(FORMATS_EXAMPLE));
    expect(file).toStrictEqual({
      variable: 'aktualiseringsorsak',
      codebook: { id: 'nuso-orsak', version: '2025.1' },
      exportedAt: '2026-11-23T10:00:00Z',
      split: { separators: [';', ','] },
      entries: [
        {
          raw: 'Missbruk barn o ungdom',
          code: 'B11',
          status: 'approved',
          frequency: 1234,
          codedBy: 'anna',
          reviewedBy: 'erik',
          updatedAt: '2026-11-20T09:12:00Z',
          note: '…',
        },
      ],
    });
    expect(JSON.parse(writeMappingFile(file))).toEqual(JSON.parse(FORMATS_EXAMPLE));
  });

  it('reads the protect extension of split', () => {
    const text = FORMATS_EXAMPLE.replace(
      '"separators": [";", ","]',
      '"separators": [" – "], "protect": ["Missbruk BoU – Barnet/den unge"]',
    );
    expect(valueOf(readMappingFile(text)).split).toEqual({
      separators: [' – '],
      protect: ['Missbruk BoU – Barnet/den unge'],
    });
  });

  it('refuses a duplicate raw value, naming both places', () => {
    const r = readMappingFile(
      mapping([
        { raw: 'a', code: 'X', status: 'approved' },
        { raw: 'b', code: 'X', status: 'approved' },
        { raw: 'a', code: 'Y', status: 'coded' },
      ]),
    );
    expect(errorsOf(r)).toMatchObject([
      {
        path: '/entries/2/raw',
        message:
          'duplicate raw value "a" (also at /entries/0/raw); a value has one code per mapping',
      },
    ]);
    // Exact text: values that differ only in case or spaces are different raw values.
    expect(
      readMappingFile(
        mapping([
          { raw: 'a', code: 'X', status: 'approved' },
          { raw: 'a ', code: 'X', status: 'approved' },
          { raw: 'A', code: 'X', status: 'approved' },
        ]),
      ).ok,
    ).toBe(true);
  });

  it('refuses a bad status and wrong types at their paths', () => {
    const r = readMappingFile(
      mapping([
        { raw: 'a', code: 'X', status: 'done' },
        { raw: 'b', code: 'X', status: 'uncoded' },
        { raw: 'c', code: 'X', status: 'approved', frequency: '12' },
        { raw: 'd', code: 'X', status: 'approved', frequency: 1.5 },
        { raw: 'e', code: 'X', status: 'approved', frequency: -1 },
        { raw: 5, code: null, status: 'approved' },
        { code: 'X', status: 'approved' },
      ]),
    );
    expect(errorsOf(r)).toMatchObject([
      {
        path: '/entries/0/status',
        message:
          'must be one of "suggested", "coded", "approved", "rejected", "flagged"; found "done"',
      },
      {
        path: '/entries/1/status',
        message:
          'must be one of "suggested", "coded", "approved", "rejected", "flagged"; found "uncoded"',
      },
      { path: '/entries/2/frequency', message: 'must be a whole number; found a string' },
      { path: '/entries/3/frequency', message: 'must be a whole number; found a number' },
      { path: '/entries/4/frequency', message: 'must be 0 or more; found -1' },
      { path: '/entries/5/raw', message: 'must be text; found a whole number' },
      { path: '/entries/5/code', message: 'must be text; found null' },
      { path: '/entries/6/raw', message: 'missing: "raw" is required' },
    ]);
  });

  it('lists every bad entry of a large file without overflowing the stack', () => {
    const entries = Array.from({ length: 60_000 }, (_, i) => ({
      raw: `v${i}`,
      code: 'X',
      status: 'done',
    }));
    const errors = errorsOf(readMappingFile(mapping(entries)));
    expect(errors).toHaveLength(60_000);
    expect(errors[59_999]?.path).toBe('/entries/59999/status');
  });

  it('refuses a missing codebook id, a codebook file, and a newer version', () => {
    const noId = JSON.stringify({
      format: 'kodbok/mapping',
      formatVersion: 1,
      variable: 'v',
      codebook: {},
      entries: [],
    });
    expect(errorsOf(readMappingFile(noId)).map((e) => e.path)).toEqual(['/codebook/id']);
    expect(
      errorsOf(readMappingFile('{"format": "kodbok/codebook", "formatVersion": 1}'))[0]?.message,
    ).toMatch(/this is a codebook file .*not a mapping file/);
    expect(
      errorsOf(readMappingFile('{"format": "kodbok/mapping", "formatVersion": 3}'))[0]?.message,
    ).toBe('written by a newer Kodbok (formatVersion 3); this version reads 1');
    expect(
      errorsOf(
        readMappingFile('{"format": "kodbok/mapping", "formatVersion": 1, "entries": [}'),
      )[0],
    ).toMatchObject({
      line: 1,
      column: 62,
    });
  });

  it('keeps raw values such as __proto__ and constructor as data, looked up through a Map', () => {
    const text = mapping([
      { raw: '__proto__', code: 'X', status: 'approved' },
      { raw: 'constructor', code: 'Y', status: 'approved', __proto__: 'x' },
      { raw: 'toString', code: 'Z', status: 'flagged' },
    ]).replace('"__proto__":"x"', '"__proto__":{"polluted":"yes"}');
    const file = valueOf(readMappingFile(text));
    const approved = indexMappingEntries(file, 'approved');
    expect([...approved.keys()]).toEqual(['__proto__', 'constructor']);
    expect(approved.get('__proto__')?.code).toBe('X');
    expect(approved.has('toString')).toBe(false);
    expect(indexMappingEntries(file).get('toString')?.status).toBe('flagged');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(file.entries[1] ?? {})).toEqual(['raw', 'code', 'status']);
  });
});

describe('writing a mapping file', () => {
  it('writes the envelope first and keys in FORMATS.md order', () => {
    const file: MappingFile = {
      entries: [
        {
          note: 'n',
          updatedAt: 'u',
          reviewedBy: 'r',
          codedBy: 'c',
          frequency: 3,
          status: 'coded',
          code: 'X',
          raw: 'a',
        },
      ],
      split: { protect: ['p'], separators: [';'] },
      exportedAt: 't',
      codebook: { version: '1', id: 'cb' },
      variable: 'v',
    };
    const json = JSON.parse(writeMappingFile(file));
    expect(Object.keys(json)).toEqual([
      'format',
      'formatVersion',
      'variable',
      'codebook',
      'exportedAt',
      'split',
      'entries',
    ]);
    expect(Object.keys(json.codebook)).toEqual(['id', 'version']);
    expect(Object.keys(json.split)).toEqual(['separators', 'protect']);
    expect(Object.keys(json.entries[0])).toEqual([
      'raw',
      'code',
      'status',
      'frequency',
      'codedBy',
      'reviewedBy',
      'updatedAt',
      'note',
    ]);
    const bare = JSON.parse(
      writeMappingFile({ variable: 'v', codebook: { id: 'cb' }, entries: [] }),
    );
    expect(Object.keys(bare)).toEqual([
      'format',
      'formatVersion',
      'variable',
      'codebook',
      'entries',
    ]);
  });

  const text = fc.oneof(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'hasOwnProperty',
      '',
      ' ',
      '  x  ',
      '\n',
      'a;b',
      'Missbruk BoU – Barnet/den unge',
      'Gävle',
      '007',
      '=1+1',
      '🙂',
    ),
    fc.string({ unit: 'binary' }),
  );
  const nonEmpty = text.filter((s) => s !== '');
  const entry: fc.Arbitrary<MappingEntry> = fc.record(
    {
      raw: text,
      code: nonEmpty,
      status: fc.constantFrom(...FILE_STATUSES),
      frequency: fc.nat(),
      codedBy: text,
      reviewedBy: text,
      updatedAt: text,
      note: text,
    },
    { requiredKeys: ['raw', 'code', 'status'], noNullPrototype: true },
  );
  const file: fc.Arbitrary<MappingFile> = fc.record(
    {
      variable: nonEmpty,
      codebook: fc.record(
        { id: nonEmpty, version: text },
        { requiredKeys: ['id'], noNullPrototype: true },
      ),
      exportedAt: text,
      split: fc.record(
        { separators: fc.array(text, { maxLength: 3 }), protect: fc.array(text, { maxLength: 2 }) },
        { requiredKeys: ['separators'], noNullPrototype: true },
      ),
      entries: fc.uniqueArray(entry, { maxLength: 20, selector: (e) => e.raw }),
    },
    { requiredKeys: ['variable', 'codebook', 'entries'], noNullPrototype: true },
  );

  it('round-trips any mapping exactly, whatever the raw values (property)', () => {
    fc.assert(
      fc.property(file, (f) => {
        const back = readMappingFile(writeMappingFile(f));
        expect(back.ok && back.warnings).toEqual([]);
        expect(valueOf(back)).toStrictEqual(f);
      }),
      { numRuns: 300 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('building the export of a variable', () => {
  const codebook: Codebook = {
    id: 'ref-orsak',
    version: '1',
    variable: 'orsak',
    categories: [
      { code: 'HEM', label: 'Hemmiljö', parent: null },
      { code: 'H07', label: 'Skadligt bruk hos förälder', parent: 'HEM' },
      { code: 'B11', label: 'Barnets skadliga bruk', parent: null },
    ],
  };
  const value = (
    raw: string,
    frequency: number,
    code: string | null,
    status: Status,
    more: Partial<RawValue> = {},
  ): RawValue => ({
    variable: 'orsak',
    raw,
    frequency,
    municipalities: 1,
    code,
    status,
    codedBy: null,
    codedAt: null,
    reviewedBy: null,
    reviewedAt: null,
    note: '',
    updatedAt: null,
    combinations: 1,
    firstImport: null,
    ...more,
  });
  const values: RawValue[] = [
    value('Missbruk förälder', 50, 'H07', 'approved', {
      codedBy: 'anna',
      reviewedBy: 'erik',
      updatedAt: '2026-11-20T09:12:00Z',
      note: 'VH',
    }),
    value('missbruk barn', 50, 'B11', 'approved', { codedBy: 'anna', municipalities: 4 }),
    value('Missbruk eget', 200, 'B11', 'coded', { codedBy: 'anna' }),
    value('__proto__', 3, 'B11', 'flagged', { note: 'odd value' }),
    value('Hemmiljö', 9, 'H07', 'rejected'),
    value('ungdomsmissbruk', 7, null, 'uncoded'),
    value('okänt', 80, null, 'uncoded'),
    value('inget förslag', 100, null, 'uncoded'),
  ];
  const suggestions = new Map<string, Suggestion>([
    ['ungdomsmissbruk', { code: 'B11', score: 0.8, via: 'synonym: ungdomens missbruk' }],
    ['okänt', { code: 'H07', score: 0.2, via: 'label: Skadligt bruk hos förälder' }],
    ['Missbruk eget', { code: 'H07', score: 0.9, via: 'label: x' }],
  ]);
  const input = {
    variable: 'orsak',
    codebook,
    split: { separators: [';', ','], protect: [] },
    values,
    suggestions,
    exportedAt: '2026-11-23T10:00:00Z',
  };

  it('exports approved values only by default, most frequent first, then by raw', () => {
    const file = buildMappingFile({ ...input, full: false });
    expect(file).toStrictEqual({
      variable: 'orsak',
      codebook: { id: 'ref-orsak', version: '1' },
      exportedAt: '2026-11-23T10:00:00Z',
      split: { separators: [';', ','] },
      entries: [
        {
          raw: 'Missbruk förälder',
          code: 'H07',
          status: 'approved',
          frequency: 50,
          municipalities: 1,
          codedBy: 'anna',
          reviewedBy: 'erik',
          updatedAt: '2026-11-20T09:12:00Z',
          note: 'VH',
        },
        {
          raw: 'missbruk barn',
          code: 'B11',
          status: 'approved',
          frequency: 50,
          municipalities: 4,
          codedBy: 'anna',
        },
      ],
    });
    expect(valueOf(readMappingFile(writeMappingFile(file)))).toStrictEqual(file);
  });

  it('exports every coding and the top suggestion of uncoded values in the full export', () => {
    const file = buildMappingFile({ ...input, full: true });
    expect(file.entries.map((e) => [e.raw, e.code, e.status])).toEqual([
      ['Missbruk eget', 'B11', 'coded'],
      ['okänt', 'H07', 'suggested'],
      ['Missbruk förälder', 'H07', 'approved'],
      ['missbruk barn', 'B11', 'approved'],
      ['Hemmiljö', 'H07', 'rejected'],
      ['ungdomsmissbruk', 'B11', 'suggested'],
      ['__proto__', 'B11', 'flagged'],
    ]);
    // Every value is in the full export: the one with neither code nor suggestion too.
    expect(file.uncoded).toStrictEqual([{ raw: 'inget förslag', frequency: 100 }]);
    expect(file.entries.length + (file.uncoded?.length ?? 0)).toBe(values.length);
    expect(file.entries.find((e) => e.raw === '__proto__')).toStrictEqual({
      raw: '__proto__',
      code: 'B11',
      status: 'flagged',
      frequency: 3,
      municipalities: 1,
      note: 'odd value',
    });
    // A suggestion carries its score (SSSOM's confidence); a person's coding has none.
    expect(file.entries.find((e) => e.raw === 'okänt')?.score).toBe(0.2);
    expect(file.entries.find((e) => e.raw === 'Missbruk eget')?.score).toBeUndefined();
    expect(valueOf(readMappingFile(writeMappingFile(file)))).toStrictEqual(file);
  });

  it('keeps protected values in split and leaves out the codebook version when there is none', () => {
    const unversioned: Codebook = {
      id: codebook.id,
      variable: codebook.variable,
      categories: codebook.categories,
    };
    const file = buildMappingFile({
      ...input,
      codebook: unversioned,
      split: { separators: [' – '], protect: ['Missbruk BoU – Barnet/den unge'] },
      full: false,
    });
    expect(file.codebook).toStrictEqual({ id: 'ref-orsak' });
    expect(file.split).toStrictEqual({
      separators: [' – '],
      protect: ['Missbruk BoU – Barnet/den unge'],
    });
  });

  it('checks a mapping against its codebook: leaves only; another codebook is a warning', () => {
    const file = valueOf(
      readMappingFile(
        mapping([
          { raw: 'a', code: 'H07', status: 'approved' },
          { raw: 'b', code: 'HEM', status: 'approved' },
          { raw: 'c', code: 'X99', status: 'coded' },
          { raw: 'd', code: 'constructor', status: 'coded' },
        ]),
      ),
    );
    const check = checkMappingAgainstCodebook(file, codebook);
    expect(check.errors).toMatchObject([
      {
        path: '/entries/1/code',
        message: 'code "HEM" (Hemmiljö) is a group; values are coded to its subcategories',
      },
      { path: '/entries/2/code', message: 'code "X99" is not in codebook "ref-orsak"' },
      { path: '/entries/3/code', message: 'code "constructor" is not in codebook "ref-orsak"' },
    ]);
    expect(check.warnings).toEqual([
      'the mapping was made for codebook "cb", not "ref-orsak"',
      'the mapping is for variable "v", the codebook for "orsak"',
    ]);
    const own = buildMappingFile({ ...input, full: true });
    expect(checkMappingAgainstCodebook(own, codebook)).toEqual({ errors: [], warnings: [] });
  });
});
