// The profile file (`kodbok/profile`, docs/formats.md): read untrusted text into a valid
// SuggestProfile through the same restore step as codebooks and mappings, and write one back.

import { textLimitErrors, type TextField } from '../limits';
import { ownerRulesOf, WORD_CLASSES, type WordClassName } from '../suggest/language';
import {
  abbreviationOf,
  NORMALISE_RULES,
  readNormaliseConfig,
  type Abbreviation,
  type NormaliseConfig,
} from '../suggest/normalise';
import {
  builtInProfile,
  BUILT_IN_PROFILES,
  defaultProfile,
  type BuiltInProfileId,
  type CategoryAttributes,
  type DeclaredOwner,
  type SuggestProfile,
  WORD_VECTORS,
  type WordVectorsName,
} from '../suggest/profile';
import type { EngineWeights } from '../suggest/engine';
import type { DomainTerm } from '../suggest/terms';
import { isJsonRecord, ownField, restoreJsonBytes, type JsonRecord } from './json';
import profileSchema from './profile.schema.json';
import {
  compileSchema,
  FORMAT_VERSION,
  optionalString,
  optionalStrings,
  PROFILE_FORMAT,
  readWith,
  records,
  restoreWith,
  stringField,
  type SchemaNode,
} from './restore';
import { pointer, type FormatError, type Result } from './result';

const schema: SchemaNode = profileSchema;
const checkSchema = compileSchema(schema, 'vocabulary');
const WEIGHT_KEYS = Object.keys(
  schema.properties?.weights?.properties ?? {},
) as (keyof EngineWeights)[];
/** Weights that a file leaving them out does not take from its base (docs/formats.md). */
const NOT_INHERITED: ReadonlySet<keyof EngineWeights> = new Set([
  'calibrated',
  'differingCodebook',
  'alignedContainment',
]);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function readProfileFile(text: string): Result<SuggestProfile> {
  return readWith(text, restoreProfile);
}

/** A profile file's bytes, as the app's import reads them: UTF-8 or refused with the line. */
export function readProfileBytes(bytes: Uint8Array): Result<SuggestProfile> {
  return restoreJsonBytes(bytes, restoreProfile);
}

/** The restore step on already-parsed JSON: envelope, schema, then a fresh profile, then rules. */
export function restoreProfile(data: unknown): Result<SuggestProfile> {
  return restoreWith(data, {
    format: PROFILE_FORMAT,
    schema,
    checkSchema,
    build: buildProfile,
    check: (profile) => {
      const tooLong = textLimitErrors(profileTexts(profile));
      return tooLong.length > 0 ? tooLong : validateProfile(profile);
    },
  });
}

const strings = (record: JsonRecord, key: string): string[] | undefined =>
  optionalStrings(record, key);

function buildNormalise(data: JsonRecord, base: NormaliseConfig): NormaliseConfig {
  const rulesData = ownField(data, 'rules');
  const rules = { ...base.rules };
  if (isJsonRecord(rulesData))
    for (const rule of NORMALISE_RULES) {
      const on = ownField(rulesData, rule);
      if (typeof on === 'boolean') rules[rule] = on;
    }
  const abbreviationsData = ownField(data, 'abbreviations');
  const abbreviations: readonly Abbreviation[] = Array.isArray(abbreviationsData)
    ? records(abbreviationsData).map((a) =>
        abbreviationOf(stringField(a, 'short'), stringField(a, 'long'), ownField(a, 'exactCase')),
      )
    : base.abbreviations;
  return {
    rules,
    abbreviations,
    unitPrefixes: strings(data, 'unitPrefixes') ?? base.unitPrefixes,
    unitMarkers: strings(data, 'unitMarkers') ?? base.unitMarkers ?? [],
  };
}

function buildTerm(data: JsonRecord): DomainTerm {
  const forms = strings(data, 'forms');
  const concept = stringField(data, 'concept');
  const stems = strings(data, 'stems') ?? [];
  return forms === undefined ? { concept, stems } : { concept, stems, forms };
}

function buildCategory(data: JsonRecord): CategoryAttributes {
  const out: Mutable<CategoryAttributes> = { code: stringField(data, 'code') };
  const owner = ownField(data, 'owner');
  if (owner === 'child' || owner === 'caregiver' || owner === 'unborn' || owner === 'none')
    out.owner = owner as DeclaredOwner;
  for (const key of ['negated', 'childVictim'] as const) {
    const v = ownField(data, key);
    if (typeof v === 'boolean') out[key] = v;
  }
  return out;
}

function buildProfile(data: JsonRecord): SuggestProfile {
  const baseId = ownField(data, 'base');
  const base = builtInProfile(
    BUILT_IN_PROFILES.includes(baseId as BuiltInProfileId)
      ? (baseId as BuiltInProfileId)
      : 'neutral',
  );
  const normaliseData = ownField(data, 'normalise');
  const wordsData = ownField(data, 'words');
  // Per word class and per weight: what the file leaves out is the base's.
  const words: Partial<Record<WordClassName, readonly string[]>> = { ...base.words };
  if (isJsonRecord(wordsData))
    for (const cls of WORD_CLASSES) {
      const list = strings(wordsData, cls);
      if (list !== undefined) words[cls] = list;
    }
  const readingData = ownField(data, 'reading');
  const numbers = isJsonRecord(readingData)
    ? ownField(readingData, 'numbersAreReferences')
    : undefined;
  const ownerData = isJsonRecord(readingData) ? ownField(readingData, 'owner') : undefined;
  const weightsData = ownField(data, 'weights');
  // In the schema's order whatever the base sets, so a profile written again reads the same.
  // A weight newer than the files that leave it out is off there, whatever the base: a profile saved
  // before it existed means what it meant.
  const weights: Partial<Mutable<EngineWeights>> = {};
  for (const key of WEIGHT_KEYS) {
    const v = isJsonRecord(weightsData) ? ownField(weightsData, key) : undefined;
    const inherited = NOT_INHERITED.has(key) ? undefined : base.weights[key];
    if (typeof v === 'number') weights[key] = v;
    else if (inherited !== undefined) weights[key] = inherited;
  }
  const vocabularyData = ownField(data, 'vocabulary');
  const categoriesData = ownField(data, 'categories');
  const profile: Mutable<SuggestProfile> = {
    id: stringField(data, 'id'),
    normalise: isJsonRecord(normaliseData)
      ? buildNormalise(normaliseData, base.normalise)
      : base.normalise,
    words,
    endings: strings(data, 'endings') ?? base.endings,
    typoEndings: strings(data, 'typoEndings') ?? base.typoEndings,
    reading: {
      numbersAreReferences:
        typeof numbers === 'boolean' ? numbers : base.reading.numbersAreReferences,
      owner: Array.isArray(ownerData)
        ? ownerRulesOf(
            records(ownerData).map((r) => ({
              when: strings(r, 'when') ?? [],
              owner: stringField(r, 'owner'),
              stated: ownField(r, 'stated') === true,
            })),
          )
        : base.reading.owner,
    },
    vocabulary: Array.isArray(vocabularyData)
      ? records(vocabularyData).map(buildTerm)
      : base.vocabulary,
    weights,
    categories: Array.isArray(categoriesData)
      ? records(categoriesData).map(buildCategory)
      : base.categories,
  };
  for (const key of ['title', 'description', 'language'] as const) {
    const text = optionalString(data, key);
    if (text !== undefined) profile[key] = text;
  }
  // The schema allows only the names of vectors the app and the command line carry.
  const vectors = ownField(data, 'wordVectors');
  if (WORD_VECTORS.includes(vectors as WordVectorsName))
    profile.wordVectors = vectors as WordVectorsName;
  else if (vectors === undefined && base.wordVectors !== undefined)
    profile.wordVectors = base.wordVectors;
  return profile;
}

/** Every text field of a profile, for the length limit (docs/formats.md, Limits). */
function* profileTexts(p: SuggestProfile): Generator<TextField> {
  for (const key of ['id', 'title', 'description', 'language'] as const) yield [[key], p[key]];
  const list = (keys: ReadonlyArray<string | number>, items: readonly string[]): TextField[] =>
    items.map((text, i) => [[...keys, i], text] as const);
  for (let i = 0; i < p.normalise.abbreviations.length; i++) {
    const a = p.normalise.abbreviations[i] as Abbreviation;
    yield [['normalise', 'abbreviations', i, 'short'], a.short];
    yield [['normalise', 'abbreviations', i, 'long'], a.long];
  }
  yield* list(['normalise', 'unitPrefixes'], p.normalise.unitPrefixes);
  yield* list(['normalise', 'unitMarkers'], p.normalise.unitMarkers ?? []);
  for (const cls of WORD_CLASSES) yield* list(['words', cls], p.words[cls] ?? []);
  yield* list(['endings'], p.endings);
  yield* list(['typoEndings'], p.typoEndings);
  for (let i = 0; i < p.categories.length; i++)
    yield [['categories', i, 'code'], (p.categories[i] as CategoryAttributes).code];
  for (let i = 0; i < p.vocabulary.length; i++) {
    const t = p.vocabulary[i] as DomainTerm;
    yield [['vocabulary', i, 'concept'], t.concept];
    yield* list(['vocabulary', i, 'stems'], t.stems);
    yield* list(['vocabulary', i, 'forms'], t.forms ?? []);
  }
}

/** Rules a schema cannot say: one entry per category, whole numbers where a count is meant. */
export function validateProfile(profile: SuggestProfile): FormatError[] {
  const errors: FormatError[] = [];
  const seen = new Map<string, number>();
  profile.categories.forEach((c, i) => {
    const first = seen.get(c.code);
    if (first !== undefined)
      errors.push({
        path: pointer('categories', i, 'code'),
        code: 'duplicate-attributes',
        params: { code: c.code, at: pointer('categories', first, 'code') },
        message: `duplicate code "${c.code}" (also at ${pointer('categories', first, 'code')}); declare a category's attributes once`,
      });
    else seen.set(c.code, i);
  });
  const neighbours = profile.weights.neighbours;
  if (neighbours !== undefined && (!Number.isSafeInteger(neighbours) || neighbours < 1))
    errors.push({
      path: pointer('weights', 'neighbours'),
      code: 'whole-from-one',
      params: { found: String(neighbours) },
      message: `must be a whole number of 1 or more; found ${neighbours}`,
    });
  for (const [key, value] of Object.entries(profile.weights))
    if (!Number.isFinite(value))
      errors.push({
        path: pointer('weights', key),
        code: 'not-finite',
        message: 'must be a finite number',
      });
  if (profile.endings.length > 0 && !profile.endings.includes(''))
    errors.push({
      path: '/endings',
      code: 'endings-need-empty',
      message: 'must include "" (a stem without an ending is a form of itself)',
    });
  return errors;
}

/** The file: the envelope, then the sections in docs/formats.md's order; every section written. */
export function writeProfileFile(profile: SuggestProfile): string {
  return JSON.stringify(profileFileObject(profile), null, 2) + '\n';
}

/** The file as a JSON value (the app stores it so, and the backup carries it unchanged). */
export function profileFileObject(profile: SuggestProfile): unknown {
  return {
    format: PROFILE_FORMAT,
    formatVersion: FORMAT_VERSION,
    id: profile.id,
    title: profile.title,
    description: profile.description,
    language: profile.language,
    wordVectors: profile.wordVectors,
    normalise: {
      rules: Object.fromEntries(NORMALISE_RULES.map((r) => [r, profile.normalise.rules[r]])),
      abbreviations: profile.normalise.abbreviations.map((a) =>
        abbreviationOf(a.short, a.long, a.exactCase),
      ),
      unitPrefixes: [...profile.normalise.unitPrefixes],
      unitMarkers: [...(profile.normalise.unitMarkers ?? [])],
    },
    words: Object.fromEntries(
      WORD_CLASSES.flatMap((cls) => {
        const list = profile.words[cls];
        return list === undefined ? [] : [[cls, [...list]]];
      }),
    ),
    endings: [...profile.endings],
    typoEndings: [...profile.typoEndings],
    reading: {
      numbersAreReferences: profile.reading.numbersAreReferences,
      owner: profile.reading.owner.map((r) => ({
        when: [...r.when],
        owner: r.owner,
        stated: r.stated,
      })),
    },
    weights: { ...profile.weights },
    categories: profile.categories.map((c) => ({
      code: c.code,
      owner: c.owner,
      negated: c.negated,
      childVictim: c.childVictim,
    })),
    vocabulary: profile.vocabulary.map((t) =>
      t.forms === undefined
        ? { concept: t.concept, stems: [...t.stems] }
        : { concept: t.concept, stems: [...t.stems], forms: [...t.forms] },
    ),
  };
}

/**
 * A variable's profile as the app stores it (the setting `normalise:<project>:<variable>`, also in
 * backups), made whole. What is stored is the profile's sections without the envelope, read through
 * the same restore step as a file; what older versions stored there (the normalisation rules, with
 * the vocabulary as `terms`) becomes the default profile with those rules and that vocabulary.
 * Anything else, or a profile that fails its checks, is the default profile. Never throws.
 */
export function readStoredProfile(stored: unknown): SuggestProfile {
  if (!isJsonRecord(stored)) return defaultProfile;
  if (typeof ownField(stored, 'id') === 'string') {
    const file = Object.fromEntries([
      ['format', PROFILE_FORMAT],
      ['formatVersion', FORMAT_VERSION],
      ...Object.entries(stored).filter(([k]) => k !== 'format' && k !== 'formatVersion'),
    ]);
    const read = restoreProfile(file);
    return read.ok ? read.value : defaultProfile;
  }
  const { terms, ...normalise } = readNormaliseConfig(stored);
  return { ...defaultProfile, normalise, vocabulary: terms ?? defaultProfile.vocabulary };
}
