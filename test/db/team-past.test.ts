// A project's past reaches the team when it is first connected (issue 10 item 2): linking the
// project queues its start and (from a project admin) its past in one transaction, and another
// browser folds the past into its notes, history and double coding — once, never into a value's
// coding.
import { describe, expect, it } from 'vitest';
import type { PastEvent, TeamEvent } from '../../src/core/team/events';
import type { TeamLink } from '../../src/core/team/link';
import type { KodbokDb } from '../../src/db/db';
import { drawDoubleSample, loadDoubleCoding, writeBlindCodes } from '../../src/db/double-coding';
import { valueHistory } from '../../src/db/decisions';
import { loadNotes, writeNote } from '../../src/db/notes';
import { readTeamLinkOf } from '../../src/db/team';
import { foldRemote } from '../../src/db/team-fold';
import { getValue } from '../../src/db/value-pages';
import { shareProject } from '../../src/db/team-past';
import { decideAs, emptyProject, failWritesTo, freshDb, projectWith, variable } from './helpers';
import { sent } from './team-helpers';

const link = (user: string): TeamLink => ({
  url: 'http://127.0.0.1:1',
  db: 'p',
  user,
  since: null,
});

/** Anna's project, worked on solo: a coding, a note thread, a sample both coders coded. */
async function soloWork() {
  const db = freshDb();
  const { id: project } = await projectWith(db, [
    ['Missbruk', 10],
    ['Hot', 4],
  ]);
  await decideAs(db, project, 'anna', ['Missbruk'], { kind: 'assign', code: 'B11' });
  const note = await writeNote(db, {
    project,
    variable: variable.id,
    raw: 'Hot',
    input: { kind: 'note', text: 'Hot mot barnet eller föräldern?' },
    by: 'anna',
  });
  if (typeof note === 'string') throw new Error(note);
  const sample = await drawDoubleSample(db, {
    project,
    variable: variable.id,
    mode: 'random',
    size: 2,
    seed: 3,
    coders: ['anna', 'erik'],
    by: 'anna',
  });
  if (sample === 'empty') throw new Error('no sample');
  for (const [by, hot] of [
    ['anna', 'H07'],
    ['erik', 'H01'],
  ] as const) {
    const r = await writeBlindCodes(db, {
      project,
      sample: sample.id,
      by,
      codes: [
        { raw: 'Missbruk', code: 'B11' },
        { raw: 'Hot', code: hot },
      ],
    });
    if (!Array.isArray(r)) throw new Error(String(r));
  }
  // Solo: nothing was queued for a team.
  expect(await db.outbox.count()).toBe(0);
  return { db, project, note, sample };
}

describe('connecting a project worked on solo', () => {
  it('links it and queues its start and its past in one transaction, from a project admin', async () => {
    const a = await soloWork();
    const shared = await shareProject(a.db, a.project, link('anna'), { user: 'anna', admin: true });
    expect(shared.start).toBeGreaterThan(0);
    expect(shared.past).toBeGreaterThan(0);
    const events = await sent(a);
    const past = events.filter((e): e is PastEvent => e.kind === 'past');
    expect(past.flatMap((e) => e.notes ?? []).map((n) => n.id)).toEqual([a.note.id]);
    expect(past.flatMap((e) => e.history ?? []).map((h) => [h.kind, h.by])).toEqual([
      ['assign', 'anna'],
    ]);
    expect(past.flatMap((e) => e.samples ?? []).map((s) => s.id)).toEqual([a.sample.id]);
    expect(past.flatMap((e) => e.codes ?? [])).toHaveLength(4);
    // Connecting again sends nothing new.
    expect(
      await shareProject(a.db, a.project, link('anna'), { user: 'anna', admin: true }),
    ).toEqual({ start: 0, past: 0 });
  });

  it('from someone who is not a project admin: the start only, not the past', async () => {
    const a = await soloWork();
    const shared = await shareProject(a.db, a.project, link('bo'), { user: 'bo', admin: false });
    expect(shared).toMatchObject({ past: null });
    const kinds = new Set((await sent(a)).map((e) => e.kind));
    expect(kinds).toEqual(new Set(['variable', 'values']));
  });

  // Failed before: the link and the start were two transactions, so a browser closed (or a write
  // failing) between them left the project linked with no start queued, and it was never sent.
  it('a failure while queueing leaves the project unlinked, nothing half-written', async () => {
    const a = await soloWork();
    // A second connection to the same database, with the failing disk under it.
    const broken = new (a.db.constructor as new (name: string) => KodbokDb)(a.db.name);
    broken.use(failWritesTo('outbox', () => new Error('disk full')));
    await expect(
      shareProject(broken, a.project, link('anna'), { user: 'anna', admin: true }),
    ).rejects.toThrow();
    expect(await readTeamLinkOf(a.db, a.project)).toBeNull();
    expect(await a.db.teamEvents.count()).toBe(0);
  });
});

describe('a new member folds the past', () => {
  async function annasEvents(): Promise<TeamEvent[]> {
    const a = await soloWork();
    await shareProject(a.db, a.project, link('anna'), { user: 'anna', admin: true });
    return sent(a);
  }

  async function joiner() {
    const db = freshDb();
    const { id: project } = await emptyProject(db);
    return { db, project };
  }

  it('sees the notes, each value’s history with who and when, the sample and its codes, once', async () => {
    const events = await annasEvents();
    const b = await joiner();
    await foldRemote(b.db, b.project, events, null);
    const [note] = await loadNotes(b.db, b.project, variable.id);
    expect(note).toMatchObject({ by: 'anna', raw: 'Hot', text: 'Hot mot barnet eller föräldern?' });
    const history = await valueHistory(b.db, b.project, variable.id, 'Missbruk');
    expect(history.map((h) => [h.kind, h.by, h.code])).toEqual([['assign', 'anna', 'B11']]);
    const annas = events.flatMap((e) => (e.kind === 'past' ? (e.history ?? []) : []));
    expect(history[0]!.at).toBe(annas[0]!.at);
    const dc = await loadDoubleCoding(b.db, b.project, variable.id);
    expect(dc.samples).toHaveLength(1);
    expect(dc.codes).toHaveLength(4);
    // The sample the past completed: its one disagreement queued.
    const queued = await b.db.disagreements.toArray();
    expect(queued.map((d) => [d.subject, d.raw])).toEqual([['double-coding', 'Hot']]);
    // The same events again (a server read twice), or in another order: nothing twice.
    const before = {
      history: await b.db.history.count(),
      notes: await b.db.notes.count(),
      dis: await b.db.disagreements.count(),
    };
    await b.db.teamEvents.clear();
    await foldRemote(b.db, b.project, [...events].reverse(), null);
    expect({
      history: await b.db.history.count(),
      notes: await b.db.notes.count(),
      dis: await b.db.disagreements.count(),
    }).toEqual(before);
  });

  it('never changes a value’s coding: the past is added as history only', async () => {
    const events = await annasEvents();
    const b = await joiner();
    const start = events.filter((e) => e.kind === 'variable' || e.kind === 'values');
    await foldRemote(b.db, b.project, start, null);
    // Bo recodes Missbruk before Anna's past reaches him.
    await decideAs(b.db, b.project, 'bo', ['Missbruk'], { kind: 'assign', code: 'H01' });
    await foldRemote(
      b.db,
      b.project,
      events.filter((e) => e.kind === 'past'),
      null,
    );
    expect((await getValue(b.db, b.project, variable.id, 'Missbruk'))?.code).toBe('H01');
    const history = await valueHistory(b.db, b.project, variable.id, 'Missbruk');
    expect(history.map((h) => [h.by, h.code]).sort()).toEqual([
      ['anna', 'B11'],
      ['bo', 'H01'],
    ]);
  });
});
