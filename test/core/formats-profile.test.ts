// The `kodbok/profile` file (issue 12, item 1): read through the same restore step as codebooks and
// mappings, with the same limits and messages; written back exactly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import profileSchema from '../../src/core/formats/profile.schema.json';
import {
  readProfileFile,
  readStoredProfile,
  writeProfileFile,
} from '../../src/core/formats/profile';
import { MAX_TEXT_LENGTH } from '../../src/core/limits';
import { createEngine, defaultEngineWeights } from '../../src/core/suggest/engine';
import { analyseValue } from '../../src/core/suggest/features';
import { compileLanguage, WORD_CLASSES } from '../../src/core/suggest/language';
import { defaultProfile, englishProfile, neutralProfile } from '../../src/core/suggest/profile';
import type { Codebook } from '../../src/core/types';

const file = (name: string): string =>
  readFileSync(
    new URL(`../../src/core/suggest/profiles/${name}.profile.json`, import.meta.url),
    'utf8',
  );
const minimal = { format: 'kodbok/profile', formatVersion: 1, id: 'p' };
const read = (data: unknown) => readProfileFile(JSON.stringify(data));

describe('the profile file', () => {
  it('reads the built-in profiles without a warning, as the objects the engine uses', () => {
    for (const [name, profile] of [
      ['sv-barn-och-unga', defaultProfile],
      ['neutral', neutralProfile],
      ['en', englishProfile],
    ] as const) {
      const r = readProfileFile(file(name));
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(r.warnings).toEqual([]);
      expect(writeProfileFile(r.value)).toBe(writeProfileFile(profile));
    }
  });

  it('writes what it reads: the default profile round-trips byte for byte', () => {
    const text = writeProfileFile(defaultProfile);
    const r = readProfileFile(text);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(writeProfileFile(r.value)).toBe(text);
  });

  it('names every word class and weight the engine knows in its schema', () => {
    expect(Object.keys(profileSchema.properties.words.properties)).toEqual([...WORD_CLASSES]);
    expect(Object.keys(profileSchema.properties.weights.properties).sort()).toEqual(
      Object.keys(defaultEngineWeights).sort(),
    );
  });

  it('takes what a file leaves out from its base: neutral unless it names the Swedish profile', () => {
    const plain = read(minimal);
    if (!plain.ok) throw new Error('minimal');
    // The neutral profile's word classes: the tails that say what a value is not, and the
    // alternative a negation denies (`Not capital but income`).
    expect(plain.value.words).toEqual({
      exclusions: ['not', 'ej', 'inte', 'icke'],
      contrasts: ['utan', 'but'],
      contrastAdditives: [
        'bara',
        'enbart',
        'endast',
        'även',
        'också',
        'only',
        'just',
        'merely',
        'also',
      ],
    });
    expect(plain.value.vocabulary).toEqual([]);
    // A class the file empties stays empty: it is not taken from the base.
    const emptied = read({ ...minimal, words: { exclusions: [] } });
    if (!emptied.ok) throw new Error('emptied');
    expect(emptied.value.words.exclusions).toEqual([]);
    const based = read({
      ...minimal,
      base: 'sv-barn-och-unga',
      words: { negation: ['no', 'not'] },
      vocabulary: [{ concept: 'school', stems: ['truan'] }],
    });
    if (!based.ok) throw new Error('based');
    expect(based.value.words.negation).toEqual(['no', 'not']);
    expect(based.value.words.caregivers).toEqual(defaultProfile.words.caregivers);
    expect(based.value.vocabulary).toEqual([{ concept: 'school', stems: ['truan'] }]);
    expect(based.value.normalise).toEqual(defaultProfile.normalise);
  });

  it('leaves the calibrated classifier off in a file without it, whatever its base: saved profiles mean what they meant', () => {
    const neutralFile = readProfileFile(file('neutral'));
    if (!neutralFile.ok) throw new Error('neutral');
    expect(neutralFile.value.weights.calibrated).toBe(0.3);
    const saved = read({ ...minimal, base: 'neutral', weights: { support: 0.3 } });
    if (!saved.ok) throw new Error('saved');
    // alignedDice is taken from the base (0 on the neutral one), as weights are unless listed.
    expect(saved.value.weights).toEqual({ support: 0.3, alignedDice: 0 });
    const chosen = read({ ...minimal, weights: { calibrated: 0.5 } });
    if (!chosen.ok) throw new Error('chosen');
    expect(chosen.value.weights.calibrated).toBe(0.5);
  });

  it('takes the word-by-word Dice from its base, as the engine does', () => {
    // On the Swedish base a file means the Swedish profile (0.7); on the neutral one, 0. Before,
    // the reader left it out of every file that did not name it, and the engine then took the
    // Swedish 0.7 even for a file on the neutral base.
    const sv = read({ ...minimal, base: 'sv-barn-och-unga', weights: { support: 0.15 } });
    const neutral = read({ ...minimal, base: 'neutral', weights: { support: 0.15 } });
    if (!sv.ok || !neutral.ok) throw new Error('read');
    expect(sv.value.weights.alignedDice).toBe(0.7);
    expect(neutral.value.weights.alignedDice).toBe(0);
    // Without a base a file is on the neutral profile.
    const bare = read({ ...minimal, weights: { support: 0.15 } });
    if (!bare.ok) throw new Error('bare');
    expect(bare.value.weights.alignedDice).toBe(0);
    expect(defaultProfile.weights.alignedDice).toBe(0.7);
    expect(neutralProfile.weights.alignedDice).toBe(0);
  });

  it('names the word vectors it matches meanings by: kept, taken from its base, or refused', () => {
    const named = read({ ...minimal, wordVectors: 'en-glove-100k', weights: { meaning: 0.4 } });
    if (!named.ok) throw new Error(JSON.stringify(named.errors));
    expect(named.value.wordVectors).toBe('en-glove-100k');
    expect(named.value.weights.meaning).toBe(0.4);
    expect(writeProfileFile(named.value)).toContain('"wordVectors": "en-glove-100k"');
    // From the English profile as base, with its weight; none from the neutral one.
    const based = read({ ...minimal, base: 'en' });
    if (!based.ok) throw new Error(JSON.stringify(based.errors));
    expect(based.value.wordVectors).toBe('en-glove-100k');
    expect(based.value.weights.meaning).toBe(englishProfile.weights.meaning);
    const plain = read(minimal);
    if (!plain.ok) throw new Error(JSON.stringify(plain.errors));
    expect(plain.value.wordVectors).toBeUndefined();
    expect(writeProfileFile(plain.value)).not.toContain('wordVectors');
    // Vectors the app does not carry are refused at their place, not silently left out.
    const unknown = read({ ...minimal, wordVectors: 'sv-fasttext' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.errors[0]?.path).toBe('/wordVectors');
  });

  it('refuses a wrong envelope, wrong types and broken rules with the place', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...minimal, format: 'kodbok/codebook' }, /^\/format: this is a codebook file/u],
      [{ ...minimal, formatVersion: 2 }, /^\/formatVersion: written by a newer Kodbok/u],
      [{ ...minimal, words: { negation: 'ej' } }, /^\/words\/negation: must be a list/u],
      [
        { ...minimal, vocabulary: [{ concept: '', stems: [] }] },
        /^\/vocabulary\/0\/concept: must not be empty/u,
      ],
      [
        { ...minimal, categories: [{ code: 'A', owner: 'mother' }] },
        /^\/categories\/0\/owner: must be one of "child", "caregiver", "unborn", "none"/u,
      ],
      [{ ...minimal, weights: { support: -1 } }, /^\/weights\/support: must be 0 or more/u],
      [
        { ...minimal, weights: { neighbours: 2.5 } },
        /^\/weights\/neighbours: must be a whole number/u,
      ],
      [
        { ...minimal, categories: [{ code: 'A' }, { code: 'A', negated: true }] },
        /^\/categories\/1\/code: duplicate code "A"/u,
      ],
      [{ ...minimal, endings: ['s'] }, /^\/endings: must include ""/u],
      [
        { ...minimal, words: { stopwords: ['x'.repeat(MAX_TEXT_LENGTH + 1)] } },
        /^\/words\/stopwords\/0: is 4001 characters long/u,
      ],
    ];
    for (const [data, message] of cases) {
      const r = read(data);
      expect(r.ok, JSON.stringify(data).slice(0, 80)).toBe(false);
      if (!r.ok) expect(`${r.errors[0]?.path}: ${r.errors[0]?.message}`).toMatch(message);
    }
  });

  it('warns of word classes it does not know, and keeps no prototype from the file', () => {
    const r = readProfileFile(
      `{"format":"kodbok/profile","formatVersion":1,"id":"p","words":{"negationz":["ej"],"__proto__":{"polluted":["x"]}},"__proto__":{"polluted":true}}`,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.warnings.join('\n')).toMatch(/ignored unknown field \/words\/negationz/u);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r.value.words)).toBe(Object.prototype);
  });
});

describe('the profile the app stores', () => {
  it('reads what older versions stored (the rules and vocabulary) as the default profile with them', () => {
    const stored = {
      rules: { case: true, unitPrefixes: false },
      abbreviations: [{ short: 'X', long: 'xylofon' }],
      unitPrefixes: ['B/U'],
      terms: [{ concept: 'musik', stems: ['xylofon'] }],
    };
    const p = readStoredProfile(stored);
    expect(p.words).toBe(defaultProfile.words);
    expect(p.normalise.rules.unitPrefixes).toBe(false);
    expect(p.normalise.rules.punctuation).toBe(true);
    expect(p.normalise.abbreviations).toEqual([{ short: 'X', long: 'xylofon' }]);
    expect(p.vocabulary).toEqual([{ concept: 'musik', stems: ['xylofon'], forms: [] }]);
    expect(readStoredProfile(undefined)).toBe(defaultProfile);
  });

  it('reads back a stored profile as it was, and repairs a damaged one to the default', () => {
    const edited = { ...neutralProfile, words: { ...neutralProfile.words, negation: ['no'] } };
    expect(readStoredProfile(structuredClone(edited))).toEqual(readStoredProfile(edited));
    expect(readStoredProfile(structuredClone(edited)).words).toEqual(edited.words);
    expect(readStoredProfile({ ...edited, words: { negation: 'no' } })).toBe(defaultProfile);
  });
});

describe('a profile in the engine', () => {
  // An English codebook the default profile knows nothing of: the team declares which group is a
  // negation and gives the language's negation words.
  const codebook: Codebook = {
    id: 'en-actions',
    variable: 'action',
    categories: [
      { code: 'INV', label: 'Assessment', parent: null },
      { code: 'NOI', label: 'Closed', parent: null },
      { code: 'I1', label: 'Assessment opened', parent: 'INV' },
      { code: 'N1', label: 'Assessment not opened', parent: 'NOI' },
    ],
  };
  const top = (profile = neutralProfile, raw = 'assessment never opened') =>
    createEngine({ codebook, known: new Map(), profile }).suggest(raw, 1)[0]?.code;

  it('reads negation from the profile’s words and declared categories, not from Swedish', () => {
    // Neutral: `never` is a word like any other, and `opened` pulls to the affirmed leaf.
    expect(top()).toBe('I1');
    const english = {
      ...neutralProfile,
      words: { negation: ['no', 'not', 'never'] },
      categories: [{ code: 'NOI', negated: true }],
    };
    expect(top(english)).toBe('N1');
    expect(top(english, 'assessment opened')).toBe('I1');
  });

  it('decides whose problem a value is by the profile’s owner rules, which are data', () => {
    const rule = { when: ['caregiver', '!childStrong'], owner: 'caregiver' as const, stated: true };
    const english = (owner: (typeof rule)[]) =>
      compileLanguage({
        words: { caregivers: ['mother', 'father'], childStrong: ['teenager'] },
        endings: [''],
        typoEndings: [''],
        numbersAreReferences: false,
        ownerRules: owner,
      });
    expect(analyseValue('mother drinks', undefined, english([rule])).owner).toBe('caregiver');
    expect(analyseValue('mother and teenager drink', undefined, english([rule])).owner).toBeNull();
    expect(analyseValue('mother drinks', undefined, english([])).owner).toBeNull();
    const bad = read({
      ...minimal,
      reading: { owner: [{ when: ['mother'], owner: 'caregiver' }] },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]?.path).toBe('/reading/owner/0/when/0');
  });
});
