import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import {
  eraseDatabase,
  KodbokDb,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_V5,
  watchSchema,
} from '../../src/db/db';
import { linkProject } from '../../src/db/team';
import {
  backupBeforeUpgrade,
  listUpgradeBackups,
  UPGRADE_BACKUPS_DB,
  UpgradeBackupsDb,
} from '../../src/db/upgrade-backup';
import { readBackupFile } from '../../src/core/formats/backup';
import { CellCounter, splitCounted } from '../../src/core/import-count';
import {
  byRaw,
  editCodebook,
  importFiles,
  loadCodebookVersions,
  listImports,
  loadValues,
  loadVariables,
  loadNotes,
  nextSteps,
  restoreProject,
  undoImport,
  undoLastBatch,
  valueHistory,
  writeNote,
} from '../../src/db/repo';
import { variable, decideAs, storedValues } from './helpers';

// One test per schema version: build the old database by hand, with the raw IndexedDB API as
// the version shipped it, then open it with today's code. Dexie stores version n as 10·n.

function openRaw(
  name: string,
  version: number,
  upgrade: (db: IDBDatabase) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => upgrade(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function put(db: IDBDatabase, store: string, rows: unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    for (const r of rows) tx.objectStore(store).put(r);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

async function buildV1(name: string): Promise<void> {
  const raw = await openRaw(name, 10, (db) => {
    db.createObjectStore('projects', { keyPath: 'id' });
    const vars = db.createObjectStore('variables', { keyPath: ['project', 'id'] });
    vars.createIndex('project', 'project');
    db.createObjectStore('values', { keyPath: ['project', 'variable', 'raw'] });
    const history = db.createObjectStore('history', { keyPath: 'seq', autoIncrement: true });
    history.createIndex('[project+variable]', ['project', 'variable']);
    db.createObjectStore('settings', { keyPath: 'key' });
  });
  await put(raw, 'projects', [
    { id: 'p1', name: 'Old', createdAt: '2026-01-01T00:00:00.000Z', demo: false },
  ]);
  await put(raw, 'variables', [{ ...variable, project: 'p1' }]);
  await put(raw, 'values', [
    approvedV1,
    {
      project: 'p1',
      variable: variable.id,
      raw: 'Bristande omsorg',
      frequency: 3,
      municipalities: 1,
      code: null,
      status: 'uncoded',
      codedBy: null,
      codedAt: null,
      reviewedBy: null,
      reviewedAt: null,
      note: '',
      updatedAt: null,
    },
  ]);
  await put(raw, 'history', [
    {
      project: 'p1',
      variable: variable.id,
      batch: 'b1',
      kind: 'approve',
      by: 'erik',
      at: '2026-01-03T00:00:00.000Z',
      changes: [
        {
          raw: 'Missbruk förälder',
          code: 'H07',
          status: 'approved',
          note: 'ok',
          before: {
            code: 'H07',
            status: 'coded',
            codedBy: 'anna',
            codedAt: '2026-01-02T00:00:00.000Z',
            reviewedBy: null,
            reviewedAt: null,
            note: 'ok',
            updatedAt: '2026-01-02T00:00:00.000Z',
          },
        },
      ],
    },
  ]);
  raw.close();
}

// An approved value as schema version 1 stored it.
const approvedV1 = {
  project: 'p1',
  variable: variable.id,
  raw: 'Missbruk förälder',
  frequency: 7,
  municipalities: 2,
  code: 'H07',
  status: 'approved',
  codedBy: 'anna',
  codedAt: '2026-01-02T00:00:00.000Z',
  reviewedBy: 'erik',
  reviewedAt: '2026-01-03T00:00:00.000Z',
  note: 'ok',
  updatedAt: '2026-01-03T00:00:00.000Z',
};

describe('schema migrations', () => {
  it('v1: a database written by the first version opens with every decision intact and stays writable', async () => {
    const name = `mig-v1-${Math.random()}`;
    await buildV1(name);
    const db = new KodbokDb(name);
    const values = await loadValues(db, 'p1', variable.id);
    expect(values.find((v) => v.raw === 'Missbruk förälder')).toMatchObject({
      code: 'H07',
      status: 'approved',
      reviewedBy: 'erik',
      note: 'ok',
    });
    expect((await loadVariables(db, 'p1'))[0]?.codebook.id).toBe(variable.codebook.id);
    const history = await valueHistory(db, 'p1', variable.id, 'Missbruk förälder');
    expect(history.map((h) => [h.kind, h.by])).toEqual([['approve', 'erik']]);
    const r = await decideAs(db, 'p1', 'anna', ['Bristande omsorg'], {
      kind: 'assign',
      code: 'H01',
    });
    expect(r.changed).toBe(1);
    db.close();
  });
});

describe('schema v2 (imports, counts per municipality, combinations)', () => {
  it('opens a v1 database with every decision intact, new value fields defaulted, and files importable', async () => {
    const name = `mig-v2-${Math.random()}`;
    await buildV1(name);
    const db = new KodbokDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(2);
    const values = byRaw(await loadValues(db, 'p1', variable.id));
    expect(values.get('Missbruk förälder')).toEqual({
      ...approvedV1,
      combinations: null,
      firstImport: null,
    });
    expect(values.get('Bristande omsorg')).toMatchObject({ combinations: null, firstImport: null });
    expect(await listImports(db, 'p1')).toEqual([]);
    // Next year's files merge into the old values: the decision stays, counts grow (the old
    // municipality count is kept as a base: a lower bound, as documented).
    const c = new CellCounter();
    c.add('Missbruk förälder', 'Gävle');
    c.add('Ny orsak', 'Gävle');
    const r = await importFiles(db, {
      project: 'p1',
      by: 'anna',
      files: [],
      variables: [splitCounted(variable.id, c.cells, variable.split)],
    });
    const after = byRaw(await loadValues(db, 'p1', variable.id));
    expect(after.get('Missbruk förälder')).toMatchObject({
      code: 'H07',
      status: 'approved',
      frequency: 8,
      municipalities: 2,
      combinations: null,
      firstImport: null,
    });
    expect(after.get('Ny orsak')).toMatchObject({ firstImport: r.id, combinations: 1 });
    expect(await undoImport(db, 'p1', r.id, 'anna')).toMatchObject({ ok: true });
    expect(byRaw(await loadValues(db, 'p1', variable.id)).get('Missbruk förälder')).toEqual(
      values.get('Missbruk förälder'),
    );
    db.close();
  });
});

describe('schema v3 (note events)', () => {
  it('opens a v2 database with every value and history row intact, and notes can be written', async () => {
    const name = `mig-v3-${Math.random()}`;
    await buildV1(name);
    // Version 2 as it shipped: Dexie with only versions 1 and 2 declared.
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    const before = await v2.table('values').toArray();
    const historyBefore = await v2.table('history').toArray();
    v2.close();

    const db = new KodbokDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(3);
    expect(await storedValues(db)).toEqual(before);
    expect(await db.history.toArray()).toEqual(historyBefore);
    const e = await writeNote(db, {
      project: 'p1',
      variable: variable.id,
      raw: 'Missbruk förälder',
      input: { kind: 'note', text: 'Kolla koden' },
      by: 'anna',
    });
    expect(e).toMatchObject({ kind: 'note', code: 'H07', status: 'approved', by: 'anna' });
    expect((await loadNotes(db, 'p1', variable.id)).length).toBe(1);
    db.close();
  });
});

/** A database built as version 1, then opened as version 3 shipped: its tables' rows. */
async function buildV3(
  name: string,
): Promise<Record<'values' | 'variables' | 'history', unknown[]>> {
  await buildV1(name);
  const v3 = new Dexie(name);
  v3.version(1).stores(SCHEMA_V1);
  v3.version(2).stores(SCHEMA_V2);
  v3.version(3).stores(SCHEMA_V3);
  await v3.open();
  const rows = {
    values: await v3.table('values').toArray(),
    variables: await v3.table('variables').toArray(),
    history: await v3.table('history').toArray(),
  };
  v3.close();
  return rows;
}

/** A database as version 4 shipped (Dexie with versions 1–4 declared), opened. */
async function openAsV4(name: string): Promise<Dexie> {
  const v4 = new Dexie(name);
  v4.version(1).stores(SCHEMA_V1);
  v4.version(2).stores(SCHEMA_V2);
  v4.version(3).stores(SCHEMA_V3);
  v4.version(4).stores(SCHEMA_V4);
  await v4.open();
  return v4;
}

describe('schema v4 (codebook versions)', () => {
  it('opens a v3 database with everything intact; its codebook becomes version 1 at the first edit', async () => {
    const name = `mig-v4-${Math.random()}`;
    const { values: before, variables: variablesBefore } = await buildV3(name);

    const db = new KodbokDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect(await storedValues(db)).toEqual(before);
    expect(await db.variables.toArray()).toEqual(variablesBefore);
    expect(await loadCodebookVersions(db, 'p1', variable.id)).toEqual([]);
    const r = await editCodebook(db, {
      project: 'p1',
      variable: variable.id,
      edit: { kind: 'add', category: { code: 'N1', label: 'Ny', parent: null } },
      by: 'anna',
    });
    expect(r).toMatchObject({ ok: true, version: 2 });
    const versions = await loadCodebookVersions(db, 'p1', variable.id);
    expect(versions[0]?.codebook).toEqual((variablesBefore[0] as { codebook: unknown }).codebook);
    db.close();
  });
});

describe('schema v4 (team sync: outbox, applied events, disagreements)', () => {
  it('opens a v3 database intact; a linked project queues its decisions in the same transaction', async () => {
    const name = `mig-v4-${Math.random()}`;
    const { values: before, history: historyBefore } = await buildV3(name);

    const db = new KodbokDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect(await storedValues(db)).toEqual(before);
    expect(await db.history.toArray()).toEqual(historyBefore);
    expect(await db.outbox.count()).toBe(0);
    // A solo project queues nothing; a linked one queues each decision as one event.
    await decideAs(db, 'p1', 'anna', ['Missbruk förälder'], { kind: 'flag' });
    expect(await db.outbox.count()).toBe(0);
    await linkProject(db, 'p1', {
      url: 'http://127.0.0.1:5984',
      db: 'kodbok-p1',
      user: 'anna',
      since: null,
    });
    await decideAs(db, 'p1', 'anna', ['Missbruk förälder'], { kind: 'note', note: 'x' });
    const [queued] = await db.outbox.toArray();
    expect(queued?.event).toMatchObject({ kind: 'decision', action: 'note', author: 'anna' });
    db.close();
  });
});

describe("schema v5 (each person's history indexed)", () => {
  it('opens a v4 database with its history intact; her next undo and redo are the same', async () => {
    const name = `mig-v5-${Math.random()}`;
    await buildV3(name);
    const v4 = await openAsV4(name);
    const historyBefore = await v4.table('history').toArray();
    v4.close();

    const db = new KodbokDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(5);
    expect(await db.history.toArray()).toEqual(historyBefore);
    const by = (historyBefore.at(-1) as { by: string }).by;
    const steps = await nextSteps(db, 'p1', variable.id, by);
    expect(steps.undo).toMatchObject({ by });
    expect(await undoLastBatch(db, 'p1', variable.id, by)).not.toBeNull();
    expect((await nextSteps(db, 'p1', variable.id, by)).redo).toMatchObject({ by });
    db.close();
  });
});

describe('another tab opens a newer schema (RELIABILITY.md rule 9)', () => {
  it('the old tab closes its connection and is told to reload; the new tab opens', async () => {
    const name = `tabs-${Math.random()}`;
    const old = new KodbokDb(name);
    await old.open();
    let told = false;
    watchSchema(old, { onVersionChange: () => (told = true), onBlocked: () => undefined });
    // One version above today's (Dexie stores version n as 10·n).
    const newer = await openRaw(name, old.verno * 10 + 10, () => undefined);
    expect(told).toBe(true);
    expect(old.isOpen()).toBe(false);
    newer.close();
  });
});

describe('schema v5 (values kept in pages)', () => {
  it('opens a v4 database with values, codings, history and counts as they were; the per-row store is gone', async () => {
    const name = `mig-v5-${Math.random()}`;
    await buildV3(name);
    // Version 4 as it shipped; two projects, two variables, values whose raw text is hostile to
    // plain objects, a coding, a history row, a counts row.
    const v4 = await openAsV4(name);
    const more = ['__proto__', 'constructor', '', 'Å', 'a'.repeat(300), ...range(700)];
    const extra = more.flatMap((raw, i) => [
      {
        ...approvedV1,
        raw,
        frequency: i + 1,
        combinations: i % 3,
        firstImport: i % 2 ? 'imp-1' : null,
        ...(i % 5 ? { code: null, status: 'uncoded', reviewedBy: null } : {}),
      },
      {
        ...approvedV1,
        project: 'p2',
        variable: 'insats',
        raw,
        combinations: null,
        firstImport: null,
      },
    ]);
    await v4.table('values').bulkPut(extra);
    await v4.table('counts').put({
      project: 'p1',
      variable: variable.id,
      tallies: [{ raw: '__proto__', byMunicipality: [['Gävle', 2]] }],
      combinations: [],
    });
    const before = await v4.table('values').toArray();
    const history = await v4.table('history').toArray();
    const counts = await v4.table('counts').toArray();
    v4.close();
    expect(before.length).toBeGreaterThan(1400);

    const db = new KodbokDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(5);
    expect(db.backendDB().objectStoreNames.contains('values')).toBe(false);
    expect(await storedValues(db)).toEqual(before);
    expect(await loadValues(db, 'p1', variable.id)).toEqual(
      before.filter((v) => v.project === 'p1' && v.variable === variable.id),
    );
    expect(await loadValues(db, 'p2', 'insats')).toEqual(before.filter((v) => v.project === 'p2'));
    expect(await db.history.toArray()).toEqual(history);
    expect(await db.counts.toArray()).toEqual(counts);
    // Still writable: a decision on a migrated value changes that value and nothing else.
    const r = await decideAs(db, 'p1', 'anna', ['constructor'], { kind: 'assign', code: 'H01' });
    expect(r.changed).toBe(1);
    const after = await storedValues(db);
    expect(after.filter((v, i) => v !== before[i] && !isEqual(v, before[i]))).toHaveLength(1);
    db.close();
  });
});

describe('a backup before every schema migration (RELIABILITY.md rule 8)', () => {
  // The schema version this Kodbok opens (declared, not opened).
  const current = (() => {
    const probe = new KodbokDb(`probe-${Math.random()}`);
    const v = probe.verno;
    probe.close();
    return v;
  })();
  it('keeps a backup of each project of a v4 database before it is upgraded; the backup restores it', async () => {
    const name = `mig-backup-${Math.random()}`;
    await buildV3(name);
    const v4 = await openAsV4(name);
    await v4.table('values').bulkPut(
      ['__proto__', 'constructor', ' två  blanksteg ', ...range(50)].map((raw, i) => ({
        ...approvedV1,
        raw,
        frequency: i + 1,
        combinations: null,
        firstImport: null,
      })),
    );
    // Rows written by schema v1 (this database's first) as the v2 upgrade would have left them.
    const before = (await v4.table('values').toArray()).map(
      (v: { project: string; raw: string }) => ({
        combinations: null,
        firstImport: null,
        ...v,
      }),
    );
    const history = await v4.table('history').toArray();
    v4.close();

    const at = new Date('2026-12-06T12:00:00.000Z');
    const kept = await backupBeforeUpgrade(current, { name, now: () => at });
    expect(kept.map((k) => [k.project, k.from, k.to, k.at])).toEqual([
      ['p1', 4, current, at.toISOString()],
    ]);
    // The project database itself was not touched: still version 4 (Dexie's 40).
    const list = await indexedDB.databases();
    expect(list.find((d) => d.name === name)?.version).toBe(40);
    // Kept in the upgrade backups' database, as the file the menu downloads.
    const listed = await listUpgradeBackups();
    expect(listed.some((k) => k.id === kept[0]?.id)).toBe(true);
    const read = readBackupFile(kept[0]?.json ?? '');
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const sorted = (rows: readonly { raw: string }[]) =>
      [...rows].sort((a, b) => (a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0));
    expect(sorted(read.value.values)).toEqual(
      sorted(before.map(({ project: _p, ...v }) => v as { raw: string })),
    );
    expect(read.value.history).toHaveLength(history.length);

    // The upgrade then runs; a later start has nothing to upgrade and keeps nothing more.
    const db = new KodbokDb(name);
    await db.open();
    expect(db.verno).toBe(current);
    expect(await backupBeforeUpgrade(current, { name })).toEqual([]);
    // The backup restores the project as it was before the upgrade (as a copy beside it here).
    const copy = await restoreProject(db, read.value, (n) => `${n} (kopia)`);
    expect(sorted(await loadValues(db, copy.id, variable.id))).toEqual(
      sorted(before.map((v: { raw: string }) => ({ ...v, project: copy.id }))),
    );
    db.close();
  });

  it('keeps nothing, and creates nothing, when there is no database or it is current', async () => {
    const name = `mig-none-${Math.random()}`;
    expect(await backupBeforeUpgrade(current, { name })).toEqual([]);
    expect((await indexedDB.databases()).some((d) => d.name === name)).toBe(false);
    const db = new KodbokDb(name);
    await db.open();
    db.close();
    expect(await backupBeforeUpgrade(current, { name })).toEqual([]);
  });

  it('are erased with all local data (a shared machine keeps nothing)', async () => {
    const kept = new UpgradeBackupsDb();
    await kept.backups.put({
      id: 'x',
      at: '2026-12-06T12:00:00.000Z',
      from: 4,
      to: 5,
      project: 'p1',
      name: 'P',
      json: '{}',
      unreadable: [],
    });
    kept.close();
    await eraseDatabase();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(UPGRADE_BACKUPS_DB);
    expect(await listUpgradeBackups()).toEqual([]);
  });

  it('refuses to go on when the backup cannot be stored: the old database stays as it was', async () => {
    const name = `mig-fail-${Math.random()}`;
    await buildV3(name);
    const v4 = await openAsV4(name);
    const before = await v4.table('values').toArray();
    v4.close();
    // Storage is full: every write to the backups' database fails (as QuotaExceededError does).
    const full = (db: Dexie) => {
      if (db.name !== UPGRADE_BACKUPS_DB) return;
      db.use({
        stack: 'dbcore',
        name: 'storage-full',
        create: (down) => ({
          ...down,
          table: (n) => ({
            ...down.table(n),
            mutate: () => Promise.reject(new DOMException('storage is full', 'QuotaExceededError')),
          }),
        }),
      });
    };
    Dexie.addons.push(full);
    try {
      await expect(backupBeforeUpgrade(current, { name })).rejects.toThrow(
        new RegExp(
          `upgraded from version 4 to ${current}.*could not be stored \\(.*storage is full\\).*nothing was changed`,
        ),
      );
    } finally {
      Dexie.addons.splice(Dexie.addons.indexOf(full), 1);
    }
    expect((await indexedDB.databases()).find((d) => d.name === name)?.version).toBe(40);
    const still = await openAsV4(name);
    expect(await still.table('values').toArray()).toEqual(before);
    still.close();
  });
});

function range(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `Värde ${i}`);
}

describe('schema v6 (a checkpoint’s history pages and covered events)', () => {
  it('opens a v5 database with everything as it was; a value’s history and undo read as before', async () => {
    const name = `mig-v6-${Math.random()}`;
    await buildV3(name);
    // Version 5's stores (its values left out: the history is what v6 reads differently).
    const v5 = await openAsV4(name);
    v5.close();
    const raw = new Dexie(name);
    raw.version(4).stores({ ...SCHEMA_V1, ...SCHEMA_V2, ...SCHEMA_V3, ...SCHEMA_V4 });
    raw.version(5).stores(SCHEMA_V5);
    await raw.open();
    expect(raw.verno).toBe(5);
    raw.close();

    const db = new KodbokDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(6);
    expect(await db.historyPages.count()).toBe(0);
    expect(await db.teamCheckpoints.count()).toBe(0);
    const history = await db.history.toArray();
    const last = history.at(-1)!;
    const raws = last.changes.map((c) => c.raw);
    expect((await valueHistory(db, 'p1', variable.id, raws[0]!)).at(-1)).toMatchObject({
      by: last.by,
      batch: last.batch,
    });
    expect((await nextSteps(db, 'p1', variable.id, last.by)).undo).toMatchObject({ by: last.by });
    db.close();
  });
});

function isEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
