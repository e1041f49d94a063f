import { CoverageTally } from '../core/coverage';
import type { VariableId } from '../core/types';
import { appDb, type ValueRow } from '../db/db';
import * as repo from '../db/repo';
import { get, reportError, set } from './store';

// The store follows the database by change sets (STYLE.md "Change sets, not re-reads"): the
// project's values and counts are read once when it opens, the current variable's values once
// when it is chosen; after that every committed write, from this tab or another, arrives as the
// rows it changed (db/changes.ts) and is patched into the values array and the coverage tallies.

/** Called after the current variable's values changed (suggestions and clusters follow). */
export type OnValues = () => void;

let sub: repo.Subscription | null = null;
let run = 0;
let onValues: OnValues = () => undefined;
/** Coverage per variable, counted incrementally. */
let tallies = new Map<VariableId, CoverageTally>();
/** Changes that arrived while the project's values were being read. */
let projectBuffer: repo.ProjectChanges[] | null = null;
/** The current variable and, while its values are being read, the changes that arrived. */
let current: { variable: VariableId; buffer: Map<string, ValueRow | null> | null } | null = null;
/** raw → position in the store's `values` (of the current variable). */
let positions = new Map<string, number>();

function coverageOfTallies(only?: Iterable<VariableId>): void {
  const coverage = new Map(get().coverage);
  for (const variable of only ?? tallies.keys()) {
    const c = tallies.get(variable)?.coverage();
    // A variable without values has no coverage (as when it was counted from the rows).
    if (c && (c.values > 0 || c.totalRows > 0)) coverage.set(variable, c);
    else coverage.delete(variable);
  }
  set({ coverage });
}

/**
 * Follows the project's changes from now on, and reads its values and counts once `readAfter`
 * resolved (changes meanwhile are held and applied after the read).
 */
export async function followProject(
  projectId: string,
  whenValues: OnValues,
  readAfter: Promise<void> = Promise.resolve(),
): Promise<void> {
  const db = appDb();
  sub?.unsubscribe();
  const mine = ++run;
  onValues = whenValues;
  tallies = new Map();
  current = null;
  positions = new Map();
  projectBuffer = [];
  sub = repo.watchProject(db, projectId, (c) => applyChanges(projectId, c));
  try {
    await readAfter;
    if (mine !== run) return;
    // The variable on screen is already read (the grid is up): its values are not read again.
    const held = heldVariable(projectId);
    const { values, counts } = await repo.loadProjectValues(db, projectId, held ?? undefined);
    if (mine !== run) return;
    const byVariable = new Map<VariableId, ValueRow[]>();
    if (held !== null) {
      // Still the store's (patched as changes arrived); read it if the user moved on meanwhile.
      byVariable.set(
        held,
        heldVariable(projectId) === held
          ? get().values
          : await repo.loadValues(db, projectId, held),
      );
      if (mine !== run) return;
    }
    for (const v of values) {
      const list = byVariable.get(v.variable);
      if (list) list.push(v);
      else byVariable.set(v.variable, [v]);
    }
    const cells = new Map(counts.map((c) => [c.variable, c.combinations]));
    for (const variable of new Set([...byVariable.keys(), ...cells.keys()]))
      tallies.set(variable, new CoverageTally(byVariable.get(variable), cells.get(variable)));
    const buffered = projectBuffer;
    projectBuffer = null;
    for (const c of buffered) applyCoverage(c);
    set({ coverage: new Map() });
    coverageOfTallies();
  } catch (e) {
    reportError(e);
  }
}

/** The variable whose values the store holds whole and follows, if any. */
function heldVariable(projectId: string): VariableId | null {
  return current &&
    current.buffer === null &&
    get().valuesFor === `${projectId}/${current.variable}`
    ? current.variable
    : null;
}

/** Reads a variable's values once; from then on its changes are patched in. */
export async function followVariable(projectId: string, variable: VariableId): Promise<void> {
  const mine = run;
  const state: NonNullable<typeof current> = { variable, buffer: new Map() };
  current = state;
  try {
    const values = await repo.loadValues(appDb(), projectId, variable);
    if (mine !== run || current !== state) return;
    positions = new Map(values.map((v, i) => [v.raw, i]));
    set({ values, valuesFor: `${projectId}/${variable}` });
    const buffered = state.buffer ?? new Map<string, ValueRow | null>();
    state.buffer = null;
    if (buffered.size > 0) patchValues(projectId, buffered);
    else onValues();
  } catch (e) {
    reportError(e);
  }
}

export function stopFollowing(): void {
  sub?.unsubscribe();
  sub = null;
  run++;
}

function applyCoverage(c: repo.ProjectChanges): Set<VariableId> {
  const changed = new Set<VariableId>();
  for (const [variable, rows] of c.values) {
    let tally = tallies.get(variable);
    if (!tally) tallies.set(variable, (tally = new CoverageTally()));
    for (const [raw, row] of rows) tally.set(raw, row);
    changed.add(variable);
  }
  for (const [variable, row] of c.counts) {
    let tally = tallies.get(variable);
    if (!tally) tallies.set(variable, (tally = new CoverageTally()));
    tally.setCells(row?.combinations);
    changed.add(variable);
  }
  return changed;
}

function applyChanges(projectId: string, c: repo.ProjectChanges): void {
  if (c.reset) {
    // A whole range went (a project deleted): read again what this tab shows.
    const variable = current?.variable;
    void followProject(projectId, onValues).then(() =>
      variable ? followVariable(projectId, variable) : undefined,
    );
    return;
  }
  if (projectBuffer) projectBuffer.push(c);
  else coverageOfTallies(applyCoverage(c));
  const cur = current;
  const rows = cur ? c.values.get(cur.variable) : undefined;
  if (!cur || !rows) return;
  if (cur.buffer) for (const [raw, row] of rows) cur.buffer.set(raw, row);
  else patchValues(projectId, rows);
}

/** Puts changed rows into the values array in place of the old ones; other rows keep identity. */
function patchValues(projectId: string, rows: ReadonlyMap<string, ValueRow | null>): void {
  const s = get();
  if (!current || s.valuesFor !== `${projectId}/${current.variable}`) return;
  let values: (ValueRow | null)[] = s.values.slice();
  let removed = false;
  for (const [raw, row] of rows) {
    const i = positions.get(raw);
    if (row) {
      if (i === undefined) {
        positions.set(raw, values.length);
        values.push(row);
      } else values[i] = row;
    } else if (i !== undefined) {
      values[i] = null;
      positions.delete(raw);
      removed = true;
    }
  }
  if (removed) {
    values = values.filter((v) => v !== null);
    positions = new Map(values.map((v, i) => [v!.raw, i]));
  }
  set({ values: values as ValueRow[] });
  onValues();
}
