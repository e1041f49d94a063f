import { describe, expect, it } from 'vitest';
import { seenOf } from '../../src/core/decide';
import { readBackupFile, writeBackupFile } from '../../src/core/formats/backup';
import { readPeople } from '../../src/core/members';
import type { Decision } from '../../src/core/types';
import type { KodbokDb } from '../../src/db/db';
import {
  applyBulkDecision,
  backupProject,
  byRaw,
  getSetting,
  loadValues,
  membersKey,
  nextSteps,
  observeValueHistory,
  replay,
  restoreProject,
  undoLastBatch,
  valueHistory,
} from '../../src/db/repo';
import { decideAs, freshDb, projectWith, setPeople, variable } from './helpers';

// A review a team can trust, in the transaction: what the person saw, approved work, four eyes
// and roles, the reason for sending back, undo and redo (issue 9 items 1, 3, 5; issue 13 item 1).

const V = variable.id;

/** A second connection to the same database, as a second tab has. */
function secondTab(db: KodbokDb): KodbokDb {
  return new (db.constructor as new (name: string) => KodbokDb)(db.name);
}

async function valueOf(db: KodbokDb, project: string, raw: string) {
  const v = byRaw(await loadValues(db, project, V)).get(raw);
  if (!v) throw new Error(`no value ${raw}`);
  return v;
}

describe('a decision applies to what the person saw (two tabs)', () => {
  it('tab B, still showing H01, approves: skipped, naming who changed it and when', async () => {
    const db = freshDb();
    const p = await projectWith(db, [['Våld', 3]]);
    await decideAs(db, p.id, 'AL', ['Våld'], { kind: 'assign', code: 'H01' });
    const seenByB = seenOf(await valueOf(db, p.id, 'Våld'));
    // Tab A recodes H01 → H07.
    const recode = await decideAs(db, p.id, 'AL', ['Våld'], { kind: 'assign', code: 'H07' });
    const tabB = secondTab(db);
    const r = await applyBulkDecision(tabB, {
      project: p.id,
      variable: V,
      raws: ['Våld'],
      input: { kind: 'approve' },
      by: 'EK',
      seen: new Map([['Våld', seenByB]]),
    });
    expect(r.changed).toBe(0);
    expect(r.skipped).toEqual({ stale: 1 });
    const h = await valueHistory(db, p.id, V, 'Våld');
    expect(r.stale).toEqual([{ raw: 'Våld', by: 'AL', at: h.at(-1)?.at }]);
    expect(h.at(-1)?.batch).toBe(recode.batch);
    expect(await valueOf(db, p.id, 'Våld')).toMatchObject({ code: 'H07', status: 'coded' });
  });

  it('the same for the other decisions; values as seen are decided in the same action', async () => {
    const db = freshDb();
    const p = await projectWith(db, [
      ['a', 1],
      ['b', 1],
    ]);
    await decideAs(db, p.id, 'AL', ['a', 'b'], { kind: 'assign', code: 'H01' });
    const seen = new Map((await loadValues(db, p.id, V)).map((v) => [v.raw, seenOf(v)]));
    await decideAs(secondTab(db), p.id, 'EK', ['b'], { kind: 'note', note: 'kolla' });
    for (const input of [
      { kind: 'flag' },
      { kind: 'clear' },
      { kind: 'assign', code: 'H07' },
    ] as const) {
      const r = await applyBulkDecision(db, {
        project: p.id,
        variable: V,
        raws: ['b'],
        input,
        by: 'AL',
        seen,
      });
      expect(r).toMatchObject({ changed: 0, skipped: { stale: 1 } });
      expect(r.stale?.[0]).toMatchObject({ raw: 'b', by: 'EK' });
    }
    const r = await applyBulkDecision(db, {
      project: p.id,
      variable: V,
      raws: ['a', 'b'],
      input: { kind: 'flag' },
      by: 'AL',
      seen,
    });
    expect(r).toMatchObject({ changed: 1, skipped: { stale: 1 } });
    expect((await valueOf(db, p.id, 'a')).status).toBe('flagged');
  });
});

describe('two assignments at once', () => {
  it('the first is stored, the second is told who changed the value instead of overwriting it', async () => {
    const db = freshDb();
    const p = await projectWith(db, [['a', 1]]);
    const seen = new Map([['a', seenOf(await valueOf(db, p.id, 'a'))]]);
    const assign = (tab: KodbokDb, by: string, code: string) =>
      applyBulkDecision(tab, {
        project: p.id,
        variable: V,
        raws: ['a'],
        input: { kind: 'assign', code },
        by,
        seen,
      });
    const [al, ek] = await Promise.all([
      assign(db, 'AL', 'H01'),
      assign(secondTab(db), 'EK', 'H07'),
    ]);
    const results = [al, ek].sort((x, y) => y.changed - x.changed);
    expect(results.map((r) => r.changed)).toEqual([1, 0]);
    expect(results[1]?.skipped).toEqual({ stale: 1 });
    const winner = (await valueOf(db, p.id, 'a')).codedBy;
    expect(results[1]?.stale?.[0]?.by).toBe(winner);
  });
});

describe('approved work is protected', () => {
  it('leaves approved values as they are unless the person said to change them too', async () => {
    const db = freshDb();
    const p = await projectWith(db, [
      ['Kriminalitet', 8620],
      ['Stöld', 4],
    ]);
    await decideAs(db, p.id, 'AL', ['Kriminalitet', 'Stöld'], { kind: 'assign', code: 'H01' });
    await decideAs(db, p.id, 'EK', ['Kriminalitet'], { kind: 'approve' });
    const r = await decideAs(db, p.id, 'AL', ['Kriminalitet', 'Stöld'], {
      kind: 'assign',
      code: 'H07',
    });
    expect(r).toMatchObject({ changed: 1, skipped: { approved: 1 } });
    expect(await valueOf(db, p.id, 'Kriminalitet')).toMatchObject({
      code: 'H01',
      status: 'approved',
      reviewedBy: 'EK',
    });
    const forced = await applyBulkDecision(db, {
      project: p.id,
      variable: V,
      raws: ['Kriminalitet'],
      input: { kind: 'clear' },
      by: 'AL',
      changeApproved: true,
    });
    expect(forced.changed).toBe(1);
    expect((await valueOf(db, p.id, 'Kriminalitet')).status).toBe('uncoded');
  });

  it('reopens an approved value as an action of its own, in the history and undoable', async () => {
    const db = freshDb();
    const p = await projectWith(db, [['a', 1]]);
    await decideAs(db, p.id, 'AL', ['a'], { kind: 'assign', code: 'H01' });
    await decideAs(db, p.id, 'EK', ['a'], { kind: 'approve' });
    const r = await decideAs(db, p.id, 'EK', ['a'], { kind: 'reopen' });
    expect(r.changed).toBe(1);
    expect(await valueOf(db, p.id, 'a')).toMatchObject({ status: 'coded', reviewedBy: null });
    expect((await valueHistory(db, p.id, V, 'a')).at(-1)?.kind).toBe('reopen');
    await undoLastBatch(db, p.id, V, 'EK');
    expect(await valueOf(db, p.id, 'a')).toMatchObject({ status: 'approved', reviewedBy: 'EK' });
  });
});

describe('members, roles and four eyes', () => {
  it('four eyes (on by default): an approval of one’s own coding is skipped with that reason', async () => {
    const db = freshDb();
    const p = await projectWith(db, [
      ['a', 1],
      ['b', 1],
    ]);
    await decideAs(db, p.id, 'AL', ['a'], { kind: 'assign', code: 'H01' });
    await decideAs(db, p.id, 'EK', ['b'], { kind: 'assign', code: 'H01' });
    const r = await decideAs(db, p.id, 'AL', ['a', 'b'], { kind: 'approve' });
    expect(r).toMatchObject({ changed: 1, skipped: { 'own-coding': 1 } });
    expect((await valueOf(db, p.id, 'a')).status).toBe('coded');
    expect(await valueOf(db, p.id, 'b')).toMatchObject({ status: 'approved', reviewedBy: 'AL' });
    await setPeople(db, p.id, { members: [], fourEyes: false });
    expect((await decideAs(db, p.id, 'AL', ['a'], { kind: 'approve' })).changed).toBe(1);
  });

  it('a member who is not a reviewer cannot approve or send back', async () => {
    const db = freshDb();
    const p = await projectWith(db, [['a', 1]]);
    await setPeople(db, p.id, {
      members: [
        { name: 'AL', role: 'coder' },
        { name: 'EK', role: 'reviewer' },
      ],
      fourEyes: true,
    });
    await decideAs(db, p.id, 'EK', ['a'], { kind: 'assign', code: 'H01' });
    expect(await decideAs(db, p.id, 'AL', ['a'], { kind: 'approve' })).toMatchObject({
      changed: 0,
      skipped: { 'not-a-reviewer': 1 },
    });
    expect(await decideAs(db, p.id, 'AL', ['a'], { kind: 'reject' })).toMatchObject({
      changed: 0,
      skipped: { 'not-a-reviewer': 1 },
    });
  });

  it('sending back keeps the reason as the note of the change and of the value', async () => {
    const db = freshDb();
    const p = await projectWith(db, [['a', 1]]);
    await decideAs(db, p.id, 'AL', ['a'], { kind: 'assign', code: 'H01' });
    await decideAs(db, p.id, 'EK', ['a'], { kind: 'reject', reason: 'Snarare H07' });
    expect(await valueOf(db, p.id, 'a')).toMatchObject({
      status: 'rejected',
      note: 'Snarare H07',
    });
    const rows = await db.history.toArray();
    expect(rows.at(-1)).toMatchObject({ kind: 'reject', note: 'Snarare H07' });
    expect(rows.at(-1)?.changes[0]?.note).toBe('Snarare H07');
  });

  it('a backup keeps members and the setting; an old backup without them restores', async () => {
    const db = freshDb();
    const p = await projectWith(db, [['a', 1]]);
    const people = { members: [{ name: 'AL', role: 'both' as const }], fourEyes: false };
    await setPeople(db, p.id, people);
    const backup = await backupProject(db, p.id);
    const read = readBackupFile(writeBackupFile(backup));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const other = freshDb();
    await restoreProject(other, read.value, (n) => n);
    expect(readPeople(await getSetting(other, membersKey(p.id)))).toEqual(people);

    const old = readBackupFile(
      writeBackupFile({ ...backup, settings: backup.settings.filter((s) => s.key !== 'members') }),
    );
    if (!old.ok) throw new Error(JSON.stringify(old.errors));
    const third = freshDb();
    await restoreProject(third, old.value, (n) => n);
    expect(readPeople(await getSetting(third, membersKey(p.id)))).toEqual({
      members: [],
      fourEyes: true,
    });
  });
});

/**
 * The keys of every history row IndexedDB hands over through a cursor or a getAll from now on,
 * counted below the app.
 */
function countHistoryReads(db: KodbokDb): Set<unknown> {
  const seen = new Set<unknown>();
  db.use({
    stack: 'dbcore',
    name: 'count-history-reads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        if (name !== 'history') return t;
        return {
          ...t,
          query: async (req) => {
            const r = await t.query(req);
            for (const row of r.result) seen.add((row as { seq?: unknown }).seq ?? row);
            return r;
          },
          openCursor: async (req) => {
            const c = await t.openCursor(req);
            if (!c) return c;
            return new Proxy(c, {
              get(target, prop) {
                if (prop === 'value') seen.add(target.primaryKey);
                const v = Reflect.get(target, prop, target) as unknown;
                return typeof v === 'function' ? (v as () => unknown).bind(target) : v;
              },
            });
          },
        };
      },
    }),
  });
  return seen;
}

describe('undo and redo', () => {
  it("finds her next undo by reading her own history rows, not everyone's (a team's database)", async () => {
    const db = freshDb();
    const seen = countHistoryReads(db);
    const p = await projectWith(db, [
      ['a', 1],
      ['b', 1],
    ]);
    const mine = await decideAs(db, p.id, 'AL', ['a'], { kind: 'assign', code: 'H01' });
    // 300 actions of another coder after hers (in a team, every arriving decision is one).
    for (let i = 0; i < 300; i++) {
      await decideAs(db, p.id, 'EK', ['b'], { kind: 'assign', code: i % 2 ? 'H01' : 'H07' });
    }
    seen.clear();
    const steps = await nextSteps(db, p.id, V, 'AL');
    expect(steps.undo).toMatchObject({ batch: mine.batch, by: 'AL' });
    expect(steps.redo).toBeNull();
    // Her one row (and at most the cursor's look past it), not the 301 of the variable.
    expect(seen.size).toBeLessThanOrEqual(2);
    // Her undo, then EK's further action: her redo is still hers to take.
    await undoLastBatch(db, p.id, V, 'AL');
    await decideAs(db, p.id, 'EK', ['b'], { kind: 'assign', code: 'H01' });
    seen.clear();
    const after = await nextSteps(db, p.id, V, 'AL');
    expect(after.undo).toBeNull();
    expect(after.redo).toMatchObject({ kind: 'assign', by: 'AL', values: 1 });
    expect(seen.size).toBeLessThanOrEqual(3);
  });

  it('names the next undo and redo: the action, its author, time and size', async () => {
    const db = freshDb();
    const p = await projectWith(db, [
      ['a', 1],
      ['b', 1],
    ]);
    expect(await nextSteps(db, p.id, V, 'AL')).toEqual({ undo: null, redo: null });
    const first = await decideAs(db, p.id, 'AL', ['a', 'b'], { kind: 'assign', code: 'H01' });
    const steps = await nextSteps(db, p.id, V, 'AL');
    expect(steps.undo).toMatchObject({ batch: first.batch, kind: 'assign', by: 'AL', values: 2 });
    expect(steps.redo).toBeNull();
    await undoLastBatch(db, p.id, V, 'AL');
    const after = await nextSteps(db, p.id, V, 'AL');
    expect(after.undo).toBeNull();
    expect(after.redo).toMatchObject({ kind: 'assign', by: 'AL', values: 2 });
  });

  it('redo after undo restores exactly: code, status, who and when, note', async () => {
    const db = freshDb();
    const p = await projectWith(db, [
      ['a', 1],
      ['b', 1],
    ]);
    await decideAs(db, p.id, 'AL', ['a', 'b'], { kind: 'assign', code: 'H01' });
    await decideAs(db, p.id, 'AL', ['a'], { kind: 'note', note: 'fråga EK' });
    await decideAs(db, p.id, 'EK', ['a', 'b'], { kind: 'approve' });
    const approved = await loadValues(db, p.id, V);
    await undoLastBatch(db, p.id, V, 'EK');
    expect((await valueOf(db, p.id, 'a')).status).toBe('coded');
    const r = await replay(db, 'redo', p.id, V, 'EK');
    expect(r).toMatchObject({ changed: 2, skipped: {} });
    expect(await loadValues(db, p.id, V)).toEqual(approved);
    // Undo, redo, undo again: the redo is an action like the others.
    await undoLastBatch(db, p.id, V, 'EK');
    expect((await valueOf(db, p.id, 'b')).status).toBe('coded');
    await replay(db, 'redo', p.id, V, 'EK');
    expect(await loadValues(db, p.id, V)).toEqual(approved);
    expect((await valueHistory(db, p.id, V, 'a')).map((h) => h.kind)).toEqual([
      'assign',
      'note',
      'approve',
      'undo',
      'redo',
      'undo',
      'redo',
    ]);
  });

  it('walks back two steps and forward again, in order', async () => {
    const db = freshDb();
    const p = await projectWith(db, [['a', 1]]);
    await decideAs(db, p.id, 'AL', ['a'], { kind: 'assign', code: 'H01' });
    await decideAs(db, p.id, 'AL', ['a'], { kind: 'flag' });
    await undoLastBatch(db, p.id, V, 'AL');
    await undoLastBatch(db, p.id, V, 'AL');
    expect((await valueOf(db, p.id, 'a')).status).toBe('uncoded');
    await replay(db, 'redo', p.id, V, 'AL');
    expect(await valueOf(db, p.id, 'a')).toMatchObject({ code: 'H01', status: 'coded' });
    await replay(db, 'redo', p.id, V, 'AL');
    expect((await valueOf(db, p.id, 'a')).status).toBe('flagged');
    expect(await replay(db, 'redo', p.id, V, 'AL')).toBeNull();
  });

  it('a new action ends the way to redo', async () => {
    const db = freshDb();
    const p = await projectWith(db, [['a', 1]]);
    await decideAs(db, p.id, 'AL', ['a'], { kind: 'assign', code: 'H01' });
    await undoLastBatch(db, p.id, V, 'AL');
    await decideAs(db, p.id, 'AL', ['a'], { kind: 'assign', code: 'H07' });
    expect(await replay(db, 'redo', p.id, V, 'AL')).toBeNull();
  });

  it('redo is refused per value where someone decided since, with that reason', async () => {
    const db = freshDb();
    const p = await projectWith(db, [
      ['a', 1],
      ['b', 1],
    ]);
    await decideAs(db, p.id, 'AL', ['a', 'b'], { kind: 'assign', code: 'H01' });
    await undoLastBatch(db, p.id, V, 'AL');
    await decideAs(secondTab(db), p.id, 'EK', ['b'], { kind: 'assign', code: 'H07' });
    const r = await replay(db, 'redo', p.id, V, 'AL');
    expect(r).toMatchObject({ changed: 1, skipped: { 'changed-since': 1 } });
    expect(await valueOf(db, p.id, 'a')).toMatchObject({ code: 'H01', codedBy: 'AL' });
    expect(await valueOf(db, p.id, 'b')).toMatchObject({ code: 'H07', codedBy: 'EK' });
  });

  it('undoes only the action it was asked about (another tab may have moved on)', async () => {
    const db = freshDb();
    const p = await projectWith(db, [['a', 1]]);
    const first = await decideAs(db, p.id, 'AL', ['a'], { kind: 'assign', code: 'H01' });
    await decideAs(db, p.id, 'AL', ['a'], { kind: 'flag' });
    expect(await undoLastBatch(db, p.id, V, 'AL', first.batch)).toBeNull();
    expect((await valueOf(db, p.id, 'a')).status).toBe('flagged');
  });
});

describe("a value's history, followed live", () => {
  it('shows each new decision, reading only the rows added since (a team database grows by one row per decision)', async () => {
    const db = freshDb();
    const seen = countHistoryReads(db);
    const p = await projectWith(db, [
      ['a', 1],
      ['b', 1],
    ]);
    for (let i = 0; i < 200; i++)
      await decideAs(db, p.id, 'EK', ['b'], { kind: 'assign', code: i % 2 ? 'H01' : 'H07' });
    await decideAs(db, p.id, 'AL', ['a'], { kind: 'assign', code: 'H01' });
    const got: Decision[][] = [];
    const sub = observeValueHistory(
      db,
      p.id,
      V,
      'a',
      (h) => got.push(h),
      (e) => {
        throw e;
      },
    );
    await expect.poll(() => got.length).toBe(1);
    expect(got[0]!.map((d) => [d.by, d.code])).toEqual([['AL', 'H01']]);
    seen.clear();
    await decideAs(db, p.id, 'EK', ['a'], { kind: 'assign', code: 'H07' });
    await expect.poll(() => got.at(-1)?.length).toBe(2);
    expect(got.at(-1)!.map((d) => [d.by, d.code])).toEqual([
      ['AL', 'H01'],
      ['EK', 'H07'],
    ]);
    // The new row (and what the decision itself read), not the 202 rows of the variable again.
    expect(seen.size).toBeLessThan(10);
    // The same as reading it whole.
    expect(got.at(-1)).toEqual(await valueHistory(db, p.id, V, 'a'));
    sub.unsubscribe();
  });
});
