// What every format reader returns: a value built from scratch, or errors a researcher can act on.
// Readers never throw for bad input: a hostile or broken file is an ordinary outcome.

/**
 * The errors of reading a file that have a message in the user's language (src/ui/format-error.ts);
 * schema and rule errors have none yet and are shown in English.
 */
export const FORMAT_ERROR_CODES = ['json-syntax', 'not-utf8', 'utf-16', 'too-large'] as const;
export type FormatErrorCode = (typeof FORMAT_ERROR_CODES)[number];

/** One problem in a file, located by a JSON pointer (RFC 6901) such as `/categories/3/parent`. */
export interface FormatError {
  /** JSON pointer to the failing value; `""` is the whole file. */
  readonly path: string;
  readonly message: string;
  /** 1-based position in the text, for syntax errors (and the line of a byte that is not UTF-8). */
  readonly line?: number;
  readonly column?: number;
  /** What kind of error, for a message in the user's language: absent for schema and rule errors. */
  readonly code?: FormatErrorCode;
  /** What the message says besides its place (`too-large`: `sizeBytes`, `maxBytes`). */
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

/** One line per error, as the CLI prints them and the UI lists them. */
export function formatErrorLine(error: FormatError): string {
  return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}
