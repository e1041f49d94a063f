// The rows of the demo: municipality by municipality (as their files were concatenated), each
// row drawn from the municipality's dialect, with the study's skew by sex and age.
import { WeightedSampler, zipfWeights, type Rng } from '../random';
import type { DemoColumn } from './columns';
import {
  AGES_OLD,
  AGES_YOUNG,
  ageGroupOf,
  type DialectEntry,
  type DialectTable,
} from './dialect-table';
import type { MultiStyle, MunicipalityProfile } from './dialects';
import { REASONS, type ReasonConcept } from './vocab-orsak';

// Referrals grow with age: 3.6 times as many at 15–17 as at 0–2, nearly double from 0–2 to 3–5.
const AGE_WEIGHTS = [
  0.55, 0.6, 0.65, 1, 1.05, 1.1, 1.15, 1.2, 1.25, 1.3, 1.35, 1.4, 1.6, 1.9, 2.1, 2.2, 2.3, 2.3,
];
const BAND_OF_AGE = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3];
// Repeat referrals grow with age, so more of the investigations are påförs pågående (UTR2).
const FOLLOW_UP_SHARE = [0.12, 0.18, 0.25, 0.38];
// Without an investigation: EJU1, EJU2, EJU3, ANN1, ANN2.
const NOT_INVESTIGATED = [0.6, 0.17, 0.04, 0.13, 0.06];
const GIRL_SHARE = 0.475;
// Rows with several reasons, as a share of all rows: few, which gives about 1 200 distinct
// combinations (the study's ~2 500 cells from ~1 300 single reasons).
const MULTI_SHARE = 0.0075;

function sizes(rows: number, n: number): Int32Array {
  // Larger municipalities first in the list get more referrals (Zipf-like, not too steep).
  const w = zipfWeights(n, 1, 4);
  let total = 0;
  for (const x of w) total += x;
  const start = new Int32Array(n + 1);
  let cum = 0;
  for (let i = 0; i < n; i++) {
    cum += w[i] as number;
    start[i + 1] = Math.round((rows * cum) / total);
  }
  start[n] = rows;
  return start;
}

interface Forced {
  readonly column: DemoColumn;
  readonly entry: DialectEntry;
}

/** Rows in columnar form: row `i` is `municipality[i]`, `age[i]`, `sex[i]`, … */
export interface DemoRows {
  /** Index into the municipality names. */
  readonly municipality: Uint16Array;
  /** Years, 0–17. */
  readonly age: Uint8Array;
  readonly sex: readonly string[];
  readonly type: readonly string[];
  /** One cell per row; a cell may combine several reasons, and is empty where none were delivered. */
  readonly reason: readonly string[];
  readonly action: readonly string[];
}

/** An age that fits a forced entry: its age group, and for a reason, an age where it occurs. */
function forcedAge(a: number, f: Forced, sampler: WeightedSampler, rng: Rng): number {
  const { ages, code } = f.entry;
  const reasonAges = f.column === 'reason' ? (REASONS[code] as ReasonConcept).age : null;
  const fits = (x: number): boolean =>
    (ages & (x <= 12 ? AGES_YOUNG : AGES_OLD)) !== 0 &&
    (reasonAges === null || (reasonAges[BAND_OF_AGE[x] as number] as number) > 0);
  for (let k = 0; k < 30; k++, a = sampler.sample(rng)) if (fits(a)) return a;
  return ages === AGES_OLD ? rng.int(13, 17) : ages === AGES_YOUNG ? rng.int(0, 12) : a;
}

export function generateRows(
  rows: number,
  profiles: readonly MunicipalityProfile[],
  rng: Rng,
  splitter: (cell: string) => string[],
): DemoRows {
  const municipality = new Uint16Array(rows);
  const age = new Uint8Array(rows);
  // Filled by push, in row order: V8 keeps them packed (a pre-sized array of this length is not).
  const sex: string[] = [];
  const type: string[] = [];
  const reason: string[] = [];
  const action: string[] = [];

  const ageSampler = new WeightedSampler(AGE_WEIGHTS);
  const category: WeightedSampler[] = [];
  for (let s = 0; s < 2; s++) {
    for (let b = 0; b < 4; b++) {
      category.push(
        new WeightedSampler(
          REASONS.map((r) => r.weight * (r.sex[s] as number) * (r.age[b] as number)),
        ),
      );
    }
  }
  const actionCode: WeightedSampler[] = [];
  for (const r of REASONS) {
    for (let b = 0; b < 4; b++) {
      const f = FOLLOW_UP_SHARE[b] as number;
      const inv = r.investigated;
      actionCode.push(
        new WeightedSampler([
          inv * (1 - f),
          inv * f,
          ...NOT_INVESTIGATED.map((x) => x * (1 - inv)),
        ]),
      );
    }
  }
  const pick = (table: DialectTable, code: number, group: 0 | 1): string =>
    table.sample(code, group, rng) ?? '';
  const application = Float64Array.from(REASONS, (r) => r.application);
  const verified = new Map<string, boolean>();

  const start = sizes(rows, profiles.length);
  let intensity = 0;
  profiles.forEach((p, m) => {
    intensity += (p.multi?.intensity ?? 0) * ((start[m + 1] as number) - (start[m] as number));
  });
  const multiScale = intensity > 0 ? (MULTI_SHARE * rows) / intensity : 0;

  profiles.forEach((p, m) => {
    const from = start[m] as number;
    const size = (start[m + 1] as number) - from;
    if (size <= 0) return;
    // Every phrasing of the municipality occurs at least once, one-offs exactly once, each in
    // a random row of its block (a partial shuffle picks the rows).
    const forced: Forced[] = [];
    for (const column of ['reason', 'action', 'type', 'sex'] as const) {
      if (column === 'reason' && !p.reasons) continue;
      for (const entry of p[column].entries) forced.push({ column, entry });
    }
    const slots = new Uint32Array(size);
    for (let i = 0; i < size; i++) slots[i] = i;
    const forcedAt = new Int32Array(size).fill(-1);
    for (let k = 0; k < forced.length && k < size; k++) {
      const j = k + Math.floor(rng.next() * (size - k));
      const row = slots[j] as number;
      slots[j] = slots[k] as number;
      slots[k] = row;
      forcedAt[row] = k;
    }
    const multi = p.multi;
    const multiRate = multi ? Math.min(0.6, multi.intensity * multiScale) : 0;

    for (let i = 0; i < size; i++) {
      const k = forcedAt[i] as number;
      const f = k >= 0 ? (forced[k] as Forced) : null;
      const fCol = f ? f.column : null;

      const sexCode =
        f && fCol === 'sex'
          ? f.entry.code
          : rng.next() < p.unknownSexRate
            ? 2
            : rng.next() < GIRL_SHARE
              ? 0
              : 1;
      // An unknown sex still belongs to a girl or a boy, whose reasons differ.
      const s = sexCode === 2 ? (rng.next() < GIRL_SHARE ? 0 : 1) : sexCode;
      let a = ageSampler.sample(rng);
      if (f && fCol !== 'sex') a = forcedAge(a, f, ageSampler, rng);
      const band = BAND_OF_AGE[a] as number;
      const group = ageGroupOf(a);
      const c =
        f && fCol === 'reason'
          ? f.entry.code
          : (category[s * 4 + band] as WeightedSampler).sample(rng);

      let cell = '';
      if (f && fCol === 'reason') cell = f.entry.raw;
      else if (p.reasons) {
        cell = pick(p.reason, c, group);
        if (multi && rng.next() < multiRate) cell = combine(cell, c, s * 4 + band, group);
      }
      let t: number;
      if (f && fCol === 'type') t = f.entry.code;
      else {
        const r = rng.next();
        const ans = Math.min(0.6, p.applicationRate * (application[c] as number));
        t = r < p.informationRate ? 2 : r < p.informationRate + ans ? 1 : 0;
      }

      municipality[from + i] = m;
      age[from + i] = a;
      sex.push(f && fCol === 'sex' ? f.entry.raw : pick(p.sex, sexCode, group));
      reason.push(cell);
      type.push(f && fCol === 'type' ? f.entry.raw : pick(p.type, t, group));
      action.push(
        f && fCol === 'action'
          ? f.entry.raw
          : pick(p.action, (actionCode[c * 4 + band] as WeightedSampler).sample(rng), group),
      );
    }

    function combine(primary: string, c: number, table: number, group: 0 | 1): string {
      const mult = multi as MultiStyle;
      const r = rng.next();
      const want = r < 0.7 ? 2 : r < 0.92 ? 3 : 4;
      const cats = [c];
      for (let k = 0; k < 12 && cats.length < want; k++) {
        const extra = (category[table] as WeightedSampler).sample(rng);
        if (!cats.includes(extra)) cats.push(extra);
      }
      if (mult.sorted) cats.sort((x, y) => x - y);
      const parts = cats.map((x) => (x === c ? primary : pick(p.reason, x, group)));
      const cell = parts.join(mult.separator);
      let ok = verified.get(cell);
      if (ok === undefined) {
        // A combination must split back into exactly its reasons, or the truth would not hold.
        const atoms = splitter(cell);
        ok = atoms.length === parts.length && atoms.every((x, i) => x === parts[i]);
        verified.set(cell, ok);
      }
      return ok ? cell : primary;
    }
  });
  return { municipality, age, sex, type, reason, action };
}
