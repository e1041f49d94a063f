// Merging an import into a project, and taking it out again. Pure: the db layer reads what is
// stored, calls these, and writes the result in one transaction.
//
// The rules:
// - A value the project has keeps its coding (code, status, who, when, note): an import only
//   adds to its counts. So a value approved before is coded at once in next year's files.
// - A value the project never had is added uncoded, marked with the import (`firstImport`).
// - Counts merge per municipality (a value's tally), so distinct municipalities stay exact
//   when the same municipality sends another year. Values counted before municipality detail
//   was kept (schema v1) carry that count as a base; their municipality count after a merge
//   is a lower bound (the larger of the two), said so in docs.
// - Combinations (distinct cells) merge the same way; each value counts the stored cells it
//   occurs in.
// - What an import added is kept per variable (its `ImportPart`) so that it can be undone:
//   counts subtracted, the values and cells it brought removed.
import type { CountedVariable, Tally } from './import-count';
import { newRawValue } from './decide';
import type { RawValue, VariableId } from './types';
import { addYearPairs, subtractYearPairs, yearPairs, yearsField, type YearPairs } from './year';

/** A tally as stored: municipality → rows, as pairs (a Map would not survive every export). */
export type TallyPairs = readonly (readonly [string, number])[];

/** Rows per municipality of one single value, merged over every import. */
export interface StoredTally {
  readonly raw: string;
  readonly munis: TallyPairs;
  /** Rows counted before municipality detail was kept (schema v1), and their municipalities. */
  readonly baseRows: number;
  readonly baseMunicipalities: number;
  /**
   * Of the rows in `munis`, those with a year, per year and municipality; the rest have none.
   * Absent when no row had a year (values imported before years were kept).
   */
  readonly years?: YearPairs;
}

/** One distinct cell (combination) of a variable, merged over every import. */
export interface StoredCombination {
  readonly cell: string;
  /** The single values the cell was split into when last imported. */
  readonly atoms: readonly string[];
  readonly rows: number;
  readonly municipalities: number;
  readonly munis: TallyPairs;
  /** Of the rows in `munis`, those with a year (as StoredTally's); absent when none had one. */
  readonly years?: YearPairs;
}

/** A cell as one import added it: its tally, whether it was new, and its atoms before. */
export type ImportPartCell = readonly [
  cell: string,
  tally: TallyPairs,
  isNew: boolean,
  atomsBefore: readonly string[] | null,
];

/** What one import added to one variable: enough to take it out again. */
export interface ImportPart {
  readonly values: readonly (readonly [string, TallyPairs])[];
  readonly cells: readonly ImportPartCell[];
  /** Raw values the import brought into the project. */
  readonly added: readonly string[];
  /** The rows with a year the import added, per value and per cell; absent when none had one. */
  readonly years?: ImportPartYears;
}

export interface ImportPartYears {
  readonly values: readonly (readonly [string, YearPairs])[];
  readonly cells: readonly (readonly [string, YearPairs])[];
}

/** What a variable stores, as merging and undoing read it. */
export interface StoredVariableState {
  /** Stored values by raw value: every one (a re-split cell touches others). */
  readonly values: ReadonlyMap<string, RawValue>;
  /** Stored tallies of (at least) the values concerned. */
  readonly tallies: ReadonlyMap<string, StoredTally>;
  /** Stored combinations of (at least) the cells concerned. */
  readonly combinations: ReadonlyMap<string, StoredCombination>;
}

export interface MergeInput extends StoredVariableState {
  readonly importId: string;
  readonly incoming: CountedVariable;
}

export interface MergeOutput {
  readonly values: RawValue[];
  readonly tallies: StoredTally[];
  readonly combinations: StoredCombination[];
  readonly part: ImportPart;
  /** Values new to the project. */
  readonly added: number;
  /** Values the project had, whose counts grew. */
  readonly merged: number;
  /** Of those, approved: coded at once. */
  readonly approved: number;
  /** Rows with a value. */
  readonly rows: number;
}

export function toPairs(tally: ReadonlyMap<string, number>): TallyPairs {
  return [...tally];
}

function addPairs(stored: TallyPairs, add: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>(stored);
  for (const [m, n] of add) out.set(m, (out.get(m) ?? 0) + n);
  return out;
}

function subtractPairs(stored: TallyPairs, remove: TallyPairs): Map<string, number> {
  const out = new Map<string, number>(stored);
  for (const [m, n] of remove) {
    const left = (out.get(m) ?? 0) - n;
    if (left > 0) out.set(m, left);
    else out.delete(m);
  }
  return out;
}

function rowsOf(tally: Iterable<readonly [string, number]>): number {
  let n = 0;
  for (const [, rows] of tally) n += rows;
  return n;
}

function sameAtoms(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Distinct municipalities of a value: exact with full detail, a lower bound with a v1 base. */
export function municipalitiesOf(tally: StoredTally): number {
  return Math.max(tally.baseMunicipalities, tally.munis.length);
}

/** The tally a stored value has, or the base it implies when it was counted before tallies. */
function tallyFor(raw: string, value: RawValue | undefined, stored: StoredTally | undefined) {
  if (stored) return stored;
  return {
    raw,
    munis: [],
    baseRows: value?.frequency ?? 0,
    baseMunicipalities: value?.municipalities ?? 0,
  };
}

/** Merges one counted variable of an import into what the project stores. */
export function mergeImport(input: MergeInput): MergeOutput {
  const { importId, incoming } = input;
  const variable: VariableId = incoming.variable;
  // Combinations first: how many stored cells each value occurs in changes with new cells.
  const delta = new Map<string, number>();
  const bump = (atoms: readonly string[], by: number) => {
    for (const a of atoms) delta.set(a, (delta.get(a) ?? 0) + by);
  };
  const combinations: StoredCombination[] = [];
  const partCells: ImportPartCell[] = [];
  const cellYears = incoming.years?.cells;
  const valueYears = incoming.years?.values;
  for (const [cell, { atoms, tally }] of incoming.cells) {
    const stored = input.combinations.get(cell);
    const munis = addPairs(stored?.munis ?? [], tally);
    const years = addYearPairs(stored?.years, cellYears?.get(cell));
    let atomsBefore: readonly string[] | null = null;
    if (!stored) bump(atoms, 1);
    else if (!sameAtoms(stored.atoms, atoms)) {
      // The split changed since the cell was first imported: it now holds other values.
      atomsBefore = stored.atoms;
      bump(stored.atoms, -1);
      bump(atoms, 1);
    }
    combinations.push({
      cell,
      atoms,
      rows: rowsOf(munis),
      municipalities: munis.size,
      munis: toPairs(munis),
      ...yearsField(years),
    });
    partCells.push([cell, toPairs(tally), !stored, atomsBefore]);
  }

  const values: RawValue[] = [];
  const tallies: StoredTally[] = [];
  const added: string[] = [];
  let merged = 0;
  let approved = 0;
  for (const [raw, tally] of incoming.values) {
    const value = input.values.get(raw);
    const before = tallyFor(raw, value, input.tallies.get(raw));
    const munis = addPairs(before.munis, tally);
    const { years: _, ...rest } = before;
    const years = addYearPairs(before.years, valueYears?.get(raw));
    const next: StoredTally = { ...rest, munis: toPairs(munis), ...yearsField(years) };
    tallies.push(next);
    const rows = rowsOf(tally);
    const combos = delta.get(raw) ?? 0;
    delta.delete(raw);
    if (!value) {
      added.push(raw);
      values.push(
        newRawValue(variable, raw, rows, municipalitiesOf(next), {
          combinations: combos,
          firstImport: importId,
        }),
      );
      continue;
    }
    merged++;
    if (value.status === 'approved') approved++;
    values.push({
      ...value,
      frequency: value.frequency + rows,
      municipalities: municipalitiesOf(next),
      combinations: value.combinations === null ? null : value.combinations + combos,
    });
  }
  // Values only touched through a re-split cell: their combination count changes.
  for (const [raw, d] of delta) {
    const value = input.values.get(raw);
    if (!value || d === 0 || value.combinations === null) continue;
    values.push({ ...value, combinations: Math.max(0, value.combinations + d) });
  }
  return {
    values,
    tallies,
    combinations,
    part: {
      values: [...incoming.values].map(([raw, t]: [string, Tally]) => [raw, toPairs(t)] as const),
      cells: partCells,
      added,
      ...(incoming.years && {
        years: {
          values: [...incoming.years.values].map(([raw, y]) => [raw, yearPairs(y)] as const),
          cells: [...incoming.years.cells].map(([cell, y]) => [cell, yearPairs(y)] as const),
        },
      }),
    },
    added: added.length,
    merged,
    approved,
    rows: incoming.rows,
  };
}

export interface UndoInput extends StoredVariableState {
  readonly part: ImportPart;
}

export interface UndoOutput {
  readonly putValues: RawValue[];
  readonly deleteValues: string[];
  readonly putTallies: StoredTally[];
  readonly deleteTallies: string[];
  readonly putCombinations: StoredCombination[];
  readonly deleteCombinations: string[];
}

function undecided(v: RawValue): boolean {
  return v.code === null && v.status === 'uncoded' && v.note === '';
}

/**
 * Values an import added that someone has decided on since (a code, a status, a note): undoing
 * the import would throw that work away, so it is refused and these are named.
 */
export function decidedSince(part: ImportPart, values: ReadonlyMap<string, RawValue>): RawValue[] {
  const out: RawValue[] = [];
  for (const raw of part.added) {
    const v = values.get(raw);
    if (v && !undecided(v)) out.push(v);
  }
  return out;
}

/**
 * Takes one import's part out of the stored state: subtracts its counts, removes the values
 * and cells it brought. Values the project had keep their coding (only counts change).
 */
export function undoImportPart(input: UndoInput): UndoOutput {
  const { part } = input;
  const delta = new Map<string, number>();
  const bump = (atoms: readonly string[], by: number) => {
    for (const a of atoms) delta.set(a, (delta.get(a) ?? 0) + by);
  };
  const putCombinations: StoredCombination[] = [];
  const deleteCombinations: string[] = [];
  const cellYears = new Map(part.years?.cells ?? []);
  const valueYears = new Map(part.years?.values ?? []);
  for (const [cell, tally, isNew, atomsBefore] of part.cells) {
    const stored = input.combinations.get(cell);
    if (!stored) continue;
    if (isNew) {
      deleteCombinations.push(cell);
      bump(stored.atoms, -1);
      continue;
    }
    const munis = subtractPairs(stored.munis, tally);
    const atoms = atomsBefore ?? stored.atoms;
    if (atomsBefore) {
      bump(stored.atoms, -1);
      bump(atomsBefore, 1);
    }
    const years = subtractYearPairs(stored.years, cellYears.get(cell) ?? []);
    putCombinations.push({
      cell,
      atoms,
      rows: rowsOf(munis),
      municipalities: munis.size,
      munis: toPairs(munis),
      ...yearsField(years),
    });
  }
  const added = new Set(part.added);
  const putValues: RawValue[] = [];
  const deleteValues: string[] = [];
  const putTallies: StoredTally[] = [];
  const deleteTallies: string[] = [];
  for (const [raw, tally] of part.values) {
    const value = input.values.get(raw);
    const combos = delta.get(raw) ?? 0;
    delta.delete(raw);
    if (added.has(raw)) {
      if (value) deleteValues.push(raw);
      deleteTallies.push(raw);
      continue;
    }
    if (!value) continue;
    const before = tallyFor(raw, value, input.tallies.get(raw));
    const { years: _, ...rest } = before;
    const years = subtractYearPairs(before.years, valueYears.get(raw) ?? []);
    const next: StoredTally = {
      ...rest,
      munis: toPairs(subtractPairs(before.munis, tally)),
      ...yearsField(years),
    };
    if (next.munis.length === 0 && next.baseRows === 0) deleteTallies.push(raw);
    else putTallies.push(next);
    putValues.push({
      ...value,
      frequency: Math.max(0, value.frequency - rowsOf(tally)),
      municipalities: municipalitiesOf(next),
      combinations: value.combinations === null ? null : Math.max(0, value.combinations + combos),
    });
  }
  for (const [raw, d] of delta) {
    const value = input.values.get(raw);
    if (!value || added.has(raw) || d === 0 || value.combinations === null) continue;
    putValues.push({ ...value, combinations: Math.max(0, value.combinations + d) });
  }
  return {
    putValues,
    deleteValues,
    putTallies,
    deleteTallies,
    putCombinations,
    deleteCombinations,
  };
}

/** What an import would do to a variable, for the review before anything is stored. */
export interface ImportReview {
  readonly variable: VariableId;
  readonly rows: number;
  readonly emptyRows: number;
  readonly values: number;
  readonly cells: number;
  /** Values the project has already (their coding is kept). */
  readonly known: number;
  /** Of those, approved: coded at once. */
  readonly approved: number;
  /** Rows whose every value is approved already. */
  readonly approvedRows: number;
  /** Values the project never had: marked new. */
  readonly added: number;
  /** The most frequent new values. */
  readonly topNew: readonly (readonly [string, number])[];
}

export function reviewImport(
  incoming: CountedVariable,
  stored: ReadonlyMap<string, Pick<RawValue, 'status'>>,
  top = 10,
): ImportReview {
  let known = 0;
  let approved = 0;
  for (const raw of incoming.values.keys()) {
    const v = stored.get(raw);
    if (!v) continue;
    known++;
    if (v.status === 'approved') approved++;
  }
  let approvedRows = 0;
  for (const { atoms, tally } of incoming.cells.values()) {
    if (atoms.every((a) => stored.get(a)?.status === 'approved')) approvedRows += rowsOf(tally);
  }
  const fresh = newValues(incoming, stored);
  return {
    variable: incoming.variable,
    rows: incoming.rows,
    emptyRows: incoming.emptyRows,
    values: incoming.values.size,
    cells: incoming.cells.size,
    known,
    approved,
    approvedRows,
    added: fresh.length,
    topNew: fresh.slice(0, top),
  };
}

/**
 * The values of an import that the project does not hold, with their rows, most frequent first
 * (ties in code-unit order): what the import adds as new.
 */
export function newValues(
  incoming: Pick<CountedVariable, 'values'>,
  stored: { has(raw: string): boolean },
): [string, number][] {
  const fresh: [string, number][] = [];
  for (const [raw, tally] of incoming.values)
    if (!stored.has(raw)) fresh.push([raw, rowsOf(tally)]);
  return fresh.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Values first brought in by the project's latest import: the "new" ones to code first. */
export function isNewValue(value: Pick<RawValue, 'firstImport'>, latestImport: string | null) {
  return latestImport !== null && value.firstImport === latestImport;
}
