// The export of recoded data reads each source file again; a file the reader refuses was
// named in the reader's English (`Gävle.txt: the file is not valid UTF-16LE …`) even on the
// Swedish screen. Real bytes through the worker's recodeSource, then the dialog's words: the
// file and its row or line in Swedish, with no English left, and the readers' own English on
// the English screen.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translate, type Language, type MessageKey } from '../../src/i18n';
import { recodeProblem, recodeStopped } from '../../src/ui/export/recode-problem';
import { Overrun } from '../../src/state/import-worker';
import { recodeSource, type RecodeOutcome } from '../../src/workers/recode-source';

const t = (lang: Language) => (key: MessageKey, p?: Record<string, string | number>) =>
  translate(lang, key, p);
const bytes = (s: string) => new TextEncoder().encode(s);
const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/io/${name}`, import.meta.url)));
/** UTF-16LE with a BOM: `kommun;orsak`, `Gävle;Våld`, then `Å` and a lone surrogate (byte 52). */
const brokenUtf16 = () =>
  Uint8Array.of(
    0xff,
    0xfe,
    ...[...'kommun;orsak\nGävle;Våld\nÅ'].flatMap((c) => [c.charCodeAt(0), 0]),
    0x00,
    0xdc,
    ...[...';x\n'].flatMap((c) => [c.charCodeAt(0), 0]),
  );

const spec = {
  column: 'orsak',
  codes: new Map([['Våld', 'H07']]),
  split: { separators: [';'] },
};

// Words of the readers' English that must not reach a Swedish screen.
const ENGLISH =
  /\b(the|is|are|not|has|have|holds?|and|of|was|were|row|rows|column|file|header|cells|sheet|workbook|limit|line|characters|empty|check|save|it|its|there|broken|cut|short|quoted|never|closed)\b/i;

function refused(name: string, b: Uint8Array): Exclude<RecodeOutcome, { ok: true }> {
  const outcome = recodeSource(name, b, spec);
  if (outcome.ok) throw new Error(`${name}: expected a refusal`);
  return outcome;
}
const say = (lang: Language, name: string, outcome: Exclude<RecodeOutcome, { ok: true }>) =>
  recodeProblem(t(lang), lang, name, 'orsak', outcome);

describe('a source file the export cannot read, in the user’s language', () => {
  it('a UTF-16 file with a broken character: the file, the line and the byte, in Swedish', () => {
    const outcome = refused('Gävle.txt', brokenUtf16());
    expect(say('sv', 'Gävle.txt', outcome)).toBe(
      'Gävle.txt: filen är inte giltig UTF-16LE på textrad 3 (byte 52): ett tecken där är trasigt eller avkortat',
    );
    expect(say('en', 'Gävle.txt', outcome)).toBe(
      'Gävle.txt: the file is not valid UTF-16LE on line 3 (byte 52): a character there is broken or cut short',
    );
  });

  it.each([
    ['Gävle.txt', brokenUtf16, /textrad 3\b/],
    ['citat.csv', () => fixture('unterminated-quote.csv'), /\brad \d+/],
    ['citat2.csv', () => bytes('id;orsak\n"två\nrader";1\n"öppen;2\n3;4\n'), /rad 3 \(textrad 4\)/],
    ['trasig.xlsx', () => fixture('truncated.xlsx'), /^trasig\.xlsx: /],
    ['bild.csv', () => Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a), /PNG/],
    ['tom.csv', () => bytes('\n;\n\n'), /^tom\.csv: /],
  ] as const)('%s', (name, make, where) => {
    const outcome = refused(name, make());
    expect(outcome.kind).toBe('read');
    const swedish = say('sv', name, outcome);
    const english = say('en', name, outcome);
    expect(swedish.startsWith(`${name}: `)).toBe(true);
    expect(swedish).toMatch(where);
    expect(swedish.slice(name.length)).not.toMatch(ENGLISH);
    expect(swedish).not.toMatch(/[{}]/);
    // The English screen says what the readers (and the command line) say.
    if (outcome.kind === 'read') expect(english).toBe(outcome.problem.message);
  });

  it('what the recoding itself cannot do was in the user’s language already, and stays so', () => {
    const long = refused('d.csv', bytes('id;orsak\n1;Våld\n2;b;extra\n'));
    expect(say('sv', 'd.csv', long)).toBe(
      'd.csv: rad 3 har fler celler än rubrikraden; rätta raden först',
    );
    const none = refused('d.csv', bytes('id;kön\n1;f\n'));
    expect(say('sv', 'd.csv', none)).toBe(
      'd.csv har ingen kolumn orsak; dess kolumner är "id", "kön"',
    );
  });
});

describe('a recoding the worker could not finish', () => {
  it('is said in the user\u2019s language, naming the file (it was the error\u2019s English)', () => {
    const crashed = recodeStopped(t('sv'), 'sv', 'Umeå.txt', new Error('Out of memory'));
    expect(crashed).toBe(
      'Umeå.txt: importens arbetsprocess stannade medan filen lästes (Out of memory); filen kan vara för stor för den här webbläsaren',
    );
    expect(recodeStopped(t('en'), 'en', 'Umeå.txt', new Error('Out of memory'))).toMatch(
      /^Umeå\.txt: .*Out of memory/u,
    );
    expect(recodeStopped(t('sv'), 'sv', 'Umeå.txt', new Overrun(60_000))).toMatch(
      /^.*Umeå\.txt.*60/u,
    );
  });
});
