// Each municipality's "system dialect": the case-management system it runs (municipalities on
// the same system share its standard phrasings), plus its local configuration (unit prefixes,
// case, how the child and the caregiver are named, age-split code lists, changes during the
// year). This is why the same value appears in a few municipalities while others are local.
import { WeightedSampler, zipfSampler, type Rng } from '../random';
import { CODE_LISTS, type DemoColumn } from './columns';
import { AGES_ALL, AGES_OLD, AGES_YOUNG, DialectTable } from './dialect-table';
import { VariantPool, applyCase, foldAscii, type CaseStyle } from './variants';
import {
  CAREGIVER_STYLES,
  CHILD_STYLES,
  REASONS,
  REASON_AGE_SUFFIXES,
  REASON_PREFIXES,
  renderReason,
  type CaregiverStyle,
  type ChildStyle,
  type ReasonConcept,
} from './vocab-orsak';
import {
  ACTION_CODES,
  ACTION_NUMBERING,
  ACTION_PHRASES,
  SEX_PAIRS,
  SEX_UNKNOWN,
  SYSTEM_ACTION_DEFAULTS,
  TYPE_AGE_STYLES,
  TYPE_BASES,
  TYPE_CODES,
  TYPE_PREFIXES,
} from './vocab-atgard';

/** How a municipality that records several reasons joins them in one cell. */
export interface MultiStyle {
  /** Relative share of rows with more than one reason ("at some time" for most of them). */
  readonly intensity: number;
  readonly separator: string;
  /** Systems that list the chosen reasons in code-list order rather than as entered. */
  readonly sorted: boolean;
}

export interface MunicipalityProfile {
  readonly name: string;
  readonly system: number;
  /** A fifth of the municipalities could not deliver reasons: their reason cells are empty. */
  readonly reasons: boolean;
  readonly multi: MultiStyle | null;
  readonly hierarchical: boolean;
  readonly reason: DialectTable;
  readonly action: DialectTable;
  readonly type: DialectTable;
  readonly sex: DialectTable;
  readonly applicationRate: number;
  readonly informationRate: number;
  readonly unknownSexRate: number;
}

export interface Roles {
  readonly reasons: boolean;
  readonly multi: boolean;
  readonly hierarchical: boolean;
}

const SYSTEM_SHARES = [0.34, 0.26, 0.2, 0.12, 0.08];
const CASES: readonly CaseStyle[] = ['as-is', 'lower', 'first-lower', 'upper', 'title'];
// Relative frequency of the actions, for choosing which one gets a second phrasing.
const ACTION_SHARES = [0.35, 0.15, 0.3, 0.08, 0.02, 0.07, 0.03];

interface SystemDefaults {
  readonly reasonPhrase: readonly number[];
  readonly child: ChildStyle;
  readonly caregiver: CaregiverStyle;
  readonly sexPair: number;
}

/** Adds one more phrasing of a code to a municipality's list (nothing when it collides). */
type Variant = (code: number) => void;

interface Variation {
  /** How often this municipality's lists changed or were extended during the year. */
  readonly rate: number;
  readonly reason: Variant | null;
  readonly action: Variant;
  readonly type: Variant;
}

/**
 * Pick from a list whose first items are the common ones. Exponent 2 for standard lists (most
 * systems agree on the plain term), 1 for local additions (a longer tail).
 */
function zipfPick<T>(
  rng: Rng,
  items: readonly T[],
  exponent: 1 | 2,
  cache: Map<string, WeightedSampler>,
): T {
  const key = `${items.length}:${exponent}`;
  let s = cache.get(key);
  if (!s) {
    s = zipfSampler(items.length, exponent, 0.6);
    cache.set(key, s);
  }
  return items[s.sample(rng)] as T;
}

export class DialectBuilder {
  /** Every raw value claimed so far with its code: the first claim of a string wins. */
  readonly pools: Readonly<Record<DemoColumn, VariantPool>> = {
    reason: new VariantPool(),
    action: new VariantPool(),
    type: new VariantPool(),
    sex: new VariantPool(),
  };
  /** Raw values some municipality produces. */
  private readonly used: Readonly<Record<DemoColumn, Set<string>>> = {
    reason: new Set(),
    action: new Set(),
    type: new Set(),
    sex: new Set(),
  };
  private readonly zipf = new Map<string, WeightedSampler>();
  private readonly systems: readonly SystemDefaults[];
  private readonly phraseIdx: readonly number[][];
  private readonly variation = new Map<MunicipalityProfile, Variation>();

  constructor(private readonly rng: Rng) {
    this.phraseIdx = REASONS.map((r) => r.phrases.map((_p, i) => i));
    this.systems = SYSTEM_SHARES.map(() => ({
      reasonPhrase: this.phraseIdx.map((idx) => this.zp(idx, 2)),
      child: this.zp(CHILD_STYLES),
      caregiver: this.zp(CAREGIVER_STYLES),
      sexPair: this.zp(SEX_PAIRS.map((_p, i) => i)),
    }));
  }

  private zp<T>(items: readonly T[], exponent: 1 | 2 = 1): T {
    return zipfPick(this.rng, items, exponent, this.zipf);
  }

  distinct(column: DemoColumn): number {
    return this.used[column].size;
  }

  /**
   * Adds a phrasing to a municipality's list unless another code claimed the string.
   * False means "try another phrasing".
   */
  add(
    p: MunicipalityProfile,
    column: DemoColumn,
    raw: string,
    code: number,
    weight: number,
    ages = AGES_ALL,
  ): boolean {
    const table = p[column];
    if (table.has(raw)) return true;
    if (!this.pools[column].claim(raw, CODE_LISTS[column][code] as string)) return false;
    table.add({ raw, code, weight, ages });
    this.used[column].add(raw);
    return true;
  }

  /** A municipality with its standard phrasings: one per code (two where a list is age-split). */
  build(name: string, roles: Roles): MunicipalityProfile {
    const rng = this.rng;
    const system = rng.weighted([0, 1, 2, 3, 4], SYSTEM_SHARES);
    const ascii = rng.chance(0.02);
    const base: MunicipalityProfile = {
      name,
      system,
      reasons: roles.reasons,
      hierarchical: roles.hierarchical,
      multi: roles.multi
        ? {
            intensity: rng.pick([1, 2, 4, 7, 12]),
            separator: rng.pick([', ', '; ', ';', ' – ', ',']),
            sorted: rng.chance(0.5),
          }
        : null,
      reason: new DialectTable(),
      action: new DialectTable(),
      type: new DialectTable(),
      sex: new DialectTable(),
      applicationRate: 0.02 + rng.next() * 0.07,
      informationRate: rng.chance(0.16) ? 0.01 + rng.next() * 0.04 : 0,
      unknownSexRate: 0,
    };
    const p: MunicipalityProfile = { ...base, unknownSexRate: this.buildSex(base) };
    this.variation.set(p, {
      rate: rng.pick([0.2, 1, 2, 3]),
      reason: p.reasons ? this.buildReasons(p, ascii) : null,
      action: this.buildActions(p, ascii),
      type: this.buildTypes(p),
    });
    return p;
  }

  /**
   * Adds second phrasings (a list changed during the year, a local addition) until the column
   * has `goal` distinct values, or no more can be found.
   */
  vary(
    profiles: readonly MunicipalityProfile[],
    column: 'reason' | 'action' | 'type',
    goal: number,
  ): void {
    const candidates = profiles.filter((p) => column !== 'reason' || p.reasons);
    if (candidates.length === 0) return;
    const munis = new WeightedSampler(candidates.map((p) => this.variation.get(p)?.rate ?? 0));
    const codes = new WeightedSampler(
      column === 'reason'
        ? REASONS.map((r) => r.weight)
        : column === 'action'
          ? ACTION_SHARES
          : [0.8, 0.2, 0],
    );
    for (let attempt = 0; this.distinct(column) < goal && attempt < goal * 20; attempt++) {
      const p = candidates[munis.sample(this.rng)] as MunicipalityProfile;
      this.variation.get(p)?.[column]?.(codes.sample(this.rng));
    }
  }

  private caseStyle(): CaseStyle {
    return this.rng.chance(0.87) ? 'as-is' : this.rng.weighted(CASES, [0, 4, 1.2, 0.5, 0.4]);
  }

  private buildReasons(p: MunicipalityProfile, ascii: boolean): Variant {
    const rng = this.rng;
    const sys = this.systems[p.system] as SystemDefaults;
    const prefix = rng.chance(0.72) ? '' : this.zp(REASON_PREFIXES);
    const cs = this.caseStyle();
    const childStyle = rng.chance(0.75) ? sys.child : this.zp(CHILD_STYLES);
    const caregiver = rng.chance(0.75) ? sys.caregiver : this.zp(CAREGIVER_STYLES);
    const ageSuffix = rng.chance(0.04) ? rng.pick(REASON_AGE_SUFFIXES) : null;
    const localRate = rng.next() * 0.3;

    const forms = (
      c: number,
      template: string,
      child: ChildStyle,
      cg: CaregiverStyle,
    ): [string, number][] => {
      let s = prefix + applyCase(renderReason(template, child, cg), cs);
      if (ascii) s = foldAscii(s);
      if (!ageSuffix) return [[s, AGES_ALL]];
      // No `Oro för ofött barn 13-17`: an age-split list only has the groups a reason occurs in.
      const age = (REASONS[c] as ReasonConcept).age;
      const out: [string, number][] = [];
      if (age[0] + age[1] + age[2] > 0) out.push([s + ageSuffix[0], AGES_YOUNG]);
      if (age[3] > 0) out.push([s + ageSuffix[1], AGES_OLD]);
      return out;
    };
    const tryAdd = (code: number, raws: [string, number][], weight: number): boolean =>
      raws.every(([raw, ages]) => this.add(p, 'reason', raw, code, weight, ages));
    const minor = (): number => 0.02 + rng.next() * 0.3;

    if (p.hierarchical) {
      // `Missbruk BoU – Barnet/den unge`: area and target joined by a dash, and ONE value.
      REASONS.forEach(({ hierarchy: [area, target] }, c) =>
        tryAdd(c, [[`${area} BoU – ${target}`, AGES_ALL]], 1),
      );
      return (c) => {
        const [area, target] = (REASONS[c] as ReasonConcept).hierarchy;
        const raw = rng.chance(0.5)
          ? `${area} BoU - ${target}`
          : `${area} BoU – ${target.toLowerCase()}`;
        tryAdd(c, [[raw, AGES_ALL]], minor());
      };
    }
    REASONS.forEach((concept, c) => {
      const n = concept.phrases.length;
      let main = rng.chance(localRate)
        ? this.zp(this.phraseIdx[c] as number[], 2)
        : (sys.reasonPhrase[c] as number);
      // The main phrasing must exist: on a collision with another category, take the next one.
      for (
        let k = 0;
        k < n && !tryAdd(c, forms(c, concept.phrases[main] as string, childStyle, caregiver), 1);
        k++
      ) {
        main = (main + 1) % n;
      }
    });
    return (c) => {
      const alt = this.zp(this.phraseIdx[c] as number[]);
      // A changed list may also name the child or the caregiver differently.
      const child = rng.chance(0.3) ? this.zp(CHILD_STYLES) : childStyle;
      const cg = rng.chance(0.3) ? this.zp(CAREGIVER_STYLES) : caregiver;
      tryAdd(c, forms(c, (REASONS[c] as ReasonConcept).phrases[alt] as string, child, cg), minor());
    };
  }

  private buildActions(p: MunicipalityProfile, ascii: boolean): Variant {
    const rng = this.rng;
    const defaults = SYSTEM_ACTION_DEFAULTS[p.system] as readonly number[];
    const localRate = rng.next() * 0.2;
    const cs: CaseStyle = rng.chance(0.82) ? 'as-is' : rng.weighted(CASES, [0, 5, 0.8, 0.6, 0]);
    const numbering = rng.chance(0.1) ? rng.pick(ACTION_NUMBERING) : null;
    const order = rng.shuffle(ACTION_CODES.map((_c, i) => i + 1));
    const form = (a: number, i: number): string => {
      let s = applyCase(
        ACTION_PHRASES[ACTION_CODES[a] as (typeof ACTION_CODES)[number]][i] as string,
        cs,
      );
      if (numbering) s = numbering(order[a] as number) + s;
      return ascii ? foldAscii(s) : s;
    };
    const indices = ACTION_CODES.map((code) => ACTION_PHRASES[code].map((_p, i) => i));
    indices.forEach((idx, a) => {
      let main = rng.chance(localRate) ? this.zp(idx) : (defaults[a] as number);
      for (let k = 0; k < idx.length && !this.add(p, 'action', form(a, main), a, 1); k++)
        main = (main + 1) % idx.length;
    });
    return (a) => {
      this.add(p, 'action', form(a, this.zp(indices[a] as number[])), a, 0.03 + rng.next() * 0.2);
    };
  }

  private buildTypes(p: MunicipalityProfile): Variant {
    const rng = this.rng;
    const prefix = rng.chance(0.12) ? this.zp(TYPE_PREFIXES) : '';
    const age = rng.chance(0.08) ? this.zp(TYPE_AGE_STYLES) : null;
    const cs: CaseStyle = rng.chance(0.8) ? 'as-is' : rng.weighted(CASES, [0, 5, 0, 0.5, 0]);
    // `B anmälan` beside `B/U Ansökan`: some lists lower-case the word after the prefix.
    const lowerAfterPrefix = rng.chance(0.5);
    const local = rng.chance(0.25);
    const add = (t: number, base: string, weight: number): void => {
      // Unit prefixes and age statements belong to the child unit's anmälan/ansökan lists.
      const decorated = TYPE_CODES[t] !== 'INF';
      const word = lowerAfterPrefix ? base.charAt(0).toLowerCase() + base.slice(1) : base;
      const head = applyCase(decorated && prefix ? prefix + word : base, cs);
      if (!decorated || !age) this.add(p, 'type', head, t, weight);
      else if (age[0] === age[1]) this.add(p, 'type', head + age[0], t, weight);
      else {
        this.add(p, 'type', head + age[0], t, weight, AGES_YOUNG);
        this.add(p, 'type', head + age[1], t, weight, AGES_OLD);
      }
    };
    TYPE_CODES.forEach((code, t) => {
      if (code === 'INF' && p.informationRate === 0) return;
      const bases = TYPE_BASES[code];
      add(t, local ? this.zp(bases, 2) : (bases[p.system % 2] as string), 1);
    });
    return (t) =>
      add(
        t,
        this.zp(TYPE_BASES[TYPE_CODES[t] as (typeof TYPE_CODES)[number]]),
        0.02 + rng.next() * 0.15,
      );
  }

  /** Returns the municipality's share of rows with an unknown sex. */
  private buildSex(p: MunicipalityProfile): number {
    const rng = this.rng;
    const sys = this.systems[p.system] as SystemDefaults;
    const pair = SEX_PAIRS[
      rng.chance(0.5) ? sys.sexPair : this.zp(SEX_PAIRS.map((_s, i) => i))
    ] as readonly [string, string];
    this.add(p, 'sex', pair[0], 0, 1);
    this.add(p, 'sex', pair[1], 1, 1);
    if (rng.chance(0.04)) {
      // Two systems during the year (a migration): a few rows in the old spelling.
      const old = this.zp(SEX_PAIRS);
      this.add(p, 'sex', old[0], 0, 0.05);
      this.add(p, 'sex', old[1], 1, 0.05);
    }
    if (!rng.chance(0.45)) return 0;
    this.add(p, 'sex', this.zp(SEX_UNKNOWN), 2, 1);
    return 0.001 + rng.next() * 0.008;
  }
}
