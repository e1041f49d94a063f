import {
  PROJECT_SETTINGS,
  isProjectSettingName,
  readLanguage,
  readColumnMapping,
  readOptionalText,
  readText,
  readView,
  type SettingReader,
} from '../core/settings';
import { readStoredProfile } from '../core/formats/profile';
import { readTeamLink } from '../core/team/link';
import { liveQuery } from 'dexie';
import type { KodbokDb } from './db';

// Preferences and view state (language, user, chosen project and variable, filters): every key
// in this one module, each with the reader that repairs what is stored to a valid value.
// The key strings are stored in users' databases and backups: never change one without a
// migration.

export interface Setting<K extends readonly string[], T> {
  readonly key: (...ids: K) => string;
  readonly read: SettingReader<T>;
}

function setting<K extends readonly string[], T>(
  key: (...ids: K) => string,
  read: SettingReader<T>,
): Setting<K, T> {
  return { key, read };
}

export const SETTINGS = {
  lang: setting(() => 'lang', readLanguage),
  /** The name or initials recorded with every decision. */
  user: setting(() => 'user', readText),
  /** The project opened at start. */
  activeProject: setting(() => 'activeProject', readOptionalText),
  activeVariable: setting(
    (project: string) => `activeVariable:${project}`,
    PROJECT_SETTINGS.activeVariable.read,
  ),
  view: setting((project: string, variable: string) => `view:${project}:${variable}`, readView),
  /** The variable's suggestion profile (see core/settings.ts); the key predates profiles. */
  normalise: setting(
    (project: string, variable: string) => `normalise:${project}:${variable}`,
    readStoredProfile,
  ),
  /** The project's people: members, roles, four eyes (core/members.ts). */
  members: setting((project: string) => `members:${project}`, PROJECT_SETTINGS.members.read),
  /** The project's team server link (core/team/link.ts); absent: a solo project. Not backed up. */
  team: setting((project: string) => `team:${project}`, readTeamLink),
  /** When the project was last backed up (ISO 8601). */
  lastBackup: setting((project: string) => `lastBackup:${project}`, readOptionalText),
  /** The columns chosen for files with this header (its signature), offered again next time. */
  importColumns: setting((signature: string) => `importColumns:${signature}`, readColumnMapping),
} as const;

/** Reads a setting, repaired to a valid value (its default when nothing valid is stored). */
export async function readSetting<K extends readonly string[], T>(
  db: KodbokDb,
  s: Setting<K, T>,
  ...ids: K
): Promise<T> {
  const row = await db.settings.get(s.key(...ids));
  return s.read(row?.value);
}

/**
 * Follows a setting by its stored key, unread (undefined while absent): also when the change
 * comes from another machine, folded from the team (db/team-fold.ts).
 */
export function observeStoredSetting(
  db: KodbokDb,
  key: string,
  onChange: (value: unknown) => void,
  onError: (e: unknown) => void,
): { unsubscribe(): void } {
  return liveQuery(() => getSetting(db, key)).subscribe({ next: onChange, error: onError });
}

export async function writeSetting<K extends readonly string[], T>(
  db: KodbokDb,
  s: Setting<K, T>,
  value: T,
  ...ids: K
): Promise<void> {
  await putSetting(db, s.key(...ids), value);
}

/** A setting by its stored key, unread: for tests and the backup. */
export async function getSetting<T>(db: KodbokDb, key: string): Promise<T | undefined> {
  const row = await db.settings.get(key);
  return row?.value as T | undefined;
}

export async function putSetting(db: KodbokDb, key: string, value: unknown): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key, value });
  });
}

/**
 * A stored key as a backup names it, when the setting belongs to `project`
 * (`view:<project>:<variable>` → `view:<variable>`, `activeVariable:<project>` →
 * `activeVariable`); null for other projects' and global settings.
 */
export function projectSettingName(key: string, project: string): string | null {
  for (const name of Object.keys(PROJECT_SETTINGS)) {
    const head = `${name}:${project}`;
    if (key === head) return name;
    if (key.startsWith(`${head}:`)) return `${name}:${key.slice(head.length + 1)}`;
  }
  return null;
}

/** The stored key of a backup's setting name in `project` (the inverse of the above). */
export function projectSettingKey(name: string, project: string): string {
  const at = name.indexOf(':');
  const base = at < 0 ? name : name.slice(0, at);
  if (!isProjectSettingName(base)) throw new Error(`not a project setting: ${name}`);
  return at < 0 ? `${name}:${project}` : `${base}:${project}:${name.slice(at + 1)}`;
}

/** Where a project's people (members, roles, four eyes) are kept. */
export function membersKey(project: string): string {
  return SETTINGS.members.key(project);
}
