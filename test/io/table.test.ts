// The import dialog hands every dropped file to one function: it must pick the right reader
// from the content (not just the name) and name the file in every refusal.
import { describe, expect, it } from 'vitest';
import { readTableFile, streamTableFile } from '../../src/io/table';
import { CP1252_TEXT, biff2, biff34, biff5Cp1252 } from '../support/faithful-workbooks';
import { fixture, refusal } from '../support/io-fixtures';

describe('readTableFile', () => {
  it('reads CSV, TSV/TXT and workbooks by content', () => {
    expect(readTableFile('gavle.csv', fixture('cp1252-semicolon.csv')).source).toMatchObject({
      format: 'csv',
      delimiter: ';',
    });
    expect(readTableFile('unicode.txt', fixture('utf16le-tab.txt')).source).toMatchObject({
      format: 'csv',
      delimiter: '\t',
    });
    expect(readTableFile('are.xlsx', fixture('libreoffice.xlsx')).source).toMatchObject({
      format: 'workbook',
      container: 'zip',
    });
    expect(readTableFile('umea.xls', fixture('libreoffice.xls')).source).toMatchObject({
      format: 'workbook',
      container: 'cfb',
    });
  });

  it('reads a workbook named .csv as a workbook, and a CSV named .xlsx as CSV, with a warning', () => {
    const book = readTableFile('export.csv', fixture('libreoffice.xlsx'));
    expect(book.rows[0]).toEqual(['007', 'Gävle', 'Missbruk förälder', '12']);
    expect(book.issues[0]).toMatchObject({ kind: 'wrong-extension' });
    const text = readTableFile('export.xlsx', fixture('cp1252-semicolon.csv'));
    expect(text.source.format).toBe('csv');
    expect(text.issues[0]).toMatchObject({ kind: 'wrong-extension' });
  });

  it('names the file in every refusal, with the row where one applies', () => {
    const cases: Array<[string, Uint8Array, string]> = [
      ['tom.csv', new Uint8Array(), 'empty'],
      ['bild.csv', fixture('libreoffice.xlsx').subarray(0, 100), 'corrupt'],
      ['bild.png', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'binary'],
      ['hemlig.xlsx', fixture('password.xlsx'), 'encrypted'],
      ['bomb.xlsx', fixture('zip-bomb.xlsx'), 'zip-bomb'],
      ['trasig.xlsx', fixture('truncated.xlsx'), 'corrupt'],
    ];
    for (const [name, bytes, kind] of cases) {
      const e = refusal(() => readTableFile(name, bytes));
      expect(e.issue).toMatchObject({ kind, file: name });
      expect(e.message.startsWith(`${name}: `)).toBe(true);
    }
    const quote = refusal(() => readTableFile('kommun.csv', fixture('unterminated-quote.csv')));
    expect(quote.message).toBe(
      'kommun.csv: row 3: a quoted cell is never closed, so the rest of the file would become one cell; check the quote marks on that row',
    );
    expect(quote.issue).toMatchObject({ kind: 'unterminated-quote', row: 3, file: 'kommun.csv' });
  });

  it('refuses a BIFF2–4 .xls as an old format, not as binary data, whatever its name (issue 14)', () => {
    for (const [name, bytes] of [
      ['lista.xls', biff2()],
      ['lista.csv', biff34(3)],
      ['lista.xls', biff34(4)],
    ] as const) {
      const e = refusal(() => readTableFile(name, bytes));
      expect(e.issue.kind).toBe('old-format');
      expect(e.message).toMatch(
        new RegExp(`^${name.replace('.', '\\.')}: the file is an Excel 2\\.x–4\\.0 workbook`),
      );
    }
  });

  it('streams a BIFF5 .xls with its code page loaded: – … € “ ” read exactly (issue 14)', async () => {
    const rows: string[][] = [];
    await streamTableFile(
      'gammal.xls',
      biff5Cp1252(),
      {},
      { onRows: (batch) => rows.push(...batch) },
    );
    expect(rows).toEqual([['Gävle', CP1252_TEXT]]);
  });

  it('does not take a line of spaces above the table as its header (issue 14)', () => {
    const csv = new TextEncoder().encode('   \r\nkommun;orsak\r\nGävle;Skolproblem\r\n');
    const table = readTableFile('lista.csv', csv);
    expect(table.headers).toEqual(['kommun', 'orsak']);
    expect(table.headerRow).toBe(2);
    expect(table.rows).toEqual([['Gävle', 'Skolproblem']]);
  });

  it('refuses an oversized file of any kind by its size alone', () => {
    const e = refusal(() =>
      readTableFile('stor.csv', fixture('cp1252-semicolon.csv'), { maxBytes: 10 }),
    );
    expect(e.issue).toMatchObject({ kind: 'too-large', file: 'stor.csv' });
  });
});

describe('streamTableFile', () => {
  it('hands out a workbook’s rows in batches like a CSV’s', async () => {
    for (const name of ['libreoffice.xlsx', 'utf8-bom-comma.csv']) {
      const rows: string[][] = [];
      let headers: readonly string[] = [];
      const summary = await streamTableFile(
        name,
        fixture(name),
        {},
        { onHeaders: (h) => (headers = h), onRows: (r) => rows.push(...r) },
      );
      expect(headers.length).toBeGreaterThan(2);
      expect(rows).toEqual(readTableFile(name, fixture(name)).rows);
      expect(summary.rowCount).toBe(3);
    }
  });

  it('names the file when it refuses', async () => {
    await expect(
      streamTableFile(
        'kommun.csv',
        fixture('unterminated-quote.csv'),
        {},
        { onRows: () => undefined },
      ),
    ).rejects.toMatchObject({
      issue: { kind: 'unterminated-quote', row: 3, file: 'kommun.csv' },
    });
  });
});
