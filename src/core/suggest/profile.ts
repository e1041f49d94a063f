// A suggestion profile: everything the engine knows of a language and a field, as data that a team
// can see, edit, export and hand to the command line (the `kodbok/profile` file, docs/formats.md).
// The engine keeps the mechanisms; a profile gives the words. Two are built in: the default
// Swedish child-welfare profile and a neutral one that knows no language.

import type { EngineWeights } from './engine';
import { defaultLanguage, neutralLanguage, type OwnerRule, type WordClassName } from './language';
import { defaultNormaliseConfig, type NormaliseConfig } from './normalise';
import enFile from './profiles/en.profile.json';
import neutralFile from './profiles/neutral.profile.json';
import svFile from './profiles/sv-barn-och-unga.profile.json';
import type { DomainTerm } from './terms';

/** Whose problems a category is about, declared: `none` says it is about no one in particular. */
export type DeclaredOwner = 'child' | 'caregiver' | 'unborn' | 'none';

/**
 * A category's attributes as the profile declares them, instead of as read from its label (a
 * codebook in another language, or labels that do not say): each one given overrides the reading.
 */
export interface CategoryAttributes {
  readonly code: string;
  readonly owner?: DeclaredOwner;
  /** The category is a negation (`Ingen utredning`): its values say something did not happen. */
  readonly negated?: boolean;
  /** The child is the one hurt (`Våld mot barnet`). */
  readonly childVictim?: boolean;
}

/** The word vectors the app and the command line carry (public/vectors/NAME.kvec). */
export const WORD_VECTORS = ['en-glove-100k'] as const;
export type WordVectorsName = (typeof WORD_VECTORS)[number];

export const BUILT_IN_PROFILES = ['neutral', 'sv-barn-och-unga', 'en'] as const;
export type BuiltInProfileId = (typeof BUILT_IN_PROFILES)[number];

export interface SuggestProfile {
  readonly id: string;
  readonly title?: string;
  readonly description?: string;
  /** BCP 47 tag of the values' language (`sv`); `und` when the profile knows none. */
  readonly language?: string;
  /**
   * The word vectors the engine matches meanings by (vectors.ts), by name: `en-glove-100k`, the
   * one the app and the command line have. Absent: none.
   */
  readonly wordVectors?: WordVectorsName;
  /** The normalisation (rules, abbreviations, unit prefixes and markers); no `terms` here. */
  readonly normalise: NormaliseConfig;
  readonly words: Readonly<Partial<Record<WordClassName, readonly string[]>>>;
  readonly endings: readonly string[];
  readonly typoEndings: readonly string[];
  readonly reading: {
    readonly numbersAreReferences: boolean;
    /** Whose problem a value is about, from what its reading found (language.ts). */
    readonly owner: readonly OwnerRule[];
  };
  readonly vocabulary: readonly DomainTerm[];
  /** Only the weights the profile sets; the rest are the engine's defaults. */
  readonly weights: Partial<EngineWeights>;
  readonly categories: readonly CategoryAttributes[];
}

/** The default: Swedish as social services write it, and the child-welfare vocabulary. */
export const defaultProfile: SuggestProfile = {
  id: svFile.id,
  title: svFile.title,
  description: svFile.description,
  language: svFile.language,
  normalise: defaultNormaliseConfig,
  words: defaultLanguage.words,
  endings: defaultLanguage.endings,
  typoEndings: defaultLanguage.typoEndings,
  reading: {
    numbersAreReferences: defaultLanguage.numbersAreReferences,
    owner: defaultLanguage.ownerRules,
  },
  vocabulary: svFile.vocabulary,
  weights: svFile.weights,
  categories: [],
};

/** No language knowledge: the plain core, the codebook's own words and the team's decisions. */
export const neutralProfile: SuggestProfile = {
  id: neutralFile.id,
  title: neutralFile.title,
  description: neutralFile.description,
  language: neutralFile.language,
  normalise: neutralFile.normalise,
  words: neutralLanguage.words,
  endings: neutralLanguage.endings,
  typoEndings: neutralLanguage.typoEndings,
  reading: {
    numbersAreReferences: neutralLanguage.numbersAreReferences,
    owner: neutralLanguage.ownerRules,
  },
  vocabulary: [],
  weights: neutralFile.weights,
  categories: [],
};

/**
 * English: the neutral profile, signs written for words, and the meaning of words (English word
 * vectors) for codebooks written in English (choose.ts).
 */
export const englishProfile: SuggestProfile = {
  ...neutralProfile,
  id: enFile.id,
  title: enFile.title,
  description: enFile.description,
  language: enFile.language,
  // Signs written for words (`🍺`, `💊`): read as the English words they stand for.
  normalise: {
    ...neutralProfile.normalise,
    rules: { ...neutralProfile.normalise.rules, ...enFile.normalise.rules },
    abbreviations: enFile.normalise.abbreviations,
  },
  wordVectors: enFile.wordVectors as WordVectorsName,
  weights: { ...neutralProfile.weights, ...enFile.weights },
};

export function builtInProfile(id: BuiltInProfileId): SuggestProfile {
  return id === 'neutral' ? neutralProfile : id === 'en' ? englishProfile : defaultProfile;
}

/** The normalisation a profile's engine uses, with its vocabulary (NormaliseConfig.terms). */
export function profileNormaliseConfig(profile: SuggestProfile): NormaliseConfig {
  return { ...profile.normalise, terms: profile.vocabulary };
}
