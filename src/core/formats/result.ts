// What every format reader returns: a value built from scratch, or errors a researcher can act on.
// Readers never throw for bad input: a hostile or broken file is an ordinary outcome.

/**
 * What kind of error a file holds, for a message in the user's language (src/ui/format-error.ts
 * has a template per code). The English `message` stays what the command line prints.
 */
export const FORMAT_ERROR_CODES = [
  // Reading the bytes and the JSON.
  'json-syntax',
  'not-utf8',
  'utf-16',
  'too-large',
  // The envelope `{format, formatVersion}`.
  'not-an-object',
  'format-missing',
  'format-other',
  'format-unknown',
  'version-missing',
  'version-newer',
  'version-wrong',
  // The JSON Schema: one code per validator keyword our schemas use.
  'required',
  'type',
  'const',
  'enum',
  'min-length',
  'minimum',
  'maximum',
  'min-items',
  'max-items',
  'unicode-key',
  'not-checked',
  // The limits every reader shares (src/core/limits.ts).
  'text-too-long',
  'bad-count',
  // Codebook rules.
  'code-empty',
  'duplicate-code',
  'parent-missing',
  'no-categories',
  'no-leaf',
  'cycle',
  // Mapping rules, and a mapping checked against a codebook.
  'duplicate-raw',
  'code-not-in-codebook',
  'code-is-group',
  // Profile rules.
  'duplicate-attributes',
  'whole-from-one',
  'not-finite',
  'endings-need-empty',
  // Backup rules (src/core/formats/backup-check.ts).
  'unknown-reference',
  'listed-twice',
  'value-twice',
  'needs-code',
  'group-of-variable',
  'not-category-of-variable',
  'history-unknown-value',
  'year-out-of-range',
  'years-exceed-rows',
  'frequency-mismatch',
  'version-twice',
  'version-not-listed',
  'no-sample',
  'not-in-sample',
] as const;
export type FormatErrorCode = (typeof FORMAT_ERROR_CODES)[number];

/** One problem in a file, located by a JSON pointer (RFC 6901) such as `/categories/3/parent`. */
export interface FormatError {
  /** JSON pointer to the failing value; `""` is the whole file. */
  readonly path: string;
  readonly message: string;
  /** 1-based position in the text, for syntax errors (and the line of a byte that is not UTF-8). */
  readonly line?: number;
  readonly column?: number;
  /** What kind of error, for a message in the user's language (absent: shown in English). */
  readonly code?: FormatErrorCode;
  /**
   * What the message says besides its place. Strings are shown as they are (a value quoted from
   * the file, a JSON pointer); numbers as numbers in the user's language, except places (`line`,
   * `column`, `number`, …) and sizes (`…Bytes`). Some name a word the UI says in its language:
   * `foundType` (a JSON type, jsonTypeOf), `types` (schema types joined by `,`), `format` and
   * `other` (a format id), `what` (a kind of record), `status`, and `variant` (another template).
   */
  readonly params?: Readonly<Record<string, string | number>>;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: string[] }
  | { readonly ok: false; readonly errors: FormatError[] };

export function success<T>(value: T, warnings: string[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function failure<T = never>(errors: FormatError[]): Result<T> {
  return { ok: false, errors };
}

/** Escapes one key for a JSON pointer (`~` → `~0`, `/` → `~1`). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins keys into a JSON pointer: `pointer('categories', 3, 'parent')` → `/categories/3/parent`. */
export function pointer(...keys: ReadonlyArray<string | number>): string {
  return keys.map((k) => '/' + pointerSegment(k)).join('');
}

/** The error at `prefix` + its place: a codebook inside a backup, an entry of a list. */
export function under(prefix: string, error: FormatError): FormatError {
  return { ...error, path: prefix + error.path };
}

/** One line per error, as the CLI prints them and the UI lists them. */
export function formatErrorLine(error: FormatError): string {
  return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}
