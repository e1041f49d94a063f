import type { CheckpointManifest, CheckpointState } from '../core/team/checkpoint';
import { backupProject } from './backup';
import type {
  CodebookVersionRow,
  CountsRow,
  DoubleCodeRow,
  DoubleSampleRow,
  HistoryRow,
  ImportPartRow,
  ImportRow,
  KodbokDb,
  NoteRow,
  TeamCheckpointRow,
  ValueRow,
  VariableRow,
} from './db';
import { projectTables, teamTables } from './db';
import type { TeamLink } from '../core/team/link';
import { historyPagesOf } from './history-pages';
import { SETTINGS, projectSettingKey } from './settings';
import { teamLinkIn } from './team';
import { addValues } from './value-pages';

// A team's checkpoint in this browser (core/team/checkpoint.ts): read from a project admin's
// project for the server, and applied to a joining member's empty project, each in one transaction.

/** The backup's settings that are the team's (the others belong to one browser: never sent). */
const teamSetting = (key: string) => key === 'members' || key.startsWith('normalise:');
const STAMP = 'teamStamp:';

/** Why this browser does not write a checkpoint now. */
export type NoCheckpoint = 'not-linked' | 'not-read' | 'outbox';

/**
 * The project as this browser has folded it, for a checkpoint, read in one transaction. Not while
 * anything waits in the outbox or was refused: the state would hold work the team does not have.
 */
export async function checkpointStateOf(
  db: KodbokDb,
  project: string,
): Promise<{ ok: true; state: CheckpointState } | { ok: false; reason: NoCheckpoint }> {
  const tables = [...projectTables(db), ...teamTables(db), db.settings];
  return db.transaction('r', tables, async () => {
    const link = await teamLinkIn(db, project);
    if (link === null) return { ok: false, reason: 'not-linked' } as const;
    if (link.since === null) return { ok: false, reason: 'not-read' } as const;
    if ((await db.outbox.where('project').equals(project).count()) > 0)
      return { ok: false, reason: 'outbox' } as const;
    const range = [[project], [project, []]] as const;
    const [backup, ids, started, disagreements, stamps] = await Promise.all([
      backupProject(db, project),
      db.teamEvents
        .where('[project+id]')
        .between(...range)
        .primaryKeys(),
      db.teamCheckpoints
        .where('[project+id]')
        .between(...range)
        .toArray(),
      db.disagreements
        .where('[project+id]')
        .between(...range)
        .toArray(),
      db.settings.where('key').startsWith(`${STAMP}normalise:${project}:`).toArray(),
    ]);
    // Every event this browser holds: folded or sent here, and those of a checkpoint it began from.
    const events = new Set(ids.map(([, id]) => id));
    for (const c of started) for (const id of c.events.split('\n')) if (id) events.add(id);
    const stampHead = `${STAMP}normalise:${project}:`;
    return {
      ok: true,
      state: {
        seq: link.since,
        backup: { ...backup, settings: backup.settings.filter((s) => teamSetting(s.key)) },
        events: [...events].sort(),
        disagreements: disagreements.map(({ project: _p, ...d }) => d),
        stamps: stamps.map((s) => ({
          key: `normalise:${s.key.slice(stampHead.length)}`,
          value: s.value,
        })),
      },
    } as const;
  });
}

/** Why a checkpoint was not applied. */
export type NotApplied = 'not-empty';

/**
 * Applies a checkpoint to a joining member's project in one transaction: all of it with the
 * position read on from, or nothing. Only to a linked project that has read nothing from the
 * server and holds nothing (no variables, values, history, events or outbox): never over her work.
 */
export async function applyCheckpoint(
  db: KodbokDb,
  project: string,
  manifest: CheckpointManifest,
  state: CheckpointState,
): Promise<{ ok: true } | { ok: false; reason: NotApplied }> {
  const b = state.backup;
  const tables = [...projectTables(db), ...teamTables(db), db.settings];
  return db.transaction('rw', tables, async () => {
    const link = await teamLinkIn(db, project);
    if (link === null || !(await holdsNothing(db, project, link)))
      return { ok: false, reason: 'not-empty' } as const;
    // The team's variables replace her starter ones of the same id (an empty project's codebooks,
    // never edited: nothing in the history); hers the team lacks stay, as the events' fold does.
    await db.variables.bulkPut(b.variables.map((v): VariableRow => ({ ...v, project })));
    await addValues(
      db,
      b.values.map((v): ValueRow => ({ ...v, project })),
    );
    // A backup's history kinds are the history's (as restoreProject takes them).
    await db.historyPages.bulkAdd(
      historyPagesOf(project, b.history as readonly Omit<HistoryRow, 'project' | 'seq'>[]),
    );
    await db.imports.bulkAdd(b.imports.map((m) => ({ ...m, project }) as ImportRow));
    await db.importParts.bulkAdd(b.importParts.map((p): ImportPartRow => ({ ...p, project })));
    await db.counts.bulkAdd(b.counts.map((c): CountsRow => ({ ...c, project })));
    await db.notes.bulkAdd(b.notes.map((n): NoteRow => ({ ...n, project })));
    await db.doubleSamples.bulkAdd(
      b.doubleSamples.map((d): DoubleSampleRow => ({ ...d, project })),
    );
    await db.doubleCodes.bulkAdd(b.doubleCodes.map((c): DoubleCodeRow => ({ ...c, project })));
    await db.codebookVersions.bulkAdd(
      b.codebookVersions.map((v): CodebookVersionRow => ({ ...v, project })),
    );
    await db.settings.bulkPut([
      ...b.settings
        .filter((s) => teamSetting(s.key))
        .map((s) => ({ key: projectSettingKey(s.key, project), value: s.value })),
      ...state.stamps
        .filter((s) => s.key.startsWith('normalise:'))
        .map((s) => ({ key: `${STAMP}${projectSettingKey(s.key, project)}`, value: s.value })),
    ]);
    await db.disagreements.bulkAdd(state.disagreements.map((d) => ({ ...d, project })));
    await db.teamCheckpoints.add({
      project,
      id: manifest._id,
      seq: state.seq,
      author: manifest.author,
      at: manifest.at,
      events: state.events.join('\n'),
    } satisfies TeamCheckpointRow);
    // She reads on from where the checkpoint's author had read to.
    await db.settings.put({
      key: SETTINGS.team.key(project),
      value: { ...link, since: state.seq },
    });
    return { ok: true } as const;
  });
}

/** Whether a project may start from a checkpoint: linked, nothing read, nothing held. */
/**
 * Inside the caller's transaction: the project has read nothing from the server and holds no work:
 * no values, history, notes, samples, codebook versions or imports, and nothing waiting but its
 * start (an empty project's variables, queued when it was linked; the team has them or takes them).
 */
async function holdsNothing(db: KodbokDb, project: string, link: TeamLink): Promise<boolean> {
  if (link.since !== null) return false;
  const range = [[project], [project, []]] as const;
  const held = await Promise.all([
    db.valuePages
      .where('[project+variable+page]')
      .between(...range)
      .count(),
    db.history
      .where('[project+variable]')
      .between(...range)
      .count(),
    db.historyPages
      .where('[project+variable+by+page]')
      .between(...range)
      .count(),
    db.notes
      .where('[project+variable]')
      .between(...range)
      .count(),
    db.doubleSamples
      .where('[project+id]')
      .between(...range)
      .count(),
    db.codebookVersions
      .where('[project+variable+number]')
      .between(...range)
      .count(),
    db.imports.where('project').equals(project).count(),
    db.teamCheckpoints
      .where('[project+id]')
      .between(...range)
      .count(),
  ]);
  if (held.some((n) => n > 0)) return false;
  const [waiting, events] = await Promise.all([
    db.outbox.where('project').equals(project).toArray(),
    db.teamEvents
      .where('[project+id]')
      .between(...range)
      .primaryKeys(),
  ]);
  const start = new Set(
    waiting.filter((r) => r.event.kind === 'variable' && !r.refused).map((r) => r.id),
  );
  return waiting.length === start.size && events.every(([, id]) => start.has(id) || isStart(id));
}

/** An id of a project's start (its variables and values), the same in every browser. */
const isStart = (id: string) => id.startsWith('ev:0:project:');

/** Whether a project may start from a checkpoint: linked, nothing read, no work of its own. */
export async function mayStartFromCheckpoint(db: KodbokDb, project: string): Promise<boolean> {
  const tables = [...projectTables(db), ...teamTables(db), db.settings];
  return db.transaction('r', tables, async () => {
    const link = await teamLinkIn(db, project);
    return link !== null && (await holdsNothing(db, project, link));
  });
}

/** How many events this browser holds for a project: folded or sent here, or from its checkpoint. */
export async function heldEvents(db: KodbokDb, project: string): Promise<number> {
  return db.transaction('r', [db.teamEvents, db.teamCheckpoints], async () => {
    const [here, covered] = await Promise.all([
      db.teamEvents.where('[project+id]').between([project], [project, []]).primaryKeys(),
      coveredEvents(db, project),
    ]);
    let n = covered.size;
    for (const [, id] of here) if (!covered.has(id)) n += 1;
    return n;
  });
}

/** The covered ids of each checkpoint read so far, by checkpoint (they never change). */
const coveredCache = new Map<string, ReadonlySet<string>>();

/**
 * Inside the caller's transaction (db.teamCheckpoints): the ids of the events the checkpoints a
 * project started from cover. Read once per checkpoint and kept: the fold asks on every batch.
 */
export async function coveredEvents(db: KodbokDb, project: string): Promise<ReadonlySet<string>> {
  const range = [[project], [project, []]] as const;
  const keys = await db.teamCheckpoints
    .where('[project+id]')
    .between(...range)
    .primaryKeys();
  if (keys.length === 0) return EMPTY;
  const out = new Set<string>();
  for (const key of keys) {
    const id = `${db.name}\n${key[0]}\n${key[1]}`;
    let ids = coveredCache.get(id);
    if (!ids) {
      const row = await db.teamCheckpoints.get(key);
      ids = new Set((row?.events ?? '').split('\n').filter((x) => x !== ''));
      coveredCache.set(id, ids);
    }
    if (keys.length === 1) return ids;
    for (const x of ids) out.add(x);
  }
  return out;
}
const EMPTY: ReadonlySet<string> = new Set();
