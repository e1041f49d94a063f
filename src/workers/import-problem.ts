// Why an import refuses a file, as a plain value (posted from the import worker as it is). No
// imports but types: the UI names every kind in its language without bundling the readers.
import type { MessageParams, TableIssue } from '../io/table-kinds';

/** Why an import refuses a file beyond what reading it says (a ragged row is refused here). */
export const IMPORT_PROBLEM_KINDS = [
  'ragged-row',
  'value-too-long',
  'bad-count',
  'header-changed',
  'mapping',
  'timeout',
  'crashed',
] as const;

export type ImportProblemKind = TableIssue['kind'] | (typeof IMPORT_PROBLEM_KINDS)[number];

/** Why a file cannot be imported: which file, which row, what to do. */
export interface ImportProblem {
  readonly kind: ImportProblemKind;
  readonly file: string;
  readonly row?: number;
  readonly column?: number;
  /** Starts with the file name. */
  readonly message: string;
  /** What the message says besides its place, for the UI's language (see MessageParams). */
  readonly params?: MessageParams;
}
