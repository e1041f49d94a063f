// The limits every reader of Kodbok's files shares: the app's imports, `kodbok validate`,
// `apply` and `suggest` (documented in docs/formats.md, "Limits"). One place, so the app and
// the command line refuse the same things with the same words.

import { pointer, type FormatError } from './formats/result';

/**
 * Longest raw value, label, note or other text field, in characters (UTF-16 code units).
 * Real raw values are a few words (the longest in the dev sets is 41 characters); a
 * definition or a note is a paragraph. A 30 000 000-character value is not a value: it stalled
 * the app for minutes (issue 13), so it is refused where it is read.
 */
export const MAX_TEXT_LENGTH = 4000;

/** The message for a text over the limit, without its place. */
export function textTooLongMessage(length: number): string {
  return `is ${length} characters long; Kodbok reads values, labels and notes of up to ${MAX_TEXT_LENGTH} characters`;
}

/** A value for a message: a value near the limit must not make the message as long. */
export function shortText(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** A value quoted for a message (as JSON), shortened like shortText. */
export function shortQuote(text: string): string {
  return JSON.stringify(shortText(text));
}

/** A text field and where it is: a JSON pointer's keys. */
export type TextField = readonly [keys: ReadonlyArray<string | number>, text: string | undefined];

/** Errors for the fields longer than MAX_TEXT_LENGTH, at their JSON pointers. */
export function textLimitErrors(fields: Iterable<TextField>): FormatError[] {
  const errors: FormatError[] = [];
  for (const [keys, text] of fields) {
    if (text !== undefined && text.length > MAX_TEXT_LENGTH) {
      errors.push({
        path: pointer(...keys),
        code: 'text-too-long',
        params: { length: text.length, max: MAX_TEXT_LENGTH },
        message: textTooLongMessage(text.length),
      });
    }
  }
  return errors;
}

/**
 * A count read from a file is a whole number a JavaScript number holds exactly. `1e400` parses
 * as Infinity and a schema's `integer` lets it through; so does 1e300, which no count reaches.
 */
export function countError(
  keys: ReadonlyArray<string | number>,
  value: number | undefined,
): FormatError[] {
  if (value === undefined || (Number.isSafeInteger(value) && value >= 0)) return [];
  const finite = Number.isFinite(value);
  const found = finite ? String(value) : 'a number too large to hold (e.g. 1e400)';
  return [
    {
      path: pointer(...keys),
      code: 'bad-count',
      params: finite
        ? { max: Number.MAX_SAFE_INTEGER, found }
        : { max: Number.MAX_SAFE_INTEGER, variant: 'infinite' },
      message: `must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}; found ${found}`,
    },
  ];
}
