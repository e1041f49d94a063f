import { describe, expect, it } from 'vitest';
import { parseJson, parseJsonBytes } from '../../src/core/formats/json';
import { FORMAT_ERROR_CODES, type FormatError } from '../../src/core/formats/result';
import { translate, type Language, type MessageKey } from '../../src/i18n';
import { describeFormatError, tooLargeError } from '../../src/ui/format-error';

// A codebook, mapping or profile file refused for what it is (not JSON, not UTF-8, UTF-16, too
// big) is said in the user's language, with the line and column; the command line keeps the
// English message.

const t = (lang: Language) => (key: MessageKey, p?: Record<string, string | number>) =>
  translate(lang, key, p);
const bytes = (s: string) => new TextEncoder().encode(s);

function firstError(result: ReturnType<typeof parseJson>): FormatError {
  if (result.ok) throw new Error('expected a refusal');
  return result.errors[0]!;
}

const cases: [string, () => FormatError][] = [
  ['json-syntax', () => firstError(parseJsonBytes(bytes('kod;namn\n{"a": 1}\n')))],
  ['not-utf8', () => firstError(parseJsonBytes(Uint8Array.of(0x7b, 0x0a, 0x22, 0xe5, 0x22)))],
  ['utf-16', () => firstError(parseJsonBytes(Uint8Array.of(0xff, 0xfe, 0x7b, 0, 0x7d, 0)))],
  ['too-large', () => firstError(parseJson('{"a":1}', 3))],
  ['too-large (before reading)', () => tooLargeError(60 * 1024 * 1024, 50 * 1024 * 1024)],
];

const ENGLISH = /\b(the|is|not|file|line|column|save|it|and|limit|reads)\b/i;

describe('a refused JSON file in the user’s language', () => {
  it.each(cases)('%s', (name, make) => {
    const error = make();
    expect(error.code).toBe(name.split(' ')[0]);
    const swedish = describeFormatError(t('sv'), 'sv', error);
    const english = describeFormatError(t('en'), 'en', error);
    expect(swedish).not.toMatch(ENGLISH);
    expect(english).toMatch(ENGLISH);
    for (const text of [swedish, english]) {
      expect(text).not.toMatch(/[{}]/);
      for (const n of [error.line, error.column])
        if (n !== undefined) expect(text).toContain(String(n));
    }
  });

  it('says sizes as MB with a decimal comma, and the place as the parser found it', () => {
    expect(
      describeFormatError(t('sv'), 'sv', tooLargeError(60 * 1024 * 1024, 50 * 1024 * 1024)),
    ).toBe('Filen är 60,0 MB; största tillåtna är 50,0 MB.');
    expect(describeFormatError(t('sv'), 'sv', cases[0]![1]())).toMatch(
      /^Filen är inte giltig JSON \(rad 1, kolumn 1\)/,
    );
  });

  it('keeps the English of a schema or rule error, which has no code yet', () => {
    const error: FormatError = { path: '/entries/0/raw', message: 'must be a string' };
    expect(describeFormatError(t('sv'), 'sv', error)).toBe('must be a string');
  });

  it('has every code handled in both languages', () => {
    const handled = cases.map(([name]) => name.split(' ')[0]);
    for (const code of FORMAT_ERROR_CODES) expect(handled).toContain(code);
  });
});
