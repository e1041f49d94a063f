import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { newRawValue } from '../../src/core/decide';
import { KodbokDb, type ValueRow } from '../../src/db/db';
import { importFiles, undoImport, watchProject, type ProjectChanges } from '../../src/db/repo';
import {
  addValues,
  changeValues,
  countVariableValues,
  getValue,
  getValues,
  getVariableValues,
  pageOf,
  PAGES_PER_VARIABLE,
  putValues,
  readProjectValues,
  readVariableValues,
} from '../../src/db/value-pages';
import {
  decideAs,
  emptyProject,
  freshDb,
  projectWith,
  request,
  storedValues,
  variable,
} from './helpers';

// Values kept in pages (schema v5): callers read and write values as rows, whatever page they
// fall on; a write touches only its values' pages and announces only the values it changed.

const V = variable.id;
const row = (project: string, raw: string, variable_ = V): ValueRow => ({
  ...newRawValue(variable_, raw, 1, 1),
  project,
});
const raws = (n: number) => Array.from({ length: n }, (_, i) => `Värde ${i}`);
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('value pages', () => {
  it('puts a value on a page fixed by its raw text, the same in every version', () => {
    // Stored keys depend on it: a changed function would look for values on the wrong page.
    // FNV-1a (32 bits) over UTF-16 code units, modulo 256; worked out independently in Python.
    expect(['', 'a', 'Missbruk', '__proto__', 'Våld i nära relation'].map(pageOf)).toEqual([
      197, 44, 141, 189, 6,
    ]);
    for (const raw of raws(2000)) {
      expect(Number.isInteger(pageOf(raw))).toBe(true);
      expect(pageOf(raw)).toBeGreaterThanOrEqual(0);
      expect(pageOf(raw)).toBeLessThan(PAGES_PER_VARIABLE);
    }
  });

  it('reads back every value written, in key order, by variable, by key and one at a time', async () => {
    const db = freshDb();
    const hostile = ['__proto__', 'constructor', 'hasOwnProperty', '', ' x ', 'Ä', 'A', '😀'];
    const rows = [...hostile, ...raws(1500)].map((raw) => row('p', raw));
    const other = raws(30).map((raw) => row('p', raw, 'insats'));
    await db.transaction('rw', db.valuePages, () => putValues(db, [...rows, ...other]));
    const sorted = [...rows].sort((a, b) => byCodeUnits(a.raw, b.raw));
    expect(await readVariableValues(db, 'p', V)).toEqual(sorted);
    expect((await readProjectValues(db, 'p')).map((v) => [v.variable, v.raw])).toEqual(
      [...sorted, ...other.sort((a, b) => byCodeUnits(a.raw, b.raw))].map((v) => [
        v.variable,
        v.raw,
      ]),
    );
    expect((await readProjectValues(db, 'p', V)).map((v) => v.variable)).toEqual(
      other.map(() => 'insats'),
    );
    expect(await getVariableValues(db, 'p', V, ['__proto__', 'nope', 'Värde 7'])).toEqual([
      rows[0],
      undefined,
      rows.find((v) => v.raw === 'Värde 7'),
    ]);
    expect(
      await getValues(db, [
        ['p', 'insats', 'Värde 3'],
        ['q', V, 'Värde 3'],
      ]),
    ).toEqual([other.find((v) => v.raw === 'Värde 3'), undefined]);
    expect(await getValue(db, 'p', V, 'constructor')).toEqual(rows[1]);
    expect(await countVariableValues(db, 'p', V)).toBe(rows.length);
    // Fewer, larger rows: no more pages than the fixed number per variable.
    expect(await db.valuePages.count()).toBeLessThanOrEqual(PAGES_PER_VARIABLE + 30);
  });

  it('replaces and deletes values by key and leaves the others on their pages as they were', async () => {
    const db = freshDb();
    const rows = raws(800).map((raw) => row('p', raw));
    await db.transaction('rw', db.valuePages, () => addValues(db, rows));
    const coded = { ...rows[5]!, code: 'H01', status: 'coded' as const };
    await db.transaction('rw', db.valuePages, () =>
      changeValues(
        db,
        [coded, row('p', 'Ny')],
        [
          ['p', V, 'Värde 6'],
          ['p', V, 'absent'],
        ],
      ),
    );
    const expected = [...rows.filter((v) => v.raw !== 'Värde 6'), row('p', 'Ny')]
      .map((v) => (v.raw === 'Värde 5' ? coded : v))
      .sort((a, b) => byCodeUnits(a.raw, b.raw));
    expect(await readVariableValues(db, 'p', V)).toEqual(expected);
  });

  it('refuses to add a value that is stored (as bulkAdd did) and stores nothing of that write', async () => {
    const db = freshDb();
    await db.transaction('rw', db.valuePages, () => addValues(db, [row('p', 'a')]));
    const before = await storedValues(db);
    await expect(
      db.transaction('rw', db.valuePages, () => addValues(db, [row('p', 'b'), row('p', 'a')])),
    ).rejects.toBeInstanceOf(Dexie.ConstraintError);
    await expect(
      db.transaction('rw', db.valuePages, () => addValues(db, [row('p', 'c'), row('p', 'c')])),
    ).rejects.toBeInstanceOf(Dexie.ConstraintError);
    expect(await storedValues(db)).toEqual(before);
  });
});

function collect(db: KodbokDb, project: string): ProjectChanges[] {
  const seen: ProjectChanges[] = [];
  watchProject(db, project, (c) => seen.push(c));
  return seen;
}

describe('a bulk action on many values', () => {
  it('writes at most one row per page of the variable, not one per value (issue 14 item 4)', async () => {
    const db = freshDb();
    const p = await projectWith(
      db,
      raws(10_000).map((raw): [string, number] => [raw, 1]),
    );
    // Every row any write hands to IndexedDB, per table, counted below Dexie (on a second
    // connection: middleware joins a database when it opens).
    const rows = new Map<string, number>();
    const tab = new KodbokDb(db.name);
    tab.use({
      stack: 'dbcore',
      name: 'count-rows',
      create: (down) => ({
        ...down,
        table: (name) => {
          const t = down.table(name);
          return {
            ...t,
            mutate: (req) => {
              const n = req.type === 'put' || req.type === 'add' ? req.values.length : 0;
              rows.set(name, (rows.get(name) ?? 0) + n);
              return t.mutate(req);
            },
          };
        },
      }),
    });
    const r = await decideAs(tab, p.id, 'anna', raws(10_000), { kind: 'assign', code: 'H01' });
    tab.close();
    expect(r.changed).toBe(10_000);
    expect(rows.get('valuePages')).toBeLessThanOrEqual(PAGES_PER_VARIABLE);
    expect(rows.get('history')).toBe(1);
    expect((await readVariableValues(db, p.id, V)).every((v) => v.code === 'H01')).toBe(true);
  });
});

describe('the change feed over pages', () => {
  // 3 000 values: every page holds ~12, so announcing whole pages would show here.
  const many = raws(3000).map((raw): [string, number] => [raw, 1]);

  it('announces exactly the values a decision changed, not the other values of their pages', async () => {
    const db = freshDb();
    const p = await projectWith(db, many);
    const seen = collect(db, p.id);
    await decideAs(db, p.id, 'anna', ['Värde 1', 'Värde 2'], { kind: 'assign', code: 'H07' });
    expect(seen).toHaveLength(1);
    const rows = seen[0]!.values.get(V)!;
    expect([...rows.keys()].sort()).toEqual(['Värde 1', 'Värde 2']);
    expect(rows.get('Värde 1')).toMatchObject({ code: 'H07', status: 'coded', codedBy: 'anna' });
    // A value asked for that is not stored, or not changed, is not announced either.
    await decideAs(db, p.id, 'anna', ['Värde 1', 'absent'], { kind: 'assign', code: 'H07' });
    expect(seen.length === 1 || [...seen[1]!.values.get(V)!.keys()].length === 0).toBe(true);
  });

  it("brings exactly another tab's changed values, read by key", async () => {
    const db = freshDb();
    const other = new KodbokDb(db.name);
    const p = await projectWith(db, many);
    const seen = collect(db, p.id);
    await decideAs(other, p.id, 'bo', ['Värde 9'], { kind: 'assign', code: 'H01' });
    const start = Date.now();
    while (seen.length === 0 && Date.now() - start < 5000)
      await new Promise((r) => setTimeout(r, 5));
    expect(seen[0]).toMatchObject({ remote: true, reset: false });
    expect([...seen[0]!.values.get(V)!.entries()]).toEqual([
      ['Värde 9', expect.objectContaining({ code: 'H01', codedBy: 'bo' })],
    ]);
    other.close();
  });

  it('announces the values an import undo deleted as deleted, and only those', async () => {
    const db = freshDb();
    const p = await emptyProject(db);
    await importFiles(
      db,
      request(
        p.id,
        many.map(([raw]) => [raw, 'Gävle']),
      ),
    );
    const r = await importFiles(
      db,
      request(p.id, [
        ['Värde 1', 'Umeå'],
        ['Ny', 'Umeå'],
      ]),
    );
    const seen = collect(db, p.id);
    expect(await undoImport(db, p.id, r.id, 'anna')).toMatchObject({ ok: true, removed: 1 });
    const rows = seen.at(-1)!.values.get(V)!;
    expect([...rows.keys()].sort()).toEqual(['Ny', 'Värde 1']);
    expect(rows.get('Ny')).toBeNull();
    expect(rows.get('Värde 1')).toMatchObject({ raw: 'Värde 1', municipalities: 1 });
  });
});
