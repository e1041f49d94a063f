import type { ProjectBackup } from '../core/formats/backup';
import {
  projectTables,
  type CountsRow,
  type HistoryRow,
  type ImportPartRow,
  type ImportRow,
  type NoteRow,
  type KodbokDb,
  type ProjectRow,
  type SettingRow,
  type ValueRow,
  type VariableRow,
} from './db';
import { newId, valueRange } from './projects';

// The full-project backup (RELIABILITY.md rule 8): read in one transaction, restored in one.

/** Settings that belong to a project: their keys name it (`normalise:<project>:<variable>`). */
const PROJECT_SETTINGS = ['normalise', 'view', 'activeVariable'];

/** Where the time of a project's last backup is kept. */
export function lastBackupKey(project: string): string {
  return `lastBackup:${project}`;
}

function ownSetting(key: string, project: string): string | null {
  for (const prefix of PROJECT_SETTINGS) {
    const head = `${prefix}:${project}`;
    if (key === head) return prefix;
    if (key.startsWith(`${head}:`)) return `${prefix}:${key.slice(head.length + 1)}`;
  }
  return null;
}

function settingKey(key: string, project: string): string {
  const at = key.indexOf(':');
  return at < 0 ? `${key}:${project}` : `${key.slice(0, at)}:${project}:${key.slice(at + 1)}`;
}

/**
 * Everything one project holds, read in one transaction (a consistent snapshot), and the time of
 * the backup noted for the UI.
 */
export async function backupProject(db: KodbokDb, project: string): Promise<ProjectBackup> {
  const exportedAt = new Date().toISOString();
  const backup = await db.transaction('r', [...projectTables(db), db.settings], async () => {
    const p = await db.projects.get(project);
    if (!p) throw new Error(`no project ${project}`);
    const [variables, values, history, imports, parts, counts, settings, notes] = await Promise.all(
      [
        db.variables.where('project').equals(project).sortBy('order'),
        db.values
          .where('[project+variable+raw]')
          .between(...valueRange(project), true, true)
          .toArray(),
        db.history.where('[project+variable]').between([project], [project, []]).toArray(),
        db.imports.where('project').equals(project).toArray(),
        db.importParts.where('project').equals(project).toArray(),
        db.counts.where('[project+variable]').between([project], [project, []]).toArray(),
        db.settings.toArray(),
        db.notes.where('[project+variable]').between([project], [project, []]).toArray(),
      ],
    );
    history.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    // Note events in the order they were written (their keys are random ids).
    notes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
    return {
      exportedAt,
      project: { id: p.id, name: p.name, createdAt: p.createdAt, demo: p.demo },
      variables: variables.map(({ project: _, ...v }) => v),
      values: values.map(({ project: _, ...v }) => v),
      history: history.map(({ project: _, seq: __, ...h }) => h),
      imports: imports.map(({ project: _, ...m }) => m),
      importParts: parts.map(({ project: _, ...m }) => m),
      counts: counts.map(({ project: _, ...c }) => c),
      settings: settings.flatMap((s) => {
        const key = ownSetting(s.key, project);
        return key === null ? [] : [{ key, value: s.value }];
      }),
      notes: notes.map(({ project: _, ...n }) => n),
    };
  });
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: lastBackupKey(project), value: exportedAt });
  });
  return backup;
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
    await db.values.bulkAdd(
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
    await db.settings.bulkPut(
      backup.settings.map((s): SettingRow => ({ key: settingKey(s.key, id), value: s.value })),
    );
    return project;
  });
}
