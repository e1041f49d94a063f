import type { DecisionInput } from '../../src/core/decide';
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import type { ValueCount } from '../../src/core/count';
import type { Codebook, Variable } from '../../src/core/types';
import { CellCounter, splitCounted, type CountedVariable } from '../../src/core/import-count';
import { KodbokDb, type ImportedFile, type ValueRow } from '../../src/db/db';
import { applyBulkDecision, createProject, membersKey, type FileImport } from '../../src/db/repo';
import type { ProjectPeople } from '../../src/core/members';

/** Every value stored in the database, in the per-row store's key order (project, variable, raw). */
export async function storedValues(db: KodbokDb): Promise<ValueRow[]> {
  const key = (v: ValueRow) => [v.project, v.variable, v.raw];
  return (await db.valuePages.toArray())
    .flatMap((p) => p.values)
    .sort((a, b) => indexedDB.cmp(key(a), key(b)));
}

export const codebook: Codebook = {
  id: 'test-orsak',
  variable: 'aktualiseringsorsak',
  categories: [
    { code: 'HEM', label: 'Hemmiljö', parent: null },
    { code: 'H01', label: 'Bristande omsorg', parent: 'HEM' },
    { code: 'H07', label: 'Skadligt bruk hos förälder', parent: 'HEM' },
    { code: 'B11', label: 'Barnets skadliga bruk', parent: null },
  ],
};

export const variable: Variable = {
  id: 'aktualiseringsorsak',
  label: 'Aktualiseringsorsak',
  codebook,
  split: { separators: [';'] },
  order: 0,
};

let n = 0;
export function freshDb(): KodbokDb {
  n++;
  return new KodbokDb(`kodbok-test-${n}-${Math.random()}`);
}

export function counts(entries: [string, number][]): Map<string, ValueCount> {
  return new Map(
    entries.map(([raw, f]) => [raw, { frequency: f, municipalities: 1, combinations: 1 }]),
  );
}

export async function projectWith(db: KodbokDb, raws: [string, number][]) {
  return createProject(db, {
    name: 'Test',
    demo: false,
    variables: [variable],
    values: new Map([[variable.id, counts(raws)]]),
  });
}

/**
 * A DBCore middleware that fails every write to one table, as a full disk or a bug would:
 * `throw` fails the write as a whole; `each-operation` fails every row of it, as Chrome does
 * when the disk fills mid-transaction (Dexie then throws a BulkError, "N of M operations failed").
 */
export function failWritesTo(
  table: string,
  error: () => Error,
  how: 'throw' | 'each-operation' = 'throw',
) {
  return {
    stack: 'dbcore' as const,
    name: 'fail-writes',
    create(down: DBCore): DBCore {
      return {
        ...down,
        table(name: string) {
          const t = down.table(name);
          if (name !== table) return t;
          return {
            ...t,
            mutate: async (req: DBCoreMutateRequest) => {
              if (how === 'throw') throw error();
              const n = 'values' in req ? req.values.length : 1;
              const failures = Object.fromEntries(
                Array.from({ length: n }, (_, i) => [i, error()]),
              );
              return { numFailures: n, failures, lastResult: undefined };
            },
          };
        },
      };
    },
  };
}

/** One bulk decision on the test variable, as `by` takes it in the grid. */
export function decideAs(
  db: KodbokDb,
  project: string,
  by: string,
  raws: string[],
  input: DecisionInput,
) {
  return applyBulkDecision(db, { project, variable: variable.id, raws, input, by });
}

/** Stores a project's people (members, roles, four eyes) as the members dialog does. */
export async function setPeople(db: KodbokDb, project: string, people: ProjectPeople) {
  await db.settings.put({ key: membersKey(project), value: people });
}

/** One variable counted from (cell, municipality) rows, split as the test variable is. */
export function counted(rows: [string, string][], split = variable.split): CountedVariable {
  const c = new CellCounter();
  for (const [cell, m] of rows) c.add(cell, m);
  return splitCounted(variable.id, c.cells, split, c.emptyRows);
}

/** A file of the import record. */
export function file(name: string, rows: number): ImportedFile {
  return {
    name,
    size: 100,
    municipality: name.replace(/\.csv$/, ''),
    shape: 'rows',
    format: 'csv',
    encoding: 'windows-1252',
    delimiter: ';',
    sheet: null,
    headerRow: 1,
    rows,
  };
}

/** A project with the test variable and no values. */
export async function emptyProject(db: KodbokDb) {
  return createProject(db, { name: 'T', demo: false, variables: [variable], values: new Map() });
}

/** An import of `rows` into `project`, as the import dialog hands it over. */
export function request(
  project: string,
  rows: [string, string][],
  more: Partial<FileImport> = {},
): FileImport {
  return {
    project,
    by: 'anna',
    files: [file('Gävle.csv', rows.length)],
    variables: [counted(rows)],
    ...more,
  };
}
