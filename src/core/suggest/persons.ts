// The persons a value can name, as closed word lists: who the problem belongs to is decided by
// these words (see features.ts). Only whole words are listed; compounds are handled by stems.

import { WordList } from './spelling';

export type PersonWord = 'caregiver' | 'childStrong' | 'childWeak' | 'home';

function inflect(stem: string, endings: readonly string[]): string[] {
  return endings.map((e) => stem + e);
}

const FÖRÄLDER = [
  'förälder',
  'föräldern',
  'förälders',
  'förälderns',
  'föräldrar',
  'föräldrarna',
  'föräldrars',
  'föräldrarnas',
];

const CAREGIVER = [
  ...FÖRÄLDER,
  ...['styv', 'bonus', 'foster', 'familjehems'].flatMap((p) => FÖRÄLDER.map((f) => p + f)),
  ...inflect('vårdnadshavare', ['', 'n', 's', 'ns']),
  ...inflect('vårdnadshavar', ['na', 'nas']),
  ...inflect('omsorgsperson', ['', 'en', 'ens', 'er', 'erna', 'ernas', 's']),
  ...inflect('mamma', ['', 'n', 'ns', 's']),
  ...inflect('pappa', ['', 'n', 'ns', 's']),
  ...['styv', 'bonus', 'extra'].flatMap((p) =>
    ['mamma', 'pappa'].flatMap((f) => inflect(p + f, ['', 'n', 'ns', 's'])),
  ),
  ...['styvfar', 'styvfadern', 'styvmor', 'styvmodern'],
  'modern',
  'moderns',
  'fadern',
  'faderns',
  'mödrar',
  'fäder',
  // An adult of the household, as some systems write it.
  'vuxen',
  'vuxens',
  'vuxna',
  'vuxnas',
];

// Said outright: a possessive or a word only used of the young person.
const CHILD_STRONG = [
  'barnets',
  'barnens',
  ...inflect('ungdom', ['', 'en', 'ens', 'ar', 'arna', 'arnas']),
  'unge',
  'tonåring',
  'tonåringen',
  'tonåringens',
  'flickans',
  'pojkens',
  'elevens',
  'sonens',
  'dotterns',
];

// `barn` / `barnet` name the child but are also the object of most home-environment reasons
// (`misshandel av barn`, `oro för ofött barn`): a weak marker.
const CHILD_WEAK = [
  'barn',
  'barnet',
  'barnen',
  'flicka',
  'flickan',
  'pojke',
  'pojken',
  'elev',
  'eleven',
  'son',
  'sonen',
  'söner',
  'sönerna',
  'dotter',
  'dottern',
  'döttrar',
  'döttrarna',
];

// The home, as opposed to the child's own behaviour: `kriminalitet i familjen`, `våld i hemmet`.
const HOME = ['familj', 'familjen', 'familjens', 'hemmet', 'hemma'];

const persons = new WordList<PersonWord>(
  [
    ...CAREGIVER.map((w) => [w, 'caregiver'] as const),
    ...CHILD_STRONG.map((w) => [w, 'childStrong'] as const),
    ...CHILD_WEAK.map((w) => [w, 'childWeak'] as const),
    ...HOME.map((w) => [w, 'home'] as const),
  ],
  // `vårdnadshaare`, `fröäldrar`: long person words survive a slip; `barnn` is left alone.
  7,
);

/** Which person a word names, if any (also folded or with one slip in long words). */
export function personWord(word: string): PersonWord | undefined {
  return persons.find(word);
}

// Compounds with a caregiver noun (`föräldramissbruk`, `vårdnadshavarskap`) name the caregiver too.
const CAREGIVER_STEM =
  /(?:förälder|föräldr|foralder|foraldr|vårdnadshavar|vardnadshavar|omsorgsperson)/u;
// Compounds led by the young person (`ungdomskriminalitet`, `ungdomsmissbruk`).
const CHILD_STEM = /^ungdoms/u;

export function personStem(word: string): 'caregiver' | 'childStrong' | undefined {
  if (CAREGIVER_STEM.test(word)) return 'caregiver';
  if (CHILD_STEM.test(word)) return 'childStrong';
  return undefined;
}
