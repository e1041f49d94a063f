// A deterministic demo data set shaped like NUSO's study of aktualiseringar: 220 000
// referrals from 97 municipalities, each exporting from its own system in its own dialect.
// The true code of every raw value is known by construction, so tests and benchmarks can
// measure suggestions against it.
import { ValueCounter, type ValueCount } from '../count';
import { createRng, type Rng } from '../random';
import { compileSplitter } from '../split';
import type { SplitConfig, VariableId } from '../types';
import { CODE_LISTS, type DemoColumn } from './columns';
import { DialectBuilder, type Roles } from './dialects';
import { MUNICIPALITY_NAMES } from './municipalities';
import { generateRows, type DemoRows } from './rows';
import { addOneOffs, claimDocumented, placeDocumented } from './tail';

/** The variables of the demo and the columns holding them. */
export const DEMO_VARIABLES: Readonly<Record<DemoColumn, VariableId>> = {
  sex: 'kön',
  type: 'aktualiseringstyp',
  reason: 'aktualiseringsorsak',
  action: 'åtgärd',
};

export const DEMO_DEFAULTS = { seed: 20231231, rows: 220_000, municipalities: 97 } as const;

/** Distinct values in the real study; the default demo is tuned to them. */
export const STUDY_DISTINCT = { reason: 1_300, action: 197, type: 76 } as const;
// Of those, the share that are one-off slips seen once; the rest are phrasings of the systems.
const ONE_OFF_SHARE = { reason: 0.18, action: 0.08, type: 0.08 } as const;

export interface DemoOptions {
  readonly seed?: number;
  readonly rows?: number;
  /** 1 to 97. */
  readonly municipalities?: number;
}

export interface DemoData extends DemoRows {
  readonly seed: number;
  readonly rows: number;
  readonly municipalities: readonly string[];
  readonly split: ReadonlyMap<VariableId, SplitConfig>;
  /** Variable → single raw value (after splitting) → true leaf code of the starter codebook. */
  readonly truth: ReadonlyMap<VariableId, ReadonlyMap<string, string>>;
}

const REASON_SEPARATORS = [';', ',', ' – '];

function checkCount(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `generateDemo: ${name} must be an integer from ${min} to ${max}, got ${value}`,
    );
  }
  return value;
}

/** Which municipality plays which part: no reasons (a fifth), several reasons per cell (13 of 97). */
function assignRoles(n: number, rng: Rng): Roles[] {
  const order = rng.shuffle(Array.from({ length: n }, (_v, i) => i));
  const none = Math.round((n * 19) / 97);
  const multi = Math.round((n * 13) / 97);
  const roles: Roles[] = Array.from({ length: n }, () => ({
    reasons: true,
    multi: false,
    hierarchical: false,
  }));
  order.forEach((m, rank) => {
    // A fifth of the study's municipalities could not deliver reasons as instructed.
    const reasons = rank >= none;
    const isMulti = reasons && rank < none + multi;
    // One single-reason and one multi-reason municipality export the area – target hierarchy.
    const hierarchical = reasons && (rank === none + multi || (rank === none && n >= 40));
    roles[m] = { reasons, multi: isMulti, hierarchical };
  });
  return roles;
}

/**
 * Generates the demo: by default 220 000 rows from 97 municipalities (seed 20231231). The same
 * options give the same data on every machine. Rows come grouped by municipality.
 */
export function generateDemo(options: DemoOptions = {}): DemoData {
  const seed = (options.seed ?? DEMO_DEFAULTS.seed) >>> 0;
  const rows = checkCount('rows', options.rows ?? DEMO_DEFAULTS.rows, 0, 20_000_000);
  const n = checkCount(
    'municipalities',
    options.municipalities ?? DEMO_DEFAULTS.municipalities,
    1,
    MUNICIPALITY_NAMES.length,
  );
  const root = createRng(seed);
  const names = MUNICIPALITY_NAMES.slice(0, n);

  // Dialects: independent of the number of rows, except for how long the tail is.
  const dialectRng = root.fork('dialects');
  const builder = new DialectBuilder(dialectRng);
  claimDocumented(builder);
  const roles = assignRoles(n, dialectRng);
  const profiles = names.map((name, i) => builder.build(name, roles[i] as Roles));
  placeDocumented(builder, profiles, dialectRng);
  // Fewer rows or municipalities than the study: proportionally fewer distinct values.
  const scale =
    Math.min(1, rows / DEMO_DEFAULTS.rows) * Math.min(1, n / DEMO_DEFAULTS.municipalities);
  const freeText = new Set(
    dialectRng
      .shuffle(profiles.filter((p) => p.reasons && !p.hierarchical).map((p) => p.name))
      .slice(0, 6),
  );
  for (const column of ['reason', 'action', 'type'] as const) {
    const target = Math.round(STUDY_DISTINCT[column] * scale);
    const oneOffs = Math.round(target * ONE_OFF_SHARE[column]);
    builder.vary(profiles, column, target - oneOffs);
    addOneOffs(
      builder,
      profiles,
      column,
      target - builder.distinct(column),
      freeText,
      dialectRng.fork(column),
    );
  }
  for (const p of profiles) {
    for (const column of ['reason', 'action', 'type', 'sex'] as const)
      p[column].finalize(CODE_LISTS[column].length);
  }

  // Every single reason with a separator in it is ONE value and must be protected.
  const truth = new Map<VariableId, Map<string, string>>();
  for (const column of ['sex', 'type', 'reason', 'action'] as const) {
    const map = new Map<string, string>();
    for (const p of profiles)
      for (const e of p[column].entries)
        map.set(e.raw, builder.pools[column].codeOf(e.raw) as string);
    truth.set(DEMO_VARIABLES[column], map);
  }
  const reasonTruth = truth.get(DEMO_VARIABLES.reason) as Map<string, string>;
  const protect = [...reasonTruth.keys()].filter((raw) =>
    REASON_SEPARATORS.some((s) => raw.includes(s)),
  );
  const reasonSplit: SplitConfig = { separators: REASON_SEPARATORS, protect };
  const split = new Map<VariableId, SplitConfig>([
    [DEMO_VARIABLES.sex, { separators: [] }],
    [DEMO_VARIABLES.type, { separators: [] }],
    [DEMO_VARIABLES.reason, reasonSplit],
    [DEMO_VARIABLES.action, { separators: [] }],
  ]);
  const splitter = compileSplitter(reasonSplit);
  for (const raw of reasonTruth.keys()) {
    const atoms = splitter(raw);
    if (atoms.length !== 1 || atoms[0] !== raw)
      throw new Error(`generateDemo: the reason "${raw}" does not split to itself`);
  }

  const data = generateRows(rows, profiles, root.fork('rows'), splitter);
  return { seed, rows, municipalities: names, ...data, split, truth };
}

/** The column of a demo variable. */
export function demoColumn(data: DemoData, variable: VariableId): readonly string[] {
  for (const [column, id] of Object.entries(DEMO_VARIABLES) as [DemoColumn, VariableId][]) {
    if (id === variable) return data[column];
  }
  throw new RangeError(`demoColumn: no demo variable "${variable}"`);
}

/** Counts the single values of each variable as an import would (municipality name as key). */
export function demoVariableValues(data: DemoData): Map<VariableId, Map<string, ValueCount>> {
  const out = new Map<VariableId, Map<string, ValueCount>>();
  for (const [column, variable] of Object.entries(DEMO_VARIABLES) as [DemoColumn, VariableId][]) {
    const counter = new ValueCounter(data.split.get(variable) ?? { separators: [] });
    const cells = data[column];
    for (let i = 0; i < data.rows; i++) {
      counter.add(
        cells[i] as string,
        data.municipalities[data.municipality[i] as number] as string,
      );
    }
    out.set(variable, counter.result());
  }
  return out;
}
