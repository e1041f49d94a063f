// Safe reading of untrusted JSON text (imports, CLI arguments). The parsed value is only ever
// inspected and copied field by field: JSON.parse keeps `__proto__` as an own key, and spreading
// or Object.assign-ing such an object would set a prototype (prototype pollution).

import { failure, success, type FormatError, type Result } from './result';

/** Largest JSON file we read, in bytes (and in characters for text). A codebook is kilobytes;
 * a mapping of tens of thousands of values a few MB. Beyond this the tab would stall. */
export const MAX_JSON_SIZE = 50 * 1024 * 1024;

/** A JSON object as JSON.parse returns it. Read it with `Object.hasOwn`, never copy it whole. */
export type JsonRecord = { readonly [key: string]: unknown };

export function isJsonRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own field of a parsed object: `constructor` or `toString` must not come from the prototype. */
export function ownField(record: JsonRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The JSON type of a value as a code, for a message in the user's language (`integer`, `true`). */
export const JSON_TYPES = [
  'null',
  'array',
  'string',
  'integer',
  'number',
  'true',
  'false',
  'object',
  'nothing',
] as const;
export type JsonType = (typeof JSON_TYPES)[number];

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return 'object';
    default:
      return 'nothing';
  }
}

/** A JSON type in words for messages (jsonTypeOf's, as the command line has always said them). */
const TYPE_WORDS: Readonly<Record<JsonType, string>> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  null: 'null',
  array: 'an array',
  true: 'true',
  false: 'false',
  object: 'an object',
  nothing: 'nothing',
};

/** The JSON type of a value, in words for messages: `a string`, `null`, `an array`. */
export function describeJsonType(value: unknown): string {
  return TYPE_WORDS[jsonTypeOf(value)];
}

function megabytes(n: number): string {
  return (n / (1024 * 1024)).toFixed(1);
}

function tooLarge(size: number, max: number): FormatError {
  return {
    path: '',
    code: 'too-large',
    params: { sizeBytes: size, maxBytes: max },
    message: `the file is ${megabytes(size)} MB; Kodbok reads JSON files up to ${megabytes(max)} MB`,
  };
}

/**
 * Parses JSON text of at most `maxSize` characters. A leading BOM is dropped (Windows editors
 * write one); errors carry line and column.
 */
export function parseJson(text: string, maxSize = MAX_JSON_SIZE): Result<unknown> {
  if (text.length > maxSize) return failure([tooLarge(text.length, maxSize)]);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return success(JSON.parse(body) as unknown);
  } catch (e) {
    // Engines word (and locate) syntax errors differently; our own scan gives the same
    // line and column everywhere. It runs only on text JSON.parse already refused.
    const found = locateJsonSyntaxError(body);
    const { line, column } = found ? lineAndColumn(body, found.offset) : { line: 1, column: 1 };
    const reason = found?.reason ?? (e instanceof Error ? e.message : String(e));
    return failure([
      {
        path: '',
        line,
        column,
        code: 'json-syntax',
        message: `not valid JSON at line ${line}, column ${column}: ${reason}`,
      },
    ]);
  }
}

/** Decodes and parses a JSON file's bytes. JSON files are UTF-8 (RFC 8259); anything else is refused. */
export function parseJsonBytes(bytes: Uint8Array): Result<unknown> {
  if (bytes.byteLength > MAX_JSON_SIZE) return failure([tooLarge(bytes.byteLength, MAX_JSON_SIZE)]);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return failure([
      {
        path: '',
        code: 'utf-16',
        message: 'the file is saved as UTF-16; save it as UTF-8 and try again',
      },
    ]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Where: a lenient decoder puts U+FFFD at the first byte that is not UTF-8.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const { line } = lineAndColumn(lenient, lenient.indexOf('\ufffd'));
    return failure([
      {
        path: '',
        line,
        code: 'not-utf8',
        message: `the file is not UTF-8 text: line ${line} holds a byte that is not UTF-8 (perhaps the file is Windows-1252); save it as UTF-8 and try again`,
      },
    ]);
  }
  return parseJson(text);
}

/** Decodes and parses a file's bytes, then runs a format's restore step on the result. */
export function restoreJsonBytes<T>(
  bytes: Uint8Array,
  restore: (data: unknown) => Result<T>,
): Result<T> {
  const parsed = parseJsonBytes(bytes);
  return parsed.ok ? restore(parsed.value) : parsed;
}

/** 1-based line and column (in UTF-16 code units) of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

type Expect =
  'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

function describeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f
    ? `control character U+${code.toString(16).padStart(4, '0')}`
    : `'${c}'`;
}

/**
 * Finds where JSON text first breaks the grammar and why, in words a researcher understands
 * ("trailing comma", "unterminated string"). Iterative: hostile nesting cannot overflow the stack.
 */
export function locateJsonSyntaxError(text: string): { offset: number; reason: string } | null {
  const stack: Array<'{' | '['> = [];
  let expect: Expect = 'value';
  let i = 0;
  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'comma-or-close');
  const scanString = (start: number): number | { offset: number; reason: string } => {
    for (let j = start + 1; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 34) return j + 1; // closing "
      if (c < 0x20)
        return {
          offset: j,
          reason: 'a line break or control character inside a string (write it as \\n)',
        };
      if (c === 92) {
        const e = text[j + 1];
        if (e === 'u') {
          if (!HEX4.test(text.slice(j + 2, j + 6)))
            return { offset: j, reason: 'invalid \\u escape in a string' };
          j += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          j += 1;
        } else {
          return {
            offset: j,
            reason: 'invalid escape in a string (a lone backslash? write it as \\\\)',
          };
        }
      }
    }
    return { offset: start, reason: 'unterminated string (a missing closing ")' };
  };

  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
    const c = text[i];
    if (c === undefined) {
      if (expect === 'end') return null;
      const open = stack.at(-1);
      const unclosed =
        open === '{'
          ? ' (an object { is not closed)'
          : open === '['
            ? ' (an array [ is not closed)'
            : '';
      return { offset: i, reason: `unexpected end of the file${unclosed}` };
    }
    switch (expect) {
      case 'end':
        return {
          offset: i,
          reason: `unexpected ${describeChar(c)} after the end of the JSON data`,
        };
      case 'value':
      case 'value-or-close': {
        if (c === ']' && expect === 'value-or-close') {
          stack.pop();
          i++;
          expect = afterValue();
        } else if (c === '{' || c === '[') {
          stack.push(c);
          i++;
          expect = c === '{' ? 'key-or-close' : 'value-or-close';
        } else if (c === '"') {
          const end = scanString(i);
          if (typeof end !== 'number') return end;
          i = end;
          expect = afterValue();
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          NUMBER.lastIndex = i;
          const m = NUMBER.exec(text);
          if (!m) return { offset: i, reason: 'invalid number' };
          i += m[0].length;
          expect = afterValue();
        } else {
          const literal = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
          if (literal === undefined) {
            if (c === ']' || c === '}')
              return { offset: i, reason: `a trailing comma before '${c}' (or a missing value)` };
            return {
              offset: i,
              reason: `unexpected ${describeChar(c)}; expected a value (text needs "double quotes")`,
            };
          }
          i += literal.length;
          expect = afterValue();
        }
        break;
      }
      case 'key':
      case 'key-or-close':
        if (c === '}' && expect === 'key-or-close') {
          stack.pop();
          i++;
          expect = afterValue();
        } else if (c === '"') {
          const end = scanString(i);
          if (typeof end !== 'number') return end;
          i = end;
          expect = 'colon';
        } else if (c === '}') {
          return { offset: i, reason: "a trailing comma before '}'" };
        } else {
          return {
            offset: i,
            reason: `unexpected ${describeChar(c)}; expected a property name in "double quotes"`,
          };
        }
        break;
      case 'colon':
        if (c !== ':')
          return {
            offset: i,
            reason: `unexpected ${describeChar(c)}; expected ':' after a property name`,
          };
        i++;
        expect = 'value';
        break;
      case 'comma-or-close': {
        const close = stack.at(-1) === '{' ? '}' : ']';
        if (c === ',') {
          i++;
          expect = stack.at(-1) === '{' ? 'key' : 'value';
        } else if (c === close) {
          stack.pop();
          i++;
          expect = afterValue();
        } else {
          return {
            offset: i,
            reason: `unexpected ${describeChar(c)}; expected ',' or '${close}' (a missing comma?)`,
          };
        }
        break;
      }
    }
  }
}
