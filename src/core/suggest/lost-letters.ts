// Letters lost or changed on the way to Kodbok, read back as the word the engine knows:
// - a system, a remote desktop's clipboard or a file read in the wrong encoding that had no å, ä or
//   ö put a question mark or the replacement character in their place (`F?r?ldrarnas`, `V?ld`);
// - a laptop's keypad left on typed digits for some letters (`r5s2beteende`);
// - a phone's long-press menu gave a vowel an accent Swedish does not write (`misstãnkt fòr ràn`);
// - a paste whose Ctrl was missed left its `v` before the value (`vingen utredning`).
// Each word is read as the first reading the engine knows exactly, else the first it knows as a form
// (a stem with an ending, a compound); a word it cannot make known stays as it is: nothing is
// guessed.

/** A question mark or U+FFFD where a letter was, or a word's end (`Utredning?` is a question). */
const LOST = /[?\uFFFD]/u;
const LOST_IN_WORD = /\p{L}[?\uFFFD]\p{L}|(?<![\p{L}\p{N}])[?\uFFFD]\p{L}/u;
/** A run of letters and lost letters. */
const WORD = /[\p{L}?\uFFFD]+/gu;
const MARKS = /[?\uFFFD]/gu;
/** More lost or accented letters than this in one word are not tried (up to 3^n readings). */
const MAX_LOST = 4;
/** The letters tried, most frequent in Swedish first: a tie goes to the first. */
const LETTERS = ['ä', 'ö', 'å'] as const;

/** How the engine knows a word: exactly (a word of the codebook or the profile), or as a form. */
export interface WordKnowledge {
  exactly(word: string): boolean;
  asForm(word: string): boolean;
}

/** Whether a text has a lost letter inside or at the start of a word. */
export function hasLostLetters(text: string): boolean {
  return LOST.test(text) && LOST_IN_WORD.test(text);
}

/**
 * The text with each word's lost letters read as å, ä or ö: the first reading the engine knows
 * exactly, else the first it knows as a form (a stem with an ending, a compound); the word as it
 * is when it knows none. A mark at a word's end is punctuation and stays.
 */
export function withLostLetters(text: string, knows: WordKnowledge): string {
  if (!hasLostLetters(text)) return text;
  return text.replace(WORD, (token) => {
    // Trailing marks are a question's, not letters.
    const end = token.search(/[?\uFFFD]+$/u);
    const word = end > 0 ? token.slice(0, end) : token;
    const tail = end > 0 ? token.slice(end) : '';
    const lost = word.match(MARKS)?.length ?? 0;
    if (lost === 0 || lost > MAX_LOST || !/\p{L}/u.test(word)) return token;
    const upper = word.length > 1 && word === word.toUpperCase() && /\p{Lu}/u.test(word);
    const options = Array.from({ length: lost }, () => LETTERS);
    const known = firstKnown(choices(word.toLowerCase(), MARKS, options), knows);
    return known === undefined ? token : cased(known, upper, word) + tail;
  });
}

/** The reading in the word's case: capitals for a word in capitals, else as the word had it. */
function cased(reading: string, upper: boolean, word: string): string {
  if (upper) return reading.toUpperCase();
  // Keep the word's own capitals (`F?r?ldrarnas` → `Föräldrarnas`).
  return [...reading].map((c, i) => (/\p{Lu}/u.test(word[i] ?? '') ? c.toUpperCase() : c)).join('');
}

// A laptop's keypad left on (NumLock) for a word: the letters that carry its digits typed digits,
// u i o as 4 5 6, j k l as 1 2 3 and m as 0 (`r5s2beteende`, `hä0tar`, `s6nen`).
const KEYPAD: Readonly<Record<string, string>> = {
  '4': 'u',
  '5': 'i',
  '6': 'o',
  '1': 'j',
  '2': 'k',
  '3': 'l',
  '0': 'm',
};
/** A word of letters and keypad digits, with a letter and a digit next to each other. */
const KEYPAD_WORD =
  /(?<![\p{L}\p{N}])[\p{L}0-6]*(?:\p{L}[0-6]|[0-6]\p{L})[\p{L}0-6]*(?![\p{L}\p{N}])/gu;
const HAS_KEYPAD_WORD = /\p{L}[0-6]|[0-6]\p{L}/u;

/**
 * The text with each word of letters and keypad digits read as its letters, when that makes a word
 * the engine knows (exactly, or as a form), and has two small letters; other words stay (`F12`,
 * `AL2`, `åk4` and `11:1` are what they are).
 */
export function withKeypadLetters(text: string, knows: WordKnowledge): string {
  if (!HAS_KEYPAD_WORD.test(text)) return text;
  return text.replace(KEYPAD_WORD, (token) => {
    // A code is written in capitals (`AL2`, `F12`): a word typed with the keypad on is not.
    if ((token.match(/\p{Ll}/gu)?.length ?? 0) < 2) return token;
    const reading = token.toLowerCase().replace(/[0-6]/gu, (d) => KEYPAD[d] as string);
    return knows.exactly(reading) || knows.asForm(reading) ? reading : token;
  });
}

// A paste whose Ctrl was missed: the `v` of Ctrl+V (or the `c` of Ctrl+C), once or twice, typed
// before the value (`vingen utredning`, `vvIngen åtgärd`, `cmamma sover`).
const STRAY_PASTE = /^(\s*)(vv|v|c)(\p{L}{3,})/u;

/**
 * The value without a stray `v`, `vv` or `c` glued to its first word, when the word without it is
 * one the engine knows (exactly or as a form) and the word with it is not (`vräkning`, `visar`,
 * `celler` stay).
 */
export function withoutStrayPaste(text: string, knows: WordKnowledge): string {
  const m = STRAY_PASTE.exec(text);
  if (m === null) return text;
  const rest = (m[3] as string).toLowerCase();
  const whole = `${m[2] as string}${rest}`;
  if (knows.exactly(whole) || knows.asForm(whole)) return text;
  if (!knows.exactly(rest) && !knows.asForm(rest)) return text;
  return `${m[1] as string}${text.slice(m[0].length - (m[3] as string).length)}`;
}

// A phone's long-press menu or a tablet that gives the wrong accent: a vowel with an accent Swedish
// does not write (`misstãnkt fòr ràn`, `blâmärken`, `Skôlk`), where the registrar meant å, ä, ö or
// the plain vowel.
// Not `Ã` and `Â`: UTF-8 read as Windows-1252 begins with them (`PÃ¥fÃ¶rs`), the rule `garbled`'s.
const ACCENTED = /[àáâãāèêëìíîïòóôõōùúûýÀÁĀÈÊËÌÍÎÏÒÓÔÕŌÙÚÛÝ]/u;
const ACCENTED_LETTERS = /[àáâãāèêëìíîïòóôõōùúûýÀÁĀÈÊËÌÍÎÏÒÓÔÕŌÙÚÛÝ]/gu;
/** A sign of Windows-1252 mojibake beside the letter: the word is the rule `garbled`'s. */
const MOJIBAKE_SIGN =
  /[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/u;
/** The letters a wrongly accented vowel may stand for, the plain one first. */
function meantFor(letter: string): readonly string[] {
  const plain = letter.normalize('NFD').charAt(0).toLowerCase();
  if (plain === 'a') return ['a', 'ä', 'å'];
  if (plain === 'o') return ['o', 'ö'];
  return [plain];
}

/**
 * The text with each word that has a vowel with a wrong accent read as the word the engine knows
 * (exactly first, else as a form) with å, ä, ö or the plain vowel in its place; a word it knows as
 * written (`idé`, `armé`), or cannot make known, stays as it is.
 */
export function withWrongAccents(text: string, knows: WordKnowledge): string {
  if (!ACCENTED.test(text)) return text;
  if (MOJIBAKE_SIGN.test(text)) return text;
  return text.replace(/[\p{L}]+/gu, (word) => {
    if (!ACCENTED.test(word) || knows.exactly(word.toLowerCase())) return word;
    const lower = word.toLowerCase();
    const options = (lower.match(ACCENTED_LETTERS) ?? []).map(meantFor);
    if (options.length > MAX_LOST) return word;
    const known = firstKnown(choices(lower, ACCENTED_LETTERS, options), knows);
    return known === undefined ? word : cased(known, false, word);
  });
}

/**
 * Each way of putting one of `options[i]` for the i-th match of `marks` in the word, the earlier
 * options first and the last match's changing fastest.
 */
function* choices(
  word: string,
  marks: RegExp,
  options: readonly (readonly string[])[],
): Generator<string> {
  const total = options.reduce((n, o) => n * o.length, 1);
  for (let n = 0; n < total; n++) {
    let k = n;
    const choice: string[] = [];
    for (let i = options.length - 1; i >= 0; i--) {
      const o = options[i] as readonly string[];
      choice.unshift(o[k % o.length] as string);
      k = Math.floor(k / o.length);
    }
    let i = 0;
    yield word.replace(marks, () => choice[i++] as string);
  }
}

/** The first reading known exactly, else the first known as a form, else undefined. */
function firstKnown(readings: Iterable<string>, knows: WordKnowledge): string | undefined {
  let form: string | undefined;
  for (const reading of readings) {
    if (knows.exactly(reading)) return reading;
    if (form === undefined && knows.asForm(reading)) form = reading;
  }
  return form;
}
