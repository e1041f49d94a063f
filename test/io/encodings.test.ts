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

describe('a UTF-16 file with a broken character is refused as an encoding problem, naming where', () => {
  // Excel's "Unicode text" is UTF-16LE; a file cut in the middle of a character, or a lone
  // surrogate (a tool that split an emoji in two), is not valid UTF-16 wherever it happens.
  const utf16 = (s: string, order: 'le' | 'be' = 'le') =>
    Uint8Array.from(
      [...s].flatMap((c) => {
        const u = c.charCodeAt(0);
        return order === 'le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff];
      }),
    );
  const LE_BOM = Uint8Array.of(0xff, 0xfe);
  const BE_BOM = Uint8Array.of(0xfe, 0xff);
  /** A lone low surrogate, in the byte order asked for. */
  const lone = (order: 'le' | 'be' = 'le') =>
    order === 'le' ? Uint8Array.of(0x00, 0xdc) : Uint8Array.of(0xdc, 0x00);

  async function refusedStreaming(name: string, bytes: Uint8Array, chunkBytes?: number) {
    try {
      await streamTableFile(name, bytes, {}, { onRows: () => undefined, chunkBytes });
    } catch (e) {
      return e as { issue: unknown; message: string };
    }
    throw new Error('expected a refusal');
  }
  function refusedWhole(name: string, bytes: Uint8Array) {
    try {
      readTableFile(name, bytes);
    } catch (e) {
      return e as { issue: unknown; message: string };
    }
    throw new Error('expected a refusal');
  }

  // BOM (2 bytes) + `kommun;orsak\n` (26) + `Gävle;Våld\n` (22) + `Å`: the lone surrogate is
  // byte 52 of the file, on line 3.
  const early = concat(LE_BOM, utf16('kommun;orsak\nGävle;Våld\nÅ'), lone(), utf16(';x\n'));
  const EARLY = {
    kind: 'encoding',
    params: { variant: 'line', encoding: 'UTF-16LE', line: 3, byte: 52 },
  };

  it('a lone surrogate in the first 64 Ki characters (the sample the delimiter is found in)', async () => {
    for (const chunk of [undefined, 3, 7, 64]) {
      const e = await refusedStreaming('Gävle.txt', early, chunk);
      expect(e.issue).toMatchObject({ ...EARLY, file: 'Gävle.txt' });
      expect(e.message).toBe(
        'Gävle.txt: the file is not valid UTF-16LE on line 3 (byte 52): a character there is broken or cut short',
      );
    }
    expect(refusedWhole('Gävle.txt', early).issue).toMatchObject({ ...EARLY, file: 'Gävle.txt' });
  });

  it('the same refusal for a lone surrogate after the sample', async () => {
    const lines = 'a;b\n'.repeat(20_000);
    const late = concat(LE_BOM, utf16(lines), lone(), utf16(';x\n'));
    const where = {
      variant: 'line',
      encoding: 'UTF-16LE',
      line: 20_001,
      byte: 2 + lines.length * 2,
    };
    expect((await refusedStreaming('sen.txt', late)).issue).toMatchObject({
      kind: 'encoding',
      params: where,
    });
    expect((await refusedStreaming('sen.txt', late, 1000)).issue).toMatchObject({
      kind: 'encoding',
      params: where,
    });
    expect(refusedWhole('sen.txt', late).issue).toMatchObject({ kind: 'encoding', params: where });
  });

  it('an odd number of bytes (a file cut short) and UTF-16BE', async () => {
    const cut = concat(LE_BOM, utf16('a;b\n1;2\n'), Uint8Array.of(0x33));
    const odd = {
      kind: 'encoding',
      params: { variant: 'line', encoding: 'UTF-16LE', line: 3, byte: 18 },
    };
    for (const chunk of [undefined, 3]) {
      expect((await refusedStreaming('kort.csv', cut, chunk)).issue).toMatchObject(odd);
    }
    expect(refusedWhole('kort.csv', cut).issue).toMatchObject(odd);

    const be = concat(BE_BOM, utf16('a;b\nc', 'be'), lone('be'), utf16(';d\n', 'be'));
    const beWhere = {
      kind: 'encoding',
      params: { variant: 'line', encoding: 'UTF-16BE', line: 2, byte: 12 },
    };
    expect((await refusedStreaming('be.csv', be)).issue).toMatchObject(beWhere);
    expect(refusedWhole('be.csv', be).issue).toMatchObject(beWhere);
  });

  it('UTF-8 with a BOM and a bad byte at the start is refused with its line, streamed or whole; Windows-1252 is never refused', async () => {
    const bom = concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8('a;b\n'), cp1252('Å;1\n'));
    const where = { kind: 'encoding', params: { variant: 'bom', line: 2 } };
    expect((await refusedStreaming('bom.csv', bom)).issue).toMatchObject(where);
    expect(refusedWhole('bom.csv', bom).issue).toMatchObject(where);
    const cp = cp1252('kommun;orsak\nÅre;Våld\n');
    const read = await streamTableFile('cp.csv', cp, {}, { onRows: () => undefined });
    expect(read.source).toMatchObject({ encoding: 'windows-1252' });
  });
});
