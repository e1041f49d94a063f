// Delimited text → table, with Papa Parse's core parser. What we add, and why (RELIABILITY.md):
// - our own delimiter detection: Papa's guess picks `,` even for `a;b\n1;2\n`, and Swedish
//   Excel writes `;`;
// - rows stay string arrays (no `header: true`): Papa renames duplicate headers silently and
//   a header `__proto__` would vanish from a row object; no dynamicTyping (`007` stays `007`);
// - an unterminated quote (Papa: one `MissingQuotes` error, the rest of the file in one cell)
//   is refused with its row and line;
// - our own chunk loop around `Papa.Parser`, so one code path serves a preview, a whole file
//   and a big file streamed with progress and cancel, in a Worker or in Node.

import Papa from 'papaparse';
import {
  checkDecodedSample,
  createDecoder,
  decodeText,
  detectEncoding,
  type BadLine,
  detectSourceEncoding,
  type TextEncoding,
} from './decode';
import { InvalidText, invalidTextRefusal } from './invalid-text';
import { chunksOf, memorySource, type ByteSource } from './source';
import {
  TableBuilder,
  TableReadError,
  megabytes,
  quoted,
  resolveLimits,
  type MessageParams,
  type ReadLimits,
  type ReadOptions,
  type Table,
  type TableSource,
  type TableSummary,
} from './table';

export type Delimiter = ',' | ';' | '\t';
type Newline = '\r\n' | '\n' | '\r';

/** When two delimiters tie, the one a Swedish file most likely uses: values hold commas
 * (free text, decimal commas) far more often than semicolons, and tabs almost never. */
const PREFERENCE: readonly Delimiter[] = ['\t', ';', ','];

export interface DelimiterCandidate {
  readonly delimiter: Delimiter;
  /** The most common number of cells per row with this delimiter. */
  readonly columns: number;
  /** Share of the sampled rows that have exactly `columns` cells, 0–1. */
  readonly consistency: number;
  /** Cells of the first non-blank row (usually the header). */
  readonly firstColumns: number;
}

export interface DelimiterGuess {
  readonly delimiter: Delimiter;
  /** Two or more delimiters split the sample plausibly: the user must confirm. */
  readonly ambiguous: boolean;
  readonly candidates: readonly DelimiterCandidate[];
}

// A delimiter is plausible when it splits rows into 2+ cells, the same number in most rows.
const PLAUSIBLE_CONSISTENCY = 0.8;
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_ROWS = 50;
const CHUNK = 1024 * 1024;
// Between yields to the event loop while streaming, ms: cancel and progress stay responsive.
const YIELD_EVERY_MS = 50;

function detectNewline(sample: string): Newline {
  let inQuotes = false;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes && (c === 10 || c === 13)) {
      return c === 10 ? '\n' : sample.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
    }
  }
  // Every line break is inside quotes (or a stray quote misled us): take the first one.
  const n = sample.indexOf('\n');
  const r = sample.indexOf('\r');
  if (r >= 0 && (n < 0 || r < n)) return sample.charCodeAt(r + 1) === 10 ? '\r\n' : '\r';
  return '\n';
}

/**
 * Counts the cells each candidate delimiter gives the first rows, with quotes respected (Papa
 * parses the sample once per candidate), and picks the most consistent.
 */
export function detectDelimiter(text: string, preferred?: Delimiter): DelimiterGuess {
  const truncated = text.length > SAMPLE_CHARS;
  const sample = text.slice(0, SAMPLE_CHARS);
  const newline = detectNewline(sample);
  const order = preferred ? [preferred, ...PREFERENCE.filter((d) => d !== preferred)] : PREFERENCE;
  const candidates = order.map((delimiter): DelimiterCandidate => {
    const { data } = Papa.parse<string[]>(sample, { delimiter, newline, preview: SAMPLE_ROWS + 1 });
    // Blank lines (also lines of spaces) say nothing; rows of empty cells (`;;;`) do: they
    // hold the delimiter.
    let rows = data.filter((row) => !(row.length === 1 && (row[0] as string).trim() === ''));
    // The sample may cut the last row in two.
    if (truncated || data.length > SAMPLE_ROWS) rows = rows.slice(0, -1);
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    let columns = 1;
    let most = 0;
    for (const [n, c] of counts) {
      if (c > most || (c === most && n > columns)) [columns, most] = [n, c];
    }
    const firstColumns = rows[0]?.length ?? 0;
    return {
      delimiter,
      columns,
      consistency: rows.length === 0 ? 0 : most / rows.length,
      firstColumns,
    };
  });
  // A delimiter counts if it splits most rows alike, or at least splits the first row (the
  // header of a ragged file). A one-column list whose values hold a few `;` or `,` is neither.
  const score = (c: DelimiterCandidate): number =>
    c.columns >= 2 && (c.consistency >= PLAUSIBLE_CONSISTENCY || c.firstColumns >= 2)
      ? c.consistency
      : 0;
  // Stable sort: ties keep the preference order.
  const ranked = [...candidates].sort((a, b) => score(b) - score(a));
  const best = ranked[0] as DelimiterCandidate;
  const plausible = candidates.filter(
    (c) => c.columns >= 2 && c.consistency >= PLAUSIBLE_CONSISTENCY,
  );
  return { delimiter: best.delimiter, ambiguous: plausible.length >= 2, candidates };
}

export interface ReadProgress {
  readonly rows: number;
  /** Bytes of the file read so far (decoded and parsed). */
  readonly bytes: number;
  readonly totalBytes: number;
}

export interface CsvStreamHandlers {
  /** Once, when the header row is known, before any rows. */
  onHeaders?(headers: readonly string[], headerRow: number): void;
  /** Data rows in file order, in batches; `rowNumbers[i]` is the 1-based file row of `rows[i]`. */
  onRows(rows: string[][], rowNumbers: number[]): void;
  onProgress?(progress: ReadProgress): void;
  /** Aborting rejects the read with a TableReadError of kind `cancelled` at the next chunk. */
  signal?: AbortSignal;
  /** Bytes per chunk; default 1 MiB (tests use tiny chunks to cross every boundary). */
  chunkBytes?: number;
}

/** Feeds text in chunks to Papa's parser; complete records go to the builder. */
class CsvChunks {
  private partial = '';
  private records = 0;
  private lines = 0;
  private readonly lineChar: string;

  constructor(
    private readonly delimiter: Delimiter,
    private readonly newline: Newline,
    private readonly builder: TableBuilder,
    private readonly limits: ReadLimits,
    private readonly columns: number,
  ) {
    this.lineChar = newline === '\r' ? '\r' : '\n';
  }

  private parse(input: string, last: boolean): Papa.ParseResult<string[]> {
    const parser = new Papa.Parser({
      delimiter: this.delimiter,
      newline: this.newline,
      quoteChar: '"',
    });
    return parser.parse(input, 0, !last) as Papa.ParseResult<string[]>;
  }

  private countLines(text: string, end: number): number {
    let n = 0;
    for (
      let i = text.indexOf(this.lineChar);
      i >= 0 && i < end;
      i = text.indexOf(this.lineChar, i + 1)
    )
      n++;
    return n;
  }

  private where(
    input: string,
    recordIndex: number,
    index: number,
  ): { row: number; text: string; params: MessageParams } {
    const row = this.records + recordIndex + 1;
    const line = this.lines + this.countLines(input, index) + 1;
    return line === row
      ? { row, text: `row ${row}`, params: {} }
      : { row, text: `row ${row} (line ${line})`, params: { variant: 'line', line } };
  }

  private unterminated(input: string, error: Papa.ParseError): never {
    const at = this.where(input, error.row ?? 0, error.index ?? 0);
    throw new TableReadError(
      'unterminated-quote',
      `${at.text}: a quoted cell is never closed, so the rest of the file would become one cell; check the quote marks on that row`,
      { row: at.row },
      at.params,
    );
  }

  feed(text: string, last: boolean): void {
    const input = this.partial + text;
    const result = this.parse(input, last);
    for (const error of result.errors) {
      if (error.code === 'MissingQuotes') this.unterminated(input, error);
      // A quote inside a quoted cell that is not doubled: Papa keeps it; the user should look.
      if (error.code === 'InvalidQuotes' && (error.row ?? 0) < result.data.length) {
        const at = this.where(input, error.row ?? 0, error.index ?? 0);
        this.builder.report({
          kind: 'malformed-quote',
          row: at.row,
          message: `${at.text}: a quote mark inside a quoted cell is not doubled; check how that cell was read`,
          params: at.params,
        });
      }
    }
    const cursor = last ? input.length : result.meta.cursor;
    // The line break that ends the file leaves Papa one more, empty record: not a row.
    const tail = result.data[result.data.length - 1];
    const count =
      last && tail?.length === 1 && tail[0] === '' ? result.data.length - 1 : result.data.length;
    for (let i = 0; i < count && !this.builder.done; i++) {
      this.builder.add(result.data[i] as string[], this.records + i + 1);
    }
    this.partial = last ? '' : input.slice(cursor);
    this.lines += this.countLines(input, cursor);
    this.records += result.data.length;
    if (!last) this.guardRunaway();
  }

  /**
   * An open quote makes Papa keep everything after it as one unfinished row, re-read with
   * every chunk: stop as soon as that row is longer than any row the caps allow.
   */
  private guardRunaway(): void {
    const allowed =
      this.limits.maxCellLength * Math.max(this.columns, this.builder.headers?.length ?? 1) + 1024;
    if (this.partial.length <= allowed) return;
    const result = this.parse(this.partial, true);
    const missing = result.errors.find((e) => e.code === 'MissingQuotes');
    if (missing) this.unterminated(this.partial, missing);
    const row = this.records + 1;
    throw new TableReadError(
      'cell-too-long',
      `row ${row} is longer than ${allowed} characters without a line break`,
      { row },
      { variant: 'no-break', limit: allowed },
    );
  }
}

export interface CsvReadOptions extends ReadOptions {
  /** Wins ties in delimiter detection (`.tsv` files prefer tab). */
  readonly preferredDelimiter?: Delimiter;
  /** Characters per chunk; default 1 Mi (tests use tiny chunks). */
  readonly chunkChars?: number;
}

function setUp(sample: string, options: ReadOptions, preferred: Delimiter | undefined) {
  const limits = resolveLimits(options);
  const guess = options.delimiter
    ? { delimiter: options.delimiter, ambiguous: false, columns: 1 }
    : (() => {
        const g = detectDelimiter(sample, preferred);
        const columns = g.candidates.find((c) => c.delimiter === g.delimiter)?.columns ?? 1;
        return { delimiter: g.delimiter, ambiguous: g.ambiguous, columns };
      })();
  const builder = new TableBuilder(limits, options);
  const chunks = new CsvChunks(
    guess.delimiter,
    detectNewline(sample.slice(0, SAMPLE_CHARS)),
    builder,
    limits,
    guess.columns,
  );
  return { limits, guess, builder, chunks };
}

function summarise(
  builder: TableBuilder,
  guess: { delimiter: Delimiter; ambiguous: boolean },
  encoding: TextEncoding | null,
): TableSummary {
  const source: TableSource = {
    format: 'csv',
    encoding,
    delimiter: guess.delimiter,
    delimiterAmbiguous: guess.ambiguous,
  };
  const summary = builder.finish(source);
  if (guess.ambiguous) {
    summary.issues.unshift({
      kind: 'ambiguous-delimiter',
      message: `more than one delimiter splits the rows evenly; ${JSON.stringify(guess.delimiter)} was used: confirm it`,
      params: { delimiter: guess.delimiter },
    });
  }
  return summary;
}

/** Parses delimited text that is already decoded (a preview, a pasted table, a test). */
export function parseCsv(
  text: string,
  options: CsvReadOptions = {},
  encoding: TextEncoding | null = null,
  badLines: readonly BadLine[] = [],
): Table {
  const { guess, builder, chunks } = setUp(
    text.slice(0, SAMPLE_CHARS + 1),
    options,
    options.preferredDelimiter,
  );
  for (const bad of badLines) reportBadLine(builder, bad.line, bad.text);
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const size = options.chunkChars ?? CHUNK;
  for (let i = 0; i < text.length || i === 0; i += size) {
    chunks.feed(text.slice(i, i + size), i + size >= text.length);
    const batch = builder.take();
    for (let j = 0; j < batch.rows.length; j++) {
      rows.push(batch.rows[j] as string[]);
      rowNumbers.push(batch.rowNumbers[j] as number);
    }
    if (builder.done) break;
  }
  return { ...summarise(builder, guess, encoding), rows, rowNumbers };
}

function checkBytes(byteLength: number, limits: ReadLimits): void {
  if (byteLength > limits.maxBytes) {
    throw new TableReadError(
      'too-large',
      `the file is ${megabytes(byteLength)}; the limit is ${megabytes(limits.maxBytes)}`,
      {},
      { sizeBytes: byteLength, maxBytes: limits.maxBytes },
    );
  }
}

/** Decodes (BOM, UTF-8, Windows-1252) and parses a whole file. For big files use `streamCsv`. */
export function readCsv(
  bytes: Uint8Array,
  options: ReadOptions = {},
  preferred?: Delimiter,
): Table {
  checkBytes(bytes.byteLength, resolveLimits(options));
  const { text, encoding, badLines } = decodeText(bytes, options.encoding);
  return parseCsv(text, { ...options, preferredDelimiter: preferred }, encoding, badLines);
}

/** A line of a UTF-8 file that was not UTF-8: named, with the text it was read as. */
function reportBadLine(builder: TableBuilder, line: number, text: string): void {
  builder.report({
    kind: 'not-utf8',
    row: line,
    message: `line ${line} holds bytes that are not UTF-8 and was read as Windows-1252: ${quoted(text)}; check it`,
    params: { line, text: quoted(text) },
  });
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Reads a big file in chunks: the bytes are decoded slice by slice (never one huge string),
 * rows are handed out in batches, progress is reported, and the loop yields to the event loop
 * so a cancel message (AbortSignal) gets through. The bytes may be in memory or a source read
 * chunk by chunk from disk (the command line), so memory stays flat in the number of rows.
 */
export async function streamCsv(
  input: Uint8Array | ByteSource,
  options: ReadOptions,
  handlers: CsvStreamHandlers,
  preferred?: Delimiter,
): Promise<TableSummary> {
  const inMemory = input instanceof Uint8Array;
  const source = inMemory ? memorySource(input) : input;
  checkBytes(source.size, resolveLimits(options));
  const size = Math.max(4, handlers.chunkBytes ?? CHUNK);
  const { encoding, bomLength, mixed } = inMemory
    ? detectEncoding(input, options.encoding)
    : await detectSourceEncoding(source, size, options.encoding);
  const bodyLength = source.size - bomLength;
  const ignoreBadLines = mixed ? { onBadLine: () => undefined } : undefined;
  // A broken character in the sample is refused as one further on is (not as a crash).
  const refusal = (e: unknown): unknown =>
    e instanceof InvalidText ? invalidTextRefusal(e, encoding, bomLength) : e;
  let sample: string;
  try {
    sample = createDecoder(encoding, ignoreBadLines).decode(
      await source.read(bomLength, SAMPLE_CHARS * 2),
      { stream: true },
    );
  } catch (e) {
    throw refusal(e);
  }
  if (encoding === 'utf-16le' || encoding === 'utf-16be') checkDecodedSample(sample);
  const { guess, builder, chunks } = setUp(sample, options, preferred);
  const decoder = createDecoder(
    encoding,
    mixed ? { onBadLine: (line, text) => reportBadLine(builder, line, text) } : undefined,
  );
  let headersSent = false;
  let lastYield = performance.now();
  const cancelled = () => new TableReadError('cancelled', 'reading was cancelled');
  // An empty body is still fed once (as the last chunk), as before.
  const pieces = bodyLength > 0 ? chunksOf(source, bomLength, size) : [new Uint8Array(0)];
  let i = 0;
  for await (const piece of pieces) {
    if (handlers.signal?.aborted) throw cancelled();
    const last = i + piece.length >= bodyLength;
    let text: string;
    try {
      text = decoder.decode(piece, { stream: !last });
    } catch (e) {
      throw refusal(e);
    }
    i += piece.length;
    chunks.feed(text, last);
    if (!headersSent && builder.headers) {
      headersSent = true;
      handlers.onHeaders?.(builder.headers, builder.headerRow);
    }
    const batch = builder.take();
    if (batch.rows.length > 0) handlers.onRows(batch.rows, batch.rowNumbers);
    if (builder.done) break;
    if (performance.now() - lastYield >= YIELD_EVERY_MS) {
      handlers.onProgress?.({
        rows: builder.rowCount,
        bytes: bomLength + i,
        totalBytes: source.size,
      });
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  if (handlers.signal?.aborted) throw cancelled();
  const summary = summarise(builder, guess, encoding);
  if (!headersSent) handlers.onHeaders?.(summary.headers, summary.headerRow);
  handlers.onProgress?.({
    rows: builder.rowCount,
    bytes: source.size,
    totalBytes: source.size,
  });
  return summary;
}
