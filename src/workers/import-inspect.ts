// Reading the start of a file in the import worker: encoding, delimiter, sheets, header and
// the first rows (io/ does the reading), and the refusals every step of an import shares.
// Every refusal is a value naming the file (and row): a structured clone of an Error loses its
// fields, and the UI shows these messages as they are.
import { MAX_TEXT_LENGTH } from '../core/limits';
import type { Delimiter } from '../io/csv';
import { inflateWorkbook } from '../io/zip-check';
import type { InflatedWorkbook } from '../io/xlsx';
import type { TextEncoding } from '../io/decode';
import {
  DEFAULT_LIMITS,
  TableReadError,
  megabytes,
  streamTableFile,
  type MessageParams,
  type TableIssue,
  type TableSummary,
} from '../io/table';
import type { ImportProblem, ImportProblemKind } from './import-problem';

export * from './import-problem';

/** The choices a user makes per file. */
export interface FileSettings {
  readonly delimiter?: Delimiter;
  readonly headerRow?: number;
  readonly sheet?: string;
}

/** What the dialog shows of a file before it is read in full. */
export interface FileInspection {
  readonly name: string;
  readonly size: number;
  readonly format: 'csv' | 'workbook';
  readonly encoding: TextEncoding | null;
  readonly delimiter: Delimiter | null;
  /** Two delimiters split the rows evenly: the user must confirm one. */
  readonly delimiterAmbiguous: boolean;
  readonly sheets: readonly string[];
  readonly sheet: string | null;
  readonly headers: readonly string[];
  readonly headerRow: number;
  /** The first data rows, exactly as read. */
  readonly preview: readonly (readonly string[])[];
  readonly previewRowNumbers: readonly number[];
  /** More rows follow the preview. */
  readonly truncated: boolean;
  readonly issues: readonly TableIssue[];
}

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: ImportProblem };

/**
 * Longest single cell of a mapped column, characters: a value, not a document. The limit every
 * reader shares (src/core/limits.ts), so the app refuses what `kodbok apply` refuses.
 */
export const MAX_VALUE_CHARS = MAX_TEXT_LENGTH;
const PREVIEW_ROWS = 20;

export class Refusal extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

export function refuse(
  file: string,
  kind: ImportProblemKind,
  message: string,
  where: { row?: number; column?: number } = {},
  params?: MessageParams,
): never {
  throw new Refusal({
    kind,
    file,
    message: `${file}: ${message}`,
    ...where,
    ...(params ? { params } : {}),
  });
}

export function problemOf(file: string, e: unknown): ImportProblem {
  if (e instanceof Refusal) return e.problem;
  if (e instanceof TableReadError) {
    const { kind, row, column, message, params } = e.inFile(file).issue;
    return {
      kind,
      file,
      message,
      ...(row === undefined ? {} : { row }),
      ...(column === undefined ? {} : { column }),
      ...(params === undefined ? {} : { params }),
    };
  }
  // A bug or an exhausted browser: still a message naming the file.
  const why = e instanceof Error ? e.message : String(e);
  return {
    kind: 'crashed',
    file,
    message: `${file}: the file could not be read (${why})`,
    params: { why },
  };
}

/** Refuses a row with more or fewer cells than the header. */
export function refuseRagged(file: string, row: number, cells: number, width: number): never {
  refuse(
    file,
    'ragged-row',
    `row ${row} has ${cells} cells but the header has ${width}: its values may sit in the wrong columns; correct the file (or save it again from Excel) and import it again`,
    { row },
    { cells, width },
  );
}

/** A file's bytes and, for a ZIP workbook, its parts inflated and checked. */
export interface FileBytes {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly inflated: InflatedWorkbook | null;
}

export async function bytesOf(file: Blob, name: string): Promise<FileBytes> {
  // Refuse before reading: a 300 MB file must not be loaded to be told it is too big.
  if (file.size > DEFAULT_LIMITS.maxBytes) {
    refuse(
      name,
      'too-large',
      `the file is ${megabytes(file.size)}; Kodbok reads files up to ${megabytes(DEFAULT_LIMITS.maxBytes)} (split it, or save only the columns you need)`,
      {},
      { variant: 'split', sizeBytes: file.size, maxBytes: DEFAULT_LIMITS.maxBytes },
    );
  }
  if (file.size === 0) refuse(name, 'empty', 'the file is empty', {}, { variant: 'zero' });
  const bytes = new Uint8Array(await file.arrayBuffer());
  // A workbook whose parts lie about their sizes is damaged, not "empty" (issue 13); the parts
  // inflated while checking are the ones SheetJS parses.
  return { bytes, inflated: await inflateWorkbook(bytes) };
}

export function sourceFields(summary: TableSummary) {
  const s = summary.source;
  return s.format === 'csv'
    ? {
        format: 'csv' as const,
        encoding: s.encoding,
        delimiter: s.delimiter,
        delimiterAmbiguous: s.delimiterAmbiguous,
        sheets: [] as readonly string[],
        sheet: null,
      }
    : {
        format: 'workbook' as const,
        encoding: null,
        delimiter: null,
        delimiterAmbiguous: false,
        sheets: s.sheets,
        sheet: s.sheet,
      };
}

/** Reads the start of a file: encoding, delimiter, sheets, header and the first rows. */
export async function inspectFile(
  file: Blob,
  name: string,
  settings: FileSettings = {},
): Promise<Outcome<FileInspection>> {
  try {
    const { bytes, inflated } = await bytesOf(file, name);
    const preview: string[][] = [];
    const previewRowNumbers: number[] = [];
    const summary = await streamTableFile(
      name,
      inflated ?? bytes,
      { ...settings, previewRows: PREVIEW_ROWS },
      {
        onRows(rows, numbers) {
          preview.push(...rows);
          previewRowNumbers.push(...numbers);
        },
      },
    );
    // Ragged rows are refused when the file is read; say so as soon as the preview shows one.
    const ragged = summary.issues.find((x) => x.kind === 'ragged-row');
    if (ragged?.row !== undefined)
      refuseRagged(
        name,
        ragged.row,
        preview[previewRowNumbers.indexOf(ragged.row)]?.length ?? 0,
        summary.headers.length,
      );
    const { delimiterAmbiguous, ...source } = sourceFields(summary);
    return {
      ok: true,
      value: {
        name,
        size: file.size,
        ...source,
        // A delimiter the user chose is confirmed.
        delimiterAmbiguous: settings.delimiter === undefined && delimiterAmbiguous,
        headers: summary.headers,
        headerRow: summary.headerRow,
        preview,
        previewRowNumbers,
        truncated: summary.truncated,
        issues: summary.issues,
      },
    };
  } catch (e) {
    return { ok: false, problem: problemOf(name, e) };
  }
}
