// A team at scale in Chromium (issue 10 item 7), driven by scripts/bench-team.ts: each page is one
// member's browser with a profile of its own, the team server reached under the page's origin
// (`/couch`, vite preview's proxy, as docs/team.md advises). The app's own code runs here: its
// database (appDb), its sync engine and fold (src/sync/engine.ts, src/db/team-fold.ts) on the
// page's thread as the app runs them, its decisions (src/db/repo.ts) and, for the member who
// watches, the whole App with its grid. The paired floors are PouchDB alone: the same database
// replicated into a local PouchDB (IndexedDB), and the same event doc written by one page and
// seen by a plain changes feed in another.
import { codingOf } from '../../../src/core/decide';
import { decisionEvent } from '../../../src/core/team/events';
import type { TeamLink } from '../../../src/core/team/link';
import type { Coding } from '../../../src/core/types';
import { appDb } from '../../../src/db/db';
import { applyBulkDecision, createProject, loadValues, putSetting } from '../../../src/db/repo';
import { getValue } from '../../../src/db/value-pages';
import { linkProject, readTeamLinkOf } from '../../../src/db/team';
import { writeCheckpoint } from '../../../src/sync/checkpoint';
import { PULL_BATCH, TeamSync, type ChangesFeed, type RemoteDb } from '../../../src/sync/engine';
import { login, openRemote } from '../../../src/sync/remote';
import { mountApp } from './keys-bench';

const VARIABLE = 'orsak';
const server = () => `${location.origin}/couch`;

interface PouchLocal {
  replicate: {
    from(remote: unknown, opts: { batch_size: number }): Promise<{ docs_written: number }>;
  };
  info(): Promise<{ doc_count: number }>;
}

async function pouch(): Promise<new (name: string, opts?: object) => unknown> {
  const { default: PouchDB } = await import('pouchdb-browser');
  return PouchDB as unknown as new (name: string, opts?: object) => unknown;
}

let member: { user: string; project: string; sync: TeamSync | null } | null = null;

/** Logs in with the server's cookie session, as the connect dialog does. */
async function signIn(user: string): Promise<void> {
  const r = await login(server(), user, `${user}-pw`);
  if (!r.ok) throw new Error(`login of ${user}: ${r.reason}`);
}

/** The server's update sequence of the team's database now: where a first sync is complete. */
async function endOf(db: string): Promise<string> {
  const res = await fetch(`${server()}/${encodeURIComponent(db)}`, {
    credentials: 'include',
    headers: { accept: 'application/json' },
  });
  if (!res.ok) throw new Error(`database info: ${res.status}`);
  return String(((await res.json()) as { update_seq: string | number }).update_seq);
}

/**
 * A new member's first sync: an empty project in the app's database linked to the team's
 * database, the app's engine started (from the team's checkpoint when there is one, as the app
 * does), until it has read the server's changes to their end and folded them. Returns ms from the
 * start to the last fold, each fold's time and size, and when the checkpoint was applied.
 */
async function firstSync(
  user: string,
  db: string,
  keep = false,
): Promise<{
  ms: number;
  folds: { at: number; events: number }[];
  coded: number;
  foldMs: number;
  firstChange: number;
  checkpoint: { kind: string; at: number; events: number };
}> {
  const end = await endOf(db);
  const kdb = appDb();
  const project = await createProject(kdb, {
    name: 'Ny',
    demo: false,
    variables: [],
    values: new Map(),
  });
  const link: TeamLink = { url: server(), db, user, since: null };
  await linkProject(kdb, project.id, link);
  const folds: { at: number; events: number }[] = [];
  let checkpoint = { kind: 'none', at: 0, events: 0 };
  let done: () => void = () => undefined;
  const check = () =>
    void readTeamLinkOf(kdb, project.id).then((l) => {
      if (l && String(l.since) === end) done();
    });
  const all = new Promise<void>((r) => (done = r));
  // When each change reaches the page (the engine's feed, wrapped): a response's changes come in
  // one burst, and the time from a burst to its fold is the fold's.
  const arrivals: number[] = [];
  const remote = await openRemote(link);
  const changes = remote.changes.bind(remote);
  remote.changes = (opts) => {
    const feed = changes(opts);
    const on = feed.on.bind(feed) as (e: string, fn: (x: never) => void) => ChangesFeed;
    (feed as { on: unknown }).on = (e: string, fn: (x: never) => void) =>
      on(e, e === 'change' ? (c: never) => (arrivals.push(performance.now() - start), fn(c)) : fn);
    return feed;
  };
  const start = performance.now();
  const sync = new TeamSync(kdb, project.id, link, {
    remote,
    onFold: (r) => {
      folds.push({ at: performance.now() - start, events: r.events });
      check();
    },
    onCheckpoint: (r) => {
      checkpoint = {
        kind: r.kind === 'refused' ? `refused: ${r.reason}` : r.kind,
        at: performance.now() - start,
        events: r.kind === 'applied' ? r.events : 0,
      };
      check();
    },
  });
  sync.start();
  await all;
  const ms = performance.now() - start;
  const coded = (await loadValues(kdb, project.id, VARIABLE)).filter(
    (v) => v.status === 'coded',
  ).length;
  if (keep) member = { user, project: project.id, sync };
  else sync.stop();
  // Folding: from a batch's last change (or the fold before, when it came earlier) to its fold.
  let foldMs = 0;
  let prev = 0;
  for (const f of folds) {
    const lastIn = arrivals.filter((a) => a <= f.at).at(-1) ?? 0;
    foldMs += f.at - Math.max(lastIn, prev);
    prev = f.at;
  }
  return { ms, folds, coded, foldMs, firstChange: arrivals[0] ?? 0, checkpoint };
}

/**
 * The project admin's checkpoint of what her browser folded (firstSync(…, keep) first), written to
 * the server as the app writes it. Returns ms and its size.
 */
async function writeCheckpointNow(): Promise<{ ms: number; bytes: number; events: number }> {
  if (!member) throw new Error('firstSync(…, keep) first');
  member.sync?.stop();
  const link = await readTeamLinkOf(appDb(), member.project);
  if (!link) throw new Error('not linked');
  const start = performance.now();
  const r = await writeCheckpoint(appDb(), member.project, await openRemote(link), member.user);
  if (!r.ok) throw new Error(`checkpoint not written: ${r.reason} ${r.detail ?? ''}`);
  return { ms: performance.now() - start, bytes: r.bytes, events: r.events };
}

/**
 * The floor under the app's first sync: the same `_changes` pages the engine reads (2 000 changes
 * with their docs), each written as it is into a local PouchDB (`new_edits: false`, as
 * replication stores them), the next page read while one is written. No fold, no app. Without
 * `write`: the pages read alone, the floor of the protocol (server, proxy, JSON).
 */
async function floorChanges(
  db: string,
  write = true,
): Promise<{ ms: number; docs: number; waitMs: number }> {
  const PouchDB = await pouch();
  const local = new PouchDB(`floor-changes-${Date.now()}`) as PouchLocal & {
    bulkDocs(docs: object[], opts: { new_edits: false }): Promise<unknown>;
  };
  const page = async (since: string | number) => {
    const res = await fetch(
      `${server()}/${encodeURIComponent(db)}/_changes?include_docs=true&limit=${PULL_BATCH}&since=${encodeURIComponent(String(since))}`,
      { credentials: 'include', headers: { accept: 'application/json' } },
    );
    if (!res.ok) throw new Error(`_changes: ${res.status}`);
    return (await res.json()) as { results: { doc?: object }[]; last_seq: string | number };
  };
  const start = performance.now();
  let waitMs = 0;
  let docs = 0;
  let next = page(0);
  for (;;) {
    const t = performance.now();
    const got = await next;
    waitMs += performance.now() - t;
    if (got.results.length === 0) break;
    next = page(got.last_seq);
    docs += got.results.length;
    if (write)
      await local.bulkDocs(
        // The events as they are; a checkpoint's documents (their attachments are stubs in a
        // changes feed) are not what this floor writes.
        got.results.flatMap((r) =>
          r.doc && !(r.doc as { _id?: string })._id?.startsWith('cp') ? [r.doc] : [],
        ),
        { new_edits: false },
      );
  }
  const ms = performance.now() - start;
  return { ms, docs: write ? (await local.info()).doc_count : docs, waitMs };
}

/** PouchDB's own replication of the same database into a local PouchDB (IndexedDB). */
async function floorReplicate(db: string): Promise<{ ms: number; docs: number }> {
  const PouchDB = await pouch();
  const local = new PouchDB(`floor-${Date.now()}`) as PouchLocal;
  const remote = new PouchDB(`${server()}/${encodeURIComponent(db)}`, { skip_setup: true });
  const start = performance.now();
  await local.replicate.from(remote, { batch_size: PULL_BATCH });
  const ms = performance.now() - start;
  return { ms, docs: (await local.info()).doc_count };
}

/** The watching member: her synced project opened in the whole app, which syncs it from now on. */
async function openApp(user: string): Promise<void> {
  if (!member) throw new Error('firstSync first');
  member.sync?.stop();
  const kdb = appDb();
  await putSetting(kdb, 'activeProject', member.project);
  await putSetting(kdb, 'user', user);
  member = { ...member, sync: null };
  await mountApp();
  // The app's own sync is online again.
  while (!document.querySelector('[data-testid="team"][data-state="online"]'))
    await new Promise((r) => setTimeout(r, 20));
}

/** The raw value of the grid's first row (its row id), the one a trip is watched on. */
function firstRaw(): string {
  const raw = document.querySelector('.ag-row[row-index="0"]')?.getAttribute('row-id');
  if (!raw) throw new Error('no first row');
  return raw;
}

/**
 * A decision by this member through the app's own action, sent by the engine. Date.now() when she
 * decided, when the action was stored, and when the server had taken it (the engine's push
 * settled, and any fold of A's own under way: none, as the bench waits between decisions).
 */
async function decide(
  raw: string,
  code: string,
): Promise<{ at: number; stored: number; sent: number }> {
  if (!member?.sync) throw new Error('firstSync(…, keep) first');
  const at = Date.now();
  await applyBulkDecision(appDb(), {
    project: member.project,
    variable: VARIABLE,
    raws: [raw],
    input: { kind: 'assign', code },
    by: member.user,
  });
  const stored = Date.now();
  member.sync.push();
  await member.sync.settled();
  return { at, stored, sent: Date.now() };
}

/**
 * Date.now() when this page's database has `raw` coded `code` (`folded`) and the grid's row of
 * `raw` shows it (`shown`, the frame after it was drawn).
 */
function watch(raw: string, code: string): Promise<{ folded: number; shown: number }> {
  if (!member) throw new Error('no member');
  const key: [string, string, string] = [member.project, VARIABLE, raw];
  return new Promise((resolve, reject) => {
    let folded = 0;
    let shown = 0;
    const timer = setTimeout(() => reject(new Error(`${raw} never showed ${code}`)), 60_000);
    const end = () => {
      if (folded && shown) {
        clearTimeout(timer);
        resolve({ folded, shown });
      }
    };
    const poll = async () => {
      while (!folded) {
        const v = await getValue(appDb(), ...key);
        if (v?.code === code) folded = Date.now();
        else await new Promise((r) => setTimeout(r, 5));
      }
      end();
    };
    const frame = () => {
      const cell = [...document.querySelectorAll('.ag-row')]
        .filter((r) => r.getAttribute('row-id') === raw)
        .map((r) => r.querySelector('[col-id="category"]'))
        .find((c) => c !== null);
      if (cell?.textContent?.startsWith(`${code} `)) {
        shown = Date.now();
        end();
      } else requestAnimationFrame(frame);
    };
    void poll();
    requestAnimationFrame(frame);
  });
}

let feed: ChangesFeed | null = null;
const arrived = new Map<string, number>();
const waiting = new Map<string, (at: number) => void>();

/** The floor's reader: a plain PouchDB changes feed on the team's database, from now on. */
async function floorFeed(db: string): Promise<void> {
  const PouchDB = await pouch();
  const remote = new PouchDB(`${server()}/${encodeURIComponent(db)}`, {
    skip_setup: true,
  }) as Omit<RemoteDb, 'info'> & { info(): Promise<{ update_seq: string | number }> };
  const { update_seq } = await remote.info();
  feed = remote.changes({
    since: update_seq,
    live: true,
    include_docs: true,
    batch_size: PULL_BATCH,
    heartbeat: 10_000,
    timeout: false,
  });
  feed.on('change', (c) => {
    const id = (c as { id?: string }).id ?? '';
    const at = Date.now();
    arrived.set(id, at);
    waiting.get(id)?.(at);
  });
}

/** Date.now() when the floor's feed saw the doc `id`. */
function seen(id: string): Promise<number> {
  const at = arrived.get(id);
  if (at !== undefined) return Promise.resolve(at);
  return new Promise((resolve) => waiting.set(id, resolve));
}

/**
 * The floor's writer: the same kind of event doc as a decision of `raw` makes, written by PouchDB
 * alone (no outbox, no app). Returns its id and Date.now() when it was handed to PouchDB.
 */
async function floorWrite(
  db: string,
  raw: string,
  code: string,
  n: number,
): Promise<{ id: string; at: number }> {
  if (!member) throw new Error('no member');
  const v = await getValue(appDb(), member.project, VARIABLE, raw);
  if (!v) throw new Error(`no value ${raw}`);
  const before = codingOf(v);
  const stamp = new Date().toISOString();
  const after: Coding = {
    ...before,
    code,
    status: 'coded',
    codedBy: member.user,
    codedAt: stamp,
    reviewedBy: null,
    reviewedAt: null,
    updatedAt: stamp,
  };
  const event = decisionEvent(
    {
      variable: VARIABLE,
      batch: `floor-${n}-${stamp}`,
      kind: 'assign',
      by: member.user,
      at: stamp,
    },
    [{ raw, before, after }],
    `floor${n}${Math.random().toString(36).slice(2)}`,
  );
  const PouchDB = await pouch();
  const remote = new PouchDB(`${server()}/${encodeURIComponent(db)}`, {
    skip_setup: true,
  }) as RemoteDb;
  const at = Date.now();
  const [res] = await remote.bulkDocs([event]);
  if (!res?.ok) throw new Error(`floor event refused: ${JSON.stringify(res)}`);
  return { id: event._id, at };
}

declare global {
  interface Window {
    kodbokTeamBench: {
      signIn: typeof signIn;
      firstSync: typeof firstSync;
      writeCheckpointNow: typeof writeCheckpointNow;
      floorReplicate: typeof floorReplicate;
      floorChanges: typeof floorChanges;
      openApp: typeof openApp;
      firstRaw: typeof firstRaw;
      decide: typeof decide;
      watch: typeof watch;
      floorFeed: typeof floorFeed;
      seen: typeof seen;
      floorWrite: typeof floorWrite;
    };
  }
}
window.kodbokTeamBench = {
  signIn,
  firstSync,
  writeCheckpointNow,
  floorReplicate,
  floorChanges,
  openApp,
  firstRaw,
  decide,
  watch,
  floorFeed,
  seen,
  floorWrite,
};
