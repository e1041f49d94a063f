import { describe, expect, it, vi } from 'vitest';
import { CellCounter, splitCounted } from '../../src/core/import-count';
import type { DecisionInput } from '../../src/core/decide';
import type { KodbokDb } from '../../src/db/db';
import {
  applyBulkDecision,
  byRaw,
  deleteProject,
  getSetting,
  importFiles,
  latestImport,
  listImports,
  loadCombinations,
  loadTallies,
  loadValues,
  loadVariables,
  undoImport,
  SETTINGS,
} from '../../src/db/repo';
import { counted, emptyProject, failWritesTo, file, freshDb, request, variable } from './helpers';

// Next year's files go into the same project: counts merge, every decision stays, new values
// are marked; an import is all or nothing, and can be undone as a unit.

const V = variable.id;

/** A new project with one import of `rows` (cell, municipality). */
async function importedProject(rows: [string, string][]) {
  const db = freshDb();
  const p = await emptyProject(db);
  await importFiles(db, request(p.id, rows));
  return { db, p };
}

/** One bulk decision on the variable (by anna unless said). */
function decide(db: KodbokDb, project: string, raws: string[], input: DecisionInput, by = 'anna') {
  return applyBulkDecision(db, { project, variable: V, raws, input, by });
}

/** Everything the project stores about the variable, for before/after comparisons. */
async function state(db: KodbokDb, project: string) {
  return {
    values: await loadValues(db, project, V),
    tallies: await loadTallies(db, project, V),
    combinations: await loadCombinations(db, project, V),
    variables: await loadVariables(db, project),
    imports: (await listImports(db, project)).map((i) => ({ id: i.id, undone: i.undone !== null })),
    parts: await db.importParts.where('project').equals(project).count(),
  };
}

describe('importing files into a project', () => {
  it('stores values, counts per municipality, combinations and the import, in one go', async () => {
    const db = freshDb();
    const p = await emptyProject(db);
    const r = await importFiles(
      db,
      request(p.id, [
        ['Missbruk förälder;Skolproblem', 'Gävle'],
        ['Missbruk förälder', 'Gävle'],
        ['Missbruk förälder', 'Åre'],
      ]),
    );
    expect(r).toMatchObject({ added: 2, merged: 0, approved: 0, rows: 3 });
    const values = byRaw(await loadValues(db, p.id, V));
    expect(values.get('Missbruk förälder')).toMatchObject({
      frequency: 3,
      municipalities: 2,
      combinations: 2,
      status: 'uncoded',
      firstImport: r.id,
    });
    expect(await loadCombinations(db, p.id, V)).toEqual([
      expect.objectContaining({ cell: 'Missbruk förälder', rows: 2, municipalities: 2 }),
      expect.objectContaining({
        cell: 'Missbruk förälder;Skolproblem',
        atoms: ['Missbruk förälder', 'Skolproblem'],
      }),
    ]);
    const imports = await listImports(db, p.id);
    expect(imports).toHaveLength(1);
    expect(latestImport(imports)?.id).toBe(r.id);
    expect(imports[0]?.files[0]).toMatchObject({ name: 'Gävle.csv', encoding: 'windows-1252' });
  });

  it('merges next year: every code, status and note stays; approved values are coded at once; new ones are marked', async () => {
    const { db, p } = await importedProject([
      ['Missbruk förälder', 'Gävle'],
      ['Bristande omsorg', 'Gävle'],
    ]);
    await decide(db, p.id, ['Missbruk förälder'], { kind: 'assign', code: 'H07' });
    await decide(db, p.id, ['Missbruk förälder'], { kind: 'approve' }, 'erik');
    await decide(db, p.id, ['Bristande omsorg'], { kind: 'note', note: 'oklar' });
    const before = byRaw(await loadValues(db, p.id, V));
    const year2 = await importFiles(
      db,
      request(
        p.id,
        [
          ['Missbruk förälder', 'Gävle'],
          ['Missbruk förälder', 'Umeå'],
          ['Ny orsak', 'Umeå'],
        ],
        {
          files: [file('Gävle.csv', 1), file('Umeå.csv', 2)],
        },
      ),
    );
    expect(year2).toMatchObject({ added: 1, merged: 1, approved: 1 });
    const after = byRaw(await loadValues(db, p.id, V));
    const {
      frequency: _f,
      municipalities: _m,
      combinations: _c,
      ...coding
    } = before.get('Missbruk förälder')!;
    expect(after.get('Missbruk förälder')).toEqual({
      ...coding,
      frequency: 3,
      municipalities: 2,
      combinations: 1,
    });
    expect(after.get('Bristande omsorg')).toEqual(before.get('Bristande omsorg'));
    expect(after.get('Ny orsak')).toMatchObject({ status: 'uncoded', firstImport: year2.id });
    expect(after.get('Missbruk förälder')?.firstImport).not.toBe(year2.id);
  });

  it('remembers the column mapping for files with the same header, in the same transaction', async () => {
    const db = freshDb();
    const p = await emptyProject(db);
    const mapping = {
      shape: 'rows' as const,
      variables: [[1, V]] as [number, string][],
      municipality: 0,
      count: null,
    };
    await importFiles(
      db,
      request(p.id, [['a', 'Gävle']], { remember: [['["kommun","orsak"]', mapping]] }),
    );
    expect(await getSetting(db, SETTINGS.importColumns.key('["kommun","orsak"]'))).toEqual(mapping);
  });

  it('creates a variable for a column mapped to one the project does not have; undo removes it', async () => {
    const db = freshDb();
    const p = await emptyProject(db);
    const extra = {
      id: 'insats',
      label: 'insats',
      codebook: { id: 'insats', variable: 'insats', categories: [] },
      split: { separators: [] },
      order: 0,
    };
    const c = new CellCounter();
    c.add('Kontaktperson', 'Gävle');
    const r = await importFiles(db, {
      project: p.id,
      by: 'anna',
      files: [file('Gävle.csv', 1)],
      variables: [splitCounted('insats', c.cells, { separators: [] })],
      newVariables: [extra],
    });
    expect((await loadVariables(db, p.id)).map((v) => [v.id, v.order])).toEqual([
      [V, 0],
      ['insats', 1],
    ]);
    expect(await undoImport(db, p.id, r.id, 'anna')).toMatchObject({ ok: true, removed: 1 });
    expect((await loadVariables(db, p.id)).map((v) => v.id)).toEqual([V]);
  });

  it('stores nothing at all when one write of the import fails (a disk error, a bug)', async () => {
    for (const table of [
      'valuePages',
      'counts',
      'importParts',
      'imports',
      'settings',
      'variables',
    ]) {
      const db = freshDb();
      const p = await emptyProject(db);
      await importFiles(db, request(p.id, [['a', 'Gävle']]));
      const before = await state(db, p.id);
      const broken = new (db.constructor as new (name: string) => KodbokDb)(db.name);
      broken.use(failWritesTo(table, () => new Error(`disk on fire in ${table}`)));
      await expect(
        importFiles(
          broken,
          request(
            p.id,
            [
              ['a', 'Umeå'],
              ['b;c', 'Umeå'],
            ],
            {
              variables: [
                counted(
                  [
                    ['a', 'Umeå'],
                    ['b;c', 'Umeå'],
                  ],
                  { separators: [';', ','] },
                ),
              ],
              remember: [
                ['["x"]', { shape: 'rows', variables: [[0, V]], municipality: null, count: null }],
              ],
            },
          ),
        ),
      ).rejects.toThrow(`disk on fire in ${table}`);
      expect(await state(db, p.id)).toEqual(before);
      expect(await getSetting(db, SETTINGS.importColumns.key('["x"]'))).toBeUndefined();
      broken.close();
    }
  });
});

describe('undoing an import', () => {
  it('restores counts, removes the values it brought and the split it set, keeps decisions on values it merged into', async () => {
    const { db, p } = await importedProject([
      ['Missbruk förälder', 'Gävle'],
      ['Skolproblem', 'Gävle'],
    ]);
    await decide(db, p.id, ['Missbruk förälder'], { kind: 'assign', code: 'H07' });
    const before = await state(db, p.id);
    const r = await importFiles(
      db,
      request(
        p.id,
        [
          ['Missbruk förälder, Skolproblem', 'Umeå'],
          ['Ny', 'Gävle'],
        ],
        {
          variables: [
            counted(
              [
                ['Missbruk förälder, Skolproblem', 'Umeå'],
                ['Ny', 'Gävle'],
              ],
              { separators: [';', ','] },
            ),
          ],
        },
      ),
    );
    // A decision after the import on a value it merged into: kept by the undo.
    await decide(db, p.id, ['Missbruk förälder'], { kind: 'approve' }, 'erik');
    const approved = byRaw(await loadValues(db, p.id, V)).get('Missbruk förälder');
    expect(await undoImport(db, p.id, r.id, 'anna')).toEqual({ ok: true, removed: 1, restored: 2 });
    const after = await state(db, p.id);
    expect(byRaw(after.values).get('Missbruk förälder')).toEqual({
      ...approved,
      frequency: 1,
      municipalities: 1,
      combinations: 1,
    });
    expect({
      ...after,
      values: after.values.filter((v) => v.raw !== 'Missbruk förälder'),
      imports: after.imports.slice(0, 1),
    }).toEqual({
      ...before,
      values: before.values.filter((v) => v.raw !== 'Missbruk förälder'),
    });
    expect(after.imports[1]).toEqual({ id: r.id, undone: true });
    expect(after.variables[0]?.split).toEqual(variable.split);
  });

  it('is refused, naming the values, when a value it brought has been decided on since', async () => {
    const db = freshDb();
    const p = await emptyProject(db);
    const r = await importFiles(
      db,
      request(p.id, [
        ['a', 'Gävle'],
        ['b', 'Gävle'],
      ]),
    );
    await decide(db, p.id, ['b'], { kind: 'flag' }, 'erik');
    const before = await state(db, p.id);
    const out = await undoImport(db, p.id, r.id, 'anna');
    expect(out).toMatchObject({ ok: false, reason: 'decided' });
    expect(out.ok === false && out.reason === 'decided' && out.values.map((v) => v.raw)).toEqual([
      'b',
    ]);
    expect(await state(db, p.id)).toEqual(before);
  });

  it('is refused for an import that is not the newest one', async () => {
    const db = freshDb();
    const p = await emptyProject(db);
    const first = await importFiles(db, request(p.id, [['a', 'Gävle']]));
    const second = await importFiles(db, request(p.id, [['a', 'Umeå']]));
    expect(await undoImport(db, p.id, first.id, 'anna')).toEqual({
      ok: false,
      reason: 'not-latest',
      latest: second.id,
    });
    expect(await undoImport(db, p.id, second.id, 'anna')).toMatchObject({ ok: true });
    expect(await undoImport(db, p.id, first.id, 'anna')).toMatchObject({ ok: true });
    expect(await loadValues(db, p.id, V)).toEqual([]);
    expect(await loadTallies(db, p.id, V)).toEqual([]);
  });

  it('knows the newest import also when two were made in the same millisecond', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-11-23T12:00:00.000Z'));
      const db = freshDb();
      const p = await emptyProject(db);
      const ids: string[] = [];
      for (const town of ['Gävle', 'Umeå', 'Luleå', 'Kiruna', 'Visby'])
        ids.push((await importFiles(db, request(p.id, [['a', town]]))).id);
      expect((await listImports(db, p.id)).map((r) => r.id)).toEqual(ids);
      expect(latestImport(await listImports(db, p.id))?.id).toBe(ids.at(-1));
    } finally {
      vi.useRealTimers();
    }
  });

  it('deleting a project deletes its imports, counts and combinations', async () => {
    const db = freshDb();
    const p = await emptyProject(db);
    await importFiles(db, request(p.id, [['a;b', 'Gävle']]));
    await deleteProject(db, p.id);
    for (const t of [db.imports, db.importParts, db.counts]) expect(await t.count()).toBe(0);
  });
});
