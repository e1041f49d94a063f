import { describe, expect, it } from 'vitest';
import { readBackupFile, writeBackupFile } from '../../src/core/formats/backup';
import type { KodbokDb } from '../../src/db/db';
import {
  applyBulkDecision,
  backupProject,
  getSetting,
  importFiles,
  lastBackupKey,
  listImports,
  listProjects,
  loadCombinations,
  loadNotes,
  loadTallies,
  loadValues,
  loadVariables,
  putSetting,
  restoreProject,
  undoImport,
  writeNote,
} from '../../src/db/repo';
import { emptyProject, failWritesTo, freshDb, request, variable } from './helpers';

// RELIABILITY.md rule 8: a full-project backup exports and restores exactly.

const V = variable.id;

/** A project with two imports (the second undone), decisions, an undo and a setting. */
async function workedProject(db: KodbokDb) {
  const p = await emptyProject(db);
  await importFiles(
    db,
    request(p.id, [
      ['Missbruk förälder;__proto__', 'Gävle'],
      ['Missbruk förälder', 'Åre'],
      ['  Skolproblem ', 'Gävle'],
    ]),
  );
  const second = await importFiles(db, request(p.id, [['constructor', 'Umeå']]));
  await undoImport(db, p.id, second.id, 'anna');
  const by = 'anna';
  await applyBulkDecision(db, {
    project: p.id,
    variable: V,
    raws: ['Missbruk förälder', '__proto__'],
    input: { kind: 'assign', code: 'H07' },
    by,
  });
  await applyBulkDecision(db, {
    project: p.id,
    variable: V,
    raws: ['Missbruk förälder'],
    input: { kind: 'approve' },
    by: 'bertil',
  });
  await putSetting(db, `normalise:${p.id}:${V}`, { rules: { case: true } });
  const note = await writeNote(db, {
    project: p.id,
    variable: V,
    raw: '__proto__',
    input: { kind: 'note', text: '=1+1 fel kod?' },
    by: 'bertil',
  });
  if (typeof note === 'string') throw new Error(note);
  await writeNote(db, {
    project: p.id,
    variable: V,
    raw: '__proto__',
    input: { kind: 'resolve', thread: note.id },
    by: 'anna',
  });
  return p;
}

/** Everything stored about a project, without its id (which a copy changes). */
async function snapshot(db: KodbokDb, project: string) {
  const imports = await listImports(db, project);
  const importIndex = new Map(imports.map((m, i) => [m.id, i]));
  const values = (await loadValues(db, project, V)).map(({ project: _, ...v }) => ({
    ...v,
    firstImport: v.firstImport === null ? null : importIndex.get(v.firstImport),
  }));
  const history = (
    await db.history.where('[project+variable]').between([project], [project, []]).toArray()
  ).map(({ seq: _, project: __, ...h }) => h);
  return {
    project: await db.projects.get(project).then((p) => ({ ...p, id: undefined })),
    variables: (await loadVariables(db, project)).map(({ project: _, ...v }) => v),
    values,
    tallies: await loadTallies(db, project, V),
    combinations: await loadCombinations(db, project, V),
    history,
    imports: imports.map(({ id: _, project: __, ...m }) => m),
    parts: (await db.importParts.where('project').equals(project).toArray()).map(
      ({ import: i, project: _, ...part }) => ({ ...part, import: importIndex.get(i) }),
    ),
    normalise: await getSetting(db, `normalise:${project}:${V}`),
    notes: (await loadNotes(db, project, V)).sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

describe('a full-project backup', () => {
  it('restores exactly, through its file, under its own id in an empty database', async () => {
    const db = freshDb();
    const p = await workedProject(db);
    const text = writeBackupFile(await backupProject(db, p.id));
    const read = readBackupFile(text);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));

    const other = freshDb();
    const restored = await restoreProject(other, read.value, (n) => `${n} (copy)`);
    expect(restored.id).toBe(p.id);
    expect(await snapshot(other, p.id)).toEqual(await snapshot(db, p.id));
    // Values like `__proto__` stay values; nothing leaks into prototypes.
    expect((await loadValues(other, p.id, V)).some((v) => v.raw === '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('holds the note events, and a backup written before notes existed still restores', async () => {
    const db = freshDb();
    const p = await workedProject(db);
    const backup = await backupProject(db, p.id);
    expect(backup.notes.map((n) => [n.kind, n.by, n.raw]).sort()).toEqual([
      ['note', 'bertil', '__proto__'],
      ['resolve', 'anna', '__proto__'],
    ]);
    const old = JSON.parse(writeBackupFile(backup)) as Record<string, unknown>;
    delete old['notes'];
    const read = readBackupFile(JSON.stringify(old));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const other = freshDb();
    await restoreProject(other, read.value, (n) => n);
    expect(await loadNotes(other, p.id, V)).toEqual([]);
    const { notes: _, ...rest } = await snapshot(other, p.id);
    const { notes: __, ...orig } = await snapshot(db, p.id);
    expect(rest).toEqual(orig);
  });

  it('notes when the project was last backed up', async () => {
    const db = freshDb();
    const p = await workedProject(db);
    expect(await getSetting(db, lastBackupKey(p.id))).toBeUndefined();
    const b = await backupProject(db, p.id);
    expect(await getSetting(db, lastBackupKey(p.id))).toBe(b.exportedAt);
  });

  it('restores as a copy with new ids when the project is still there, leaving it untouched', async () => {
    const db = freshDb();
    const p = await workedProject(db);
    const before = await snapshot(db, p.id);
    const read = readBackupFile(writeBackupFile(await backupProject(db, p.id)));
    if (!read.ok) throw new Error('unreadable');
    const copy = await restoreProject(db, read.value, (n) => `${n} (copy)`);
    expect(copy.id).not.toBe(p.id);
    expect(copy.name).toBe('T (copy)');
    expect(await snapshot(db, p.id)).toEqual(before);
    const copied = await snapshot(db, copy.id);
    expect({ ...copied, project: { ...copied.project, name: 'T' } }).toEqual(before);
    // The copy's imports are its own: undoing one does not touch the original.
    const ids = new Set((await listImports(db, p.id)).map((m) => m.id));
    expect((await listImports(db, copy.id)).some((m) => ids.has(m.id))).toBe(false);
    expect((await listProjects(db)).length).toBe(2);
  });

  it('stores nothing when a write fails halfway', async () => {
    const db = freshDb();
    const p = await workedProject(db);
    const backup = await backupProject(db, p.id);
    const broken = freshDb();
    broken.use(failWritesTo('counts', () => new Error('disk full')));
    await expect(restoreProject(broken, backup, (n) => n)).rejects.toThrow('disk full');
    expect(await broken.projects.count()).toBe(0);
    expect(await broken.values.count()).toBe(0);
    expect(await broken.history.count()).toBe(0);
  });

  it('reads a backup larger than the 50 MB of the exchange formats', async () => {
    const db = freshDb();
    const p = await workedProject(db);
    const backup = await backupProject(db, p.id);
    const [first, ...rest] = backup.values;
    if (!first) throw new Error('no values');
    const long = { ...first, note: 'x'.repeat(51 * 1024 * 1024) };
    const read = readBackupFile(writeBackupFile({ ...backup, values: [long, ...rest] }));
    expect(read.ok && read.value.values[0]?.note.length).toBe(51 * 1024 * 1024);
  });

  it('refuses a broken or foreign file, saying where', async () => {
    const db = freshDb();
    const p = await workedProject(db);
    const good = JSON.parse(writeBackupFile(await backupProject(db, p.id))) as Record<
      string,
      unknown
    >;
    const errorsOf = (x: unknown) => {
      const r = readBackupFile(typeof x === 'string' ? x : JSON.stringify(x));
      return r.ok ? [] : r.errors.map((e) => `${e.path} ${e.message}`);
    };
    expect(errorsOf(JSON.stringify(good).slice(0, 200))[0]).toMatch(/JSON/iu);
    expect(errorsOf({ ...good, format: 'kodbok/mapping' })[0]).toMatch(/mapping file/u);
    expect(errorsOf({ ...good, formatVersion: 2 })[0]).toMatch(/newer Kodbok/u);
    const values = good['values'] as Record<string, unknown>[];
    expect(
      errorsOf({ ...good, values: [{ ...values[0], frequency: -1 }, ...values.slice(1)] }).join(),
    ).toMatch(/\/values\/0\/frequency/u);
    expect(errorsOf({ ...good, values: [...values, values[0]] }).join()).toMatch(/listed twice/u);
    expect(errorsOf({ ...good, values: [{ ...values[0], firstImport: 'nope' }] }).join()).toMatch(
      /no import "nope"/u,
    );
    // A `__proto__` payload is data at most: nothing reaches a prototype or the stored rows.
    const hostile = JSON.stringify(good).replace(
      '"values":[{',
      '"values":[{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},',
    );
    const readHostile = readBackupFile(hostile);
    expect(readHostile.ok).toBe(true);
    if (readHostile.ok)
      expect(Object.hasOwn(readHostile.value.values[0] ?? {}, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const variables = good['variables'] as Record<string, unknown>[];
    const codebook = variables[0]?.['codebook'] as Record<string, unknown>;
    expect(
      errorsOf({
        ...good,
        variables: [{ ...variables[0], codebook: { ...codebook, categories: [] } }],
      }).join(),
    ).toMatch(/\/variables\/0\/codebook/u);
  });
});
