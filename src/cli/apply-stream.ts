// `kodbok apply`'s rows, streamed (issue 14 item 2): the input is read with the app's own
// chunked reader (io/table streamTableFile → Papa Parse in 1 MiB chunks), each batch of rows is
// coded and written out at once, and nothing holds the whole table or the whole output. Memory
// stays flat in the number of rows (only the distinct cells are kept, for the summary).
// The output goes to a temporary file first, so a refusal at row 4 000 000 still leaves
// nothing written (FORMATS.md), and is then renamed into place or copied to stdout.

import { MAX_TEXT_LENGTH } from '../core/limits';
import { formatCsvField, formatCsvRow } from '../io/csv-export';
import { readAll, type ByteSource } from '../io/source';
import { streamTableFile, type ReadOptions, type TableSummary } from '../io/table';
import { sniffContainer } from '../io/xlsx';
import { inflateWorkbook } from '../io/zip-check';
import type { InflatedWorkbook } from '../io/xlsx';
import { UsageError, type CliIo, type OutputSink } from './io';

/** For an io without streaming (the tests' in-memory one): collect, then write whole. */
function collectingSink(io: CliIo, out: string | undefined): OutputSink {
  let parts: string[] = [];
  return {
    write: (text) => void parts.push(text),
    async commit() {
      const text = parts.join('');
      parts = [];
      if (out === undefined) await io.stdout(text);
      else await io.writeFile(out, text);
    },
    async abort() {
      parts = [];
    },
  };
}

export function openSink(io: CliIo, out: string | undefined): Promise<OutputSink> {
  return io.openOutput
    ? io.openOutput(out, (text) => io.stdout(text))
    : Promise.resolve(collectingSink(io, out));
}

/**
 * The input as a source read chunk by chunk, or (an io without that) its bytes. A ZIP workbook
 * is parsed whole anyway: it is read whole here, and one whose parts lie about their sizes is
 * refused as damaged, not read as empty (issue 13).
 */
export async function openInput(
  io: CliIo,
  path: string,
  maxBytes: number,
): Promise<{ input: Uint8Array | ByteSource | InflatedWorkbook; close(): Promise<void> }> {
  if (!io.openInput) {
    const bytes = await io.readFile(path, maxBytes);
    // The parts inflated while their sizes are checked are the ones SheetJS parses.
    return { input: (await inflateWorkbook(bytes)) ?? bytes, close: async () => undefined };
  }
  const source = await io.openInput(path, maxBytes);
  try {
    if (sniffContainer(await source.read(0, 1024)) !== 'zip') {
      return { input: source, close: () => source.close() };
    }
    const bytes = await readAll(source);
    return { input: (await inflateWorkbook(bytes)) ?? bytes, close: () => source.close() };
  } catch (e) {
    await source.close();
    throw e;
  }
}

export interface ApplyRequest {
  readonly inputPath: string;
  readonly input: Uint8Array | ByteSource | InflatedWorkbook;
  readonly options: ReadOptions;
  /** Checks the header and returns the index of the column to code (throws UsageError). */
  readonly findColumn: (headers: readonly string[]) => number;
  readonly column: string;
  readonly codes: ReadonlyMap<string, string>;
  readonly split: (cell: string) => readonly string[];
  readonly sink: OutputSink;
}

export interface ApplyCounts {
  rows: number;
  full: number;
  partly: number;
  none: number;
  empty: number;
  padded: number;
  /** Each distinct non-empty cell: whether all its atoms have an approved code. */
  readonly cellCoded: Map<string, boolean>;
}

const CSV = { delimiter: ',', neutraliseFormulas: false } as const;

interface CellCoding {
  /** The cell and its approved codes (each once, in the order of the atoms, `|`-joined), as CSV fields. */
  readonly cellField: string;
  readonly codesField: string;
  readonly kind: 'full' | 'partly' | 'none' | 'empty';
}

/**
 * A multi-value cell gets the codes of its atoms that have an approved code; atoms without
 * one add nothing, and make the cell "partly coded".
 */
function codeCell(
  cell: string,
  split: (cell: string) => readonly string[],
  codes: ReadonlyMap<string, string>,
): CellCoding {
  const atoms = split(cell);
  const found: string[] = [];
  let coded = 0;
  for (const atom of atoms) {
    const code = codes.get(atom);
    if (code === undefined) continue;
    coded++;
    if (!found.includes(code)) found.push(code);
  }
  const kind =
    atoms.length === 0 ? 'empty' : coded === atoms.length ? 'full' : coded > 0 ? 'partly' : 'none';
  return {
    cellField: formatCsvField(cell, ','),
    codesField: formatCsvField(found.join('|'), ','),
    kind,
  };
}

/** Reads, codes and writes every row; returns what the reader found and the counts. */
export async function streamApply(
  req: ApplyRequest,
): Promise<{ summary: TableSummary; counts: ApplyCounts }> {
  const { inputPath, codes, split, sink } = req;
  const counts: ApplyCounts = {
    rows: 0,
    full: 0,
    partly: 0,
    none: 0,
    empty: 0,
    padded: 0,
    cellCoded: new Map(),
  };
  const cells = new Map<string, CellCoding>();
  let index = -1;
  let width = 0;
  const summary = await streamTableFile(inputPath, req.input, req.options, {
    onHeaders(headers) {
      index = req.findColumn(headers);
      width = headers.length;
      sink.write(formatCsvRow([...headers, `${req.column}_code`], CSV) + '\r\n');
    },
    onRows(rows, rowNumbers) {
      let text = '';
      for (let r = 0; r < rows.length; r++) {
        let row = rows[r] as string[];
        if (row.length > width) {
          if (row.slice(width).some((cell) => cell !== '')) {
            throw new UsageError(
              `apply: ${inputPath}: row ${rowNumbers[r]} has ${row.length} cells but the header has ${width}; fix the row first`,
            );
          }
          row = row.slice(0, width);
        } else if (row.length < width) {
          counts.padded++;
          row = [...row, ...new Array<string>(width - row.length).fill('')];
        }
        const cell = row[index] as string;
        // The same limit and words as the app's import (src/workers/import-session.ts).
        if (cell.length > MAX_TEXT_LENGTH) {
          throw new UsageError(
            `apply: ${inputPath}: row ${rowNumbers[r]}, column ${JSON.stringify(req.column)} holds ${cell.length} characters; a value has at most ${MAX_TEXT_LENGTH} (is the column a free-text note?)`,
          );
        }
        // A data set repeats its cells (a few hundred distinct cells in a million rows):
        // each is split, looked up and formatted once.
        let coding = cells.get(cell);
        if (coding === undefined) {
          coding = codeCell(cell, split, codes);
          cells.set(cell, coding);
        }
        counts[coding.kind]++;
        // The row as CSV (formatCsvRow, without neutralising: the file is for programs).
        for (let c = 0; c < width; c++) {
          if (c > 0) text += ',';
          text += c === index ? coding.cellField : formatCsvField(row[c] as string, ',');
        }
        text += `,${coding.codesField}\r\n`;
      }
      counts.rows += rows.length;
      if (text !== '') sink.write(text);
    },
  });
  for (const [cell, coding] of cells)
    if (coding.kind !== 'empty') counts.cellCoded.set(cell, coding.kind === 'full');
  return { summary, counts };
}
