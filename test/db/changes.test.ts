import { describe, expect, it } from 'vitest';
import { KodbokDb } from '../../src/db/db';
import {
  deleteProject,
  importFiles,
  undoLastBatch,
  watchProject,
  type ProjectChanges,
} from '../../src/db/repo';
import {
  decideAs,
  emptyProject,
  failWritesTo,
  freshDb,
  projectWith,
  request,
  variable,
} from './helpers';

// Every committed write announces what it changed (the change feed), in this tab with the rows
// as written and in another tab with the rows read by key; a failed action announces nothing.

const V = variable.id;

function collect(db: KodbokDb, project: string): ProjectChanges[] {
  const seen: ProjectChanges[] = [];
  watchProject(db, project, (c) => seen.push(c));
  return seen;
}

async function until(test: () => boolean): Promise<void> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > 5000) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the change feed', () => {
  it('announces a decision as the rows it wrote, once committed', async () => {
    const db = freshDb();
    const p = await projectWith(db, [
      ['a', 3],
      ['b', 2],
      ['c', 1],
    ]);
    const seen = collect(db, p.id);
    await decideAs(db, p.id, 'anna', ['a', 'b'], { kind: 'assign', code: 'H07' });
    expect(seen).toHaveLength(1);
    const rows = seen[0]!.values.get(V)!;
    expect([...rows.keys()].sort()).toEqual(['a', 'b']);
    expect(rows.get('a')).toMatchObject({
      raw: 'a',
      code: 'H07',
      status: 'coded',
      codedBy: 'anna',
    });
    expect(seen[0]).toMatchObject({ remote: false, reset: false });
    await undoLastBatch(db, p.id, V, 'anna');
    expect(seen).toHaveLength(2);
    expect(seen[1]!.values.get(V)!.get('b')).toMatchObject({ code: null, status: 'uncoded' });
  });

  it('announces nothing of an action that failed', async () => {
    const db = freshDb();
    db.use(failWritesTo('history', () => new Error('disk full')));
    const p = await projectWith(db, [['a', 3]]);
    const seen = collect(db, p.id);
    await expect(
      decideAs(db, p.id, 'anna', ['a'], { kind: 'assign', code: 'H07' }),
    ).rejects.toThrow();
    expect(seen).toHaveLength(0);
  });

  it('announces an import with its new values and counts, and a deleted project as a reset', async () => {
    const db = freshDb();
    const p = await emptyProject(db);
    const seen = collect(db, p.id);
    await importFiles(
      db,
      request(p.id, [
        ['Missbruk; Våld', 'Gävle'],
        ['Missbruk', 'Gävle'],
      ]),
    );
    const last = seen.at(-1)!;
    expect([...last.values.get(V)!.keys()].sort()).toEqual(['Missbruk', 'Våld']);
    expect(last.counts.get(V)?.combinations.length).toBe(2);
    await deleteProject(db, p.id);
    expect(seen.at(-1)!.reset).toBe(true);
  });

  it("brings another tab's writes, read by key", async () => {
    const db = freshDb();
    const other = new KodbokDb(db.name);
    const p = await projectWith(db, [
      ['a', 3],
      ['b', 2],
    ]);
    const seen = collect(db, p.id);
    await decideAs(other, p.id, 'bo', ['b'], { kind: 'assign', code: 'H01' });
    await until(() => seen.length > 0);
    expect(seen[0]).toMatchObject({ remote: true, reset: false });
    expect([...seen[0]!.values.get(V)!.keys()]).toEqual(['b']);
    expect(seen[0]!.values.get(V)!.get('b')).toMatchObject({ code: 'H01', codedBy: 'bo' });
    other.close();
  });
});
