import { liveQuery } from 'dexie';
import {
  codeUses,
  editCode,
  followEdit,
  planEdit,
  type ApprovedChoice,
  type CodebookEdit,
  type EditRefused,
} from '../core/codebook-edit';
import { leafSet } from '../core/codebook';
import {
  sameCodebook,
  type CodebookStep,
  type CodebookVersion,
  type VersionCause,
} from '../core/codebook-versions';
import {
  codingOf,
  leftAsChanged,
  restore,
  type DecisionContext,
  type SkipReason,
} from '../core/decide';
import type { Codebook, Coding, VariableId } from '../core/types';
import type {
  CodebookVersionRow,
  HistoryChange,
  HistoryRow,
  KodbokDb,
  ValueRow,
  VariableRow,
} from './db';
import { putValues } from './value-pages';
import { loadValues, newId, type Subscription } from './projects';
import { queueCodebook, queueTables } from './team';
import type { LocalChange } from '../core/team/events';

// The codebook editor's storage (issue 11 items 1 and 2): one transaction per edit, holding the
// new codebook, the values that follow it, the one history row of the action and the new
// version. Nothing but Dexie is awaited inside; errors are never caught inside.

/** The versions of a variable's codebook, oldest first. */
export async function loadCodebookVersions(
  db: KodbokDb,
  project: string,
  variable: VariableId,
): Promise<CodebookVersionRow[]> {
  return versionsOf(db, project, variable).toArray();
}

/** A variable's versions in number order. */
function versionsOf(db: KodbokDb, project: string, variable: VariableId) {
  return db.codebookVersions
    .where('[project+variable+number]')
    .between([project, variable, 0], [project, variable, Infinity], true, true);
}

/** The versions of a variable's codebook, now and after every change. */
export function observeCodebookVersions(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  onVersions: (versions: CodebookVersionRow[]) => void,
  onError: (e: unknown) => void,
): Subscription {
  return liveQuery(() => loadCodebookVersions(db, project, variable)).subscribe({
    next: onVersions,
    error: onError,
  });
}

/**
 * The number of the version the stored codebook is, inside a transaction: the newest version
 * when it is that codebook, else a version is added for it first (version 1 of a project or a
 * backup from before versions were kept; a codebook changed some other way).
 */
export async function currentVersion(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  codebook: Codebook,
  by: string,
  at: string,
): Promise<number> {
  const newest = await versionsOf(db, project, variable).last();
  if (newest && sameCodebook(newest.codebook, codebook)) return newest.number;
  const number = (newest?.number ?? 0) + 1;
  const cause: VersionCause = newest ? { kind: 'import' } : { kind: 'first' };
  await db.codebookVersions.add({ project, variable, number, at, by, codebook, cause });
  return number;
}

/**
 * Saves `codebook` as the variable's codebook and as its next version (the number after
 * `after`), stamped with that number, time and author (the exports name it).
 */
export async function saveVersion(
  db: KodbokDb,
  row: VariableRow,
  v: Omit<CodebookVersion, 'number'>,
  after: number,
): Promise<{ number: number; codebook: Codebook }> {
  const number = after + 1;
  const codebook: Codebook = { ...v.codebook, revision: { number, at: v.at, by: v.by } };
  await db.codebookVersions.add({ ...v, codebook, project: row.project, variable: row.id, number });
  await db.variables.put({ ...row, codebook });
  return { number, codebook };
}

export interface CodebookEditRequest {
  readonly project: string;
  readonly variable: VariableId;
  readonly edit: CodebookEdit;
  readonly by: string;
  /** A merge's approved values: kept approved, or reviewed again (the person was asked). */
  readonly approved?: ApprovedChoice;
}

export type CodebookEditResult =
  | EditRefused
  | {
      readonly ok: true;
      readonly batch: string;
      /** Values whose code followed the edit. */
      readonly changed: number;
      /** The new version's number. */
      readonly version: number;
    };

function change(v: ValueRow, next: Coding): HistoryChange {
  return {
    raw: v.raw,
    code: next.code,
    status: next.status,
    note: next.note,
    before: codingOf(v),
    updatedAt: next.updatedAt,
  };
}

/**
 * Saves one edit of a variable's codebook, checked against what is stored now: the new codebook
 * and version, the values that follow it (a merge, a new code), one history row. A refused edit
 * (a category that values still have, a duplicate code, …) stores nothing.
 */
export async function editCodebook(
  db: KodbokDb,
  req: CodebookEditRequest,
): Promise<CodebookEditResult> {
  const at = new Date().toISOString();
  const batch = newId();
  const tables = [db.variables, db.valuePages, db.history, db.codebookVersions, ...queueTables(db)];
  return db.transaction('rw', tables, async (): Promise<CodebookEditResult> => {
    const row = await db.variables.get([req.project, req.variable]);
    if (!row) throw new Error(`Variable ${req.variable} is not in this project`);
    const values = await loadValues(db, req.project, req.variable);
    const plan = planEdit(row.codebook, req.edit, codeUses(values), at);
    if (!plan.ok) return plan;
    const from = await currentVersion(db, req.project, req.variable, row.codebook, req.by, at);
    const changes: HistoryChange[] = [];
    const written: ValueRow[] = [];
    const local: LocalChange[] = [];
    for (const v of values) {
      const next = followEdit(v, plan, at, req.approved ?? 'review-again');
      if (!next) continue;
      changes.push(change(v, next));
      written.push({ ...v, ...next });
      local.push({ raw: v.raw, before: codingOf(v), after: codingOf({ ...v, ...next }) });
    }
    const cause: VersionCause = { kind: 'edit', edit: req.edit };
    const saved = await saveVersion(
      db,
      row,
      { at, by: req.by, codebook: plan.codebook, cause },
      from,
    );
    const to = saved.number;
    await putValues(db, written);
    const step: CodebookStep = {
      edit: req.edit.kind,
      code: editCode(req.edit),
      ...(req.edit.kind === 'merge' ? { into: req.edit.into } : {}),
      from,
      to,
    };
    await db.history.add({
      project: req.project,
      variable: req.variable,
      batch,
      kind: 'codebook',
      by: req.by,
      at,
      changes,
      codebook: step,
    });
    await queueCodebook(db, req.project, {
      variable: req.variable,
      batch,
      action: 'codebook',
      by: req.by,
      at,
      step,
      cause,
      base: row.codebook,
      codebook: saved.codebook,
      changes: local,
    });
    return { ok: true, batch, changed: written.length, version: to };
  });
}

/**
 * Replaces a variable's codebook with an imported file (after the user saw the staged change):
 * a new version, caused by the import.
 */
export async function replaceCodebook(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  codebook: Codebook,
  by = '',
): Promise<void> {
  const at = new Date().toISOString();
  const tables = [db.variables, db.codebookVersions, ...queueTables(db)];
  await db.transaction('rw', tables, async () => {
    const row = await db.variables.get([project, variable]);
    if (!row) throw new Error(`Variable ${variable} is not in this project`);
    const from = await currentVersion(db, project, variable, row.codebook, by, at);
    if (sameCodebook(row.codebook, codebook)) {
      await db.variables.put({ ...row, codebook });
      return;
    }
    const cause: VersionCause = { kind: 'import' };
    const saved = await saveVersion(db, row, { at, by, codebook, cause }, from);
    // A linked project's team gets the new codebook too (no values follow a codebook file).
    await queueCodebook(db, project, {
      variable,
      batch: newId(),
      action: 'import',
      by,
      at,
      cause,
      base: row.codebook,
      codebook: saved.codebook,
      changes: [],
    });
  });
}

/** What undoing or redoing a codebook step did, for the history row and the report. */
export interface CodebookReplay {
  readonly outcomes: readonly { value: ValueRow; change: HistoryChange }[];
  readonly skipped: Partial<Record<SkipReason, number>>;
  readonly step: CodebookStep | null;
  /** The codebook it went from and to, and why (for the team's event); absent when refused. */
  readonly versions?: { base: Codebook; codebook: Codebook; cause: VersionCause };
}

/**
 * Undoes (or redoes) a codebook step inside replay's transaction: the codebook goes back to the
 * version before the step and the values it recoded get their coding back — all of it, or
 * nothing when the codebook changed since (another edit, by anyone) or a value changed since, or
 * when values now have a code the restored codebook would not have.
 */
export async function replayCodebookStep(
  db: KodbokDb,
  mode: 'undo' | 'redo',
  project: string,
  variable: VariableId,
  target: HistoryRow & { readonly codebook: CodebookStep },
  ctx: DecisionContext,
): Promise<CodebookReplay> {
  const refuse = (reason: SkipReason, n = 1): CodebookReplay => ({
    outcomes: [],
    skipped: { [reason]: Math.max(n, 1) },
    step: null,
  });
  const row = await db.variables.get([project, variable]);
  const [before, after] = await Promise.all([
    db.codebookVersions.get([project, variable, target.codebook.from]),
    db.codebookVersions.get([project, variable, target.codebook.to]),
  ]);
  if (!row || !before || !after || !sameCodebook(row.codebook, after.codebook))
    return refuse('changed-since');
  const values = await loadValues(db, project, variable);
  const byRaw = new Map(values.map((v) => [v.raw, v]));
  const outcomes: { value: ValueRow; change: HistoryChange }[] = [];
  for (const c of target.changes) {
    const v = byRaw.get(c.raw);
    if (!v || !leftAsChanged(v, c, target.at))
      return refuse('changed-since', target.changes.length);
    const out = restore(v, c.before, ctx, mode);
    if (typeof out === 'string') continue;
    const value = { ...out.value, project };
    byRaw.set(v.raw, value);
    outcomes.push({ value, change: { ...change(v, out.value), updatedAt: out.value.updatedAt } });
  }
  // A value coded since to a category the restored codebook does not have: recode it first.
  const leaves = leafSet(before.codebook);
  let orphans = 0;
  for (const v of byRaw.values()) if (v.code !== null && !leaves.has(v.code)) orphans++;
  if (orphans > 0) return refuse('not-a-leaf', orphans);
  const newest = await versionsOf(db, project, variable).last();
  const cause: VersionCause = {
    kind: mode,
    version: mode === 'undo' ? after.number : before.number,
  };
  const saved = await saveVersion(
    db,
    row,
    { at: ctx.at, by: ctx.by, codebook: before.codebook, cause },
    newest?.number ?? after.number,
  );
  return {
    outcomes,
    skipped: {},
    step: { ...target.codebook, from: after.number, to: saved.number },
    versions: { base: row.codebook, codebook: saved.codebook, cause },
  };
}
