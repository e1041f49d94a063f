// Table → CSV text. Two audiences (RELIABILITY.md rule 7):
// - people opening the file in Excel: a cell starting with `=` `+` `-` `@`, tab, CR or NUL is
//   a formula to Excel (CSV injection), so such cells get a leading `'`; Swedish Excel wants
//   `;` and reads UTF-8 only with a BOM, so both are options;
// - programs (R, Stata, SPSS, Python, `kodbok apply`): the data must stay exact, so they turn
//   neutralisation off (`neutraliseFormulas: false`) and get plain UTF-8 with `,`.
// Papa's `unparse` has `escapeFormulae`, but its test (`/^[=+\-@\t\r].*$/`) fails on a value
// that also holds a line break (`.` does not match `\n`): `=1+1\nnote` would slip through.

export type CsvExportDelimiter = ',' | ';' | '\t';

export interface CsvExportOptions {
  /** Default `,`; `;` for Swedish Excel. */
  readonly delimiter?: CsvExportDelimiter;
  /** Start with a UTF-8 byte-order mark (U+FEFF), so Excel reads å ä ö right. Default false. */
  readonly bom?: boolean;
  /** Prefix formula triggers with `'`. Default true: off only for files meant for programs. */
  readonly neutraliseFormulas?: boolean;
  /** Default `\r\n` (RFC 4180, as Excel writes). Line breaks inside cells are kept as they are. */
  readonly newline?: '\r\n' | '\n';
}

// OWASP's list of characters that make a CSV cell a formula in Excel and other spreadsheets.
const FORMULA_TRIGGER = /^[=+\-@\t\r\0]/;

/** `=1+1` → `'=1+1`. Tests the first character only, so values with line breaks are caught too. */
export function neutraliseFormula(value: string): string {
  return FORMULA_TRIGGER.test(value) ? `'${value}` : value;
}

/**
 * Quotes a cell when a reader could misread it: it holds the delimiter, a quote or a line
 * break; it begins or ends with a space (some readers trim); or it begins with U+FEFF
 * (a decoder would take it for a byte-order mark).
 */
// One test per cell (`kodbok apply` formats millions of them): the delimiter, a quote, a line
// break, a space or U+FEFF first, a space last.
const NEEDS_QUOTES: Record<CsvExportDelimiter, RegExp> = {
  ',': /[,"\n\r]|^[\s\ufeff]|\s$/,
  ';': /[;"\n\r]|^[\s\ufeff]|\s$/,
  '\t': /[\t"\n\r]|^[\s\ufeff]|\s$/,
};

export function formatCsvField(value: string, delimiter: CsvExportDelimiter = ','): string {
  return NEEDS_QUOTES[delimiter].test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One row as a CSV line, without the line break. */
export function formatCsvRow(cells: readonly string[], options: CsvExportOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const neutralise = options.neutraliseFormulas ?? true;
  const line = cells
    .map((cell) => formatCsvField(neutralise ? neutraliseFormula(cell) : cell, delimiter))
    .join(delimiter);
  // A row of one empty cell would be a blank line, which readers skip: write it as `""`.
  return cells.length === 1 && line === '' ? '""' : line;
}

/**
 * Writes a table as CSV text (encode it with TextEncoder: UTF-8). Every line ends with the
 * newline, the last one too.
 */
export function writeCsv(
  headers: readonly string[],
  rows: Iterable<readonly string[]>,
  options: CsvExportOptions = {},
): string {
  const newline = options.newline ?? '\r\n';
  const lines: string[] = [formatCsvRow(headers, options)];
  for (const row of rows) lines.push(formatCsvRow(row, options));
  return (options.bom ? '\ufeff' : '') + lines.join(newline) + newline;
}
