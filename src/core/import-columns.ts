// Which column of a file holds what. Two shapes of file reach a project: row-level files (one
// row per referral; columns map to variables, and optionally one column names the
// municipality) and frequency lists (a value column and a count column, for one variable).
// A mapping is remembered for files with the same header (the next municipality's file from
// the same system), so it is keyed by the exact header.
import type { VariableId } from './types';

export type FileShape = 'rows' | 'frequencies';

export interface ColumnMapping {
  readonly shape: FileShape;
  /**
   * Column (0-based) → variable. A frequency list has exactly one: its value column. A variable
   * not in the project yet is created by the import (with an empty codebook).
   */
  readonly variables: readonly (readonly [number, VariableId])[];
  /** The column naming each row's municipality; null: the file's municipality (its name). */
  readonly municipality: number | null;
  /** Frequency lists: the column of counts. */
  readonly count: number | null;
  /**
   * The column holding each row's year or date (a year per row); absent or null: the file's
   * year, if it has one. Absent in mappings remembered before years were kept.
   */
  readonly year?: number | null;
}

/** The key a mapping is remembered under: the header exactly, as JSON (headers can be anything). */
export function headerSignature(headers: readonly string[]): string {
  return JSON.stringify(headers);
}

/** Lower case, no diacritics, letters and digits only: `Kön ` → `kon`, `Åtgärd` → `atgard`. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

// Other names the study's variables go by in the municipalities' files.
const ALIASES: ReadonlyMap<string, readonly string[]> = new Map([
  ['aktualiseringsorsak', ['orsak', 'orsaker', 'reason', 'aktualiseringsorsaker']],
  ['atgard', ['action', 'atgarder', 'beslut']],
  ['kon', ['sex', 'gender', 'flickapojke']],
  ['aktualiseringstyp', ['typ', 'type', 'aktualiseringssatt']],
]);
const MUNICIPALITY = new Set(['kommun', 'kommunnamn', 'municipality', 'kommunkod']);
const COUNT = new Set(['antal', 'count', 'n', 'frekvens', 'frequency', 'rader', 'antalrader']);
const YEAR = new Set(['ar', 'year', 'artal', 'datum', 'date', 'aktualiseringsdatum']);

export interface VariableRef {
  readonly id: VariableId;
  readonly label: string;
}

/**
 * A first guess from the header: columns named like a variable (its id, label or a known
 * alias), a municipality column, a count column. A count column beside exactly one variable
 * column makes a frequency list.
 */
export function guessColumns(
  headers: readonly string[],
  variables: readonly VariableRef[],
): ColumnMapping {
  const names = new Map<string, VariableId>();
  for (const v of variables) {
    const id = normaliseHeader(v.id);
    for (const n of [id, normaliseHeader(v.label), ...(ALIASES.get(id) ?? [])])
      if (n !== '' && !names.has(n)) names.set(n, v.id);
  }
  const mapped: [number, VariableId][] = [];
  const used = new Set<VariableId>();
  let municipality: number | null = null;
  let count: number | null = null;
  let year: number | null = null;
  headers.forEach((h, i) => {
    const n = normaliseHeader(h);
    const variable = names.get(n);
    if (variable !== undefined && !used.has(variable)) {
      mapped.push([i, variable]);
      used.add(variable);
    } else if (municipality === null && MUNICIPALITY.has(n)) municipality = i;
    else if (count === null && COUNT.has(n)) count = i;
    else if (year === null && YEAR.has(n)) year = i;
  });
  const frequencies = count !== null && mapped.length === 1;
  return {
    shape: frequencies ? 'frequencies' : 'rows',
    variables: mapped,
    municipality,
    count: frequencies ? count : null,
    ...(year !== null && { year }),
  };
}

/** Why a mapping cannot be used for a file with these headers, or null when it can. */
export function mappingProblem(
  mapping: ColumnMapping,
  headers: readonly string[],
): 'no-variable' | 'no-count' | 'one-variable' | 'column-missing' | 'column-twice' | null {
  const columns = [
    ...mapping.variables.map(([c]) => c),
    ...(mapping.municipality === null ? [] : [mapping.municipality]),
    ...(mapping.year == null ? [] : [mapping.year]),
    ...(mapping.shape === 'frequencies' && mapping.count !== null ? [mapping.count] : []),
  ];
  if (columns.some((c) => !Number.isInteger(c) || c < 0 || c >= headers.length))
    return 'column-missing';
  if (new Set(columns).size !== columns.length) return 'column-twice';
  const variables = mapping.variables.map(([, v]) => v);
  if (new Set(variables).size !== variables.length) return 'column-twice';
  if (mapping.variables.length === 0) return 'no-variable';
  if (mapping.shape === 'frequencies') {
    if (mapping.variables.length !== 1) return 'one-variable';
    if (mapping.count === null) return 'no-count';
  }
  return null;
}

/** A mapping remembered for a header, made safe for the project's variables (others dropped). */
export function fitMapping(
  remembered: ColumnMapping,
  headers: readonly string[],
  known: ReadonlySet<VariableId>,
  allowNew: boolean,
): ColumnMapping | null {
  const variables = remembered.variables.filter(([c, v]) => {
    if (c >= headers.length) return false;
    return known.has(v) || allowNew;
  });
  const fitted: ColumnMapping = { ...remembered, variables };
  return mappingProblem(fitted, headers) === null ? fitted : null;
}

/**
 * A count cell of a frequency list as a whole number of rows: digits, optionally grouped by
 * spaces as Swedish files write `1 234`. Anything else (decimals, negatives, text) is null.
 */
export function parseCount(cell: string): number | null {
  const t = cell.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d{1,15}$/.test(t)) return null;
  return Number(t);
}

/** The municipality a file stands for when no column says: its name without the extension. */
export function municipalityFromFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).trim() || base;
}

/** What one column is used for, as the dialog shows it above the column. */
export type ColumnTarget =
  | { readonly kind: 'skip' }
  | { readonly kind: 'municipality' }
  | { readonly kind: 'count' }
  | { readonly kind: 'year' }
  | { readonly kind: 'variable'; readonly variable: VariableId };

/** The target of every column of a file with `width` columns. */
export function columnTargets(mapping: ColumnMapping, width: number): ColumnTarget[] {
  const out: ColumnTarget[] = Array.from({ length: width }, () => ({ kind: 'skip' }));
  for (const [c, variable] of mapping.variables)
    if (c < width) out[c] = { kind: 'variable', variable };
  if (mapping.municipality !== null && mapping.municipality < width)
    out[mapping.municipality] = { kind: 'municipality' };
  if (mapping.year != null && mapping.year < width) out[mapping.year] = { kind: 'year' };
  if (mapping.shape === 'frequencies' && mapping.count !== null && mapping.count < width)
    out[mapping.count] = { kind: 'count' };
  return out;
}

/**
 * The mapping after the user set one column's target. A target is used by one column only
 * (the column that had it is skipped); a frequency list has one variable column.
 */
export function retarget(
  mapping: ColumnMapping,
  width: number,
  column: number,
  target: ColumnTarget,
): ColumnMapping {
  const same = (a: ColumnTarget, b: ColumnTarget) =>
    a.kind === b.kind &&
    (a.kind !== 'variable' || (b.kind === 'variable' && a.variable === b.variable));
  const targets = columnTargets(mapping, width).map((t, i): ColumnTarget =>
    i === column
      ? target
      : target.kind !== 'skip' &&
          (same(t, target) ||
            (mapping.shape === 'frequencies' &&
              t.kind === 'variable' &&
              target.kind === 'variable'))
        ? { kind: 'skip' }
        : t,
  );
  return fromTargets(mapping.shape, targets);
}

/** The mapping with another shape; a frequency list keeps its first variable column only. */
export function reshape(mapping: ColumnMapping, width: number, shape: FileShape): ColumnMapping {
  let variables = 0;
  const targets = columnTargets(mapping, width).map((t): ColumnTarget => {
    if (shape === 'frequencies' && t.kind === 'variable' && variables++ > 0)
      return { kind: 'skip' };
    if (shape === 'rows' && t.kind === 'count') return { kind: 'skip' };
    return t;
  });
  return fromTargets(shape, targets);
}

function fromTargets(shape: FileShape, targets: readonly ColumnTarget[]): ColumnMapping {
  const variables: [number, VariableId][] = [];
  let municipality: number | null = null;
  let count: number | null = null;
  let year: number | null = null;
  targets.forEach((t, i) => {
    if (t.kind === 'variable') variables.push([i, t.variable]);
    else if (t.kind === 'municipality') municipality = i;
    else if (t.kind === 'count') count = i;
    else if (t.kind === 'year') year = i;
  });
  return {
    shape,
    variables,
    municipality,
    count: shape === 'frequencies' ? count : null,
    ...(year !== null && { year }),
  };
}
