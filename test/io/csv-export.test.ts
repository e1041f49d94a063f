// A reviewer exports the coded values and opens them in Excel: no cell may run as a formula,
// å ä ö must survive, and a program reading the file back gets the table exactly.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseCsv, readCsv } from '../../src/io/csv';
import { formatCsvField, neutraliseFormula, writeCsv } from '../../src/io/csv-export';

describe('formula neutralisation', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['=1+1\nnote', "'=1+1\nnote"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['-5', "'-5"],
    ['+46 70', "'+46 70"],
    ['\rx', "'\rx"],
    ['\0x', "'\0x"],
  ])('neutralises %j', (value, expected) => {
    expect(neutraliseFormula(value)).toBe(expected);
  });

  it('leaves values that are not formulas alone', () => {
    for (const value of ['a=b', '5', 'Missbruk – förälder', '', ' =1', "'=x"]) {
      expect(neutraliseFormula(value)).toBe(value);
    }
  });

  it('catches the value with a line break that Papa’s escapeFormulae lets through', () => {
    expect(Papa.unparse([['=1+1\nnote']], { escapeFormulae: true })).toBe('"=1+1\nnote"');
    expect(writeCsv(['orsak'], [['=1+1\nnote']])).toBe('orsak\r\n"\'=1+1\nnote"\r\n');
  });

  it('writes every trigger neutralised, and a reader sees the prefixed text', () => {
    const values = ['=1+1', '=1+1\nnote', '@x', '\tx', '-5'];
    const text = writeCsv(
      ['v'],
      values.map((v) => [v]),
      { delimiter: ';' },
    );
    const read = parseCsv(text, { delimiter: ';', headerRow: 1 });
    expect(read.rows.map((r) => r[0])).toEqual(values.map((v) => `'${v}`));
  });

  it('keeps values exact when neutralisation is off (files for R, Python and kodbok apply)', () => {
    expect(writeCsv(['v'], [['=1+1'], ['-5']], { neutraliseFormulas: false })).toBe(
      'v\r\n=1+1\r\n-5\r\n',
    );
  });
});

describe('writing CSV', () => {
  it('quotes delimiters, quotes, line breaks and edge spaces, and nothing else', () => {
    expect(formatCsvField('a;b', ';')).toBe('"a;b"');
    expect(formatCsvField('a;b', ',')).toBe('a;b');
    expect(formatCsvField('säger "hej"')).toBe('"säger ""hej"""');
    expect(formatCsvField('rad ett\nrad två')).toBe('"rad ett\nrad två"');
    expect(formatCsvField('  x  ')).toBe('"  x  "');
    expect(formatCsvField('\ufeffx')).toBe('"\ufeffx"');
    expect(formatCsvField('Gävle')).toBe('Gävle');
  });

  it('offers the Swedish Excel variant: ";" and a UTF-8 BOM', () => {
    const text = writeCsv(['kommun', 'orsak'], [['Gävle', 'Missbruk; förälder']], {
      delimiter: ';',
      bom: true,
    });
    expect(text).toBe('\ufeffkommun;orsak\r\nGävle;"Missbruk; förälder"\r\n');
    const bytes = new TextEncoder().encode(text);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const read = readCsv(bytes);
    expect(read.source).toMatchObject({ encoding: 'utf-8-bom', delimiter: ';' });
    expect(read.rows).toEqual([['Gävle', 'Missbruk; förälder']]);
  });

  it('writes a row of one empty cell as "" so that it is not a blank line', () => {
    expect(writeCsv(['a'], [[''], ['x']])).toBe('a\r\n""\r\nx\r\n');
  });
});

// Rows with no value at all are skipped by the reader (Excel's `;;;` rows), so every
// generated row has one non-empty cell.
const table = (cell: fc.Arbitrary<string>) =>
  fc.integer({ min: 1, max: 6 }).chain((width) => {
    const row = fc
      .array(cell, { minLength: width, maxLength: width })
      .filter((r) => r.some((c) => c !== ''));
    return fc.record({ headers: row, rows: fc.array(row, { maxLength: 10 }) });
  });
const delimiter = fc.constantFrom<',' | ';' | '\t'>(',', ';', '\t');

describe('property: export then import with a fixed delimiter gives the same table', () => {
  it('as text, for any Unicode cells (quotes, delimiters, CR, LF, BOM characters, __proto__)', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 15 }),
      fc.constantFrom(
        '__proto__',
        'constructor',
        '007',
        '1e5',
        '  x  ',
        '"',
        '""',
        '\r\n',
        ';,\t',
        '=1+1\nnote',
      ),
    );
    fc.assert(
      fc.property(
        table(cell),
        delimiter,
        fc.constantFrom<'\r\n' | '\n'>('\r\n', '\n'),
        (t, d, newline) => {
          const text = writeCsv(t.headers, t.rows, {
            delimiter: d,
            newline,
            neutraliseFormulas: false,
          });
          const read = parseCsv(text, { delimiter: d, headerRow: 1 });
          expect(read.headers).toEqual(t.headers);
          expect(read.rows).toEqual(t.rows);
          // Header issues (duplicates, empty) are reported, never rows changed or refused.
          expect(read.issues.filter((i) => !i.kind.endsWith('-header'))).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('as UTF-8 bytes with or without a BOM (Swedish letters, quotes, line breaks)', () => {
    const cell = fc.string({
      unit: fc.constantFrom(...'aåäöÅÄÖ é–€"\r\n;,\t=-@'.split('')),
      maxLength: 10,
    });
    fc.assert(
      fc.property(table(cell), delimiter, fc.boolean(), (t, d, bom) => {
        const bytes = new TextEncoder().encode(
          writeCsv(t.headers, t.rows, { delimiter: d, bom, neutraliseFormulas: false }),
        );
        const read = readCsv(bytes, { delimiter: d, headerRow: 1 });
        expect(read.source).toMatchObject({ encoding: bom ? 'utf-8-bom' : 'utf-8' });
        expect(read.headers).toEqual(t.headers);
        expect(read.rows).toEqual(t.rows);
      }),
      { numRuns: 200 },
    );
  });
});
