// Letters lost on the way to Kodbok: a system, a remote desktop's clipboard or a file read in the
// wrong encoding that had no å, ä or ö put a question mark or the replacement character in their
// place (`F?r?ldrarnas`, `V?ld`, `sj\uFFFDlv`). Each lost letter is read as the å, ä or ö that makes
// a word the engine knows; a word it cannot make known stays as it is: nothing is guessed.

/** A question mark or U+FFFD where a letter was, or a word's end (`Utredning?` is a question). */
const LOST = /[?\uFFFD]/u;
const LOST_IN_WORD = /\p{L}[?\uFFFD]\p{L}|(?<![\p{L}\p{N}])[?\uFFFD]\p{L}/u;
/** A run of letters and lost letters. */
const WORD = /[\p{L}?\uFFFD]+/gu;
const MARKS = /[?\uFFFD]/gu;
/** More lost letters than this in one word are not tried (3^n readings). */
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
    let form: string | undefined;
    for (const reading of readings(word.toLowerCase(), lost)) {
      if (knows.exactly(reading)) return cased(reading, upper, word) + tail;
      if (form === undefined && knows.asForm(reading)) form = reading;
    }
    return form === undefined ? token : cased(form, upper, word) + tail;
  });
}

/** Each way of putting å, ä or ö for the word's lost letters, in the order of LETTERS. */
function* readings(word: string, lost: number): Generator<string> {
  const total = LETTERS.length ** lost;
  for (let n = 0; n < total; n++) {
    let k = n;
    const choice: string[] = [];
    for (let i = 0; i < lost; i++) {
      choice.unshift(LETTERS[k % LETTERS.length] as string);
      k = Math.floor(k / LETTERS.length);
    }
    let i = 0;
    yield word.replace(MARKS, () => choice[i++] as string);
  }
}

/** The reading in the word's case: capitals for a word in capitals, else as the word had it. */
function cased(reading: string, upper: boolean, word: string): string {
  if (upper) return reading.toUpperCase();
  // Keep the word's own capitals (`F?r?ldrarnas` → `Föräldrarnas`).
  return [...reading].map((c, i) => (/\p{Lu}/u.test(word[i] ?? '') ? c.toUpperCase() : c)).join('');
}
