import { liveQuery } from 'dexie';
import type { ValueCount } from '../core/count';
import { newRawValue } from '../core/decide';
import type { StoredCombination } from '../core/import-merge';
import type { RawValue, Variable, VariableId } from '../core/types';
import {
  projectTables,
  teamTables,
  type CountsRow,
  type KodbokDb,
  type ProjectRow,
  type ValueRow,
  type VariableRow,
} from './db';
import {
  addValues,
  deleteProjectValues,
  readProjectValues,
  readVariableValues,
} from './value-pages';
import { deleteHistoryPages } from './history-pages';

// Projects, their variables and values. One function per user action, each one transaction
// (RELIABILITY.md rule 2): nothing but Dexie is awaited inside, errors are never caught inside.

export interface NewProject {
  readonly name: string;
  readonly demo: boolean;
  readonly variables: readonly Variable[];
  /** Counted single values per variable; keys are raw values (a Map: raw values can be `__proto__`). */
  readonly values: ReadonlyMap<VariableId, ReadonlyMap<string, ValueCount>>;
}

export function newId(): string {
  return crypto.randomUUID();
}

/**
 * The primary-key range of one variable's values (or, without a variable, a whole project's).
 * In IndexedDB's key order a shorter array sorts before its extensions and any array after any
 * string, so [p, v] … [p, v, []] holds exactly the keys [p, v, raw] for every string raw.
 */
export function valueRange(project: string, variable?: VariableId): [unknown[], unknown[]] {
  return variable === undefined
    ? [[project], [project, []]]
    : [
        [project, variable],
        [project, variable, []],
      ];
}

export async function listProjects(db: KodbokDb): Promise<ProjectRow[]> {
  return db.projects.orderBy('id').toArray();
}

export async function createProject(db: KodbokDb, p: NewProject): Promise<ProjectRow> {
  const project: ProjectRow = {
    id: newId(),
    name: p.name,
    createdAt: new Date().toISOString(),
    demo: p.demo,
  };
  const variables: VariableRow[] = p.variables.map((v) => ({ ...v, project: project.id }));
  const values: ValueRow[] = [];
  for (const [variable, counts] of p.values) {
    for (const [raw, c] of counts) {
      values.push({
        ...newRawValue(variable, raw, c.frequency, c.municipalities, {
          combinations: c.combinations,
        }),
        project: project.id,
      });
    }
  }
  await db.transaction('rw', [db.projects, db.variables, db.valuePages], async () => {
    await db.projects.add(project);
    await db.variables.bulkAdd(variables);
    await addValues(db, values);
  });
  return project;
}

export async function renameProject(db: KodbokDb, id: string, name: string): Promise<void> {
  await db.transaction('rw', db.projects, async () => {
    await db.projects.update(id, { name });
  });
}

export async function deleteProject(db: KodbokDb, id: string): Promise<void> {
  await db.transaction('rw', [...projectTables(db), ...teamTables(db)], async () => {
    for (const t of teamTables(db)) await t.where('[project+id]').between([id], [id, []]).delete();
    await deleteProjectValues(db, id);
    await db.counts.where('[project+variable]').between([id], [id, []]).delete();
    await db.importParts.where('project').equals(id).delete();
    await db.imports.where('project').equals(id).delete();
    await db.variables.where('project').equals(id).delete();
    await db.history.where('[project+variable]').between([id], [id, []]).delete();
    await deleteHistoryPages(db, id);
    await db.notes.where('[project+variable]').between([id], [id, []]).delete();
    await db.doubleSamples.where('[project+id]').between([id], [id, []]).delete();
    await db.doubleCodes.where('[project+id]').between([id], [id, []]).delete();
    await db.codebookVersions.where('[project+variable+number]').between([id], [id, []]).delete();
    await db.projects.delete(id);
  });
}

export async function loadVariables(db: KodbokDb, project: string): Promise<VariableRow[]> {
  const rows = await db.variables.where('project').equals(project).toArray();
  return rows.sort((a, b) => a.order - b.order);
}

export async function loadValues(
  db: KodbokDb,
  project: string,
  variable: VariableId,
): Promise<ValueRow[]> {
  return readVariableValues(db, project, variable);
}

/** A variable's distinct cells with their rows per municipality (for frequency tables). */
export async function loadCells(
  db: KodbokDb,
  project: string,
  variable: VariableId,
): Promise<readonly StoredCombination[]> {
  return (await db.counts.get([project, variable]))?.combinations ?? [];
}

export interface Subscription {
  unsubscribe(): void;
}

export function observeVariables(
  db: KodbokDb,
  project: string,
  onVariables: (variables: VariableRow[]) => void,
  onError: (e: unknown) => void,
): Subscription {
  return liveQuery(() => loadVariables(db, project)).subscribe({
    next: onVariables,
    error: onError,
  });
}

/**
 * Every value and counts row of a project: read once when it opens (coverage of every variable);
 * after that the change feed (changes.ts) says what changed.
 */
export async function loadProjectValues(
  db: KodbokDb,
  project: string,
  /** A variable whose values the caller already holds: left out of the read. */
  except?: VariableId,
): Promise<{ values: ValueRow[]; counts: CountsRow[] }> {
  return db.transaction('r', [db.valuePages, db.counts], async () => ({
    values: await readProjectValues(db, project, except),
    counts: await db.counts.where('[project+variable]').between([project], [project, []]).toArray(),
  }));
}

/** Values of a variable as a Map keyed by raw value. */
export function byRaw<T extends RawValue>(values: readonly T[]): Map<string, T> {
  return new Map(values.map((v) => [v.raw, v]));
}
