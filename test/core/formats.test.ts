// Codebook files and the safe JSON reading under them: what a researcher's import can and cannot do.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isLeaf,
  leafCodes,
  readCodebookFile,
  validateCodebook,
  writeCodebookFile,
} from '../../src/core/formats/codebook';
import codebookSchema from '../../src/core/formats/codebook.schema.json';
import {
  MAX_JSON_SIZE,
  locateJsonSyntaxError,
  parseJson,
  parseJsonBytes,
} from '../../src/core/formats/json';
import mappingSchema from '../../src/core/formats/mapping.schema.json';
import type { FormatError, Result } from '../../src/core/formats/result';
import { FILE_STATUSES, type Category, type Codebook } from '../../src/core/types';

// The shared dev set lives beside the repository (../shared/dev-set), as for scripts/quality.ts.
const devSet = (name: string): string =>
  readFileSync(new URL(`../../../shared/dev-set/${name}`, import.meta.url), 'utf8');

const minimal = (categories: unknown[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    format: 'kodbok/codebook',
    formatVersion: 1,
    id: 'cb',
    variable: 'v',
    ...extra,
    categories,
  });

const leaf = (code: string, parent: string | null = null): Category => ({
  code,
  label: code,
  parent,
});

function errorsOf<T>(r: Result<T>): FormatError[] {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value)}`);
  return r.errors;
}

function valueOf<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`);
  return r.value;
}

const paths = (r: Result<unknown>): string[] => errorsOf(r).map((e) => e.path);

describe('reading the dev-set codebooks', () => {
  it('reads the reason codebook: 25 categories, 22 leaves, no warnings', () => {
    const r = readCodebookFile(devSet('orsak_codebook.json'));
    expect(r.ok && r.warnings).toEqual([]);
    const cb = valueOf(r);
    expect(cb.id).toBe('ref-orsak');
    expect(cb.categories).toHaveLength(25);
    expect(leafCodes(cb)).toHaveLength(22);
    expect(isLeaf(cb, 'B11')).toBe(true);
    expect(isLeaf(cb, 'HEM')).toBe(false);
    expect(isLeaf(cb, 'NOPE')).toBe(false);
  });

  it('reads the action codebook: 10 categories, 7 leaves', () => {
    const cb = valueOf(readCodebookFile(devSet('atgard_codebook.json')));
    expect(cb.variable).toBe('åtgärd');
    expect(leafCodes(cb)).toEqual(['UTR1', 'UTR2', 'EJU1', 'EJU2', 'EJU3', 'ANN1', 'ANN2']);
  });

  it('gives back the same codebook after writing and reading it', () => {
    for (const name of ['orsak_codebook.json', 'atgard_codebook.json']) {
      const cb = valueOf(readCodebookFile(devSet(name)));
      expect(valueOf(readCodebookFile(writeCodebookFile(cb)))).toEqual(cb);
      expect(JSON.parse(writeCodebookFile(cb))).toEqual(JSON.parse(devSet(name)));
    }
  });
});

describe('writing a codebook', () => {
  it('writes the envelope first and keys in FORMATS.md order, 2-space indented', () => {
    const text = writeCodebookFile({
      variable: 'v',
      categories: [
        {
          crosswalk: { skr: 'X' },
          synonyms: ['s'],
          exclude: 'e',
          include: 'i',
          definition: 'd',
          parent: null,
          label: 'L',
          code: 'A',
        },
      ],
      version: '2',
      title: 'T',
      id: 'cb',
    });
    const json = JSON.parse(text);
    expect(Object.keys(json)).toEqual([
      'format',
      'formatVersion',
      'id',
      'title',
      'version',
      'variable',
      'categories',
    ]);
    expect(Object.keys(json.categories[0])).toEqual([
      'code',
      'label',
      'parent',
      'definition',
      'include',
      'exclude',
      'synonyms',
      'crosswalk',
    ]);
    expect(text.startsWith('{\n  "format": "kodbok/codebook",\n  "formatVersion": 1,\n')).toBe(
      true,
    );
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('omits optional fields that are absent', () => {
    const json = JSON.parse(
      writeCodebookFile({ id: 'cb', variable: 'v', categories: [leaf('A')] }),
    );
    expect(Object.keys(json)).toEqual(['format', 'formatVersion', 'id', 'variable', 'categories']);
    expect(json.categories[0]).toEqual({ code: 'A', label: 'A', parent: null });
  });

  // Arbitrary text, including keys and values that are special to plain objects.
  const text = fc.oneof(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      '  x  ',
      '\t',
      'Missbruk BoU – Barnet/den unge',
      'åäö ÅÄÖ',
      '🙂',
      '~/',
    ),
    fc.string({ unit: 'binary' }),
  );
  const code = fc.oneof(text, fc.string({ minLength: 1 })).filter((s) => s.trim() !== '');
  const codebook: fc.Arbitrary<Codebook> = fc
    .record({
      id: code,
      variable: code,
      title: fc.option(text, { nil: undefined }),
      version: fc.option(text, { nil: undefined }),
      cats: fc.uniqueArray(
        fc.record(
          {
            code,
            label: text,
            parentPick: fc.nat(),
            definition: text,
            include: text,
            exclude: text,
            synonyms: fc.array(text, { maxLength: 3 }),
            crosswalk: fc.array(fc.tuple(text, text), { maxLength: 3 }),
          },
          { requiredKeys: ['code', 'label', 'parentPick'] },
        ),
        { minLength: 1, maxLength: 12, selector: (c) => c.code },
      ),
    })
    .map(({ id, variable, title, version, cats }) => {
      // Parents point to earlier categories only: no cycles, at least one leaf.
      const categories = cats.map(({ parentPick, crosswalk, ...rest }, i): Category => {
        const parent =
          i === 0 || parentPick % 3 === 0 ? null : (cats[parentPick % i]?.code ?? null);
        const c: Category = { ...rest, parent };
        return crosswalk ? { ...c, crosswalk: Object.fromEntries(crosswalk) } : c;
      });
      const cb: Codebook = { id, variable, categories };
      return {
        ...cb,
        ...(title !== undefined && { title }),
        ...(version !== undefined && { version }),
      };
    });

  it('round-trips any valid codebook exactly (property)', () => {
    fc.assert(
      fc.property(codebook, (cb) => {
        expect(validateCodebook(cb)).toEqual([]);
        const back = readCodebookFile(writeCodebookFile(cb));
        expect(back.ok && back.warnings).toEqual([]);
        expect(valueOf(back)).toStrictEqual(cb);
      }),
      { numRuns: 300 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('refusing broken codebook files with the failing JSON pointer', () => {
  it('reports broken JSON with line and column', () => {
    const text = '{\n  "format": "kodbok/codebook",\n  "id": "x" "variable": "v"\n}';
    const [e] = errorsOf(readCodebookFile(text));
    expect(e).toMatchObject({ path: '', line: 3, column: 13 });
    expect(e?.message).toMatch(/line 3, column 13: .*expected ',' or '}'/);
  });

  it.each([
    ['', 1, 1, /end of the file/],
    ['{"a": [1, 2,]}', 1, 13, /trailing comma/],
    ['{"a": 1,}', 1, 9, /trailing comma before '}'/],
    ["{'a': 1}", 1, 2, /double quotes/],
    ['{"a": "x\ny"}', 1, 9, /line break/],
    ['{"a": "unterminated}', 1, 7, /unterminated string/],
    ['{"a": [1, 2', 1, 12, /array \[ is not closed/],
    ['{"a": 1} x', 1, 10, /after the end/],
    ['{"a": NaN}', 1, 7, /expected a value/],
    ['{"a": "\\x"}', 1, 8, /invalid escape/],
    ['// comment\n{}', 1, 1, /expected a value/],
  ])('locates the syntax error in %j', (text, line, column, reason) => {
    const [e] = errorsOf(parseJson(text));
    expect(e).toMatchObject({ path: '', line, column });
    expect(e?.message).toMatch(reason);
  });

  it('finds a syntax error exactly when JSON.parse does (property)', () => {
    const mutated = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\\', '\n', ' ', '0', '-', '{', '['),
        fc.boolean(),
      )
      .map(([json, at, insert, cut]) => {
        const i = at % (json.length + 1);
        return cut ? json.slice(0, i) + insert : json.slice(0, i) + insert + json.slice(i);
      });
    fc.assert(
      fc.property(mutated, (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const found = locateJsonSyntaxError(text);
        expect(found === null).toBe(parses);
        if (found) expect(found.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('strips a byte order mark', () => {
    expect(valueOf(readCodebookFile('\ufeff' + minimal([leaf('A')]))).categories).toHaveLength(1);
  });

  it('refuses files over the size cap, and non-UTF-8 bytes', () => {
    expect(errorsOf(parseJson(' '.repeat(MAX_JSON_SIZE + 1)))[0]?.message).toMatch(
      /up to 50\.0 MB/,
    );
    expect(errorsOf(parseJsonBytes(new Uint8Array([0x7b, 0x22, 0xe4, 0x22])))[0]?.message).toMatch(
      /not UTF-8/,
    );
    expect(errorsOf(parseJsonBytes(new Uint8Array([0xff, 0xfe, 0x7b, 0])))[0]?.message).toMatch(
      /UTF-16/,
    );
  });

  it('says when a mapping file is opened as a codebook', () => {
    const [e] = errorsOf(readCodebookFile('{"format": "kodbok/mapping", "formatVersion": 1}'));
    expect(e).toMatchObject({
      path: '/format',
      message: expect.stringMatching(/this is a mapping file .*not a codebook/),
    });
  });

  it('refuses files that are not Kodbok codebooks at /format', () => {
    expect(paths(readCodebookFile('{"format": "excel/sheet", "formatVersion": 1}'))).toEqual([
      '/format',
    ]);
    expect(paths(readCodebookFile('{"id": "x"}'))).toEqual(['/format']);
    expect(paths(readCodebookFile('[1, 2]'))).toEqual(['']);
    expect(paths(readCodebookFile('null'))).toEqual(['']);
  });

  it('refuses a newer formatVersion in words the user understands', () => {
    const [e] = errorsOf(
      readCodebookFile('{"format": "kodbok/codebook", "formatVersion": 2, "whatever": []}'),
    );
    expect(e).toMatchObject({
      path: '/formatVersion',
      message: 'written by a newer Kodbok (formatVersion 2); this version reads 1',
    });
    expect(paths(readCodebookFile('{"format": "kodbok/codebook", "formatVersion": "1"}'))).toEqual([
      '/formatVersion',
    ]);
    expect(paths(readCodebookFile('{"format": "kodbok/codebook", "formatVersion": 0}'))).toEqual([
      '/formatVersion',
    ]);
    expect(paths(readCodebookFile('{"format": "kodbok/codebook"}'))).toEqual(['/formatVersion']);
  });

  it('refuses wrong types and missing fields, each at its own path', () => {
    const r = readCodebookFile(
      minimal(
        [
          leaf('HEM'),
          { code: 'H01', label: 'x', parent: 5 },
          { code: 'H02', parent: 'HEM' },
          { code: 'H03', label: 'x', parent: 'HEM', synonyms: ['ok', 7] },
          { code: 'H04', label: 'x', parent: 'HEM', crosswalk: { skr: 1 } },
          { code: '', label: 'x', parent: 'HEM' },
          'H05',
        ],
        { title: 3 },
      ),
    );
    expect(errorsOf(r)).toMatchObject([
      { path: '/title', message: 'must be text; found a whole number' },
      { path: '/categories/1/parent', message: 'must be text or null; found a whole number' },
      { path: '/categories/2/label', message: 'missing: "label" is required' },
      { path: '/categories/3/synonyms/1', message: 'must be text; found a whole number' },
      { path: '/categories/4/crosswalk/skr', message: 'must be text; found a whole number' },
      { path: '/categories/5/code', message: 'must not be empty' },
      { path: '/categories/6', message: 'must be an object { … }; found a string' },
    ]);
    expect(paths(readCodebookFile(minimal([{ code: 'A', label: 'a' }])))).toEqual([
      '/categories/0/parent',
    ]);
    expect(
      paths(
        readCodebookFile(
          '{"format": "kodbok/codebook", "formatVersion": 1, "variable": "v", "categories": {}}',
        ),
      ),
    ).toEqual(['/id', '/categories']);
  });

  it('refuses duplicate codes, naming both places', () => {
    const [e, ...rest] = errorsOf(readCodebookFile(minimal([leaf('A'), leaf('B'), leaf('A')])));
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      path: '/categories/2/code',
      message: 'duplicate code "A" (also at /categories/0/code); codes must be unique',
    });
  });

  it('refuses a parent that does not exist', () => {
    expect(paths(readCodebookFile(minimal([leaf('A'), leaf('B', 'X')])))).toEqual([
      '/categories/1/parent',
    ]);
    // Object.prototype's names are not codes.
    expect(
      paths(readCodebookFile(minimal([leaf('A', 'constructor'), leaf('B', '__proto__')]))),
    ).toEqual(['/categories/0/parent', '/categories/1/parent']);
  });

  it('refuses cycles, once each, at the first category of the cycle', () => {
    const [e, ...rest] = errorsOf(
      readCodebookFile(
        minimal([leaf('L'), leaf('A', 'C'), leaf('B', 'A'), leaf('C', 'B'), leaf('D', 'A')]),
      ),
    );
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      path: '/categories/1/parent',
      message: 'cycle: A → C → B → A; a category cannot be inside itself',
    });
    expect(errorsOf(readCodebookFile(minimal([leaf('S', 'S')])))).toMatchObject([
      { path: '/categories/0/parent', message: 'cycle: S → S; a category cannot be inside itself' },
    ]);
  });

  it('refuses a codebook without categories', () => {
    expect(paths(readCodebookFile(minimal([])))).toEqual(['/categories']);
  });

  it('validateCodebook checks an edited codebook by the same rules', () => {
    const cb: Codebook = {
      id: 'cb',
      variable: 'v',
      categories: [leaf('A', 'B'), leaf('B', 'A'), leaf('A'), leaf(' ')],
    };
    expect(validateCodebook(cb).map((e) => e.path)).toEqual([
      '/categories/2/code',
      '/categories/3/code',
      '/categories/0/parent',
    ]);
  });
});

describe('hostile and unusual JSON', () => {
  const polluted = (): unknown => (({}) as Record<string, unknown>).polluted;

  it('reads __proto__ and constructor.prototype payloads without polluting Object.prototype', () => {
    const payloads = [
      '{"__proto__": {"polluted": "yes"}, "format": "kodbok/codebook", "formatVersion": 1, "id": "x", "variable": "v", "categories": [{"code": "A", "label": "a", "parent": null}]}',
      '{"constructor": {"prototype": {"polluted": "yes"}}, "format": "kodbok/codebook", "formatVersion": 1, "id": "x", "variable": "v", "categories": [{"code": "A", "label": "a", "parent": null, "__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}]}',
      '{"format": "kodbok/codebook", "formatVersion": 1, "id": "x", "variable": "v", "categories": [{"code": "A", "label": "a", "parent": null, "crosswalk": {"__proto__": "P", "constructor": "C"}}]}',
    ];
    for (const text of payloads) {
      const r = readCodebookFile(text);
      expect(polluted()).toBeUndefined();
      const cb = valueOf(r);
      expect(Object.getPrototypeOf(cb)).toBe(Object.prototype);
      expect((cb as unknown as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys(cb.categories[0] ?? {})).not.toContain('__proto__');
      expect(Object.keys(cb)).not.toContain('constructor');
    }
    const crosswalk = valueOf(readCodebookFile(payloads[2] ?? '')).categories[0]?.crosswalk ?? {};
    // Kept as ordinary keys, and written back as keys.
    expect(Object.getPrototypeOf(crosswalk)).toBe(Object.prototype);
    expect(Object.keys(crosswalk)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(crosswalk, '__proto__')?.value).toBe('P');
    const cb = valueOf(readCodebookFile(payloads[2] ?? ''));
    expect(valueOf(readCodebookFile(writeCodebookFile(cb)))).toStrictEqual(cb);
    expect(polluted()).toBeUndefined();
  });

  it('does not take required fields from a prototype payload', () => {
    // Written by hand: a `__proto__` in an object literal would not survive JSON.stringify.
    const text =
      '{"format": "kodbok/codebook", "formatVersion": 1, "id": "x", "variable": "v", "categories": [{"__proto__": {"code": "A", "label": "a", "parent": null}}]}';
    expect(paths(readCodebookFile(text))).toEqual([
      '/categories/0/code',
      '/categories/0/label',
      '/categories/0/parent',
    ]);
    expect(polluted()).toBeUndefined();
  });

  it('keeps no unknown field but says it ignored them, once per kind', () => {
    const r = readCodebookFile(
      minimal(
        [
          { ...leaf('A'), color: 'red' },
          { ...leaf('B'), color: 'blue' },
        ],
        { futureField: { x: 1 } },
      ),
    );
    expect(r.ok && r.warnings).toEqual([
      'ignored unknown field /futureField',
      'ignored unknown field /categories/*/color (2 times)',
    ]);
    const cb = valueOf(r);
    expect(Object.keys(cb)).toEqual(['id', 'variable', 'categories']);
    expect(Object.keys(cb.categories[0] ?? {})).toEqual(['code', 'label', 'parent']);
  });

  it('survives hostile nesting', () => {
    const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);
    expect(
      readCodebookFile(minimal([leaf('A')]).replace('{', `{"junk": ${deep(100_000)},`)).ok,
    ).toBe(true);
    expect(
      paths(
        readCodebookFile(
          minimal([leaf('A')]).replace('"categories":[', `"categories":[${deep(100_000)},`),
        ),
      ),
    ).toEqual(['/categories/0']);
    expect(errorsOf(parseJson(deep(200_000).slice(0, -1)))[0]?.message).toMatch(/not closed/);
  });

  it('refuses a crosswalk key that is not valid Unicode instead of crashing', () => {
    const text = minimal([leaf('A')]).replace(
      '"parent":null',
      '"parent":null,"crosswalk":{"\\ud800":"x"}',
    );
    expect(errorsOf(readCodebookFile(text))[0]?.message).toMatch(/not valid Unicode/);
  });
});

describe('the schemas', () => {
  it('list exactly the statuses of FORMATS.md', () => {
    expect(mappingSchema.properties.entries.items.properties.status.enum).toEqual([
      ...FILE_STATUSES,
    ]);
  });

  it('are draft 2020-12 and allow unknown fields (forward compatibility)', () => {
    for (const schema of [codebookSchema, mappingSchema]) {
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(JSON.stringify(schema)).not.toContain('"additionalProperties":false');
    }
  });
});
