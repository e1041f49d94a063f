import { leafSet } from '../core/codebook';
import {
  codingOf,
  decide,
  newRawValue,
  restore,
  type BulkSummary,
  type DecisionContext,
  type DecisionInput,
  type DecisionOutcome,
  type SkipReason,
} from '../core/decide';
import type { MappingFile } from '../core/formats/mapping';
import { codingFromEntry, planMappingImport, valueFromEntry } from '../core/import-plan';
import type { Decision, RawValue, VariableId } from '../core/types';
import type { HistoryRow, KodbokDb, ValueRow } from './db';
import { byRaw, loadValues, newId } from './projects';

// Decisions on values: one transaction per user action, holding the value writes and the one
// history row of the action. Nothing but Dexie is awaited inside; errors are never caught
// inside, so a failure anywhere stores nothing (RELIABILITY.md rule 2).

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

// Above this many values one range read of the variable beats point reads (measured in
// Chromium: 10 000 bulkGets take several times one getAll of 50 000 rows).
const POINT_READ_LIMIT = 500;

/** The stored rows of some values of a variable, in the order asked (undefined where absent). */
async function readValues(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  raws: readonly string[],
): Promise<(ValueRow | undefined)[]> {
  if (raws.length <= POINT_READ_LIMIT) {
    return db.values.bulkGet(raws.map((raw): [string, string, string] => [project, variable, raw]));
  }
  const all = byRaw(await loadValues(db, project, variable));
  return raws.map((raw) => all.get(raw));
}

function countSkip(skipped: Partial<Record<SkipReason, number>>, reason: SkipReason): void {
  skipped[reason] = (skipped[reason] ?? 0) + 1;
}

function historyRow(
  project: string,
  variable: VariableId,
  ctx: DecisionContext,
  kind: Decision['kind'],
  outcomes: readonly DecisionOutcome[],
  undoes?: string,
): HistoryRow {
  return {
    project,
    variable,
    batch: ctx.batch,
    kind,
    by: ctx.by,
    at: ctx.at,
    changes: outcomes.map(({ decision: d }) => ({
      raw: d.raw,
      code: d.code,
      status: d.status,
      note: d.note,
      before: d.before,
    })),
    ...(undoes === undefined ? {} : { undoes }),
  };
}

/**
 * The one repository function behind every bulk decision (assign, accept suggestion, approve,
 * reject, flag, clear, note): all selected values change and the action is in the history, or
 * nothing is stored at all.
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
    const current = await readValues(db, req.project, req.variable, req.raws);
    const outcomes: DecisionOutcome[] = [];
    for (const row of current) {
      if (!row) {
        countSkip(skipped, 'missing');
        continue;
      }
      const out = decide(row, req.input, ctx);
      if (typeof out === 'string') countSkip(skipped, out);
      else outcomes.push(out);
    }
    changed = outcomes.length;
    if (outcomes.length === 0) return;
    await db.values.bulkPut(outcomes.map((o) => ({ ...o.value, project: req.project })));
    await db.history.add(historyRow(req.project, req.variable, ctx, req.input.kind, outcomes));
  });
  return { batch, changed, skipped };
}

/**
 * Undoes this user's newest action on a variable. A value changed again since that action (by
 * anyone) is left as it is and counted, never overwritten. Returns null when there is nothing
 * to undo.
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
    // Newest first; actions already undone are passed over, so undo goes one step further back.
    const undone = new Set<string>();
    let target: HistoryRow | null = null;
    await db.history
      .where('[project+variable]')
      .equals([project, variable])
      .reverse()
      .until(() => target !== null)
      .each((h) => {
        if (h.kind === 'undo') {
          if (h.undoes) undone.add(h.undoes);
        } else if (h.by === by && !undone.has(h.batch)) {
          target = h;
        }
      });
    const undoing = target as HistoryRow | null;
    if (undoing === null) return;
    found = true;
    const variableRow = await db.variables.get([project, variable]);
    const ctx: DecisionContext = {
      by,
      at,
      batch,
      leaves: variableRow ? leafSet(variableRow.codebook) : new Set(),
    };
    const rows = await readValues(
      db,
      project,
      variable,
      undoing.changes.map((c) => c.raw),
    );
    const outcomes: DecisionOutcome[] = [];
    undoing.changes.forEach((c, i) => {
      const row = rows[i];
      // Changed again since (by anyone): leave it, never overwrite a later decision.
      if (!row || row.code !== c.code || row.status !== c.status || row.updatedAt !== undoing.at) {
        countSkip(skipped, 'changed-since');
        return;
      }
      const out = restore(row, c.before, ctx);
      if (typeof out === 'string') countSkip(skipped, out);
      else outcomes.push(out);
    });
    changed = outcomes.length;
    if (outcomes.length > 0)
      await db.values.bulkPut(outcomes.map((o) => ({ ...o.value, project })));
    // Recorded even when nothing could be restored, so the next undo moves on.
    await db.history.add(historyRow(project, variable, ctx, 'undo', outcomes, undoing.batch));
  });
  return found ? { batch, changed, skipped } : null;
}

/** Everything that happened to one value, oldest first. */
export async function valueHistory(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  raw: string,
): Promise<Decision[]> {
  const rows = await db.history
    .where('[project+variable]')
    .equals([project, variable])
    .sortBy('seq');
  const out: Decision[] = [];
  for (const h of rows) {
    for (const c of h.changes) {
      if (c.raw === raw)
        out.push({
          variable,
          raw,
          kind: h.kind,
          code: c.code,
          status: c.status,
          by: h.by,
          at: h.at,
          batch: h.batch,
          note: c.note,
          before: c.before,
        });
    }
  }
  return out;
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
    const ctx: DecisionContext = { by, at, batch, leaves: leafSet(variableRow.codebook) };
    const outcomes: DecisionOutcome[] = [];
    const record = (before: RawValue, value: RawValue) => {
      outcomes.push({
        value,
        decision: {
          variable,
          raw: value.raw,
          kind: 'import-mapping',
          code: value.code,
          status: value.status,
          by,
          at,
          batch,
          note: value.note,
          before: codingOf(before),
        },
      });
    };
    for (const e of plan.add)
      record(newRawValue(variable, e.raw, 0, 0), valueFromEntry(variable, e, by, at));
    for (const c of plan.change) {
      const cur = stored.get(c.raw);
      if (cur) record(cur, { ...cur, ...codingFromEntry(c.to, by, at, cur.note) });
    }
    changed = outcomes.length;
    if (outcomes.length === 0) return;
    await db.values.bulkPut(outcomes.map((o) => ({ ...o.value, project })));
    await db.history.add(historyRow(project, variable, ctx, 'import-mapping', outcomes));
  });
  return changed;
}
