import Dexie from 'dexie';
import type { ProjectBackup } from '../core/formats/backup';
import {
  DB_NAME,
  projectTables,
  type CodebookVersionRow,
  type CountsRow,
  type HistoryPageRow,
  type HistoryRow,
  type ImportPartRow,
  type ImportRow,
  type NoteRow,
  type DoubleCodeRow,
  type DoubleSampleRow,
  type KodbokDb,
  type ProjectRow,
  type SettingRow,
  type ValuePageRow,
  type ValueRow,
  type VariableRow,
} from './db';
import { newId } from './projects';
import { historyOfPages, readProjectHistory } from './history-pages';
import { addValues, readProjectValues, valuesOfPages } from './value-pages';
import { SETTINGS, projectSettingKey, projectSettingName, writeSetting } from './settings';

// The full-project backup (RELIABILITY.md rule 8): read in one transaction, restored in one.

/** A project's rows of every table, as read for a backup. */
interface ProjectRows {
  readonly project: ProjectRow;
  readonly variables: readonly VariableRow[];
  readonly values: readonly ValueRow[];
  readonly history: readonly HistoryRow[];
  readonly imports: readonly ImportRow[];
  readonly importParts: readonly ImportPartRow[];
  readonly counts: readonly CountsRow[];
  /** All settings: the project's own are picked out by their keys. */
  readonly settings: readonly SettingRow[];
  readonly notes: readonly NoteRow[];
  readonly doubleSamples: readonly DoubleSampleRow[];
  readonly doubleCodes: readonly DoubleCodeRow[];
  readonly codebookVersions: readonly CodebookVersionRow[];
}

/** The backup of one project from its rows: one entry per table, without the project's id. */
function backupOf(rows: ProjectRows, exportedAt: string): ProjectBackup {
  const p = rows.project;
  // Stable: actions from a checkpoint's pages (no seq) keep their order before the rows.
  const history = [...rows.history].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  return {
    exportedAt,
    project: { id: p.id, name: p.name, createdAt: p.createdAt, demo: p.demo },
    variables: [...rows.variables]
      .sort((a, b) => a.order - b.order)
      .map(({ project: _, ...v }) => v),
    values: rows.values.map(({ project: _, ...v }) => v),
    history: history.map(({ project: _, seq: __, ...h }) => h),
    imports: rows.imports.map(({ project: _, ...m }) => m),
    importParts: rows.importParts.map(({ project: _, ...m }) => m),
    counts: rows.counts.map(({ project: _, ...c }) => c),
    settings: rows.settings.flatMap((s) => {
      const key = projectSettingName(s.key, p.id);
      return key === null ? [] : [{ key, value: s.value }];
    }),
    // Note events in the order they were written (their keys are random ids).
    notes: [...rows.notes].sort(byTimeAndId).map(({ project: _, ...n }) => n),
    doubleSamples: [...rows.doubleSamples].sort(byTimeAndId).map(({ project: _, ...d }) => d),
    doubleCodes: [...rows.doubleCodes].sort(byTimeAndId).map(({ project: _, ...c }) => c),
    codebookVersions: [...rows.codebookVersions]
      .sort((a, b) =>
        a.variable < b.variable ? -1 : a.variable > b.variable ? 1 : a.number - b.number,
      )
      .map(({ project: _, ...v }) => v),
  };
}

/** Events in the order they were written (their keys are random ids). */
function byTimeAndId(
  a: { readonly at: string; readonly id: string },
  b: { readonly at: string; readonly id: string },
): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1;
}

/** Every read at once, by name (one place lists the tables, not a destructuring and a rebuild). */
async function allOf<T extends Record<string, PromiseLike<unknown>>>(
  reads: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const keys = Object.keys(reads);
  const results = await Promise.all(Object.values(reads));
  return Object.fromEntries(keys.map((k, i) => [k, results[i]])) as {
    [K in keyof T]: Awaited<T[K]>;
  };
}

/**
 * Everything one project holds, read in one transaction (a consistent snapshot). Nothing is
 * written: with full storage the backup is what the user needs most (the time of the backup is
 * noted afterwards, by noteBackup).
 */
export async function backupProject(db: KodbokDb, project: string): Promise<ProjectBackup> {
  const exportedAt = new Date().toISOString();
  return db.transaction('r', [...projectTables(db), db.settings], async () => {
    const p = await db.projects.get(project);
    if (!p) throw new Error(`no project ${project}`);
    const range = [[project], [project, []]] as const;
    const rows = await allOf({
      variables: db.variables.where('project').equals(project).toArray(),
      values: readProjectValues(db, project),
      // Oldest first already (the pages a team's checkpoint started it from, then the rows).
      history: readProjectHistory(db, project),
      imports: db.imports.where('project').equals(project).toArray(),
      importParts: db.importParts.where('project').equals(project).toArray(),
      counts: db.counts
        .where('[project+variable]')
        .between(...range)
        .toArray(),
      settings: db.settings.toArray(),
      notes: db.notes
        .where('[project+variable]')
        .between(...range)
        .toArray(),
      doubleSamples: db.doubleSamples
        .where('[project+id]')
        .between(...range)
        .toArray(),
      doubleCodes: db.doubleCodes
        .where('[project+id]')
        .between(...range)
        .toArray(),
      codebookVersions: db.codebookVersions
        .where('[project+variable+number]')
        .between(...range)
        .toArray(),
    });
    return backupOf({ project: p, ...rows }, exportedAt);
  });
}

/** Notes when the project was last backed up (shown in the menu), after the download. */
export async function noteBackup(db: KodbokDb, backup: ProjectBackup): Promise<void> {
  await writeSetting(db, SETTINGS.lastBackup, backup.exportedAt, backup.project.id);
}

/**
 * Restores a backup as a project, in one transaction: under its own id when no project has it,
 * else as a copy with new ids (the project here is left as it is). Returns the project.
 */
export async function restoreProject(
  db: KodbokDb,
  backup: ProjectBackup,
  copyName: (name: string) => string,
): Promise<ProjectRow> {
  return db.transaction('rw', [...projectTables(db), db.settings], async () => {
    const taken = (await db.projects.get(backup.project.id)) !== undefined;
    const id = taken ? newId() : backup.project.id;
    // Import ids are keys of their own: a copy needs new ones, and every reference follows.
    const stored = taken ? [] : await db.imports.bulkGet(backup.imports.map((m) => m.id));
    const importIds = new Map(
      backup.imports.map((m, i) => [m.id, !taken && stored[i] === undefined ? m.id : newId()]),
    );
    const importId = (old: string): string => importIds.get(old) ?? old;
    const project: ProjectRow = {
      id,
      name: taken ? copyName(backup.project.name) : backup.project.name,
      createdAt: backup.project.createdAt,
      demo: backup.project.demo,
    };
    await db.projects.add(project);
    await db.variables.bulkAdd(backup.variables.map((v): VariableRow => ({ ...v, project: id })));
    await addValues(
      db,
      backup.values.map((v): ValueRow => ({
        ...v,
        firstImport: v.firstImport === null ? null : importId(v.firstImport),
        project: id,
      })),
    );
    await db.history.bulkAdd(backup.history.map((h) => ({ ...h, project: id }) as HistoryRow));
    await db.imports.bulkAdd(
      backup.imports.map((m) => ({ ...m, id: importId(m.id), project: id }) as ImportRow),
    );
    await db.importParts.bulkAdd(
      backup.importParts.map((p): ImportPartRow => ({
        ...p,
        import: importId(p.import),
        project: id,
      })),
    );
    await db.counts.bulkAdd(backup.counts.map((c): CountsRow => ({ ...c, project: id })));
    // Note events keep their ids (keyed with the project): the same event in a copy is the same.
    await db.notes.bulkAdd(backup.notes.map((n): NoteRow => ({ ...n, project: id })));
    // So do the samples and blind codes of double coding.
    await db.doubleSamples.bulkAdd(
      backup.doubleSamples.map((d): DoubleSampleRow => ({ ...d, project: id })),
    );
    await db.doubleCodes.bulkAdd(
      backup.doubleCodes.map((c): DoubleCodeRow => ({ ...c, project: id })),
    );
    await db.codebookVersions.bulkAdd(
      backup.codebookVersions.map((v): CodebookVersionRow => ({ ...v, project: id })),
    );
    await db.settings.bulkPut(
      backup.settings.map((s): SettingRow => ({
        key: projectSettingKey(s.key, id),
        value: s.value,
      })),
    );
    return project;
  });
}

/** What "save what can be read" got out of a database that does not open normally. */
export interface Salvage {
  /** One backup per project found, with whatever of it could be read. */
  readonly backups: readonly ProjectBackup[];
  /** Stores that could not be read (their rows are missing from the backups). */
  readonly unreadable: readonly string[];
}

const SALVAGE_STORES = [
  'projects',
  'variables',
  'values',
  'valuePages',
  'history',
  'imports',
  'importParts',
  'counts',
  'settings',
  'notes',
  'doubleSamples',
  'doubleCodes',
  'codebookVersions',
  'historyPages',
] as const;

/**
 * RELIABILITY.md rule 10: when the database cannot be opened as this Kodbok expects, read
 * whatever can be read, store by store (each in its own read; one that fails is named, the
 * others are still read), and make a backup of every project found. Never writes or deletes.
 */
export async function salvageProjects(
  open: () => Promise<Dexie> = () => new Dexie(DB_NAME).open(),
): Promise<Salvage> {
  let db: Dexie;
  try {
    db = await open();
  } catch {
    return { backups: [], unreadable: [...SALVAGE_STORES] };
  }
  try {
    const unreadable: string[] = [];
    const read = async <T>(store: (typeof SALVAGE_STORES)[number]): Promise<T[]> => {
      // A store newer (double coding in a version 3 database) or older (the per-row values in a
      // version 5 one) than the database holds nothing.
      const optional =
        store.startsWith('double') ||
        store === 'values' ||
        store === 'valuePages' ||
        store === 'historyPages';
      if (optional && !db.tables.some((t) => t.name === store)) return [];
      try {
        return (await db.table(store).toArray()) as T[];
      } catch {
        unreadable.push(store);
        return [];
      }
    };
    const projects = await read<ProjectRow>('projects');
    const variables = await read<VariableRow>('variables');
    // Values as rows (schema v1–4) or in pages (v5 on). A row written by schema v1 has no
    // combinations or first import (the v2 upgrade gives them, as here: unknown, none).
    const values = [
      ...(await read<ValueRow>('values')).map((v): ValueRow => ({
        ...v,
        combinations: v.combinations ?? null,
        firstImport: v.firstImport ?? null,
      })),
      ...valuesOfPages(await read<ValuePageRow>('valuePages')),
    ];
    // The pages a team's checkpoint started a project from (schema v6), then the rows.
    const history = [
      ...historyOfPages(await read<HistoryPageRow>('historyPages')),
      ...(await read<HistoryRow>('history')),
    ];
    const imports = await read<ImportRow>('imports');
    const importParts = await read<ImportPartRow>('importParts');
    const counts = await read<CountsRow>('counts');
    const settings = await read<SettingRow>('settings');
    const notes = await read<NoteRow>('notes');
    const doubleSamples = await read<DoubleSampleRow>('doubleSamples');
    const doubleCodes = await read<DoubleCodeRow>('doubleCodes');
    const codebookVersions = await read<CodebookVersionRow>('codebookVersions');
    const rowsOf = <T extends { readonly project: string }>(rows: readonly T[], id: string) =>
      rows.filter((r) => r.project === id);
    // Without the projects store, the projects are the ones the other stores name.
    const ids = new Set([...projects.map((p) => p.id), ...variables.map((v) => v.project)]);
    const exportedAt = new Date().toISOString();
    const backups = [...ids].map((id) =>
      backupOf(
        {
          project: projects.find((p) => p.id === id) ?? {
            id,
            name: id,
            createdAt: exportedAt,
            demo: false,
          },
          variables: rowsOf(variables, id),
          values: rowsOf(values, id),
          history: rowsOf(history, id),
          imports: rowsOf(imports, id),
          importParts: rowsOf(importParts, id),
          counts: rowsOf(counts, id),
          settings,
          notes: rowsOf(notes, id),
          doubleSamples: rowsOf(doubleSamples, id),
          doubleCodes: rowsOf(doubleCodes, id),
          codebookVersions: rowsOf(codebookVersions, id),
        },
        exportedAt,
      ),
    );
    return { backups, unreadable };
  } finally {
    db.close();
  }
}
