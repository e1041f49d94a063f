// The language a value is read in, as data: which words are persons, negations, prepositions,
// verbs of violence or telling, function words. The reading itself (features.ts) is mechanism and
// knows no word of any language; the words come from a profile (profile.ts), the default one being
// Swedish child welfare (profiles/sv-barn-och-unga.profile.json). A profile without words reads
// every word as content: the plain core.

import neutralProfile from './profiles/neutral.profile.json';
import svProfile from './profiles/sv-barn-och-unga.profile.json';
import { WordList } from './spelling';

/** The word classes the reading knows, each a list of lower-case words (or parts, where said). */
export const WORD_CLASSES = [
  'negation',
  'own',
  'otherPronouns',
  'determiners',
  'objectPrepositions',
  'agentParticiples',
  'victimPrepositions',
  'victimVerbs',
  /** Word endings: `våldsutsatt` is `våld` + a victim head. */
  'victimHeads',
  'coordination',
  'violenceVerbs',
  'victimParticiples',
  'tellingVerbs',
  /**
   * Verbs of asking for help (`ansöker`, `söker`, `önskar`): like a verb of telling, the person just
   * before asks, and is not whose problem it is (`Autism hos barnet, föräldrarna ansöker om
   * avlastning`).
   */
  'applyingVerbs',
  'witnessVerbs',
  'selfPronouns',
  'toldWhere',
  'betweenSubjectAndVerb',
  'subjectVerbs',
  /** Word beginnings: violence done to the child in one word (`barnmisshandel…`). */
  'childVictimCompounds',
  'otherPersons',
  'childPronouns',
  'pronouns',
  /**
   * Possessives that point back to the unsaid subject (`sin`, `sina`, `sitt`): before a caregiver
   * who is hurt, with no doer named, the child is the doer (`våldsam mot sin mamma`).
   */
  'reflexives',
  /** Word beginnings: violence between the adults in one word (`partnervåld…`). */
  'adultViolence',
  'doers',
  'references',
  'stopwords',
  'hedges',
  'generic',
  /** Word endings: generic heads (`skolsvårigheter` is `skol-`). */
  'genericHeads',
  'caregivers',
  'childStrong',
  'childWeak',
  'home',
  /** Parts anywhere in a word: a caregiver in a compound (`föräldramissbruk`). */
  'caregiverStems',
  /** Word beginnings: compounds led by the young person (`ungdomskriminalitet`). */
  'childStems',
  /**
   * Word endings: a person word's possessive (`s`: `flickans`). A child's right before a caregiver
   * (`Flickans pappa`) says whose caregiver, not whose problem.
   */
  'genitives',
  /**
   * Word beginnings: a pregnancy (`gravid…`, `ofödd…`): the reading flag `expectant`, by which
   * the default profile's owner rules make the concern the unborn child's (`Gravid kvinna med
   * missbruk` is a concern for an unborn child, not the child's or a parent's misuse).
   */
  'expectant',
  /** Parts anywhere in a word or text: violence (`våld`, `misshand`). */
  'violence',
  'articles',
  'complementizers',
  /**
   * Words that begin a clause of time, cause or condition (`när`, `eftersom`): a negation in that
   * clause (`pappa slår mig när jag inte lyder`) negates nothing the value is about.
   */
  'subordinators',
  /**
   * Words, or phrases of up to three words, that begin a tail pointing elsewhere, to where the
   * record came from or where its details are (`– inkom via skolans e-tjänst`, `jfr
   * BVC-journal`, `se bilaga 2`): after the value's first word, the words from one on say nothing
   * of what the value is about.
   */
  'pointers',
  /**
   * Negation words that, right after a dash, comma, semicolon or opening bracket past the value's
   * first word, begin a tail saying what the value is not (`Skolfrånvaro – ej sjukdom`,
   * `Förälderns alkoholmissbruk (inte barnets eget)`). In a codebook with no negated category no
   * negation is a value's meaning: the tail is no content. In one that negates, the value before
   * the tail decides alone when it alone is all but certain (engine.ts).
   */
  'exclusions',
  /**
   * First words of an opening that says when or at what the value was noted, not what it is
   * (`Efter separationen: mamman dricker`, `Inför skolstarten: …`, `After the move: …`): the words
   * before the value's first colon are no content when one of these begins them and words follow.
   */
  'openers',
  'agentPrepositions',
  'betweenPrepositions',
  'seeToWords',
  'youngCollective',
  /** The concept word a child's seeing or hearing of violence becomes (the first is used). */
  'witnessed',
  /**
   * Negation words that are prepositions (`utan`, `without`): in a codebook that negates, they
   * negate the words they govern, not the value (`Utredning inleds utan samtycke`, engine.ts).
   */
  'negatingPrepositions',
  /**
   * Words that, after a negation of the class `exclusions` beginning a value or clause and one to
   * five words, say what the value is instead (`utan`, `but`): `Inte konflikt utan våld` is `våld`.
   */
  'contrasts',
  /** Words that make such a contrast add, not replace (`inte bara … utan även`, `not only`). */
  'contrastAdditives',
  /**
   * Words that begin a condition (`om`, `if`): a negated clause's frame before one that is negated
   * too is the counterfactual (`Hade inte anmält om inte pappan druckit`), and what follows happened.
   */
  'conditionals',
  /**
   * Verbs that negate (`avstå`, `saknas`): after or before a negation of the class `exclusions`
   * (`Inte skäl att avstå utredning`, `Skäl saknas inte`) the two cancel.
   */
  'negatingVerbs',
  /**
   * Names of months and their short forms (`mar`, `maj`, `dec`): with a day or a year as a
   * spreadsheet turns an age band or a date into one (`01-mar`, `dec-17`), or after a military
   * date-time group (`022055 nov`), a stamp of when, never content.
   */
  'months',
  /**
   * Persons and pronouns of one sex (`mamma`, `henne`; `pappa`, `honom`): a pronoun hurt after a
   * partner of a caregiver (`mammans sambo slog henne`) is that caregiver only when they agree.
   * A word in neither list agrees with both.
   */
  'feminine',
  'masculine',
] as const;
export type WordClassName = (typeof WORD_CLASSES)[number];

/**
 * What the reading of a value found, for the rules that decide whose problem it is: a caregiver or
 * the child named (strongly: `ungdomen`, `barnets`; weakly: `barnet`), the child as the subject of a
 * verb, `eget`, the child as the unsaid doer of violence, the child hurt, someone else hurt (a
 * caregiver among them), a caregiver hurt with no doer named, caregivers as the parties of
 * something between them (`våld mellan föräldrarna`).
 */
export const READING_FLAGS = [
  'caregiver',
  'childStrong',
  'childWeak',
  'childSubject',
  'own',
  'childDoer',
  'victim',
  'otherVictim',
  'caregiverVictim',
  'caregiverHurt',
  'caregiversBetween',
  'expectant',
] as const;
export type ReadingFlag = (typeof READING_FLAGS)[number];

/**
 * A reading rule as data: when every condition holds (`flag`, or `!flag` for its absence), the value
 * is about `owner`'s problem; `stated` when it is said outright. The first rule that holds decides;
 * none: the value does not say (or names both). E.g. `["caregiver", "!childStrong",
 * "!childSubject"]` → caregiver: a caregiver named, and no child named outright, owns the problem.
 */
export interface OwnerRule {
  readonly when: readonly string[];
  readonly owner: OwnerName;
  readonly stated: boolean;
}

/** A language pack as a profile holds it: absent classes are empty. */
export interface LanguageWords {
  readonly words: Readonly<Partial<Record<WordClassName, readonly string[]>>>;
  /** Inflectional endings a stem of the vocabulary takes (`''` first: the stem itself). */
  readonly endings: readonly string[];
  /** The endings in whose forms typing slips are forgiven. */
  readonly typoEndings: readonly string[];
  /** A word of digits only is a reference (`14 kap 1 §`), not content. */
  readonly numbersAreReferences: boolean;
  /** Whose problem a value is about, from what its reading found (first rule that holds). */
  readonly ownerRules: readonly OwnerRule[];
}

export type PersonWord = 'caregiver' | 'childStrong' | 'childWeak' | 'home';

/** Whose problem a reading rule says a value is about. */
export type OwnerName = 'child' | 'caregiver' | 'unborn';

/** A language pack compiled for reading: sets and patterns built once. */
export interface Language {
  has(cls: WordClassName, word: string): boolean;
  /** The first word of a class (`witnessed`), or `''`. */
  first(cls: WordClassName): string;
  /** Whether a text has a word of a class anywhere, in any case (a quick test before reading). */
  mentions(cls: WordClassName, text: string): boolean;
  isNegation(word: string): boolean;
  personWord(word: string): PersonWord | undefined;
  personStem(word: string): 'caregiver' | 'childStrong' | undefined;
  /** The word without a generic or victim head (`skolsvårigheter` → `skol`), else the word. */
  specific(word: string): string;
  victimHead(word: string): boolean;
  /** A word that names a pregnancy (the word class `expectant`). */
  expectant(word: string): boolean;
  /** A word in a possessive form (the word class `genitives`). */
  genitive(word: string): boolean;
  childVictimCompound(word: string): boolean;
  adultViolence(word: string): boolean;
  /** Whether a text holds a part that is violence. */
  violent(text: string): boolean;
  reference(word: string): boolean;
  /** The owner by the first owner rule that holds for these flags, else null. */
  owner(
    flags: Readonly<Record<ReadingFlag, boolean>>,
  ): { owner: OwnerName; stated: boolean } | null;
  readonly endings: readonly string[];
  readonly typoEndings: ReadonlySet<string>;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alternation(words: readonly string[]): string {
  return words.map(escapeRegExp).join('|');
}

const NEVER = /(?!)/u;
/** Letters a negation word has at least for a typing slip in it to be forgiven. */
const MIN_NEGATION_SLIP = 5;

const compiled = new WeakMap<LanguageWords, Language>();
// By content too: a profile that crossed to the worker is a copy, and compiling (and the word
// classes each language caches) should not start over for every copy.
const compiledByContent = new Map<string, Language>();
const MAX_COMPILED = 8;

/** Compiles a language pack once per object, and once per content. */
export function compileLanguage(pack: LanguageWords): Language {
  let language = compiled.get(pack);
  if (!language) {
    const key = JSON.stringify([
      pack.words,
      pack.endings,
      pack.typoEndings,
      pack.numbersAreReferences,
      pack.ownerRules,
    ]);
    language = compiledByContent.get(key);
    if (!language) {
      language = compileNow(pack);
      if (compiledByContent.size >= MAX_COMPILED)
        compiledByContent.delete(compiledByContent.keys().next().value as string);
      compiledByContent.set(key, language);
    }
    compiled.set(pack, language);
  }
  return language;
}

function compileNow(pack: LanguageWords): Language {
  const list = (cls: WordClassName): readonly string[] =>
    (Object.hasOwn(pack.words, cls) ? pack.words[cls] : undefined) ?? [];
  const sets = new Map<WordClassName, ReadonlySet<string>>(
    WORD_CLASSES.map((cls) => [cls, new Set(list(cls))]),
  );
  const pattern = (cls: WordClassName, make: (alt: string) => string, flags = 'u'): RegExp =>
    list(cls).length > 0 ? new RegExp(make(alternation(list(cls))), flags) : NEVER;
  const victimHead = pattern('victimHeads', (a) => `^(\\p{L}{3,}?)s?(?:${a})$`);
  const genericHead = pattern('genericHeads', (a) => `^(\\p{L}{3,}?)(?:${a})$`);
  const childVictim = pattern('childVictimCompounds', (a) => `^(?:${a})`);
  const adult = pattern('adultViolence', (a) => `^(?:${a})\\p{L}*$`);
  const violence = pattern('violence', (a) => `${a}`);
  const caregiverStem = pattern('caregiverStems', (a) => `(?:${a})`);
  const childStem = pattern('childStems', (a) => `^(?:${a})`);
  const expectant = pattern('expectant', (a) => `^(?:${a})`);
  const genitive = pattern('genitives', (a) => `\\p{L}(?:${a})$`);
  const digits = /^\d+$/u;
  // Long person words survive a slip (`vårdnadshaare`, `fröäldrar`); `barnn` is left alone.
  const persons = new WordList<PersonWord>(
    [
      ...list('caregivers').map((w) => [w, 'caregiver'] as const),
      ...list('childStrong').map((w) => [w, 'childStrong'] as const),
      ...list('childWeak').map((w) => [w, 'childWeak'] as const),
      ...list('home').map((w) => [w, 'home'] as const),
    ],
    7,
  );
  // A negation of five letters or more typed with one slip (`ingwn`, `Ingrn`): still a negation.
  const negationSlips = new WordList<true>(
    list('negation')
      .filter((w) => w.length >= MIN_NEGATION_SLIP)
      .map((w) => [w, true] as const),
    MIN_NEGATION_SLIP,
  );
  // Conditions as [negated, flag] pairs; an unknown flag never holds (the profile's check refuses it).
  const flagSet = new Set<string>(READING_FLAGS);
  const rules = pack.ownerRules.map((r) => ({
    conditions: r.when.map((w) => {
      const negated = w.startsWith('!');
      const flag = negated ? w.slice(1) : w;
      return { negated, flag: flagSet.has(flag) ? (flag as ReadingFlag) : null };
    }),
    result: { owner: r.owner, stated: r.stated },
  }));
  const mentioned = new Map<WordClassName, RegExp>();
  const has = (cls: WordClassName, word: string): boolean =>
    (sets.get(cls) as ReadonlySet<string>).has(word);
  return {
    has,
    first: (cls) => list(cls)[0] ?? '',
    mentions(cls, text) {
      let p = mentioned.get(cls);
      if (p === undefined) {
        p = pattern(cls, (a) => `(?<![\\p{L}\\p{N}])(?:${a})(?![\\p{L}\\p{N}])`, 'iu');
        mentioned.set(cls, p);
      }
      return p.test(text);
    },
    isNegation: (word) =>
      has('negation', word) ||
      (word.length >= MIN_NEGATION_SLIP && negationSlips.find(word) !== undefined),
    personWord: (word) => persons.find(word) ?? persons.begins(word),
    personStem(word) {
      if (caregiverStem.test(word)) return 'caregiver';
      if (childStem.test(word)) return 'childStrong';
      return undefined;
    },
    specific: (word) => genericHead.exec(word)?.[1] ?? victimHead.exec(word)?.[1] ?? word,
    victimHead: (word) => victimHead.test(word),
    expectant: (word) => expectant.test(word),
    genitive: (word) => genitive.test(word),
    childVictimCompound: (word) => childVictim.test(word),
    adultViolence: (word) => adult.test(word),
    violent: (text) => violence.test(text),
    reference: (word) =>
      has('references', word) || (pack.numbersAreReferences && digits.test(word)),
    owner(flags) {
      for (const rule of rules)
        if (rule.conditions.every((c) => c.flag !== null && flags[c.flag] !== c.negated))
          return rule.result;
      return null;
    },
    endings: pack.endings,
    typoEndings: new Set(pack.typoEndings),
  };
}

/** Owner rules as JSON has them (`owner` any text), typed: anything but `caregiver` is the child. */
export function ownerRulesOf(
  rules: readonly {
    readonly when: readonly string[];
    readonly owner: string;
    readonly stated: boolean;
  }[],
): OwnerRule[] {
  return rules.map((r) => ({
    when: [...r.when],
    owner: r.owner === 'caregiver' || r.owner === 'unborn' ? r.owner : 'child',
    stated: r.stated,
  }));
}

/** The default profile's language: Swedish as social services write it. */
export const defaultLanguage: LanguageWords = {
  words: svProfile.words,
  endings: svProfile.endings,
  typoEndings: svProfile.typoEndings,
  numbersAreReferences: svProfile.reading.numbersAreReferences,
  ownerRules: ownerRulesOf(svProfile.reading.owner),
};

/** No language knowledge: every word is content. */
export const neutralLanguage: LanguageWords = {
  words: neutralProfile.words,
  endings: neutralProfile.endings,
  typoEndings: neutralProfile.typoEndings,
  numbersAreReferences: neutralProfile.reading.numbersAreReferences,
  ownerRules: ownerRulesOf(neutralProfile.reading.owner),
};
