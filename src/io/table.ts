// Bytes ⇄ tables: the shapes every reader returns, the rules they share (header row, ragged
// rows, caps) and `readTableFile`, which picks the reader for a file.
//
// This module (and all of src/io) runs in a Web Worker and in Node: no DOM, no Node APIs.
// Rows are string arrays, never objects keyed by header: a header may be `__proto__`.

import { readCsv, streamCsv, type CsvStreamHandlers, type Delimiter } from './csv';
import type { EncodingChoice, TextEncoding } from './decode';
import { memorySource, readAll, type ByteSource } from './source';
import type { MessageParams, TableErrorKind, TableIssue, TableIssueKind } from './table-kinds';
import { readSheet, sniffContainer, type InflatedWorkbook } from './xlsx';

export * from './table-kinds';

/**
 * A file that cannot be read. `issue` is a plain value: post it from a worker as it is (a
 * structured clone of an Error loses its fields).
 */
export class TableReadError extends Error {
  readonly issue: TableIssue & { readonly kind: TableErrorKind; readonly file?: string };

  constructor(
    kind: TableErrorKind,
    message: string,
    where: { row?: number; column?: number; file?: string } = {},
    params?: MessageParams,
  ) {
    // One line: the CLI prints it as is, and values quoted into it may hold line breaks.
    const oneLine = message.replace(/\s*[\r\n]+\s*/g, ' ');
    super(where.file === undefined ? oneLine : `${where.file}: ${oneLine}`);
    this.name = 'TableReadError';
    this.issue = { kind, message: this.message, ...where, ...(params ? { params } : {}) };
  }

  /** The same error, naming the file (once). */
  inFile(file: string): TableReadError {
    if (this.issue.file !== undefined) return this;
    const { kind, row, column, params } = this.issue;
    return new TableReadError(kind, this.message, { row, column, file }, params);
  }
}

export interface ReadLimits {
  /** Largest file, bytes. Issue 3 names "a 300 MB file" as bad input. */
  readonly maxBytes: number;
  /** Longest cell, characters (a runaway quote or a pasted document, not a value). */
  readonly maxCellLength: number;
  /** Most data rows (after the header). */
  readonly maxRows: number;
  /** Workbooks: most bytes the zip may declare once inflated (the XML SheetJS must hold). */
  readonly maxUncompressedBytes: number;
  /** Workbooks: most inflated bytes per stored byte. Real sheets compress 5–30:1, deflate bombs ~1000:1. */
  readonly maxCompressionRatio: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxBytes: 256 * 1024 * 1024,
  maxCellLength: 100_000,
  // National scale is ~420 000 referrals a year; several years in one file still fit.
  maxRows: 5_000_000,
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxCompressionRatio: 100,
};

/** Excel's own sheet limit; a workbook cannot hold more, and SheetJS keeps every cell in memory. */
export const MAX_SHEET_ROWS = 1_048_576;

export interface ReadOptions extends Partial<ReadLimits> {
  /** CSV: the delimiter the user confirmed; skips detection. */
  readonly delimiter?: Delimiter;
  /** 1-based row number of the header. Default: the first row with a non-empty cell. */
  readonly headerRow?: number;
  /** Workbooks: sheet name or 0-based index. Default: the first sheet. */
  readonly sheet?: string | number;
  /** Stop after this many data rows (a preview); `truncated` says whether more followed. */
  readonly previewRows?: number;
  /** Text: read as this encoding instead of detecting it (a BOM still wins). */
  readonly encoding?: EncodingChoice;
}

export type TableSource =
  | {
      readonly format: 'csv';
      /** `null` when the caller passed text, not bytes. */
      readonly encoding: TextEncoding | null;
      readonly delimiter: Delimiter;
      /** Two delimiters split the file plausibly: ask the user (the CLI takes the most consistent). */
      readonly delimiterAmbiguous: boolean;
    }
  | {
      readonly format: 'workbook';
      readonly container: 'zip' | 'cfb' | 'markup';
      readonly sheet: string;
      readonly sheets: readonly string[];
    };

/** What was learnt about a file, without its rows (what a streaming read returns). */
export interface TableSummary {
  readonly headers: string[];
  readonly headerRow: number;
  readonly rowCount: number;
  readonly issues: TableIssue[];
  readonly source: TableSource;
  /** A preview stopped before the end of the file. */
  readonly truncated: boolean;
}

export interface Table extends TableSummary {
  /** Data rows, exactly as read: not padded or cut to the header's length (ragged rows are issues). */
  readonly rows: string[][];
  /** 1-based file row of each data row. */
  readonly rowNumbers: number[];
}

export function resolveLimits(options: ReadOptions = {}): ReadLimits {
  return {
    maxBytes: options.maxBytes ?? DEFAULT_LIMITS.maxBytes,
    maxCellLength: options.maxCellLength ?? DEFAULT_LIMITS.maxCellLength,
    maxRows: options.maxRows ?? DEFAULT_LIMITS.maxRows,
    maxUncompressedBytes: options.maxUncompressedBytes ?? DEFAULT_LIMITS.maxUncompressedBytes,
    maxCompressionRatio: options.maxCompressionRatio ?? DEFAULT_LIMITS.maxCompressionRatio,
  };
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Quotes a value for a message so that spaces and empty strings show. */
export function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

// A file with a million ragged rows must not carry a million issues.
const MAX_ISSUES_PER_KIND = 20;

/**
 * The rules CSV and workbooks share, fed one record at a time: the header row, blank rows,
 * ragged rows, duplicate headers and the row and cell caps. Rows wait in a batch until taken.
 */
export class TableBuilder {
  headers: string[] | null = null;
  headerRow = 0;
  rowCount = 0;
  /** A preview got its rows; the reader should stop. */
  done = false;
  truncated = false;
  private batch: string[][] = [];
  private batchNumbers: number[] = [];
  private readonly issues: TableIssue[] = [];
  private readonly issueCounts = new Map<TableIssueKind, number>();
  private skippedBefore = 0;
  private blankRows = 0;

  constructor(
    private readonly limits: Pick<ReadLimits, 'maxCellLength' | 'maxRows'>,
    private readonly options: Pick<ReadOptions, 'headerRow' | 'previewRows'> = {},
  ) {}

  report(issue: TableIssue & { kind: TableIssueKind }): void {
    const n = (this.issueCounts.get(issue.kind) ?? 0) + 1;
    this.issueCounts.set(issue.kind, n);
    if (n <= MAX_ISSUES_PER_KIND) this.issues.push(issue);
  }

  add(record: string[], row: number): void {
    if (this.done) return;
    for (let c = 0; c < record.length; c++) {
      const cell = record[c] as string;
      if (cell.length > this.limits.maxCellLength) {
        throw new TableReadError(
          'cell-too-long',
          `row ${row}, column ${c + 1} holds ${cell.length} characters; the limit is ${this.limits.maxCellLength} (a missing closing quote, or not a table of values?)`,
          { row, column: c + 1 },
          { length: cell.length, limit: this.limits.maxCellLength },
        );
      }
    }
    const blank = record.every((cell) => cell === '');
    if (this.headers === null) {
      const wanted = this.options.headerRow;
      // A line of spaces (or of `;` and spaces) above the table names no column: it is not
      // the header either, unless the user chose it.
      const empty = blank || record.every((cell) => cell.trim() === '');
      if (wanted === undefined ? empty : row < wanted) {
        this.skippedBefore++;
        return;
      }
      if (wanted !== undefined && blank) {
        throw new TableReadError('header-row', `row ${row}, chosen as the header, is empty`, {
          row,
        });
      }
      this.setHeaders(record, row);
      return;
    }
    // Excel writes rows of empty cells (`;;;`) for formatted but empty rows; a blank line is
    // no row at all. Neither carries a value.
    if (blank) {
      this.blankRows++;
      return;
    }
    if (this.options.previewRows !== undefined && this.rowCount >= this.options.previewRows) {
      this.done = true;
      this.truncated = true;
      return;
    }
    this.rowCount++;
    if (this.rowCount > this.limits.maxRows) {
      throw new TableReadError(
        'too-many-rows',
        `more than ${this.limits.maxRows} data rows (row ${row}); split the file or raise the limit`,
        { row },
        { limit: this.limits.maxRows },
      );
    }
    if (record.length !== this.headers.length) {
      this.report({
        kind: 'ragged-row',
        row,
        message: `row ${row} has ${record.length} cells; the header has ${this.headers.length}`,
        params: { cells: record.length, width: this.headers.length },
      });
    }
    this.batch.push(record);
    this.batchNumbers.push(row);
  }

  private setHeaders(headers: string[], row: number): void {
    this.headers = headers;
    this.headerRow = row;
    const seen = new Map<string, number[]>();
    headers.forEach((h, i) => {
      if (h.trim() === '') {
        this.report({
          kind: 'empty-header',
          row,
          column: i + 1,
          message: `column ${i + 1} has no header`,
        });
        return;
      }
      if (h !== h.trim()) {
        this.report({
          kind: 'odd-header',
          row,
          column: i + 1,
          message: `the header of column ${i + 1}, ${quoted(h)}, begins or ends with spaces`,
          params: { header: quoted(h) },
        });
      }
      const at = seen.get(h);
      if (at) at.push(i + 1);
      else seen.set(h, [i + 1]);
    });
    for (const [h, columns] of seen) {
      if (columns.length < 2) continue;
      this.report({
        kind: 'duplicate-header',
        row,
        column: columns[1],
        message: `the header ${quoted(h)} occurs ${columns.length} times (columns ${columns.join(', ')}); it is kept as it is`,
        params: { header: quoted(h), n: columns.length, columns: columns.join(', ') },
      });
    }
  }

  /** Takes the rows added since the last call. */
  take(): { rows: string[][]; rowNumbers: number[] } {
    const out = { rows: this.batch, rowNumbers: this.batchNumbers };
    this.batch = [];
    this.batchNumbers = [];
    return out;
  }

  /** The header and issues once all records were added. Refuses a file without any row. */
  finish(source: TableSource): TableSummary {
    if (this.headers === null) {
      const wanted = this.options.headerRow;
      throw wanted !== undefined && this.skippedBefore > 0
        ? new TableReadError(
            'header-row',
            `the file has no row ${wanted} to use as the header`,
            {},
            { variant: 'missing', headerRow: wanted },
          )
        : new TableReadError('empty', 'the file holds no table: no row has a value');
    }
    if (this.skippedBefore > 0) {
      this.report({
        kind: 'skipped-rows',
        row: 1,
        message: `${this.skippedBefore} row(s) before the header (row ${this.headerRow}) were skipped`,
        params: { variant: 'before', n: this.skippedBefore, headerRow: this.headerRow },
      });
    }
    if (this.blankRows > 0) {
      this.report({
        kind: 'skipped-rows',
        message: `${this.blankRows} empty row(s) were skipped`,
        params: { variant: 'blank', n: this.blankRows },
      });
    }
    for (const [kind, n] of this.issueCounts) {
      if (n > MAX_ISSUES_PER_KIND) {
        this.issues.push({
          kind: 'more-issues',
          message: `and ${n - MAX_ISSUES_PER_KIND} more of the kind ${kind}`,
          params: { n: n - MAX_ISSUES_PER_KIND, of: kind },
        });
      }
    }
    return {
      headers: this.headers,
      headerRow: this.headerRow,
      rowCount: this.rowCount,
      issues: this.issues,
      source,
      truncated: this.truncated,
    };
  }
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

const WORKBOOK_EXTENSIONS = new Set(['xlsx', 'xlsm', 'xls', 'xlsb', 'ods']);

function withName<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof TableReadError) throw e.inFile(name);
    throw e;
  }
}

function checkSize(byteLength: number, limits: ReadLimits): void {
  if (byteLength > limits.maxBytes) {
    throw new TableReadError(
      'too-large',
      `the file is ${megabytes(byteLength)}; Kodbok reads files up to ${megabytes(limits.maxBytes)}`,
      {},
      { sizeBytes: byteLength, maxBytes: limits.maxBytes },
    );
  }
}

/** The content decides (a workbook saved as `.csv` is still a workbook); the name only adds a warning. */
function pick(
  name: string,
  bytes: Uint8Array,
): { reader: 'csv' | 'workbook'; warning?: TableIssue } {
  const ext = extensionOf(name);
  const container = sniffContainer(bytes);
  // HTML and XML "Excel" files come from case-management systems that export web tables as .xls.
  const isWorkbook =
    container === 'zip' ||
    container === 'cfb' ||
    container === 'old-biff' ||
    (container === 'markup' && WORKBOOK_EXTENSIONS.has(ext));
  if (isWorkbook) {
    return WORKBOOK_EXTENSIONS.has(ext)
      ? { reader: 'workbook' }
      : {
          reader: 'workbook',
          warning: {
            kind: 'wrong-extension',
            message: `named .${ext} but is a workbook`,
            params: { variant: 'workbook', ext },
          },
        };
  }
  return WORKBOOK_EXTENSIONS.has(ext)
    ? {
        reader: 'csv',
        warning: {
          kind: 'wrong-extension',
          message: `named .${ext} but is delimited text`,
          params: { variant: 'text', ext },
        },
      }
    : { reader: 'csv' };
}

/**
 * Reads a whole file (.csv .tsv .txt, .xlsx .xls) into a table. Errors are TableReadErrors
 * whose message starts with the file name. Synchronous: run it in a worker for big files.
 */
export function readTableFile(name: string, bytes: Uint8Array, options: ReadOptions = {}): Table {
  return withName(name, () => {
    checkSize(bytes.byteLength, resolveLimits(options));
    const { reader, warning } = pick(name, bytes);
    const preferred = extensionOf(name) === 'tsv' ? '\t' : undefined;
    const table =
      reader === 'workbook' ? readSheet(bytes, options) : readCsv(bytes, options, preferred);
    if (warning) table.issues.unshift(warning);
    return table;
  });
}

export type TableStreamHandlers = CsvStreamHandlers;

/**
 * Reads a file row batch by row batch (big CSV: bounded memory, progress, cancel). A workbook
 * is parsed at once (SheetJS has no streaming reader) and then handed out in batches too,
 * so the import has one path.
 */
export async function streamTableFile(
  name: string,
  // A ZIP workbook may come with its parts inflated and checked already (zip-check.ts
  // inflateWorkbook): SheetJS then parses them without inflating them again.
  file: Uint8Array | ByteSource | InflatedWorkbook,
  options: ReadOptions,
  handlers: TableStreamHandlers,
): Promise<TableSummary> {
  try {
    const inflated = 'parts' in file ? file : undefined;
    const input = inflated ? inflated.bytes : (file as Uint8Array | ByteSource);
    const source = input instanceof Uint8Array ? memorySource(input) : input;
    checkSize(source.size, resolveLimits(options));
    // The start of the file tells a workbook from text (sniffContainer looks at ≤ 1 KiB).
    const { reader, warning } = pick(name, await source.read(0, 1024));
    let summary: TableSummary;
    if (reader === 'csv') {
      summary = await streamCsv(
        input,
        options,
        handlers,
        extensionOf(name) === 'tsv' ? '\t' : undefined,
      );
    } else {
      // SheetJS parses a workbook whole.
      const bytes = input instanceof Uint8Array ? input : await readAll(source);
      const table = readSheet(bytes, options, inflated);
      handlers.onHeaders?.(table.headers, table.headerRow);
      const step = 10_000;
      for (let i = 0; i < table.rows.length; i += step) {
        if (handlers.signal?.aborted)
          throw new TableReadError('cancelled', 'reading was cancelled');
        handlers.onRows(table.rows.slice(i, i + step), table.rowNumbers.slice(i, i + step));
      }
      handlers.onProgress?.({
        rows: table.rowCount,
        bytes: bytes.byteLength,
        totalBytes: bytes.byteLength,
      });
      const { rows: _rows, rowNumbers: _numbers, ...rest } = table;
      summary = rest;
    }
    if (warning) summary.issues.unshift(warning);
    return summary;
  } catch (e) {
    if (e instanceof TableReadError) throw e.inFile(name);
    throw e;
  }
}
