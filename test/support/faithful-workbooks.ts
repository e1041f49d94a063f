// Small workbooks of the kinds that were read wrongly (issue 14 item 5), generated here so a
// reader can see exactly what each holds. SheetJS writes the containers; where it cannot write
// what real files hold (text in a Windows code page in BIFF5, numeric character references
// above U+FFFF, parts outside `xl/`, BIFF3/4), the bytes are changed by hand afterwards and
// the tests check those bytes, so the reader is not tested only against its own writer.
import * as XLSX from '@e965/xlsx';

type Cell = XLSX.CellObject;

function book(rows: (string | Cell)[][]): XLSX.WorkBook {
  const sheet = XLSX.utils.aoa_to_sheet(
    rows.map((r) => r.map((c) => (typeof c === 'string' ? c : null))),
  );
  rows.forEach((r, ri) =>
    r.forEach((c, ci) => {
      if (typeof c !== 'string') sheet[XLSX.utils.encode_cell({ r: ri, c: ci })] = c;
    }),
  );
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, sheet, 'Blad1');
  return wb;
}

function write(wb: XLSX.WorkBook, bookType: XLSX.BookType): Uint8Array {
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType }) as ArrayBuffer);
}

/** Windows-1252 bytes of the characters used below (the rest is ASCII or Latin-1). */
const CP1252 = new Map([
  ['–', 0x96],
  ['…', 0x85],
  ['€', 0x80],
  ['“', 0x93],
  ['”', 0x94],
]);

export const CP1252_TEXT = 'Missbruk – BoU… 5 € “citat” Gävle';

/**
 * A BIFF5 `.xls` (Excel 5/95) whose text is stored in Windows-1252, as Excel 95 and old
 * case-management systems write it. SheetJS writes BIFF5 text as `_` beyond ASCII, so each
 * string is written as ASCII of the same length and its bytes are replaced by cp1252's.
 */
export function biff5Cp1252(): Uint8Array {
  const rows = [
    ['kommun', 'orsak'],
    ['Gävle', CP1252_TEXT],
  ];
  const ascii = (t: string) => t.replace(/[^\x20-\x7e]/g, '#');
  const bytes = write(book(rows.map((r) => r.map(ascii))), 'biff5');
  for (const t of rows.flat()) {
    if (t === ascii(t)) continue;
    const at = Buffer.from(bytes).indexOf(Buffer.from(ascii(t), 'latin1'));
    if (at < 0) throw new Error('the placeholder was not written as 8-bit text');
    [...t].forEach((ch, i) => {
      bytes[at + i] = CP1252.get(ch) ?? (ch.codePointAt(0) as number);
    });
  }
  return bytes;
}

/** Rewrites a zip's parts: `edit` returns the new path and content of each (or the same). */
export function rewriteZip(
  bytes: Uint8Array,
  edit: (path: string, content: Uint8Array) => [string, Uint8Array],
): Uint8Array {
  const zip = XLSX.CFB.read(bytes, { type: 'buffer' });
  const out = XLSX.CFB.utils.cfb_new();
  zip.FullPaths.forEach((path: string, i: number) => {
    const entry = zip.FileIndex[i];
    if (!entry || entry.type !== 2) return; // 2: a file, not a directory
    const [name, content] = edit(path.replace(/^Root Entry\//, ''), entry.content as Uint8Array);
    XLSX.CFB.utils.cfb_add(out, name, content);
  });
  return new Uint8Array(
    XLSX.CFB.write(out, { type: 'array', fileType: 'zip' }) as ArrayLike<number>,
  );
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytesOf = (s: string) => new TextEncoder().encode(s);

/** The characters above U+FFFF used below: 😀 (U+1F600) and 👨 (U+1F468). */
export const ASTRAL_TEXT = 'Glad 😀 och 👨';

/** An xlsx whose text holds characters above U+FFFF written as `&#128512;` and `&#x1F468;`. */
export function xlsxAstralRefs(): Uint8Array {
  const bytes = write(book([['orsak'], ['ASTRAL-PLACEHOLDER']]), 'xlsx');
  return rewriteZip(bytes, (path, content) => [
    path,
    /\.xml$/.test(path)
      ? bytesOf(text(content).replace('ASTRAL-PLACEHOLDER', 'Glad &#128512; och &#x1F468;'))
      : content,
  ]);
}

/** An xlsx whose parts are under `book/`, not `xl/`: valid (the content types name them). */
export function xlsxRelocated(): Uint8Array {
  const bytes = write(
    book([
      ['kommun', 'orsak'],
      ['Umeå', 'Skolproblem'],
    ]),
    'xlsx',
  );
  return rewriteZip(bytes, (path, content) => [
    path.replace(/^xl\//, 'book/'),
    path === '[Content_Types].xml' || path === '_rels/.rels'
      ? bytesOf(text(content).replace(/(["/])xl\//g, '$1book/'))
      : content,
  ]);
}

/** 2024-03-01 13:45:00 and 13:45:30 as Excel serial numbers (1900 date system). */
const MARCH_1 = 45352;
const AT_1345 = MARCH_1 + (13 * 60 + 45) / 1440;
const AT_134530 = AT_1345 + 30 / 86400;

/**
 * Cells with dates in several number formats (built-in 14 and 22, custom ones, a time of day,
 * a duration) and error cells, as Excel stores them (numbers with a format, error values),
 * each with the text it must be read as.
 */
export const DATE_CELLS: readonly [Cell, string][] = [
  [{ t: 'n', v: MARCH_1, z: 'm/d/yyyy' }, '2024-03-01'], // format 14
  [{ t: 'n', v: AT_1345, z: 'm/d/yy h:mm' }, '2024-03-01 13:45'], // format 22
  [{ t: 'n', v: AT_134530, z: 'm/d/yy h:mm' }, '2024-03-01 13:45:30'],
  [{ t: 'n', v: AT_134530, z: 'yyyy-mm-dd hh:mm:ss' }, '2024-03-01 13:45:30'],
  [{ t: 'n', v: MARCH_1, z: 'd mmmm yyyy' }, '2024-03-01'],
  [{ t: 'n', v: MARCH_1, z: 'dd/mm/yyyy;@' }, '2024-03-01'],
  [{ t: 'n', v: AT_1345 - MARCH_1, z: 'h:mm' }, '13:45'],
  [{ t: 'n', v: 1.5, z: '[h]:mm' }, '36:00'],
  [{ t: 'n', v: 12.5, z: 'General' }, '12.5'],
  [{ t: 'e', v: 0x2a }, '#N/A'],
  [{ t: 'e', v: 0x07 }, '#DIV/0!'],
  [{ t: 'e', v: 0x0f }, '#VALUE!'],
];

export function xlsxDatesAndErrors(): Uint8Array {
  return write(
    book([DATE_CELLS.map((_, i) => `k${i + 1}`), DATE_CELLS.map(([cell]) => ({ ...cell }))]),
    'xlsx',
  );
}

/** The same cells in a BIFF8 `.xls`. */
export function xlsDatesAndErrors(): Uint8Array {
  return write(
    book([DATE_CELLS.map((_, i) => `k${i + 1}`), DATE_CELLS.map(([cell]) => ({ ...cell }))]),
    'biff8',
  );
}

/** An Excel 2.x worksheet (BIFF2), as SheetJS writes it. */
export function biff2(): Uint8Array {
  return write(book([['kommun'], ['Gävle']]), 'biff2');
}

/**
 * The start of an Excel 3.0 or 4.0 worksheet (BIFF3: BOF 0x0209, BIFF4: 0x0409, each with six
 * bytes of version, type 0x0010 = worksheet, build) and its EOF: what such a file begins with.
 */
export function biff34(version: 3 | 4): Uint8Array {
  return new Uint8Array([
    0x09,
    version === 3 ? 0x02 : 0x04,
    0x06,
    0x00,
    0x00,
    0x00,
    0x10,
    0x00,
    0x00,
    0x00,
    0x0a,
    0x00,
    0x00,
    0x00,
  ]);
}
