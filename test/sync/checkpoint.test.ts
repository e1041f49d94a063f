// A new member's first sync from a team's checkpoint (issue 10 item 7), through the real server:
// a project admin writes the project as her browser has folded it; a joining member starts from
// it, reads only the events after it, never folds an event it covers twice, and refuses a broken
// checkpoint (then reads every event). Only a project admin writes one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectPeople } from '../../src/core/members';
import { CHECKPOINT_PART_TYPE, checkpointPartId } from '../../src/core/team/checkpoint';
import { readTeamEvent, type TeamEvent } from '../../src/core/team/events';
import { mayStartFromCheckpoint } from '../../src/db/checkpoint';
import type { KodbokDb } from '../../src/db/db';
import { nextSteps, valueHistory } from '../../src/db/decisions';
import { createProject, loadNotes, writeNote } from '../../src/db/repo';
import { linkProject, readTeamLinkOf } from '../../src/db/team';
import { foldRemote } from '../../src/db/team-fold';
import { shareProject } from '../../src/db/team-past';
import { getValue } from '../../src/db/value-pages';
import {
  checkpointDue,
  startFromCheckpoint,
  writeCheckpoint,
  type CheckpointReport,
  type CheckpointRemote,
} from '../../src/sync/checkpoint';
import { TeamSync, type RemoteDb } from '../../src/sync/engine';
import { decideAs, freshDb, projectWith, setPeople, variable } from '../db/helpers';
import { couch, startTeamServer, teamProject, type TeamServer } from '../server/team-server';

const people: ProjectPeople = {
  members: [
    { name: 'anna', role: 'coder' },
    { name: 'bo', role: 'both' },
    { name: 'cleo', role: 'coder' },
  ],
  fourEyes: true,
};

let server: TeamServer;
let PouchDB: new (name: string, opts: object) => RemoteDb & CheckpointRemote;

beforeAll(async () => {
  server = await startTeamServer();
  (globalThis as { self?: unknown }).self ??= globalThis;
  PouchDB = (await import('pouchdb-browser')).default as unknown as typeof PouchDB;
});
afterAll(() => server?.stop());

let dbs = 0;
/** A project database on the server whose admin is anna (members bo and cleo). */
async function teamDb(): Promise<string> {
  const name = `kodbok-cp-${++dbs}`;
  await teamProject(server, name, people);
  await couch(server, 'PUT', `/${name}/_security`, {
    body: { admins: { names: ['anna'], roles: [] }, members: { names: ['bo', 'cleo'], roles: [] } },
  });
  return name;
}

const remoteOf = (db: string, user: string) =>
  new PouchDB(`${server.url}/${db}`, {
    skip_setup: true,
    auth: { username: user, password: `${user}-pw` },
  });

/** Anna's browser: the project she shared (two values), syncing. */
async function admin(dbName: string) {
  const db = freshDb();
  const { id: project } = await projectWith(db, [
    ['Missbruk', 10],
    ['Hot', 4],
    ['Våld', 2],
  ]);
  await setPeople(db, project, people);
  const link = { url: server.url, db: dbName, user: 'anna', since: null };
  await shareProject(db, project, link, { user: 'anna', admin: true });
  const sync = new TeamSync(db, project, link, {
    remote: remoteOf(dbName, 'anna'),
    backoff: { first: 50, max: 400 },
  });
  sync.start();
  return { db, project, sync };
}

/** A joining member's browser: an empty project linked to the team's database. */
async function joiner(dbName: string, user: string) {
  const db = freshDb();
  const { id: project } = await createProject(db, {
    name: 'Ny',
    demo: false,
    variables: [],
    values: new Map(),
  });
  const link = { url: server.url, db: dbName, user, since: null };
  await linkProject(db, project, link);
  const reports: CheckpointReport[] = [];
  const make = (remote: RemoteDb = remoteOf(dbName, user)) =>
    new TeamSync(db, project, link, {
      remote,
      backoff: { first: 50, max: 400 },
      onCheckpoint: (r) => reports.push(r),
    });
  return { db, project, make, reports };
}

const codeOf = async (db: KodbokDb, project: string, raw: string) =>
  (await getValue(db, project, variable.id, raw))?.code;

/** Waits until the admin has sent everything and read back to the server's end. */
async function settle(a: { db: KodbokDb; project: string; sync: TeamSync }, dbName: string) {
  await expect
    .poll(
      async () => {
        await a.sync.settled();
        const end = (await couch(server, 'GET', `/${dbName}`)).body.update_seq;
        const link = await readTeamLinkOf(a.db, a.project);
        return (await a.db.outbox.count()) === 0 && String(link?.since) === String(end);
      },
      { timeout: 8000 },
    )
    .toBe(true);
}

/** Anna codes Missbruk H01 and her browser sends it and reads to the server's end. */
async function codedAndRead(a: Awaited<ReturnType<typeof admin>>, dbName: string) {
  await decideAs(a.db, a.project, 'anna', ['Missbruk'], { kind: 'assign', code: 'H01' });
  a.sync.push();
  await settle(a, dbName);
}

describe('a checkpoint of the project', () => {
  it('a new member starts from it: every coding, the history of a value, the notes; then what comes after', async () => {
    const name = await teamDb();
    const a = await admin(name);
    try {
      await decideAs(a.db, a.project, 'anna', ['Missbruk'], { kind: 'assign', code: 'H01' });
      await decideAs(a.db, a.project, 'anna', ['Missbruk'], { kind: 'assign', code: 'H07' });
      await decideAs(a.db, a.project, 'anna', ['Hot'], { kind: 'assign', code: 'B11' });
      await writeNote(a.db, {
        project: a.project,
        variable: variable.id,
        raw: 'Hot',
        input: { kind: 'note', text: 'Hot mot vem?' },
        by: 'anna',
      });
      a.sync.push();
      await settle(a, name);
      // Her idle browser would write one on its own: no checkpoint covers what it holds.
      const due = (every: number) => checkpointDue(a.db, a.project, remoteOf(name, 'anna'), every);
      expect(await due(2)).toBe(true);
      const written = await writeCheckpoint(a.db, a.project, remoteOf(name, 'anna'), 'anna');
      expect(written).toMatchObject({ ok: true });
      expect(await due(1)).toBe(false);
      // Anna codes on after the checkpoint: Cleo gets it from the events after it.
      await decideAs(a.db, a.project, 'anna', ['Våld'], { kind: 'assign', code: 'H01' });
      a.sync.push();
      expect([await due(1), await due(2)]).toEqual([true, false]);

      const c = await joiner(name, 'cleo');
      const sc = c.make();
      sc.start();
      try {
        await expect.poll(() => codeOf(c.db, c.project, 'Våld'), { timeout: 8000 }).toBe('H01');
        expect(c.reports).toEqual([
          { kind: 'applied', id: written.ok ? written.id : '', events: expect.any(Number) },
        ]);
        expect(await codeOf(c.db, c.project, 'Missbruk')).toBe('H07');
        expect(await codeOf(c.db, c.project, 'Hot')).toBe('B11');
        // The value's history from the checkpoint's pages, oldest first, with who and when.
        const history = await valueHistory(c.db, c.project, variable.id, 'Missbruk');
        expect(history.map((h) => [h.kind, h.by, h.code])).toEqual([
          ['assign', 'anna', 'H01'],
          ['assign', 'anna', 'H07'],
        ]);
        expect(await c.db.history.count()).toBe(1); // only the decision after the checkpoint
        expect((await loadNotes(c.db, c.project, variable.id)).map((n) => n.text)).toEqual([
          'Hot mot vem?',
        ]);
        // Nothing folded twice: no disagreement, and only the events after it are rows.
        expect(await c.db.disagreements.count()).toBe(0);
        expect(await c.db.teamEvents.count()).toBe(1);

        // Anna codes one more: it reaches Cleo, and Cleo's own work goes to Anna.
        await decideAs(a.db, a.project, 'anna', ['Hot'], { kind: 'assign', code: 'H07' });
        a.sync.push();
        await expect.poll(() => codeOf(c.db, c.project, 'Hot'), { timeout: 8000 }).toBe('H07');
        await decideAs(c.db, c.project, 'cleo', ['Missbruk'], { kind: 'assign', code: 'B11' });
        sc.push();
        await expect.poll(() => codeOf(a.db, a.project, 'Missbruk'), { timeout: 8000 }).toBe('B11');
        expect(await c.db.disagreements.count()).toBe(0);
        // Her undo takes back her own action, not one of the checkpoint's.
        expect((await nextSteps(c.db, c.project, variable.id, 'cleo')).undo?.by).toBe('cleo');
      } finally {
        sc.stop();
      }
    } finally {
      a.sync.stop();
    }
  });

  it('never folds twice what it covers: the author’s events sent after her last read, a server that reads from further back', async () => {
    const name = await teamDb();
    const a = await admin(name);
    let covered: TeamEvent[] = [];
    try {
      await codedAndRead(a, name);
      // Anna's browser stops reading: her next decision reaches the server after her last read.
      a.sync.stop();
      const resumed = new TeamSync(
        a.db,
        a.project,
        { url: server.url, db: name, user: 'anna', since: null },
        {
          remote: {
            ...remoteOf(name, 'anna'),
            info: () => Promise.resolve({}),
            bulkDocs: (docs: object[]) => remoteOf(name, 'anna').bulkDocs(docs),
            // Never delivers anything: her `since` stays where it was.
            changes: () => {
              const feed = { on: () => feed, cancel: () => undefined };
              return feed;
            },
          },
        },
      );
      resumed.start();
      await decideAs(a.db, a.project, 'anna', ['Hot'], { kind: 'assign', code: 'H07' });
      resumed.push();
      await expect.poll(() => a.db.outbox.count(), { timeout: 8000 }).toBe(0);
      resumed.stop();
      const before = (await readTeamLinkOf(a.db, a.project))?.since;
      const written = await writeCheckpoint(a.db, a.project, remoteOf(name, 'anna'), 'anna');
      expect(written.ok).toBe(true);

      const c = await joiner(name, 'cleo');
      const sc = c.make();
      sc.start();
      try {
        // Her decision on Hot has a seq after the checkpoint's: read, and skipped.
        const end = (await couch(server, 'GET', `/${name}`)).body.update_seq;
        expect(String(end)).not.toBe(String(before));
        await expect
          .poll(async () => String((await readTeamLinkOf(c.db, c.project))?.since), {
            timeout: 8000,
          })
          .toBe(String(end));
        await sc.settled();
        expect(await codeOf(c.db, c.project, 'Hot')).toBe('H07');
        expect(await c.db.history.count()).toBe(0);
        expect(await c.db.disagreements.count()).toBe(0);
        expect(await c.db.teamEvents.count()).toBe(0);
        expect(
          (await valueHistory(c.db, c.project, variable.id, 'Hot')).map((h) => h.code),
        ).toEqual(['H07']);
        // A server whose `since` goes back delivers every event again: none is folded.
        const all = await remoteOf(name, 'cleo').allDocs({
          startkey: 'ev:',
          endkey: 'ev:\uffff',
          descending: false as never,
          include_docs: true,
          limit: 1000,
        } as never);
        covered = all.rows.map((r) => readTeamEvent(r.doc)).filter((e) => e !== null);
        expect(covered.length).toBeGreaterThan(2);
        const report = await foldRemote(c.db, c.project, covered, 1);
        expect(report).toMatchObject({ events: 0, disagreements: 0 });
        expect(await c.db.history.count()).toBe(0);
        expect(await c.db.disagreements.count()).toBe(0);
      } finally {
        sc.stop();
      }
    } finally {
      a.sync.stop();
    }
  });

  it('a broken checkpoint is refused with the reason, and the member reads every event instead', async () => {
    const name = await teamDb();
    const a = await admin(name);
    try {
      await codedAndRead(a, name);
      const written = await writeCheckpoint(a.db, a.project, remoteOf(name, 'anna'), 'anna');
      if (!written.ok) throw new Error('not written');
      const c = await joiner(name, 'cleo');
      const real = remoteOf(name, 'cleo');
      // A part's bytes changed on the way (or on the server): its digest no longer holds.
      const remote = Object.assign(Object.create(real) as typeof real, {
        getAttachment: async (id: string, att: string) => {
          const got = await real.getAttachment(id, att);
          const bytes = new Uint8Array(got instanceof Uint8Array ? got : await got.arrayBuffer());
          bytes[bytes.length - 1]! ^= 0xff;
          return bytes;
        },
      });
      const sc = c.make(remote);
      sc.start();
      try {
        await expect.poll(() => codeOf(c.db, c.project, 'Missbruk'), { timeout: 8000 }).toBe('H01');
        expect(c.reports).toEqual([{ kind: 'refused', id: written.id, reason: 'damaged' }]);
        expect(await c.db.teamCheckpoints.count()).toBe(0);
        expect(
          (await valueHistory(c.db, c.project, variable.id, 'Missbruk')).map((h) => h.code),
        ).toEqual(['H01']);
      } finally {
        sc.stop();
      }
      // A manifest whose part is not on the server (written by hand, as a browser closed halfway
      // would leave parts without a manifest, never the other way round): refused, nothing stored.
      const d = await joiner(name, 'bo');
      const manifest = await couch(server, 'GET', `/${name}/${encodeURIComponent(written.id)}`);
      const parts = manifest.body.parts as { id: string }[];
      const partial = {
        ...manifest.body,
        _id: `${written.id.slice(0, 3)}9${written.id.slice(4)}`,
        _rev: undefined,
        parts: [...parts, { id: `${parts[0]!.id}x`, bytes: 1, sha256: 'ab' }],
      };
      expect(
        (
          await couch(server, 'PUT', `/${name}/${encodeURIComponent(partial._id)}`, {
            body: partial,
            user: { name: 'anna', password: 'anna-pw' },
          })
        ).status,
      ).toBe(201);
      expect(await startFromCheckpoint(d.db, d.project, remoteOf(name, 'bo'))).toMatchObject({
        kind: 'refused',
        reason: expect.stringMatching(/^(missing-part|damaged)$/),
      });
      expect(await d.db.valuePages.count()).toBe(0);
      expect(await mayStartFromCheckpoint(d.db, d.project)).toBe(true);
    } finally {
      a.sync.stop();
    }
  });

  it('is written by a project admin only, and never applied over a member’s own project', async () => {
    const name = await teamDb();
    const a = await admin(name);
    try {
      await codedAndRead(a, name);
      // Bo, a reviewer but not a project admin, joins and tries to write one: the server refuses.
      const b = await joiner(name, 'bo');
      const sb = b.make();
      sb.start();
      try {
        await expect.poll(() => codeOf(b.db, b.project, 'Missbruk'), { timeout: 8000 }).toBe('H01');
        await sb.settled();
        const refused = await writeCheckpoint(b.db, b.project, remoteOf(name, 'bo'), 'bo');
        expect(refused).toMatchObject({ ok: false, reason: 'refused' });
        expect(refused.ok ? '' : refused.detail).toMatch(/^kodbok:not-an-admin:/);
      } finally {
        sb.stop();
      }
      // Parts without their manifest (a browser closed while writing them) are never read.
      const [orphan] = await remoteOf(name, 'anna').bulkDocs([
        {
          _id: checkpointPartId('halfway', 0),
          type: CHECKPOINT_PART_TYPE,
          v: 1,
          author: 'anna',
          at: new Date().toISOString(),
          checkpoint: 'cp:x',
          part: 0,
          _attachments: { data: { content_type: 'application/gzip', data: btoa('half') } },
        },
      ]);
      expect(orphan?.ok).toBe(true);
      const late = await joiner(name, 'cleo');
      expect(await startFromCheckpoint(late.db, late.project, remoteOf(name, 'cleo'))).toEqual({
        kind: 'none',
      });
      // Not while something waits to be sent: the state would hold what the team lacks.
      a.sync.stop();
      await decideAs(a.db, a.project, 'anna', ['Hot'], { kind: 'assign', code: 'H01' });
      expect(await writeCheckpoint(a.db, a.project, remoteOf(name, 'anna'), 'anna')).toEqual({
        ok: false,
        reason: 'outbox',
      });
      // A member who holds a project of her own links it: no checkpoint over her work.
      const own = freshDb();
      const { id } = await projectWith(own, [['Missbruk', 1]]);
      await linkProject(own, id, { url: server.url, db: name, user: 'cleo', since: null });
      expect(await mayStartFromCheckpoint(own, id)).toBe(false);
      expect(await startFromCheckpoint(own, id, remoteOf(name, 'cleo'))).toEqual({ kind: 'none' });
    } finally {
      a.sync.stop();
    }
  });
});
