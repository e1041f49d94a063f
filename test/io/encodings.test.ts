// Issue 13 item 4: a CSV that is UTF-8 but for one line pasted from an Excel (Windows-1252)
// file is read as UTF-8, with that line read as Windows-1252 and named, instead of turning
// every å of the file into `Ã¥`; a JSON file that is not UTF-8 is refused with its line in the
// app's import as on the command line, never read as lossy UTF-8 (`V\ufffdld`).
import { describe, expect, it } from 'vitest';
import { readCodebookBytes } from '../../src/core/formats/codebook';
import { readMappingBytes } from '../../src/core/formats/mapping';
import { decodeText } from '../../src/io/decode';
import { readTableFile, streamTableFile } from '../../src/io/table';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** Windows-1252 bytes of text in Latin-1 (å ä ö é). */
const cp1252 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((p) => [...p]));

const MIXED = concat(
  utf8('kommun;orsak\nGävle;Missbruk förälder\n'),
  cp1252('Åre;Våld\n'),
  utf8('Umeå;Skolproblem\nLuleå;Missbruk förälder\n'),
);
const ROWS = [
  ['Gävle', 'Missbruk förälder'],
  ['Åre', 'Våld'],
  ['Umeå', 'Skolproblem'],
  ['Luleå', 'Missbruk förälder'],
];

describe('a CSV that is UTF-8 except one line', () => {
  it('is read as UTF-8; the odd line is read as Windows-1252 and named', () => {
    const table = readTableFile('orsak.csv', MIXED);
    expect(table.source).toMatchObject({ encoding: 'utf-8' });
    expect(table.rows).toEqual(ROWS);
    expect(table.issues).toEqual([
      {
        kind: 'not-utf8',
        row: 3,
        message:
          'line 3 holds bytes that are not UTF-8 and was read as Windows-1252: "Åre;Våld"; check it',
        params: { line: 3, text: '"Åre;Våld"' },
      },
    ]);
  });

  it('streamed in chunks of any size (as the import worker reads it), the same rows and issue', async () => {
    for (const chunkBytes of [5, 7, 16, 1024]) {
      const rows: string[][] = [];
      const summary = await streamTableFile(
        'orsak.csv',
        MIXED,
        {},
        { onRows: (r) => rows.push(...r), chunkBytes },
      );
      expect(rows).toEqual(ROWS);
      expect(summary.issues.map((i) => [i.kind, i.row])).toEqual([['not-utf8', 3]]);
    }
  });

  it('a whole Windows-1252 file is still Windows-1252, and a choice overrides the guess', () => {
    const whole = cp1252('kommun;orsak\nGävle;Missbruk förälder\nÅre;Våld\n');
    expect(decodeText(whole)).toMatchObject({ encoding: 'windows-1252' });
    expect(readTableFile('a.csv', whole).rows).toEqual([
      ['Gävle', 'Missbruk förälder'],
      ['Åre', 'Våld'],
    ]);
    const forced = readTableFile('a.csv', MIXED, { encoding: 'windows-1252' });
    expect(forced.rows[0]).toEqual(['GÃ¤vle', 'Missbruk fÃ¶rÃ¤lder']);
    expect(forced.issues).toEqual([]);
  });
});

describe('JSON files are UTF-8 or refused with the reason (the app reads bytes, not File.text())', () => {
  const mapping = `{"format":"kodbok/mapping","formatVersion":1,"variable":"aktualiseringsorsak","codebook":{"id":"nuso-orsak"},
"entries":[
{"raw":"Våld","code":"H01","status":"approved"},
{"raw":"Missbruk förälder","code":"H07","status":"approved"}]}`;

  it('a Windows-1252 mapping is refused, naming the first line that is not UTF-8', () => {
    const read = readMappingBytes(cp1252(mapping));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors[0]?.message).toBe(
      'the file is not UTF-8 text: line 3 holds a byte that is not UTF-8 (perhaps the file is Windows-1252); save it as UTF-8 and try again',
    );
  });

  it('UTF-8 with or without a BOM is read exactly', () => {
    for (const bytes of [
      utf8(mapping),
      concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(mapping)),
    ]) {
      const read = readMappingBytes(bytes);
      expect(read.ok && read.value.entries.map((e) => e.raw)).toEqual([
        'Våld',
        'Missbruk förälder',
      ]);
    }
  });

  it('a codebook saved as UTF-16 is refused with the reason', () => {
    const text = '{"format":"kodbok/codebook"}';
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
    const read = readCodebookBytes(utf16);
    expect(!read.ok && read.errors[0]?.message).toMatch(/UTF-16; save it as UTF-8/);
  });
});
