// The export of recoded data (issue 11): a source file read again with the reader the import
// uses, then recoded. Runs in the import worker, so a big workbook never blocks the page and
// is stopped by the caller's time cap (RELIABILITY.md rule 5). Problems come back as values:
// a class does not survive the trip out of a worker. A file the reader refuses comes back as
// the import's ImportProblem (kind and parameters), so the dialog says it in the user's
// language as the import dialog does.

import {
  RecodeError,
  recodeTable,
  type RecodeSpec,
  type RecodedTable,
} from '../core/export/recode';
import { TableReadError, readTableFile } from '../io/table';
import { problemOf } from './import-inspect';
import type { ImportProblem } from './import-problem';

export type RecodeOutcome =
  | ({ readonly ok: true } & RecodedTable)
  | { readonly ok: false; readonly kind: 'read'; readonly problem: ImportProblem }
  | {
      readonly ok: false;
      readonly kind: RecodeError['kind'];
      /** The column, or for `long-row` the 1-based row of the file. */
      readonly at: string | number;
      readonly headers: readonly string[];
    };

export function recodeSource(name: string, bytes: Uint8Array, spec: RecodeSpec): RecodeOutcome {
  let table;
  try {
    table = readTableFile(name, bytes);
  } catch (e) {
    if (e instanceof TableReadError)
      return { ok: false, kind: 'read', problem: problemOf(name, e) };
    throw e;
  }
  try {
    return { ok: true, ...recodeTable(table.headers, table.rows, spec) };
  } catch (e) {
    if (!(e instanceof RecodeError)) throw e;
    const at = e.kind === 'long-row' ? (table.rowNumbers[Number(e.at)] ?? Number(e.at)) : e.at;
    return { ok: false, kind: e.kind, at, headers: table.headers };
  }
}

export type HeadersOutcome =
  | { readonly ok: true; readonly headers: string[] }
  | { readonly ok: false; readonly problem: ImportProblem };

/**
 * The header row, for the dialog's column choice; or, for a file the reader refuses, why (the
 * dialog says it as soon as the file is chosen, not only after the export is asked for).
 */
export function sourceHeaders(name: string, bytes: Uint8Array): HeadersOutcome {
  try {
    return { ok: true, headers: readTableFile(name, bytes).headers };
  } catch (e) {
    if (e instanceof TableReadError) return { ok: false, problem: problemOf(name, e) };
    throw e;
  }
}
