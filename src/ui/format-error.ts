// A codebook, mapping, profile or backup file refused, in the user's language: every error with a
// code (src/core/formats/result.ts) has a template (src/i18n/sv-formats.ts); its English message
// is what the command line prints, shown only for an error without a code or a word the catalog
// lacks. The caller shows the JSON pointer before it, as it is, so a researcher finds the place;
// values quoted from the file are shown as they are (React text, never HTML).
import type { FormatError } from '../core/formats/result';
import { formatMegabytes, isMessageKey, type Language, type MessageKey } from '../i18n';
import type { T } from './i18n';

// Places and versions read as written (`formatVersion 1000`, `rad 12345`), never grouped.
const PLACES = new Set(['line', 'column', 'number', 'version', 'supported', 'from', 'to']);

/** Params that name a word of the catalog, and the key prefix of those words. */
const WORDS: Readonly<Record<string, string>> = {
  foundType: 'fmtType_',
  format: 'fmtFormat_',
  other: 'fmtFormat_',
  what: 'fmtWhat_',
  status: 'fmtStatus_',
};

/** A word of the catalog, or null when it has none (then the message is said in English). */
function word(t: T, key: string): string | null {
  return isMessageKey(key) ? t(key) : null;
}

/** The params as the templates show them; null when one names a word the catalog lacks. */
function values(
  t: T,
  lang: Language,
  params: Readonly<Record<string, string | number>>,
): Record<string, string | number> | null {
  const out: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(params)) {
    if (name === 'variant') continue;
    const prefix = WORDS[name];
    if (prefix !== undefined) {
      // A format id (`kodbok/codebook`) is said as its kind, and kept as written in `…Id`.
      const id = String(v);
      const text = word(t, prefix + id.replace(/^kodbok\//, ''));
      if (text === null) return null;
      if (name === 'foundType') out.found = text;
      else out[name] = text;
      if (name === 'format' || name === 'other') out[`${name}Id`] = id;
    } else if (name === 'types') {
      const list = String(v)
        .split(',')
        .map((type) => word(t, `fmtTypes_${type}`));
      if (list.some((w) => w === null)) return null;
      out.types = list.join(t('fmtOr'));
    } else if (typeof v === 'number' && PLACES.has(name)) out[name] = String(v);
    else if (typeof v === 'number' && name.endsWith('Bytes')) out[name] = formatMegabytes(lang, v);
    else out[name] = v;
  }
  return out;
}

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
  if (code === undefined) return error.message;
  const variant = typeof params?.variant === 'string' ? `_${params.variant}` : '';
  const key = `fmtErr_${code}${variant}`;
  if (!isMessageKey(key)) return error.message;
  const filled = values(t, lang, params ?? {});
  return filled === null ? error.message : t(key as MessageKey, filled);
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
