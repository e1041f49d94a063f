// The team sync between two browsers' databases and the real server (issue 10 items 2, 3, 4):
// a decision reaches the other browser; work goes on offline and is sent on reconnect without
// duplicates; decisions made without seeing each other become one disagreement in both; a crash
// between sending and hearing back repeats nothing; a refused event is kept with its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectPeople } from '../../src/core/members';
import { disagreementSides } from '../../src/core/team/fold';
import { blindView, mayCompare, sampleAgreement } from '../../src/core/double-coding';
import { drawDoubleSample, loadDoubleCoding, writeBlindCodes } from '../../src/db/double-coding';
import { editCodebook, loadCodebookVersions } from '../../src/db/codebook';
import type { KodbokDb } from '../../src/db/db';
import { createProject, loadNotes, membersKey, writeNote } from '../../src/db/repo';
import { valueHistory } from '../../src/db/decisions';
import { shareProject } from '../../src/db/team-past';
import {
  linkProject,
  queueSnapshot,
  resolveDisagreement,
  saveProfile,
  savePeopleFor,
} from '../../src/db/team';
import { readSetting, SETTINGS } from '../../src/db/settings';
import { getValue } from '../../src/db/value-pages';
import { defaultProfile } from '../../src/core/suggest/profile';
import { TeamSync, type RemoteDb } from '../../src/sync/engine';
import {
  codebook,
  decideAs,
  freshDb,
  projectWith,
  request,
  setPeople,
  variable,
} from '../db/helpers';
import { importFiles, listImports, loadTallies, undoImport } from '../../src/db/imports';
import { couch, startTeamServer, teamProject, type TeamServer } from '../server/team-server';

const people: ProjectPeople = {
  members: [
    { name: 'anna', role: 'coder' },
    { name: 'bo', role: 'both' },
  ],
  fourEyes: true,
};
const DB = 'kodbok-team';
const JOIN = 'kodbok-join';

let server: TeamServer;
let PouchDB: new (name: string, opts: object) => unknown;

beforeAll(async () => {
  server = await startTeamServer();
  await teamProject(server, DB, people);
  // pouchdb-browser expects a browser's global `self`.
  (globalThis as { self?: unknown }).self ??= globalThis;
  PouchDB = (await import('pouchdb-browser')).default as typeof PouchDB;
});
afterAll(() => server?.stop());

/** A browser of `user`: its own database, the shared project linked to the server. */
async function browser(user: string, remoteFor?: (r: RemoteDb) => RemoteDb, dbName = DB) {
  const db = freshDb();
  const project = await projectWith(db, [
    ['Missbruk', 10],
    ['Hot', 4],
  ]);
  await setPeople(db, project.id, people);
  await linkProject(db, project.id, { url: server.url, db: dbName, user, since: null });
  // Node has no cookie jar: basic auth stands in for the browser's session cookie here.
  const remote = new PouchDB(`${server.url}/${dbName}`, {
    skip_setup: true,
    auth: { username: user, password: `${user}-pw` },
  }) as RemoteDb;
  const make = () =>
    new TeamSync(
      db,
      project.id,
      { url: server.url, db: dbName, user, since: null },
      {
        remote: remoteFor ? remoteFor(remote) : remote,
        backoff: { first: 50, max: 400 },
      },
    );
  return { db, project: project.id, remote, make };
}

/** Anna's and Bo's browsers, both syncing. */
async function pair() {
  const a = await browser('anna');
  const b = await browser('bo');
  const sa = a.make();
  const sb = b.make();
  sa.start();
  sb.start();
  return { a, b, sa, sb };
}

const valueOf = (db: KodbokDb, project: string, raw = 'Missbruk') =>
  getValue(db, project, variable.id, raw);

describe('team sync through the server', () => {
  it('sends a decision and the other browser folds it, with its history', async () => {
    const { a, b, sa, sb } = await pair();
    try {
      await decideAs(a.db, a.project, 'anna', ['Missbruk'], { kind: 'assign', code: 'H01' });
      sa.push();
      await expect
        .poll(async () => (await valueOf(b.db, b.project))?.code, { timeout: 5000 })
        .toBe('H01');
      expect(await a.db.outbox.count()).toBe(0);
      const history = await b.db.history.toArray();
      expect(history.map((h) => [h.kind, h.by, h.changes[0]?.code])).toContainEqual([
        'assign',
        'anna',
        'H01',
      ]);
      // Bo (both) approves Anna's coding; it comes back to Anna.
      await decideAs(b.db, b.project, 'bo', ['Missbruk'], { kind: 'approve' });
      sb.push();
      await expect
        .poll(async () => (await valueOf(a.db, a.project))?.status, { timeout: 5000 })
        .toBe('approved');
    } finally {
      sa.stop();
      sb.stop();
    }
  });

  it('sends a note thread to the other browser', async () => {
    const { a, b, sa, sb } = await pair();
    try {
      const note = await writeNote(a.db, {
        project: a.project,
        variable: variable.id,
        raw: 'Hot',
        input: { kind: 'note', text: 'Hot mot vem?' },
        by: 'anna',
      });
      expect(typeof note).toBe('object');
      sa.push();
      await expect
        .poll(
          async () => (await loadNotes(b.db, b.project, variable.id)).map((n) => [n.by, n.text]),
          {
            timeout: 5000,
          },
        )
        .toEqual([['anna', 'Hot mot vem?']]);
    } finally {
      sa.stop();
      sb.stop();
    }
  });

  it('works offline, and on reconnect both see one disagreement, never a last writer wins', async () => {
    const a = await browser('anna');
    const b = await browser('bo');
    // Both decide the same value while neither is connected.
    await decideAs(a.db, a.project, 'anna', ['Hot'], { kind: 'assign', code: 'H01' });
    await decideAs(b.db, b.project, 'bo', ['Hot'], { kind: 'assign', code: 'H07' });
    expect(await a.db.outbox.count()).toBe(1);
    const sa = a.make();
    const sb = b.make();
    sa.start();
    sb.start();
    try {
      await expect.poll(() => a.db.disagreements.count(), { timeout: 8000 }).toBeGreaterThan(0);
      await expect.poll(() => b.db.disagreements.count(), { timeout: 8000 }).toBeGreaterThan(0);
      const [da] = await a.db.disagreements.toArray();
      const [dbb] = await b.db.disagreements.toArray();
      expect(await a.db.disagreements.count()).toBe(1);
      expect(await b.db.disagreements.count()).toBe(1);
      expect(da!.id).toBe(dbb!.id);
      expect([da!.held.code, da!.arrived.by, da!.arrived.code]).toEqual(['H01', 'bo', 'H07']);
      // Each keeps its own decision until the team resolves it.
      expect((await valueOf(a.db, a.project, 'Hot'))?.code).toBe('H01');
      expect((await valueOf(b.db, b.project, 'Hot'))?.code).toBe('H07');
      // Bo (a reviewer) keeps Anna's side: its own recorded action, kind `resolve`, naming the
      // side kept and the sides it settles, in his history and, once synced, in Anna's.
      expect(await resolveDisagreement(b.db, b.project, dbb!.id, 1, 'bo')).toBe('resolved');
      sb.push();
      const resolveRow = async (db: KodbokDb) =>
        (await db.history.toArray()).find((h) => h.kind === 'resolve');
      await expect
        .poll(() => a.db.disagreements.get([a.project, da!.id]).then((d) => d?.resolved?.by), {
          timeout: 8000,
        })
        .toBe('bo');
      for (const x of [a, b]) {
        const h = await resolveRow(x.db);
        expect(h?.by).toBe('bo');
        expect(h?.changes.map((c) => [c.raw, c.code])).toEqual([['Hot', 'H01']]);
        expect(h?.resolve?.kept).toMatchObject({ by: 'anna', code: 'H01' });
        expect(h?.resolve?.sides.map((x) => `${x.by}:${x.code}`)).toEqual(['bo:H07', 'anna:H01']);
        expect((await valueOf(x.db, x.project, 'Hot'))?.code).toBe('H01');
      }
      expect((await a.db.history.toArray()).some((h) => h.kind === 'assign' && h.by === 'bo')).toBe(
        false,
      );
    } finally {
      sa.stop();
      sb.stop();
    }
  });

  it('repeats nothing after a crash between sending and hearing back', async () => {
    const a = await browser('anna');
    await decideAs(a.db, a.project, 'anna', ['Missbruk'], { kind: 'flag' });
    const [row] = await a.db.outbox.toArray();
    // The server got the event, but the browser died before it removed it from its outbox.
    await a.remote.bulkDocs([row!.event]);
    const sa = a.make();
    sa.start();
    try {
      await expect.poll(() => a.db.outbox.count(), { timeout: 5000 }).toBe(0);
      const stored = await couch(server, 'GET', `/${DB}/${encodeURIComponent(row!.id)}`);
      expect(stored.status).toBe(200);
      // Its own event coming back from the server is not folded a second time.
      await sa.settled();
      const mine = (await a.db.history.toArray()).filter((h) => h.kind === 'flag');
      expect(mine).toHaveLength(1);
    } finally {
      sa.stop();
    }
  });

  it('retries with backoff while the server is away, then sends', async () => {
    let failures = 2;
    const a = await browser('anna', (r) => ({
      info: () => r.info(),
      changes: (o) => r.changes(o),
      bulkDocs: (docs) => {
        if (failures-- > 0)
          return Promise.reject(Object.assign(new Error('offline'), { status: 0 }));
        return r.bulkDocs(docs);
      },
    }));
    await decideAs(a.db, a.project, 'anna', ['Hot'], { kind: 'flag' });
    const sa = a.make();
    sa.start();
    try {
      await expect.poll(() => a.db.outbox.count(), { timeout: 5000 }).toBe(0);
      expect(failures).toBeLessThan(0);
    } finally {
      sa.stop();
    }
  });

  it('keeps an event the server refuses, with its reason, and does not send it again', async () => {
    const a = await browser('anna');
    // A decision recorded under another name than the logged-in user's.
    await decideAs(a.db, a.project, 'bo', ['Hot'], { kind: 'assign', code: 'B11' });
    const sa = a.make();
    sa.start();
    try {
      await expect
        .poll(async () => (await a.db.outbox.toArray())[0]?.refused?.reason, { timeout: 5000 })
        .toMatch(/^kodbok:not-the-author:/);
    } finally {
      sa.stop();
    }
  });
});

describe('a new member joins', () => {
  it('starts from the project as the first member shared it: variables, values, codings', async () => {
    await teamProject(server, JOIN, people);
    const a = await browser('anna', undefined, JOIN);
    await decideAs(a.db, a.project, 'anna', ['Missbruk'], { kind: 'assign', code: 'B11' });
    expect(await queueSnapshot(a.db, a.project, 'anna')).toBeGreaterThan(0);
    const sa = a.make();
    sa.start();
    // Bo's project is empty: nothing of it before he connects.
    const db = freshDb();
    const project = await createProject(db, {
      name: 'Ny',
      demo: false,
      variables: [],
      values: new Map(),
    });
    await linkProject(db, project.id, { url: server.url, db: JOIN, user: 'bo', since: null });
    const remote = new PouchDB(`${server.url}/${JOIN}`, {
      skip_setup: true,
      auth: { username: 'bo', password: 'bo-pw' },
    }) as RemoteDb;
    const sb = new TeamSync(
      db,
      project.id,
      { url: server.url, db: JOIN, user: 'bo', since: null },
      { remote },
    );
    sb.start();
    try {
      await expect
        .poll(async () => (await getValue(db, project.id, variable.id, 'Missbruk'))?.code, {
          timeout: 8000,
        })
        .toBe('B11');
      expect((await db.variables.get([project.id, variable.id]))?.codebook.id).toBe(
        variable.codebook.id,
      );
      expect(await getValue(db, project.id, variable.id, 'Hot')).toMatchObject({
        frequency: 4,
        status: 'uncoded',
      });
      // Sharing again sends nothing new.
      expect(await queueSnapshot(a.db, a.project, 'anna')).toBe(0);
    } finally {
      sa.stop();
      sb.stop();
    }
  });
});

describe('a project worked on solo, then connected', () => {
  it('its past reaches a new member: the notes, each value’s history with who and when, the sample', async () => {
    const PAST = 'kodbok-past';
    await teamProject(server, PAST, people);
    // Anna is the project's admin on the server: only an admin's past is taken.
    await couch(server, 'PUT', `/${PAST}/_security`, {
      body: { admins: { names: ['anna'], roles: [] }, members: { names: ['bo'], roles: [] } },
    });
    const a = freshDb();
    const { id: aProject } = await projectWith(a, [
      ['Missbruk', 10],
      ['Hot', 4],
    ]);
    await setPeople(a, aProject, people);
    // Solo: a coding, a note, a sample both coders coded (they differ on Hot).
    await decideAs(a, aProject, 'anna', ['Missbruk'], { kind: 'assign', code: 'B11' });
    await writeNote(a, {
      project: aProject,
      variable: variable.id,
      raw: 'Hot',
      input: { kind: 'note', text: 'Hot mot vem?' },
      by: 'anna',
    });
    const sample = await drawDoubleSample(a, {
      project: aProject,
      variable: variable.id,
      mode: 'random',
      size: 2,
      seed: 9,
      coders: ['anna', 'bo'],
      by: 'anna',
    });
    if (sample === 'empty') throw new Error('no sample');
    for (const [by, hot] of [
      ['anna', 'H07'],
      ['bo', 'H01'],
    ] as const) {
      await writeBlindCodes(a, {
        project: aProject,
        sample: sample.id,
        by,
        codes: [
          { raw: 'Missbruk', code: 'B11' },
          { raw: 'Hot', code: hot },
        ],
      });
    }
    const coded = (await a.history.toArray()).find((h) => h.kind === 'assign')!;
    const aLink = { url: server.url, db: PAST, user: 'anna', since: null };
    expect(await shareProject(a, aProject, aLink, { user: 'anna', admin: true })).toMatchObject({
      past: 1,
    });
    const remote = (user: string) =>
      new PouchDB(`${server.url}/${PAST}`, {
        skip_setup: true,
        auth: { username: user, password: `${user}-pw` },
      }) as RemoteDb;
    const sa = new TeamSync(a, aProject, aLink, { remote: remote('anna') });
    sa.start();
    // Bo joins from an empty project.
    const b = freshDb();
    const { id: bProject } = await createProject(b, {
      name: 'Ny',
      demo: false,
      variables: [],
      values: new Map(),
    });
    const bLink = { url: server.url, db: PAST, user: 'bo', since: null };
    await linkProject(b, bProject, bLink);
    const sb = new TeamSync(b, bProject, bLink, { remote: remote('bo') });
    sb.start();
    try {
      await expect
        .poll(async () => (await loadNotes(b, bProject, variable.id)).map((n) => n.text), {
          timeout: 8000,
        })
        .toEqual(['Hot mot vem?']);
      expect(await a.outbox.count()).toBe(0);
      const history = await valueHistory(b, bProject, variable.id, 'Missbruk');
      expect(history.map((h) => [h.kind, h.by, h.at, h.code])).toEqual([
        ['assign', 'anna', coded.at, 'B11'],
      ]);
      const dc = await loadDoubleCoding(b, bProject, variable.id);
      expect(dc.samples.map((s) => s.id)).toEqual([sample.id]);
      expect(dc.codes).toHaveLength(4);
      expect((await b.disagreements.toArray()).map((d) => d.raw)).toEqual(['Hot']);
      expect((await getValue(b, bProject, variable.id, 'Missbruk'))?.code).toBe('B11');
    } finally {
      sa.stop();
      sb.stop();
    }
  });
});

describe('members', () => {
  it('a project admin’s change of members reaches the team; anyone else’s is refused with the reason', async () => {
    const a = await browser('anna');
    const admin = await browser('admin');
    const sa = a.make();
    // The server admin logs in as herself (the test server's admin password).
    const adminRemote = new PouchDB(`${server.url}/${DB}`, {
      skip_setup: true,
      auth: { username: 'admin', password: server.admin.password },
    }) as RemoteDb;
    const sadmin = new TeamSync(
      admin.db,
      admin.project,
      { url: server.url, db: DB, user: 'admin', since: null },
      { remote: adminRemote, backoff: { first: 50, max: 400 } },
    );
    sa.start();
    sadmin.start();
    try {
      const more = {
        ...people,
        members: [...people.members, { name: 'cleo', role: 'coder' as const }],
      };
      await savePeopleFor(a.db, a.project, more, 'anna');
      sa.push();
      await expect
        .poll(async () => (await a.db.outbox.toArray())[0]?.refused?.reason, { timeout: 5000 })
        .toMatch(/^kodbok:not-an-admin:/);
      await savePeopleFor(admin.db, admin.project, more, 'admin');
      sadmin.push();
      await expect
        .poll(async () => (await a.db.settings.get(membersKey(a.project)))?.value, {
          timeout: 5000,
        })
        .toEqual(more);
    } finally {
      sa.stop();
      sadmin.stop();
    }
  });
});

describe('a codebook changed by the team', () => {
  const CB = 'kodbok-codebook';
  const codes = async (x: { db: KodbokDb; project: string }) =>
    (await x.db.variables.get([x.project, variable.id]))?.codebook.categories.map((c) => c.code);
  const add = (x: { db: KodbokDb; project: string }, by: string, code: string) =>
    editCodebook(x.db, {
      project: x.project,
      variable: variable.id,
      by,
      edit: { kind: 'add', category: { code, label: `Ny ${code}`, parent: null } },
    });

  it('reaches the other browser as a new version; two edits made apart are a conflict, both kept, until one is kept', async () => {
    await teamProject(server, CB, people);
    const a = await browser('anna', undefined, CB);
    const b = await browser('bo', undefined, CB);
    const sa = a.make();
    const sb = b.make();
    sa.start();
    sb.start();
    try {
      // Anna adds a category; Bo gets it, with a version and a history row of the edit.
      expect(await add(a, 'anna', 'B12')).toMatchObject({ ok: true });
      sa.push();
      await expect.poll(() => codes(b), { timeout: 8000 }).toContain('B12');
      const versions = await loadCodebookVersions(b.db, b.project, variable.id);
      expect(versions.at(-1)).toMatchObject({ by: 'anna', cause: { kind: 'edit' } });
      const row = (await b.db.history.toArray()).find((h) => h.kind === 'codebook');
      expect(row).toMatchObject({ by: 'anna', codebook: { edit: 'add', code: 'B12' } });
    } finally {
      sa.stop();
      sb.stop();
    }
    // Both edit while apart: neither codebook is overwritten; each lists the conflict.
    expect(await add(a, 'anna', 'X1')).toMatchObject({ ok: true });
    expect(await add(b, 'bo', 'Y2')).toMatchObject({ ok: true });
    const sa2 = a.make();
    const sb2 = b.make();
    sa2.start();
    sb2.start();
    try {
      const conflict = (x: typeof a) =>
        x.db.disagreements.filter((d) => d.subject === 'codebook' && !d.resolved).toArray();
      await expect.poll(async () => (await conflict(a)).length, { timeout: 8000 }).toBe(1);
      await expect.poll(async () => (await conflict(b)).length, { timeout: 8000 }).toBe(1);
      const [da] = await conflict(a);
      const [dbb] = await conflict(b);
      expect(da!.id).toBe(dbb!.id);
      expect(await codes(a)).toContain('X1');
      expect(await codes(a)).not.toContain('Y2');
      expect(await codes(b)).toContain('Y2');
      // Both versions are there to choose from.
      expect(disagreementSides(dbb!).map((s) => s.codebook?.categories.at(-1)?.code)).toEqual([
        'Y2',
        'X1',
      ]);
      // Bo (a reviewer) keeps Anna's: both browsers end with it, the conflict settled in both.
      expect(await resolveDisagreement(b.db, b.project, dbb!.id, 1, 'bo')).toBe('resolved');
      sb2.push();
      await expect.poll(async () => (await conflict(a)).length, { timeout: 8000 }).toBe(0);
      await expect.poll(() => codes(a), { timeout: 8000 }).toEqual(await codes(b));
      expect(await codes(b)).toContain('X1');
      expect(await codes(b)).not.toContain('Y2');
      const resolved = (await b.db.history.toArray()).find((h) => h.kind === 'resolve');
      expect(resolved?.resolve?.kept.by).toBe('anna');
    } finally {
      sa2.stop();
      sb2.stop();
    }
  });
});

describe('a project setting shared by the team', () => {
  it('a variable’s suggestion profile reaches the other browser; set on both apart, the later holds in both', async () => {
    const SET = 'kodbok-settings';
    await teamProject(server, SET, people);
    const a = await browser('anna', undefined, SET);
    const b = await browser('bo', undefined, SET);
    const profileOf = (x: typeof a) =>
      readSetting(x.db, SETTINGS.normalise, x.project, variable.id);
    const titled = (title: string) => ({ ...defaultProfile, title });
    await saveProfile(a.db, a.project, variable.id, titled('Annas'), 'anna');
    const sa = a.make();
    const sb = b.make();
    sa.start();
    sb.start();
    try {
      await expect.poll(async () => (await profileOf(b)).title, { timeout: 8000 }).toBe('Annas');
    } finally {
      sa.stop();
      sb.stop();
    }
    // Both change it while apart: Bo's is the later one, so both browsers end with his.
    await saveProfile(a.db, a.project, variable.id, titled('Annas 2'), 'anna');
    await saveProfile(b.db, b.project, variable.id, titled('Bos'), 'bo');
    const sa2 = a.make();
    const sb2 = b.make();
    sa2.start();
    sb2.start();
    try {
      await expect.poll(async () => (await profileOf(a)).title, { timeout: 8000 }).toBe('Bos');
      await sa2.settled();
      await sb2.settled();
      expect((await profileOf(b)).title).toBe('Bos');
    } finally {
      sa2.stop();
      sb2.stop();
    }
  });
});

describe('an import made after the project was shared', () => {
  it('reaches the other browser with its counts and record, once; its undo does too', async () => {
    const IMP = 'kodbok-imports';
    await teamProject(server, IMP, people);
    const a = await browser('anna', undefined, IMP);
    const b = await browser('bo', undefined, IMP);
    const sa = a.make();
    const sb = b.make();
    sa.start();
    sb.start();
    try {
      const rows: [string, string][] = [
        ['Ny orsak;Hot', 'Gävle'],
        ['Ny orsak', 'Åre'],
      ];
      const result = await importFiles(a.db, request(a.project, rows));
      expect(result.added).toBe(1);
      sa.push();
      await expect
        .poll(async () => (await valueOf(b.db, b.project, 'Ny orsak'))?.frequency, {
          timeout: 8000,
        })
        .toBe(2);
      // The same record (id, who, files), the counts per municipality, the value it merged into.
      const [record] = await listImports(b.db, b.project);
      expect(record).toMatchObject({ id: result.id, by: 'anna', undone: null });
      expect(record!.files.map((f) => f.name)).toEqual(['Gävle.csv']);
      const tallies = await loadTallies(b.db, b.project, variable.id);
      expect(new Map(tallies.map((t) => [t.raw, new Map(t.munis)])).get('Ny orsak')).toEqual(
        new Map([
          ['Gävle', 1],
          ['Åre', 1],
        ]),
      );
      expect(await valueOf(b.db, b.project, 'Ny orsak')).toEqual(
        await valueOf(a.db, a.project, 'Ny orsak').then((v) => v && { ...v, project: b.project }),
      );
      // Anna undoes it: gone in Bo's browser too, and the record says so.
      expect(await undoImport(a.db, a.project, result.id, 'anna')).toMatchObject({ ok: true });
      sa.push();
      await expect
        .poll(() => valueOf(b.db, b.project, 'Ny orsak'), { timeout: 8000 })
        .toBeUndefined();
      expect((await listImports(b.db, b.project))[0]?.undone?.by).toBe('anna');
      await sb.settled();
      expect(await listImports(b.db, b.project)).toHaveLength(1);
    } finally {
      sa.stop();
      sb.stop();
    }
  });
});

describe('blind double coding by two coders on two machines', () => {
  it('shares the sample and the codes, stays blind, and queues each disagreement once in both', async () => {
    const DC = 'kodbok-double';
    await teamProject(server, DC, people);
    const a = await browser('anna', undefined, DC);
    const b = await browser('bo', undefined, DC);
    const sa = a.make();
    const sb = b.make();
    sa.start();
    sb.start();
    try {
      // Anna (a coder) may not draw one: the server refuses it and says why.
      const hers = await drawDoubleSample(a.db, {
        project: a.project,
        variable: variable.id,
        mode: 'random',
        size: 2,
        seed: 1,
        coders: ['anna'],
        by: 'anna',
      });
      expect(hers).not.toBe('empty');
      sa.push();
      await expect
        .poll(async () => (await a.db.outbox.toArray())[0]?.refused?.reason ?? '', {
          timeout: 8000,
        })
        .toMatch(/^kodbok:not-a-reviewer:/);
      // Bo (both) draws the sample for Anna and himself: it reaches Anna's browser.
      const sample = await drawDoubleSample(b.db, {
        project: b.project,
        variable: variable.id,
        mode: 'random',
        size: 2,
        seed: 2026,
        coders: ['anna', 'bo'],
        by: 'bo',
      });
      if (sample === 'empty') throw new Error('no sample');
      sb.push();
      const annas = () => loadDoubleCoding(a.db, a.project, variable.id);
      await expect
        .poll(async () => (await annas()).samples.map((s) => s.id), { timeout: 8000 })
        .toContain(sample.id);
      expect((await annas()).samples.find((s) => s.id === sample.id)).toEqual(sample);
      // Bo codes first; his codes arrive, but Anna's view shows none of them until she is done.
      const bos = await writeBlindCodes(b.db, {
        project: b.project,
        sample: sample.id,
        by: 'bo',
        codes: [
          { raw: 'Missbruk', code: 'B11' },
          { raw: 'Hot', code: 'H01' },
        ],
      });
      expect(Array.isArray(bos)).toBe(true);
      sb.push();
      await expect.poll(async () => (await annas()).codes.length, { timeout: 8000 }).toBe(2);
      const seen = await annas();
      const theSample = seen.samples.find((s) => s.id === sample.id)!;
      expect(blindView(theSample, seen.codes, 'anna')).toEqual(
        sample.raws.map((raw) => ({ raw, code: null })),
      );
      expect(mayCompare(theSample, seen.codes, 'anna')).toBe(false);
      expect(await a.db.disagreements.count()).toBe(0);
      // Anna codes: they agree on Missbruk, not on Hot.
      await writeBlindCodes(a.db, {
        project: a.project,
        sample: sample.id,
        by: 'anna',
        codes: [
          { raw: 'Missbruk', code: 'B11' },
          { raw: 'Hot', code: 'H07' },
        ],
      });
      sa.push();
      const open = (x: typeof a) => x.db.disagreements.filter((d) => !d.resolved).toArray();
      await expect.poll(async () => (await open(b)).length, { timeout: 8000 }).toBe(1);
      await sa.settled();
      await sb.settled();
      const [inA] = await open(a);
      const [inB] = await open(b);
      expect(await a.db.disagreements.count()).toBe(1);
      expect(inA).toEqual({ ...inB, project: a.project });
      expect(inA).toMatchObject({ raw: 'Hot', subject: 'double-coding' });
      expect(disagreementSides(inA!).map((s) => [s.by, s.code])).toEqual([
        ['anna', 'H07'],
        ['bo', 'H01'],
      ]);
      // The same report on both machines.
      const report = async (x: typeof a) => {
        const { samples, codes } = await loadDoubleCoding(x.db, x.project, variable.id);
        const s = samples.find((y) => y.id === sample.id)!;
        return sampleAgreement(s, codes, {
          codebook,
          level: 'leaf',
          weight: 'values',
          frequencies: new Map(),
        });
      };
      expect(await report(a)).toEqual(await report(b));
      expect((await report(a)).percentAgreement).toBe(0.5);
      // Bo resolves it: settled in Anna's browser too, never listed again.
      expect(await resolveDisagreement(b.db, b.project, inB!.id, 0, 'bo')).toBe('resolved');
      sb.push();
      await expect.poll(async () => (await open(a)).length, { timeout: 8000 }).toBe(0);
      expect((await valueOf(a.db, a.project, 'Hot'))?.code).toBe('H07');
    } finally {
      sa.stop();
      sb.stop();
    }
  });
});
