// Blind double coding as stored: an admin draws a sample (recorded with its seed), coders write
// their blind codes as immutable rows, all or none; the backup carries both and restores them;
// a version 3 database opens with the new stores and nothing else changed.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { drawSample, sampleAgreement } from '../../src/core/double-coding';
import { readBackupFile, writeBackupFile } from '../../src/core/formats/backup';
import { KodbokDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from '../../src/db/db';
import { disagreementSides } from '../../src/core/team/fold';
import { drawDoubleSample, loadDoubleCoding, writeBlindCodes } from '../../src/db/double-coding';
import { resolveDisagreement } from '../../src/db/team';
import { backupProject, importFiles, loadValues, restoreProject } from '../../src/db/repo';
import { codebook, emptyProject, freshDb, request, storedValues, variable } from './helpers';

const V = variable.id;

async function projectWithValues(db: KodbokDb) {
  const p = await emptyProject(db);
  await importFiles(
    db,
    request(p.id, [
      ['Missbruk förälder;__proto__', 'Gävle'],
      ['Missbruk förälder', 'Åre'],
      ['Skolproblem', 'Gävle'],
      ['bristande omsorg', 'Umeå'],
    ]),
  );
  return p;
}

async function sampleOf(db: KodbokDb, project: string) {
  const sample = await drawDoubleSample(db, {
    project,
    variable: V,
    mode: 'stratified',
    size: 3,
    seed: 2026,
    coders: ['anna', 'erik'],
    by: 'lena',
  });
  if (sample === 'empty') throw new Error('no sample');
  return sample;
}

describe('double coding in the database', () => {
  it('records the drawn sample with its seed: drawn again from the same values, the same sample', async () => {
    const db = freshDb();
    const p = await projectWithValues(db);
    const sample = await sampleOf(db, p.id);
    expect(sample.raws).toHaveLength(3);
    const values = await loadValues(db, p.id, V);
    expect(drawSample(values, sample)).toEqual(sample.raws);
    const stored = await loadDoubleCoding(db, p.id, V);
    expect(stored.samples).toEqual([sample]);
  });

  it('stores a coder’s codes as one row per decision; refuses all of them when one is wrong', async () => {
    const db = freshDb();
    const p = await projectWithValues(db);
    const sample = await sampleOf(db, p.id);
    const [a, b] = sample.raws as [string, string];
    const write = (by: string, codes: { raw: string; code: string }[]) =>
      writeBlindCodes(db, { project: p.id, sample: sample.id, by, codes });

    expect(await write('bertil', [{ raw: a, code: 'H07' }])).toBe('not-a-coder');
    expect(
      await write('anna', [
        { raw: a, code: 'H07' },
        { raw: b, code: 'HEM' }, // a group, not a leaf
      ]),
    ).toBe('not-a-leaf');
    expect(await write('anna', [{ raw: 'not drawn', code: 'H07' }])).toBe('not-in-sample');
    expect((await loadDoubleCoding(db, p.id, V)).codes).toEqual([]);

    const events = await write('anna', [
      { raw: a, code: 'H07' },
      { raw: b, code: 'H01' },
    ]);
    if (!Array.isArray(events)) throw new Error(String(events));
    expect(events.map((e) => [e.by, e.raw, e.code])).toEqual([
      ['anna', a, 'H07'],
      ['anna', b, 'H01'],
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
    await write('erik', [
      { raw: a, code: 'H07' },
      { raw: b, code: 'B11' },
    ]);
    const { codes } = await loadDoubleCoding(db, p.id, V);
    expect(codes).toHaveLength(4);
    const report = sampleAgreement(sample, codes, {
      codebook,
      level: 'leaf',
      weight: 'values',
      frequencies: new Map(),
    });
    expect([report.n, report.percentAgreement]).toEqual([2, 0.5]);
  });

  it('puts a completed sample’s disagreements in the queue, every coder a side, resolved like a team’s', async () => {
    const db = freshDb();
    const p = await projectWithValues(db);
    const sample = await sampleOf(db, p.id);
    const [a, b, c] = sample.raws as [string, string, string];
    const write = (by: string, codes: [string, string][]) =>
      writeBlindCodes(db, {
        project: p.id,
        sample: sample.id,
        by,
        codes: codes.map(([raw, code]) => ({ raw, code })),
      });
    const queue = () => db.disagreements.where('project').equals(p.id).toArray();
    await write('anna', [
      [a, 'H07'],
      [b, 'H01'],
      [c, 'B11'],
    ]);
    // Erik has coded part of it: nothing is queued yet (it would show Anna's codes to him).
    await write('erik', [[a, 'H07']]);
    expect(await queue()).toEqual([]);
    await write('erik', [
      [b, 'B11'],
      [c, 'B11'],
    ]);
    const [d, ...more] = await queue();
    expect(more).toEqual([]);
    expect(d).toMatchObject({ raw: b, variable: V, subject: 'double-coding' });
    expect(disagreementSides(d!).map((s) => `${s.by}:${s.code}`)).toEqual(['anna:H01', 'erik:B11']);
    // Written again (a coder changes her mind on another value), the same disagreement stays one.
    await write('anna', [[c, 'B11']]);
    expect(await queue()).toHaveLength(1);
    // Resolving keeps Erik's code for the value: a recorded action, and the queue is empty.
    expect(await resolveDisagreement(db, p.id, d!.id, 1, 'lena')).toBe('resolved');
    expect((await loadValues(db, p.id, V)).find((v) => v.raw === b)).toMatchObject({
      code: 'B11',
      codedBy: 'erik',
    });
    expect((await db.history.toArray()).at(-1)).toMatchObject({ kind: 'resolve', by: 'lena' });
    await write('anna', [[a, 'H07']]);
    expect((await queue()).filter((x) => x.resolved === undefined)).toEqual([]);
  });

  it('is in the backup, restores exactly, and a backup from before double coding still restores', async () => {
    const db = freshDb();
    const p = await projectWithValues(db);
    const sample = await sampleOf(db, p.id);
    await writeBlindCodes(db, {
      project: p.id,
      sample: sample.id,
      by: 'anna',
      codes: [{ raw: sample.raws[0]!, code: 'H07' }],
    });
    const backup = await backupProject(db, p.id);
    expect(backup.doubleSamples).toEqual([sample]);
    expect(backup.doubleCodes).toHaveLength(1);

    const read = readBackupFile(writeBackupFile(backup));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const other = freshDb();
    await restoreProject(other, read.value, (n) => n);
    expect(await loadDoubleCoding(other, p.id, V)).toEqual(await loadDoubleCoding(db, p.id, V));

    const old = JSON.parse(writeBackupFile(backup)) as Record<string, unknown>;
    delete old['doubleSamples'];
    delete old['doubleCodes'];
    const before = readBackupFile(JSON.stringify(old));
    expect(before.ok && before.value.doubleSamples).toEqual([]);
  });

  it('refuses a backup whose blind code names a value outside its sample, saying where', () => {
    const base = {
      format: 'kodbok/backup',
      formatVersion: 1,
      exportedAt: '2026-12-05T00:00:00Z',
      project: { id: 'p', name: 'p', createdAt: '2026-12-05T00:00:00Z', demo: false },
      variables: [],
      values: [],
      history: [],
      imports: [],
      importParts: [],
      counts: [],
      settings: [],
      doubleSamples: [
        {
          id: 's',
          variable: 'x',
          mode: 'random',
          seed: 1,
          size: 1,
          raws: ['a'],
          coders: ['anna'],
          by: 'lena',
          at: '2026-12-05T00:00:00Z',
        },
      ],
      doubleCodes: [
        { id: 'c', sample: 's', raw: 'b', code: 'H07', by: 'anna', at: '2026-12-05T00:00:00Z' },
      ],
    };
    const read = readBackupFile(JSON.stringify(base));
    expect(read.ok).toBe(false);
    const paths = read.ok ? [] : read.errors.map((e) => e.path);
    expect(paths).toContain('/doubleSamples/0/variable');
    expect(paths).toContain('/doubleCodes/0/raw');
  });
});

describe('schema v4 (double coding)', () => {
  it('opens a v3 database with everything intact, and a sample can be drawn', async () => {
    const name = `mig-v4-${Math.random()}`;
    // Version 3 as it shipped, with a project in it.
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores(SCHEMA_V2);
    old.version(3).stores(SCHEMA_V3);
    await old.open();
    expect(old.verno).toBe(3);
    old.close();
    const seeded = new KodbokDb(`${name}-seed`);
    const p = await projectWithValues(seeded);
    const rows = {
      projects: await seeded.projects.toArray(),
      variables: await seeded.variables.toArray(),
      values: await storedValues(seeded),
      counts: await seeded.counts.toArray(),
    };
    seeded.close();
    const write = new Dexie(name);
    write.version(1).stores(SCHEMA_V1);
    write.version(2).stores(SCHEMA_V2);
    write.version(3).stores(SCHEMA_V3);
    await write.open();
    for (const [table, list] of Object.entries(rows)) await write.table(table).bulkPut(list);
    write.close();

    const db = new KodbokDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect(await storedValues(db)).toEqual(rows.values);
    expect(await db.counts.toArray()).toEqual(rows.counts);
    const sample = await sampleOf(db, p.id);
    expect(sample.raws).toHaveLength(3);
    db.close();
  });
});
