// A codebook, mapping, profile or backup file refused, in the user's language: the errors with a
// code (src/core/formats/result.ts) have a template; schema and rule errors keep their English
// message (the command line prints the same), shown after their JSON pointer.
import type { FormatError } from '../core/formats/result';
import { formatMegabytes, type Language } from '../i18n';
import type { T } from './i18n';

/** The error's text without its path (the caller shows the path as code). */
export function describeFormatError(t: T, lang: Language, error: FormatError): string {
  const { code, line, column, params } = error;
  if (code === 'not-utf8' && line !== undefined) return t('jsonNotUtf8', { line: String(line) });
  if (code === 'json-syntax' && line !== undefined)
    return t('jsonSyntaxError', { line: String(line), column: String(column ?? 1) });
  if (code === 'utf-16') return t('jsonUtf16');
  const size = params?.sizeBytes;
  const max = params?.maxBytes;
  if (code === 'too-large' && typeof size === 'number' && typeof max === 'number')
    return t('jsonTooLarge', {
      sizeBytes: formatMegabytes(lang, size),
      maxBytes: formatMegabytes(lang, max),
    });
  return error.message;
}

/** A file over `limit` bytes, refused before it is read into memory. */
export function tooLargeError(size: number, limit: number): FormatError {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return {
    path: '',
    code: 'too-large',
    params: { sizeBytes: size, maxBytes: limit },
    message: `the file is ${mb(size)} MB; the limit is ${mb(limit)} MB`,
  };
}
