// Issue 10 item 7: a team at scale against a local team server (`npm run server`'s script).
// 10 coders, 50 000 values, 200 000 events on the server; then a new member's first sync (an
// empty project linked to the database, until every event is folded) and one decision from one
// member's database to another's. The browsers' databases are Kodbok's own (src/db) on
// fake-indexeddb in Node, and the sync is the app's own engine (src/sync/engine.ts) through
// PouchDB's HTTP adapter: the figures measure the server, the protocol and the fold, not
// Chromium's IndexedDB (the e2e test team.test.ts measures one decision in Chromium).
//
//   npx tsx scripts/bench-team.ts [--values=50000] [--events=200000] [--coders=10]
//
// Prints progress on stderr and one JSON object (a benchmarks.md section) on its last line.
import 'fake-indexeddb/auto';
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
import { KodbokDb } from '../src/db/db';
import { applyBulkDecision, createProject } from '../src/db/repo';
import { linkProject } from '../src/db/team';
import { TeamSync, type RemoteDb } from '../src/sync/engine';
import { couch, startTeamServer, teamProject } from '../test/server/team-server';

const arg = (name: string, fallback: number): number => {
  const v = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return v === undefined ? fallback : Number(v);
};
const VALUES = arg('values', 50_000);
const EVENTS = arg('events', 200_000);
const CODERS = arg('coders', 10);
const DB = 'kodbok-bench';
const BATCH = 1000;

const log = (s: string) => process.stderr.write(`${s}\n`);
const now = () => performance.now();

const variable: Variable = {
  id: 'orsak',
  label: 'Orsak',
  codebook: {
    id: 'orsak',
    variable: 'orsak',
    categories: Array.from({ length: 40 }, (_, i) => ({
      code: `C${i}`,
      label: `Kategori ${i}`,
      parent: null,
    })),
  },
  split: { separators: [';'] },
  order: 0,
};
const coders = Array.from({ length: CODERS }, (_, i) => `coder${i}`);
const people: ProjectPeople = {
  members: [...coders, 'nykomling', 'granskare'].map((name) => ({
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
        code: `C${e % 40}`,
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

    // ---- a new member's first sync ----------------------------------------------------------
    const member = async (user: string) => {
      const db = new KodbokDb(`bench-${user}-${Math.random()}`);
      const project = await createProject(db, {
        name: 'Ny',
        demo: false,
        variables: [],
        values: new Map(),
      });
      const link = { url: server.url, db: DB, user, since: null };
      await linkProject(db, project.id, link);
      // Where the first sync's time goes: each folded batch, its size and when it ended.
      const folds: { at: number; events: number; ms: number }[] = [];
      let last = now();
      const sync = new TeamSync(db, project.id, link, {
        remote: remoteOf(user),
        onFold: (r) => {
          const t = now();
          folds.push({ at: t, events: r.events, ms: t - last });
          last = t;
        },
      });
      return { db, project: project.id, sync, folds };
    };
    const joiner = await member('nykomling');
    const t1 = now();
    joiner.sync.start();
    let folded = 0;
    while (folded < docs) {
      await new Promise((r) => setTimeout(r, 100));
      folded = await joiner.db.teamEvents.count();
    }
    const firstSyncMs = now() - t1;
    const codedThere = await joiner.db.values.filter((v) => v.status === 'coded').count();
    log(`first sync: ${docs} events in ${(firstSyncMs / 1000).toFixed(1)} s (${codedThere} coded)`);
    const f = joiner.folds;
    const gaps = f.map((x) => x.ms).sort((x, y) => x - y);
    const batchMs = gaps[Math.floor(gaps.length / 2)] ?? 0;
    const firstBatchMs = f[0] ? f[0].at - t1 : 0;
    const where = `${f.length} batches (about ${Math.round(docs / Math.max(f.length, 1))} events each), each read from _changes and folded in one transaction: median ${batchMs.toFixed(0)} ms per batch; the first folded ${firstBatchMs.toFixed(0)} ms after the start`;
    log(`  ${where}`);

    // ---- one decision from one member's browser to another's --------------------------------
    const coder = await member(coders[1]!);
    coder.sync.start();
    while ((await coder.db.teamEvents.count()) < docs) await new Promise((r) => setTimeout(r, 100));
    const target = raws[7]!;
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const code = `C${(i * 7 + 3) % 40}`;
      const t2 = now();
      await applyBulkDecision(coder.db, {
        project: coder.project,
        variable: variable.id,
        raws: [target],
        input: { kind: 'assign', code },
        by: coders[1]!,
      });
      coder.sync.push();
      for (;;) {
        const v = await joiner.db.values.get([joiner.project, variable.id, target]);
        if (v?.code === code) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      latencies.push(now() - t2);
    }
    joiner.sync.stop();
    coder.sync.stop();
    latencies.sort((a, b) => a - b);
    const median = latencies[Math.floor(latencies.length / 2)]!;
    log(`one decision: median ${median.toFixed(0)} ms (${latencies.map((l) => l.toFixed(0))})`);

    const full = VALUES === 50_000 && EVENTS === 200_000 && CODERS === 10;
    const size = `${CODERS} coders, ${VALUES} values, ${docs} documents`;
    console.log(
      JSON.stringify({
        title: 'Team sync at scale (scripts/bench-team.ts)',
        rows: [
          {
            name: 'A new member’s first sync',
            value: Math.round(firstSyncMs),
            unit: 'ms',
            ...(full ? { target: 30_000 } : {}),
            detail: `${size}: an empty project linked, until every event is folded into its database`,
          },
          {
            name: 'One decision reaching another member',
            value: Math.round(median),
            unit: 'ms',
            ...(full ? { target: 2000 } : {}),
            detail: `median of 5: decided in one database, sent, pulled and folded in the other (${size})`,
          },
        ],
        notes: [
          `Where the first sync's time goes: ${where}.`,
          `Local server: \`scripts/server.mjs\` (PouchDB Server on LevelDB); the databases are Kodbok's own on fake-indexeddb in Node, the sync is src/sync/engine.ts. Seeding the server took ${(seedMs / 1000).toFixed(1)} s (not measured). Command: \`npm run bench -- --only=team\`. ${full ? '' : 'Not the full size: no targets.'}`,
        ],
      }),
    );
  } finally {
    await server.stop();
  }
}

await main();
