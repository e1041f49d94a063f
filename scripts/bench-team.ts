// Issue 10 item 7: a team at scale against a local team server (`npm run server`'s script), measured
// in headless Chromium with the app's own code (test/bench/browser/team-bench.ts). The server is
// filled once: 10 coders, 50 000 values, 200 000 decision events. Then, each run in a fresh browser
// profile per variant, in rotating order: a new member's first sync (an empty project linked, the
// app's engine and fold on the page's thread until every event is folded); the same `_changes`
// pages written into a local PouchDB by PouchDB alone (the floor of the protocol and IndexedDB);
// the same pages read alone (the protocol's floor); PouchDB's own replication. Then one decision's
// trip between two members' browsers (A decides through the app's action and engine; B runs the
// whole App: until B's database has it folded and its grid shows it) paired with the same kind of
// event doc written by PouchDB alone in A's page and seen by a plain changes feed in B's page.
//
//   npx tsx scripts/bench-team.ts [--values=50000] [--events=200000] [--coders=10] [--runs=5] [--trip-only]
//
// --trip-only skips the first-sync variants (the trip's two members still sync first): the trip's
// lines on stderr, nothing recorded. --sync-only runs only the first sync and its PouchDB floor.
//
// Prints progress on stderr and one JSON object (a benchmarks.md section) on its last line.
// PouchDB's browser build, used here for its HTTP adapter only, looks for IndexedDB when it loads.
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { codingOf, newRawValue } from '../src/core/decide';
import type { ProjectPeople } from '../src/core/members';
import {
  decisionEvent,
  EVENT_TYPE,
  EVENT_VERSION,
  snapshotId,
  type TeamEvent,
} from '../src/core/team/events';
import type { Coding, Variable } from '../src/core/types';
import { PULL_BATCH, type RemoteDb } from '../src/sync/engine';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';
import { couch, startTeamServer, teamProject } from '../test/server/team-server';

const arg = (name: string, fallback: number): number => {
  const v = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return v === undefined ? fallback : Number(v);
};
const VALUES = arg('values', 50_000);
const EVENTS = arg('events', 200_000);
const CODERS = arg('coders', 10);
const RUNS = arg('runs', 5);
const TRIPS = Math.max(5, RUNS);
const TRIP_ONLY = process.argv.includes('--trip-only');
// --sync-only: the first sync and its PouchDB floor only, no trip: their lines on stderr, nothing recorded.
const SYNC_ONLY = process.argv.includes('--sync-only');
/** A run that measured no first sync of the app (--trip-only): nothing to say where its time went. */
const NO_PROFILE = {
  folds: [],
  coded: 0,
  foldMs: 0,
  firstChange: 0,
  checkpoint: { kind: 'none', at: 0, events: 0 },
};
const DB = 'kodbok-bench';
/** The project admin (in the database's `_security` admins): she writes the checkpoint. */
const ADMIN = 'ledare';
/** What the checkpoint the runs start from was (the section's notes say it). */
let checkpointNote = 'no checkpoint';
const BATCH = 1000;

// Codes no one of which begins another (C03, C30): the grid's cell is read by its start.
const code = (i: number) => `C${String(i).padStart(2, '0')}`;
const log = (s: string) => process.stderr.write(`${s}\n`);
const now = () => performance.now();

const variable: Variable = {
  id: 'orsak',
  label: 'Orsak',
  codebook: {
    id: 'orsak',
    variable: 'orsak',
    categories: Array.from({ length: 40 }, (_, i) => ({
      code: code(i),
      label: `Kategori ${i}`,
      parent: null,
    })),
  },
  split: { separators: [';'] },
  order: 0,
};
const coders = Array.from({ length: CODERS }, (_, i) => `coder${i}`);
const people: ProjectPeople = {
  members: [...coders, 'nykomling', 'granskare', ADMIN].map((name) => ({
    name,
    role: name === 'granskare' ? 'reviewer' : 'coder',
  })),
  fourEyes: true,
};
const raws = Array.from({ length: VALUES }, (_, i) => `Värde ${i} ${'x'.repeat(i % 17)}`);

async function main(): Promise<void> {
  (globalThis as { self?: unknown }).self ??= globalThis;
  const PouchDB = (await import('pouchdb-browser')).default as unknown as new (
    name: string,
    opts: object,
  ) => RemoteDb;
  const server = await startTeamServer();
  try {
    await teamProject(server, DB, people);
    await couch(server, 'PUT', `/${DB}/_security`, {
      body: {
        admins: { names: [ADMIN], roles: [] },
        members: { names: people.members.map((m) => m.name), roles: [] },
      },
    });
    const remoteOf = (user: string) =>
      new PouchDB(`${server.url}/${DB}`, {
        skip_setup: true,
        auth: { username: user, password: `${user}-pw` },
      });

    // ---- the server's state: the shared start, then the coders' decisions ----------------
    const t0 = now();
    const at0 = '2026-12-01T08:00:00.000Z';
    const base = { type: EVENT_TYPE, v: EVENT_VERSION, author: coders[0]!, at: at0 } as const;
    const start: TeamEvent[] = [
      { ...base, _id: snapshotId(variable.id, null), kind: 'variable', variable },
    ];
    const uncoded = codingOf(newRawValue(variable.id, '', 1, 1));
    for (let i = 0; i * BATCH < VALUES; i++)
      start.push({
        ...base,
        _id: snapshotId(variable.id, i),
        kind: 'values',
        variable: variable.id,
        values: raws.slice(i * BATCH, (i + 1) * BATCH).map((raw, j) => ({
          raw,
          frequency: 1 + ((i * BATCH + j) % 97),
          municipalities: 1,
          combinations: null,
          coding: uncoded,
        })),
      });
    await remoteOf(coders[0]!).bulkDocs(start);
    // Each event codes one value from the state its author saw (the value's previous event):
    // a chain per value, as a team recoding over weeks makes it.
    const held = new Map<string, Coding>();
    let n = 0;
    let nextLog = 20_000;
    const byCoder = new Map<string, TeamEvent[]>(coders.map((c) => [c, []]));
    for (let e = 0; e < EVENTS; e++) {
      const raw = raws[e % VALUES]!;
      const by = coders[e % CODERS]!;
      const at = new Date(Date.parse(at0) + 1000 + e * 10).toISOString();
      const before = held.get(raw) ?? uncoded;
      const after: Coding = {
        ...before,
        code: code(e % 40),
        status: 'coded',
        codedBy: by,
        codedAt: at,
        reviewedBy: null,
        reviewedAt: null,
        updatedAt: at,
      };
      held.set(raw, after);
      byCoder
        .get(by)!
        .push(
          decisionEvent(
            { variable: variable.id, batch: `b${e}`, kind: 'assign', by, at },
            [{ raw, before, after }],
            `n${e}`,
          ),
        );
    }
    for (const [by, events] of byCoder) {
      const remote = remoteOf(by);
      for (let i = 0; i < events.length; i += BATCH) {
        await remote.bulkDocs(events.slice(i, i + BATCH));
        n += Math.min(BATCH, events.length - i);
        if (n >= nextLog) {
          log(`  seeded ${n} / ${EVENTS} events`);
          nextLog += 20_000;
        }
      }
    }
    const seedMs = now() - t0;
    const info = await couch(server, 'GET', `/${DB}`);
    const docs = Number(info.body.doc_count) - 1; // the design document
    log(`seeded ${docs} documents in ${(seedMs / 1000).toFixed(1)} s`);
    const out = await inChromium(server.url);
    if (!TRIP_ONLY && !SYNC_ONLY) printSection({ ...out, docs, seedMs });
  } finally {
    await server.stop();
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (ms: number) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const spread = (xs: readonly number[]) =>
  `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}: ${xs.map(fmt).join(', ')}`;

/** One member's browser: a fresh profile, the bench page open and ready. */
async function browserOf(
  page: string,
): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'kodbok-team-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1500, height: 900 },
    locale: 'sv-SE',
  });
  const p = context.pages()[0] ?? (await context.newPage());
  p.on('pageerror', (e) => log(`  page error: ${e.message}`));
  await p.goto(page);
  await p.waitForFunction(() => window.kodbokTeamBench !== undefined);
  return {
    context,
    page: p,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Measured {
  readonly app: number[];
  readonly floor: number[];
  readonly replicate: number[];
  /** The same pages read alone, no writes: the protocol's floor. */
  readonly read: number[];
  /** Run 1 of the app: each fold, the values coded, ms folding, ms to the first change. */
  readonly profile: {
    readonly folds: { at: number; events: number }[];
    readonly coded: number;
    readonly foldMs: number;
    readonly firstChange: number;
    /** The team's checkpoint: applied (or why not) how many ms after the start. */
    readonly checkpoint: { readonly kind: string; readonly at: number; readonly events: number };
  };
  readonly floorDocs: number;
  /** The floor's run 1: ms waiting for the server's pages, of its whole. */
  readonly floorWait: { readonly waitMs: number; readonly ms: number };
  readonly syncLoad: string;
  /** ms from the decision: stored in A, taken by the server, folded in B, drawn in B's grid. */
  readonly trips: { stored: number; sent: number; folded: number; shown: number; floor: number }[];
  readonly tripLoad: string;
}

/** The bench page built with the app's Vite config and served with `/couch` passed to `team`. */
async function inChromium(team: string): Promise<Measured> {
  log('building the bench page');
  const outDir = `${root}.bench-out/team-dist`;
  await build({
    root,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: { input: { bench: `${root}test/bench/browser/index.html` } },
    },
  });
  // vite.config.ts reads it when the server starts (the e2e tests' way, docs/team.md's advice).
  process.env.KODBOK_TEAM_PROXY = team;
  const web = await preview({
    root,
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1' },
  });
  delete process.env.KODBOK_TEAM_PROXY;
  const page = `${web.resolvedUrls!.local[0]}test/bench/browser/index.html`;
  try {
    // ---- a new member's first sync, paired with PouchDB's replication, each in a new profile --
    const app: number[] = [];
    const floor: number[] = [];
    const replicate: number[] = [];
    const read: number[] = [];
    let profile: Measured['profile'] | null = null;
    let floorDocs = 0;
    let floorWait = { waitMs: 0, ms: 0 };
    // The project admin's browser folds every event (not measured: the state she has after weeks)
    // and writes the checkpoint a new member starts from, as the app does.
    if (!TRIP_ONLY) {
      const admin = await browserOf(page);
      try {
        await admin.page.evaluate((u) => window.kodbokTeamBench.signIn(u), ADMIN);
        const t = now();
        await admin.page.evaluate(([u, db]) => window.kodbokTeamBench.firstSync(u, db, true), [
          ADMIN,
          DB,
        ] as const);
        log(`  the admin's browser folded every event in ${fmt(now() - t)} (setup)`);
        const cp = await admin.page.evaluate(() => window.kodbokTeamBench.writeCheckpointNow());
        checkpointNote = `the project admin's checkpoint: ${cp.events} events covered, ${(cp.bytes / 1e6).toFixed(1)} MB gzip, written in ${fmt(cp.ms)}`;
        log(`  ${checkpointNote}`);
      } finally {
        await admin.close();
      }
    }
    const syncBefore = load();
    const variants = SYNC_ONLY
      ? (['app', 'changes'] as const)
      : (['app', 'changes', 'read', 'replicate'] as const);
    for (let r = 0; r < (TRIP_ONLY ? 0 : RUNS); r++) {
      // Each run in rotating order: which goes first changes from run to run.
      for (const which of variants.map((_, i) => variants[(i + r) % variants.length]!)) {
        const b = await browserOf(page);
        try {
          await b.page.evaluate((u) => window.kodbokTeamBench.signIn(u), 'nykomling');
          if (which === 'app') {
            const res = await b.page.evaluate(
              (db) => window.kodbokTeamBench.firstSync('nykomling', db),
              DB,
            );
            app.push(res.ms);
            if (r === 0) profile = res;
            log(
              `  run ${r + 1}: first sync ${fmt(res.ms)} (checkpoint ${res.checkpoint.kind} after ${fmt(res.checkpoint.at)}, ${res.checkpoint.events} events in it; then ${res.folds.length} folds of ${res.folds.reduce((n, f) => n + f.events, 0)} events; ${res.coded} values coded)`,
            );
          } else if (which === 'changes') {
            const res = await b.page.evaluate((db) => window.kodbokTeamBench.floorChanges(db), DB);
            floor.push(res.ms);
            floorDocs = res.docs;
            if (floor.length === 1) floorWait = res;
            log(`  run ${r + 1}: PouchDB alone, _changes pages ${fmt(res.ms)} (${res.docs} docs)`);
          } else if (which === 'read') {
            const res = await b.page.evaluate(
              (db) => window.kodbokTeamBench.floorChanges(db, false),
              DB,
            );
            read.push(res.ms);
            log(
              `  run ${r + 1}: the _changes pages read alone ${fmt(res.ms)} (${res.docs} changes)`,
            );
          } else {
            const res = await b.page.evaluate(
              (db) => window.kodbokTeamBench.floorReplicate(db),
              DB,
            );
            replicate.push(res.ms);
            log(`  run ${r + 1}: PouchDB's replication ${fmt(res.ms)} (${res.docs} docs)`);
          }
        } finally {
          await b.close();
        }
      }
    }
    const syncLoad = `load average before ${syncBefore}, after ${load()}`;

    // ---- one decision's trip from A's browser to B's (the whole app), paired with PouchDB alone --
    const synced = {
      app,
      floor,
      replicate,
      read,
      profile: profile ?? NO_PROFILE,
      floorDocs,
      floorWait,
      syncLoad,
    };
    if (SYNC_ONLY) {
      log(`  ${syncLoad}`);
      return { ...synced, trips: [], tripLoad: '' };
    }
    const tripBefore = load();
    const coder = coders[1]!;
    const a = await browserOf(page);
    const b = await browserOf(page);
    try {
      for (const [s, user, keep] of [
        [a, coder, true],
        [b, 'granskare', true],
      ] as const) {
        await s.page.evaluate((u) => window.kodbokTeamBench.signIn(u), user);
        await s.page.evaluate(([u, db, k]) => window.kodbokTeamBench.firstSync(u, db, k), [
          user,
          DB,
          keep,
        ] as const);
      }
      await b.page.evaluate(() => window.kodbokTeamBench.openApp('granskare'));
      await b.page.evaluate((db) => window.kodbokTeamBench.floorFeed(db), DB);
      const target = await b.page.evaluate(() => window.kodbokTeamBench.firstRaw());
      const trips: Measured['trips'] = [];
      for (let i = 0; i < TRIPS; i++) {
        const trip = { stored: 0, sent: 0, folded: 0, shown: 0, floor: 0 };
        for (const which of i % 2 === 0 ? ['app', 'floor'] : ['floor', 'app']) {
          const c = code((i * 2 + (which === 'app' ? 3 : 4)) % 40);
          if (which === 'app') {
            const watching = b.page.evaluate(([raw, k]) => window.kodbokTeamBench.watch(raw, k), [
              target,
              c,
            ] as const);
            // The page's watch is armed before the decision (evaluate runs in order).
            await b.page.evaluate(() => undefined);
            const { at, stored, sent } = await a.page.evaluate(
              ([raw, k]) => window.kodbokTeamBench.decide(raw, k),
              [target, c] as const,
            );
            const seen = await watching;
            trip.folded = seen.folded - at;
            trip.shown = seen.shown - at;
            trip.stored = stored - at;
            trip.sent = sent - at;
          } else {
            const w = await a.page.evaluate(
              ([db, raw, k, n]) => window.kodbokTeamBench.floorWrite(db, raw, k, n),
              [DB, target, c, i] as const,
            );
            const seenAt = await b.page.evaluate((id) => window.kodbokTeamBench.seen(id), w.id);
            trip.floor = seenAt - w.at;
            // Settled before the next: B's app has folded and shows the floor's event too.
            await b.page.evaluate(([raw, k]) => window.kodbokTeamBench.watch(raw, k), [
              target,
              c,
            ] as const);
          }
        }
        log(
          `  decision ${i + 1}: stored ${fmt(trip.stored)}, sent ${fmt(trip.sent)}, folded ${fmt(trip.folded)}, shown ${fmt(trip.shown)}; PouchDB alone ${fmt(trip.floor)}`,
        );
        trips.push(trip);
      }
      if (!profile && !TRIP_ONLY) throw new Error('no run of the app');
      return {
        ...synced,
        trips,
        tripLoad: `load average before ${tripBefore}, after ${load()}`,
      };
    } finally {
      await a.close();
      await b.close();
    }
  } finally {
    await web.close();
  }
}

function printSection(m: Measured & { docs: number; seedMs: number }): void {
  const full = VALUES === 50_000 && EVENTS === 200_000 && CODERS === 10;
  const size = `${CODERS} coders, ${VALUES} values, ${m.docs} documents`;
  const appMs = median(m.app);
  const floorMs = median(m.floor);
  const { folds, coded, foldMs, firstChange } = m.profile;
  const gaps = folds.map((f, i) => f.at - (folds[i - 1]?.at ?? 0));
  const total = folds.at(-1)?.at ?? 0;
  const cp = m.profile.checkpoint;
  const where = `the checkpoint ${cp.kind} after ${fmt(cp.at)} (${cp.events} events covered; ${checkpointNote}), then ${folds.length} folds of about ${Math.round(folds.reduce((n, f) => n + f.events, 0) / Math.max(folds.length, 1))} events each (one \`_changes\` response, one transaction), median ${fmt(median(gaps))} from one to the next; the first change reached the page ${fmt(firstChange)} after the start (log-in check, the server's info, the first response); folding (from a response's last change, or the fold before, to its fold) took ${fmt(foldMs)} of the ${fmt(total)}, ${((100 * foldMs) / Math.max(total, 1)).toFixed(0)} %, the rest is waiting for the server's next response`;
  const shown = m.trips.map((t) => t.shown);
  const folded = m.trips.map((t) => t.folded);
  const floorTrip = m.trips.map((t) => t.floor);
  console.log(
    JSON.stringify({
      title: 'Team sync at scale in Chromium (scripts/bench-team.ts)',
      rows: [
        {
          name: 'A new member’s first sync',
          value: Math.round(appMs),
          unit: 'ms',
          ...(full ? { target: 30_000 } : {}),
          detail: `${size}; median of ${m.app.length} runs, each in a fresh browser profile (${spread(m.app)}): an empty project linked, the app's engine in the page starting from the project admin's checkpoint and folding the events after it until it has read to the server's end (${coded} values coded); paired baseline in the same kind of profile, in rotating order: the same \`_changes\` pages (${PULL_BATCH} changes each, with their docs, as the app reads them) written as they are into a local PouchDB by PouchDB alone, ${fmt(floorMs)} (${spread(m.floor)}, ${m.floorDocs} docs); app / floor ${(appMs / floorMs).toFixed(2)}×; the same pages read alone, no writes (the protocol's floor: server, proxy, JSON): ${fmt(median(m.read))} (${spread(m.read)}); PouchDB's own replication of the same database (revs_diff, _bulk_get, checkpoints): ${fmt(median(m.replicate))} (${spread(m.replicate)}); ${m.syncLoad}`,
        },
        {
          name: 'One decision reaching another member (her grid shows it)',
          value: Math.round(median(shown)),
          unit: 'ms',
          ...(full ? { target: 2000 } : {}),
          detail: `median of ${shown.length} decisions (${spread(shown)}): decided in A's browser through the app's action and engine, pulled and folded by the app in B's browser (in its database after ${fmt(median(folded))}, ${spread(folded)}, read every 5 ms, so it may come a few ms after the grid), drawn in B's grid; of which the action was stored in A's database after ${fmt(median(m.trips.map((t) => t.stored)))} and the server had it after ${fmt(median(m.trips.map((t) => t.sent)))} (medians); paired baseline, the same kind of event doc written by PouchDB alone in A's page and seen by a plain PouchDB changes feed in B's page, alternating which goes first: ${fmt(median(floorTrip))} (${spread(floorTrip)}); ${size}; ${m.tripLoad}`,
        },
      ],
      notes: [
        `Where the app's first sync goes (run 1): ${where}. The floor's run 1 waited ${fmt(m.floorWait.waitMs)} of its ${fmt(m.floorWait.ms)} for the server's pages (through the proxy), the rest writing them into IndexedDB.`,
        `Local server: \`scripts/server.mjs\` (PouchDB Server on LevelDB), reached under the page's origin through vite preview's \`/couch\` proxy (docs/team.md's set-up). The app's code in headless Chromium (test/bench/browser/team-bench.ts): its database, sync engine (src/sync/engine.ts) and fold (src/db/team-fold.ts) on the page's thread as the app runs them; B is the whole App, whose own sync pulls the decision. The floor's event is folded by both members' apps too. Workload: ${size} (one variable, 40 codes, the values in snapshots of 1 000; ${EVENTS} decision events, each recoding one value from the state its author saw, spread over the coders). Filling the server took ${(m.seedMs / 1000).toFixed(1)} s (not measured). Command: \`npm run bench -- --only=team\` (\`--events=N --values=N --runs=N\` to try it small).${full ? '' : ' Not the full size: no targets.'}`,
      ],
    }),
  );
}

await main();
