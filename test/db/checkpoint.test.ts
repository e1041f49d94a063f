// A team's checkpoint in the browser's database (issue 10 item 7): the state an admin's browser
// writes reads back to the same project in a joining member's, its history kept in pages that
// the value's history, the project log, undo and a backup read as before; a state that fails its
// checks is refused with the place that failed; nothing is applied over a member's own work.
import { describe, expect, it } from 'vitest';
import {
  checkpointText,
  readCheckpointManifest,
  readCheckpointState,
  type CheckpointManifest,
  type CheckpointState,
} from '../../src/core/team/checkpoint';
import { backupProject } from '../../src/db/backup';
import {
  applyCheckpoint,
  checkpointStateOf,
  mayStartFromCheckpoint,
} from '../../src/db/checkpoint';
import type { KodbokDb } from '../../src/db/db';
import { nextSteps, undoLastBatch, valueHistory } from '../../src/db/decisions';
import { ACTIONS_PER_PAGE, historyPagesOf } from '../../src/db/history-pages';
import { createProject, loadProjectLog, loadValues, writeNote } from '../../src/db/repo';
import { linkProject } from '../../src/db/team';
import { shareProject } from '../../src/db/team-past';
import { decideAs, failWritesTo, freshDb, projectWith, variable } from './helpers';

const link = (user: string, since: string | number | null) => ({
  url: 'http://127.0.0.1:1',
  db: 'p',
  user,
  since,
});

/** Anna's project, linked and read to seq 7, with codings, an undo, a note; nothing waiting. */
async function adminProject() {
  const db = freshDb();
  const { id } = await projectWith(db, [
    ['Missbruk', 10],
    ['Hot', 4],
    ['__proto__', 1],
  ]);
  await decideAs(db, id, 'anna', ['Missbruk'], { kind: 'assign', code: 'H01' });
  await decideAs(db, id, 'bo', ['Missbruk', '__proto__'], { kind: 'assign', code: 'H07' });
  await decideAs(db, id, 'anna', ['Hot'], { kind: 'assign', code: 'B11' });
  await writeNote(db, {
    project: id,
    variable: variable.id,
    raw: 'Hot',
    input: { kind: 'note', text: 'Hot mot vem?' },
    by: 'anna',
  });
  await linkProject(db, id, link('anna', 7));
  await db.teamEvents.bulkAdd([
    { project: id, id: 'ev:b' },
    { project: id, id: 'ev:a' },
  ]);
  return { db, id };
}

const manifest = (seq: string | number, events: number): CheckpointManifest => ({
  _id: 'cp:2026-12-06T10:00:00.000Z:anna:x',
  type: 'kodbok/checkpoint',
  v: 1,
  author: 'anna',
  at: '2026-12-06T10:00:00.000Z',
  seq,
  events,
  encoding: 'gzip',
  bytes: 1,
  sha256: 'ab',
  parts: [{ id: 'cpp:x:000000', bytes: 1, sha256: 'ab' }],
});

/** A joining member's empty, linked project (in `db`, when given: a test's own middleware). */
async function joiner(db = freshDb()): Promise<{ db: KodbokDb; id: string }> {
  const { id } = await createProject(db, {
    name: 'Ny',
    demo: false,
    variables: [],
    values: new Map(),
  });
  await linkProject(db, id, link('cleo', null));
  return { db, id };
}

async function stateOf(db: KodbokDb, id: string): Promise<CheckpointState> {
  const r = await checkpointStateOf(db, id);
  if (!r.ok) throw new Error(r.reason);
  return r.state;
}

/** Through the text, as a reader gets it. */
function reread(state: CheckpointState): CheckpointState {
  const r = readCheckpointState(JSON.parse(checkpointText(state)));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('a checkpoint written and read', () => {
  it('gives a joining member the same values, history, notes and undo as its author', async () => {
    const a = await adminProject();
    const state = reread(await stateOf(a.db, a.id));
    expect(state.seq).toBe(7);
    // The ids covered, sorted; the browser's own settings (the link) are not in it.
    expect(state.events).toEqual(['ev:a', 'ev:b']);
    expect(state.backup.settings.map((s) => s.key)).not.toContain('team');
    const c = await joiner();
    expect(await applyCheckpoint(c.db, c.id, manifest(7, 2), state)).toEqual({ ok: true });

    const strip = (vs: { project: string }[]) => vs.map(({ project: _, ...v }) => v);
    expect(strip(await loadValues(c.db, c.id, variable.id))).toEqual(
      strip(await loadValues(a.db, a.id, variable.id)),
    );
    for (const raw of ['Missbruk', '__proto__', 'Hot'])
      expect(await valueHistory(c.db, c.id, variable.id, raw)).toEqual(
        await valueHistory(a.db, a.id, variable.id, raw),
      );
    // The history is pages, not one row per action.
    expect(await c.db.history.count()).toBe(0);
    expect(await c.db.historyPages.count()).toBe(2);
    const log = await loadProjectLog(c.db, c.id);
    expect(log.history.map((h) => [h.by, h.kind])).toEqual([
      ['anna', 'assign'],
      ['bo', 'assign'],
      ['anna', 'assign'],
    ]);
    expect(log.notes.map((n) => n.text)).toEqual(['Hot mot vem?']);
    // Her link reads on from the checkpoint's position.
    expect((await c.db.settings.get(`team:${c.id}`))?.value).toMatchObject({ since: 7 });
    // A backup of the joined project holds the whole history, in order.
    const backup = await backupProject(c.db, c.id);
    expect(backup.history.map((h) => h.by)).toEqual(['anna', 'bo', 'anna']);

    // Anna's action in the pages is hers to undo in the joining browser too, and then redo.
    expect((await nextSteps(c.db, c.id, variable.id, 'anna')).undo).toMatchObject({
      by: 'anna',
      values: 1,
    });
    expect(await undoLastBatch(c.db, c.id, variable.id, 'anna')).not.toBeNull();
    expect((await loadValues(c.db, c.id, variable.id)).find((v) => v.raw === 'Hot')?.code).toBe(
      null,
    );
    const steps = await nextSteps(c.db, c.id, variable.id, 'anna');
    expect(steps.redo).toMatchObject({ by: 'anna' });
    // The undo is a history row after the pages.
    expect((await valueHistory(c.db, c.id, variable.id, 'Hot')).map((h) => h.kind)).toEqual([
      'assign',
      'undo',
    ]);
  });

  it('is never applied over a member’s own work, nor twice', async () => {
    const a = await adminProject();
    const state = await stateOf(a.db, a.id);
    // A project that holds values (her own) refuses it, and nothing is written.
    const own = freshDb();
    const { id } = await projectWith(own, [['Hot', 1]]);
    await linkProject(own, id, link('cleo', null));
    expect(await applyCheckpoint(own, id, manifest(7, 2), state)).toEqual({
      ok: false,
      reason: 'not-empty',
    });
    expect(await own.historyPages.count()).toBe(0);
    // An empty project with the starter codebooks, its start queued when it was linked: applied,
    // the team's codebook replacing the starter one.
    const starter = freshDb();
    const { id: sid } = await createProject(starter, {
      name: 'Tom',
      demo: false,
      variables: [
        { ...variable, label: 'Startkodbok', codebook: { ...variable.codebook, categories: [] } },
      ],
      values: new Map(),
    });
    await shareProject(starter, sid, link('cleo', null), { user: 'cleo', admin: false });
    expect(await starter.outbox.count()).toBe(1);
    expect((await applyCheckpoint(starter, sid, manifest(7, 2), state)).ok).toBe(true);
    expect((await starter.variables.get([sid, variable.id]))?.label).toBe(variable.label);
    // An empty project that has read from the server already, or has taken one, refuses it.
    const c = await joiner();
    expect((await applyCheckpoint(c.db, c.id, manifest(7, 2), state)).ok).toBe(true);
    expect(await applyCheckpoint(c.db, c.id, manifest(7, 2), state)).toEqual({
      ok: false,
      reason: 'not-empty',
    });
  });

  it('a browser that fails or is closed while applying one has none of it, and starts again', async () => {
    const a = await adminProject();
    const state = await stateOf(a.db, a.id);
    const broken = freshDb();
    // The last table the apply writes fails, as a full disk or a closed tab would end it.
    broken.use(failWritesTo('teamCheckpoints', () => new Error('disk full')));
    const { db, id } = await joiner(broken);
    await expect(applyCheckpoint(db, id, manifest(7, 2), state)).rejects.toThrow('disk full');
    expect(await db.valuePages.count()).toBe(0);
    expect(await db.historyPages.count()).toBe(0);
    expect(await db.variables.count()).toBe(0);
    expect((await db.settings.get(`team:${id}`))?.value).toMatchObject({ since: null });
    expect(await mayStartFromCheckpoint(db, id)).toBe(true);
  });

  it('is not written while anything waits to be sent, or before anything was read', async () => {
    const a = await adminProject();
    await a.db.outbox.add({ project: a.id, id: 'ev:z', event: {} as never });
    expect(await checkpointStateOf(a.db, a.id)).toEqual({ ok: false, reason: 'outbox' });
    const c = await joiner();
    expect(await checkpointStateOf(c.db, c.id)).toEqual({ ok: false, reason: 'not-read' });
  });

  it('refuses a state that fails its checks, naming the place', async () => {
    const a = await adminProject();
    const data = JSON.parse(checkpointText(await stateOf(a.db, a.id))) as Record<string, unknown>;
    const values = data.values as Record<string, unknown>[];
    const bad = (d: unknown) => {
      const r = readCheckpointState(d);
      return r.ok ? 'accepted' : r.errors.map((e) => e.path).join(' ');
    };
    expect(bad(data)).toBe('accepted');
    expect(bad({ ...data, formatVersion: 2 })).toBe('/formatVersion');
    expect(bad({ ...data, values: [values[0], { ...values[1], status: 'done' }] })).toBe(
      '/values/1',
    );
    expect(bad({ ...data, history: [{ variable: 'x' }] })).toBe('/history/0');
    // A value of a variable the project does not have: the backup's own checks say where.
    expect(bad({ ...data, values: [{ ...values[0], variable: 'nej' }] })).toMatch(/^\/values\/0/);
    expect(bad({ ...data, events: [1] })).toBe('/events/0');
    // A raw value named __proto__ stays a value, and no prototype is touched.
    const read = readCheckpointState(data);
    expect(read.ok && read.value.backup.values.map((v) => v.raw)).toContain('__proto__');
    expect(({} as Record<string, unknown>).code).toBeUndefined();
  });

  it('reads a manifest only when it has every field it needs', () => {
    const m = manifest('12-abc', 3);
    expect(readCheckpointManifest(m)).toEqual(m);
    expect(readCheckpointManifest({ ...m, parts: [] })).toBeNull();
    expect(readCheckpointManifest({ ...m, v: 2 })).toBeNull();
    expect(readCheckpointManifest({ ...m, _id: 'ev:x' })).toBeNull();
    expect(
      readCheckpointManifest({ ...m, parts: [{ id: 'cpp:x', bytes: -1, sha256: 'a' }] }),
    ).toBeNull();
  });
});

describe('history pages', () => {
  it('keep a checkpoint’s actions per variable and person, in pages, each with its place', () => {
    const action = (by: string, i: number) => ({
      variable: variable.id,
      batch: `b${i}`,
      kind: 'assign' as const,
      by,
      at: `2026-12-0${(i % 9) + 1}`,
      changes: [],
    });
    const history = Array.from({ length: 2 * ACTIONS_PER_PAGE + 5 }, (_, i) =>
      action(i % 2 ? 'bo' : 'anna', i),
    );
    const pages = historyPagesOf('p', history);
    expect(pages.map((p) => [p.by, p.page, p.actions.length])).toEqual([
      ['anna', 0, ACTIONS_PER_PAGE],
      ['anna', 1, 3],
      ['bo', 0, ACTIONS_PER_PAGE],
      ['bo', 1, 2],
    ]);
    expect(pages[2]!.actions[0]).toMatchObject({ by: 'bo', batch: 'b1', n: 1 });
  });
});
