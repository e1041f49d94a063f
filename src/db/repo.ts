import Dexie, { liveQuery } from 'dexie';
import type { ValueCount } from '../core/count';
import {
  codingOf,
  decide,
  newRawValue,
  restore,
  type BulkSummary,
  type DecisionContext,
  type DecisionInput,
  type SkipReason,
} from '../core/decide';
import { leafSet } from '../core/codebook';
import { coverageOf, type Coverage } from '../core/coverage';
import type { MappingFile } from '../core/formats/mapping';
import { codingFromEntry, planMappingImport, valueFromEntry } from '../core/import-plan';
import type { Codebook, RawValue, Variable, VariableId } from '../core/types';
import type { HistoryRow, KodbokDb, ProjectRow, ValueRow, VariableRow } from './db';

// One function per user action, each one transaction (RELIABILITY.md rule 2). Inside a
// transaction nothing but Dexie is awaited: awaiting anything else ends the transaction and
// commits what was written so far. Errors are never caught inside; the caller awaits the
// transaction's own promise, and only then says "saved".

export interface NewProject {
  readonly name: string;
  readonly demo: boolean;
  readonly variables: readonly Variable[];
  /** Counted single values per variable; keys are raw values (a Map: raw values can be `__proto__`). */
  readonly values: ReadonlyMap<VariableId, ReadonlyMap<string, ValueCount>>;
}

export function newId(): string {
  return crypto.randomUUID();
}

export async function listProjects(db: KodbokDb): Promise<ProjectRow[]> {
  return db.projects.orderBy('id').toArray();
}

export async function createProject(db: KodbokDb, p: NewProject): Promise<ProjectRow> {
  const project: ProjectRow = {
    id: newId(),
    name: p.name,
    createdAt: new Date().toISOString(),
    demo: p.demo,
  };
  const variables: VariableRow[] = p.variables.map((v) => ({ ...v, project: project.id }));
  const values: ValueRow[] = [];
  for (const [variable, counts] of p.values) {
    for (const [raw, c] of counts) {
      values.push({
        ...newRawValue(variable, raw, c.frequency, c.municipalities),
        project: project.id,
      });
    }
  }
  await db.transaction('rw', [db.projects, db.variables, db.values], async () => {
    await db.projects.add(project);
    await db.variables.bulkAdd(variables);
    await db.values.bulkAdd(values);
  });
  return project;
}

export async function renameProject(db: KodbokDb, id: string, name: string): Promise<void> {
  await db.transaction('rw', db.projects, async () => {
    await db.projects.update(id, { name });
  });
}

export async function deleteProject(db: KodbokDb, id: string): Promise<void> {
  await db.transaction('rw', [db.projects, db.variables, db.values, db.history], async () => {
    await db.values
      .where('[project+variable]')
      .between([id, Dexie.minKey], [id, Dexie.maxKey])
      .delete();
    await db.variables.where('project').equals(id).delete();
    await db.history
      .where('[project+variable]')
      .between([id, Dexie.minKey], [id, Dexie.maxKey])
      .delete();
    await db.projects.delete(id);
  });
}

export async function loadVariables(db: KodbokDb, project: string): Promise<VariableRow[]> {
  const rows = await db.variables.where('project').equals(project).toArray();
  return rows.sort((a, b) => a.order - b.order);
}

export async function loadValues(
  db: KodbokDb,
  project: string,
  variable: VariableId,
): Promise<ValueRow[]> {
  return db.values.where('[project+variable]').equals([project, variable]).toArray();
}

export interface Subscription {
  unsubscribe(): void;
}

/**
 * Calls `onValues` with all values of a variable now and after every committed change, from
 * this tab or another. (Dexie may show a change before its transaction commits; the "saved"
 * sign never relies on this, only on the action's own promise.)
 */
export function observeValues(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  onValues: (values: ValueRow[]) => void,
  onError: (e: unknown) => void,
): Subscription {
  return liveQuery(() => loadValues(db, project, variable)).subscribe({
    next: onValues,
    error: onError,
  });
}

export function observeVariables(
  db: KodbokDb,
  project: string,
  onVariables: (variables: VariableRow[]) => void,
  onError: (e: unknown) => void,
): Subscription {
  return liveQuery(() => loadVariables(db, project)).subscribe({
    next: onVariables,
    error: onError,
  });
}

export interface BulkRequest {
  readonly project: string;
  readonly variable: VariableId;
  readonly raws: readonly string[];
  readonly input: DecisionInput;
  readonly by: string;
}

export interface BulkResult extends BulkSummary {
  readonly batch: string;
}

function countSkip(skipped: Partial<Record<SkipReason, number>>, reason: SkipReason): void {
  skipped[reason] = (skipped[reason] ?? 0) + 1;
}

/**
 * The one repository function behind every bulk decision (assign, accept suggestion, approve,
 * reject, flag, clear, note): all selected values change, and every change is in the history,
 * or nothing is stored at all.
 */
export async function applyBulkDecision(db: KodbokDb, req: BulkRequest): Promise<BulkResult> {
  const at = new Date().toISOString();
  const batch = newId();
  const skipped: Partial<Record<SkipReason, number>> = {};
  let changed = 0;
  await db.transaction('rw', [db.variables, db.values, db.history], async () => {
    const variable = await db.variables.get([req.project, req.variable]);
    if (!variable) throw new Error(`Variable ${req.variable} is not in this project`);
    const ctx: DecisionContext = { by: req.by, at, batch, leaves: leafSet(variable.codebook) };
    const keys = req.raws.map((raw): [string, string, string] => [req.project, req.variable, raw]);
    const current = await db.values.bulkGet(keys);
    const puts: ValueRow[] = [];
    const events: HistoryRow[] = [];
    for (const row of current) {
      if (!row) {
        countSkip(skipped, 'missing');
        continue;
      }
      const out = decide(row, req.input, ctx);
      if (typeof out === 'string') {
        countSkip(skipped, out);
        continue;
      }
      puts.push({ ...out.value, project: req.project });
      events.push({ ...out.decision, project: req.project });
    }
    changed = puts.length;
    if (puts.length > 0) {
      await db.values.bulkPut(puts);
      await db.history.bulkAdd(events);
    }
  });
  return { batch, changed, skipped };
}

/**
 * Undoes this user's newest batch of decisions on a variable. A value changed again since that
 * batch (by anyone) is left as it is and counted, never overwritten.
 */
export async function undoLastBatch(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  by: string,
): Promise<BulkResult | null> {
  const at = new Date().toISOString();
  const batch = newId();
  const skipped: Partial<Record<SkipReason, number>> = {};
  let changed = 0;
  let found = false;
  await db.transaction('rw', [db.variables, db.values, db.history], async () => {
    // Newest first; batches already undone are skipped, so undo goes one step further back.
    const undone = new Set<string>();
    let target: string | null = null;
    await db.history
      .where('[project+variable]')
      .equals([project, variable])
      .reverse()
      .until(() => target !== null)
      .each((h) => {
        if (h.kind === 'undo') {
          if (h.undoes) undone.add(h.undoes);
        } else if (h.by === by && !undone.has(h.batch)) {
          target = h.batch;
        }
      });
    if (target === null) return;
    const undoing: string = target;
    found = true;
    const variableRow = await db.variables.get([project, variable]);
    const leaves = variableRow ? leafSet(variableRow.codebook) : new Set<string>();
    const events = await db.history.where('[project+batch]').equals([project, undoing]).toArray();
    const rows = await db.values.bulkGet(
      events.map((e): [string, string, string] => [project, variable, e.raw]),
    );
    const ctx: DecisionContext = { by, at, batch, leaves };
    const puts: ValueRow[] = [];
    const undoEvents: HistoryRow[] = [];
    events.forEach((e, i) => {
      const row = rows[i];
      // Changed again since (by anyone): leave it, never overwrite a later decision.
      if (!row || row.code !== e.code || row.status !== e.status || row.updatedAt !== e.at) {
        countSkip(skipped, 'changed-since');
        return;
      }
      const out = restore(row, e.before, ctx);
      if (typeof out === 'string') {
        countSkip(skipped, out);
        return;
      }
      puts.push({ ...out.value, project });
      undoEvents.push({ ...out.decision, project, undoes: undoing });
    });
    changed = puts.length;
    // Even when nothing could be restored the batch counts as undone, so undo moves on.
    if (undoEvents.length === 0 && events[0]) {
      const { seq: _seq, ...first } = events[0];
      undoEvents.push({ ...first, kind: 'undo', by, at, batch, undoes: undoing });
    }
    if (puts.length > 0) await db.values.bulkPut(puts);
    await db.history.bulkAdd(undoEvents);
  });
  return found ? { batch, changed, skipped } : null;
}

export async function valueHistory(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  raw: string,
): Promise<HistoryRow[]> {
  return db.history.where('[project+variable+raw]').equals([project, variable, raw]).sortBy('seq');
}

/** Replaces a variable's codebook (after the user saw the staged change). */
export async function replaceCodebook(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  codebook: Codebook,
): Promise<void> {
  await db.transaction('rw', db.variables, async () => {
    const row = await db.variables.get([project, variable]);
    if (!row) throw new Error(`Variable ${variable} is not in this project`);
    await db.variables.put({ ...row, codebook });
  });
}

export async function getSetting<T>(db: KodbokDb, key: string): Promise<T | undefined> {
  const row = await db.settings.get(key);
  return row?.value as T | undefined;
}

export async function putSetting(db: KodbokDb, key: string, value: unknown): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key, value });
  });
}

/** Values of a variable as a Map keyed by raw value. */
export function byRaw<T extends RawValue>(values: readonly T[]): Map<string, T> {
  return new Map(values.map((v) => [v.raw, v]));
}

/**
 * Commits a mapping file the user reviewed. The plan is made again inside the transaction,
 * against what is stored now (another tab may have changed something since the preview).
 */
export async function importMapping(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  file: MappingFile,
  by: string,
): Promise<number> {
  const at = new Date().toISOString();
  const batch = newId();
  let changed = 0;
  await db.transaction('rw', [db.variables, db.values, db.history], async () => {
    const variableRow = await db.variables.get([project, variable]);
    if (!variableRow) throw new Error(`Variable ${variable} is not in this project`);
    const stored = byRaw(await loadValues(db, project, variable));
    const plan = planMappingImport(stored, file, variableRow.codebook);
    const puts: ValueRow[] = [];
    const events: HistoryRow[] = [];
    const record = (before: RawValue, after: RawValue) => {
      puts.push({ ...after, project });
      events.push({
        variable,
        raw: after.raw,
        kind: 'import-mapping',
        code: after.code,
        status: after.status,
        by,
        at,
        batch,
        note: after.note,
        before: codingOf(before),
        project,
      });
    };
    for (const e of plan.add) {
      record(newRawValue(variable, e.raw, 0, 0), valueFromEntry(variable, e, by, at));
    }
    for (const c of plan.change) {
      const cur = stored.get(c.raw);
      if (cur) record(cur, { ...cur, ...codingFromEntry(c.to, by, at, cur.note) });
    }
    changed = puts.length;
    if (puts.length > 0) {
      await db.values.bulkPut(puts);
      await db.history.bulkAdd(events);
    }
  });
  return changed;
}

/** Coverage of every variable of a project, now and after every change. */
export function observeCoverage(
  db: KodbokDb,
  project: string,
  onCoverage: (coverage: Map<VariableId, Coverage>) => void,
  onError: (e: unknown) => void,
): Subscription {
  return liveQuery(async () => {
    const rows = await db.values
      .where('[project+variable]')
      .between([project, Dexie.minKey], [project, Dexie.maxKey])
      .toArray();
    const byVariable = new Map<VariableId, ValueRow[]>();
    for (const r of rows) {
      const list = byVariable.get(r.variable);
      if (list) list.push(r);
      else byVariable.set(r.variable, [r]);
    }
    return new Map([...byVariable].map(([v, list]) => [v, coverageOf(list)]));
  }).subscribe({ next: onCoverage, error: onError });
}
