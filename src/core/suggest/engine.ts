// Suggestions: the top k leaf categories for a raw value, each with a score in [0, 1] and what
// matched. Two engines share one interface: the plain reference of FORMATS.md (string-similarity's
// Dice on lower-cased text) that quality is measured against, and the real engine, which adds
// normalisation, subject and negation features and learning from the team's decisions.

import { leaves as leafCategories } from '../codebook';
import svProfile from './profiles/sv-barn-och-unga.profile.json';
import type { Category, Codebook, Suggestion } from '../types';
import { DiceIndex, diceOfProfiles, diceProfile, sharedBigrams, type DiceProfile } from './dice';
import { defaultTrainOptions, LogisticModel, textFeatures, type Example } from './classifier';
import { NeighbourIndex, type NeighbourHit } from './neighbours';
import { firstK } from './top-hits';
import {
  alternativeVariants,
  analyseValue,
  withoutExclusionTail,
  withNegationsRead,
  withoutOpener,
  withoutBareSentences,
  withoutBareSegments,
  withoutTimeStamps,
  withoutDates,
  type Owner,
  type ValueFeatures,
} from './features';
import {
  DocumentIndex,
  exclusionReferrals,
  inclusionPhrases,
  withoutReferences,
} from './retrieval';
import {
  CodebookRuns,
  hasRun,
  margin,
  textWords,
  type CodebookRun,
  type TextWords,
} from './differing';
import { compileLanguage, defaultLanguage, type Language } from './language';
import { joinLetterSpaced, normaliseValue, type NormaliseConfig } from './normalise';
import { splitHashtags } from './hashtags';
import {
  withKeypadLetters,
  withLostLetters,
  withWrongAccents,
  withoutStrayPaste,
  type WordKnowledge,
} from './lost-letters';
import { wordsOf } from './retrieval';
import { defaultProfile, type CategoryAttributes, type SuggestProfile } from './profile';
import { termsOfCodebook } from './scope';
import { compileTerms, type DomainTerm, type TermMatcher } from './terms';
import { closenessRows, meaningOf, type WordVectors } from './vectors';

export interface KnownValue {
  readonly code: string;
  readonly status: 'approved' | 'coded';
}

export interface EngineInput {
  readonly codebook: Codebook;
  /** Raw value → its decided code. Approved values weigh fully, coded ones less. */
  readonly known: ReadonlyMap<string, KnownValue>;
  /**
   * What the engine knows of the language and the field (profile.ts); default: the default
   * Swedish profile. `normalise` and `terms`, when given, take the place of the profile's.
   */
  readonly profile?: SuggestProfile;
  readonly normalise?: NormaliseConfig;
  /**
   * Domain vocabulary (terms.ts); default: the normalisation's own (`normalise.terms`), else
   * the profile's; `[]` for none.
   */
  readonly terms?: readonly DomainTerm[];
  /**
   * The word vectors the profile names (`wordVectors`, vectors.ts), read by the caller; absent:
   * no matching by meaning, whatever the profile's `meaning` weight.
   */
  readonly vectors?: WordVectors;
}

export interface SuggestionEngine {
  /** Distinct leaf codes, best first, score in [0, 1]. */
  suggest(raw: string, k: number): Suggestion[];
  /** Incremental: after an approval only this value's entry changes. */
  learn(raw: string, known: KnownValue): void;
  forget(raw: string): void;
  /**
   * The raw values suggested so far whose suggestions the learns and forgets since the last call
   * may have changed; every other value suggested so far would get exactly what it got before.
   */
  affected(): string[];
}

// The plain reference of FORMATS.md, which quality is measured against (reference.ts).
export { createReferenceEngine } from './reference';

// ---------------------------------------------------------------------------------------------
// The engine.

/** Tuning of the engine, in one place so the quality script can report what was used. */
export interface EngineWeights {
  /** Factor on a coded (not yet approved) value's score: a coder's decision, not yet reviewed. */
  readonly coded: number;
  /** Factor when the value and the target name different owners (child versus caregiver). */
  readonly ownerConflict: number;
  /** Factor on caregiver targets for a value that names no one: a problem is the child's own unless a caregiver is named. */
  readonly unnamedCaregiver: number;
  /** Factor when the value states an owner and the target is about no one in particular. */
  readonly ownerUnmatched: number;
  /** Factor when one side has the child as the doer and the other as the victim. */
  readonly victimConflict: number;
  /** Factor when one says the child is hurt and the other that someone else is. */
  readonly victimMismatch: number;
  /** Factor when one is negated and the other is not. */
  readonly negationConflict: number;
  /** Share of the remaining distance a second, independent match closes (1 − (1 − b1)(1 − λ·b2)…). */
  readonly support: number;
  /** Known values scoring below this Dice are not considered. */
  readonly minDice: number;
  /** Known values examined per suggestion (the best by Dice). */
  readonly neighbours: number;
  /**
   * Factor on a known value whose concepts of the vocabulary differ from the value's: it is like
   * the value in its other words (`Förhandsbedömning – hänvisning` and `Förhandsbedömning –
   * utredning inleds`), not in what it is about; or it vouches for only part of it (`Ej utredning`
   * says nothing of the `stöd` in `Ingen utredning – råd och stöd`).
   */
  readonly conceptMissing: number;
  /**
   * Weight of containment (the share of the value's bigrams found in the target) beside Dice:
   * raw values are terse and labels verbose, so `Eget våld` is all there in `barnet utövar våld`.
   */
  readonly containment: number;
  /** Factor on a phrase of a category's `include` text, matched like a synonym. */
  readonly inclusion: number;
  /**
   * Scale of the codebook retrieval (TF-IDF cosine of the value to a category's label, synonyms,
   * definition and inclusions): cosines of a short value to a paragraph are small.
   */
  readonly definition: number;
  /** Share of a category's score taken away when the value matches one of its exclusions. */
  readonly exclusion: number;
  /**
   * Share of a category's score that comes from the classifier learnt from the decisions
   * (classifier.ts); 0: no classifier. Without decisions nothing is learnt, whatever the share.
   */
  readonly classifier: number;
  /**
   * Largest further share of the classifier when it weighs itself by how well it predicts the
   * team's own approvals: the share added is this times its accuracy on approvals held out from
   * its training (`CROSS_FOLDS`-fold cross-validation), and nothing with fewer than
   * `CALIBRATION_MIN` approvals, where retrieval and the neighbours decide alone; a share of the
   * model's probability beyond the category's share of the decisions. Absent or 0: off,
   * the engine as before (optional, so profiles saved without it mean what they meant).
   */
  readonly calibrated?: number;
  /**
   * How much an approved neighbour loses when the words it and the value do not share are
   * themselves evidence in the codebook's own words: the value's extra words for another category
   * (`Familje-HVB` against an approved `H.V.B`), or the neighbour's extra words for its own, which
   * the value lacks (`Familjehemsvård` against an approved `Förstärkt familjehemsvård`). Words that
   * say nothing of any category (a typo, a prefix, a date) cost nothing. The words are those of the
   * normalised forms, persons and all: `HVB föräldrar & barn` and an approved `HVB` read alike, and
   * the persons are what differs. 0: off; needs a codebook with definitions or inclusions.
   */
  readonly differing?: number;
  /**
   * Factor on a decision (a neighbour) that shares with the value only frame words, and has words
   * the value lacks: words that decisions of two or more categories have (`vi fick in att`,
   * `Polisen uppger att`, `– kvitterad`), so they say nothing of one category. 1 or absent: off.
   */
  readonly frameOnly?: number;
  /**
   * Factor on a category of the codebook whose own texts speak of no violence, for a value of
   * violence that names who was hurt (`Slår personal på skolan` against `Skolproblematik`): the
   * value is about the violence, not the place. 1 or absent: off.
   */
  readonly violenceUnmatched?: number;
  /**
   * Largest share of the decisions having a word that one category may hold for the word to be
   * left out when a value is matched to the codebook's texts (not to the decisions): a word that is
   * no word of the codebook and that the team's decisions spread over categories is a registrar's
   * habit (`[import IA]`, `– VH informerad`, `(konv. Excel-logg)`), and says nothing of any. 0 or
   * absent: off. Without decisions nothing is left out, whatever the share.
   */
  readonly frameStrip?: number;
  /**
   * In a codebook that negates, the share a leaf of a negated group gains from how alike its
   * label's or synonyms' words beside the negation are to the value's (0: off).
   */
  readonly beside?: number;
  /** As `differing`, for the codebook's own texts (labels, synonyms, inclusions). 0 or absent: off. */
  readonly differingCodebook?: number;
  /**
   * Containment of a codebook text counted word by word: each of the value's words against the
   * text's word most like it, so bigrams that only meet across two of the text's words (the `el` of
   * `self` and `neglect`) do not make a typo (`negelct`) look contained. 0 or absent: off.
   */
  readonly alignedContainment?: number;
  /**
   * Share of a codebook text's Dice counted word by word (the rest is plain Dice): a value's word
   * counts only the bigrams it shares with the text's word most like it, and only when the two
   * words are alike (ALIGNED_WORD) from their beginnings (or all but a slip, ALIGNED_SLIP), so
   * bigrams met across unrelated words (the `de` and `er` of `minderårig` in `hedersvåld`, the
   * `-uellt` of `aktuellt` and `sexuellt`) do not lift a text; and its containment is counted the
   * same way.
   * 0 or absent: off.
   */
  readonly alignedDice?: number;
  /**
   * Share of the distance to 1 that closeness in meaning closes (word vectors, vectors.ts): a
   * category's score s becomes s + meaning × c × (1 − s), c the cosine of the value's meaning to
   * the nearest of the category's texts (label, synonyms, inclusions, definition); a category with
   * no other evidence gets meaning × c. 0 or absent, or no vectors given: off.
   */
  readonly meaning?: number;
}

/** A date's parts (`2024-03-01`, `3/4`, `3/4/24`): numbers that name nothing. */
const DATE = /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?/gu;
/** A number that may name something: one to three digits, not part of a word or a longer number. */
const NAMING_NUMBER = /(?<![\p{L}\p{N}])\d{1,3}(?![\p{L}\p{N}])/gu;

/** The numbers of a text that may name something (`pathway 2`, `9 § 3`): not a date's parts. */
function numbersOf(text: string): string[] {
  if (!/\d/u.test(text)) return [];
  return text.replace(DATE, ' ').match(NAMING_NUMBER) ?? [];
}

/**
 * A text with its numbers that may name something (numbersOf) as `#` (`lss # § #` of `lss 9 § 3`):
 * texts of one template differ only in those numbers. '' when it names none.
 */
export function numberTemplate(text: string): string {
  if (!/\d/u.test(text)) return '';
  const plain = text.replace(DATE, ' ');
  if (plain.search(NAMING_NUMBER) < 0) return '';
  return plain.replace(NAMING_NUMBER, '#').replace(/\s+/gu, ' ').trim();
}

/** Two lists of numbers, in order, that are not the same. */
function otherNumbers(a: readonly string[], b: readonly string[]): boolean {
  return a.length !== b.length || a.some((n, i) => n !== b[i]);
}

/** Both lists name numbers, and none in common. */
function noNumberShared(value: readonly string[], text: readonly string[]): boolean {
  return value.length > 0 && text.length > 0 && !value.some((n) => text.includes(n));
}

/** Both texts name numbers, and none in common: the engine's rule on a value and a codebook text. */
export function differentNumbers(a: string, b: string): boolean {
  return noNumberShared(numbersOf(a), numbersOf(b));
}

/** Factor on a codebook text whose numbers the value does not share (`pathway 1`, `pathway 2`). */
const NUMBER_CONFLICT = 0.7;

/** Leaves that may cite one legal reference for it to name them (`9 § 9` of two kinds of housing). */
const MAX_CITING = 2;
/**
 * A legal reference's weight beside an inclusion's: values cite a general basis (`SoL 4:1`) for
 * help the codebook files elsewhere, so it names a leaf less surely than a phrase does.
 */
const REFERENCE_WEIGHT = 0.75;
const LEGAL_REFERENCE =
  /(?<![\p{N}.:/-])(\d{1,2})\s*(?:kap\.?|kapitlet|§|:)\s*(\d{1,2})(?:\s?([a-z])(?![\p{L}]))?(?![\p{N}.:/-])/giu;

/**
 * The legal references of a text, keyed `chapter:paragraph` (`9 § 3`, `4 kap. 1 §` and `4:1` are
 * `9:3`, `4:1`, `4:1`; `6 b §` keeps its letter), with the first text that wrote each.
 */
export function legalReferences(text: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!/\d/u.test(text)) return out;
  for (const m of text.matchAll(LEGAL_REFERENCE)) {
    const key = `${Number(m[1])}:${Number(m[2])}${(m[3] ?? '').toLowerCase()}`;
    if (!out.has(key)) out.set(key, m[0].trim());
  }
  return out;
}

/**
 * A token a codebook text writes as a code or an abbreviation: two to five capitals (`DA`, `NRPF`,
 * `UASC`), or one to four capitals and a number (`N4`, `F32`), a whole word.
 */
const CITED = /(?<![\p{L}\p{N}])(?:\p{Lu}{2,5}|\p{Lu}{1,4}\d{1,3})(?![\p{L}\p{N}])/gu;

/**
 * The least a cited token counts for in a value of other words too (`DA - high risk`): a code
 * names more than its two letters' share of the value, yet less than the value's other words.
 */
const CITED_FLOOR = 0.65;

/** The tokens a text writes as codes or abbreviations (CITED), as written, each once. */
export function citedTokens(text: string): string[] {
  return [...new Set(text.match(CITED) ?? [])];
}

/** The default profile's weights (profiles/sv-barn-och-unga.profile.json). */
export const defaultEngineWeights: EngineWeights = svProfile.weights;

/** A category's document for the codebook retrieval: all it says about itself. */
function categoryDocument(c: Category, parent: Category | undefined): string {
  return [c.label, c.label, ...(c.synonyms ?? []), c.definition, c.include, parent?.label]
    .filter((t) => t !== undefined && t !== '')
    .join(' . ');
}

// Match texts whose lookups are kept (each a few kB at most).
const CACHE_TEXTS = 20_000;
// Codebook matches less similar than this are noise: never among the suggestions worth showing.
const MIN_SIMILARITY = 0.15;
// Matches beyond the best that still add support to a category's score.
const SUPPORTING = 4;
/** The longest phrase (in words) an exclusion refers to another category that counts as its inclusion. */
const REFERRED_WORDS = 4;
/** Letters a leaf's code needs to be matched as a word of a value (`ASD`, `EJU1`; not `H01`). */
const CODE_LETTERS = 2;

interface Target {
  readonly code: string;
  /** Index of `code` among the leaves: what `record` keeps per category, without a lookup by code. */
  readonly leaf: number;
  /** Known values with equal signatures score alike against any value (neighbours.ts). */
  readonly signature: string;
  readonly via: string;
  /** Compares targets of equal score independently of insertion order. */
  readonly key: string;
  /** The normalised text: of two equally scored targets, the closer in full form names the match. */
  readonly normalised: string;
  /** `normalised`, prepared on first use (only ties need it). */
  form: DiceProfile | undefined;
  /** The words of `normalised`, on first use (EngineWeights.differing). */
  words: TextWords | undefined;
  /** The match text's words, prepared, on first use (EngineWeights.alignedContainment). */
  wordForms?: readonly DiceProfile[];
  /** The match text's words, on first need (frameFactor). */
  matchWords?: ReadonlySet<string>;
  readonly weight: number;
  readonly features: ValueFeatures;
  /** Owner after inheritance from the category (a known `Missbruk` coded B11 is the child's). */
  readonly owner: Owner | null;
  readonly childVictim: boolean;
  /** Known values support each other; label variants of one category do not. */
  readonly independent: boolean;
  /** Its own text is not negated but its category sits under a negated group: either is right. */
  readonly negationFree: boolean;
  /**
   * A decision read as negated although its words are not: coded under a negated group and naming
   * what the group negates (`Utredning: Nej` under `Ingen utredning`). It never pulls a value that
   * affirms it (`Ja - utredning`).
   */
  readonly decidedNegated: boolean;
  /**
   * A decision for an affirmed category whose only negation is in a clause after a dash (headOf):
   * the match text of its words before the dash. Of the negated values it pulls only those whose
   * words before a dash are these, affirmed (`Utredning inleds – pappa delar inte oron`), never one
   * that negates them (`Utredning inleds ej – …`) or says something else (`Förhandsbedömning –
   * utredning inleds ej`). Null for any other target.
   */
  readonly affirmedHead: string | null;
  /** The concepts of the vocabulary its match text speaks of, as one key (sorted, distinct). */
  readonly concepts: string;
  /**
   * A codebook text whose negation qualifies what comes before it (`Familjehem (ej nätverk)`,
   * `Arbetslös utan ersättning`): the content words negated. Only a value that speaks of one of
   * them affirmed conflicts with it; a plain `Familjehem` does not.
   */
  readonly qualifier?: ReadonlySet<string>;
  /** The numbers of `normalised` (numbersOf), on first use. */
  numbers?: readonly string[];
  /** Its words say the child saw or heard violence (the word class `witnessed`), on first need. */
  witnessed?: boolean;
  /** `normalised`'s numberTemplate, on first use (only decisions' are read). */
  template?: string;
  /** Scratch of one suggestion: `near` of this target, valid while `nearRound` is the current round. */
  nearRound: number;
  nearScore: number;
}

export { termsOfCodebook } from './scope';

const languages = new WeakMap<SuggestProfile, Language>();

/** A profile's language, compiled once per profile object. */
export function languageOf(profile: SuggestProfile): Language {
  let language = languages.get(profile);
  if (!language) {
    language = compileLanguage(
      profile === defaultProfile
        ? defaultLanguage
        : {
            words: profile.words,
            endings: profile.endings,
            typoEndings: profile.typoEndings,
            numbersAreReferences: profile.reading.numbersAreReferences,
            ownerRules: profile.reading.owner,
          },
    );
    languages.set(profile, language);
  }
  return language;
}

/** A text as the engine reads it: its features and its normalised form. */
type Analysed = ValueFeatures & { readonly normalised: string };

// Readings kept across engines. An engine is built again whenever the codebook, the profile or the
// variable changes (and the app's worker does so for every such change), mostly over the values
// the engine before it read. A reading depends only on the normalisation, the vocabulary's matcher
// and the language, which the matcher is compiled for: kept per matcher and normalisation object
// (both compiled once per content), for the few most recently used pairs. First in, first out
// beyond MAX_READINGS texts each (a 50 000-value variable fits).
const MAX_READINGS = 60_000;
const KEPT_READINGS = 3;
const keptReadings: {
  readonly terms: TermMatcher;
  readonly config: NormaliseConfig;
  readonly exclusions: boolean;
  readonly texts: Map<string, Analysed>;
}[] = [];

function readingsOf(
  terms: TermMatcher,
  config: NormaliseConfig,
  exclusions: boolean,
): Map<string, Analysed> {
  const at = keptReadings.findIndex(
    (r) => r.terms === terms && r.config === config && r.exclusions === exclusions,
  );
  const kept = at >= 0 ? keptReadings.splice(at, 1)[0] : undefined;
  const readings = kept ?? { terms, config, exclusions, texts: new Map<string, Analysed>() };
  keptReadings.unshift(readings);
  if (keptReadings.length > KEPT_READINGS) keptReadings.pop();
  return readings.texts;
}

export function createEngine(input: EngineInput, tuning?: EngineWeights): SuggestionEngine {
  const profile = input.profile ?? defaultProfile;
  const weights = tuning ?? { ...defaultEngineWeights, ...profile.weights };
  const config = input.normalise ?? profile.normalise;
  const language = languageOf(profile);
  const leaves = leafCategories(input.codebook);
  // The domain vocabulary: the caller's, the normalisation's (an older setting), else the profile's.
  const vocabulary = input.terms ?? config.terms ?? profile.vocabulary;
  const terms = compileTerms(termsOfCodebook(leaves, vocabulary, config), language);
  const conceptsOf = (matchText: string): string =>
    [...new Set(matchText.split(' ').filter((w) => terms.isConcept(w)))].sort().join(' ');
  // The words the engine knows, for hashtags that run them together (hashtags.ts): the codebook's
  // and the profile's, read on the first value with a `#`.
  let lexicon: Set<string> | undefined;
  const knownWords = (): Set<string> => {
    if (lexicon) return lexicon;
    const words = (lexicon = new Set<string>());
    const add = (text: string | undefined) => {
      if (text) for (const w of wordsOf(normaliseValue(text, config))) words.add(w);
    };
    for (const c of input.codebook.categories) {
      for (const t of [c.label, c.definition, c.include, c.exclude, ...(c.synonyms ?? [])]) add(t);
    }
    for (const list of Object.values(profile.words)) for (const w of list ?? []) add(w);
    for (const t of vocabulary) for (const w of [...t.stems, ...(t.forms ?? []), t.concept]) add(w);
    return words;
  };
  const isKnownWord = (w: string): boolean => knownWords().has(w);
  // Tails saying what a value is not are cut only once the codebook is known to negate nothing.
  let exclusions = false;
  /**
   * A value as read: without a tail saying what it is not (when the codebook negates nothing), its
   * hashtags split into the known words they run together.
   */
  const joinSpaced = config.rules.garbled !== false;
  // Letters lost as `?`, typed on a keypad left on or with a wrong accent, and a paste's stray `v`
  // (lost-letters.ts), are read as a word the codebook or profile knows (part of reading garbled
  // text).
  const wordKnowledge: WordKnowledge = {
    exactly: isKnownWord,
    asForm: (w) => {
      const read = terms.conceptOf(w);
      return read.length !== 1 || read[0] !== w || language.personWord(w) !== undefined;
    },
  };
  const normaliseText = (value: string): string => {
    const raw = joinSpaced
      ? withoutStrayPaste(
          withWrongAccents(
            withKeypadLetters(withLostLetters(value, wordKnowledge), wordKnowledge),
            wordKnowledge,
          ),
          wordKnowledge,
        )
      : value;
    const read = withNegationsRead(
      withoutOpener(withoutDates(withoutTimeStamps(raw), language), language),
      language,
    );
    const cut = exclusions ? withoutTail(read) : read;
    // A heading a PDF spaced out letter by letter is read as its words (part of reading garbled text).
    const text = joinSpaced ? joinLetterSpaced(cut) : cut;
    return normaliseValue(text.includes('#') ? splitHashtags(text, isKnownWord) : text, config);
  };
  const analyse = (text: string): ValueFeatures =>
    analyseValue(normaliseText(text), terms, language);
  // Labels read once, before the codebook's negation is known (roles, and the test below).
  const labelReadings = new Map<string, ValueFeatures>();
  const readLabel = (label: string): ValueFeatures => {
    let read = labelReadings.get(label);
    if (read === undefined) labelReadings.set(label, (read = analyse(label)));
    return read;
  };
  const roles = categoryRoles(input.codebook, readLabel, profile.categories);
  // A codebook with a negated category (`Ej utredning`) has values whose negation is their meaning.
  // So does one whose labels or synonyms say an exclusion word (`Authorised, no conditions`), read
  // as negations or not.
  const excluding = new Set(profile.words.exclusions ?? []);
  const hasExclusion = (normalised: string): boolean =>
    wordsOf(normalised).some((w) => excluding.has(w));
  const saysExclusion = (text: string): boolean => hasExclusion(normaliseValue(text, config));
  // A negated group or a leaf declared negated: the codebook negates.
  const negating = [...roles.values()].some((r) => r.negatedGroup || r.negated === true);
  exclusions =
    excluding.size > 0 &&
    !negating &&
    !input.codebook.categories.some(
      (c) =>
        readLabel(c.label).negated ||
        saysExclusion(c.label) ||
        (c.synonyms ?? []).some(saysExclusion),
    );
  // An inclusion that says an exclusion word (`ej medlem i a-kassa`) is content, in a tail too.
  const negatedInclusions = input.codebook.categories
    .flatMap((c) => (c.include ?? '').split(/[;.]/u))
    .map((phrase) => normaliseValue(phrase, config))
    .filter((phrase) => phrase !== '' && hasExclusion(phrase))
    .map((phrase) => ` ${phrase} `);
  /** The text without a tail that says what it is not, unless the tail is a category's inclusion. */
  const withoutTail = (raw: string): string => {
    const head = withoutExclusionTail(raw, language);
    if (head === raw || negatedInclusions.length === 0) return head;
    const tail = ` ${normaliseValue(raw.slice(head.length), config)} `;
    return negatedInclusions.some((phrase) => tail.includes(phrase)) ? raw : head;
  };
  /**
   * In a codebook that negates, a decision's value before a tail that may say what it is not: the
   * exclusion tail (withoutTail), else the words before a dash when a negation follows it anywhere
   * (`Utredning inleds – föräldrarna delar inte oron`). Only for decisions, whose category says
   * whether the negation was the value's meaning: in a value to suggest, the clause after a dash
   * may be all of it (`Ang. utredning – inleds ej`).
   */
  const headOf = (raw: string): string => {
    const head = withoutTail(raw);
    if (head !== raw) return head;
    const dash = DASH_CLAUSE.exec(raw);
    if (!dash || !hasExclusion(normaliseValue(raw.slice(dash.index), config))) return raw;
    return raw.slice(0, dash.index);
  };
  /** The match text of a value's words before a dash clause (headOf), if any and not negated. */
  const affirmedHeadOf = (raw: string): string | null => {
    const head = headOf(raw);
    if (head === raw || head === '') return null;
    const read = analyseWithForm(head);
    return read.negated ? null : read.matchText;
  };
  // The words the codebook's negated groups negate (`utredning` of `Ingen utredning`).
  const negatedWordsOfCodebook = new Set([...roles.values()].flatMap((r) => [...r.negatedWords]));
  /**
   * In a codebook that negates, whether a value's negation is in other clauses than the one that
   * speaks of what the codebook negates: clauses (between commas, semicolons, spaced dashes and
   * arrows) that are negated and do not speak of it all come before the first clause that speaks
   * of it unnegated, or after it with a person of their own (`Utredning inleds – barnet ej känt
   * sedan tidigare`). A negation after it with no person of its own is the value's verdict
   * (`Utredning, inte aktuellt`), and one that speaks of it is the value's negation. A clause speaks
   * of it in its own words: `Förhandsbedömning avslutas` ends the assessment, though the vocabulary
   * reads `avslutas` as no investigation.
   */
  const negationElsewhere = (raw: string): boolean => {
    const clauses = raw.split(CLAUSE_BREAK).filter((c) => c.trim() !== '');
    if (clauses.length < 2) return false;
    let spoken = false;
    let negation = false;
    for (const clause of clauses) {
      const read = analyseWithForm(clause);
      const speaks = speaksOf(read.normalised, negatedWordsOfCodebook);
      if (read.negated) {
        if (speaks || (spoken && read.owner === null)) return false;
        negation = true;
      } else if (speaks) spoken = true;
    }
    return spoken && negation;
  };
  /**
   * In a codebook that negates, whether a value that speaks of what the codebook negates is negated
   * only by prepositions that govern other words (`Utredning inleds utan vårdnadshavarnas
   * samtycke`): such a negation is of its object, not of the value (`… utan utredning` is).
   */
  const negationOfOthersOnly = (normalised: string): boolean => {
    const words = normalised.split(' ');
    let negation = false;
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      if (!language.isNegation(w)) continue;
      if (!language.has('negatingPrepositions', w)) return false;
      // Its object: the next two words (`utan någon utredning`).
      if (speaksOf(words.slice(i + 1, i + 3).join(' '), negatedWordsOfCodebook)) return false;
      negation = true;
    }
    return negation && speaksOf(normalised, negatedWordsOfCodebook);
  };
  /**
   * A text's words beside what the codebook's negated groups negate, the negation itself and the
   * word it negates (`råd och stöd per telefon` of `Råd och stöd per telefon, ingen utredning`):
   * what tells the leaves of a negated group apart. Empty when nothing is left.
   */
  const besideNegation = (read: { matchText: string; normalised: string }): string => {
    // The words a negation negates, as the match text reads them (`överlämnad` is `överlämnas`).
    const negatedHere = new Set<string>();
    const written = read.normalised.split(' ');
    for (let i = 1; i < written.length; i++)
      if (language.isNegation(written[i - 1] as string))
        for (const w of wordsOfMatch(analyseWithForm(written[i] as string).matchText))
          negatedHere.add(w);
    return wordsOfMatch(read.matchText)
      .filter(
        (w) =>
          !language.isNegation(w) &&
          !negatedHere.has(w) &&
          !speaksOf(w, negatedWordsOfCodebook) &&
          !affirmedWords().has(w),
      )
      .join(' ');
  };
  // The words of the labels that affirm what the codebook negates (`Utredning inleds`): a negation
  // says them too (`Ingen utredning inleds`), so they tell no leaf of a negated group apart.
  let affirmed: Set<string> | undefined;
  const affirmedWords = (): ReadonlySet<string> => {
    if (affirmed) return affirmed;
    affirmed = new Set();
    for (const c of leaves) {
      if (roles.get(c.code)?.negatedGroup) continue;
      const words = wordsOfMatch(analyseWithForm(c.label).matchText);
      if (words.some((w) => speaksOf(w, negatedWordsOfCodebook)))
        for (const w of words) affirmed.add(w);
    }
    return affirmed;
  };
  // Per leaf of a negated group: its label's and synonyms' words beside the negation (on first need).
  const beside = weights.beside ?? 0;
  let residuals: ReadonlyMap<number, readonly DiceProfile[]> | undefined;
  const residualsOf = (): ReadonlyMap<number, readonly DiceProfile[]> => {
    if (residuals) return residuals;
    const byLeaf = new Map<number, DiceProfile[]>();
    leaves.forEach((c, leaf) => {
      if (!roles.get(c.code)?.negatedGroup) return;
      byLeaf.set(
        leaf,
        [c.label, ...(c.synonyms ?? [])]
          .map((t) => besideNegation(analyseWithForm(t)))
          .filter((t) => t !== '')
          .map((t) => diceProfile(t)),
      );
    });
    return (residuals = byLeaf);
  };
  /** The decisions that are affirmedHead (Target): a value is read for them only while any exists. */
  const affirmedHeads = new Set<string>();
  const readOnce = readingsOf(terms, config, exclusions);
  const analyseWithForm = (text: string): Analysed => {
    let read = readOnce.get(text);
    if (read === undefined) {
      const normalised = normaliseText(text);
      const f = analyseValue(normalised, terms, language);
      read = {
        owner: f.owner,
        ownerStated: f.ownerStated,
        childVictim: f.childVictim,
        otherVictim: f.otherVictim,
        caregiverVictim: f.caregiverVictim,
        violent: f.violent,
        negated: f.negated,
        matchText: f.matchText,
        normalised,
      };
      if (readOnce.size >= MAX_READINGS) readOnce.delete(readOnce.keys().next().value as string);
      readOnce.set(text, read);
    }
    return read;
  };
  const leafOf = new Map(leaves.map((c, i) => [c.code, i]));
  // In a codebook that negates, the leaves that affirm: no negated group above, and a label that
  // is no negation (or declared so). A decision for one says its value is no negation, whatever
  // its words seem to say (`Beslut utredning inleds +1 /EJ`, signed with initials).
  const affirmingLeaves = new Set(
    negating
      ? leaves
          .filter((c) => {
            const role = roles.get(c.code);
            return (
              role !== undefined &&
              !role.negatedGroup &&
              !(role.negated ?? readLabel(c.label).negated)
            );
          })
          .map((c) => c.code)
      : [],
  );

  // The codebook: few targets, every one scored for every value.
  const codebookIndex = new DiceIndex();
  const codebookTargets: Target[] = [];
  const targetOf = (
    code: string,
    via: string,
    key: string,
    weight: number,
    read: Analysed,
    independent: boolean,
    affirmedHead: string | null = null,
  ): Target => {
    const role = roles.get(code);
    const decidedNegated =
      independent &&
      !read.negated &&
      (role?.negatedWords.size ?? 0) > 0 &&
      read.matchText.split(' ').some((w) => role?.negatedWords.has(w));
    // The codebook's own texts of a leaf whose negation the profile declares; a decision for a
    // leaf that affirms, read as negated but for no clause after a dash (affirmedHead).
    const features =
      !independent && role?.negated !== undefined && role.negated !== read.negated
        ? { ...read, negated: role.negated }
        : independent && read.negated && affirmedHead === null && affirmingLeaves.has(code)
          ? { ...read, negated: false }
          : read;
    // A decision says what its value means: a known `Misshandel barn` coded as violence against the
    // child has the child as its victim, whatever a bare `barn` would say on its own.
    const victimByDecision =
      independent && (role?.childVictim ?? false) && features.owner !== 'caregiver';
    const owner = victimByDecision
      ? (role?.owner ?? null)
      : (features.owner ?? role?.owner ?? null);
    // A decision for a category of the child's own doing (`Våld mot andra - den unge` coded as the
    // child's violence) does not have the child as the one hurt, whatever its words seem to say.
    const ownDoing = independent && role?.owner === 'child' && !role.childVictim;
    const childVictim =
      (features.childVictim && !ownDoing) ||
      victimByDecision ||
      (features.owner === null && (role?.childVictim ?? false));
    return {
      code,
      leaf: leafOf.get(code) as number,
      signature: `${code}|${weight}|${owner}|${features.ownerStated}|${childVictim}|${features.otherVictim}|${features.negated}|${affirmedHead}`,
      via,
      key,
      normalised: features.normalised,
      form: undefined,
      words: undefined,
      weight,
      features,
      owner,
      childVictim,
      independent,
      negationFree: !features.negated && (role?.negatedGroup ?? false) && !decidedNegated,
      decidedNegated,
      affirmedHead,
      concepts: conceptsOf(features.matchText),
      nearRound: 0,
      nearScore: 0,
    };
  };
  /**
   * The content words a codebook text negates when its negation comes after content of its own
   * (`Familjehem (ej nätverk)`: `nätverk`); undefined when it negates the whole (`Ingen
   * utredning`) or nothing.
   */
  const qualifierOf = (read: Analysed): ReadonlySet<string> | undefined => {
    if (!read.negated) return undefined;
    const words = read.normalised.split(' ');
    const at = words.findIndex((w) => language.isNegation(w));
    if (at <= 0 || analyse(words.slice(0, at).join(' ')).matchText === '') return undefined;
    const negated = analyse(words.slice(at + 1).join(' ')).matchText.split(' ');
    return negated[0] === '' ? undefined : new Set(negated);
  };
  const addCodebookText = (c: Category, text: string, via: string, weight = 1): void => {
    for (const variant of alternativeVariants(text)) {
      const features = analyseWithForm(variant);
      const target = targetOf(c.code, via, `${via}\u0000${variant}`, weight, features, false);
      const qualifier = qualifierOf(features);
      codebookTargets.push(qualifier ? { ...target, qualifier } : target);
    }
  };
  // Exclusions: phrases that, matched, speak against their category (`exclude` names what
  // belongs elsewhere).
  const exclusionIndex = new DiceIndex();
  const exclusionLeaf: number[] = [];
  // A text of a few words is also written as its initials (`PA` for `Physical abuse`, `CSE` for
  // `child sexual exploitation`): matched like an inclusion, named by the text it abbreviates.
  // Only a whole word of the value is an initialism (`FP` is not the `bfp` of `bostadstillägg för
  // pensionärer`): kept apart from the indexes, by their text.
  const initialTargets = new Map<string, { target: Target; size: number }[]>();
  // Every codebook text as its words, for abbreviations that are not whole initials (below).
  const abbreviated: {
    readonly c: Category;
    readonly via: string;
    readonly weight: number;
    readonly text: string;
  }[] = [];
  const addWithInitials = (c: Category, text: string, via: string, weight: number): void => {
    addCodebookText(c, text, via, weight);
    const normalised = normaliseValue(text, config);
    abbreviated.push({
      c,
      via,
      weight,
      // Function words are no part of an abbreviation (`IF` is not `konflikt i familjen`).
      text: (normalised.toLowerCase().match(/\p{L}+/gu) ?? [])
        .filter((w) => !language.has('stopwords', w))
        .join(' '),
    });
    for (const initials of initialsOf(normalised)) {
      const read = analyseWithForm(initials);
      if (read.matchText !== initials) continue; // a word the reading sets aside (`och`, `i`)
      const target = targetOf(
        c.code,
        via,
        `${via}\u0000${initials}`,
        weights.inclusion,
        read,
        false,
      );
      const list = initialTargets.get(initials) ?? [];
      list.push({ target, size: diceProfile(initials).size });
      initialTargets.set(initials, list);
    }
  };
  const leafByCode = new Map(leaves.map((c) => [c.code, c]));
  const isLeaf = (code: string): boolean => leafByCode.has(code);
  leaves.forEach((c, leaf) => {
    addWithInitials(c, c.label, `label: ${c.label}`, 1);
    for (const s of c.synonyms ?? []) addWithInitials(c, s, `synonym: ${s}`, 1);
    for (const p of inclusionPhrases(c.include ?? ''))
      addWithInitials(c, p, `include: ${p}`, weights.inclusion);
    // A code an exclusion names is not a phrase of it (`ADHD alone (N07)`).
    for (const p of inclusionPhrases(withoutReferences(c.exclude ?? '', isLeaf))) {
      exclusionIndex.add(exclusionLeaf.length, analyseWithForm(p).matchText);
      exclusionLeaf.push(leaf);
    }
  });
  // What an exclusion says is coded elsewhere (`ADHD alone (N07)`) is an inclusion of that code,
  // when it is a phrase a value might be (longer ones are prose: `school refusal framed as
  // behaviour or conduct (B11)` matches values by its function words).
  for (const c of leaves)
    for (const r of exclusionReferrals(c.exclude ?? '', isLeaf, c.code))
      if (r.phrase.split(/\s+/u).length <= REFERRED_WORDS)
        addWithInitials(
          leafByCode.get(r.code) as Category,
          r.phrase,
          `referred: ${c.code}: ${r.phrase}`,
          weights.inclusion,
        );
  const codeTargets = new Map<string, Target>();
  // A leaf's own code written in a value (`SpLD`, `K - SEMH`, `HI (moderate)`), as systems export
  // it, when the code has letters enough to be no number or letter of a local code (`SPLD`, `ASD`,
  // `EJU1`; not `H01` or `12`): matched as a whole word, like an inclusion.
  for (const c of leaves) {
    if ((c.code.match(/\p{L}/gu) ?? []).length < CODE_LETTERS) continue;
    const read = analyseWithForm(c.code);
    const word = c.code.toLowerCase();
    if (read.matchText !== word) continue; // a word the reading sets aside, or more than one word
    // A word another category's texts use (`SELF` and `Self-neglect`, `PRS` and `PRS rent
    // arrears`) is that word there, not this code.
    if (abbreviated.some((a) => a.c.code !== c.code && a.text.split(' ').includes(word))) continue;
    const target = targetOf(
      c.code,
      `code: ${c.code}`,
      `code\u0000${c.code}`,
      weights.inclusion,
      read,
      false,
    );
    codeTargets.set(word, target);
  }
  /**
   * Targets for what at most MAX_CITING leaves' texts (label, synonyms, definition, inclusions)
   * cite, by key: `cites` gives a text's keys with how each was first written, `via` the target's
   * words, `numbers` its numbers (read from the leaf's label, the numbers are the citation's).
   */
  const citedBy = (
    cites: (text: string) => Iterable<readonly [string, string]>,
    via: string,
    numbers: (written: string) => readonly string[],
  ): Map<string, Target[]> => {
    const citing = new Map<string, { leaves: Set<Category>; written: string }>();
    for (const c of leaves)
      for (const text of [c.label, ...(c.synonyms ?? []), c.definition ?? '', c.include ?? ''])
        for (const [key, written] of cites(text)) {
          const entry = citing.get(key) ?? { leaves: new Set<Category>(), written };
          entry.leaves.add(c);
          citing.set(key, entry);
        }
    const targets = new Map<string, Target[]>();
    for (const [key, { leaves: cs, written }] of citing) {
      if (cs.size > MAX_CITING) continue;
      targets.set(
        key,
        [...cs].map((c) => ({
          ...targetOf(
            c.code,
            `${via}: ${written}`,
            `${via}\u0000${key}`,
            weights.inclusion * REFERENCE_WEIGHT,
            analyseWithForm(c.label),
            false,
          ),
          numbers: numbers(written),
        })),
      );
    }
    return targets;
  };
  // A legal reference a leaf's texts cite (`(9 § 3 LSS)`, `4 kap. 1 § SoL`, `BrB 8:7`), written in a
  // value (`LSS 9 § 3`, `9:3 ledsagning`): names the leaf, when at most two leaves cite it; its
  // numbers are the reference's (`9 § 7`, not the label's `12`).
  const referenceTargets = citedBy(legalReferences, 'reference', numbersOf);
  // A code or abbreviation a leaf's texts write (`A temporary crisis … (N4)`, `police DA
  // notifications`), written in a value: names the leaf, when at most two leaves write it and it is
  // no category's own code (those are the code rule's); it has no numbers (not the label's `(14+)`).
  const ownCodes = new Set(input.codebook.categories.map((c) => c.code.toLowerCase()));
  const citedTargets = citedBy(
    (text) =>
      citedTokens(text)
        .map((token) => [token.toLowerCase(), token.toUpperCase()] as const)
        .filter(([key]) => !ownCodes.has(key) && !codeTargets.has(key)),
    'cited',
    () => [],
  );
  // Nor is a cited token the initials of another leaf's text (`DA` of `dental appointments`).
  for (const [key, targets] of citedTargets) {
    const initials = initialTargets.get(key);
    if (initials)
      initialTargets.set(
        key,
        initials.filter((i) => targets.some((t) => t.code === i.target.code)),
      );
  }
  // An abbreviation the codebook writes out (`parental mental health (MH)`) is that category's, not
  // the initials of another's text (`mental health`).
  for (const t of codebookTargets) {
    const list = initialTargets.get(t.normalised);
    if (list)
      initialTargets.set(
        t.normalised,
        list.filter((i) => i.target.code === t.code),
      );
  }
  /**
   * A word the value writes in capitals (`PP`, `DM`) that is no text's whole initials may still
   * abbreviate one: its letters found in order in the text, the first at the start of a word
   * (Schwartz & Hearst's rule for abbreviations), `PP` in `Physical assault against a pupil`,
   * `DM` in `Damage`. Weighed by the share of its letters that begin a word, and below whole
   * initials; only when at least half of them do. Per word, once.
   */
  const abbreviations = new Map<string, { target: Target; share: number; size: number }[]>();
  let textWordsSeen: Set<string> | undefined;
  const textWordSet = (): ReadonlySet<string> =>
    (textWordsSeen ??= new Set(abbreviated.flatMap((a) => a.text.split(' '))));
  const abbreviationsOf = (word: string) => {
    let found = abbreviations.get(word);
    if (found) return found;
    found = [];
    const best = new Map<string, { target: Target; share: number; size: number }>();
    for (const { c, via, weight, text } of abbreviated) {
      const found = abbreviationOf(word, text);
      if (!found || found.share < 0.5) continue;
      // Read from its end, an abbreviation's last letter is most often in the text's last word.
      const share = found.share * (found.last ? 1 : ABBREVIATION_UNANCHORED);
      const had = best.get(c.code);
      if (had && had.share >= share) continue;
      const target = targetOf(
        c.code,
        via,
        `${via}\u0000abbreviation\u0000${word}`,
        weight * ABBREVIATION_WEIGHT * share,
        analyseWithForm(word),
        false,
      );
      best.set(c.code, { target, share, size: diceProfile(word).size });
    }
    found = [...best.values()];
    abbreviations.set(word, found);
    return found;
  };
  // Codebook texts of different categories that the reading makes one (`HVB för föräldrar och
  // barn` and the `HVB` of another category's inclusions both read `hvb`, persons set aside, and
  // no owner told apart): the words the reading set aside are all that tells them apart, so these
  // are matched by their whole normalised form, against the value's (`fullIndex`).
  const readAs = (t: Target): string =>
    `${t.features.matchText}|${t.owner}|${t.childVictim}|${t.features.otherVictim}|${t.features.negated}`;
  const readings = new Map<string, { codes: Set<string>; forms: Set<string> }>();
  for (const t of codebookTargets) {
    const r = readings.get(readAs(t));
    if (r) {
      r.codes.add(t.code);
      r.forms.add(t.normalised);
    } else readings.set(readAs(t), { codes: new Set([t.code]), forms: new Set([t.normalised]) });
  }
  const fullIndex = new DiceIndex();
  codebookTargets.forEach((t, id) => {
    // The same text in two categories stays as it is: its whole form tells them apart no better.
    const r = readings.get(readAs(t)) as { codes: Set<string>; forms: Set<string> };
    if (r.codes.size > 1 && r.forms.size > 1) fullIndex.add(id, t.normalised);
    else codebookIndex.add(id, t.features.matchText);
  });
  // The codebook's own words, when it has any beyond labels: a codebook written with definitions
  // gets suggestions from them without a vocabulary of its own.
  const byCode = new Map(input.codebook.categories.map((c) => [c.code, c]));
  const documents = leaves.some((c) => c.definition || c.include)
    ? new DocumentIndex(
        leaves.map((c) =>
          normaliseValue(
            categoryDocument(c, c.parent === null ? undefined : byCode.get(c.parent)),
            config,
          ),
        ),
      )
    : null;
  // Closeness in meaning (vectors.ts): each leaf's texts as meanings, the best of them per value.
  // The texts' meanings in one array (text t at t × dimensions), with each text's leaf.
  const meaningShare = input.vectors ? (weights.meaning ?? 0) : 0;
  const meaningTexts: string[] = [];
  const meaningLeaf: number[] = [];
  let meaningMatrix: Float32Array | null = null;
  if (meaningShare > 0 && input.vectors) {
    const found: Float32Array[] = [];
    leaves.forEach((c, leaf) => {
      for (const written of [
        c.label,
        ...(c.synonyms ?? []),
        ...(c.include ?? '').split(/[;,]/u),
        ...(c.definition ? [c.definition] : []),
      ]) {
        const text = written.trim().replace(/\.$/u, '');
        const m = text === '' ? null : meaningOf(text, input.vectors as WordVectors);
        if (!m) continue;
        found.push(m);
        meaningTexts.push(text);
        meaningLeaf.push(leaf);
      }
    });
    const d = input.vectors.dimensions;
    meaningMatrix = new Float32Array(found.length * d);
    found.forEach((m, t) => (meaningMatrix as Float32Array).set(m, t * d));
  }
  const meanings = meaningMatrix;
  const meaningTargets = new Map<string, Target>();
  const meaningTarget = (leaf: number, text: string): Target => {
    const c = leaves[leaf] as Category;
    const key = `meaning\u0000${c.code}\u0000${text}`;
    let t = meaningTargets.get(key);
    if (!t) {
      t = targetOf(c.code, `meaning: ${text}`, key, 1, analyseWithForm(c.label), false);
      meaningTargets.set(key, t);
    }
    return t;
  };
  // Per-suggestion scratch of `closest` (suggest is never re-entered): each text's cosine, and per
  // leaf the best cosine and its text.
  const textCosines = new Float64Array(meaningLeaf.length);
  const closeCosines = new Float64Array(leaves.length);
  const closeText = new Int32Array(leaves.length);
  /**
   * Per leaf: the cosine of the value's meaning to its nearest text, and that text's index (arrays
   * reused by the next call).
   */
  const closest = (normalised: string): { c: Float64Array; text: Int32Array } | null => {
    if (!meanings || !input.vectors) return null;
    const m = meaningOf(normalised, input.vectors);
    if (!m) return null;
    closenessRows(m, meanings, meaningLeaf.length, textCosines);
    closeCosines.fill(0);
    closeText.fill(-1);
    for (let t = 0; t < meaningLeaf.length; t++) {
      const x = textCosines[t] as number;
      const leaf = meaningLeaf[t] as number;
      if (x > (closeCosines[leaf] as number)) {
        closeCosines[leaf] = x;
        closeText[leaf] = t;
      }
    }
    return { c: closeCosines, text: closeText };
  };
  const documentTargets = documents
    ? leaves.map((c) =>
        targetOf(
          c.code,
          `definition: ${c.label}`,
          `definition\u0000${c.code}`,
          1,
          analyseWithForm(c.label),
          false,
        ),
      )
    : [];

  // The codebook retrieval of the words a value and a neighbour do not share (see
  // EngineWeights.differing), from each word's scores, kept once.
  const differing = documents ? (weights.differing ?? 0) : 0;
  const sums = new Float64Array(leaves.length);
  // The codebook's texts as their words (`cp`, `ej medlem i a kassa`), with the categories that
  // have them.
  const codebookRuns = new CodebookRuns(codebookTargets);
  /**
   * Whether the value has, whole, a codebook text of another category that the neighbour lacks (an
   * abbreviation the codebook writes out, `CP` of `child-protection (CP) concerns`; an inclusion,
   * `ej medlem i a-kassa`): it names what the neighbour is not about (`CP concern` against an
   * approved `C&L concern`), so the neighbour loses `differing` in full and supports nothing.
   */
  const namesOther = (named: readonly CodebookRun[], neighbour: Target): boolean => {
    if (named.length === 0) return false;
    const words = wordsOfTarget(neighbour).all;
    return named.some((run) => !run.codes.has(neighbour.code) && !hasRun(words, run.words));
  };
  // A known value's words, read on first use.
  const wordsOfTarget = (t: Target): TextWords =>
    (t.words ??= textWords(t.normalised, documents as DocumentIndex));
  /** Factor on a neighbour for what the words it and the value do not share say (1: nothing). */
  const differingCodebook = documents ? (weights.differingCodebook ?? 0) : 0;
  /**
   * Factor on a match (a neighbour, or a codebook text) for what the words it and the value do not
   * share say, at `strength` (1: nothing).
   */
  const differingFactorAt = (valueWords: TextWords, match: Target, strength: number): number => {
    const leaf = match.leaf;
    const matchWords = wordsOfTarget(match);
    // The value's own words speak for another category more than for the match's …
    const against = -margin(valueWords, matchWords, leaf, sums);
    // … or the match's own words, which the value lacks, are what make it its category.
    const own = margin(matchWords, valueWords, leaf, sums);
    let factor = 1;
    if (against > 0) factor *= 1 - strength * Math.min(1, weights.definition * against);
    if (own > 0) factor *= 1 - strength * Math.min(1, weights.definition * own);
    return factor;
  };
  const differingFactor = (
    valueWords: TextWords,
    neighbour: Target,
    namesOtherCategory: boolean,
  ): number =>
    (namesOtherCategory ? 1 - differing : 1) * differingFactorAt(valueWords, neighbour, differing);

  // Known values: many, searched through the neighbour index (one entry per distinct match text).
  const known = new NeighbourIndex<Target>();

  // What a match text matches depends only on the text, and many values share one (`B/U Missbruk
  // barnet`, `Missbruk eget 13-17 år` are both `missbruk`): looked up once, until a learn or forget
  // changes the known values. First in, first out beyond CACHE_TEXTS texts.
  interface Found {
    readonly size: number;
    /** Codebook hits as (target id, Dice, shared bigrams) triples. */
    readonly codebook: readonly number[];
    readonly known: readonly NeighbourHit<Target>[];
    /** The match text's concepts of the vocabulary, as one key (see Target.concepts). */
    readonly concepts: string;
    /** Per leaf: the codebook retrieval's cosine (empty without documents). */
    readonly documents: Float64Array;
    /** Per leaf: the best similarity to one of its exclusions (empty without exclusions). */
    readonly excluded: Float64Array;
  }
  const cache = new Map<string, Found>();
  const alignedDice = weights.alignedDice ?? 0;
  /** A target's match text's words, prepared on first use. */
  const wordFormsOfTarget = (t: Target): readonly DiceProfile[] =>
    (t.wordForms ??= wordsOfMatch(t.features.matchText).map((w) => diceProfile(w)));
  /**
   * Rescores codebook hits (target id, Dice, shared bigrams triples, in place) word by word
   * (EngineWeights.alignedDice): the Dice blended, the shared bigrams as the aligned ones, scaled to
   * the profile's size (`size`) so that containment is theirs.
   */
  const alignCodebookHits = (matchText: string, size: number, hits: number[]): void => {
    const forms = wordsOfMatch(matchText).map((w) => diceProfile(w));
    let valueSize = 0;
    for (const f of forms) valueSize += f.size;
    if (valueSize === 0) return; // words of one letter: no bigrams to align
    for (let i = 0; i < hits.length; i += 3) {
      const targetForms = wordFormsOfTarget(codebookTargets[hits[i] as number] as Target);
      let targetSize = 0;
      for (const f of targetForms) targetSize += f.size;
      if (targetSize === 0) continue;
      let shared = 0;
      for (const v of forms) {
        let best = 0;
        for (const f of targetForms) {
          const n = sharedBigrams(v, f);
          const dice = (2 * n) / (v.size + f.size);
          // Alike from their beginnings, one in the other, or all but a slip: words that share
          // only an ending (`aktuellt`, `sexuellt`) are other words.
          if (
            n > best &&
            dice >= ALIGNED_WORD &&
            (dice >= ALIGNED_SLIP || sameStart(v.text, f.text))
          )
            best = n;
        }
        shared += best;
      }
      const dice = (2 * shared) / (valueSize + targetSize);
      hits[i + 1] = alignedDice * dice + (1 - alignedDice) * (hits[i + 1] as number);
      hits[i + 2] = (shared / valueSize) * size;
    }
  };
  /** Dice, raised towards containment (the share of the value's bigrams found in the target). */
  const similarity = (dice: number, shared: number, size: number): number => {
    const contained = size > 0 ? shared / size : dice;
    return Math.max(dice, weights.containment * contained + (1 - weights.containment) * dice);
  };
  /** The codebook's part of a lookup (Found without the decisions): the same for any decisions. */
  const codebookPart = (
    matchText: string,
    q: DiceProfile,
  ): Pick<Found, 'size' | 'codebook' | 'documents' | 'excluded'> => {
    const codebook: number[] = [];
    // Every codebook target that shares a bigram (overlaps exact, nothing merged or sorted) and is
    // similar enough to matter: most share a stray bigram or two, and no factor raises a score.
    codebookIndex.forEachMatch(q, (id, score, shared) => {
      if (similarity(score, shared, q.size) >= MIN_SIMILARITY) codebook.push(id, score, shared);
    });
    if (alignedDice > 0) alignCodebookHits(matchText, q.size, codebook);
    const excluded = new Float64Array(exclusionLeaf.length > 0 ? leaves.length : 0);
    // Plain Dice, not containment: a terse `missbruk` is all there in the exclusion `missbruk hos
    // förälder` of the child's own misuse, yet it says nothing against it.
    exclusionIndex.forEachMatch(q, (id, score) => {
      const leaf = exclusionLeaf[id] as number;
      excluded[leaf] = Math.max(excluded[leaf] as number, score);
    });
    return {
      size: q.size,
      codebook,
      documents: documents ? documents.scores(matchText) : new Float64Array(0),
      excluded,
    };
  };
  const lookup = (matchText: string): Found => {
    let found = cache.get(matchText);
    if (found) return found;
    const q = diceProfile(matchText);
    found = {
      ...codebookPart(matchText, q),
      known: known.search(q, weights.minDice, weights.neighbours),
      concepts: conceptsOf(matchText),
    };
    if (cache.size >= CACHE_TEXTS) cache.delete(cache.keys().next().value as string);
    cache.set(matchText, found);
    return found;
  };
  // The codebook's part of the lookups of match texts without their frame words (frameStrip):
  // no decision changes it, so it is never dropped but to keep the cache's size.
  const strippedCache = new Map<string, ReturnType<typeof codebookPart>>();

  // What a change of the known values reaches: a known value matters to a match text only when
  // their Dice is at least minDice (neighbours.ts), so a change of the known value with text K
  // reaches exactly the texts within minDice of K — found through an index of the texts suggested
  // so far. Their lookups are dropped and their values reported by `affected`; nothing else moves.
  const suggestedRaws = new Map<string, Set<string>>(); // match text → raw values suggested
  const suggestedIndex = new DiceIndex();
  const suggestedTexts: string[] = []; // id in suggestedIndex → match text
  let indexedUpTo = 0; // suggestedRaws' texts in insertion order: those before are indexed
  const changedTexts = new Set<string>();
  const reached = new Set<string>(); // raw values reached by changes not yet reported

  const remember = (raw: string, matchText: string): void => {
    const raws = suggestedRaws.get(matchText);
    if (raws) raws.add(raw);
    else suggestedRaws.set(matchText, new Set([raw]));
  };

  /** Drops the lookups the changes reach and notes their values; cheap when nothing changed. */
  const applyChanges = (): void => {
    if (changedTexts.size === 0) return;
    if (!(weights.minDice > 0)) {
      // Every known value is a neighbour of every text: any change may move anything.
      cache.clear();
      for (const raws of suggestedRaws.values()) for (const raw of raws) reached.add(raw);
      changedTexts.clear();
      return;
    }
    if (indexedUpTo < suggestedRaws.size) {
      let i = 0;
      for (const text of suggestedRaws.keys()) {
        if (i++ < indexedUpTo) continue;
        suggestedIndex.add(suggestedTexts.length, text);
        suggestedTexts.push(text);
      }
      indexedUpTo = suggestedRaws.size;
    }
    for (const changed of changedTexts) {
      if (suggestedIndex.size === 0) break;
      for (const { id } of suggestedIndex.search(changed, { minScore: weights.minDice })) {
        const text = suggestedTexts[id] as string;
        cache.delete(text);
        for (const raw of suggestedRaws.get(text) ?? []) reached.add(raw);
      }
    }
    changedTexts.clear();
  };

  const affected = (): string[] => {
    applyChanges();
    // A retrained model may move any value's suggestions.
    if (modelMoved) {
      for (const raws of suggestedRaws.values()) for (const raw of raws) reached.add(raw);
      modelMoved = false;
    } else if (flipped.size > 0) {
      // A word that became a frame word, or stopped being one, moves the values that have it.
      for (const [text, raws] of suggestedRaws)
        if (wordsOfMatch(text).some((w) => flipped.has(w)))
          for (const raw of raws) reached.add(raw);
    }
    flipped.clear();
    const out = [...reached];
    reached.clear();
    return out;
  };

  // The classifier learnt from the decisions: retrained when they changed, on first use. Its
  // examples are kept by raw value and trained in the order of the values, so the model is the
  // same whatever the order of learning.
  const calibrated = weights.calibrated ?? 0;
  const learning = weights.classifier > 0 || calibrated > 0;
  const training = new Map<string, Example>();
  // Per leaf: its share of the decisions the model was trained on.
  const prior = new Float64Array(leaves.length);
  /**
   * The model's say for a leaf: its fixed share of the probability, and its earned share of the
   * probability beyond the leaf's share of the decisions. A category chosen often is likely for
   * any value, and in a near tie the model would otherwise pull every value towards it (a
   * `concern` approved mostly as learning needs is no evidence that `CP concern` is one).
   */
  const learntScore = (p: Float64Array, leaf: number): number => {
    const q = p[leaf] as number;
    const base = prior[leaf] as number;
    return share * q + (base < 1 ? earned * Math.max(0, (q - base) / (1 - base)) : 0);
  };
  let model: LogisticModel | null = null;
  // The classifier's shares of a category's score: the fixed one, of its probability, and the
  // one it earned (calibrated), of its probability beyond the category's share of the decisions.
  const share = weights.classifier;
  let earned = 0;
  let modelStale = false;
  let modelMoved = false;
  const trainedModel = (): LogisticModel | null => {
    if (modelStale) {
      const examples = [...training.keys()]
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((raw) => training.get(raw) as Example);
      model = examples.length > 0 ? LogisticModel.train(leaves.length, examples) : null;
      prior.fill(0);
      let total = 0;
      for (const e of examples) total += e.weight;
      for (const e of examples) prior[e.label] = (prior[e.label] as number) + e.weight / total;
      earned = calibrated > 0 ? calibrated * heldOutAccuracy(leaves.length, examples) : 0;
      if (share + earned <= 0) model = null;
      modelStale = false;
    }
    return model;
  };

  // The decisions whose texts name numbers, by numberTemplate (per template its decisions by raw
  // value, and how many name each code): a template whose decisions name two categories (`LSS 9 §
  // 4` and `LSS 9 § 5`) is one whose numbers the team codes by, and a decision of it never pulls a
  // value of it naming other numbers.
  const byTemplate = new Map<
    string,
    { decisions: Map<string, { code: string; text: string }>; codes: Map<string, number> }
  >();
  const templateOf = new Map<string, string>(); // raw → its template, for the decisions in byTemplate
  const decidesByNumber = (template: string): boolean =>
    (byTemplate.get(template)?.codes.size ?? 0) >= 2;
  /** Sets (or, without `decision`, drops) a raw value's decision in byTemplate. */
  const placeByTemplate = (
    raw: string,
    decision?: { code: string; text: string; template: string },
  ) => {
    const before = templateOf.get(raw);
    const after =
      decision !== undefined && decision.template !== '' ? decision.template : undefined;
    if (before === undefined && after === undefined) return;
    for (const template of new Set([before, after])) {
      if (template === undefined) continue;
      const was = decidesByNumber(template);
      let entry = byTemplate.get(template);
      if (entry === undefined)
        byTemplate.set(template, (entry = { decisions: new Map(), codes: new Map() }));
      const old = entry.decisions.get(raw);
      if (old !== undefined) {
        entry.decisions.delete(raw);
        const n = (entry.codes.get(old.code) ?? 1) - 1;
        if (n > 0) entry.codes.set(old.code, n);
        else entry.codes.delete(old.code);
      }
      if (decision !== undefined && template === after) {
        entry.decisions.set(raw, { code: decision.code, text: decision.text });
        entry.codes.set(decision.code, (entry.codes.get(decision.code) ?? 0) + 1);
      }
      if (entry.decisions.size === 0) byTemplate.delete(template);
      // Whether the template's numbers decide changes what its every decision pulls.
      if (built && was !== decidesByNumber(template))
        for (const { text } of entry.decisions.values()) changedTexts.add(text);
    }
    if (after === undefined) templateOf.delete(raw);
    else templateOf.set(raw, after);
  };

  // Frame words: words of the decisions that several categories' decisions share (`vi fick in
  // att`, `Polisen uppger att`, `– kvitterad`, a form's headings). A registrar writes them around
  // any reason, so a neighbour that shares only them with a value says nothing of its category.
  // Per word: how many decisions of each category have it; per raw value: its code and words.
  const frameCounts = new Map<string, Map<string, number>>();
  const framed = new Map<string, { code: string; words: readonly string[] }>();
  const frameLimit = FRAME_CATEGORIES;
  const isFrame = (word: string): boolean => (frameCounts.get(word)?.size ?? 0) >= frameLimit;
  // Words that became frame words or stopped being one since the last `affected`: only values with
  // one of them can move (frameFactor reads only the words a value shares).
  const flipped = new Set<string>();
  // The factor on a frame-only decision; 1 (absent): off, and no frame words are kept.
  const frameOnly = weights.frameOnly ?? 1;
  const frameStrip = weights.frameStrip ?? 0;
  const framing = frameOnly < 1 || frameStrip > 0;
  /**
   * Whether decisions of two or more categories have a word, none of them more than `frameStrip` of
   * those decisions (frameStrip): by the word's count of decisions per category.
   */
  const spreadOut = (byCode: ReadonlyMap<string, number> | undefined): boolean => {
    if (frameStrip <= 0 || !byCode || byCode.size < 2) return false;
    let n = 0;
    let most = 0;
    for (const k of byCode.values()) {
      n += k;
      if (k > most) most = k;
    }
    return most <= frameStrip * n;
  };
  const placeFrame = (raw: string, decision?: { code: string; matchText: string }): void => {
    if (!framing) return;
    const before = framed.get(raw);
    if (before) {
      for (const w of before.words) {
        const byCode = frameCounts.get(w) as Map<string, number>;
        const was = byCode.size;
        const spread = spreadOut(byCode);
        const n = (byCode.get(before.code) ?? 1) - 1;
        if (n > 0) byCode.set(before.code, n);
        else byCode.delete(before.code);
        if (byCode.size === 0) frameCounts.delete(w);
        if (was >= frameLimit && byCode.size < frameLimit) flipped.add(w);
        // A word spread over categories or no longer: values with it are matched anew.
        if (spread !== spreadOut(byCode)) flipped.add(w);
      }
      framed.delete(raw);
    }
    if (decision === undefined) return;
    const words = [...new Set(wordsOfMatch(decision.matchText))];
    for (const w of words) {
      let byCode = frameCounts.get(w);
      if (!byCode) frameCounts.set(w, (byCode = new Map()));
      const was = byCode.size;
      const spread = spreadOut(byCode);
      byCode.set(decision.code, (byCode.get(decision.code) ?? 0) + 1);
      if (was < frameLimit && byCode.size >= frameLimit) flipped.add(w);
      if (spread !== spreadOut(byCode)) flipped.add(w);
    }
    framed.set(raw, { code: decision.code, words });
  };
  // Words' bigram profiles, for words that differ only by a slip (frameFactor).
  const wordProfiles = new Map<string, DiceProfile>();
  const wordProfile = (w: string): DiceProfile => {
    let p = wordProfiles.get(w);
    if (p === undefined) {
      if (wordProfiles.size >= CACHE_TEXTS) wordProfiles.clear();
      wordProfiles.set(w, (p = diceProfile(w)));
    }
    return p;
  };
  /** Whether two words are one but for a slip (`noorrmbrott`, `normbrott`). */
  const isSlip = (w: string, v: string): boolean =>
    Math.abs(v.length - w.length) <= SLIP_LENGTH &&
    diceOfProfiles(wordProfile(w), wordProfile(v)) >= SLIP_DICE;
  /** Factor on a neighbour that shares with the value only frame words (1: it shares more). */
  const frameFactor = (mine: ReadonlySet<string>, neighbour: Target): number => {
    if (frameCounts.size === 0 || frameOnly === 1) return 1; // none yet, or off (framing)
    const theirs = (neighbour.matchWords ??= new Set(wordsOfMatch(neighbour.features.matchText)));
    let shared = 0;
    for (const w of theirs) {
      if (!mine.has(w)) continue;
      if (!isFrame(w)) return 1;
      shared++;
    }
    // The decision has words the value lacks (the value may have none: `Utreda uppgifter om aga i
    // hemmet` is all frame beside `… sexuellt våld i hemmet`), and none is the other's but for a
    // slip: the frame is all they have in common.
    if (shared === 0 || shared === theirs.size) return 1;
    for (const w of theirs) {
      // A frame word written another way is frame all the same (`fördelad`, `fördelas`).
      if (mine.has(w) || isFrame(w)) continue;
      for (const v of mine) if (!theirs.has(v) && isSlip(w, v)) return 1;
    }
    return frameOnly;
  };

  // The words of the codebook's texts, as match texts read them (frameStrip), on first need; where
  // the language reads generic heads off, a word that begins with one of them (STEM_LENGTH letters
  // or more) is the codebook's too.
  let codebookWordSet: Set<string> | undefined;
  const stemmedHeads = (profile.words.genericHeads ?? []).length > 0;
  const codebookWord = (w: string): boolean => {
    if (!codebookWordSet) {
      codebookWordSet = new Set();
      for (const c of input.codebook.categories)
        for (const t of [c.label, c.definition, c.include, c.exclude, ...(c.synonyms ?? [])])
          if (t) for (const x of wordsOfMatch(analyseWithForm(t).matchText)) codebookWordSet.add(x);
    }
    if (codebookWordSet.has(w)) return true;
    // A word the codebook has the stem of, where the language reads a compound's generic head off
    // (`skolan` where a label reads `skol`, `Skolproblematik`).
    if (!stemmedHeads) return false;
    for (let n = STEM_LENGTH; n < w.length; n++)
      if (codebookWordSet.has(w.slice(0, n))) return true;
    return false;
  };
  // A value's sentence that names no concept of the profile and no word of the codebook while
  // another one does (`Sökt mamman, ej svar. Pojken har rymt`): the worker's own steps, not what the
  // value is about; with it go its persons and negations. Values only (a definition's sentences are
  // all the category's), and only with a profile that has concepts.
  const hasConcepts = vocabulary.length > 0;
  const namesConcept = (w: string): boolean => terms.isConcept(w) || codebookWord(w);
  const bareSentence = (sentence: string): boolean => {
    const words = wordsOfMatch(analyseWithForm(sentence).matchText);
    return words.length > 0 && !words.some(namesConcept);
  };
  // A word that names a concept or a word of the codebook, or has a concept inside (`föräldrakonflikt`).
  const saysSomething = (w: string): boolean => {
    if (namesConcept(w)) return true;
    const concept = terms.conceptOf(w);
    return concept.length !== 1 || concept[0] !== w;
  };
  // A part between dashes, bullets or bars, or a bracketed note, is bare when it says nothing a
  // reading takes: no word of a concept or of the codebook, no text of the codebook it is like
  // (SEGMENT_DICE: `Annat – passar ingen kategori`), and no person, negation or violence
  // (`Missbruk – mamman` says whose, `Utredning – nej` what was decided).
  const bareSegment = (part: string): boolean => {
    const read = analyseWithForm(part);
    if (read.owner !== null || read.negated || read.violent) return false;
    const words = wordsOfMatch(read.matchText);
    if (words.length > 0) {
      const near = codebookPart(read.matchText, diceProfile(read.matchText)).codebook;
      for (let i = 1; i < near.length; i += 3)
        if ((near[i] as number) >= SEGMENT_DICE) return false;
    }
    return (
      !words.some(saysSomething) &&
      !wordsOf(read.normalised).some((w) => language.personWord(w) || language.has('exclusions', w))
    );
  };
  // A value's text without its bare sentences and parts, worked out once per raw value (a part's
  // codebook match is no cheap test, and values are suggested again after every decision that can
  // reach them): what is bare depends on the codebook and the profile, never on the decisions.
  const readTexts = new Map<string, string>();
  const readText = (raw: string): string => {
    let text = readTexts.get(raw);
    if (text === undefined) {
      text = withoutBareSegments(withoutBareSentences(raw, bareSentence), bareSegment);
      if (readTexts.size >= CACHE_TEXTS) readTexts.delete(readTexts.keys().next().value as string);
      readTexts.set(raw, text);
    }
    return text;
  };
  const readValue = (raw: string): Analysed => analyseWithForm(hasConcepts ? readText(raw) : raw);
  /**
   * Whether a word of a value says nothing of any category (frameStrip): decisions of two or more
   * categories have it, none of them more than `frameStrip` of those decisions, and no text of the
   * codebook has it. A single letter is never left out: every category's decisions have letters
   * (`B r i s t a n d e` spaced out by a PDF), and without them nothing may be left to match.
   */
  const stripFrame = (word: string): boolean =>
    word.length >= 2 && spreadOut(frameCounts.get(word)) && !codebookWord(word);
  /**
   * The codebook's matches of a match text without the frame words the decisions show (and that
   * text), or null when it has none or nothing else.
   */
  const strippedLookup = (
    matchText: string,
  ): (ReturnType<typeof codebookPart> & { readonly text: string }) | null => {
    const words = wordsOfMatch(matchText);
    const kept = words.filter((w) => !stripFrame(w));
    if (kept.length === 0 || kept.length === words.length) return null;
    const text = kept.join(' ');
    let part = strippedCache.get(text);
    if (!part) {
      part = codebookPart(text, diceProfile(text));
      if (strippedCache.size >= CACHE_TEXTS)
        strippedCache.delete(strippedCache.keys().next().value as string);
      strippedCache.set(text, part);
    }
    return { ...part, text };
  };

  const forget = (raw: string): void => {
    if (learning && training.delete(raw)) modelStale = modelMoved = true;
    affirmedHeads.delete(raw);
    placeFrame(raw);
    placeByTemplate(raw);
    const text = known.textOf(raw);
    if (text === undefined) return;
    known.delete(raw);
    changedTexts.add(text);
  };

  const learn = (raw: string, value: KnownValue): void => {
    if (!roles.has(value.code)) {
      forget(raw); // not a leaf of this codebook: nothing to suggest
      return;
    }
    const features = readValue(raw);
    // A decision for an affirmed category whose only negation is in a clause after a dash
    // (`Utredning inleds – föräldrarna delar inte oron`, coded as an investigation started): the
    // decision says that negation is not the category's, so it never pulls a value whose own words
    // before the dash are negated (`Utredning inleds ej – mamma delar inte oron`).
    const role = roles.get(value.code) as CategoryRole;
    const head =
      features.negated && !exclusions && !role.negatedGroup && role.negated !== true
        ? affirmedHeadOf(raw)
        : null;
    // Before the engine is built nothing was suggested that a change could reach.
    if (built) changedTexts.add(features.matchText);
    const weight = value.status === 'approved' ? 1 : weights.coded;
    const target = targetOf(
      value.code,
      `${value.status}: ${raw}`,
      raw,
      weight,
      features,
      true,
      head,
    );
    if (head !== null) affirmedHeads.add(raw);
    else affirmedHeads.delete(raw);
    if (learning) {
      // Negated as the decision reads it: `Utredning: Nej` teaches nothing about `utredning`.
      const negated = features.negated || target.decidedNegated;
      const label = leafOf.get(value.code) as number;
      training.set(raw, {
        features: textFeatures(features.matchText, negated),
        label,
        weight,
        approved: value.status === 'approved',
      });
      modelStale = modelMoved = true;
    }
    known.set(raw, features.matchText, target);
    placeFrame(raw, { code: value.code, matchText: features.matchText });
    placeByTemplate(raw, {
      code: value.code,
      text: features.matchText,
      template: (target.template = numberTemplate(target.normalised)),
    });
  };

  let built = false;
  for (const [raw, value] of input.known) learn(raw, value);
  built = true;
  changedTexts.clear(); // nothing was suggested before the engine was built
  modelMoved = false;
  flipped.clear();

  // The factor on a category that speaks of no violence, for a value of violence (1: off).
  const violenceUnmatched = weights.violenceUnmatched ?? 1;
  const adjust = (
    dice: number,
    shared: number,
    size: number,
    value: ValueFeatures,
    target: Target,
  ): number => {
    // Word by word only where containment counts at all (it raises Dice only above Dice).
    const byWord = aligned && !target.independent && size > 0 && shared > dice * size;
    const forms = byWord ? wordFormsOf(value.matchText) : undefined;
    let score =
      (forms !== undefined && forms.length > 0
        ? similarity(dice, alignedShared(forms, target), valueWordSize)
        : similarity(dice, shared, size)) * target.weight;
    // A codebook text that names a number (`D2A pathway 1`) is not a value that names another
    // (`D2A pathway 2`): the number is what the codebook tells apart by.
    if (!target.independent) {
      const numbers = (target.numbers ??= numbersOf(target.normalised));
      if (
        numbers.length > 0 &&
        noNumberShared((valueNumbers ??= numbersOf(valueNormalised)), numbers)
      )
        score *= NUMBER_CONFLICT;
    } else {
      // A decision of a template the team codes by its numbers, naming other numbers than the
      // value's (`LSS 9 § 5` for `LSS 9 § 1`), says nothing of the value.
      const template = (target.template ??= numberTemplate(target.normalised));
      if (
        template !== '' &&
        template === (valueTemplate ??= numberTemplate(valueNormalised)) &&
        decidesByNumber(template) &&
        otherNumbers(
          (valueNumbers ??= numbersOf(valueNormalised)),
          (target.numbers ??= numbersOf(target.normalised)),
        )
      )
        return 0;
    }
    if (value.owner !== null && target.owner !== null) {
      if (value.owner !== target.owner) score *= weights.ownerConflict;
    } else if (value.owner === null && target.owner === 'caregiver') {
      // A problem is the child's own unless a caregiver is named; a decision whose own words name
      // the caregiver (`Krim F/O`) is about that person, and never pulls a value naming no one.
      score *= target.independent && target.features.ownerStated ? 0 : weights.unnamedCaregiver;
    } else if (value.owner === 'unborn' && target.owner === null) {
      // A pregnancy named makes the concern the unborn child's: a text about no one (`Ekonomisk
      // utsatthet inkl. boende`) is as far from it as one about the child or a parent.
      score *= weights.ownerConflict;
    } else if (value.ownerStated && target.owner === null) {
      score *= weights.ownerUnmatched;
    }
    // The child as doer (`eget våld`) against the child as victim (`våld mot barnet`), either way.
    const valueDoer = value.ownerStated && value.owner === 'child' && !value.childVictim;
    const targetDoer = target.owner === 'child' && !target.childVictim;
    if ((valueDoer && target.childVictim) || (value.childVictim && targetDoer)) {
      score *= weights.victimConflict;
    }
    // Who is hurt: the child (`våld mot barnet`) or someone else (`våld mot mamma`, `slår sina föräldrar`).
    // Violence done to someone else is the adults' (between them) or the child's own (against
    // others), never violence against the child; violence that names no victim is against the child.
    const t = target.features;
    const targetOwnViolence = target.owner === 'child' && !target.childVictim;
    if (
      (value.otherVictim && t.violent && !t.otherVictim && !targetOwnViolence) ||
      (value.childVictim && !value.otherVictim && t.otherVictim) ||
      // A parent hurt and no one said to have done it: the adults', not the child's own.
      (value.caregiverVictim && value.owner !== 'child' && targetOwnViolence && t.violent) ||
      // The child hurting someone is not violence between the adults.
      (value.owner === 'child' &&
        value.otherVictim &&
        ((t.caregiverVictim && !targetOwnViolence) ||
          // Nor a child who saw violence (`barn som bevittnat våld`), when the child is said to do it.
          (value.ownerStated &&
            (target.witnessed ??= wordsOfMatch(t.matchText).some((w) =>
              language.has('witnessed', w),
            )))))
    ) {
      // A decision says who its value's violence hurt: a value naming another victim (`… slagit
      // modern` against an approved `Örfil från fadern`) is not pulled by it at all, as a negated
      // decision never pulls an affirmed value.
      score = target.independent ? 0 : score * weights.victimMismatch;
    } else if (value.violent && !value.otherVictim && !value.childVictim && t.otherVictim) {
      // Violence that names no one hurt is against the child: a decision about violence that hurt
      // someone else (`Våld mellan föräldrarna`) does not pull it (`Misshandel av barn`).
      score = target.independent ? 0 : score * weights.ownerUnmatched;
    } else if (value.violent && value.owner === null && !value.otherVictim && targetOwnViolence) {
      // Violence that names no one is violence against the child, not the child's own; but a
      // decision may say it is (`Våldsbeteende` approved as the child's own), and pulls its like.
      score *= weights.ownerUnmatched;
    }
    // A value of violence that names who was hurt is about the violence, not where it happened
    // (`Slår personal på skolan`, `Hot och våld mot personal på boendet`): a category whose own
    // texts speak of no violence (`Skolproblematik`, `boendesituation`) is further from it.
    if (
      violenceUnmatched !== 1 &&
      value.violent &&
      (value.otherVictim || value.childVictim || value.caregiverVictim) &&
      !t.violent &&
      !target.independent
    )
      score *= violenceUnmatched;
    // Under a negated group (`Ingen utredning` › `Överlämnas …`), a value may say the negation or
    // not: `Ej utredning – överlämnas` and `Överlämnas` are both the leaf's.
    if (target.affirmedHead !== null && value.negated) {
      if (valueHead !== target.affirmedHead) score = 0;
    } else if (target.decidedNegated) {
      // The same words are the same value, whatever the decision says of them.
      if (!value.negated && value.matchText !== target.features.matchText) score = 0;
    } else if (
      value.negated !== target.features.negated &&
      !target.negationFree &&
      // The same words are the same value (a decision read as no negation, engine's targetOf).
      !(target.independent && valueNormalised === target.normalised) &&
      !(target.qualifier && !value.negated && !speaksOf(value.matchText, target.qualifier))
    ) {
      // A decision says what its own value means: negated, it never pulls a value that affirms it
      // (`Utredning: Nej` and `Ja - utredning`), nor affirmed one that negates it.
      score = target.independent ? 0 : score * weights.negationConflict;
    }
    if (target.independent && valueConcepts !== '' && target.concepts !== valueConcepts) {
      // A decision vouches only for what it speaks of: about none of the value's concepts (all it
      // shares is a form's heading, `Aktualiseringsorsak: …`), it does not pull the value at all.
      score *= disjoint(valueConcepts, target.concepts) ? 0 : weights.conceptMissing;
    }
    return score;
  };

  // Per-suggestion scratch, reused between calls (suggest is never re-entered): per leaf category
  // its best score, the match that names it, and the best few independent scores for support.
  const bestScore = new Float64Array(leaves.length);
  const bestTarget: (Target | undefined)[] = leaves.map(() => undefined);
  const kept = SUPPORTING + 1;
  const topScores = new Float64Array(leaves.length * kept);
  const topCount = new Int32Array(leaves.length);
  const seenLeaves: number[] = [];
  let valueForm: DiceProfile | undefined;
  let valueConcepts = '';
  let valueNormalised = '';
  /** The value's affirmed words before a dash clause (affirmedHeadOf); read only for affirmedHead. */
  let valueHead: string | null = null;
  // The value's numbers (numbersOf), on first need in a suggestion.
  let valueNumbers: readonly string[] | undefined;
  // The value's numberTemplate, on first need in a suggestion.
  let valueTemplate: string | undefined;
  // The value's match text's words, prepared on first need in a suggestion, and their bigrams
  // (EngineWeights.alignedContainment).
  let valueWordForms: DiceProfile[] | undefined;
  let valueWordSize = 0;
  const aligned = (weights.alignedContainment ?? 0) > 0;
  const wordFormsOf = (matchText: string): DiceProfile[] => {
    if (valueWordForms === undefined) {
      valueWordForms = wordsOfMatch(matchText).map((w) => diceProfile(w));
      valueWordSize = valueWordForms.reduce((sum, f) => sum + f.size, 0);
    }
    return valueWordForms;
  };
  /** Bigrams of the value's words found in the target's word most like each. */
  const alignedShared = (valueForms: readonly DiceProfile[], t: Target): number => {
    const forms = wordFormsOfTarget(t);
    let total = 0;
    for (const v of valueForms) {
      let best = 0;
      for (const f of forms) best = Math.max(best, sharedBigrams(v, f));
      total += best;
    }
    return total;
  };
  // The value's words with their codebook retrieval, read once per suggestion when asked for.
  let valueTextWords: TextWords | undefined;
  // The value's match text's words, on first need in a suggestion (frameFactor).
  let valueMatchWords: ReadonlySet<string> | undefined;
  // Whether frameStrip leaves words of the value out (then what the codebook's words say of the
  // words it does not share is read without them too, differingCodebook).
  let valueFramed = false;
  const textWordsOfValue = (): TextWords =>
    (valueTextWords ??= textWords(
      (valueFramed &&
        wordsOf(valueNormalised)
          .filter((w) => !stripFrame(w))
          .join(' ')) ||
        valueNormalised,
      documents as DocumentIndex,
    ));
  let round = 0;

  // How close a target's whole normalised form is to the value's: names the match among equals.
  const near = (t: Target): number => {
    if (t.nearRound !== round) {
      valueForm ??= diceProfile(valueNormalised);
      t.form ??= diceProfile(t.normalised);
      t.nearScore = diceOfProfiles(valueForm, t.form);
      t.nearRound = round;
    }
    return t.nearScore;
  };
  // A total order (nearness, then key), so the `via` chosen never depends on the order of learning.
  const closer = (a: Target, b: Target): boolean => {
    if (a === b) return false;
    const da = near(a);
    const db = near(b);
    return da > db || (da === db && a.key < b.key);
  };

  const record = (target: Target, score: number, supports = target.independent): void => {
    const leaf = target.leaf;
    const current = bestTarget[leaf];
    if (current === undefined) {
      seenLeaves.push(leaf);
      bestScore[leaf] = score;
      bestTarget[leaf] = target;
    } else if (
      score > (bestScore[leaf] as number) ||
      (score === bestScore[leaf] && score > 0 && closer(target, current))
    ) {
      bestScore[leaf] = score;
      bestTarget[leaf] = target;
    }
    if (!supports) return;
    // Keep the `kept` best independent scores of the leaf, in descending order.
    const base = leaf * kept;
    let n = topCount[leaf] as number;
    if (n === kept && score <= (topScores[base + n - 1] as number)) return;
    if (n < kept) n++;
    let i = n - 1;
    while (i > 0 && (topScores[base + i - 1] as number) < score) {
      topScores[base + i] = topScores[base + i - 1] as number;
      i--;
    }
    topScores[base + i] = score;
    topCount[leaf] = n;
  };

  // What names a category the model alone suggests: its label, read like the codebook's.
  const learntTargets: (Target | undefined)[] = leaves.map(() => undefined);
  const learntTarget = (leaf: number): Target => {
    let t = learntTargets[leaf];
    if (!t) {
      const c = leaves[leaf] as Category;
      t = targetOf(
        c.code,
        `learnt: ${c.label}`,
        `learnt\u0000${c.code}`,
        1,
        analyseWithForm(c.label),
        false,
      );
      learntTargets[leaf] = t;
    }
    return t;
  };

  // Per-suggestion scratch of the categories scored: their match, score, and positions 0, 1, ….
  const candidates: Target[] = [];
  const candidateScores: number[] = [];
  const candidateOrder: number[] = [];

  /** The suggestions for a text, remembered as `as`'s (the raw value the worker asks for). */
  const suggestText = (raw: string, k: number, as: string): Suggestion[] => {
    if (k <= 0) return [];
    const read = readValue(raw);
    // A negation in a clause of its own before the category's words, or after them with a person
    // of its own, is not the value's (`Ej förhandsbedömning, utredning inleds direkt`).
    const value =
      read.negated &&
      negatedWordsOfCodebook.size > 0 &&
      (negationElsewhere(raw) || negationOfOthersOnly(read.normalised))
        ? { ...read, negated: false }
        : read;
    applyChanges();
    remember(as, value.matchText);
    valueNormalised = value.normalised;
    valueHead = value.negated && affirmedHeads.size > 0 ? affirmedHeadOf(raw) : null;
    valueNumbers = undefined;
    valueTemplate = undefined;
    valueForm = undefined;
    round++;

    const found = lookup(value.matchText);
    // The codebook's matches, of the value without its frame words when the decisions show some.
    const stripped =
      frameStrip > 0 && frameCounts.size > 0 ? strippedLookup(value.matchText) : null;
    const cb = stripped ?? found;
    valueConcepts = found.concepts;
    valueWordForms = undefined;
    valueTextWords = undefined;
    valueMatchWords = undefined;
    valueFramed = stripped !== null;
    const codebookWords =
      differingCodebook > 0 && cb.codebook.length > 0 ? textWordsOfValue() : undefined;
    const cbValue = stripped ? { ...value, matchText: stripped.text } : value;
    for (let i = 0; i < cb.codebook.length; i += 3) {
      const t = codebookTargets[cb.codebook[i] as number] as Target;
      let score = adjust(
        cb.codebook[i + 1] as number,
        cb.codebook[i + 2] as number,
        cb.size,
        cbValue,
        t,
      );
      if (codebookWords && score > 0)
        score *= differingFactorAt(codebookWords, t, differingCodebook);
      record(t, score);
    }
    if (initialTargets.size > 0) {
      const words = value.matchText.split(' ');
      for (let w = 0; w < words.length; w++) {
        const word = words[w] as string;
        const initials = initialTargets.get(word);
        // Each distinct word once (no set built: few values have initials at all).
        if (initials === undefined || words.indexOf(word) < w) continue;
        for (const { target, size } of initials) {
          // As Dice and containment would score the word found whole in the value.
          const dice = (2 * size) / (found.size + size);
          record(target, adjust(dice, size, found.size, value, target));
        }
      }
    }
    // The raw value's words as written, for codes and cited tokens (read once, when either exists).
    const words =
      codeTargets.size > 0 || citedTargets.size > 0 ? (raw.match(/[\p{L}\p{N}]+/gu) ?? []) : [];
    const distinctWords = words.length > 1 ? new Set(words) : words;
    if (codeTargets.size > 0) {
      // A code is the category named, however long the value around it: scored as an exact match.
      // Written as codes are, in capitals (`SpLD`, `K - SEMH`), or the whole value (`slcn`): a
      // code that is also a word (`SELF`) is that word in running text (`spending on self`).
      for (const written of distinctWords) {
        const target = codeTargets.get(written.toLowerCase());
        if (target && (words.length === 1 || (written.match(/\p{Lu}/gu) ?? []).length >= 2))
          record(target, adjust(1, found.size, found.size, value, target));
      }
    }
    if (citedTargets.size > 0) {
      // Written as the codebook writes it (`N4`, `DA`), or the whole value.
      for (const written of distinctWords) {
        const targets = citedTargets.get(written.toLowerCase());
        if (!targets || (words.length > 1 && written.search(CITED) !== 0)) continue;
        // As Dice and containment would score the token found whole in the value, at least
        // CITED_FLOOR: it names the leaf when it is the value, and weighs beside the value's other
        // words when it is not.
        // Its bigrams: a word has no whitespace for a profile to strip.
        const size = Math.max(0, written.length - 1);
        const dice = (2 * size) / (found.size + size);
        for (const target of targets)
          record(target, adjust(Math.max(dice, CITED_FLOOR), size, found.size, value, target));
      }
    }
    if (referenceTargets.size > 0)
      for (const key of legalReferences(raw).keys())
        for (const target of referenceTargets.get(key) ?? [])
          record(target, adjust(1, found.size, found.size, value, target));
    const capitals = raw.match(CAPITALS);
    if (capitals) {
      const content = ` ${value.matchText} `;
      for (const capital of new Set(capitals)) {
        const word = capital.toLowerCase();
        // A word the reading set aside (`VH` is a person), one some text has whole initials of, or
        // one a text has (`OT` in `Other, OT, miscellaneous`): matched as it is, not as letters.
        if (!content.includes(` ${word} `) || initialTargets.has(word) || textWordSet().has(word))
          continue;
        for (const { target, size } of abbreviationsOf(word)) {
          const dice = (2 * size) / (found.size + size);
          record(target, adjust(dice, size, found.size, value, target));
        }
      }
    }
    if (fullIndex.size > 0) {
      const q = diceProfile(value.normalised);
      fullIndex.forEachMatch(q, (id, dice, shared) => {
        if (similarity(dice, shared, q.size) < MIN_SIMILARITY) return;
        const t = codebookTargets[id] as Target;
        record(t, adjust(dice, shared, q.size, value, t));
      });
    }
    cb.documents.forEach((cosine, leaf) => {
      const evidence = Math.min(1, cosine * weights.definition);
      if (evidence < MIN_SIMILARITY) return;
      const t = documentTargets[leaf] as Target;
      record(t, adjust(evidence, 0, 0, value, t));
    });
    const valueWords = differing > 0 && found.known.length > 0 ? textWordsOfValue() : undefined;
    const named = valueWords ? codebookRuns.in(valueWords.all) : [];
    for (const { hit, groups } of found.known) {
      for (const { first, size } of groups) {
        let score = adjust(hit.score, hit.shared, found.size, value, first);
        // Read alike only through the vocabulary (`Ensamk. barn` and `Försummelse av barnets
        // grundläggande behov` both `omsorgsbrist`), their own words unlike: the decision says what
        // its words mean, and counts as one about partly other concepts.
        if (first.features.matchText === value.matchText && near(first) < weights.minDice)
          score *= weights.conceptMissing;
        const other = namesOther(named, first);
        if (valueWords) score *= differingFactor(valueWords, first, other);
        if (score > 0)
          score *= frameFactor((valueMatchWords ??= new Set(wordsOfMatch(value.matchText))), first);
        // A group is `size` independent decisions; only the first few add support (see combine).
        // A decision about other concepts, or without a word the value has for another category,
        // may still name the category, but it supports nothing.
        if (other || (valueConcepts !== '' && first.concepts !== valueConcepts))
          record(first, score, false);
        else for (let i = Math.min(size, SUPPORTING); i > 0; i--) record(first, score);
      }
    }

    // The categories with a score, as their match and score; only the best k become suggestions.
    candidates.length = 0;
    candidateScores.length = 0;
    // The model reads the value as the codebook does, without the words frameStrip leaves out.
    const learnt = trainedModel()?.probabilities(
      textFeatures(stripped ? stripped.text : value.matchText, value.negated),
    );
    for (const leaf of seenLeaves) {
      const target = bestTarget[leaf] as Target;
      const best = bestScore[leaf] as number;
      // Nothing in common is no suggestion.
      if (best > 0) {
        // An exclusion counts against a category only when the value is closer to it than to
        // anything the category says it includes (an exclusion often differs from the label by
        // whose problem it is, which the features above already weigh).
        // (Read only when there are exclusions: a read past the end of a typed array is slow.)
        const excluded = cb.excluded.length > 0 ? (cb.excluded[leaf] as number) : 0;
        const score =
          combine(best, topScores, leaf * kept, topCount[leaf] as number, weights.support) *
          (excluded >= 0.5 && excluded > best ? 1 - weights.exclusion * excluded : 1);
        const blended = learnt ? score + learntScore(learnt, leaf) * (1 - score) : score;
        candidates.push(target);
        candidateScores.push(blended);
      }
      bestTarget[leaf] = undefined;
    }
    // Categories only the model speaks for, when it is sure enough.
    if (learnt) {
      const scored = new Set(seenLeaves);
      for (let leaf = 0; leaf < learnt.length; leaf++) {
        const score = learntScore(learnt, leaf);
        if (scored.has(leaf) || score < MIN_SIMILARITY) continue;
        candidates.push(learntTarget(leaf));
        candidateScores.push(score);
      }
    }
    // A negated value and the leaves of a negated group: the words beside the negation tell them
    // apart (`Råd och stöd per telefon, ingen utredning` is support, not the bare negation).
    if (value.negated && negatedWordsOfCodebook.size > 0 && beside > 0) {
      const rest = besideNegation(value);
      if (rest !== '') {
        const q = diceProfile(rest);
        const byLeaf = residualsOf();
        for (let i = 0; i < candidates.length; i++) {
          const texts = byLeaf.get((candidates[i] as Target).leaf);
          if (!texts || texts.length === 0) continue;
          let best = 0;
          for (const t of texts) best = Math.max(best, diceOfProfiles(q, t));
          // Letters in common by chance are no sign (`Selvitystä ei käynnistetä`).
          if (best < BESIDE_DICE) continue;
          const s = candidateScores[i] as number;
          candidateScores[i] = s + beside * best * (1 - s);
        }
      }
    }
    // Closeness in meaning: more for categories already scored, a score for those not yet.
    const close = meanings ? closest(value.normalised) : null;
    if (close) {
      const scored = new Set<number>();
      for (let i = 0; i < candidates.length; i++) {
        const leaf = (candidates[i] as Target).leaf;
        const s = candidateScores[i] as number;
        candidateScores[i] = s + meaningShare * (close.c[leaf] as number) * (1 - s);
        scored.add(leaf);
      }
      for (let leaf = 0; leaf < leaves.length; leaf++) {
        const score = meaningShare * (close.c[leaf] as number);
        if (scored.has(leaf) || score < MIN_SIMILARITY) continue;
        candidates.push(meaningTarget(leaf, meaningTexts[close.text[leaf] as number] as string));
        candidateScores.push(score);
      }
    }
    for (const leaf of seenLeaves) topCount[leaf] = 0;
    seenLeaves.length = 0;
    // Equal scores: the category whose match is closer in full form first (an approved
    // `Gängtillhörighet` before a label that only shares its concept), then by code.
    if (candidateOrder.length < candidates.length)
      for (let i = candidateOrder.length; i < candidates.length; i++) candidateOrder.push(i);
    const best = firstK(candidateOrder.slice(0, candidates.length), k, (a, b) => {
      const sa = candidateScores[a] as number;
      const sb = candidateScores[b] as number;
      const ta = candidates[a] as Target;
      const tb = candidates[b] as Target;
      // Codes are distinct (one candidate per category): a total order, whatever the scores.
      return sb - sa || near(tb) - near(ta) || (ta.code < tb.code ? -1 : ta.code > tb.code ? 1 : 0);
    });
    return best.map((i) => {
      const target = candidates[i] as Target;
      return { code: target.code, score: candidateScores[i] as number, via: target.via };
    });
  };

  /**
   * In a codebook that negates (`Ej utredning`), a negated tail may be the value's meaning
   * (`Förhandsbedömning – ingen utredning`) or what it is not (`Utredning inleds (frivillig, ej
   * LVU)`): the value before the tail decides when it alone is all but certain of a category.
   */
  const suggest = (raw: string, k: number): Suggestion[] => {
    if (!exclusions && excluding.size > 0) {
      const head = withoutTail(raw);
      if (head !== raw && head !== '') {
        // All but certain of one category: not when a second is about as sure (`Transferred – not
        // in custody`, whose head is as close to `Transferred – in custody`).
        const byHead = suggestText(head, Math.max(k, 2), raw);
        const top = byHead[0]?.score ?? 0;
        if (top >= HEAD_DECIDES && top - (byHead[1]?.score ?? 0) >= HEAD_MARGIN)
          return byHead.slice(0, k);
      }
    }
    return suggestText(raw, k, raw);
  };

  return { suggest, learn, forget, affected };
}

/**
 * Where a value's clauses meet: a comma, a semicolon (not one ending an HTML character reference,
 * `Ingen&nbsp;utredning`), a spaced dash, an arrow.
 */
const CLAUSE_BREAK = /,|(?<!&#?\w{1,8});|\s[–—-]\s|→|->/u;

/** A dash between words, spaced as a clause's start (` – `, ` - `, ` — `). */
const DASH_CLAUSE = /\s[–—-]\s/u;

/** A match text's words. */
const wordsOfMatch = (matchText: string): string[] => matchText.split(' ').filter((w) => w !== '');

/** How alike the words beside a negation have to be to a leaf's to count for it (weights.beside). */
const BESIDE_DICE = 0.3;

/** Score at which the value before a negated tail decides alone, in a codebook that negates. */
const HEAD_DECIDES = 0.9;
/** Shortest codebook word a value's word may begin with and still be that word (frameStrip). */
const STEM_LENGTH = 4;

/** How far the head's best category has to lead the second for the head to decide alone. */
const HEAD_MARGIN = 0.1;

/** Bigram Dice at which a value's word and a codebook text's are alike (alignedDice). */
const ALIGNED_WORD = 0.4;
/** Bigram Dice at which two words are one but for a slip, however they begin (alignedDice). */
const ALIGNED_SLIP = 0.7;
/**
 * Whether two words begin with the same two letters, or one is a word of four letters or more found
 * whole in the other (a compound's part: `missbruk` in `alkoholmissbruk`).
 */
const sameStart = (a: string, b: string): boolean =>
  (a[0] === b[0] && a[1] === b[1]) ||
  (a.length >= b.length ? b.length >= 4 && a.includes(b) : a.length >= 4 && b.includes(a));

/** Bigram Dice at which two words are one but for a typing slip (frameFactor) … */
const SLIP_DICE = 0.35;
/** … and whose lengths differ by at most this (`barn` is no slip of `barnbarnen`). */
const SLIP_LENGTH = 2;

/** Categories whose decisions share a word that make it a frame word (see frameFactor). */
const FRAME_CATEGORIES = 2;

/** Approved decisions below which the classifier does not weigh itself: it has too little to go on. */
export const CALIBRATION_MIN = 20;
/**
 * Dice from which a part of a value set off by a dash, a bullet, a bar or square brackets matches a
 * label, synonym or inclusion of the codebook: such a part says something, and is never left out.
 */
const SEGMENT_DICE = 0.45;
/** Folds of the cross-validation that measures the classifier on the approvals. */
const CROSS_FOLDS = 5;
/**
 * Examples the cross-validation reads at most (the first, in their order): its five trainings stay
 * within a few hundred milliseconds after each approval, at any number of decisions.
 */
const CALIBRATION_SAMPLE = 250;
/** The folds' models are trained in half the epochs: an estimate of accuracy, not the model used. */
const CALIBRATION_TRAINING = { ...defaultTrainOptions, epochs: defaultTrainOptions.epochs / 2 };

/**
 * The classifier's top-1 accuracy on approved examples it was not trained on: each fold (every
 * `CROSS_FOLDS`-th approval) predicted by a model trained on the others (coded examples train every
 * fold, they are never tested). 0 below `CALIBRATION_MIN` approvals. Deterministic: folds by order;
 * only the first `CALIBRATION_SAMPLE` examples are read.
 */
export function heldOutAccuracy(classes: number, all: readonly Example[]): number {
  const examples = all.length > CALIBRATION_SAMPLE ? all.slice(0, CALIBRATION_SAMPLE) : all;
  const approved = examples.filter((e) => e.approved === true).length;
  if (approved < CALIBRATION_MIN) return 0;
  let right = 0;
  for (let fold = 0; fold < CROSS_FOLDS; fold++) {
    const train: Example[] = [];
    const test: Example[] = [];
    let a = 0;
    for (const e of examples) {
      if (e.approved === true && a++ % CROSS_FOLDS === fold) test.push(e);
      else train.push(e);
    }
    const model = LogisticModel.train(classes, train, CALIBRATION_TRAINING);
    for (const e of test) {
      const p = model.probabilities(e.features);
      let best = 0;
      for (let c = 1; c < classes; c++) if ((p[c] as number) > (p[best] as number)) best = c;
      if (best === e.label) right++;
    }
  }
  return right / approved;
}

/** Words of two to five capitals, whole (`PP`, `FTE`, not `BoU` or `Physical`). */
const CAPITALS = /(?<![\p{L}\p{N}])\p{Lu}{2,5}(?![\p{L}\p{N}])/gu;
/** An abbreviation found in order in a text counts for less than the text's whole initials. */
const ABBREVIATION_WEIGHT = 0.9;
/** Factor on an abbreviation whose last letter is not in the text's last word. */
const ABBREVIATION_UNANCHORED = 0.9;

/**
 * How well `short` abbreviates `text` (lower-case words separated by spaces), of the alignments of
 * its letters in order in the text with its first letter at the start of a word: `share`, the
 * largest share of its letters that begin a word; `last`, whether such an alignment ends in the
 * text's last word (`VA` of `verbal abuse … against an adult`, as abbreviations are read from
 * their end). Null when there is none.
 */
export function abbreviationOf(
  short: string,
  text: string,
): { readonly share: number; readonly last: boolean } | null {
  const n = text.length;
  if (short.length === 0 || n === 0 || !alignable(short, text)) return null;
  const NONE = -1;
  const startsWord = (i: number) => i === 0 || text.charCodeAt(i - 1) === SPACE;
  if (alignments[0].length < n) alignments = [new Int32Array(2 * n), new Int32Array(2 * n)];
  let [prev, cur] = alignments;
  prev.fill(NONE, 0, n);
  const first = short.charCodeAt(0);
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === first && startsWord(i)) prev[i] = 1;
  for (let j = 1; j < short.length; j++) {
    const letter = short.charCodeAt(j);
    cur.fill(NONE, 0, n);
    let best = NONE;
    for (let i = 0; i < n; i++) {
      if (best !== NONE && text.charCodeAt(i) === letter) cur[i] = best + (startsWord(i) ? 1 : 0);
      if ((prev[i] as number) > best) best = prev[i] as number;
    }
    const done = cur;
    cur = prev;
    prev = done;
  }
  let starts = NONE;
  for (let i = 0; i < n; i++) if ((prev[i] as number) > starts) starts = prev[i] as number;
  if (starts === NONE) return null;
  let last = false;
  for (let i = text.lastIndexOf(' ') + 1; i < n; i++) last ||= prev[i] === starts;
  return { share: starts / short.length, last };
}

const SPACE = 0x20;
// The alignments' rows, reused between calls (a capital word is tried against every codebook text).
let alignments: [Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64)];

/**
 * Whether `short`'s letters occur in order in `text`, the first at the start of a word: the
 * earliest such start leaves the most text for the rest, so one greedy pass decides. Most pairs of
 * a capital word and a codebook text fail here, before any alignment is scored.
 */
function alignable(short: string, text: string): boolean {
  const first = short.charCodeAt(0);
  let at = -1;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === first && (i === 0 || text.charCodeAt(i - 1) === SPACE)) {
      at = i;
      break;
    }
  }
  if (at < 0) return false;
  for (let j = 1; j < short.length; j++) {
    at = text.indexOf(short[j] as string, at + 1);
    if (at < 0) return false;
  }
  return true;
}

/**
 * The initials of a normalised text of two to five words, and of its words of three letters or
 * more when they are two to five (`alcohol or other drugs`: `aood` and `aod`).
 */
function initialsOf(normalised: string): string[] {
  const words = normalised.match(/\p{L}+/gu) ?? [];
  const out = new Set<string>();
  for (const ws of [words, words.filter((w) => w.length >= 3)])
    if (ws.length >= 2 && ws.length <= 5) out.add(ws.map((w) => w[0]).join(''));
  return [...out];
}

/** Whether two concept keys (sorted, distinct, space-separated) are both non-empty and share none. */
function disjoint(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  const theirs = b.split(' ');
  return a.split(' ').every((c) => !theirs.includes(c));
}

/**
 * Whether a match text has one of the words, inflected or cut short as values write them
 * (`nätverket`, `nätv.` for `nätverk`): one word begins the other, the shorter of four letters or
 * more.
 */
function speaksOf(matchText: string, words: ReadonlySet<string>): boolean {
  return matchText.split(' ').some((w) => {
    for (const q of words) {
      if (w === q) return true;
      const [short, long] = w.length < q.length ? [w, q] : [q, w];
      if (short.length >= 4 && long.startsWith(short)) return true;
    }
    return false;
  });
}

/**
 * One category's score from its matches: the best, plus a little for each further independent
 * match (1 − (1 − b)·Π(1 − λ^i·s_i)), so several approved neighbours count for more than one and the
 * result stays in [0, 1].
 */
function combine(
  best: number,
  scores: Float64Array,
  start: number,
  count: number,
  support: number,
): number {
  // `scores[start, start + count)` are the independent ones, in descending order (no view of them
  // is made: one per category and value is garbage). The best is either a codebook match or the
  // first independent one: do not count it twice.
  const end = start + count;
  let from = count > 0 && (scores[start] as number) >= best ? start + 1 : start;
  let miss = 1 - best;
  let factor = support;
  for (let used = 0; from < end && used < SUPPORTING; from++, used++) {
    miss *= 1 - factor * (scores[from] as number);
    factor *= support;
  }
  return Math.min(1, Math.max(0, 1 - miss));
}

interface CategoryRole {
  readonly owner: Owner | null;
  readonly childVictim: boolean;
  /** A group above the leaf is a negation (`Ingen utredning` › `Överlämnas till annan kommun`). */
  readonly negatedGroup: boolean;
  /** Declared by the profile: the leaf's own texts are (not) a negation, whatever they say. */
  readonly negated?: boolean;
  /** The content words the negated groups above the leaf negate (`utredning` of `Ingen utredning`). */
  readonly negatedWords: ReadonlySet<string>;
}

/**
 * Whose problems a category is about, from its label or else its nearest group's: every leaf under
 * `Barnets eget beteende` is the child's own even when its label (`Skolproblematik`) does not say so.
 */
function categoryRoles(
  codebook: Codebook,
  analyse: (text: string) => ValueFeatures,
  declared: readonly CategoryAttributes[],
): Map<string, CategoryRole> {
  const byCode = new Map(codebook.categories.map((c) => [c.code, c]));
  const own = new Map<string, ValueFeatures>();
  for (const c of codebook.categories) own.set(c.code, analyse(c.label));
  // Declared attributes win over the reading of labels; a group's declared owner or negation holds
  // for its leaves as the reading of its label would.
  const declaredOf = new Map(declared.map((d) => [d.code, d]));
  const roles = new Map<string, CategoryRole>();
  for (const leaf of leafCategories(codebook)) {
    let owner: Owner | null = null;
    let decided = false;
    let negatedGroup = false;
    const negatedWords = new Set<string>();
    const seen = new Set<string>();
    for (
      let c: Category | undefined = leaf;
      c && !seen.has(c.code);
      c = c.parent === null ? undefined : byCode.get(c.parent)
    ) {
      seen.add(c.code);
      // The nearest category that says whose it is; a declared `none` says no one's.
      const d = declaredOf.get(c.code);
      if (!decided && d?.owner !== undefined) {
        owner = d.owner === 'none' ? null : d.owner;
        decided = true;
      } else if (!decided && (c === leaf || !/[,;]/u.test(c.label))) {
        // A group whose label lists several topics (`Föräldraskap, studier, etablering och
        // ålder`) names a person for one of them, not for each leaf under it.
        owner = own.get(c.code)?.owner ?? null;
        decided = owner !== null;
      }
      if (c !== leaf && (d?.negated ?? own.get(c.code)?.negated ?? false)) {
        negatedGroup = true;
        for (const w of (own.get(c.code)?.matchText ?? '').split(' '))
          if (w !== '') negatedWords.add(w);
      }
    }
    const d = declaredOf.get(leaf.code);
    roles.set(leaf.code, {
      owner,
      childVictim: d?.childVictim ?? own.get(leaf.code)?.childVictim ?? false,
      negatedGroup,
      negatedWords,
      ...(d?.negated === undefined ? {} : { negated: d.negated }),
    });
  }
  return roles;
}
