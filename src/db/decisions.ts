import { liveQuery } from 'dexie';
import { leafSet } from '../core/codebook';
import { codableLeaves } from '../core/codebook-edit';
import {
  codingOf,
  decide,
  leftAsChanged,
  newRawValue,
  restore,
  reviewRules,
  seenOf,
  type BulkSummary,
  type DecisionContext,
  type DecisionInput,
  type DecisionOutcome,
  type SeenState,
  type SkipReason,
} from '../core/decide';
import { readPeople, type ProjectPeople } from '../core/members';
import type { MappingFile } from '../core/formats/mapping';
import { codingFromEntry, planMappingImport, valueFromEntry } from '../core/import-plan';
import type { Coding, Decision, RawValue, VariableId } from '../core/types';
import type { CodebookStep } from '../core/codebook-versions';
import { replayCodebookStep } from './codebook';
import type { HistoryRow, KodbokDb, ValueRow } from './db';
import { getVariableValues, putValues } from './value-pages';
import { countVariablePages, readPersonPages, readVariableHistory } from './history-pages';
import { byRaw, loadValues, newId, type Subscription } from './projects';
import { membersKey } from './settings';
import { queueCodebook, queueDecision, queueTables } from './team';

// Decisions on values: one transaction per user action, holding the value writes and the one
// history row of the action. Nothing but Dexie is awaited inside; errors are never caught
// inside, so a failure anywhere stores nothing (RELIABILITY.md rule 2).

export interface BulkRequest {
  readonly project: string;
  readonly variable: VariableId;
  readonly raws: readonly string[];
  readonly input: DecisionInput;
  readonly by: string;
  /**
   * What the person saw of each value (raw → code, status, updatedAt) when she pressed the key.
   * A value that changed since is left as it is and reported with who changed it and when.
   */
  readonly seen?: ReadonlyMap<string, SeenState>;
  /** The person was asked and said to change approved values too (default: they are kept). */
  readonly changeApproved?: boolean;
}

/** A value left as it was because it changed after the person saw it: who changed it, when. */
export interface StaleValue {
  readonly raw: string;
  readonly by: string | null;
  readonly at: string | null;
}

/** A value this action wrote: as it was seen before, and as it is now. */
export interface WrittenValue {
  readonly raw: string;
  readonly before: SeenState;
  readonly after: SeenState;
}

export interface BulkResult extends BulkSummary {
  readonly batch: string;
  /** Every value the action changed (the tab knows its own writes before its live query does). */
  readonly written?: readonly WrittenValue[];
  /** The first values skipped as changed since the person saw them (at most STALE_NAMED). */
  readonly stale?: readonly StaleValue[];
}

/** Values named in a report of values changed since they were seen; the rest are counted. */
const STALE_NAMED = 20;

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
    return getVariableValues(db, project, variable, raws);
  }
  const all = byRaw(await loadValues(db, project, variable));
  return raws.map((raw) => all.get(raw));
}

function writtenBy(outcomes: readonly DecisionOutcome[]): WrittenValue[] {
  return outcomes.map((o) => ({
    raw: o.value.raw,
    before: seenOf(o.decision.before),
    after: seenOf(o.value),
  }));
}

function countSkip(skipped: Partial<Record<SkipReason, number>>, reason: SkipReason): void {
  skipped[reason] = (skipped[reason] ?? 0) + 1;
}

/**
 * Equal codings share one object: the values of a bulk action mostly had the same coding before
 * it (all uncoded, say), and IndexedDB's structured clone writes an object met again as a
 * reference to the first, so a 10 000-value history row is less than half the bytes to clone
 * and store (issue 14 item 4). Nothing reads a history row's codings to change them.
 */
function sharedCodings(): (c: Coding) => Coding {
  const seen = new Map<string, Coding>();
  return (c) => {
    const key = JSON.stringify([
      c.code,
      c.status,
      c.codedBy,
      c.codedAt,
      c.reviewedBy,
      c.reviewedAt,
      c.note,
      c.updatedAt,
    ]);
    const first = seen.get(key);
    if (first) return first;
    seen.set(key, c);
    return c;
  };
}

/** The one history row of an action (exported for the bulk probe, test/bench/browser). */
export function historyRow(
  project: string,
  variable: VariableId,
  ctx: DecisionContext,
  kind: Decision['kind'],
  outcomes: readonly DecisionOutcome[],
  extra: Pick<HistoryRow, 'undoes' | 'redoes' | 'note'> = {},
): HistoryRow {
  const shared = sharedCodings();
  return {
    project,
    variable,
    batch: ctx.batch,
    kind,
    by: ctx.by,
    at: ctx.at,
    changes: outcomes.map(({ value, decision: d }) => ({
      raw: d.raw,
      code: d.code,
      status: d.status,
      note: d.note,
      before: shared(d.before),
      // An undo or redo puts back an earlier state's time: kept, so that it can be undone too.
      ...(kind === 'undo' || kind === 'redo' ? { updatedAt: value.updatedAt } : {}),
    })),
    ...extra,
  };
}

/** The project's people as stored (repaired: a hand-edited backup may hold anything). */
async function readPeopleIn(db: KodbokDb, project: string): Promise<ProjectPeople> {
  return readPeople((await db.settings.get(membersKey(project)))?.value);
}

/**
 * Who last changed each of `raws`, from the history (newest first, stopping once all are
 * found). A value changed by no recorded action (a file import) has no one.
 */
async function lastChangers(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  rows: readonly ValueRow[],
): Promise<StaleValue[]> {
  const found = new Map<string, { by: string; at: string }>();
  const wanted = new Set(rows.map((r) => r.raw));
  const visit = (h: HistoryRow) => {
    for (const c of h.changes)
      if (wanted.has(c.raw) && !found.has(c.raw)) found.set(c.raw, { by: h.by, at: h.at });
  };
  await db.history
    .where('[project+variable]')
    .equals([project, variable])
    .reverse()
    .until(() => found.size === wanted.size)
    .each(visit);
  // Older still: the history the project started from (a team's checkpoint).
  if (found.size < wanted.size && (await countVariablePages(db, project, variable)) > 0)
    for (const h of (await readVariableHistory(db, project, variable)).reverse()) {
      if (h.seq !== undefined) continue;
      visit(h);
      if (found.size === wanted.size) break;
    }
  return rows.map((r) => {
    const f = found.get(r.raw);
    return { raw: r.raw, by: f?.by ?? null, at: f?.at ?? r.updatedAt };
  });
}

/**
 * The one repository function behind every bulk decision (assign, accept suggestion, approve,
 * reject, reopen, flag, clear, note): all selected values change and the action is in the
 * history, or nothing is stored at all. The rules are checked here, against what is stored now:
 * what the person saw, approved work, four eyes and roles.
 */
export async function applyBulkDecision(db: KodbokDb, req: BulkRequest): Promise<BulkResult> {
  const at = new Date().toISOString();
  const batch = newId();
  const skipped: Partial<Record<SkipReason, number>> = {};
  let written: WrittenValue[] = [];
  let stale: StaleValue[] = [];
  const tables = [db.variables, db.valuePages, db.history, db.historyPages, ...queueTables(db)];
  await db.transaction('rw', tables, async () => {
    const variable = await db.variables.get([req.project, req.variable]);
    if (!variable) throw new Error(`Variable ${req.variable} is not in this project`);
    const people = await readPeopleIn(db, req.project);
    const ctx: DecisionContext = {
      by: req.by,
      at,
      batch,
      // A deprecated category is given to no value (issue 11 item 1).
      leaves: codableLeaves(variable.codebook),
      changeApproved: req.changeApproved === true,
      ...reviewRules(people, req.by),
    };
    const current = await readValues(db, req.project, req.variable, req.raws);
    const outcomes: DecisionOutcome[] = [];
    const staleRows: ValueRow[] = [];
    for (const row of current) {
      if (!row) {
        countSkip(skipped, 'missing');
        continue;
      }
      const out = decide(row, req.input, ctx, req.seen?.get(row.raw));
      if (out === 'stale' && staleRows.length < STALE_NAMED) staleRows.push(row);
      if (typeof out === 'string') countSkip(skipped, out);
      else outcomes.push(out);
    }
    if (staleRows.length > 0) stale = await lastChangers(db, req.project, req.variable, staleRows);
    written = writtenBy(outcomes);
    if (outcomes.length === 0) return;
    const reason = req.input.kind === 'reject' ? (req.input.reason?.trim() ?? '') : '';
    await putValues(
      db,
      outcomes.map((o) => ({ ...o.value, project: req.project })),
    );
    const row = historyRow(
      req.project,
      req.variable,
      ctx,
      req.input.kind,
      outcomes,
      reason ? { note: reason } : {},
    );
    await db.history.add(row);
    await queueDecision(db, row, outcomes);
  });
  return {
    batch,
    changed: written.length,
    skipped,
    written,
    ...(stale.length > 0 ? { stale } : {}),
  };
}

// ---- undo and redo -------------------------------------------------------------------------

/** An action that undo or redo would take back or do again, as the user sees it named. */
export interface Step {
  /** The history row undo would undo, or the undo that redo would take back. */
  readonly batch: string;
  /** The action's kind (for redo: the kind of the action that was undone). */
  readonly kind: Decision['kind'];
  readonly by: string;
  /** When the action was made (for redo: when the undone action was made). */
  readonly at: string;
  /** Values the action changed. */
  readonly values: number;
  /** A change of the codebook: which (named in undo and redo). */
  readonly codebook?: CodebookStep;
}

export interface Steps {
  readonly undo: Step | null;
  readonly redo: Step | null;
}

interface FoundSteps {
  readonly undo: HistoryRow | null;
  readonly redo: HistoryRow | null;
  /** The action the redo target undid. */
  readonly redoOf: HistoryRow | null;
}

/**
 * Finds, newest first, this person's action that undo would take back (the newest not yet
 * undone; a redo counts as an action) and the undo that redo would take back (an undo of hers
 * with no action of hers after it, not yet redone).
 */
async function findSteps(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  by: string,
): Promise<FoundSteps> {
  const undone = new Set<string>();
  const redone = new Set<string>();
  let undo: HistoryRow | null = null;
  let redo: HistoryRow | null = null;
  let redoOf: HistoryRow | null = null;
  // An action of hers after her undos closes the way to redo them.
  let redoOpen = true;
  const done = () => undo !== null && (redo !== null ? redoOf !== null : !redoOpen);
  // Only her own rows count: her undo and redo take back her own actions, and another person's
  // undo or redo is of that person's. The index keeps this from reading everyone's history: it
  // runs again after every change of the history, in a team's database after every arriving event.
  const visit = (h: HistoryRow) => {
    if (redo !== null && redoOf === null && h.batch === redo.undoes) redoOf = h;
    if (h.kind === 'undo') {
      if (h.by === by && redoOpen && redo === null && !redone.has(h.batch)) redo = h;
      if (h.undoes) undone.add(h.undoes);
      return;
    }
    if (h.kind === 'redo' && h.redoes) redone.add(h.redoes);
    if (h.by !== by) return;
    if (undo === null && !undone.has(h.batch)) undo = h;
    if (h.kind !== 'redo' && redo === null) redoOpen = false;
  };
  await db.history
    .where('[project+variable+by]')
    .equals([project, variable, by])
    .reverse()
    .until(done)
    .each(visit);
  // Older still: her actions in the history the project started from (a team's checkpoint).
  if (!done())
    for (const h of await readPersonPages(db, project, variable, by)) {
      visit(h);
      if (done()) break;
    }
  return { undo, redo, redoOf };
}

function stepOf(row: HistoryRow, original: HistoryRow | null = row): Step {
  const o = original ?? row;
  return {
    batch: row.batch,
    kind: o.kind,
    by: o.by,
    at: o.at,
    values: o.changes.length,
    ...(o.codebook ? { codebook: o.codebook } : {}),
  };
}

/** What undo and redo would do now for this person on this variable. */
export async function nextSteps(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  by: string,
): Promise<Steps> {
  return stepsOf(
    await db.transaction('r', [db.history, db.historyPages], () =>
      findSteps(db, project, variable, by),
    ),
  );
}

function stepsOf(found: FoundSteps): Steps {
  return {
    undo: found.undo ? stepOf(found.undo) : null,
    redo: found.redo ? stepOf(found.redo, found.redoOf) : null,
  };
}

/**
 * Undoes this person's newest action on a variable, or redoes (takes back) her newest undo: one
 * transaction, recorded in the history. A value changed again since that action (by anyone) is
 * left as it is and counted, never overwritten. Returns null when there is nothing to undo (or redo), or when
 * `expect` names another action than the one that is next (another tab moved on).
 */
export async function replay(
  db: KodbokDb,
  mode: 'undo' | 'redo',
  project: string,
  variable: VariableId,
  by: string,
  expect?: string,
): Promise<BulkResult | null> {
  const at = new Date().toISOString();
  const batch = newId();
  const skipped: Partial<Record<SkipReason, number>> = {};
  let written: WrittenValue[] = [];
  let found = false;
  const tables = [
    db.variables,
    db.valuePages,
    db.history,
    db.historyPages,
    db.codebookVersions,
    ...queueTables(db),
  ];
  await db.transaction('rw', tables, async () => {
    const steps = await findSteps(db, project, variable, by);
    const target = mode === 'undo' ? steps.undo : steps.redo;
    if (target === null || (expect !== undefined && target.batch !== expect)) return;
    found = true;
    const variableRow = await db.variables.get([project, variable]);
    const ctx: DecisionContext = {
      by,
      at,
      batch,
      leaves: variableRow ? leafSet(variableRow.codebook) : new Set(),
    };
    const link = mode === 'undo' ? { undoes: target.batch } : { redoes: target.batch };
    if (target.codebook) {
      // A codebook change comes back whole (codebook and values) or not at all.
      const cb = await replayCodebookStep(
        db,
        mode,
        project,
        variable,
        { ...target, codebook: target.codebook },
        ctx,
      );
      Object.assign(skipped, cb.skipped);
      written = cb.outcomes.map(({ value, change }) => ({
        raw: value.raw,
        before: seenOf(change.before),
        after: seenOf(value),
      }));
      await putValues(
        db,
        cb.outcomes.map((o) => o.value),
      );
      await db.history.add({
        project,
        variable,
        batch,
        kind: mode,
        by,
        at,
        changes: cb.outcomes.map((o) => o.change),
        ...link,
        ...(cb.step ? { codebook: cb.step } : {}),
      });
      if (cb.step && cb.versions)
        await queueCodebook(db, project, {
          variable,
          batch,
          action: mode,
          by,
          at,
          step: cb.step,
          ...cb.versions,
          changes: cb.outcomes.map(({ value, change }) => ({
            raw: value.raw,
            before: change.before,
            after: codingOf(value),
          })),
        });
      return;
    }
    const rows = await readValues(
      db,
      project,
      variable,
      target.changes.map((c) => c.raw),
    );
    const outcomes: DecisionOutcome[] = [];
    target.changes.forEach((c, i) => {
      const row = rows[i];
      // Changed again since (by anyone): leave it, never overwrite a later decision.
      if (!row || !leftAsChanged(row, c, target.at)) {
        countSkip(skipped, 'changed-since');
        return;
      }
      // Undo restores the coding before the action; redo the coding before the undo.
      const out = restore(row, c.before, ctx, mode);
      if (typeof out === 'string') countSkip(skipped, out);
      else outcomes.push(out);
    });
    written = writtenBy(outcomes);
    await putValues(
      db,
      outcomes.map((o) => ({ ...o.value, project })),
    );
    // Recorded even when nothing could be restored, so the next undo (or redo) moves on.
    const row = historyRow(project, variable, ctx, mode, outcomes, link);
    await db.history.add(row);
    await queueDecision(db, row, outcomes);
  });
  return found ? { batch, changed: written.length, skipped, written } : null;
}

/** The next undo and redo of this person, now and after every change of the variable's history. */
export function observeSteps(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  by: string,
  onSteps: (steps: Steps) => void,
  onError: (e: unknown) => void,
): Subscription {
  return liveQuery(async () => stepsOf(await findSteps(db, project, variable, by))).subscribe({
    next: onSteps,
    error: onError,
  });
}

/** A project's people (members, roles, four eyes), now and after every change. */
export function observePeople(
  db: KodbokDb,
  project: string,
  onPeople: (people: ProjectPeople) => void,
  onError: (e: unknown) => void,
): Subscription {
  return liveQuery(() => readPeopleIn(db, project)).subscribe({ next: onPeople, error: onError });
}

/** Undo (the older name, kept for callers): `replay(db, 'undo', …)`. */
export function undoLastBatch(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  by: string,
  expect?: string,
): Promise<BulkResult | null> {
  return replay(db, 'undo', project, variable, by, expect);
}

/** Everything that happened to one value, oldest first. */
export async function valueHistory(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  raw: string,
): Promise<Decision[]> {
  return decisionsOn(await variableHistory(db, project, variable), variable, raw);
}

/** A variable's history (the pages it started from, then its rows), oldest first. */
function variableHistory(db: KodbokDb, project: string, variable: VariableId) {
  return readVariableHistory(db, project, variable);
}

/** What the history rows (in order) did to one value, as its decisions. */
function decisionsOn(rows: readonly HistoryRow[], variable: VariableId, raw: string): Decision[] {
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
          ...(h.resolve ? { resolve: h.resolve } : {}),
        });
    }
  }
  return out;
}

/**
 * One value's history now and after every change (the side panel of the focused value). The
 * history is append-only, so after the first read each change reads only the rows added since
 * (by their key): in a team's database of 200 000 decisions, reading the variable's whole history
 * again after every arriving decision held the page for a second or more.
 */
export function observeValueHistory(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  raw: string,
  onHistory: (history: Decision[]) => void,
  onError: (e: unknown) => void,
): Subscription {
  let held: Decision[] | null = null;
  let after = 0;
  let pages = 0;
  return liveQuery(async () => {
    // A checkpoint applied meanwhile (a joining member's first sync) adds older history: read all.
    const nowPages = await countVariablePages(db, project, variable);
    if (nowPages !== pages) held = null;
    pages = nowPages;
    if (held === null) {
      const rows = await variableHistory(db, project, variable);
      held = decisionsOn(rows, variable, raw);
      after = rows.reduce((m, h) => Math.max(m, h.seq ?? 0), 0);
      return held;
    }
    const rows = await db.history.where(':id').above(after).toArray();
    // Runs of a live query never overlap: what was held is what the rows come after.
    const added = rows.filter((h) => h.project === project && h.variable === variable);
    if (rows.length > 0) after = rows.reduce((m, h) => Math.max(m, h.seq ?? 0), after);
    if (added.length > 0) {
      const more = decisionsOn(added, variable, raw);
      if (more.length > 0) held = [...held, ...more];
    }
    return held;
  }).subscribe({ next: onHistory, error: onError });
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
  await db.transaction(
    'rw',
    [db.variables, db.valuePages, db.history, ...queueTables(db)],
    async () => {
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
      await putValues(
        db,
        outcomes.map((o) => ({ ...o.value, project })),
      );
      const row = historyRow(project, variable, ctx, 'import-mapping', outcomes);
      await db.history.add(row);
      await queueDecision(db, row, outcomes);
    },
  );
  return changed;
}
