import {
  heldActions,
  newActions,
  pastEvents,
  type PastAction,
  type PastContent,
} from '../core/team/past';
import type { PastEvent } from '../core/team/events';
import type { TeamLink } from '../core/team/link';
import type { HistoryRow, KodbokDb } from './db';
import { readProjectHistory, readVariableHistory } from './history-pages';

import { linkIn, queueNew, queueSnapshotIn, queueTables } from './team';

// A project's past on a team (issue 10 item 2, core/team/past.ts): sent once when the project is
// first connected, in the same transaction as its link and its start; folded into a browser's
// notes, history and double coding, never into a value's coding.

/** Inside the caller's transaction: the project's past as it holds it now. */
async function pastIn(db: KodbokDb, project: string): Promise<PastContent> {
  const range = [[project], [project, []]] as const;
  const [history, notes, samples, codes] = await Promise.all([
    readProjectHistory(db, project),
    db.notes
      .where('[project+variable]')
      .between(...range)
      .toArray(),
    db.doubleSamples
      .where('[project+id]')
      .between(...range)
      .toArray(),
    db.doubleCodes
      .where('[project+id]')
      .between(...range)
      .toArray(),
  ]);
  return {
    history: history.map(({ project: _p, seq: _s, ...a }): PastAction => a),
    notes: notes.map(({ project: _p, ...n }) => n),
    samples: samples
      .map(({ project: _p, ...s }) => s)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
    codes: codes.map(({ project: _p, ...c }) => c),
  };
}

export interface Shared {
  /** Events of the project's start queued (0: the team has it already). */
  readonly start: number;
  /** Events of the project's past queued; null when she is not a project admin (not sent). */
  readonly past: number | null;
}

/**
 * Links a project to its team and queues its start and (for a project admin) its past, all in
 * one transaction: a browser closed at any point is either linked with everything queued, or not
 * linked at all. Only a project admin sends the past: the server refuses it from anyone else.
 */
export async function shareProject(
  db: KodbokDb,
  project: string,
  link: TeamLink,
  who: { readonly user: string; readonly admin: boolean },
): Promise<Shared> {
  const at = new Date().toISOString();
  const tables = [
    db.variables,
    db.valuePages,
    db.counts,
    db.history,
    db.historyPages,
    db.notes,
    db.doubleSamples,
    db.doubleCodes,
    ...queueTables(db),
  ];
  return db.transaction('rw', tables, async () => {
    await linkIn(db, project, link);
    const start = await queueSnapshotIn(db, project, who.user, at);
    if (!who.admin) return { start, past: null };
    const past = pastEvents(await pastIn(db, project), who.user, at);
    return { start, past: await queueNew(db, project, past) };
  });
}

/**
 * Inside foldRemote's transaction (db.history, db.notes): the notes and actions of a batch's past
 * events that this browser lacks, added once each; returns how many. Their samples and codes go
 * through the double-coding fold (foldRemote hands them to foldDoubleCodingEvents).
 */
export async function foldPastIn(
  db: KodbokDb,
  project: string,
  events: readonly PastEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  const notes = events.flatMap((e) => e.notes ?? []);
  const have = await db.notes.bulkGet(notes.map((n): [string, string] => [project, n.id]));
  const seen = new Set<string>();
  const fresh = notes.filter((n, i) => {
    if (have[i] !== undefined || seen.has(n.id)) return false;
    seen.add(n.id);
    return true;
  });
  await db.notes.bulkAdd(fresh.map((n) => ({ ...n, project })));
  const variables = new Set(events.flatMap((e) => (e.history ?? []).map((a) => a.variable)));
  const held = (
    await Promise.all([...variables].map((v) => readVariableHistory(db, project, v)))
  ).flat();
  // Added as history only: the values keep their coding (the start carries the past's result).
  const actions = newActions(heldActions(held), events);
  await db.history.bulkAdd(actions.map((a): HistoryRow => ({ ...a, project })));
  return fresh.length + actions.length;
}
