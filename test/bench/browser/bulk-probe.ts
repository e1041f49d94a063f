// Where the time of a bulk action on n values goes (issue 14 item 4): the action itself
// (applyBulkDecision), its steps timed one by one inside one strict transaction, and the floors
// under it: plain Dexie reading and writing back the variable's value pages (schema v5, with the
// app's DBCore change feed), and on a copy of the values one row each as schema v4 kept them,
// plain Dexie and raw IndexedDB getAll + put loop with strict and relaxed durability. Every
// variant writes the same n values of a fresh project, in rotating order, `runs` times. Run with
// `npm run bench -- --only=bulk-probe`.
import type Dexie from 'dexie';
import { codableLeaves } from '../../../src/core/codebook-edit';
import { starterCodebooks } from '../../../src/core/demo/codebooks';
import { leaves } from '../../../src/core/codebook';
import { decide, type DecisionContext, type DecisionOutcome } from '../../../src/core/decide';
import { KodbokDb, type ValuePageRow } from '../../../src/db/db';
import { historyRow } from '../../../src/db/decisions';
import { applyBulkDecision, createProject } from '../../../src/db/repo';
import { loadValues } from '../../../src/db/projects';
import { PAGES_PER_VARIABLE, putValues } from '../../../src/db/value-pages';
import { dropPerRow, perRowCopy, perRowRange } from './per-row-floor';

const VARIABLE = 'aktualiseringsorsak';
const codebook = starterCodebooks.find((c) => c.variable === VARIABLE) ?? starterCodebooks[0]!;
const leafCodes = leaves(codebook).map((c) => c.code);

/** One variant's runs, ms; `steps` names the parts of a run timed inside it. */
export interface ProbeResult {
  readonly name: string;
  readonly total: number[];
  readonly steps: Record<string, number[]>;
}

interface Probe {
  readonly name: string;
  run(r: number): Promise<Record<string, number>>;
}

/**
 * A project of n uncoded values (`Värde 0` …) in a database of its own: the bench's `bulk` and
 * this probe work on it.
 */
export async function seeded(
  n: number,
  name = 'probe',
): Promise<{ db: KodbokDb; project: string; raws: string[] }> {
  const db = new KodbokDb(`kodbok-${name}-${n}-${Date.now()}`);
  const counts = new Map<
    string,
    { frequency: number; municipalities: number; combinations: number }
  >();
  for (let i = 0; i < n; i++)
    counts.set(`Värde ${i}`, { frequency: 1, municipalities: 1, combinations: 1 });
  const project = await createProject(db, {
    name,
    demo: false,
    variables: [{ id: VARIABLE, label: 'Orsak', codebook, split: { separators: [] }, order: 0 }],
    values: new Map([[VARIABLE, counts]]),
  });
  return { db, project: project.id, raws: [...counts.keys()] };
}

function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Raw IndexedDB: one getAll of the variable's range, one put per row, then the commit. */
function rawReadWrite(
  idb: IDBDatabase,
  project: string,
  durability: 'strict' | 'relaxed',
): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const tx = idb.transaction(['values'], 'readwrite', { durability });
    const store = tx.objectStore('values');
    const req = store.getAll(IDBKeyRange.bound([project, VARIABLE], [project, VARIABLE, []]));
    let t1 = 0;
    let t2 = 0;
    req.onsuccess = () => {
      t1 = performance.now();
      const at = new Date().toISOString();
      for (const row of req.result as object[]) store.put({ ...row, updatedAt: at });
      t2 = performance.now();
    };
    tx.oncomplete = () => {
      const t3 = performance.now();
      resolve({ read: t1 - t0, queue: t2 - t1, commit: t3 - t2 });
    };
    tx.onerror = () => reject(tx.error);
  });
}

/** Plain Dexie on the per-row copy: the variable's rows read, then written back (bulkPut). */
async function dexieReadWrite(d: Dexie, project: string): Promise<Record<string, number>> {
  const t0 = performance.now();
  let t1 = 0;
  let t2 = 0;
  await d.transaction('rw', d.table('values'), async () => {
    const rows = await perRowRange(d, project, VARIABLE).toArray();
    t1 = performance.now();
    const at = new Date().toISOString();
    await d.table('values').bulkPut(rows.map((v: object) => ({ ...v, updatedAt: at })));
    t2 = performance.now();
  });
  const t3 = performance.now();
  return { read: t1 - t0, write: t2 - t1, commit: t3 - t2 };
}

/** Plain Dexie on the app's database: the variable's pages read, then written back (bulkPut). */
async function pagesReadWrite(db: KodbokDb, project: string): Promise<Record<string, number>> {
  const t0 = performance.now();
  let t1 = 0;
  let t2 = 0;
  await db.transaction('rw', db.valuePages, async () => {
    const pages = await db.valuePages
      .where('[project+variable+page]')
      .between([project, VARIABLE, 0], [project, VARIABLE, PAGES_PER_VARIABLE])
      .toArray();
    t1 = performance.now();
    const at = new Date().toISOString();
    await db.valuePages.bulkPut(
      pages.map((p): ValuePageRow => ({
        ...p,
        values: p.values.map((v) => ({ ...v, updatedAt: at })),
      })),
    );
    t2 = performance.now();
  });
  const t3 = performance.now();
  return { read: t1 - t0, write: t2 - t1, commit: t3 - t2 };
}

/** applyBulkDecision's own steps (repo code, not a copy of its rules), each timed. */
async function actionSteps(
  db: KodbokDb,
  project: string,
  r: number,
): Promise<Record<string, number>> {
  const t: Record<string, number> = {};
  const code = leafCodes[(r + 7) % leafCodes.length]!;
  const start = performance.now();
  let mark = start;
  const lap = (name: string) => {
    const now = performance.now();
    t[name] = now - mark;
    mark = now;
  };
  await db.transaction('rw', [db.variables, db.valuePages, db.history], async () => {
    const variable = await db.variables.get([project, VARIABLE]);
    if (!variable) throw new Error('no variable');
    const ctx: DecisionContext = {
      by: 'probe',
      at: new Date().toISOString(),
      batch: `probe-${r}`,
      leaves: codableLeaves(variable.codebook),
      changeApproved: false,
    };
    const rows = await loadValues(db, project, VARIABLE);
    lap('read');
    const outcomes: DecisionOutcome[] = [];
    for (const row of rows) {
      const out = decide(row, { kind: 'assign', code }, ctx);
      if (typeof out !== 'string') outcomes.push(out);
    }
    lap('decide');
    await putValues(
      db,
      outcomes.map((o) => ({ ...o.value, project })),
    );
    lap('write values');
    const history = historyRow(project, VARIABLE, ctx, 'assign', outcomes);
    const c0 = performance.now();
    structuredClone(history);
    t['clone history'] = performance.now() - c0;
    mark = performance.now();
    await db.history.add(history);
    lap('write history');
  });
  lap('commit');
  t['json bytes: history row'] = JSON.stringify((await db.history.toCollection().last())!).length;
  t['json bytes: value page row'] = JSON.stringify(
    (await db.valuePages.toCollection().first())!,
  ).length;
  return t;
}

async function probe(n: number, runs = 5): Promise<ProbeResult[]> {
  const { db, project, raws } = await seeded(n);
  // The per-row floors run on a copy of the values, one row each (schema v4's layout).
  const plain = await perRowCopy(`${db.name}-rows`, await loadValues(db, project, VARIABLE));
  const idb = await openRaw(plain.name);
  const probes: Probe[] = [
    {
      name: 'applyBulkDecision (the action)',
      run: async (r) => {
        await applyBulkDecision(db, {
          project,
          variable: VARIABLE,
          raws,
          input: { kind: 'assign', code: leafCodes[r % leafCodes.length]! },
          by: 'bench',
        });
        return {};
      },
    },
    { name: 'action steps, timed inside', run: (r) => actionSteps(db, project, r) },
    {
      name: 'plain Dexie pages read + bulkPut, app db (change feed)',
      run: () => pagesReadWrite(db, project),
    },
    {
      name: 'plain Dexie read + bulkPut, one row per value (v4)',
      run: () => dexieReadWrite(plain, project),
    },
    {
      name: 'raw IDB getAll + put loop, one row per value, strict',
      run: () => rawReadWrite(idb, project, 'strict'),
    },
    {
      name: 'raw IDB getAll + put loop, one row per value, relaxed',
      run: () => rawReadWrite(idb, project, 'relaxed'),
    },
  ];
  const results = probes.map((p): ProbeResult => ({ name: p.name, total: [], steps: {} }));
  for (let r = 0; r < runs; r++) {
    // Rotating order: no variant always runs first or after the same one.
    for (let k = 0; k < probes.length; k++) {
      const i = (k + r) % probes.length;
      const start = performance.now();
      const steps = await probes[i]!.run(r);
      const res = results[i]!;
      res.total.push(performance.now() - start);
      for (const [name, ms] of Object.entries(steps)) (res.steps[name] ??= []).push(ms);
    }
  }
  idb.close();
  await dropPerRow(plain);
  db.close();
  await KodbokDb.delete(db.name);
  return results;
}

declare global {
  interface Window {
    kodbokBulkProbe: { probe: typeof probe };
  }
}
window.kodbokBulkProbe = { probe };
