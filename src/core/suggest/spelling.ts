// How raw values are misspelt, in one place: systems that export without å, ä and ö, and typing
// slips. Used only to RECOGNISE closed word lists (person words, domain terms); normalised values
// are never folded — å, ä and ö are letters of their own (`får`/`far`).

/**
 * å, ä → a and ö → o, as systems without Swedish letters write them; and in a word without them,
 * their spellings in letters of the English alphabet (aa, ae → a and oe → o: `foeraelder`,
 * `vaald`), as systems that store no other letters and passports write them. The same key for
 * all: `förälder`, `foralder` and `foeraelder` are one word to a list.
 */
export function folded(word: string): string {
  // Most words have none of these: no new string for them (this runs for every word read).
  if (!FOLDED.test(word)) return word;
  if (!SWEDISH_LETTER.test(word)) return word.replace(SPELLED_OUT, (pair) => pair[0] as string);
  return word.replace(/[åä]/gu, 'a').replace(/ö/gu, 'o');
}
const FOLDED = /[åäö]|aa|ae|oe/u;
const SWEDISH_LETTER = /[åäö]/u;
const SPELLED_OUT = /aa|ae|oe/gu;

/** The word with each one letter left out: two words one edit apart share one of these (SymSpell). */
export function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** True when one substitution, insertion, deletion or swap of neighbours turns `a` into `b`. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    // A substitution is a slip of the finger to a neighbouring key, or one vowel for another
    // (`omsårg`); other letters make other words (`inlagt` is not `inlåst`).
    // The last letter is an ending's, and endings vary (`instängt`, `instängd`).
    if (a.slice(i + 1) === b.slice(i + 1))
      return i === a.length - 1 || slipOf(a[i] as string, b[i] as string);
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

/** The rows of a Nordic QWERTY keyboard: letters side by side, or above and below, are neighbours. */
const KEY_ROWS = ['qwertyuiopå', 'asdfghjklöä', 'zxcvbnm'];
const KEY_AT = new Map<string, readonly [number, number]>(
  KEY_ROWS.flatMap((row, r) => [...row].map((k, c) => [k, [r, c]] as const)),
);
const SLIP_VOWELS = /^[aeiouyåäö]$/u;

/** One letter typed for another: neighbouring keys, or two vowels. */
function slipOf(x: string, y: string): boolean {
  if (SLIP_VOWELS.test(x) && SLIP_VOWELS.test(y)) return true;
  const p = KEY_AT.get(x);
  const q = KEY_AT.get(y);
  if (!p || !q) return true;
  const dr = q[0] - p[0];
  const dc = q[1] - p[1];
  // The row below is shifted half a key right: `s` lies under `w` and `e`.
  return (
    (dr === 0 && Math.abs(dc) === 1) ||
    (dr === 1 && (dc === 0 || dc === -1)) ||
    (dr === -1 && (dc === 0 || dc === 1))
  );
}

/** Letters a word written without vowels has at least to be read by its consonants (`mssbrk`). */
const MIN_SKELETON = 4;
const VOWEL = /[aeiouy]/u;
const VOWELS = /[aeiouy]/gu;
const LETTERS = /^[a-z]+$/u;

/** Letters a short word has at least for two neighbouring letters swapped to be forgiven. */
const MIN_SWAPPED = 5;

/** Letters a word cut short keeps at least to be read as a listed form it begins (WordList.begins). */
const CUT_SHORT_LETTERS = 6;
/** Share of the listed form a word cut short keeps at least (`vårdnadsh.`, not `omsorg`). */
const CUT_SHORT_KEPT = 0.6;

/**
 * A closed list of words recognised as written, folded, or with one slip. Slips are forgiven only
 * in words at least `minTypo` long and with the right first letter: short words are too often
 * other words (`stöd` is not `stöld`).
 */
export class WordList<T> {
  private readonly exact = new Map<string, T>();
  private readonly nearby = new Map<string, { form: string; value: T }[]>();
  private readonly cache = new Map<string, T | null>();
  /** Folded forms of listed forms written with å, ä or ö (or their spellings, `oe`). */
  private readonly lettered = new Set<string>();

  /** `entries`: form, value, and whether slips of this form are forgiven (default yes). */
  constructor(
    entries: Iterable<readonly [string, T] | readonly [string, T, boolean]>,
    private readonly minTypo: number,
  ) {
    const slips = new Map<string, T>();
    for (const [form, value, forgiving] of entries) {
      if (!this.exact.has(form)) this.exact.set(form, value);
      if (forgiving !== false && !slips.has(form)) slips.set(form, value);
    }
    for (const [form, value] of [...this.exact]) {
      const f = folded(form);
      if (f !== form) this.lettered.add(f);
      if (!this.exact.has(f)) this.exact.set(f, value);
    }
    for (const [form, value] of [...slips]) slips.set(folded(form), value);
    for (const [form, value] of slips) {
      if (form.length < minTypo) continue;
      for (const key of [form, ...deletions(form)]) {
        const list = this.nearby.get(key);
        if (list) list.push({ form, value });
        else this.nearby.set(key, [{ form, value }]);
      }
    }
  }

  /** The listed forms (folded) with their values, in order: for the forms a word begins. */
  private sorted: (readonly [string, T])[] | undefined;

  /**
   * When a longer listed form (folded) that begins with `w` has another value than `value`: the
   * value of the shortest form that begins with `w`.
   */
  private cutShort(w: string, value: T): T | undefined {
    let other = false;
    let shortest: readonly [string, T] | undefined;
    for (const entry of this.longerForms(w)) {
      if (entry[1] !== value) other = true;
      if (!shortest || entry[0].length < shortest[0].length) shortest = entry;
    }
    return other ? shortest?.[1] : undefined;
  }

  /** The listed forms (folded) longer than `w` that begin with it. */
  private *longerForms(w: string): Generator<readonly [string, T]> {
    const sorted = (this.sorted ??= [...this.exact]
      .map(([form, v]) => [folded(form), v] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as readonly [string, T])[0] <= w) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length; i++) {
      const entry = sorted[i] as readonly [string, T];
      if (!entry[0].startsWith(w)) return;
      yield entry;
    }
  }

  /**
   * A word of `min` letters or more that only begins listed forms, all of one value, and keeps at
   * least `share` of the shortest of them, cut short as records abbreviate (`föräld.`,
   * `vårdnadsh.`, `omsorgspers`, `övergr.`; not `omsorg`, a word of its own): that value.
   */
  begins(word: string, min = CUT_SHORT_LETTERS, share = CUT_SHORT_KEPT): T | undefined {
    const w = folded(word);
    if (w.length < min) return undefined;
    let found: T | undefined;
    let shortest = Infinity;
    for (const [form, value] of this.longerForms(w)) {
      if (found !== undefined && value !== found) return undefined;
      found = value;
      shortest = Math.min(shortest, form.length);
    }
    return w.length >= share * shortest ? found : undefined;
  }

  /** Forms by their consonants (skeleton), on first need: null where forms of two values share one. */
  private skeletons: Map<string, T | null> | undefined;

  /**
   * A word written without its vowels (`mssbrk`, `frldrs`, as a 20-character field taught its
   * registrar): the value of the listed forms with its consonants, when they are of one value.
   */
  private byConsonants(w: string): T | undefined {
    if (w.length < MIN_SKELETON || VOWEL.test(w) || !LETTERS.test(w)) return undefined;
    if (!this.skeletons) {
      this.skeletons = new Map();
      for (const [form, value] of this.exact) {
        const f = folded(form);
        if (!LETTERS.test(f)) continue;
        const key = f.replace(VOWELS, '');
        if (key.length < MIN_SKELETON || key === f) continue;
        const had = this.skeletons.get(key);
        this.skeletons.set(key, had === undefined || had === value ? value : null);
      }
    }
    return this.skeletons.get(w) ?? undefined;
  }

  /** Exactly as listed, or folded as written without å, ä and ö (which the list also holds). */
  exactly(word: string): T | undefined {
    const hit = this.exact.get(word);
    if (hit !== undefined) return hit;
    const f = folded(word);
    // A word written with å, ä or ö is no form written without them (`får` is not `far`).
    if (f === word || (SWEDISH_LETTER.test(word) && !this.lettered.has(f))) return undefined;
    return this.exact.get(f);
  }

  /**
   * A word shorter than `minTypo` with two neighbouring letters typed in the wrong order (`hoatr`,
   * `spuer`, a fast typist's slip), not its first: the listed form's value. Other slips are not
   * forgiven in short words (`stöd` is not `stöld`); a swap of two letters inside a word of five
   * seldom makes another word.
   */
  private swapped(word: string): T | undefined {
    if (word.length < MIN_SWAPPED) return undefined;
    for (let i = 1; i + 1 < word.length; i++) {
      if (word[i] === word[i + 1]) continue;
      const hit = this.exactly(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
      if (hit !== undefined) return hit;
    }
    return undefined;
  }

  /** As listed, folded, or one slip away. */
  find(word: string): T | undefined {
    const hit = this.exactly(word);
    if (hit !== undefined) return hit;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached ?? undefined;
    let found: T | null = word.length < this.minTypo ? (this.swapped(word) ?? null) : null;
    if (word.length >= this.minTypo) {
      const w = folded(word);
      search: for (const key of [w, ...deletions(w)]) {
        for (const { form, value } of this.nearby.get(key) ?? []) {
          if (form[0] === w[0] && oneEditApart(form, w)) {
            // A word that begins a longer listed form of something else is that form cut short
            // more likely than a slip (`ensamk.` is `ensamkommande`, not `ensamt` mistyped;
            // `utredn.` is `utredning`, not `utreds`): the shortest such form's.
            found = this.cutShort(w, value) ?? value;
            break search;
          }
        }
      }
    }
    found ??= this.byConsonants(folded(word)) ?? null;
    if (this.cache.size < 100_000) this.cache.set(word, found);
    return found ?? undefined;
  }
}
