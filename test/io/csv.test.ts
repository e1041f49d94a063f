// Municipalities' CSV files as the tools wrote them (test/fixtures/io, made by
// scripts/make-fixtures.py): each is read exactly, or refused with its row.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv, readCsv, streamCsv } from '../../src/io/csv';
import { writeCsv } from '../../src/io/csv-export';
import {
  DEFAULT_LIMITS,
  TableReadError,
  type ReadOptions,
  type TableSummary,
} from '../../src/io/table';
import { fixture, refusal } from '../support/io-fixtures';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function refusalAsync(read: () => Promise<unknown>): Promise<TableReadError> {
  try {
    await read();
  } catch (e) {
    if (e instanceof TableReadError) return e;
    throw e;
  }
  throw new Error('expected a TableReadError');
}

/** Streams a file in tiny chunks (every boundary crossed) and collects what it hands out. */
async function stream(bytes: Uint8Array, options: ReadOptions = {}, chunkBytes = 3) {
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let headers: readonly string[] = [];
  const summary: TableSummary = await streamCsv(bytes, options, {
    chunkBytes,
    onHeaders: (h) => (headers = h),
    onRows: (r, n) => {
      rows.push(...r);
      rowNumbers.push(...n);
    },
  });
  return { ...summary, headersSeen: headers, rows, rowNumbers };
}

const SWEDISH_ROWS = [
  ['Gävle', 'Missbruk förälder', '12'],
  ['Åre', 'Missbruk BoU – Barnet/den unge; Skolproblem', '3'],
  ['Örebro', 'ÅÄÖ åäö: Bristande omsorg', '1'],
];

describe('reading the fixtures exactly', () => {
  it.each([
    ['cp1252-semicolon.csv', 'windows-1252', ';'],
    ['utf8-bom-comma.csv', 'utf-8-bom', ','],
    ['utf16le-tab.txt', 'utf-16le', '\t'],
  ] as const)('%s: %s, delimiter %j', async (name, encoding, delimiter) => {
    const table = readCsv(fixture(name));
    expect(table.source).toEqual({ format: 'csv', encoding, delimiter, delimiterAmbiguous: false });
    expect(table.headers).toEqual(['kommun', 'orsak', 'antal']);
    expect(table.rows).toEqual(SWEDISH_ROWS);
    expect(table.rowNumbers).toEqual([2, 3, 4]);
    expect(table.issues).toEqual([]);
    const streamed = await stream(fixture(name));
    expect(streamed.rows).toEqual(SWEDISH_ROWS);
    expect(streamed.headersSeen).toEqual(['kommun', 'orsak', 'antal']);
  });

  it('keeps a quoted ";", doubled quotes and a line break inside a cell of a ";" file', () => {
    const table = readCsv(fixture('quoted-semicolon.csv'));
    expect(table.source).toMatchObject({ delimiter: ';', delimiterAmbiguous: false });
    expect(table.rows).toEqual([
      ['1', 'a;b'],
      ['2', 'säger "hej"'],
      ['3', 'rad ett\nrad två'],
      ['4', 'c'],
    ]);
    expect(table.rowNumbers).toEqual([2, 3, 4, 5]);
  });

  it('reads 007, 1e5, "  x  ", __proto__ and constructor as text, as headers and as values', () => {
    const table = readCsv(fixture('exact-values.csv'));
    expect(table.headers).toEqual(['id', '__proto__', 'constructor', 'text']);
    expect(table.rows).toEqual([
      ['007', '__proto__', 'constructor', '  x  '],
      ['1e5', 'toString', 'hasOwnProperty', '=1+1'],
      ['-5', '0x10', '1,5', '@x'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports duplicate and empty headers with their columns, and keeps them as they are', () => {
    const table = readCsv(fixture('duplicate-headers.csv'));
    expect(table.headers).toEqual(['id', 'orsak', 'orsak', '', 'kommun']);
    expect(table.issues).toEqual([
      expect.objectContaining({ kind: 'empty-header', row: 1, column: 4 }),
      expect.objectContaining({
        kind: 'duplicate-header',
        row: 1,
        column: 3,
        message: expect.stringMatching(/columns 2, 3/),
      }),
    ]);
  });

  it('reports ragged rows with their row numbers and keeps their cells', () => {
    const table = readCsv(fixture('ragged.csv'));
    expect(table.rows[1]).toEqual(['2', 'b']);
    expect(table.rows[3]).toEqual(['4', 'd', 'Umeå', 'extra']);
    expect(table.issues.map((i) => [i.kind, i.row])).toEqual([
      ['ragged-row', 3],
      ['ragged-row', 5],
    ]);
  });

  it('refuses an unterminated quote with its row, whole or streamed', async () => {
    const e = refusal(() => readCsv(fixture('unterminated-quote.csv')));
    expect(e.issue).toMatchObject({ kind: 'unterminated-quote', row: 3 });
    expect(e.message).toMatch(/^row 3: a quoted cell is never closed/);
    const s = await refusalAsync(() => stream(fixture('unterminated-quote.csv')));
    expect(s.issue).toMatchObject({ kind: 'unterminated-quote', row: 3 });
  });

  it('names the line too when an earlier cell spans lines', () => {
    const e = refusal(() => parseCsv('a;b\n1;"x\ny"\n2;"open\n3;z\n'));
    expect(e.message).toMatch(/^row 3 \(line 4\)/);
  });

  it('reports a stray quote inside a quoted cell with its row', () => {
    const table = parseCsv('id;namn\n1;"Anna "Kalle" Berg"\n2;Eva\n');
    expect(table.issues).toContainEqual(
      expect.objectContaining({ kind: 'malformed-quote', row: 2 }),
    );
    expect(table.rows[1]).toEqual(['2', 'Eva']);
  });
});

describe('delimiter detection', () => {
  it('reads a short ";" file as ";" where Papa Parse guesses ","', () => {
    const text = new TextDecoder('latin1').decode(fixture('short-semicolon.csv'));
    expect(Papa.parse(text).meta.delimiter).toBe(',');
    expect(detectDelimiter(text)).toMatchObject({ delimiter: ';', ambiguous: false });
    expect(detectDelimiter('a;b\n1;2\n')).toMatchObject({ delimiter: ';', ambiguous: false });
    expect(readCsv(fixture('short-semicolon.csv')).headers).toEqual(['kön', 'ålder, år']);
  });

  it('says ambiguous when ";" and "," both split every row evenly, and takes ";"', () => {
    const table = readCsv(fixture('ambiguous.csv'));
    expect(table.source).toMatchObject({ delimiter: ';', delimiterAmbiguous: true });
    expect(table.issues[0]?.kind).toBe('ambiguous-delimiter');
    const guess = detectDelimiter('kod;namn,kort\nB11;Missbruk,M\n');
    expect(guess.ambiguous).toBe(true);
    expect(
      guess.candidates
        .filter((c) => c.consistency === 1 && c.columns === 2)
        .map((c) => c.delimiter),
    ).toEqual([';', ',']);
  });

  it('is not fooled by commas in free text or decimal commas of a ";" file', () => {
    const text =
      'kommun;orsak;andel\nGävle;Missbruk, förälder;0,5\nÅre;Skolproblem;1,25\nUmeå;Våld, hot, övrigt;2\n';
    expect(detectDelimiter(text)).toMatchObject({ delimiter: ';', ambiguous: false });
  });

  it('counts delimiters outside quotes only', () => {
    expect(detectDelimiter('a,b\n"x;y;z",1\n"p;q",2\n')).toMatchObject({
      delimiter: ',',
      ambiguous: false,
    });
  });

  it('uses the confirmed delimiter without guessing, and tab wins ties for .tsv', () => {
    expect(parseCsv('a;b,c\n1;2,3\n', { delimiter: ',' }).headers).toEqual(['a;b', 'c']);
    expect(detectDelimiter('a;b\tc\n1;2\t3\n', '\t').delimiter).toBe('\t');
  });

  it('keeps a one-column list whose values hold a few ";" one column, but splits a ragged file by its header', () => {
    const list = parseCsv('orsak\nMissbruk förälder; Okänt\nA; B; C\nOkänt\n;\n');
    expect(list.headers).toEqual(['orsak']);
    expect(list.rows[1]).toEqual(['A; B; C']);
    expect(readCsv(fixture('ragged.csv')).source).toMatchObject({ delimiter: ',' });
  });

  it('reads a one-column list whose values hold commas as one column', () => {
    const table = parseCsv('orsak\nMissbruk, förälder\nSkolproblem\nVåld\nHot\n');
    expect(table.headers).toEqual(['orsak']);
    expect(table.rows).toEqual([['Missbruk, förälder'], ['Skolproblem'], ['Våld'], ['Hot']]);
  });
});

describe('header row', () => {
  it('is the first non-empty row by default; blank and empty rows before it are skipped and reported', () => {
    const table = parseCsv('\n;;\nid;orsak\n1;a\n;\n2;b\n');
    expect(table.headerRow).toBe(3);
    expect(table.rows).toEqual([
      ['1', 'a'],
      ['2', 'b'],
    ]);
    expect(table.rowNumbers).toEqual([4, 6]);
    expect(table.issues.map((i) => i.kind)).toEqual(['skipped-rows', 'skipped-rows']);
  });

  it('can be chosen by the user (a title line above the header)', () => {
    const table = parseCsv('Rapport 2025;\nid;orsak\n1;a\n', { headerRow: 2 });
    expect(table.headers).toEqual(['id', 'orsak']);
    expect(table.rows).toEqual([['1', 'a']]);
    expect(refusal(() => parseCsv('id;orsak\n1;a\n', { headerRow: 9 })).issue.kind).toBe(
      'header-row',
    );
  });

  it('refuses a file with no rows', () => {
    expect(refusal(() => readCsv(new Uint8Array())).issue.kind).toBe('empty');
    expect(refusal(() => readCsv(utf8('\r\n\r\n;;\r\n'))).issue.kind).toBe('empty');
  });
});

describe('caps', () => {
  it('refuses a cell longer than the cap with its row and column', () => {
    const long = 'x'.repeat(DEFAULT_LIMITS.maxCellLength + 1);
    const e = refusal(() => parseCsv(`id;orsak\n1;a\n2;${long}\n`));
    expect(e.issue).toMatchObject({ kind: 'cell-too-long', row: 3, column: 2 });
  });

  it('refuses more rows than the cap, naming the row', async () => {
    const text = 'id\n' + Array.from({ length: 20 }, (_, i) => `${i}\n`).join('');
    expect(refusal(() => parseCsv(text, { maxRows: 10 })).issue).toMatchObject({
      kind: 'too-many-rows',
      row: 12,
    });
    expect((await refusalAsync(() => stream(utf8(text), { maxRows: 10 }))).issue.kind).toBe(
      'too-many-rows',
    );
  });

  it('refuses an oversized file before decoding it, at the default cap too', () => {
    const started = performance.now();
    const e = refusal(() => readCsv(new Uint8Array(DEFAULT_LIMITS.maxBytes + 1)));
    expect(e.issue.kind).toBe('too-large');
    expect(e.message).toMatch(/256\.0 MB/);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(refusal(() => readCsv(utf8('a;b\n1;2\n'), { maxBytes: 4 })).issue.kind).toBe(
      'too-large',
    );
  });

  it('stops a runaway quote early instead of re-reading the rest of a big file', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `${i};värde ${i}`).join('\n');
    const bytes = utf8(`id;orsak\n1;"öppen\n${rows}\n`);
    const started = performance.now();
    const e = await refusalAsync(() => stream(bytes, { maxCellLength: 1000 }, 4096));
    expect(e.issue).toMatchObject({ kind: 'unterminated-quote', row: 2 });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('streaming', () => {
  it('hands out the same rows as a whole read, reports progress, and can be cancelled', async () => {
    const text =
      'id;orsak\n' + Array.from({ length: 3000 }, (_, i) => `${i};"Gävle; Åre ${i}"`).join('\r\n');
    const bytes = utf8(text);
    const whole = readCsv(bytes);
    const progress: number[] = [];
    const rows: string[][] = [];
    const summary = await streamCsv(
      bytes,
      {},
      {
        chunkBytes: 1000,
        onRows: (r) => rows.push(...r),
        onProgress: (p) => progress.push(p.bytes),
      },
    );
    expect(rows).toEqual(whole.rows);
    expect(summary.rowCount).toBe(3000);
    expect(progress.at(-1)).toBe(bytes.byteLength);

    const controller = new AbortController();
    let batches = 0;
    const cancelled = await refusalAsync(() =>
      streamCsv(
        bytes,
        {},
        {
          chunkBytes: 100,
          signal: controller.signal,
          onRows: () => ++batches === 2 && controller.abort(),
        },
      ),
    );
    expect(cancelled.issue.kind).toBe('cancelled');
  });

  it('stops after the preview rows and says more followed', async () => {
    const text = 'id\n1\n2\n3\n4\n';
    const preview = parseCsv(text, { previewRows: 2 });
    expect(preview.rows).toEqual([['1'], ['2']]);
    expect(preview.truncated).toBe(true);
    expect((await stream(utf8(text), { previewRows: 2 })).rows).toEqual([['1'], ['2']]);
    expect(parseCsv(text, { previewRows: 4 }).truncated).toBe(false);
  });

  it('gives the same table whatever the chunk size (Windows-1252, UTF-8 and UTF-16 across boundaries)', async () => {
    for (const name of [
      'cp1252-semicolon.csv',
      'utf8-bom-comma.csv',
      'utf16le-tab.txt',
      'quoted-semicolon.csv',
    ]) {
      const whole = readCsv(fixture(name));
      for (const size of [1, 2, 5, 17]) {
        expect((await stream(fixture(name), {}, size)).rows).toEqual(whole.rows);
      }
    }
  });
});

// Cells without a value in any column are skipped as empty rows, so generated rows have one.
const cell = fc.string({ unit: 'binary', maxLength: 12 });
const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
  fc.record({
    headers: fc
      .array(cell, { minLength: width, maxLength: width })
      .filter((r) => r.some((c) => c !== '')),
    rows: fc.array(
      fc.array(cell, { minLength: width, maxLength: width }).filter((r) => r.some((c) => c !== '')),
      { maxLength: 8 },
    ),
  }),
);

describe('property: the parser does not depend on where chunks end', () => {
  it('parses any table the same in chunks of any size', () => {
    fc.assert(
      fc.property(
        table,
        fc.constantFrom<',' | ';' | '\t'>(',', ';', '\t'),
        fc.integer({ min: 1, max: 9 }),
        (t, delimiter, chunkChars) => {
          const text = writeCsv(t.headers, t.rows, { delimiter, neutraliseFormulas: false });
          const read = parseCsv(text, { delimiter, headerRow: 1, chunkChars });
          expect(read.headers).toEqual(t.headers);
          expect(read.rows).toEqual(t.rows);
        },
      ),
    );
  });
});
