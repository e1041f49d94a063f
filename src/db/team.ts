import { liveQuery } from 'dexie';
import { codingOf, type DecisionOutcome } from '../core/decide';
import type { ProjectPeople } from '../core/members';
import type { NoteEvent } from '../core/notes';
import {
  decisionEvent,
  envelope,
  eventId,
  type CodebookEvent,
  type ImportEvent,
  type ImportUndoEvent,
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
  disagreementSides,
  type DisagreementSide,
  type ResolveRecord,
  type SettingStamp,
} from '../core/team/fold';
import type { TeamLink } from '../core/team/link';
import { sameCodebook, type VersionCause } from '../core/codebook-versions';
import type { StoredTally } from '../core/import-merge';
import type { Coding } from '../core/types';
import type { SuggestProfile } from '../core/suggest/profile';
import type { DisagreementRow, HistoryRow, KodbokDb, OutboxRow } from './db';
import { getValue, putValues, readVariableValues } from './value-pages';
import { newId, type Subscription } from './projects';
import { SETTINGS } from './settings';
import { currentVersion, saveVersion } from './codebook';
import { readCounts, type FileImport } from './imports';

// A project's side of the team sync, in IndexedDB: the outbox written in the same transaction as
// each decision, the link, the disagreements and their resolve, the project's shared start. The
// fold of the server's events into the project's tables is team-fold.ts.

/** The tables a decision's transaction needs to queue its event. */
export function queueTables(db: KodbokDb) {
  return [db.settings, db.outbox, db.teamEvents];
}

/** A value's key in the values store. */
export const valueKey = (
  project: string,
  variable: string,
  raw: string,
): [string, string, string] => [project, variable, raw];

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
    ...envelope(eventId(note.at, note.by, note.id), note.by, note.at),
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
    ...envelope(eventId(at, by, newId()), by, at),
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

/** Links a project to its team server (after a login): its events go to the outbox from now on. */
export async function linkProject(db: KodbokDb, project: string, link: TeamLink): Promise<void> {
  await db.transaction('rw', db.settings, () => linkIn(db, project, link));
}

/** Inside the caller's transaction: the project's link stored. */
export async function linkIn(db: KodbokDb, project: string, link: TeamLink): Promise<void> {
  await db.settings.put({ key: SETTINGS.team.key(project), value: link });
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
    db.valuePages,
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
    const row = await getValue(db, project, d.variable, d.raw);
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
    await putValues(db, [{ ...row, ...to }]);
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
    await db.disagreements.update([project, id], {
      resolved: { by, at, event: eventId_, seen: sides },
    });
    if ((await teamLinkIn(db, project)) !== null) {
      const event: ResolveEvent = {
        ...envelope(eventId_, by, at),
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
    ...envelope(eventId(at, req.by, newId()), req.by, at),
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
    ...envelope(eventId(at, by, newId()), by, at),
    kind: 'import-undo',
    import: id,
  };
  await queueEvent(db, project, event);
}

/** The stored key of a team setting, and of when it was last set (by which event). */
export function teamSettingKeys(project: string, name: TeamSettingName, variable: string) {
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
      ...envelope(eventId(at, by, newId()), by, at),
      kind: 'setting',
      name: 'normalise',
      variable,
      value: profile,
    };
    await db.settings.put({ key: stamp, value: { at, event: event._id } satisfies SettingStamp });
    await queueEvent(db, project, event);
  });
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
  return db.transaction('rw', [db.variables, db.valuePages, db.counts, ...queueTables(db)], () =>
    queueSnapshotIn(db, project, user, at),
  );
}

/** queueSnapshot inside the caller's transaction (db.variables, db.valuePages, db.counts and
 * queueTables). */
export async function queueSnapshotIn(
  db: KodbokDb,
  project: string,
  user: string,
  at: string,
): Promise<number> {
  let queued = 0;
  const variables = await db.variables.where('project').equals(project).toArray();
  for (const { project: _p, ...variable } of variables) {
    const events: TeamEvent[] = [
      { ...envelope(snapshotId(variable.id, null), user, at), kind: 'variable', variable },
    ];
    const rows = await readVariableValues(db, project, variable.id);
    // The counts per municipality and year go with the values (issue 10 item 2), and the
    // distinct cells in the same chunks (one more event where there are more cells than values).
    const counts = await readCounts(db, project, variable.id);
    const cells = [...counts.combinations.values()];
    const chunks = Math.max(rows.length, cells.length);
    for (let i = 0; i * SNAPSHOT_CHUNK < chunks; i++) {
      const part = cells.slice(i * SNAPSHOT_CHUNK, (i + 1) * SNAPSHOT_CHUNK);
      events.push({
        ...envelope(snapshotId(variable.id, i), user, at),
        kind: 'values',
        variable: variable.id,
        values: rows.slice(i * SNAPSHOT_CHUNK, (i + 1) * SNAPSHOT_CHUNK).map((r) => {
          const tally = counts.tallies.get(r.raw);
          return {
            raw: r.raw,
            frequency: r.frequency,
            municipalities: r.municipalities,
            combinations: r.combinations,
            coding: codingOf(r),
            ...(tally ? { tally: withoutRaw(tally) } : {}),
          };
        }),
        ...(part.length > 0 ? { cells: part } : {}),
      });
    }
    queued += await queueNew(db, project, events);
  }
  return queued;
}

/** A value's stored tally as its shared value carries it (the raw value is the value's own). */
function withoutRaw({ raw: _raw, ...tally }: StoredTally): Omit<StoredTally, 'raw'> {
  return tally;
}

/** Inside the caller's transaction: queues the events not sent or folded here yet; how many. */
export async function queueNew(
  db: KodbokDb,
  project: string,
  events: readonly TeamEvent[],
): Promise<number> {
  let queued = 0;
  for (const e of events) {
    if (await db.teamEvents.get([project, e._id])) continue;
    await queueEvent(db, project, e);
    queued += 1;
  }
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
      ...envelope(eventId(at, by, newId()), by, at),
      kind: 'members',
      people,
    };
    await queueEvent(db, project, event);
  });
}
