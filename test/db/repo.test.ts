import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { describeStorageError } from '../../src/db/errors';
import {
  byRaw,
  deleteProject,
  listProjects,
  loadValues,
  undoLastBatch,
  valueHistory,
} from '../../src/db/repo';
import { failWritesTo, freshDb, projectWith, variable, decideAs, setPeople } from './helpers';

const V = variable.id;

describe('a researcher codes values in bulk', () => {
  it('assigns a category to many values at once and records who and when', async () => {
    const db = freshDb();
    const p = await projectWith(db, [
      ['Missbruk förälder', 10],
      ['Föräldrar missbrukar', 5],
      ['Bristande omsorg', 3],
    ]);
    const r = await decideAs(db, p.id, 'anna', ['Missbruk förälder', 'Föräldrar missbrukar'], {
      kind: 'assign',
      code: 'H07',
    });
    expect(r.changed).toBe(2);
    const values = byRaw(await loadValues(db, p.id, V));
    expect(values.get('Missbruk förälder')).toMatchObject({
      code: 'H07',
      status: 'coded',
      codedBy: 'anna',
    });
    expect(values.get('Missbruk förälder')?.codedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(values.get('Bristande omsorg')).toMatchObject({ code: null, status: 'uncoded' });
    const hist = await valueHistory(db, p.id, V, 'Föräldrar missbrukar');
    expect(hist).toHaveLength(1);
    expect(hist[0]).toMatchObject({ kind: 'assign', code: 'H07', by: 'anna', batch: r.batch });
  });

  it('records a bulk action on 1 000 values as one history row that stays small to store', async () => {
    const db = freshDb();
    const raws = Array.from({ length: 1000 }, (_, i) => `Värde ${i}`);
    const p = await projectWith(
      db,
      raws.map((raw): [string, number] => [raw, 1]),
    );
    await decideAs(db, p.id, 'anna', raws, { kind: 'assign', code: 'H07' });
    const rows = (await db.history.toArray()).filter((h) => h.kind === 'assign');
    expect(rows).toHaveLength(1);
    // What IndexedDB clones and writes (V8's serializer, as in Chromium): the values' equal
    // codings before the action are stored once, not copied into every change (issue 14 item 4).
    expect(serialize(rows[0]).length / raws.length).toBeLessThan(100);
    const hist = await valueHistory(db, p.id, V, 'Värde 999');
    expect(hist).toEqual([
      expect.objectContaining({
        kind: 'assign',
        code: 'H07',
        status: 'coded',
        before: expect.objectContaining({ code: null, status: 'uncoded', updatedAt: null }),
      }),
    ]);
  });

  it('approves only values that have a category and says how many it skipped', async () => {
    const db = freshDb();
    const p = await projectWith(db, [
      ['a', 1],
      ['b', 1],
    ]);
    await decideAs(db, p.id, 'anna', ['a'], { kind: 'assign', code: 'H01' });
    const r = await decideAs(db, p.id, 'erik', ['a', 'b'], { kind: 'approve' });
    expect(r).toMatchObject({ changed: 1, skipped: { 'no-code': 1 } });
    const a = byRaw(await loadValues(db, p.id, V)).get('a');
    expect(a).toMatchObject({ status: 'approved', codedBy: 'anna', reviewedBy: 'erik' });
  });

  it('refuses to code a value to a group', async () => {
    const db = freshDb();
    const p = await projectWith(db, [['a', 1]]);
    const r = await decideAs(db, p.id, 'anna', ['a'], { kind: 'assign', code: 'HEM' });
    expect(r).toMatchObject({ changed: 0, skipped: { 'not-a-leaf': 1 } });
  });

  it('stores raw values such as __proto__ and constructor as keys, exactly', async () => {
    const db = freshDb();
    const p = await projectWith(db, [
      ['__proto__', 2],
      ['constructor', 1],
      ['  x  ', 1],
    ]);
    await decideAs(db, p.id, 'anna', ['__proto__', '  x  '], { kind: 'assign', code: 'H01' });
    const values = byRaw(await loadValues(db, p.id, V));
    expect(values.get('__proto__')?.code).toBe('H01');
    expect(values.get('  x  ')?.code).toBe('H01');
    expect(values.get('constructor')?.code).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('undoes the last bulk action as a unit, and the undo is itself in the history', async () => {
    const db = freshDb();
    const p = await projectWith(db, [
      ['a', 1],
      ['b', 1],
    ]);
    // A researcher alone on her project: four eyes off, she codes and approves.
    await setPeople(db, p.id, { members: [], fourEyes: false });
    await decideAs(db, p.id, 'anna', ['a', 'b'], { kind: 'assign', code: 'H01' });
    await decideAs(db, p.id, 'anna', ['a', 'b'], { kind: 'approve' });
    const u = await undoLastBatch(db, p.id, V, 'anna');
    expect(u?.changed).toBe(2);
    let values = byRaw(await loadValues(db, p.id, V));
    expect(values.get('a')).toMatchObject({ code: 'H01', status: 'coded' });
    await undoLastBatch(db, p.id, V, 'anna');
    values = byRaw(await loadValues(db, p.id, V));
    expect(values.get('b')).toMatchObject({ code: null, status: 'uncoded' });
    expect(await undoLastBatch(db, p.id, V, 'anna')).toBeNull();
    expect((await valueHistory(db, p.id, V, 'a')).map((h) => h.kind)).toEqual([
      'assign',
      'approve',
      'undo',
      'undo',
    ]);
  });

  it('does not undo over a later decision by someone else', async () => {
    const db = freshDb();
    const p = await projectWith(db, [
      ['a', 1],
      ['b', 1],
    ]);
    await decideAs(db, p.id, 'anna', ['a', 'b'], { kind: 'assign', code: 'H01' });
    const other = freshDbShare(db);
    await decideAs(other, p.id, 'erik', ['b'], { kind: 'note', note: 'check' });
    const u = await undoLastBatch(db, p.id, V, 'anna');
    // Anna's own assignment is undone where nobody touched it since; Erik's note on b stays.
    expect(u).toMatchObject({ changed: 1, skipped: { 'changed-since': 1 } });
    const values = byRaw(await loadValues(db, p.id, V));
    expect(values.get('a')).toMatchObject({ code: null, status: 'uncoded' });
    expect(values.get('b')).toMatchObject({ note: 'check', code: 'H01' });
  });

  it('deletes a project with everything in it', async () => {
    const db = freshDb();
    const p = await projectWith(db, [['a', 1]]);
    const q = await projectWith(db, [['a', 1]]);
    await decideAs(db, p.id, 'x', ['a'], { kind: 'assign', code: 'H01' });
    await deleteProject(db, p.id);
    expect((await listProjects(db)).map((x) => x.id)).toEqual([q.id]);
    expect(await loadValues(db, p.id, V)).toEqual([]);
    expect(await db.history.count()).toBe(0);
    expect(await loadValues(db, q.id, V)).toHaveLength(1);
  });
});

function freshDbShare(db: ReturnType<typeof freshDb>) {
  // A second connection to the same database, as a second tab would have.
  return new (db.constructor as new (name: string) => typeof db)(db.name);
}

describe('all or nothing (RELIABILITY.md rule 2)', () => {
  it('stores nothing of a bulk action when one of its writes fails', async () => {
    const db = freshDb();
    const p = await projectWith(db, [
      ['a', 1],
      ['b', 1],
      ['c', 1],
    ]);
    const before = await loadValues(db, p.id, V);
    const broken = freshDbShare(db);
    broken.use(failWritesTo('history', () => new Error('disk on fire')));
    await expect(
      decideAs(broken, p.id, 'anna', ['a', 'b', 'c'], { kind: 'assign', code: 'H01' }),
    ).rejects.toThrow('disk on fire');
    expect(await loadValues(db, p.id, V)).toEqual(before);
    expect(await db.history.count()).toBe(0);
  });

  it('reports a full disk as a quota problem and stores nothing', async () => {
    const db = freshDb();
    const p = await projectWith(db, [
      ['a', 1],
      ['b', 1],
    ]);
    const before = await loadValues(db, p.id, V);
    const full = freshDbShare(db);
    full.use(
      failWritesTo(
        'valuePages',
        () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
      ),
    );
    const err = await decideAs(full, p.id, 'anna', ['a', 'b'], {
      kind: 'assign',
      code: 'H01',
    }).catch((e: unknown) => e);
    expect(describeStorageError(err).kind).toBe('quota');
    expect(await loadValues(db, p.id, V)).toEqual(before);
  });

  it('keeps both decisions when two tabs approve the same value at once', async () => {
    const db = freshDb();
    const p = await projectWith(db, [['a', 1]]);
    await setPeople(db, p.id, { members: [], fourEyes: false });
    await decideAs(db, p.id, 'anna', ['a'], { kind: 'assign', code: 'H01' });
    const tab2 = freshDbShare(db);
    await Promise.all([
      decideAs(db, p.id, 'anna', ['a'], { kind: 'approve' }),
      decideAs(tab2, p.id, 'erik', ['a'], { kind: 'approve' }),
    ]);
    const hist = await valueHistory(db, p.id, V, 'a');
    // Both approvals are in the history; the later one is the value's state.
    const approvals = hist.filter((h) => h.kind === 'approve');
    expect(approvals.map((h) => h.by).sort()).toEqual(['anna', 'erik']);
    const a = byRaw(await loadValues(db, p.id, V)).get('a');
    expect(a?.status).toBe('approved');
  });
});
