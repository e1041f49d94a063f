import Dexie, { type DBCore } from 'dexie';
import { describe, expect, it } from 'vitest';
import { codingOf } from '../../src/core/decide';
import { readBackupFile, writeBackupFile, type ProjectBackup } from '../../src/core/formats/backup';
import type { KodbokDb } from '../../src/db/db';
import {
  applyBulkDecision,
  backupProject,
  getSetting,
  importFiles,
  listImports,
  listProjects,
  loadCombinations,
  loadNotes,
  loadTallies,
  loadValues,
  loadVariables,
  noteBackup,
  putSetting,
  replaceCodebook,
  readSetting,
  SETTINGS,
  restoreProject,
  salvageProjects,
  undoImport,
  writeNote,
  writeSetting,
} from '../../src/db/repo';
import { neutralProfile } from '../../src/core/suggest/profile';
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
    // As the app reads it: a restored setting is stored as its reader repairs it.
    normalise: await readSetting(db, SETTINGS.normalise, project, V),
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

  it('keeps the variable’s suggestion profile as the app stored it (issue 12 item 1)', async () => {
    const db = freshDb();
    const p = await workedProject(db);
    const profile = {
      ...neutralProfile,
      id: 'team',
      words: { negation: ['no', 'not'] },
      vocabulary: [{ concept: 'school', stems: ['truan'] }],
      categories: [{ code: 'H07', owner: 'caregiver' as const }],
      weights: { support: 0.3 },
    };
    await writeSetting(db, SETTINGS.normalise, profile, p.id, V);
    const read = readBackupFile(writeBackupFile(await backupProject(db, p.id)));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const other = freshDb();
    await restoreProject(other, read.value, (n) => n);
    const back = await readSetting(other, SETTINGS.normalise, p.id, V);
    expect(back).toEqual(await readSetting(db, SETTINGS.normalise, p.id, V));
    // A word class the stored profile leaves out is its base's, as a weight is (below).
    expect(back.words).toEqual({
      negation: ['no', 'not'],
      exclusions: ['not', 'ej', 'inte', 'icke'],
      contrasts: ['utan', 'but'],
      contrastAdditives: [
        'bara',
        'enbart',
        'endast',
        'även',
        'också',
        'only',
        'just',
        'merely',
        'also',
      ],
    });
    expect(back.categories).toEqual([{ code: 'H07', owner: 'caregiver' }]);
    // A weight the stored profile leaves out is its base's (alignedDice: 0 on the neutral profile).
    expect(back.weights).toEqual({ support: 0.3, alignedDice: 0 });
  });

  it('keeps a resolved team disagreement’s record on its history row (issue 10)', async () => {
    const db = freshDb();
    const p = await workedProject(db);
    const [value] = await loadValues(db, p.id, V);
    const side = (by: string, code: string, event: string | null) => ({
      event,
      by,
      at: '2026-12-05T10:00:00.000Z',
      code,
      status: 'coded' as const,
      note: '',
    });
    const resolve = {
      kept: side('bo', 'H07', 'ev:1'),
      sides: [side('anna', 'H01', null), side('bo', 'H07', 'ev:1')],
    };
    await db.history.add({
      project: p.id,
      variable: V,
      batch: 'resolve-1',
      kind: 'resolve',
      by: 'lena',
      at: '2026-12-05T11:00:00.000Z',
      changes: [
        { raw: value!.raw, code: 'H07', status: 'coded', note: '', before: codingOf(value!) },
      ],
      resolve,
    });
    const read = readBackupFile(writeBackupFile(await backupProject(db, p.id)));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const other = freshDb();
    await restoreProject(other, read.value, (n) => n);
    const back = (await other.history.toArray()).find((h) => h.kind === 'resolve');
    expect(back?.resolve).toEqual(resolve);
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

  it('notes when the project was last backed up, after reading it out', async () => {
    const db = freshDb();
    const p = await workedProject(db);
    expect(await readSetting(db, SETTINGS.lastBackup, p.id)).toBeNull();
    const b = await backupProject(db, p.id);
    // Reading the backup writes nothing: with full storage it must still work.
    expect(await readSetting(db, SETTINGS.lastBackup, p.id)).toBeNull();
    await noteBackup(db, b);
    expect(await readSetting(db, SETTINGS.lastBackup, p.id)).toBe(b.exportedAt);
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
    expect(await broken.valuePages.count()).toBe(0);
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

describe('restoring a backup repairs or refuses it, in one place (issue 13 item 2)', () => {
  type Json = Record<string, unknown>;
  /** A real backup of the worked project, as parsed JSON to tamper with. */
  async function backupJson(): Promise<Json> {
    const db = freshDb();
    const p = await workedProject(db);
    return JSON.parse(writeBackupFile(await backupProject(db, p.id))) as Json;
  }
  const list = (b: Json, key: string) => b[key] as Json[];
  const errorsOf = (b: Json) => {
    const r = readBackupFile(JSON.stringify(b));
    return r.ok ? [] : r.errors.map((e) => `${e.path} ${e.message}`);
  };
  /** `b` with `list[i]` changed by `patch`. */
  const withRow = (b: Json, key: string, i: number, patch: Json): Json => ({
    ...b,
    [key]: list(b, key).map((row, j) => (j === i ? { ...row, ...patch } : row)),
  });
  const valueIndex = (b: Json, raw: string) => list(b, 'values').findIndex((v) => v['raw'] === raw);

  it('restores wrong-typed settings as their defaults: the view that blanked the app', async () => {
    const good = await backupJson();
    const tampered = {
      ...good,
      settings: [
        {
          key: `view:${V}`,
          value: {
            quick: { x: 1 },
            statuses: 7,
            category: 3,
            sortModel: 5,
            filterModel: 'x',
            clusterOut: 3,
            cluster: 'everything',
            onlyNew: 'yes',
          },
        },
        { key: `normalise:${V}`, value: { rules: 5, terms: 'x' } },
        { key: 'activeVariable', value: 9 },
        { key: 'lang', value: 'xx' },
        { key: 'view:no-such-variable', value: {} },
      ],
    };
    const read = readBackupFile(JSON.stringify(tampered));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.warnings.join()).toMatch(/"lang"/u);
    expect(read.warnings.join()).toMatch(/"view:no-such-variable"/u);
    const db = freshDb();
    const p = await restoreProject(db, read.value, (n) => n);
    // Stored as repaired: whatever reads the key gets valid types, whichever way it reads.
    expect(await getSetting(db, SETTINGS.view.key(p.id, V))).toEqual({
      quick: '',
      statuses: [],
      category: null,
      filterModel: null,
      sortModel: null,
    });
    expect(await getSetting(db, SETTINGS.activeVariable.key(p.id))).toBeNull();
    const normalise = await readSetting(db, SETTINGS.normalise, p.id, V);
    expect(normalise.normalise.rules.case).toBe(true);
    expect(await db.settings.count()).toBe(3);
  });

  it('keeps what is valid in a setting and repairs only the rest', async () => {
    const good = await backupJson();
    const view = {
      quick: 'missbruk',
      statuses: ['approved', 'nonsense', 4],
      category: 'H07',
      filterModel: { raw: { filterType: 'text', type: 'contains', filter: 'bruk' }, bad: 5 },
      sortModel: [{ colId: 'frequency', sort: 'desc', sortIndex: 0 }, { colId: 3 }],
      cluster: 0.8,
      clusterOut: ['a', 5],
    };
    const read = readBackupFile(
      JSON.stringify({ ...good, settings: [{ key: `view:${V}`, value: view }] }),
    );
    expect(read.ok && read.value.settings[0]?.value).toEqual({
      ...view,
      statuses: ['approved'],
      filterModel: { raw: view.filterModel.raw },
      sortModel: [view.sortModel[0]],
      clusterOut: ['a'],
    });
  });

  it('refuses a value whose frequency disagrees with its rows per municipality', async () => {
    const good = await backupJson();
    const i = valueIndex(good, 'Missbruk förälder');
    expect(errorsOf(withRow(good, 'values', i, { frequency: 7 })).join('\n')).toMatch(
      new RegExp(
        `^/values/${i}/frequency is 7, but .*/counts/0/tallies/\\d+\\) add up to 2$`,
        'mu',
      ),
    );
  });

  it('refuses a code that is not a leaf of the codebook: unknown, or a group', async () => {
    const good = await backupJson();
    const i = valueIndex(good, 'Skolproblem');
    expect(errorsOf(withRow(good, 'values', i, { code: 'NOPE', status: 'coded' })).join()).toMatch(
      new RegExp(`/values/${i}/code "NOPE" is not a category`, 'u'),
    );
    expect(errorsOf(withRow(good, 'values', i, { code: 'HEM', status: 'coded' })).join()).toMatch(
      new RegExp(`/values/${i}/code "HEM" is a group`, 'u'),
    );
  });

  it('refuses an approved (or coded, or sent back) value without a code', async () => {
    const good = await backupJson();
    const i = valueIndex(good, 'Missbruk förälder');
    for (const status of ['approved', 'coded', 'rejected'])
      expect(errorsOf(withRow(good, 'values', i, { code: null, status })).join()).toMatch(
        new RegExp(`/values/${i}/code missing: a value that is ${status} needs a code`, 'u'),
      );
  });

  it('refuses history about a value the project does not have', async () => {
    const good = await backupJson();
    const h = list(good, 'history').findIndex((x) => x['kind'] === 'assign');
    const changes = list(good, 'history')[h]?.['changes'] as Json[];
    const tampered = withRow(good, 'history', h, {
      changes: [...changes, { ...changes[0], raw: 'no such value' }],
    });
    expect(errorsOf(tampered).join()).toMatch(
      new RegExp(`/history/${h}/changes/${changes.length}/raw names a value`, 'u'),
    );
  });

  it('refuses a tally pair that is not [municipality, rows]', async () => {
    const good = await backupJson();
    const counts = list(good, 'counts')[0] as Json;
    const tallies = counts['tallies'] as Json[];
    const tampered = {
      ...good,
      counts: [{ ...counts, tallies: [{ ...tallies[0], munis: [['Gävle', 'x']] }] }],
    };
    expect(errorsOf(tampered).join()).toMatch(/\/counts\/0\/tallies\/0\/munis\/0\/1/u);
  });

  it('still restores what the app itself makes: a code the codebook lost, history of a value an undone import took away', async () => {
    const db = freshDb();
    const p = await emptyProject(db);
    await importFiles(db, request(p.id, [['Skolproblem', 'Gävle']]));
    await applyBulkDecision(db, {
      project: p.id,
      variable: V,
      raws: ['Skolproblem'],
      input: { kind: 'assign', code: 'H01' },
      by: 'anna',
    });
    const second = await importFiles(db, request(p.id, [['Våld', 'Umeå']]));
    // Coded, cleared again: the import that brought it can be undone, its history stays.
    for (const kind of ['assign', 'clear'] as const)
      await applyBulkDecision(db, {
        project: p.id,
        variable: V,
        raws: ['Våld'],
        input: kind === 'assign' ? { kind, code: 'H07' } : { kind },
        by: 'anna',
      });
    await undoImport(db, p.id, second.id, 'anna');
    // A new codebook without H01: the value keeps its code (the import dialog says so).
    await replaceCodebook(db, p.id, V, {
      ...variable.codebook,
      categories: variable.codebook.categories.filter((c) => c.code !== 'H01'),
    });
    const read = readBackupFile(writeBackupFile(await backupProject(db, p.id)));
    expect(read.ok ? [] : read.errors).toEqual([]);
    if (!read.ok) return;
    const other = freshDb();
    await restoreProject(other, read.value, (n) => n);
    expect((await loadValues(other, p.id, V)).map((v) => [v.raw, v.code])).toEqual([
      ['Skolproblem', 'H01'],
    ]);
  });
});

describe('save what can be read (RELIABILITY.md rule 10, issue 13 item 5)', () => {
  /** The database opened as "save what can be read" does: no schema, whatever version is there. */
  const opener =
    (db: KodbokDb, unreadable: string | null = null) =>
    () => {
      const raw = new Dexie(db.name);
      if (unreadable)
        raw.use({
          stack: 'dbcore',
          name: 'unreadable-store',
          create: (down: DBCore): DBCore => ({
            ...down,
            table: (name) => {
              const t = down.table(name);
              const broken = () => Promise.reject(new DOMException('unreadable', 'UnknownError'));
              return name === unreadable
                ? { ...t, query: broken, getMany: broken, get: broken }
                : t;
            },
          }),
        });
      return raw.open();
    };

  it('makes a backup of every project that restores as the project was', async () => {
    const db = freshDb();
    const p = await workedProject(db);
    const { backups, unreadable } = await salvageProjects(opener(db));
    expect(unreadable).toEqual([]);
    expect(backups.map((b) => b.project.id)).toEqual([p.id]);
    const { exportedAt: _, ...salvaged } = backups[0] as ProjectBackup;
    const { exportedAt: __, ...backup } = await backupProject(db, p.id);
    expect(salvaged).toEqual(backup);
    expect(readBackupFile(writeBackupFile(backups[0] as ProjectBackup)).ok).toBe(true);
  });

  it('reads the other stores when one cannot be read, and names it', async () => {
    const db = freshDb();
    const p = await workedProject(db);
    const { backups, unreadable } = await salvageProjects(opener(db, 'history'));
    expect(unreadable).toEqual(['history']);
    expect(backups[0]?.history).toEqual([]);
    expect(backups[0]?.values.length).toBe((await loadValues(db, p.id, V)).length);
  });

  it('says nothing could be read when the database does not open at all', async () => {
    const { backups, unreadable } = await salvageProjects(() =>
      Promise.reject(new Error('Internal error opening backing store')),
    );
    expect(backups).toEqual([]);
    expect(unreadable).toContain('values');
  });
});
