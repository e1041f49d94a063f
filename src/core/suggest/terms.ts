// Domain vocabulary: everyday and professional Swedish words of child welfare mapped to the concept
// word that codebooks use for them (`alkohol`, `narkotika`, `droger` → `missbruk`). String
// similarity cannot know that `Förälder alkohol` is substance misuse; a researcher does. The list
// is a starting point per concept of the domain (not a list of anyone's raw values), editable like
// the abbreviations, and applied alike to values, labels, synonyms and known values, so it only
// ever brings words of the same concept together.

import { compileLanguage, defaultLanguage, type Language } from './language';
import { WordList, folded } from './spelling';

export interface DomainTerm {
  /** The word family as stems: a word matches when it is a stem plus an inflectional ending. */
  readonly stems: readonly string[];
  /**
   * Exact word forms, for stems too short to inflect safely (`rymt`, but not `rymd`), and phrases
   * of several words that mean the concept together (`skär sig`, `vill inte leva`).
   */
  readonly forms?: readonly string[];
  /** The concept word(s) the family is matched as. */
  readonly concept: string;
}

// The default list lives in vocabulary.ts.
export { defaultDomainTerms, mergeTerms } from './vocabulary';

// Inflectional endings (`drog-er`, `berusad-e`, `påbörja-s`) are the profile's language's
// (language.ts): the mechanism below knows none.
// Stems shorter than this match only as exact forms: `rån` must not match `rånd…`-like words.
const MIN_STEM = 4;
// A compound's modifier or head must leave at least this many letters for the other part.
const MIN_PART = 3;
// Typing slips (`depresion`, `cannabsi`) are forgiven in forms this long (see spelling.ts).
const MIN_TYPO = 6;

/** Words to concepts, compiled once per list. */
export interface TermMatcher {
  /** The word as its concept's words, or the word itself when no family has it. */
  conceptOf(word: string): readonly string[];
  /** Phrases of several words (lower case, longest first) and their concepts. */
  readonly phrases: readonly { readonly words: readonly string[]; readonly concept: string }[];
  /** Whether the word is (a word of) a concept of the list: what a match text says it is about. */
  isConcept(word: string): boolean;
  /**
   * The longest phrase starting at `words[at]` (written with or without å, ä, ö), as the number of
   * words it spans and its concept.
   */
  phraseAt(
    words: readonly string[],
    at: number,
  ): { readonly length: number; readonly concept: string } | undefined;
}

function wordsOfForm(form: string): string[] {
  return form
    .toLocaleLowerCase('sv-SE')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/**
 * Whether slips are forgiven in `stem + ending`: only in the common forms of stems long enough
 * themselves. A short stem's forms are too close to ordinary words (`skolk` + `n` is one letter
 * from `skolan`).
 */
// Slips are forgiven in the language's `typoEndings` only (not every inflection): the typo map stays small.
function forgiving(stem: string, ending: string, lang: Language): boolean {
  return stem.length >= MIN_TYPO && lang.typoEndings.has(ending);
}

interface Compiled {
  readonly byList: WeakMap<readonly DomainTerm[], TermMatcher>;
  // By content too: each engine scopes the list to its codebook (scope.ts), a new array each time.
  readonly byContent: Map<string, TermMatcher>;
}
const compiledBy = new WeakMap<Language, Compiled>();
const MAX_COMPILED = 16;

/** The matcher of a term list, compiled once per list (engines are rebuilt; lists rarely change). */
export function compileTerms(
  terms: readonly DomainTerm[],
  language: Language = compileLanguage(defaultLanguage),
): TermMatcher {
  let cache = compiledBy.get(language);
  if (!cache) compiledBy.set(language, (cache = { byList: new WeakMap(), byContent: new Map() }));
  let matcher = cache.byList.get(terms);
  if (!matcher) {
    const key = JSON.stringify(terms);
    matcher = cache.byContent.get(key);
    if (!matcher) {
      matcher = compileTermsNow(terms, language);
      if (cache.byContent.size >= MAX_COMPILED)
        cache.byContent.delete(cache.byContent.keys().next().value as string);
      cache.byContent.set(key, matcher);
    }
    cache.byList.set(terms, matcher);
  }
  return matcher;
}

/**
 * The stems of a vocabulary (folded, MIN_STEM letters or more, longest first) as compounds use
 * them, found in a word by their first MIN_STEM letters: only a stem whose beginning is in a word
 * can be in it, so a word is compared with those alone, in the stems' order — the same stem as a
 * scan of every stem would find.
 */
export class CompoundStems {
  private readonly byBeginning = new Map<string, number[]>();

  constructor(
    private readonly stems: readonly { readonly stem: string; readonly concept: string }[],
    private readonly endings: readonly string[],
  ) {
    stems.forEach(({ stem }, i) => {
      const key = stem.slice(0, MIN_STEM);
      const list = this.byBeginning.get(key);
      if (list) list.push(i);
      else this.byBeginning.set(key, [i]);
    });
  }

  /**
   * The first stem that is the head of `w` (its last occurrence at MIN_PART or after, followed by
   * an ending), with where it starts.
   */
  head(w: string): { readonly at: number; readonly concept: string } | undefined {
    // The stems beginning somewhere at MIN_PART or after, in their order.
    const found: number[] = [];
    for (let at = MIN_PART; at + MIN_STEM <= w.length; at++) {
      const list = this.byBeginning.get(w.slice(at, at + MIN_STEM));
      if (list) for (const i of list) if (!found.includes(i)) found.push(i);
    }
    found.sort((a, b) => a - b);
    for (const i of found) {
      const { stem, concept } = this.stems[i] as { stem: string; concept: string };
      const at = w.lastIndexOf(stem);
      if (at < MIN_PART) continue;
      if (this.endings.includes(w.slice(at + stem.length))) return { at, concept };
    }
    return undefined;
  }

  /** The concept of the first stem that begins `w` and leaves MIN_PART letters or more after it. */
  modifier(w: string): string | undefined {
    for (const i of this.byBeginning.get(w.slice(0, MIN_STEM)) ?? []) {
      const { stem, concept } = this.stems[i] as { stem: string; concept: string };
      if (w.startsWith(stem) && w.length - stem.length >= MIN_PART) return concept;
    }
    return undefined;
  }
}

// Word classes whose words are words of their own, never slips of the vocabulary's forms.
const FUNCTION_WORDS = ['negatingVerbs', 'negation', 'stopwords'] as const;

function compileTermsNow(terms: readonly DomainTerm[], lang: Language): TermMatcher {
  const endings = lang.endings;
  const forms: [string, string, boolean][] = [];
  const stems: { stem: string; concept: string }[] = [];
  const phrases: { words: string[]; concept: string }[] = [];
  for (const t of terms) {
    if (lang.isNegation(t.concept.split(' ')[0] ?? '')) {
      // A family that says something did NOT happen (`avslutas` is `ingen utredning`): read before
      // negation is (as phrases are), so the value is negated; its concept's words stay themselves.
      for (const form of t.forms ?? []) {
        const parts = wordsOfForm(form);
        if (parts.length > 0) phrases.push({ words: parts, concept: t.concept });
      }
      for (const raw of t.stems) {
        const stem = raw.toLocaleLowerCase('sv-SE');
        for (const ending of stem.length < MIN_STEM ? [''] : endings)
          phrases.push({ words: [stem + ending], concept: t.concept });
      }
      continue;
    }
    // The concept's own words are members too, so their slips and folded spellings are found —
    // as whole words only: `våldsutövande` is not `våld`.
    for (const word of t.concept.split(' ')) {
      if (word.length >= MIN_STEM)
        for (const ending of endings)
          forms.push([word + ending, t.concept, forgiving(word, ending, lang)]);
    }
    for (const form of t.forms ?? []) {
      const parts = wordsOfForm(form);
      if (parts.length > 1) phrases.push({ words: parts, concept: t.concept });
      else if (parts.length === 1) forms.push([parts[0] as string, t.concept, true]);
    }
    for (const raw of t.stems) {
      const stem = raw.toLocaleLowerCase('sv-SE');
      if (stem.length < MIN_STEM) forms.push([stem, t.concept, true]);
      else stems.push({ stem, concept: t.concept });
    }
  }
  for (const { stem, concept } of stems)
    for (const ending of endings)
      forms.push([stem + ending, concept, forgiving(stem, ending, lang)]);
  // `psykisk ohälsa` is a concept of its own, not `psykisk` + something: its words stay themselves.
  const words = new WordList<string>(
    forms.map(
      ([form, concept, forgiving]) =>
        [
          form,
          concept.includes(' ') && concept.split(' ').includes(form) ? form : concept,
          forgiving,
        ] as const,
    ),
    MIN_TYPO,
  );
  // Longest stems first: `brottslig` before `brott`. Compounds are matched on folded spelling.
  const folds = stems
    .map(({ stem, concept }) => ({ stem: folded(stem), concept }))
    .sort((a, b) => b.stem.length - a.stem.length);
  const compounds = new CompoundStems(folds, endings);
  const cache = new Map<string, readonly string[]>();

  const lookup = (word: string): string => {
    const whole = words.exactly(word);
    if (whole !== undefined) return whole;
    const w = folded(word);
    // Compound head (`narkotikabrott`, `vårdnadstvist`): the head is what it is, the modifier stays.
    const head = compounds.head(w);
    // (The modifier as folded when folding changed its length: `foeraeldra…`.)
    if (head) return (w.length === word.length ? word : w).slice(0, head.at) + head.concept;
    // Compound modifier (`suicidtankar`, `alkoholproblem`): the family decides the meaning.
    // Cut short as records abbreviate (`övergr.`): the concept of the only forms it begins.
    // A word that negates (`saknas`, `ingen`) or says nothing (a stopword) is no slip of a listed
    // form one ending away (`saknad`, missing).
    if (FUNCTION_WORDS.some((cls) => lang.has(cls, word))) return compounds.modifier(w) ?? word;
    return compounds.modifier(w) ?? words.find(word) ?? words.begins(word) ?? word;
  };

  phrases.sort((a, b) => b.words.length - a.words.length);
  // By folded first word, longest first (the sort is stable).
  const byFirst = new Map<string, { words: string[]; concept: string }[]>();
  for (const p of phrases) {
    const folds = { words: p.words.map(folded), concept: p.concept };
    const key = folds.words[0] as string;
    const list = byFirst.get(key);
    if (list) list.push(folds);
    else byFirst.set(key, [folds]);
  }
  const conceptWords = new Set(terms.flatMap((t) => t.concept.split(' ')));
  return {
    phrases,
    isConcept: (word) => conceptWords.has(word),
    phraseAt(text, at) {
      const candidates = byFirst.get(folded(text[at] as string));
      if (!candidates) return undefined;
      for (const p of candidates) {
        if (at + p.words.length > text.length) continue;
        let k = 1;
        while (k < p.words.length && folded(text[at + k] as string) === p.words[k]) k++;
        if (k === p.words.length) return { length: k, concept: p.concept };
      }
      return undefined;
    },
    conceptOf(word) {
      let c = cache.get(word);
      if (c === undefined) {
        c = lookup(word).split(' ');
        if (cache.size < 100_000) cache.set(word, c);
      }
      return c;
    },
  };
}
