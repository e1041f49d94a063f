import { liveQuery } from 'dexie';
import { codingOf, newRawValue, type DecisionOutcome } from '../core/decide';
import { readPeople, type ProjectPeople } from '../core/members';
import type { NoteEvent } from '../core/notes';
import {
  decisionEvent,
  EVENT_TYPE,
  EVENT_VERSION,
  eventId,
  type CodebookEvent,
  type DecisionEvent,
  type ImportEvent,
  type ImportUndoEvent,
  readShared,
  shareCounted,
  type LocalChange,
  type MembersEvent,
  type NoteSyncEvent,
  type ResolveEvent,
  type SettingEvent,
  type TeamEvent,
  type TeamSettingName,
  snapshotId,
} from '../core/team/events';
import {
  codebookDecision,
  disagreementSides,
  foldCodebook,
  foldDecision,
  foldResolve,
  mergeDisagreement,
  type Disagreement,
  type DisagreementSide,
  type FoldStep,
  type ResolveRecord,
  type SettingStamp,
  settingWins,
} from '../core/team/fold';
import type { TeamLink } from '../core/team/link';
import { sameCodebook, type VersionCause } from '../core/codebook-versions';
import type { Coding } from '../core/types';
import type { SuggestProfile } from '../core/suggest/profile';
import type { DisagreementRow, HistoryRow, KodbokDb, OutboxRow, ValueRow } from './db';
import { newId, type Subscription } from './projects';
import { SETTINGS } from './settings';
import { currentVersion, saveVersion } from './codebook';
import { undoImportIn, writeImport, type FileImport } from './imports';

// A project's side of the team sync, in IndexedDB: the outbox written in the same transaction as
// each decision, and the fold of the server's events into the project's tables, one transaction
// per batch together with how far the server was read. A browser killed at any point has either
// all of a batch or none of it, and reads it again: nothing lost, nothing twice.

/** The tables a decision's transaction needs to queue its event. */
export function queueTables(db: KodbokDb) {
  return [db.settings, db.outbox, db.teamEvents];
}

/** The project's team link, read inside the caller's transaction; null for a solo project. */
export async function teamLinkIn(db: KodbokDb, project: string): Promise<TeamLink | null> {
  return SETTINGS.team.read((await db.settings.get(SETTINGS.team.key(project)))?.value);
}

/**
 * Inside a decision's transaction: when the project is linked to a team, the action becomes an
 * event in the outbox (and is known as applied here, so it is skipped when it comes back).
 */
export async function queueDecision(
  db: KodbokDb,
  row: HistoryRow,
  outcomes: readonly DecisionOutcome[],
): Promise<void> {
  if (outcomes.length === 0) return;
  const link = await teamLinkIn(db, row.project);
  if (link === null) return;
  const event = decisionEvent(
    { ...row, ...(row.note ? { note: row.note } : {}) },
    outcomes.map((o) => ({
      raw: o.value.raw,
      before: o.decision.before,
      after: codingOf(o.value),
    })),
    newId(),
  );
  await queueEvent(db, row.project, event);
}

/** Inside a note's transaction: a linked project sends the note event to the team too. */
export async function queueNote(db: KodbokDb, project: string, note: NoteEvent): Promise<void> {
  const link = await teamLinkIn(db, project);
  if (link === null) return;
  const event: NoteSyncEvent = {
    _id: eventId(note.at, note.by, note.id),
    type: EVENT_TYPE,
    v: EVENT_VERSION,
    author: note.by,
    at: note.at,
    kind: 'note',
    note,
  };
  await queueEvent(db, project, event);
}

/** A change of a codebook as the team hears of it (see CodebookEvent), with the local changes. */
export type CodebookChange = Omit<
  CodebookEvent,
  '_id' | 'type' | 'v' | 'author' | 'at' | 'kind' | 'changes'
> & {
  readonly by: string;
  readonly at: string;
  readonly changes: readonly LocalChange[];
};

/** Inside a codebook change's transaction: a linked project sends it to the team too. */
export async function queueCodebook(
  db: KodbokDb,
  project: string,
  c: CodebookChange,
): Promise<void> {
  if ((await teamLinkIn(db, project)) === null) return;
  // The decision's shape gives the values' changes (what each was as seen, what it became).
  const { changes } = decisionEvent({ ...c, kind: 'codebook' }, c.changes, '');
  const { by, at, changes: _local, ...rest } = c;
  const event: CodebookEvent = {
    ...rest,
    _id: eventId(at, by, newId()),
    type: EVENT_TYPE,
    v: EVENT_VERSION,
    author: by,
    at,
    kind: 'codebook',
    changes,
  };
  await queueEvent(db, project, event);
}

export async function queueEvent(db: KodbokDb, project: string, event: TeamEvent): Promise<void> {
  await db.outbox.add({ project, id: event._id, event });
  await db.teamEvents.add({ project, id: event._id });
}

/** The events still to send, oldest first (ids start with their time). */
export async function outboxBatch(
  db: KodbokDb,
  project: string,
  limit: number,
): Promise<OutboxRow[]> {
  const rows = await db.outbox
    .where('[project+id]')
    .between([project], [project, []])
    .filter((r) => r.refused === undefined)
    .limit(limit)
    .toArray();
  return rows;
}

/** The server took these events (or had them already): they leave the outbox. */
export async function markSent(
  db: KodbokDb,
  project: string,
  ids: readonly string[],
): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox.bulkDelete(ids.map((id): [string, string] => [project, id]));
  });
}

/** The server refused an event (its reason kept for the user; the event is not sent again). */
export async function markRefused(
  db: KodbokDb,
  project: string,
  refusals: readonly { id: string; reason: string }[],
): Promise<void> {
  const at = new Date().toISOString();
  await db.transaction('rw', db.outbox, async () => {
    for (const r of refusals) {
      await db.outbox.update([project, r.id], { refused: { reason: r.reason, at } });
    }
  });
}

export interface OutboxCounts {
  /** Waiting to be sent. */
  readonly pending: number;
  /** Refused by the server. */
  readonly refused: number;
  /** The server's reasons for the first refused events, oldest first. */
  readonly reasons: readonly { readonly id: string; readonly reason: string }[];
}

/** Refusals named one by one; the rest are counted. */
const REASONS_NAMED = 20;

export function observeOutbox(
  db: KodbokDb,
  project: string,
  onChange: (c: OutboxCounts) => void,
  onError: (e: unknown) => void,
): Subscription {
  return liveQuery(async () => {
    const rows = await db.outbox.where('[project+id]').between([project], [project, []]).toArray();
    const refused = rows.filter((r) => r.refused !== undefined);
    return {
      pending: rows.length - refused.length,
      refused: refused.length,
      reasons: refused
        .slice(0, REASONS_NAMED)
        .map((r) => ({ id: r.id, reason: r.refused!.reason })),
    };
  }).subscribe({ next: onChange, error: onError });
}

export interface FoldReport {
  /** Events folded now (new here). */
  readonly events: number;
  /** Values changed. */
  readonly changed: number;
  /** Disagreements found. */
  readonly disagreements: number;
  /** Changes on values this browser does not hold (their import has not arrived). */
  readonly missing: number;
}

const valueKey = (project: string, variable: string, raw: string): [string, string, string] => [
  project,
  variable,
  raw,
];

/**
 * Folds a batch of the server's events into the project (core/team/fold.ts) and records how far
 * the server was read, in one transaction. Events already here are skipped.
 */
export async function foldRemote(
  db: KodbokDb,
  project: string,
  events: readonly TeamEvent[],
  since: string | number | null,
): Promise<FoldReport> {
  let folded = 0;
  let changed = 0;
  let disagreements = 0;
  let missing = 0;
  const tables = [
    db.values,
    db.history,
    db.notes,
    db.settings,
    db.variables,
    db.teamEvents,
    db.disagreements,
    db.codebookVersions,
    db.counts,
    db.imports,
    db.importParts,
  ];
  await db.transaction('rw', tables, async () => {
    const known = await db.teamEvents.bulkGet(
      events.map((e): [string, string] => [project, e._id]),
    );
    const seen = new Set<string>();
    const fresh = events.filter((e, i) => {
      if (known[i] !== undefined || seen.has(e._id)) return false;
      seen.add(e._id);
      return true;
    });
    // A shared project's variables and values first: the decisions of the batch may be on them.
    for (const e of fresh) {
      // An import merges once (its id is the import's), the same way as where it was made; an
      // undo applies where undoImport allows it here too (else the values stay and are counted).
      if (e.kind === 'import' && !(await db.imports.get(e.import))) {
        const files = e.files as unknown as FileImport['files'];
        const req: FileImport = {
          project,
          by: e.author,
          files,
          variables: e.variables.map(readShared),
          ...(e.newVariables ? { newVariables: e.newVariables } : {}),
        };
        const r = await writeImport(db, e.import, req, e.at);
        changed += r.added + r.merged;
      }
      if (e.kind === 'import-undo') {
        const r = await undoImportIn(db, project, e.import, e.author, e.at);
        if (r.ok) changed += r.removed + r.restored;
        else if (r.reason !== 'missing') missing += 1;
      }
      if (e.kind === 'variable') await db.variables.put({ ...e.variable, project });
      if (e.kind === 'values') {
        const have = await db.values.bulkGet(
          e.values.map((v) => valueKey(project, e.variable, v.raw)),
        );
        const missing = e.values.filter((_, i) => have[i] === undefined);
        await db.values.bulkAdd(
          missing.map((v) => ({
            ...newRawValue(e.variable, v.raw, v.frequency, v.municipalities, {
              combinations: v.combinations,
            }),
            ...v.coding,
            project,
          })),
        );
        changed += missing.length;
      }
    }
    // The values the batch's decisions touch, read once.
    const values = new Map<string, ValueRow>();
    const keyOf = (variable: string, raw: string) => JSON.stringify([variable, raw]);
    const wanted: [string, string, string][] = [];
    for (const e of fresh) {
      if (e.kind === 'decision')
        for (const c of e.changes) wanted.push(valueKey(project, e.variable, c.raw));
      if (e.kind === 'resolve') wanted.push(valueKey(project, e.variable, e.raw));
      if (e.kind === 'codebook')
        for (const c of e.changes) wanted.push(valueKey(project, e.variable, c.raw));
    }
    const rows = await db.values.bulkGet(wanted);
    for (const r of rows) if (r) values.set(keyOf(r.variable, r.raw), r);
    const dirty = new Set<string>();
    const apply = (variable: string, s: FoldStep): void => {
      if (s.kind === 'missing') missing += 1;
      if (s.kind === 'disagree') disagreements += 1;
      if (s.kind !== 'apply') return;
      const k = keyOf(variable, s.raw);
      const row = values.get(k);
      if (!row) return;
      values.set(k, { ...row, ...s.to });
      dirty.add(k);
      changed += 1;
    };
    const histories: HistoryRow[] = [];
    const disagree = async (d: Disagreement): Promise<void> => {
      const had = await db.disagreements.get([project, d.id]);
      // A decision arriving after the resolve, made without seeing it, opens it again against
      // the value the team kept; otherwise a further side joins the ones listed.
      await db.disagreements.put({
        project,
        ...mergeDisagreement(had?.resolved ? undefined : had, d),
      });
    };
    /**
     * A decision's values folded (in memory, no await: a first sync folds 200 000 of them, and
     * each await inside a transaction costs a turn of the event loop); its history row when it
     * changed any value here, and the disagreements it found, for the caller to store.
     */
    const foldValues = (e: DecisionEvent) => {
      const held = new Map<string, Coding>();
      for (const c of e.changes) {
        const r = values.get(keyOf(e.variable, c.raw));
        if (r) held.set(c.raw, codingOf(r));
      }
      const steps = foldDecision(held, e);
      steps.forEach((s) => apply(e.variable, s));
      const found = steps.flatMap((s) => (s.kind === 'disagree' ? [s.disagreement] : []));
      return { history: remoteHistory(project, e, steps, held), found };
    };
    for (const e of fresh) {
      folded += 1;
      if (e.kind === 'decision') {
        const { history, found } = foldValues(e);
        if (history) histories.push(history);
        for (const d of found) await disagree(d);
      } else if (e.kind === 'codebook') {
        const row = await db.variables.get([project, e.variable]);
        if (!row) continue;
        const f = foldCodebook(row.codebook, e);
        for (const id of e.resolves ?? []) {
          await db.disagreements.update([project, id], {
            resolved: { by: e.author, at: e.at, event: e._id },
          });
        }
        if (f.kind === 'conflict') {
          // Both codebooks kept: this browser's stays, the other is a side of the conflict.
          await disagree(f.disagreement);
          disagreements += 1;
          continue;
        }
        if (f.kind === 'same') continue;
        const from = await currentVersion(db, project, e.variable, row.codebook, e.author, e.at);
        const saved = await saveVersion(
          db,
          row,
          { at: e.at, by: e.author, codebook: e.codebook, cause: e.cause },
          from,
        );
        changed += 1;
        if (e.action === 'import' || e.action === 'resolve') continue;
        // The values that followed the change, folded like any decision; its history row names
        // the edit with this browser's version numbers.
        const { history, found } = foldValues(codebookDecision(e));
        for (const d of found) await disagree(d);
        histories.push({
          project,
          variable: e.variable,
          batch: e.batch,
          kind: e.action,
          by: e.author,
          at: e.at,
          changes: history?.changes ?? [],
          ...(e.step ? { codebook: { ...e.step, from, to: saved.number } } : {}),
        });
      } else if (e.kind === 'resolve') {
        const r = values.get(keyOf(e.variable, e.raw));
        const before = r ? codingOf(r) : undefined;
        const step = foldResolve(before, e);
        apply(e.variable, step);
        for (const id of e.resolves) {
          await db.disagreements.update([project, id], {
            resolved: { by: e.author, at: e.at, event: e._id },
          });
        }
        if (step.kind === 'apply' && before) {
          histories.push({
            project,
            variable: e.variable,
            batch: e._id,
            kind: 'resolve',
            by: e.author,
            at: e.at,
            changes: [
              { raw: e.raw, code: e.to.code, status: e.to.status, note: e.to.note, before },
            ],
            ...(e.note ? { note: e.note } : {}),
            ...(e.kept && e.sides ? { resolve: { kept: e.kept, sides: e.sides } } : {}),
          });
        }
      } else if (e.kind === 'note') {
        await db.notes.put({ ...e.note, project });
      } else if (e.kind === 'setting') {
        if (await foldSetting(db, project, e)) changed += 1;
      } else if (e.kind === 'members') {
        await db.settings.put({ key: SETTINGS.members.key(project), value: readPeople(e.people) });
      }
    }
    if (dirty.size > 0) await db.values.bulkPut([...dirty].map((k) => values.get(k)!));
    if (histories.length > 0) await db.history.bulkAdd(histories);
    if (fresh.length > 0) await db.teamEvents.bulkAdd(fresh.map((e) => ({ project, id: e._id })));
    const linkKey = SETTINGS.team.key(project);
    const link = SETTINGS.team.read((await db.settings.get(linkKey))?.value);
    if (link) await db.settings.put({ key: linkKey, value: { ...link, since } });
  });
  return { events: folded, changed, disagreements, missing };
}

/** The history row of a remote decision: what it changed here, by its author at its time. */
function remoteHistory(
  project: string,
  e: DecisionEvent,
  steps: readonly FoldStep[],
  held: ReadonlyMap<string, Coding>,
): HistoryRow | null {
  const changes: HistoryRow['changes'][number][] = [];
  for (const s of steps) {
    const before = held.get(s.raw);
    if (s.kind !== 'apply' || !before) continue;
    changes.push({
      raw: s.raw,
      code: s.to.code,
      status: s.to.status,
      note: s.to.note,
      before,
      // An undo or redo puts back an earlier state's time (as db/decisions.ts records it), and a
      // codebook change records it too (db/codebook.ts).
      ...(e.action === 'undo' || e.action === 'redo' || e.action === 'codebook'
        ? { updatedAt: s.to.updatedAt }
        : {}),
    });
  }
  if (changes.length === 0) return null;
  return {
    project,
    variable: e.variable,
    batch: e.batch,
    kind: e.action,
    by: e.author,
    at: e.at,
    changes,
    ...(e.note ? { note: e.note } : {}),
  };
}

/** Links a project to its team server (after a login): its events go to the outbox from now on. */
export async function linkProject(db: KodbokDb, project: string, link: TeamLink): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: SETTINGS.team.key(project), value: link });
  });
}

export async function readTeamLinkOf(db: KodbokDb, project: string): Promise<TeamLink | null> {
  return db.transaction('r', db.settings, () => teamLinkIn(db, project));
}

/** The project's disagreements not yet resolved, oldest first. */
export function observeDisagreements(
  db: KodbokDb,
  project: string,
  onChange: (rows: DisagreementRow[]) => void,
  onError: (e: unknown) => void,
): Subscription {
  return liveQuery(async () => {
    const rows = await db.disagreements
      .where('[project+id]')
      .between([project], [project, []])
      .filter((d) => d.resolved === undefined)
      .toArray();
    return rows.sort((a, b) => ((a.arrived.at ?? '') < (b.arrived.at ?? '') ? -1 : 1));
  }).subscribe({ next: onChange, error: onError });
}

/**
 * Resolves a disagreement by keeping one side (its index in disagreementSides): the value gets
 * that side's code, status and note, recorded in the history as a resolve (the side kept, every
 * side settled) and sent to the team as a resolve event, all in one transaction.
 */
export async function resolveDisagreement(
  db: KodbokDb,
  project: string,
  id: string,
  keep: number,
  by: string,
): Promise<'resolved' | 'gone'> {
  const at = new Date().toISOString();
  let outcome: 'resolved' | 'gone' = 'gone';
  const tables = [
    db.values,
    db.history,
    db.disagreements,
    db.variables,
    db.codebookVersions,
    ...queueTables(db),
  ];
  await db.transaction('rw', tables, async () => {
    const d = await db.disagreements.get([project, id]);
    if (!d || d.resolved !== undefined) return;
    if (d.subject === 'codebook') {
      if (await resolveCodebook(db, project, d, keep, by, at)) outcome = 'resolved';
      return;
    }
    const row = await db.values.get(valueKey(project, d.variable, d.raw));
    if (!row) return;
    const sides = disagreementSides(d);
    const side: DisagreementSide | undefined = sides[keep];
    if (side === undefined) return;
    const record: ResolveRecord = { kept: side, sides };
    const before = codingOf(row);
    const to: Coding = {
      ...before,
      code: side.code,
      status: side.status,
      note: side.note,
      codedBy: side.by,
      codedAt: side.at,
      reviewedBy: null,
      reviewedAt: null,
      updatedAt: at,
    };
    const eventId_ = eventId(at, by, newId());
    await db.values.put({ ...row, ...to });
    await db.history.add({
      project,
      variable: d.variable,
      batch: eventId_,
      kind: 'resolve',
      by,
      at,
      changes: [{ raw: d.raw, code: to.code, status: to.status, note: to.note, before }],
      resolve: record,
    });
    await db.disagreements.update([project, id], { resolved: { by, at, event: eventId_ } });
    if ((await teamLinkIn(db, project)) !== null) {
      const event: ResolveEvent = {
        _id: eventId_,
        type: EVENT_TYPE,
        v: EVENT_VERSION,
        author: by,
        at,
        kind: 'resolve',
        variable: d.variable,
        raw: d.raw,
        resolves: [id],
        to,
        ...record,
      };
      await queueEvent(db, project, event);
    }
    outcome = 'resolved';
  });
  return outcome;
}

/**
 * Inside resolveDisagreement's transaction: keeps one side of a codebook conflict. The kept
 * codebook becomes the variable's (a new version when it is not already), the history records the
 * resolve, and the team gets it as a codebook change that applies whatever each browser holds.
 */
async function resolveCodebook(
  db: KodbokDb,
  project: string,
  d: DisagreementRow,
  keep: number,
  by: string,
  at: string,
): Promise<boolean> {
  const sides = disagreementSides(d);
  const side = sides[keep];
  const row = await db.variables.get([project, d.variable]);
  if (!side?.codebook || !row) return false;
  const from = await currentVersion(db, project, d.variable, row.codebook, by, at);
  const cause: VersionCause = { kind: 'import' };
  const saved = sameCodebook(row.codebook, side.codebook)
    ? { number: from, codebook: row.codebook }
    : await saveVersion(db, row, { at, by, codebook: side.codebook, cause }, from);
  const batch = eventId(at, by, newId());
  await db.history.add({
    project,
    variable: d.variable,
    batch,
    kind: 'resolve',
    by,
    at,
    changes: [],
    codebook: { edit: 'import', code: '', from, to: saved.number },
    resolve: { kept: side, sides },
  });
  await db.disagreements.update([project, d.id], { resolved: { by, at, event: batch } });
  await queueCodebook(db, project, {
    variable: d.variable,
    batch,
    action: 'resolve',
    by,
    at,
    cause,
    base: row.codebook,
    codebook: saved.codebook,
    changes: [],
    resolves: [d.id],
  });
  return true;
}

/** Inside an import's transaction: a linked project sends the import to the team too. */
export async function queueImport(
  db: KodbokDb,
  req: FileImport,
  id: string,
  at: string,
): Promise<void> {
  if ((await teamLinkIn(db, req.project)) === null) return;
  const event: ImportEvent = {
    _id: eventId(at, req.by, newId()),
    type: EVENT_TYPE,
    v: EVENT_VERSION,
    author: req.by,
    at,
    kind: 'import',
    import: id,
    files: req.files.map((f) => ({ ...f })),
    variables: req.variables.map(shareCounted),
    ...(req.newVariables && req.newVariables.length > 0 ? { newVariables: req.newVariables } : {}),
  };
  await queueEvent(db, req.project, event);
}

/** Inside an import undo's transaction: a linked project sends the undo to the team too. */
export async function queueImportUndo(
  db: KodbokDb,
  project: string,
  id: string,
  by: string,
  at: string,
): Promise<void> {
  if ((await teamLinkIn(db, project)) === null) return;
  const event: ImportUndoEvent = {
    _id: eventId(at, by, newId()),
    type: EVENT_TYPE,
    v: EVENT_VERSION,
    author: by,
    at,
    kind: 'import-undo',
    import: id,
  };
  await queueEvent(db, project, event);
}

/** The stored key of a team setting, and of when it was last set (by which event). */
function teamSettingKeys(project: string, name: TeamSettingName, variable: string) {
  const key = SETTINGS[name].key(project, variable);
  return { key, stamp: `teamStamp:${key}` };
}

/**
 * Saves a variable's suggestion profile; in a linked project it is also an event for the team,
 * in the same transaction (the latest set holds in every browser).
 */
export async function saveProfile(
  db: KodbokDb,
  project: string,
  variable: string,
  profile: SuggestProfile,
  by: string,
): Promise<void> {
  const at = new Date().toISOString();
  const { key, stamp } = teamSettingKeys(project, 'normalise', variable);
  await db.transaction('rw', queueTables(db), async () => {
    await db.settings.put({ key, value: profile });
    if ((await teamLinkIn(db, project)) === null) return;
    const event: SettingEvent = {
      _id: eventId(at, by, newId()),
      type: EVENT_TYPE,
      v: EVENT_VERSION,
      author: by,
      at,
      kind: 'setting',
      name: 'normalise',
      variable,
      value: profile,
    };
    await db.settings.put({ key: stamp, value: { at, event: event._id } satisfies SettingStamp });
    await queueEvent(db, project, event);
  });
}

/** Inside foldRemote: a team setting holds when it is later than the one applied here. */
async function foldSetting(db: KodbokDb, project: string, e: SettingEvent): Promise<boolean> {
  const { key, stamp } = teamSettingKeys(project, e.name, e.variable);
  const held = readStamp((await db.settings.get(stamp))?.value);
  if (!settingWins(held, { at: e.at, event: e._id })) return false;
  // Repaired by the setting's reader: a hostile or newer value becomes a valid one.
  await db.settings.put({ key, value: SETTINGS[e.name].read(e.value) });
  await db.settings.put({ key: stamp, value: { at: e.at, event: e._id } satisfies SettingStamp });
  return true;
}

function readStamp(x: unknown): SettingStamp | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const { at, event } = x as Record<string, unknown>;
  return typeof at === 'string' && typeof event === 'string' ? { at, event } : undefined;
}

/** Unlinks a project from its team server (it goes on solo). */
export async function unlinkProject(db: KodbokDb, project: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await db.settings.delete(SETTINGS.team.key(project));
  });
}

/** Values per shared chunk: one document stays well under CouchDB's size limits. */
const SNAPSHOT_CHUNK = 1000;

/**
 * When a project is first linked: its variables (codebook and split) and values (counts and
 * coding) go to the outbox as the project's shared start, with ids the same in every browser, so
 * that the first to share the project defines it and a new member starts from it.
 */
export async function queueSnapshot(db: KodbokDb, project: string, user: string): Promise<number> {
  const at = new Date().toISOString();
  let queued = 0;
  await db.transaction('rw', [db.variables, db.values, ...queueTables(db)], async () => {
    const variables = await db.variables.where('project').equals(project).toArray();
    for (const { project: _p, ...variable } of variables) {
      const base = { type: EVENT_TYPE, v: EVENT_VERSION, author: user, at } as const;
      const events: TeamEvent[] = [
        { ...base, _id: snapshotId(variable.id, null), kind: 'variable', variable },
      ];
      const rows = await db.values
        .where('[project+variable+raw]')
        .between([project, variable.id, ''], [project, variable.id, []])
        .toArray();
      for (let i = 0; i * SNAPSHOT_CHUNK < rows.length; i++) {
        events.push({
          ...base,
          _id: snapshotId(variable.id, i),
          kind: 'values',
          variable: variable.id,
          values: rows.slice(i * SNAPSHOT_CHUNK, (i + 1) * SNAPSHOT_CHUNK).map((r) => ({
            raw: r.raw,
            frequency: r.frequency,
            municipalities: r.municipalities,
            combinations: r.combinations,
            coding: codingOf(r),
          })),
        });
      }
      for (const e of events) {
        if (await db.teamEvents.get([project, e._id])) continue;
        await queueEvent(db, project, e);
        queued += 1;
      }
    }
  });
  return queued;
}

/**
 * Saves the project's people; in a linked project the change is also an event for the team (the
 * server takes it from a project admin only, and says so to anyone else).
 */
export async function savePeopleFor(
  db: KodbokDb,
  project: string,
  people: ProjectPeople,
  by: string,
): Promise<void> {
  const at = new Date().toISOString();
  await db.transaction('rw', queueTables(db), async () => {
    await db.settings.put({ key: SETTINGS.members.key(project), value: people });
    if ((await teamLinkIn(db, project)) === null) return;
    const event: MembersEvent = {
      _id: eventId(at, by, newId()),
      type: EVENT_TYPE,
      v: EVENT_VERSION,
      author: by,
      at,
      kind: 'members',
      people,
    };
    await queueEvent(db, project, event);
  });
}
