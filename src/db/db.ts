import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Decision, RawValue, Variable } from '../core/types';

/** The database's name. Never rename without a migration: users' work lives under it. */
export const DB_NAME = 'kodbok';

/**
 * Store names and their indexes, per schema version. Never rename a store or edit a shipped
 * version: add a new version with an upgrade (and its upgrade test in test/db/migrations.test.ts).
 */
export const SCHEMA_V1 = {
  projects: 'id',
  variables: '[project+id], project',
  // No secondary index on values: a variable's values are a range of the primary key, and
  // every index would slow down each bulk write (10 000 values must persist in < 1 s).
  values: '[project+variable+raw]',
  // One row per action (a batch), holding every value it changed: a bulk action on 10 000
  // values is one history write, not 10 000.
  history: '++seq, [project+variable]',
  settings: 'key',
} as const;

export interface ProjectRow {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  /** The embedded demo project (generated, seeded). */
  readonly demo: boolean;
}

export interface VariableRow extends Variable {
  readonly project: string;
}

export interface ValueRow extends RawValue {
  readonly project: string;
}

/** What one action did to one value. */
export type HistoryChange = Pick<Decision, 'raw' | 'code' | 'status' | 'note' | 'before'>;

/** One action (a batch): who did what when, and to which values. Append-only. */
export interface HistoryRow {
  readonly seq?: number;
  readonly project: string;
  readonly variable: string;
  readonly batch: string;
  readonly kind: Decision['kind'];
  readonly by: string;
  readonly at: string;
  readonly changes: readonly HistoryChange[];
  /** On an undo: the batch it undid. */
  readonly undoes?: string;
}

export interface SettingRow {
  readonly key: string;
  readonly value: unknown;
}

export class KodbokDb extends Dexie {
  projects!: EntityTable<ProjectRow, 'id'>;
  variables!: Table<VariableRow, [string, string]>;
  values!: Table<ValueRow, [string, string, string]>;
  history!: Table<HistoryRow, number>;
  settings!: EntityTable<SettingRow, 'key'>;

  constructor(
    name: string = DB_NAME,
    options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {},
  ) {
    // Since Chrome 121 "complete" means the OS has the data in a buffer, not on disk: weeks of
    // coding decisions are worth the strict durability (RELIABILITY.md rule 1).
    super(name, { chromeTransactionDurability: 'strict', ...options });
    this.version(1).stores(SCHEMA_V1);
  }
}

/** The project database: the one singleton besides the workers. */
let shared: KodbokDb | null = null;
export function appDb(): KodbokDb {
  shared ??= new KodbokDb();
  return shared;
}

export interface SchemaWatch {
  /** Another tab opened a newer schema: this tab must stop writing and ask to reload. */
  onVersionChange(): void;
  /** This tab wants a newer schema but an older tab holds the database open. */
  onBlocked(): void;
}

/** RELIABILITY.md rule 9: the old tab yields; the new tab says which tab to close. */
export function watchSchema(db: KodbokDb, watch: SchemaWatch): void {
  db.on('versionchange', () => {
    db.close();
    watch.onVersionChange();
    return false;
  });
  db.on('blocked', () => watch.onBlocked());
}
