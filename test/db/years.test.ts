import { describe, expect, it } from 'vitest';
import { CellCounter, splitCounted } from '../../src/core/import-count';
import { readBackupFile, writeBackupFile } from '../../src/core/formats/backup';
import { readTeamEvent, type ImportEvent, type TeamEvent } from '../../src/core/team/events';
import { yearsFromPairs, type YearPairs } from '../../src/core/year';
import {
  backupProject,
  importFiles,
  loadCombinations,
  loadTallies,
  restoreProject,
  undoImport,
} from '../../src/db/repo';
import { foldRemote } from '../../src/db/team-fold';
import { shareProject } from '../../src/db/team-past';
import type { KodbokDb } from '../../src/db/db';
import { emptyProject, file, freshDb, request, variable } from './helpers';
import { linked, sent } from './team-helpers';

// Counts per value, municipality and year (issue 10 item 2): stored by an import, taken away
// by its undo, kept by a backup and carried to a team's other browsers by the import event.

const V = variable.id;
type Row = [cell: string, municipality: string, year: number | null];

function countedWithYears(rows: Row[]) {
  const c = new CellCounter();
  for (const [cell, m, y] of rows) c.add(cell, m, 1, y);
  return splitCounted(V, c.cells, variable.split, c.emptyRows, c.years);
}

function withYears(project: string, rows: Row[]) {
  return {
    ...request(project, []),
    files: [file('Gävle.csv', rows.length)],
    variables: [countedWithYears(rows)],
  };
}

/** A value's rows per year and municipality as Maps, and its tally. */
async function yearsOf(db: KodbokDb, project: string, raw: string) {
  const t = (await loadTallies(db, project, V)).find((x) => x.raw === raw);
  return t && { munis: new Map(t.munis), years: yearsFromPairs(t.years) };
}

const y = (pairs: [number, [string, number][]][]) =>
  new Map(pairs.map(([year, tally]) => [year, new Map(tally)]));

describe('an import with years', () => {
  it('stores each value’s and cell’s rows per municipality and year, merged over imports, and its undo takes exactly its rows away', async () => {
    const db = freshDb();
    const p = await emptyProject(db);
    await importFiles(
      db,
      withYears(p.id, [
        ['Hot;Missbruk', 'Gävle', 2022],
        ['Hot', 'Gävle', 2023],
        ['Hot', 'Åre', null],
      ]),
    );
    const afterFirst = {
      tallies: await loadTallies(db, p.id, V),
      cells: await loadCombinations(db, p.id, V),
    };
    // An older-style import without years beside it: its rows count under "no year".
    await importFiles(db, request(p.id, [['Hot', 'Umeå']]));
    const third = await importFiles(
      db,
      withYears(p.id, [
        ['Hot', 'Gävle', 2023],
        ['Hot;Missbruk', 'Åre', 2024],
      ]),
    );
    expect(await yearsOf(db, p.id, 'Hot')).toEqual({
      munis: new Map([
        ['Gävle', 3],
        ['Åre', 2],
        ['Umeå', 1],
      ]),
      years: y([
        [2022, [['Gävle', 1]]],
        [2023, [['Gävle', 2]]],
        [2024, [['Åre', 1]]],
      ]),
    });
    const cell = (await loadCombinations(db, p.id, V)).find((c) => c.cell === 'Hot;Missbruk');
    expect(yearsFromPairs(cell?.years)).toEqual(
      y([
        [2022, [['Gävle', 1]]],
        [2024, [['Åre', 1]]],
      ]),
    );
    expect(await undoImport(db, p.id, third.id, 'anna')).toMatchObject({ ok: true });
    const second = (await db.imports.where('project').equals(p.id).toArray()).find(
      (r) => r.id !== third.id && r.undone === null && r.seq === 2,
    );
    expect(await undoImport(db, p.id, second!.id, 'anna')).toMatchObject({ ok: true });
    expect(await loadTallies(db, p.id, V)).toEqual(afterFirst.tallies);
    expect(await loadCombinations(db, p.id, V)).toEqual(afterFirst.cells);
  });

  it('a backup keeps the years; a backup written before years were kept still restores; a year detail larger than the rows is refused', async () => {
    const db = freshDb();
    const p = await emptyProject(db);
    await importFiles(
      db,
      withYears(p.id, [
        ['Hot', 'Gävle', 2022],
        ['Hot', 'Gävle', null],
      ]),
    );
    const text = writeBackupFile(await backupProject(db, p.id));
    const read = readBackupFile(text);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const other = freshDb();
    await restoreProject(other, read.value, (n) => n);
    expect(await loadTallies(other, p.id, V)).toEqual(await loadTallies(db, p.id, V));
    expect(await loadCombinations(other, p.id, V)).toEqual(await loadCombinations(db, p.id, V));
    const parts = await other.importParts.where('project').equals(p.id).toArray();
    expect(parts[0]?.years?.values).toEqual([['Hot', [[2022, [['Gävle', 1]]]]]]);

    // Without any `years` (as written before): restores, every row under "no year".
    const json = JSON.parse(text) as Record<string, unknown>;
    const strip = (x: unknown): unknown =>
      Array.isArray(x)
        ? x.map(strip)
        : x !== null && typeof x === 'object'
          ? Object.fromEntries(
              Object.entries(x)
                .filter(([k]) => k !== 'years')
                .map(([k, v]) => [k, strip(v)]),
            )
          : x;
    const old = readBackupFile(JSON.stringify(strip(json)));
    if (!old.ok) throw new Error(JSON.stringify(old.errors));
    const third = freshDb();
    await restoreProject(third, old.value, (n) => n);
    expect((await loadTallies(third, p.id, V))[0]).toEqual({
      raw: 'Hot',
      munis: [['Gävle', 2]],
      baseRows: 0,
      baseMunicipalities: 0,
    });

    const counts = json['counts'] as { tallies: { years: YearPairs }[] }[];
    counts[0]!.tallies[0]!.years = [[2022, [['Gävle', 3]]]];
    const bad = readBackupFile(JSON.stringify(json));
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors.map((e) => `${e.path} ${e.message}`).join('\n')).toMatch(
        /\/counts\/0\/tallies\/0\/years "Gävle" has 3 rows with a year but 2 rows in all/u,
      );
  });
});

describe('a team’s import event', () => {
  it('carries the years, so the other browser has the same counts per municipality and year; an older event without them folds as before', async () => {
    const a = await linked('anna');
    const b = await linked('bo');
    await sent(a);
    await importFiles(
      a.db,
      withYears(a.project, [
        ['Ny;Hot', 'Gävle', 2022],
        ['Ny', 'Åre', 2023],
        ['Ny', 'Åre', null],
      ]),
    );
    // Through the wire: JSON, read back by the event reader.
    const events = (await sent(a)).map((e) => readTeamEvent(JSON.parse(JSON.stringify(e))));
    const event = events.find((e): e is ImportEvent => e?.kind === 'import');
    expect(event?.variables[0]?.years).toBeDefined();
    await foldRemote(b.db, b.project, [event as TeamEvent], null);
    for (const raw of ['Ny', 'Hot'])
      expect(await yearsOf(b.db, b.project, raw)).toEqual(await yearsOf(a.db, a.project, raw));
    expect((await yearsOf(b.db, b.project, 'Ny'))?.years).toEqual(
      y([
        [2022, [['Gävle', 1]]],
        [2023, [['Åre', 1]]],
      ]),
    );

    const c = await linked('cecilia');
    const { years: _, ...older } = event!.variables[0]!;
    const old = readTeamEvent(
      JSON.parse(JSON.stringify({ ...event, import: 'older', variables: [older] })),
    );
    expect(old).not.toBeNull();
    await foldRemote(c.db, c.project, [old as TeamEvent], null);
    const ny = (await loadTallies(c.db, c.project, V)).find((t) => t.raw === 'Ny');
    expect(ny).toEqual({
      raw: 'Ny',
      munis: [
        ['Gävle', 1],
        ['Åre', 2],
      ],
      baseRows: 0,
      baseMunicipalities: 0,
    });
  });
});

describe('a project shared after its imports', () => {
  it("gives a new member its counts per municipality and year, and its cells, with the values (the share's start events)", async () => {
    // Anna imports first, alone, then links the project: its start goes to the team.
    const adb = freshDb();
    const { id: a } = await emptyProject(adb);
    await importFiles(
      adb,
      withYears(a, [
        ['Ny;Hot', 'Gävle', 2022],
        ['Ny', 'Åre', 2023],
        ['Hot', 'Åre', null],
      ]),
    );
    await shareProject(
      adb,
      a,
      { url: 'http://127.0.0.1:1', db: 'p', user: 'anna', since: null },
      { user: 'anna', admin: false },
    );
    const start = (await sent({ db: adb }))
      .map((e) => readTeamEvent(JSON.parse(JSON.stringify(e))))
      .filter((e): e is TeamEvent => e !== null && (e.kind === 'variable' || e.kind === 'values'));
    expect(start.some((e) => e.kind === 'values' && (e.cells?.length ?? 0) > 0)).toBe(true);

    // Bo joins with an empty project and folds the start.
    const bdb = freshDb();
    const { id: b } = await emptyProject(bdb);
    await foldRemote(bdb, b, start, null);
    for (const raw of ['Ny', 'Hot'])
      expect(await yearsOf(bdb, b, raw)).toEqual(await yearsOf(adb, a, raw));
    const byKey = <T>(rows: readonly T[], key: (t: T) => string) =>
      [...rows].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
    const tallies = async (db: KodbokDb, p: string) =>
      byKey(await loadTallies(db, p, V), (t) => t.raw);
    const cells = async (db: KodbokDb, p: string) =>
      byKey(await loadCombinations(db, p, V), (c) => c.cell);
    expect(await tallies(bdb, b)).toEqual(await tallies(adb, a));
    expect(await cells(bdb, b)).toEqual(await cells(adb, a));
    // A value Bo already holds keeps its own counts (only missing ones are added).
    const cdb = freshDb();
    const { id: c } = await emptyProject(cdb);
    await importFiles(cdb, withYears(c, [['Ny', 'Umeå', 2024]]));
    await foldRemote(cdb, c, start, null);
    expect((await yearsOf(cdb, c, 'Ny'))?.munis).toEqual(new Map([['Umeå', 1]]));
    expect(await yearsOf(cdb, c, 'Hot')).toEqual(await yearsOf(adb, a, 'Hot'));
  });
});
