import Dexie, { type Table } from 'dexie';
import { writeBackupFile } from '../core/formats/backup';
import { salvageProjects } from './backup';
import { DB_NAME, UPGRADE_BACKUPS_DB } from './db';

// RELIABILITY.md rule 8: "a backup is taken before every schema migration". When this Kodbok
// finds the project database at an older schema version than its own, it first makes a backup of
// every project in it (the same kodbok/backup files the menu exports, read store by store as the
// recovery screen reads a database it cannot open: db/backup.ts salvageProjects) and keeps them in
// a database of their own, beside the project database, before Dexie upgrades it. An upgrade that
// went wrong, or a person who wants the old state back, then has a file to restore, made at the
// last moment the old state existed. Nothing here writes to the project database.

export { UPGRADE_BACKUPS_DB };

/** A project's backup made before an upgrade. */
export interface UpgradeBackupRow {
  /** `<time>/<project id>`. */
  readonly id: string;
  /** When the backup was made (ISO). */
  readonly at: string;
  /** The project database's schema version before the upgrade, and the one it was going to. */
  readonly from: number;
  readonly to: number;
  readonly project: string;
  readonly name: string;
  /** The backup file as it is downloaded (kodbok/backup, FORMATS.md). */
  readonly json: string;
  /** Stores of the old database that could not be read (their rows are not in the backup). */
  readonly unreadable: readonly string[];
}

export class UpgradeBackupsDb extends Dexie {
  backups!: Table<UpgradeBackupRow, string>;
  constructor(
    name: string = UPGRADE_BACKUPS_DB,
    options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {},
  ) {
    super(name, { chromeTransactionDurability: 'strict', ...options });
    this.version(1).stores({ backups: 'id, at' });
  }
}

/** Where the databases are: the browser's, or a test's. */
export interface IdbDeps {
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
}

/** The backup before an upgrade could not be kept: the upgrade must not go on. */
export class UpgradeBackupError extends Error {
  constructor(
    readonly from: number,
    readonly to: number,
    override readonly cause: unknown,
  ) {
    super(
      `the database must be upgraded from version ${from} to ${to}, and the backup of its projects taken first could not be stored (${(cause instanceof Error ? cause.message : String(cause)).split('\n')[0]}); nothing was changed`,
    );
    this.name = 'UpgradeBackupError';
  }
}

/**
 * Before the project database `name` is opened at schema version `to`: if it exists at an older
 * version, makes a backup of each of its projects and stores them (one transaction) in the
 * upgrade backups' database. Returns what was kept (none: nothing to upgrade, or no project).
 * Throws UpgradeBackupError when they cannot be stored; the caller must not open (upgrade) then.
 */
export async function backupBeforeUpgrade(
  to: number,
  options: IdbDeps & { readonly name?: string; readonly now?: () => Date } = {},
): Promise<UpgradeBackupRow[]> {
  const name = options.name ?? DB_NAME;
  const deps: IdbDeps = {
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  };
  // Every start asks this: the browser's list of databases answers without opening one.
  const stored = await storedVersion(name, deps);
  if (stored === null || stored >= to) return [];
  // Opened without a version, Dexie takes the database as it is on disk.
  const old = new Dexie(name, deps);
  await old.open();
  const from = old.verno;
  if (from >= to) {
    old.close();
    return [];
  }
  const salvage = await salvageProjects(() => Promise.resolve(old));
  const at = (options.now?.() ?? new Date()).toISOString();
  const rows = salvage.backups.map((backup): UpgradeBackupRow => ({
    id: `${at}/${backup.project.id}`,
    at,
    from,
    to,
    project: backup.project.id,
    name: backup.project.name,
    json: writeBackupFile(backup),
    unreadable: salvage.unreadable,
  }));
  if (rows.length === 0) return [];
  const kept = new UpgradeBackupsDb(undefined, deps);
  try {
    await kept.transaction('rw', kept.backups, () => kept.backups.bulkAdd(rows));
  } catch (e) {
    throw new UpgradeBackupError(from, to, e);
  } finally {
    kept.close();
  }
  return rows;
}

/**
 * The schema version (Dexie's) of the database `name` as it is on disk, without opening it where
 * the browser can list its databases; null when there is none. Opening one that does not exist
 * would create it.
 */
async function storedVersion(name: string, deps: IdbDeps): Promise<number | null> {
  const factory = deps.indexedDB ?? globalThis.indexedDB;
  if (typeof factory.databases === 'function') {
    const found = (await factory.databases()).find((d) => d.name === name);
    // Dexie opens version n as IndexedDB version 10 n.
    return found ? (found.version ?? 0) / 10 : null;
  }
  // Opened without a version, Dexie refuses one that does not exist (and creates nothing).
  const db = new Dexie(name, deps);
  try {
    await db.open();
    return db.verno;
  } catch (e) {
    if (e instanceof Dexie.NoSuchDatabaseError) return null;
    throw e;
  } finally {
    db.close();
  }
}

/** The backups made before upgrades, newest first (none when the database does not exist). */
export async function listUpgradeBackups(deps: IdbDeps = {}): Promise<UpgradeBackupRow[]> {
  if ((await storedVersion(UPGRADE_BACKUPS_DB, deps)) === null) return [];
  const kept = new UpgradeBackupsDb(undefined, deps);
  try {
    return (await kept.backups.orderBy('at').reverse().toArray()) as UpgradeBackupRow[];
  } finally {
    kept.close();
  }
}

/** Deletes one backup made before an upgrade (the person chose to, after downloading it). */
export async function deleteUpgradeBackup(id: string, deps: IdbDeps = {}): Promise<void> {
  const kept = new UpgradeBackupsDb(undefined, deps);
  try {
    await kept.backups.delete(id);
  } finally {
    kept.close();
  }
}
