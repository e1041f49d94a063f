// Workbooks as LibreOffice Calc saved them (.xlsx, .xls, password-protected), a download cut
// short, and a zip bomb: read exactly, or refused within the caps with a clear reason.
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/io/table';
import {
  inspectZip,
  listSheets,
  loadCodepages,
  readSheet,
  sniffContainer,
} from '../../src/io/xlsx';
import {
  ASTRAL_TEXT,
  CP1252_TEXT,
  DATE_CELLS,
  biff2,
  biff34,
  biff5Cp1252,
  xlsDatesAndErrors,
  xlsxAstralRefs,
  xlsxDatesAndErrors,
  xlsxRelocated,
} from '../support/faithful-workbooks';
import { fixture, refusal } from '../support/io-fixtures';

function workbook(rows: string[][], bookType: 'xlsx' | 'xls' = 'xlsx'): Uint8Array {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Blad1');
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType }) as ArrayBuffer);
}

const ROWS = [
  ['007', 'Gävle', 'Missbruk förälder', '12'],
  ['1e5', 'Åre', 'Missbruk BoU – Barnet/den unge; Skolproblem', '3'],
  ['  x  ', '__proto__', 'constructor', '0.5'],
];

describe('reading workbooks', () => {
  it.each(['libreoffice.xlsx', 'libreoffice.xls'])(
    '%s: the first sheet, cells as displayed text',
    (name) => {
      const table = readSheet(fixture(name));
      expect(table.headers).toEqual(['id', 'kommun', 'orsak', 'antal']);
      // `007` and `1e5` were stored as text, `12` and `0.5` as numbers: all come back as shown.
      expect(table.rows).toEqual(ROWS);
      expect(table.rowNumbers).toEqual([2, 3, 4]);
      expect(table.source).toMatchObject({
        format: 'workbook',
        sheet: 'Orsaker',
        sheets: ['Orsaker', 'Blad2'],
      });
      expect(table.issues).toEqual([]);
    },
  );

  it('lists the sheets and reads the one the user picks, by name or position', () => {
    expect(listSheets(fixture('libreoffice.xlsx'))).toEqual(['Orsaker', 'Blad2']);
    const second = readSheet(fixture('libreoffice.xlsx'), { sheet: 'Blad2' });
    expect(second.headers).toEqual(['åtgärd']);
    expect(second.rows).toEqual([['Utredning inleds ej']]);
    expect(readSheet(fixture('libreoffice.xls'), { sheet: 1 }).rows).toEqual([
      ['Utredning inleds ej'],
    ]);
    const e = refusal(() => readSheet(fixture('libreoffice.xlsx'), { sheet: 'Blad9' }));
    expect(e.issue.kind).toBe('no-such-sheet');
    expect(e.message).toMatch(/"Orsaker", "Blad2"/);
  });

  it('reads an HTML table saved as .xls by a case-management system, as text', () => {
    const html = new TextEncoder().encode(
      '<html><body><table><tr><td>id</td><td>orsak</td></tr><tr><td>007</td><td>1e5</td></tr></table></body></html>',
    );
    expect(sniffContainer(html)).toBe('markup');
    expect(readSheet(html).rows).toEqual([['007', '1e5']]);
  });

  it('shows dates as ISO dates, not in SheetJS’s US default', () => {
    const book = XLSX.utils.book_new();
    const sheet = XLSX.utils.aoa_to_sheet([['datum'], [new Date(Date.UTC(2025, 0, 31))]], {
      cellDates: true,
    });
    XLSX.utils.book_append_sheet(book, sheet, 'Blad1');
    const bytes = new Uint8Array(
      XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer,
    );
    expect(readSheet(bytes).rows).toEqual([['2025-01-31']]);
  });
});

describe('reading workbooks faithfully (issue 14 item 5)', () => {
  // As streamTableFile does before it reads a workbook.
  beforeAll(() => loadCodepages());

  it('reads Windows-1252 text of a BIFF5 .xls exactly: – … € “ ”', () => {
    const bytes = biff5Cp1252();
    // The file holds the text in cp1252 (– 0x96, … 0x85, € 0x80, “ 0x93, ” 0x94), not UTF-16.
    expect(Buffer.from(bytes).includes(Buffer.from([0x20, 0x96, 0x20]))).toBe(true);
    expect(Buffer.from(bytes).includes(Buffer.from([0x85, 0x20, 0x35, 0x20, 0x80]))).toBe(true);
    const table = readSheet(bytes);
    expect(table.headers).toEqual(['kommun', 'orsak']);
    expect(table.rows).toEqual([['Gävle', CP1252_TEXT]]);
  });

  it('reads characters above U+FFFF written as &#128512; or &#x1F468;', () => {
    const bytes = xlsxAstralRefs();
    expect(Buffer.from(bytes).includes(Buffer.from('Glad &#128512; och &#x1F468;'))).toBe(true);
    expect(readSheet(bytes).rows).toEqual([[ASTRAL_TEXT]]);
  });

  it.each([
    ['xlsx', xlsxDatesAndErrors],
    ['xls', xlsDatesAndErrors],
  ])('%s: dates as ISO whatever their format, error cells as the text Excel shows', (_, make) => {
    const table = readSheet(make());
    expect(table.rows).toEqual([DATE_CELLS.map(([, text]) => text)]);
  });

  it('reads a valid workbook whose parts are not under xl/', () => {
    const bytes = xlsxRelocated();
    expect(XLSX.CFB.read(bytes, { type: 'buffer' }).FullPaths.join(' ')).not.toMatch(/xl\//);
    const table = readSheet(bytes);
    expect(table.headers).toEqual(['kommun', 'orsak']);
    expect(table.rows).toEqual([['Umeå', 'Skolproblem']]);
  });

  it.each([
    ['BIFF2', biff2()],
    ['BIFF3', biff34(3)],
    ['BIFF4', biff34(4)],
  ])('refuses a %s .xls as an old format, with what to do', (_, bytes) => {
    const e = refusal(() => readSheet(bytes));
    expect(e.issue.kind).toBe('old-format');
    expect(e.message).toMatch(/Excel 2\.x–4\.0 workbook .* save it as \.xlsx/);
  });

  it('refuses a zip that names no workbook in its content types as not a workbook', () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(
      cfb,
      '[Content_Types].xml',
      new TextEncoder().encode(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
      ),
    );
    XLSX.CFB.utils.cfb_add(cfb, 'word/document.xml', new TextEncoder().encode('<w/>'));
    const zip = new Uint8Array(
      XLSX.CFB.write(cfb, { type: 'array', fileType: 'zip' }) as ArrayLike<number>,
    );
    expect(refusal(() => readSheet(zip)).issue.kind).toBe('not-a-table');
  });
});

describe('refusing workbooks', () => {
  it.each(['password.xlsx', 'password.xls'])('%s: password-protected', (name) => {
    const e = refusal(() => readSheet(fixture(name)));
    expect(e.issue.kind).toBe('encrypted');
    expect(e.message).toMatch(/password-protected/);
  });

  it('a truncated workbook: damaged, before SheetJS sees it', () => {
    const e = refusal(() => readSheet(fixture('truncated.xlsx')));
    expect(e.issue.kind).toBe('corrupt');
    expect(e.message).toMatch(/cut short/);
    expect(refusal(() => readSheet(fixture('libreoffice.xlsx').subarray(0, 100))).issue.kind).toBe(
      'corrupt',
    );
  });

  it('a zip bomb: refused from its central directory within milliseconds, nothing inflated', () => {
    const bytes = fixture('zip-bomb.xlsx');
    expect(bytes.byteLength).toBeLessThan(1024 * 1024);
    const started = performance.now();
    const e = refusal(() => readSheet(bytes));
    expect(performance.now() - started).toBeLessThan(500);
    expect(e.issue.kind).toBe('zip-bomb');
    expect(e.message).toMatch(/300\.0 MB/);
    // With the ratio allowed, the total cap still holds.
    const total = refusal(() =>
      readSheet(bytes, { maxCompressionRatio: 10_000, maxUncompressedBytes: 100 * 1024 * 1024 }),
    );
    expect(total.message).toMatch(/would expand to 300\.0 MB; the limit is 100\.0 MB/);
  });

  it('an oversized workbook: refused by size before anything is parsed', () => {
    expect(
      refusal(() => readSheet(fixture('libreoffice.xlsx'), { maxBytes: 1000 })).issue.kind,
    ).toBe('too-large');
  });

  it('more rows than the cap: refused while SheetJS parses, with the row', () => {
    const rows = [['id'], ...Array.from({ length: 2000 }, (_, i) => [String(i)])];
    for (const bookType of ['xlsx', 'xls'] as const) {
      const e = refusal(() => readSheet(workbook(rows, bookType), { maxRows: 50 }));
      expect(e.issue.kind).toBe('too-many-rows');
      expect(e.issue.row).toBeGreaterThan(50);
    }
    expect(readSheet(workbook(rows), { maxRows: 2000 }).rowCount).toBe(2000);
  });

  it('a zip that is not a workbook, and an empty sheet', () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'hej.txt', new TextEncoder().encode('hej'));
    const zip = new Uint8Array(
      XLSX.CFB.write(cfb, { type: 'array', fileType: 'zip' }) as ArrayLike<number>,
    );
    expect(refusal(() => readSheet(zip)).issue.kind).toBe('not-a-table');
    expect(refusal(() => readSheet(workbook([]))).issue.kind).toBe('empty');
  });
});

/**
 * A zip whose one entry is declared in ZIP64 form (sizes 0xffffffff in the header, the real
 * ones in extra field 0x0001), with ZIP64 end records: what big-file writers produce.
 */
function zip64(name: string, declaredSize: number, compressedSize: number): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const local = 30 + nameBytes.length;
  const dir = 46 + nameBytes.length + 20;
  const bytes = new Uint8Array(local + dir + 56 + 20 + 22);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, 0x04034b50, true);
  bytes.set(nameBytes, 30);
  v.setUint16(26, nameBytes.length, true);
  let at = local;
  v.setUint32(at, 0x02014b50, true);
  v.setUint32(at + 20, 0xffffffff, true);
  v.setUint32(at + 24, 0xffffffff, true);
  v.setUint16(at + 28, nameBytes.length, true);
  v.setUint16(at + 30, 20, true);
  bytes.set(nameBytes, at + 46);
  const extra = at + 46 + nameBytes.length;
  v.setUint16(extra, 0x0001, true);
  v.setUint16(extra + 2, 16, true);
  v.setBigUint64(extra + 4, BigInt(declaredSize), true);
  v.setBigUint64(extra + 12, BigInt(compressedSize), true);
  at = local + dir;
  v.setUint32(at, 0x06064b50, true);
  v.setBigUint64(at + 32, 1n, true);
  v.setBigUint64(at + 40, BigInt(dir), true);
  v.setBigUint64(at + 48, BigInt(local), true);
  v.setUint32(at + 56, 0x07064b50, true);
  v.setBigUint64(at + 64, BigInt(at), true);
  const end = at + 76;
  v.setUint32(end, 0x06054b50, true);
  v.setUint16(end + 10, 0xffff, true);
  v.setUint32(end + 12, 0xffffffff, true);
  v.setUint32(end + 16, 0xffffffff, true);
  return bytes;
}

describe('the zip central directory', () => {
  it('reads ZIP64 sizes, so a bomb cannot hide behind 0xffffffff', () => {
    const five = 5 * 1024 ** 3;
    expect(inspectZip(zip64('xl/workbook.xml', 1000, 100), DEFAULT_LIMITS)).toMatchObject({
      entries: 1,
      uncompressedBytes: 1000,
      compressedBytes: 100,
      names: ['xl/workbook.xml'],
    });
    const e = refusal(() => readSheet(zip64('xl/worksheets/sheet1.xml', five, 100)));
    expect(e.issue.kind).toBe('zip-bomb');
    expect(e.message).toMatch(/5120\.0 MB/);
  });

  it('declares what a real workbook inflates to', () => {
    const bytes = fixture('libreoffice.xlsx');
    const zip = inspectZip(bytes, DEFAULT_LIMITS);
    expect(zip.names).toContain('xl/workbook.xml');
    expect(zip.uncompressedBytes).toBeGreaterThan(zip.compressedBytes);
    expect(zip.uncompressedBytes / bytes.byteLength).toBeLessThan(
      DEFAULT_LIMITS.maxCompressionRatio,
    );
  });
});
