// Inter-coder agreement on nominal codes: percent agreement, Cohen's kappa (two coders) and
// Krippendorff's alpha (any number of coders, missing codes allowed), with a confusion table.
// Pure: the CLI (`kodbok agreement`) and, later, the app's double-coding report call it.
//
// A unit is one raw value; each coder gives it at most one code. Units are weighed equally, or by
// the rows (referrals) they stand for: a value weighed by its frequency counts as that many units,
// which is what a researcher asks when she wants agreement "on the data" rather than on the list.

/** One coder's codes: raw value → code. A Map: raw values can be `__proto__`. */
export interface CoderCodes {
  readonly name: string;
  readonly codes: ReadonlyMap<string, string>;
}

/** Counts of coder pairs: `counts[i][j]` pairs where the earlier coder said `codes[i]`, the later `codes[j]`. */
export interface ConfusionTable {
  readonly codes: readonly string[];
  readonly counts: readonly (readonly number[])[];
}

export interface AgreementReport {
  /** Values that at least two coders coded (the units compared). */
  readonly n: number;
  readonly coders: number;
  /** Share of agreeing coder pairs per unit, averaged over units (weighted); null when n is 0. */
  readonly percentAgreement: number | null;
  /** Two coders only (else null); null too where it is undefined (chance agreement is 1). */
  readonly cohenKappa: number | null;
  /** Nominal alpha; null where it is undefined (no unit, or only one code ever used). */
  readonly krippendorffAlpha: number | null;
  readonly confusion: ConfusionTable;
}

export interface AgreementOptions {
  /** A unit's weight (rows it stands for); 1 for every unit when absent. */
  readonly weight?: (raw: string) => number;
}

/** A compared unit: its weight and the codes given, in coder order (undefined: not coded). */
interface Unit {
  readonly raw: string;
  readonly weight: number;
  readonly codes: readonly (string | undefined)[];
}

function unitsOf(coders: readonly CoderCodes[], weight: (raw: string) => number): Unit[] {
  const raws = new Set<string>();
  for (const c of coders) for (const raw of c.codes.keys()) raws.add(raw);
  const units: Unit[] = [];
  for (const raw of raws) {
    const codes = coders.map((c) => c.codes.get(raw));
    if (codes.filter((c) => c !== undefined).length < 2) continue;
    units.push({ raw, weight: weight(raw), codes });
  }
  return units;
}

function percentAgreement(units: readonly Unit[]): number | null {
  let total = 0;
  let agreeing = 0;
  for (const u of units) {
    const given = u.codes.filter((c): c is string => c !== undefined);
    let pairs = 0;
    let same = 0;
    for (let i = 0; i < given.length; i++)
      for (let j = i + 1; j < given.length; j++) {
        pairs++;
        if (given[i] === given[j]) same++;
      }
    total += u.weight;
    agreeing += (u.weight * same) / pairs;
  }
  return total > 0 ? agreeing / total : null;
}

/** Cohen's kappa of two coders over the units both coded: (po − pe) / (1 − pe). */
function cohenKappa(units: readonly Unit[]): number | null {
  let total = 0;
  let observed = 0;
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  for (const u of units) {
    const [a, b] = u.codes;
    if (a === undefined || b === undefined) continue;
    total += u.weight;
    if (a === b) observed += u.weight;
    first.set(a, (first.get(a) ?? 0) + u.weight);
    second.set(b, (second.get(b) ?? 0) + u.weight);
  }
  if (total === 0) return null;
  let chance = 0;
  for (const [code, w] of first) chance += (w / total) * ((second.get(code) ?? 0) / total);
  const po = observed / total;
  return chance === 1 ? null : (po - chance) / (1 - chance);
}

/**
 * Krippendorff's alpha for nominal data from the coincidence matrix: each unit with m codes adds
 * every ordered pair of its codes with weight w / (m − 1); alpha = 1 − (n − 1) Σ o_ck / Σ n_c n_k
 * over c ≠ k (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
 */
function krippendorffAlpha(units: readonly Unit[]): number | null {
  const coincidences = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, w: number) => {
    let row = coincidences.get(c);
    if (!row) coincidences.set(c, (row = new Map()));
    row.set(k, (row.get(k) ?? 0) + w);
  };
  for (const u of units) {
    const given = u.codes.filter((c): c is string => c !== undefined);
    const m = given.length;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) if (i !== j) add(given[i]!, given[j]!, u.weight / (m - 1));
  }
  const marginals = new Map<string, number>();
  let n = 0;
  let disagreeing = 0;
  for (const [c, row] of coincidences)
    for (const [k, o] of row) {
      marginals.set(c, (marginals.get(c) ?? 0) + o);
      n += o;
      if (c !== k) disagreeing += o;
    }
  let expected = 0;
  for (const [c, nc] of marginals)
    for (const [k, nk] of marginals) if (c !== k) expected += nc * nk;
  if (n <= 1 || expected === 0) return null;
  return 1 - ((n - 1) * disagreeing) / expected;
}

/** Pairs of coders (earlier, later in the given order) by the codes they gave, over all units. */
function confusion(units: readonly Unit[]): ConfusionTable {
  const codes = [
    ...new Set(units.flatMap((u) => u.codes.filter((c): c is string => c !== undefined))),
  ].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const at = new Map(codes.map((c, i) => [c, i] as const));
  const counts = codes.map(() => codes.map(() => 0));
  for (const u of units)
    for (let i = 0; i < u.codes.length; i++)
      for (let j = i + 1; j < u.codes.length; j++) {
        const a = u.codes[i];
        const b = u.codes[j];
        if (a === undefined || b === undefined) continue;
        counts[at.get(a)!]![at.get(b)!]! += u.weight;
      }
  return { codes, counts };
}

/** Agreement among the coders' codes. Codes are compared as given (map them first for group level). */
export function measureAgreement(
  coders: readonly CoderCodes[],
  options: AgreementOptions = {},
): AgreementReport {
  const units = unitsOf(coders, options.weight ?? (() => 1));
  return {
    n: units.length,
    coders: coders.length,
    percentAgreement: percentAgreement(units),
    cohenKappa: coders.length === 2 ? cohenKappa(units) : null,
    krippendorffAlpha: krippendorffAlpha(units),
    confusion: confusion(units),
  };
}
