// Workbook bytes → table, with SheetJS (`@e965/xlsx` 0.20.3: the npm `xlsx` 0.18.5 has
// CVE-2023-30533 and CVE-2024-22363). Cells are read as the text Excel displays (`raw: false`),
// so `007` stored as text stays `007`.
//
// A half-megabyte XLSX can inflate to gigabytes (zip bomb), and SheetJS inflates every part
// before we see a row. So before SheetJS runs we read the zip's central directory ourselves
// and refuse what it declares to be too big. Declared sizes can lie; the worker that runs
// this has a time and memory cap and is terminated on overrun (RELIABILITY.md rule 5).
// Everything here is synchronous and pure, so a Worker can run it and be terminated.

import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import {
  MAX_SHEET_ROWS,
  TableBuilder,
  TableReadError,
  megabytes,
  quoted,
  resolveLimits,
  type MessageParams,
  type ReadLimits,
  type ReadOptions,
  type Table,
} from './table';

// The ESM build of SheetJS comes without its code-page tables: a BIFF5 `.xls` (Excel 5/95,
// still written by old case-management systems) stores its text in the Windows code page, and
// without the tables `–` `…` `€` `“` `”` come back as C1 controls (issue 14). The tables are
// only bundled where workbooks are read (the import worker, the command line).
XLSX.set_cptable(cptable);

export type Container = 'zip' | 'cfb' | 'markup' | 'old-biff';

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** What kind of file the bytes are: a ZIP (xlsx, ods), an OLE compound file (xls, encrypted
 * xlsx), markup (HTML or XML "xls" exported by case-management systems), or none of these. */
export function sniffContainer(bytes: Uint8Array): Container | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05))
    return 'zip';
  if (CFB_SIGNATURE.every((b, i) => bytes[i] === b)) return 'cfb';
  // BIFF2–4 (Excel 2.x–4.0, before 1994) is a bare record stream that starts with its BOF
  // record: 0x0009, 0x0209 or 0x0409, then a short length.
  if (
    bytes[0] === 0x09 &&
    (bytes[1] === 0x00 || bytes[1] === 0x02 || bytes[1] === 0x04) &&
    bytes[3] === 0x00 &&
    (bytes[2] as number) >= 4 &&
    (bytes[2] as number) <= 16
  )
    return 'old-biff';
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    i < 1024 &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  return bytes[i] === 0x3c /* < */ ? 'markup' : null;
}

export interface ZipSummary {
  readonly entries: number;
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
  readonly names: readonly string[];
  /** Each part as the central directory declares it, in directory order (see zip-check.ts). */
  readonly parts: readonly ZipPart[];
}

export interface ZipPart {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  /** Offset of the part's local file header, bytes. */
  readonly offset: number;
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
}

// Office files have a few dozen parts; thousands of entries is a different kind of bomb.
const MAX_ZIP_ENTRIES = 10_000;
// Below this a high ratio is harmless (a tiny sheet of repeated text compresses very well), bytes.
const RATIO_FLOOR = 16 * 1024 * 1024;

/** `why` in English; `reason` names it for the UI (tblCorrupt_…), with the values it quotes. */
export function corrupt(why: string, reason: MessageParams & { readonly reason: string }): never {
  throw new TableReadError(
    'corrupt',
    `the workbook is damaged or incomplete (${why}); was the file cut short? Save it again from Excel`,
    {},
    reason,
  );
}

/**
 * Reads the zip's central directory (end record, zip64 records, file headers): what it
 * declares each part inflates to. Refuses a damaged zip, an encrypted one, and one that
 * would inflate beyond the limits.
 */
export function inspectZip(
  bytes: Uint8Array,
  limits: Pick<ReadLimits, 'maxUncompressedBytes' | 'maxCompressionRatio'>,
): ZipSummary {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  const inside = (at: number, length: number) => at >= 0 && at + length <= bytes.length;

  // The end-of-central-directory record: 22 bytes plus a comment of up to 65 535 bytes.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
    if (u32(at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) corrupt('no ZIP directory', { reason: 'no-directory' });
  let count = u16(eocd + 10);
  let dirSize = u32(eocd + 12);
  let dirOffset = u32(eocd + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (!inside(locator, 20) || u32(locator) !== 0x07064b50)
      corrupt('no ZIP64 directory locator', { reason: 'no-zip64-locator' });
    const end64 = u64(locator + 8);
    if (!inside(end64, 56) || u32(end64) !== 0x06064b50)
      corrupt('no ZIP64 directory', { reason: 'no-zip64-directory' });
    count = u64(end64 + 32);
    dirSize = u64(end64 + 40);
    dirOffset = u64(end64 + 48);
  }
  if (count > MAX_ZIP_ENTRIES) {
    throw new TableReadError(
      'zip-bomb',
      `the workbook has ${count} parts; a real workbook has a few dozen`,
      {},
      { variant: 'parts', parts: count },
    );
  }
  if (!inside(dirOffset, dirSize))
    corrupt('the ZIP directory lies outside the file', { reason: 'directory-outside' });

  const names: string[] = [];
  const parts: ZipPart[] = [];
  let total = 0;
  let compressedTotal = 0;
  // Part names of Office files are ASCII; UTF-8 decodes those (and flagged UTF-8 names) right.
  const nameDecoder = new TextDecoder('utf-8');
  let at = dirOffset;
  for (let n = 0; n < count; n++) {
    if (!inside(at, 46) || u32(at) !== 0x02014b50)
      corrupt('a broken ZIP directory entry', { reason: 'broken-entry' });
    const flags = u16(at + 8);
    const method = u16(at + 10);
    let offset = u32(at + 42);
    let compressed = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    if (!inside(at + 46, nameLength + extraLength + commentLength))
      corrupt('a broken ZIP directory entry', { reason: 'broken-entry' });
    names.push(nameDecoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    // ZIP64: the real sizes are in extra field 0x0001, in this order, when the header says 0xffffffff.
    if (size === 0xffffffff || compressed === 0xffffffff || offset === 0xffffffff) {
      let x = at + 46 + nameLength;
      const end = x + extraLength;
      while (x + 4 <= end) {
        const id = u16(x);
        const length = u16(x + 2);
        if (id === 0x0001) {
          let field = x + 4;
          if (size === 0xffffffff && field + 8 <= x + 4 + length) {
            size = u64(field);
            field += 8;
          }
          if (compressed === 0xffffffff && field + 8 <= x + 4 + length) {
            compressed = u64(field);
            field += 8;
          }
          if (offset === 0xffffffff && field + 8 <= x + 4 + length) offset = u64(field);
        }
        x += 4 + length;
      }
    }
    // Bit 0: the part is encrypted (not Office's own encryption, which uses a CFB container).
    if (flags & 1)
      throw new TableReadError(
        'encrypted',
        'the workbook is password-protected; remove the password in Excel and save again',
      );
    total += size;
    compressedTotal += compressed;
    parts.push({
      name: names[names.length - 1] as string,
      method,
      offset,
      compressedBytes: compressed,
      uncompressedBytes: size,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (total > limits.maxUncompressedBytes) {
    throw new TableReadError(
      'zip-bomb',
      `the workbook would expand to ${megabytes(total)}; the limit is ${megabytes(limits.maxUncompressedBytes)} (save the sheet as CSV instead)`,
      {},
      { totalBytes: total, maxBytes: limits.maxUncompressedBytes },
    );
  }
  const ratio = total / Math.max(1, bytes.length);
  if (total > RATIO_FLOOR && ratio > limits.maxCompressionRatio) {
    throw new TableReadError(
      'zip-bomb',
      `the workbook would expand ${Math.round(ratio)} times (${megabytes(bytes.length)} to ${megabytes(total)}); real workbooks expand less than ${limits.maxCompressionRatio} times, so it is refused as a possible zip bomb`,
      {},
      {
        variant: 'ratio',
        ratio: Math.round(ratio),
        sizeBytes: bytes.length,
        totalBytes: total,
        maxRatio: limits.maxCompressionRatio,
      },
    );
  }
  return {
    entries: count,
    compressedBytes: compressedTotal,
    uncompressedBytes: total,
    names,
    parts,
  };
}

/** One part of a ZIP workbook as it inflated (a folder's entry is empty). */
export interface InflatedPart {
  readonly name: string;
  readonly content: Uint8Array;
}

/** A ZIP workbook's bytes and its parts inflated and checked, in directory order
 * (zip-check.ts inflateWorkbook): readSheet parses them without inflating anything again. */
export interface InflatedWorkbook {
  readonly bytes: Uint8Array;
  readonly parts: readonly InflatedPart[];
}

interface CfbContainer {
  readonly FullPaths: readonly string[];
}
const CFB = XLSX.CFB as { read(data: Uint8Array, options: { type: 'array' }): CfbContainer };

const NOT_A_WORKBOOK_ZIP = 'the file is a ZIP archive but not a workbook';

const OLD_FORMAT =
  'the file is an Excel 2.x–4.0 workbook (BIFF2–4, from before 1994), a format Kodbok does not read; open it in Excel or LibreOffice and save it as .xlsx';

const PROTECTED =
  'the workbook is password-protected; remove the password in Excel (File › Info › Protect Workbook) and save again';

/** Checks the container before SheetJS parses it; returns it. */
function checkContainer(bytes: Uint8Array, limits: ReadLimits): Exclude<Container, 'old-biff'> {
  if (bytes.byteLength > limits.maxBytes) {
    throw new TableReadError(
      'too-large',
      `the workbook is ${megabytes(bytes.byteLength)}; the limit is ${megabytes(limits.maxBytes)}`,
      {},
      { variant: 'workbook', sizeBytes: bytes.byteLength, maxBytes: limits.maxBytes },
    );
  }
  const container = sniffContainer(bytes);
  if (container === null)
    throw new TableReadError('not-a-table', 'the file is not a workbook (.xlsx or .xls)');
  if (container === 'old-biff') throw new TableReadError('old-format', OLD_FORMAT);
  if (container === 'zip') {
    const { names } = inspectZip(bytes, limits);
    // An Office file names its parts in [Content_Types].xml: Excel puts the workbook under
    // `xl/`, but other writers may put it anywhere (SheetJS follows the content types).
    const workbook = names.some(
      (n) =>
        n === '[Content_Types].xml' ||
        n === 'xl/workbook.xml' ||
        n === 'xl/workbook.bin' ||
        n === 'content.xml',
    );
    if (!workbook)
      throw new TableReadError('not-a-table', NOT_A_WORKBOOK_ZIP, {}, { variant: 'zip' });
  }
  if (container === 'cfb') {
    // Excel's encryption (ECMA-376) wraps the whole xlsx in an OLE file with these streams.
    let paths: readonly string[];
    try {
      paths = CFB.read(bytes, { type: 'array' }).FullPaths;
    } catch {
      corrupt('a broken Office container', { reason: 'broken-container' });
    }
    if (paths.some((p) => p.endsWith('/EncryptionInfo') || p.endsWith('/EncryptedPackage'))) {
      throw new TableReadError('encrypted', PROTECTED);
    }
  }
  return container;
}

interface ContainerPart {
  content: Uint8Array;
}
interface ZipContainer {
  readonly FullPaths: readonly string[];
  readonly FileIndex: readonly ContainerPart[];
}
// Exported by SheetJS but missing from its types: parses an opened zip.
const parseZip = (
  XLSX as unknown as {
    parse_zip(zip: ZipContainer, options: XLSX.ParsingOptions): XLSX.WorkBook;
  }
).parse_zip;

const CHAR_REF = /&#(?:x([0-9a-fA-F]+)|([0-9]+));/g;

/** Whether the bytes hold `&#` (a numeric character reference), without decoding them. */
function hasCharRef(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0x26); i >= 0 && i < bytes.length - 1; i = bytes.indexOf(0x26, i + 1))
    if (bytes[i + 1] === 0x23) return true;
  return false;
}

/**
 * SheetJS decodes a numeric character reference with `String.fromCharCode`, so a character
 * above U+FFFF written as `&#128512;` (😀) comes back as U+F600. Such references in the XML
 * parts are replaced by the character itself before SheetJS reads them (issue 14).
 */
function restoreAstralRefs(zip: ZipContainer): void {
  zip.FullPaths.forEach((path, i) => {
    const part = zip.FileIndex[i];
    if (!part?.content || !/\.(xml|rels)$/i.test(path) || !hasCharRef(part.content)) return;
    const text = new TextDecoder('utf-8').decode(part.content);
    let changed = false;
    const fixed = text.replace(
      CHAR_REF,
      (ref, hex: string | undefined, dec: string | undefined) => {
        const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
        if (code <= 0xffff || code > 0x10ffff) return ref;
        changed = true;
        return String.fromCodePoint(code);
      },
    );
    if (changed) part.content = new TextEncoder().encode(fixed);
  });
}

// SheetJS's container functions (exported, missing from its types): a zip of parts we inflated.
const CFB_UTILS = (
  XLSX.CFB as unknown as {
    utils: {
      cfb_new(): ZipContainer;
      cfb_add(zip: ZipContainer, name: string, content: Uint8Array, o: { unsafe: true }): void;
    };
  }
).utils;

/** The parts inflated already, as the container SheetJS parses (what CFB.read would build). */
function containerOf(parts: readonly InflatedPart[], keepRows: number | null): ZipContainer {
  const worksheets = keepRows === null ? new Set<string>() : worksheetParts(parts);
  const zip = CFB_UTILS.cfb_new();
  for (const { name, content } of parts) {
    if (name.endsWith('/')) continue; // a folder
    const kept = keepRows !== null && worksheets.has(name) ? firstRows(content, keepRows) : content;
    CFB_UTILS.cfb_add(zip, name, kept, { unsafe: true });
  }
  return zip;
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** Where `needle` (ASCII) occurs in `bytes` from `from` on, or -1. */
function indexOfBytes(bytes: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0] as number;
  for (let i = bytes.indexOf(first, from); i >= 0; i = bytes.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** The worksheet parts, as [Content_Types].xml names them (`/xl/worksheets/sheet1.xml`). */
function worksheetParts(parts: readonly InflatedPart[]): Set<string> {
  const types = parts.find((p) => p.name === '[Content_Types].xml');
  const out = new Set<string>();
  if (!types) return out;
  const text = new TextDecoder('utf-8').decode(types.content);
  for (const [tag] of text.matchAll(/<(?:\w+:)?Override\b[^>]*>/g)) {
    const part = /PartName="\/?([^"]+)"/.exec(tag)?.[1];
    if (part && /ContentType="[^"]*\.worksheet\+xml"/.test(tag)) out.add(part);
  }
  return out;
}

/**
 * A worksheet's XML cut after its first `rows` row elements, closed again: what a preview of the
 * first rows needs, without splitting and scanning a sheet of 200 000 rows (SheetJS reads every
 * row's tag even past `sheetRows`). Row elements come in order, each numbered at least one more
 * than the one before, so the first `rows` elements hold every row numbered up to `rows`. The
 * `<dimension>` before them still tells how many rows the sheet has.
 */
function firstRows(xml: Uint8Array, rows: number): Uint8Array {
  const at = indexOfBytes(xml, ascii('sheetData'), 0);
  if (at < 1) return xml;
  // `<sheetData>` or `<x:sheetData>`: the closing tags take the same prefix.
  let prefix = '';
  if (xml[at - 1] === 0x3a /* : */) {
    const open = xml.lastIndexOf(0x3c /* < */, at);
    if (open < 0) return xml;
    prefix = new TextDecoder().decode(xml.subarray(open + 1, at));
  } else if (xml[at - 1] !== 0x3c) return xml;
  const rowEnd = ascii(`</${prefix}row>`);
  let end = at;
  for (let n = 0; n < rows; n++) {
    const next = indexOfBytes(xml, rowEnd, end);
    if (next < 0) return xml; // fewer rows than that: the whole sheet
    end = next + rowEnd.length;
  }
  const close = ascii(`</${prefix}sheetData></${prefix}worksheet>`);
  const out = new Uint8Array(end + close.length);
  out.set(xml.subarray(0, end));
  out.set(close, end);
  return out;
}

/**
 * Parses a workbook. A ZIP's parts come inflated already when `parts` is given (the worker
 * inflates them natively while it checks their sizes); otherwise SheetJS opens the zip itself.
 * With `keepRows`, its worksheets are cut after that many rows before SheetJS parses them.
 */
function parseWorkbook(
  bytes: Uint8Array,
  options: XLSX.ParsingOptions,
  parts?: readonly InflatedPart[],
  keepRows: number | null = null,
): XLSX.WorkBook {
  const settings: XLSX.ParsingOptions = {
    type: 'array',
    dense: true,
    // Plain-text formats (an HTML "xls"): keep cell text, do not turn `007` into 7.
    raw: true,
    cellFormula: false,
    cellHTML: false,
    cellStyles: false,
    // The number format tells a date from a number (dates are written as ISO, see cellText).
    cellNF: true,
    cellDates: false,
    cellText: true,
    dateNF: 'yyyy-mm-dd',
    bookVBA: false,
    ...options,
  };
  try {
    if (sniffContainer(bytes) !== 'zip') return XLSX.read(bytes, settings);
    // A zip is opened here (not by XLSX.read) so its XML can be repaired before it is parsed.
    const zip = parts
      ? containerOf(parts, keepRows)
      : (XLSX.CFB.read(bytes, { type: 'buffer' }) as unknown as ZipContainer);
    restoreAstralRefs(zip);
    return parseZip(zip, settings);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    // SheetJS says "File is password-protected" for encrypted .xls (FILEPASS).
    if (/password|encrypt/i.test(why)) throw new TableReadError('encrypted', PROTECTED);
    // A zip with content types that name no workbook (a Word document, say).
    if (/Could not find workbook|Unsupported ZIP/i.test(why))
      throw new TableReadError('not-a-table', NOT_A_WORKBOOK_ZIP, {}, { variant: 'zip' });
    // SheetJS's own words: a technical detail, quoted as it is in every language.
    corrupt(why, { reason: 'parser', why });
  }
}

// Excel's error values by code (BIFF and SheetJS use these numbers), as Excel shows them.
const ERROR_TEXT = new Map<number, string>([
  [0x00, '#NULL!'],
  [0x07, '#DIV/0!'],
  [0x0f, '#VALUE!'],
  [0x17, '#REF!'],
  [0x1d, '#NAME?'],
  [0x24, '#NUM!'],
  [0x2a, '#N/A'],
  [0x2b, '#GETTING_DATA'],
]);

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The date or time of a date-formatted number as ISO text (`2024-03-01`, `2024-03-01 13:45`,
 * `13:45:30`), whatever the format (format 22 is US `m/d/yy h:mm`): what the cell means, in
 * the one notation a coder and a script read alike. Null for a format that is no date (an
 * elapsed time `[h]:mm` is a duration, shown as Excel shows it).
 */
export function isoDateText(serial: number, format: string, date1904: boolean): string | null {
  if (!XLSX.SSF.is_date(format)) return null;
  // Tokens outside quoted text, escapes and [colours]: y/d (date), h/s (time).
  const tokens = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').toLowerCase();
  if (/\[(h+|m+|s+)\]/i.test(format)) return null;
  const parts = XLSX.SSF.parse_date_code(serial, { date1904 });
  if (!parts) return null;
  const hasDate = /[yd]/.test(tokens) || !/[hs]/.test(tokens);
  const hasTime = /[hs]/.test(tokens);
  const date = `${String(parts.y).padStart(4, '0')}-${two(parts.m)}-${two(parts.d)}`;
  const seconds = /s/.test(tokens) || parts.S !== 0;
  const time = `${two(parts.H)}:${two(parts.M)}${seconds ? `:${two(parts.S)}` : ''}`;
  if (hasDate && hasTime) return `${date} ${time}`;
  return hasDate ? date : time;
}

/** A cell as text: what Excel shows, with dates as ISO and error values as their text. */
function cellText(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell) return '';
  switch (cell.t) {
    case 'e':
      return cell.w ?? ERROR_TEXT.get(cell.v as number) ?? '#N/A';
    case 'n': {
      const iso =
        typeof cell.z === 'string' ? isoDateText(cell.v as number, cell.z, date1904) : null;
      return iso ?? cell.w ?? String(cell.v);
    }
    case 'd': {
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      return Number.isNaN(d.getTime()) ? (cell.w ?? '') : d.toISOString().slice(0, 10);
    }
    case 's':
      return typeof cell.v === 'string' ? cell.v : (cell.w ?? '');
    case 'b':
      return cell.w ?? (cell.v ? 'TRUE' : 'FALSE');
    default:
      return cell.w ?? (cell.v == null ? '' : String(cell.v));
  }
}

/** The sheet names of a workbook, in order (only the workbook part is parsed). */
export function listSheets(bytes: Uint8Array, options: ReadOptions = {}): string[] {
  checkContainer(bytes, resolveLimits(options));
  return parseWorkbook(bytes, { bookSheets: true }).SheetNames;
}

/**
 * Reads one sheet (the first by default) as text rows: displayed text, never numbers as
 * numbers. The row cap is applied while SheetJS parses (`sheetRows`), not after.
 */
export function readSheet(
  bytes: Uint8Array,
  options: ReadOptions = {},
  inflated?: InflatedWorkbook,
): Table {
  const limits = resolveLimits(options);
  const container = checkContainer(bytes, limits);
  const maxRows = Math.min(limits.maxRows, MAX_SHEET_ROWS);
  const rowBudget =
    options.previewRows !== undefined
      ? (options.headerRow ?? 1) + options.previewRows + 1000
      : Math.min(MAX_SHEET_ROWS, maxRows + (options.headerRow ?? 1) + 1000);
  const wanted = options.sheet ?? 0;
  const parts = inflated?.bytes === bytes ? inflated.parts : undefined;
  const workbook = parseWorkbook(
    bytes,
    { sheets: wanted, sheetRows: rowBudget },
    parts,
    options.previewRows !== undefined ? rowBudget : null,
  );
  const name = typeof wanted === 'number' ? workbook.SheetNames[wanted] : wanted;
  const sheet = name === undefined ? undefined : workbook.Sheets[name];
  if (name === undefined || sheet === undefined || !workbook.SheetNames.includes(name)) {
    throw new TableReadError(
      'no-such-sheet',
      `the workbook has no sheet ${typeof wanted === 'number' ? `number ${wanted + 1}` : quoted(wanted)}; its sheets are ${workbook.SheetNames.map(quoted).join(', ') || 'none'}`,
      {},
      {
        ...(typeof wanted === 'number'
          ? { variant: 'number', number: wanted + 1 }
          : { sheet: quoted(wanted) }),
        // Empty: the workbook has no sheet at all.
        sheets: workbook.SheetNames.map(quoted).join(', '),
      },
    );
  }
  const source = {
    format: 'workbook',
    container,
    sheet: name,
    sheets: workbook.SheetNames,
  } as const;
  const ref = sheet['!ref'];
  const fullRef = sheet['!fullref'];
  // SheetJS stopped at `rowBudget`: the sheet has more rows than the cap allows.
  if (options.previewRows === undefined && ref && fullRef && fullRef !== ref) {
    const declared = XLSX.utils.decode_range(fullRef).e.r + 1;
    if (declared > rowBudget) {
      throw new TableReadError(
        'too-many-rows',
        `the sheet ${quoted(name)} has ${declared} rows; the limit is ${maxRows} data rows`,
        {
          row: rowBudget + 1,
        },
        { variant: 'sheet', sheet: quoted(name), rows: declared, limit: maxRows },
      );
    }
  }
  const builder = new TableBuilder({ ...limits, maxRows }, options);
  if (ref) {
    const range = XLSX.utils.decode_range(ref);
    const data = (sheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
    const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
    for (let r = range.s.r; r <= range.e.r && !builder.done; r++) {
      const row = data[r];
      const record: string[] = [];
      for (let c = range.s.c; c <= range.e.c; c++) record.push(cellText(row?.[c], date1904));
      builder.add(record, r + 1);
    }
  }
  try {
    const summary = builder.finish(source);
    const { rows, rowNumbers } = builder.take();
    return { ...summary, rows, rowNumbers };
  } catch (e) {
    if (e instanceof TableReadError && e.issue.kind === 'empty') {
      throw new TableReadError(
        'empty',
        `the sheet ${quoted(name)} is empty`,
        {},
        { variant: 'sheet', sheet: quoted(name) },
      );
    }
    throw e;
  }
}
