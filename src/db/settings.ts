import type { KodbokDb } from './db';

// Preferences and view state (language, user, chosen project and variable, filters).

export async function getSetting<T>(db: KodbokDb, key: string): Promise<T | undefined> {
  const row = await db.settings.get(key);
  return row?.value as T | undefined;
}

export async function putSetting(db: KodbokDb, key: string, value: unknown): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key, value });
  });
}

/** Where a project's people (members, roles, four eyes) are kept; read with core's readPeople. */
export function membersKey(project: string): string {
  return `members:${project}`;
}
