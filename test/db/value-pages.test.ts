import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { newRawValue } from '../../src/core/decide';
import type { ValueRow } from '../../src/db/db';
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
import { freshDb, storedValues, variable } from './helpers';

// Values kept in pages (schema v5): callers read and write values as rows, whatever page they
// fall on; a write touches only its values' pages.

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
