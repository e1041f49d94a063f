// Letters lost as `?` or U+FFFD (a clipboard or a file without å, ä and ö) read back as the å, ä or
// ö that makes a word the engine knows (lost-letters.ts).
import { describe, expect, it } from 'vitest';
import {
  hasLostLetters,
  withKeypadLetters,
  withLostLetters,
  withWrongAccents,
} from '../../../src/core/suggest/lost-letters';

const known = new Set([
  'våld',
  'föräldrarnas',
  'från',
  'för',
  'bråk',
  'örfil',
  'sonen',
  'alk',
  'mamma',
  'skolk',
  'idé',
]);
const stems = ['självmord', 'skadegörelse', 'riskbeteende'];
const knows = {
  exactly: (w: string) => known.has(w),
  asForm: (w: string) => stems.some((s) => w.startsWith(s)),
};

describe('lost letters', () => {
  it('are read as the å, ä or ö of a word the engine knows', () => {
    expect(withLostLetters('V?ld fr?n pappan', knows)).toBe('Våld från pappan');
    expect(withLostLetters('F?r?ldrarnas br?k', knows)).toBe('Föräldrarnas bråk');
    expect(withLostLetters('?rfil', knows)).toBe('örfil');
    expect(withLostLetters('V\uFFFDLD', knows)).toBe('VÅLD');
  });

  it('make a form of a known stem when no reading is a known word', () => {
    expect(withLostLetters('Sj?lvmordstankar', knows)).toBe('Självmordstankar');
    expect(withLostLetters('misst?nkt skadeg?relse', knows)).toBe('misst?nkt skadegörelse');
  });

  it('stay when no reading is known, and a question mark at a word end is a question', () => {
    expect(withLostLetters('Utredning? Nej', knows)).toBe('Utredning? Nej');
    expect(withLostLetters('x?y och ?', knows)).toBe('x?y och ?');
    expect(hasLostLetters('Utredning? Nej.')).toBe(false);
    expect(hasLostLetters('sk?r sig')).toBe(true);
  });
});

describe('a word typed with the keypad on (NumLock)', () => {
  it('is read as its letters when that makes a word the engine knows', () => {
    expect(withKeypadLetters('s6nen och r5s2beteende', knows)).toBe('sonen och riskbeteende');
  });

  it('stays when it does not, or is a code in capitals', () => {
    expect(withKeypadLetters('F12, åk4, 11:1 och x5y', knows)).toBe('F12, åk4, 11:1 och x5y');
    expect(withKeypadLetters('Utåtagerande [AL2]', knows)).toBe('Utåtagerande [AL2]');
  });
});

describe('a vowel with an accent Swedish does not write', () => {
  it('is read as the å, ä, ö or plain vowel of a word the engine knows', () => {
    expect(withWrongAccents('màmma fòr Skôlk', knows)).toBe('mamma för Skolk');
    expect(withWrongAccents('õrfil och vâld', knows)).toBe('örfil och våld');
  });

  it('stays in a word known as written, one it cannot make known, and garbled UTF-8', () => {
    expect(withWrongAccents('en idé om José', knows)).toBe('en idé om José');
    expect(withWrongAccents('PÃ¥fÃ¶rs mamma', knows)).toBe('PÃ¥fÃ¶rs mamma');
  });
});
