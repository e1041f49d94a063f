// Which profile a variable gets when no one chose one: the profile whose language and field its
// codebook is written in. A profile says what it fits by its own data — the words of its language
// pack and the families of its domain vocabulary — and a codebook fits it when enough of its words
// are the language's and enough of its categories speak of the field, and when its reading keeps the
// categories apart: a vocabulary that reads the texts of two categories as one (`nätvåld` and
// `misshandel` both `våld`, in a codebook of forms of violence) blurs what the codebook tells apart.
// The default Swedish profile is chosen only for a codebook that fits it; any other gets the neutral
// profile (the plain core, the codebook's own words and the team's decisions), which knows no
// language to misread.

import { leaves as leafCategories } from '../codebook';
import type { Category, Codebook } from '../types';
import { readStoredProfile } from '../formats/profile';
import { languageOf } from './engine';
import { analyseValue } from './features';
import { normaliseValue } from './normalise';
import { defaultProfile, englishProfile, neutralProfile, type SuggestProfile } from './profile';
import { termsOfCodebook } from './scope';
import { compileTerms } from './terms';

/** How well a codebook fits a profile, from the codebook's own texts. */
export interface ProfileFit {
  /**
   * Share of the words of the codebook's labels, synonyms, definitions, inclusions and exclusions
   * that are words of the profile's language pack (its small words: `och`, `av`, `för`, persons,
   * negations): a codebook in another language shares almost none.
   */
  readonly language: number;
  /** Share of the leaf categories whose label or synonyms speak of a family of the vocabulary. */
  readonly vocabulary: number;
  /**
   * Share of the leaves' labels and synonyms that the profile reads the same as a text of another
   * category (the same match text, owner, victim and negation) although their own words differ: what
   * the codebook tells apart and the profile would not. Child-welfare reasons and actions: 0.
   * Null when the language or the vocabulary already rule the profile out: reading every text
   * with the profile's vocabulary takes a tenth of a second or more, on the way to opening the
   * variable.
   */
  readonly collapsed: number | null;
}

/** The thresholds of the rule (measured on every labelled codebook: docs/benchmarks.md). */
// Child-welfare codebooks (reasons, actions) have every leaf speaking of the vocabulary; the other
// Swedish codebooks measured (interventions, placements, assistance) 33–69 %, and the neutral
// profile does as well or better on them. A codebook in English shares 2–6 % of its words (`a`,
// `i`, names), a Swedish one 25 % or more: the vocabulary knows a few English loan words
// (`neglect`, `self-harm`), which English codebooks speak of too, so the language decides.
// A codebook of forms of violence has 93 % of its leaves speak of the vocabulary, yet the profile
// reads 21 % of its texts as another category's, and the neutral profile does far better on it.
// Swedish codebooks of neighbouring fields speak of it with 80–88 % of their leaves (support to an
// adult victim of violence, the cause of homelessness, a barnahus consultation, the social duty
// desk): the neutral profile does as well on them, or far better (96.7 % against 87.3 %, adult
// victims of violence), so the vocabulary must be spoken of by nearly every leaf.
export const FIT_RULE = { language: 0.1, vocabulary: 0.9, collapsed: 0.05, english: 0.08 } as const;

/**
 * English small words: a codebook whose texts are English has many (0.14–0.20 of its words on
 * every English codebook measured), a Swedish one next to none (at most 0.03).
 */
const ENGLISH_SMALL_WORDS = new Set(
  'the of and or a an to in for with is are be by on at from as not no their who which that this it its into after before has have been other than any'.split(
    ' ',
  ),
);

/** Share of the words of a codebook's texts that are English small words. */
export function englishShare(codebook: Codebook): number {
  return shareOfWords(codebook, ENGLISH_SMALL_WORDS);
}

/** Share of the words of a codebook's texts (labels, synonyms, definitions, …) that are in `of`. */
function shareOfWords(codebook: Codebook, of: ReadonlySet<string>): number {
  let words = 0;
  let found = 0;
  for (const c of codebook.categories)
    for (const text of textsOf(c))
      for (const w of wordsOf(text)) {
        words++;
        if (of.has(w)) found++;
      }
  return words === 0 ? 0 : found / words;
}

function textsOf(c: Category): string[] {
  return [c.label, ...(c.synonyms ?? []), c.definition ?? '', c.include ?? '', c.exclude ?? ''];
}

function wordsOf(text: string): string[] {
  return text
    .toLocaleLowerCase('sv-SE')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !/^\p{N}+$/u.test(w));
}

export function profileFit(codebook: Codebook, profile: SuggestProfile): ProfileFit {
  const known = new Set<string>();
  for (const list of Object.values(profile.words)) for (const w of list ?? []) known.add(w);

  const leaves = leafCategories(codebook);
  const config = profile.normalise;
  const speaking = leaves.filter(
    (leaf) => termsOfCodebook([leaf], profile.vocabulary, config).length > 0,
  ).length;
  const language = shareOfWords(codebook, known);
  const vocabulary = leaves.length === 0 ? 0 : speaking / leaves.length;
  const decided = language < FIT_RULE.language || vocabulary < FIT_RULE.vocabulary;
  return { language, vocabulary, collapsed: decided ? null : collapsedShare(leaves, profile) };
}

/** ProfileFit.collapsed: the texts read as another category's, their own normalised words not. */
function collapsedShare(leaves: readonly Category[], profile: SuggestProfile): number {
  const config = profile.normalise;
  const language = languageOf(profile);
  const terms = compileTerms(termsOfCodebook(leaves, profile.vocabulary, config), language);
  const read: { code: string; key: string; normalised: string; empty: boolean }[] = [];
  for (const leaf of leaves)
    for (const text of [leaf.label, ...(leaf.synonyms ?? [])]) {
      const normalised = normaliseValue(text, config);
      const f = analyseValue(normalised, terms, language);
      const key = `${f.matchText}|${f.owner}|${f.childVictim}|${f.otherVictim}|${f.negated}`;
      read.push({ code: leaf.code, key, normalised, empty: f.matchText === '' });
    }
  const codesOf = (by: (r: (typeof read)[number]) => string): Map<string, Set<string>> => {
    const out = new Map<string, Set<string>>();
    for (const r of read) {
      const codes = out.get(by(r));
      if (codes) codes.add(r.code);
      else out.set(by(r), new Set([r.code]));
    }
    return out;
  };
  const byReading = codesOf((r) => r.key);
  const byWords = codesOf((r) => r.normalised);
  const collapsed = read.filter(
    (r) =>
      !r.empty &&
      (byReading.get(r.key)?.size ?? 0) > 1 &&
      (byWords.get(r.normalised)?.size ?? 0) < 2,
  ).length;
  return read.length === 0 ? 0 : collapsed / read.length;
}

/** Why a variable without a chosen profile gets the one it gets (shown in the rules panel). */
export interface ProfileChoice {
  readonly profile: SuggestProfile;
  /** The default profile's fit, which decided. */
  readonly fit: ProfileFit;
  readonly fits: boolean;
  /** Share of the codebook's words that are English small words (englishShare). */
  readonly english: number;
}

/**
 * The profile a variable gets unless someone chose one: the default if the codebook fits it, else
 * the English one if the codebook is written in English, else the neutral one.
 */
export function chooseProfile(codebook: Codebook): ProfileChoice {
  const fit = profileFit(codebook, defaultProfile);
  const fits = fit.collapsed !== null && fit.collapsed <= FIT_RULE.collapsed;
  const english = englishShare(codebook);
  const profile = fits
    ? defaultProfile
    : english >= FIT_RULE.english
      ? englishProfile
      : neutralProfile;
  return { profile, fit, fits, english };
}

/** A variable's profile and, when no one chose it, why it is the one used. */
export interface VariableProfile {
  readonly profile: SuggestProfile;
  /** null: the profile saved for the variable (someone chose or edited it). */
  readonly choice: ProfileChoice | null;
}

/**
 * The profile a variable's suggestions use, in the app, its worker and `kodbok suggest` alike:
 * the one saved for it (the setting as stored, read by readStoredProfile), else the one its
 * codebook fits.
 */
export function variableProfile(stored: unknown, codebook: Codebook): VariableProfile {
  if (stored === undefined || stored === null) {
    const choice = chooseProfile(codebook);
    return { profile: choice.profile, choice };
  }
  return { profile: readStoredProfile(stored), choice: null };
}
