// The documented examples every demo must contain, and the long tail of one-off values
// (hand-typed slips) that makes a real register's value list so long.
import type { Rng } from '../random';
import { CODE_LISTS, type DemoColumn } from './columns';
import { AGES_ALL, AGES_OLD, AGES_YOUNG } from './dialect-table';
import type { DialectBuilder, MunicipalityProfile } from './dialects';
import { typingSlip } from './variants';

interface Anchor {
  readonly column: DemoColumn;
  readonly raw: string;
  readonly code: string;
  readonly ages: number;
}

const anchor = (column: DemoColumn, raw: string, code: string, ages = AGES_ALL): Anchor => ({
  column,
  raw,
  code,
  ages,
});

/** The real examples quoted in NUSO's PM #4; tests and demos look for them. */
export const DOCUMENTED_EXAMPLES: readonly Anchor[] = [
  // Six spellings of the child's own substance misuse, one of them containing a dash.
  anchor('reason', 'Missbruk barn o ungdom', 'B11'),
  anchor('reason', 'missbruk barn/ungdom', 'B11'),
  anchor('reason', 'Missbruk barn/ungdom', 'B11'),
  anchor('reason', 'Missbruk barnet', 'B11'),
  anchor('reason', 'Missbruk BoU – Barnet/den unge', 'B11'),
  anchor('reason', 'Missbruk eget', 'B11'),
  // The caregiver's: a different category.
  anchor('reason', 'Missbruk förälder', 'H07'),
  anchor('type', 'anmälan', 'ANM'),
  anchor('type', 'Anmälan barn 0-12 år', 'ANM', AGES_YOUNG),
  anchor('type', 'Anmälan ungdom 13-17 år', 'ANM', AGES_OLD),
  anchor('type', 'Anmälan 0-17', 'ANM'),
  anchor('type', 'B anmälan', 'ANM'),
  anchor('type', 'Ansökan', 'ANS'),
  anchor('type', 'ansökan', 'ANS'),
  anchor('type', 'B/U Ansökan', 'ANS'),
  anchor('type', 'Egen iakttagelse', 'INF'),
  anchor('action', 'Utredning inleds', 'UTR1'),
  anchor('action', 'Utredning inleds ej', 'EJU1'),
  ...['f', 'F', 'flicka', 'Kvinna'].map((raw) => anchor('sex', raw, 'F')),
  ...['p', 'P', 'pojke', 'Man'].map((raw) => anchor('sex', raw, 'P')),
  anchor('sex', 'Okänt', 'X'),
  anchor('sex', '-', 'X'),
];

// A documented example a municipality did not produce by itself joins its list as a minor
// phrasing; a second spelling of sex is rare within one system.
const ANCHOR_WEIGHT: Readonly<Record<DemoColumn, number>> = {
  reason: 0.3,
  action: 0.2,
  type: 0.1,
  sex: 0.02,
};

/** Claims the documented examples first, so no other phrasing can take their strings. */
export function claimDocumented(builder: DialectBuilder): void {
  for (const a of DOCUMENTED_EXAMPLES) builder.pools[a.column].claim(a.raw, a.code);
}

function eligible(profiles: readonly MunicipalityProfile[], a: Anchor): MunicipalityProfile[] {
  const fits = profiles.filter((p) => {
    if (a.column === 'reason') return p.reasons && !p.hierarchical;
    if (a.column === 'type' && a.code === 'INF') return p.informationRate > 0;
    return true;
  });
  return fits.length > 0 ? fits : profiles.filter((p) => a.column !== 'reason' || p.reasons);
}

/** Gives each documented example that no system produced to one municipality, as a minor phrasing. */
export function placeDocumented(
  builder: DialectBuilder,
  profiles: readonly MunicipalityProfile[],
  rng: Rng,
): void {
  for (const a of DOCUMENTED_EXAMPLES) {
    if (profiles.some((p) => p[a.column].has(a.raw))) continue;
    const candidates = eligible(profiles, a);
    if (candidates.length === 0) continue;
    const code = CODE_LISTS[a.column].indexOf(a.code);
    builder.add(rng.pick(candidates), a.column, a.raw, code, ANCHOR_WEIGHT[a.column], a.ages);
  }
}

/**
 * Adds `count` one-off values to a column: typing slips of a municipality's own phrasings,
 * each occurring exactly once. Most go to the few municipalities given as free-text systems.
 */
export function addOneOffs(
  builder: DialectBuilder,
  profiles: readonly MunicipalityProfile[],
  column: DemoColumn,
  count: number,
  freeText: ReadonlySet<string>,
  rng: Rng,
): void {
  const candidates = profiles.filter((p) => column !== 'reason' || p.reasons);
  if (candidates.length === 0 || count <= 0) return;
  const weights = candidates.map((p) => (freeText.has(p.name) ? 12 : 1));
  const goal = builder.distinct(column) + count;
  for (let attempt = 0; builder.distinct(column) < goal && attempt < count * 40; attempt++) {
    const p = rng.weighted(candidates, weights);
    const base = rng.pick(p[column].entries);
    // Values with a separator in them stay as the system wrote them (they are protected).
    if (column === 'reason' && /[,;]| – /.test(base.raw)) continue;
    const slip = typingSlip(base.raw, rng, column !== 'reason');
    if (slip === null || builder.pools[column].has(slip)) continue;
    builder.add(p, column, slip, base.code, 0, base.ages);
  }
}
