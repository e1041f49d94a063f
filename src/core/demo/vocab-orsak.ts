// How municipalities' case-management systems phrase aktualiseringsorsaker. Written for the
// demo from general social-services vocabulary; every phrasing belongs to one leaf of the
// starter reason codebook, so the truth of a generated value follows by construction.
import { CHILD_AND_OTHER_REASONS } from './vocab-orsak-barn';
import { HOME_REASONS } from './vocab-orsak-hem';

/** Age bands used for the skew of reasons and actions: 0–2, 3–5, 6–12, 13–17 years. */
export type BandFactors = readonly [number, number, number, number];

export interface ReasonConcept {
  /** Leaf code in the starter reason codebook. */
  readonly code: string;
  /** Relative share of referrals, before the sex and age factors. */
  readonly weight: number;
  /** Factors for girls and boys: home and mental health are reported more for girls, own behaviour for boys. */
  readonly sex: readonly [number, number];
  readonly age: BandFactors;
  /** Factor on a municipality's share of applications (ansökan) for this reason. */
  readonly application: number;
  /** Share of referrals with this reason that lead to an investigation (inleds or påförs). */
  readonly investigated: number;
  /**
   * Phrasings, most common first, at different levels of detail. Slots: `{bn}`/`{bu}` the child
   * after a neuter/common noun (`Missbruk eget`, `Psykisk ohälsa egen`), `{bg}` the child in
   * the genitive, `{v}` a caregiver after the noun, `{vg}` a caregiver in the genitive.
   */
  readonly phrases: readonly string[];
  /** Area and target in the hierarchical dialect: `Missbruk BoU – Barnet/den unge`. */
  readonly hierarchy: readonly [string, string];
}

/** The 22 reasons in codebook order (H01–H09, B10–B17, O18–O22). */
export const REASONS: readonly ReasonConcept[] = [...HOME_REASONS, ...CHILD_AND_OTHER_REASONS];

/** How a system names the child: `eget`/`egen`, `barnet`, `den unge` all mean the child's own problem. */
export interface ChildStyle {
  readonly neuter: string;
  readonly common: string;
  readonly genitive: string;
}

const child = (neuter: string, common = neuter, genitive = 'Barnets'): ChildStyle => ({
  neuter,
  common,
  genitive,
});

/** Most common first. */
export const CHILD_STYLES: readonly ChildStyle[] = [
  child('barnet'),
  child('eget', 'egen'),
  child('den unge', 'den unge', 'Den unges'),
  child('barn o ungdom'),
  child('barn/ungdom'),
  child('ungdom', 'ungdom', 'Ungdomens'),
  child('hos barnet'),
  child('barn och ungdom'),
  child('hos den unge', 'hos den unge', 'Den unges'),
  child('barn & ungdom'),
  child('BoU'),
  child('- barnet'),
  child('(eget)', '(egen)'),
  child('unga', 'unga', 'Ungdomens'),
];

/** How a system names the caregiver: `annan`, `förälder`, `VH`, `F/O` all mean the caregiver's problem. */
export interface CaregiverStyle {
  readonly after: string;
  readonly genitive: string;
}

const cg = (after: string, genitive: string): CaregiverStyle => ({ after, genitive });

export const CAREGIVER_STYLES: readonly CaregiverStyle[] = [
  cg('förälder', 'Förälders'),
  cg('vårdnadshavare', 'Vårdnadshavares'),
  cg('VH', 'VH:s'),
  cg('F/O', 'F/O:s'),
  cg('föräldrar', 'Föräldrars'),
  cg('annan', 'Förälders'),
  cg('hos förälder', 'Förälders'),
  cg('förälder/omsorgsperson', 'Förälders/omsorgspersons'),
  cg('hos vårdnadshavare', 'Vårdnadshavares'),
  cg('omsorgsperson', 'Omsorgspersons'),
  cg('- förälder', 'Förälders'),
  cg('hos VH', 'VH:s'),
  cg('vuxen', 'Vuxens'),
];

/** Leading abbreviations for the unit or target group; most municipalities use none. */
export const REASON_PREFIXES: readonly string[] = [
  'B/U ',
  'B&U ',
  'BoU ',
  'Barn/ungdom ',
  'BoF ',
  'B/U: ',
  'BU ',
  'Barn o unga ',
  'IFO ',
  'B/U-',
  'Barn ',
  'BoF - ',
];

/** Reasons split by age group in a few systems' code lists (0–12 years, 13–17 years). */
export const REASON_AGE_SUFFIXES: readonly (readonly [string, string])[] = [
  [' 0-12 år', ' 13-17 år'],
  [' (0-12)', ' (13-17)'],
  [' 0-12', ' 13-17'],
];

/** Fills a phrase's slots with one system's way of naming the child and the caregiver. */
export function renderReason(
  template: string,
  childStyle: ChildStyle,
  caregiver: CaregiverStyle,
): string {
  return template
    .replace('{bn}', childStyle.neuter)
    .replace('{bu}', childStyle.common)
    .replace('{bg}', childStyle.genitive)
    .replace('{vg}', caregiver.genitive)
    .replace('{v}', caregiver.after);
}
