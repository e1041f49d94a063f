// The kinds of message reading a table gives, and their parameters: plain data with no imports,
// so the UI can name every kind in its language without bundling the readers (SheetJS).

/**
 * What a message says besides its place, as plain values (they cross from the worker as a
 * structured clone), so the UI can say it in the user's language (src/ui/import/describe-problem.ts);
 * the English `message` stays what the command line prints. `variant` picks one form of a kind's
 * message; a name ending in `Bytes` is a byte count (shown as MB). Raw values from the file are
 * kept as the message quotes them.
 */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Row numbers are 1-based rows of the file as a spreadsheet shows them: for CSV the record
 * number (a quoted cell may span lines; messages add the line where it differs), for a
 * workbook the sheet's row number. Columns are 1-based too.
 */
export interface TableIssue {
  readonly kind: TableIssueKind | TableErrorKind;
  readonly row?: number;
  readonly column?: number;
  readonly message: string;
  readonly params?: MessageParams;
}

/** Things worth telling the user that do not stop the import. */
export const TABLE_ISSUE_KINDS = [
  'duplicate-header',
  'empty-header',
  'odd-header',
  'ragged-row',
  'malformed-quote',
  'ambiguous-delimiter',
  'skipped-rows',
  'wrong-extension',
  /** A line of a UTF-8 file that was not UTF-8 (read as Windows-1252); `row` is its line. */
  'not-utf8',
  'more-issues',
] as const;
export type TableIssueKind = (typeof TABLE_ISSUE_KINDS)[number];

/** Why a file was refused. */
export const TABLE_ERROR_KINDS = [
  'empty',
  'binary',
  'encoding',
  'too-large',
  'too-many-rows',
  'cell-too-long',
  'unterminated-quote',
  'header-row',
  'encrypted',
  'corrupt',
  'zip-bomb',
  'not-a-table',
  'no-such-sheet',
  'old-format',
  'cancelled',
] as const;
export type TableErrorKind = (typeof TABLE_ERROR_KINDS)[number];
