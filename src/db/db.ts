import Dexie, { type EntityTable, type Table } from 'dexie';
import type { FileShape } from '../core/import-columns';
import type { ImportPart, StoredCombination, StoredTally } from '../core/import-merge';
import type { BlindCode, DoubleSample } from '../core/double-sample';
import type { NoteEvent } from '../core/notes';
import type { CodebookStep, CodebookVersion } from '../core/codebook-versions';
import type { TeamEvent } from '../core/team/events';
import type { Disagreement, DisagreementSide, ResolveRecord } from '../core/team/fold';
import type { Decision, RawValue, SplitConfig, Variable } from '../core/types';
import { closeChangeFeed, installChangeFeed } from './changes';
import { pageOf } from './value-pages';

/** The database's name. Never rename without a migration: users' work lives under it. */
export const DB_NAME = 'kodbok';
/** The backups made before a schema upgrade (upgrade-backup.ts): this machine's data too. */
export const UPGRADE_BACKUPS_DB = 'kodbok-upgrade-backups';

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

/**
 * Version 2 adds what importing files needs (issue 3): a record of every import, what each
 * import added (to undo it), and counts per municipality and per combination, kept beside the
 * values so that the values table stays as small and index-free as before. Values get
 * `combinations` and `firstImport` (the upgrade below gives old rows `null`).
 */
export const SCHEMA_V2 = {
  imports: 'id, project',
  // One row per import and variable: its counts per value and per cell, and the values it
  // brought (columnar arrays: an import of 50 000 values is one write, not 50 000).
  importParts: '[import+variable], project',
  // One row per variable: rows per municipality of each single value, and each distinct cell
  // (combination of values, kept for multi-reason analyses), merged over the imports. One row,
  // not one per value: 150 000 small rows take ~11 s to write in Chromium, one row < 1 s.
  counts: '[project+variable]',
} as const;

/**
 * Version 3 adds notes on values (issue 9 item 4): one immutable row per note, reply or resolve
 * (core/notes.ts), keyed by project and event id so that a restored copy of a project keeps the
 * same event ids beside the original. Nothing older changes: the upgrade has nothing to convert.
 */
export const SCHEMA_V3 = {
  notes: '[project+id], [project+variable]',
} as const;

/**
 * Version 4 adds only new stores; nothing older changes and there is no upgrade function.
 * - Blind double coding (issue 10 item 6): the samples drawn for double coding and every coder's
 *   decision on a sample's value, each an immutable row keyed by project and a unique id
 *   (core/double-sample.ts), so that sync can carry them between machines as they are.
 * - Every version of each variable's codebook (issue 11 item 2): one row per saved change,
 *   numbered 1, 2, … per variable. A variable without rows has its codebook as version 1
 *   (projects and backups from before).
 * - A team's sync (issue 10), in this database, not one of its own, because an event must be
 *   queued in the same transaction as the decision it tells about: a browser killed between the
 *   two would otherwise lose or repeat it. outbox: events written here and not yet accepted by
 *   the server, oldest first by id; teamEvents: the id of every event folded into (or sent from)
 *   this browser (an event that arrives again is skipped); disagreements: decisions made without
 *   seeing each other (core/team/fold.ts), until resolved.
 */
export const SCHEMA_V4 = {
  doubleSamples: '[project+id], [project+variable]',
  doubleCodes: '[project+id], [project+sample]',
  codebookVersions: '[project+variable+number]',
  outbox: '[project+id], project',
  teamEvents: '[project+id]',
  disagreements: '[project+id], project',
} as const;

/**
 * Version 5 (neither change touches what a row holds):
 * - Values kept in pages (issue 14 item 4): IndexedDB's cost is per row written, so a bulk action
 *   on 10 000 values written as 10 000 rows took over a second whatever the code around it did. A
 *   page holds the values of one variable whose raw text hashes to it (value-pages.ts owns the
 *   layout: PAGES_PER_VARIABLE and pageOf never change without a migration), as the counts are one
 *   row per variable. The upgrade moves every v4 value row into its page and drops the per-row
 *   store.
 * - Each person's actions indexed (issue 10 item 7): the next undo and redo of a person
 *   (decisions.ts findSteps) depend only on her own history rows, and are read again after every
 *   change of the history. Without the index they walked every row of the variable back to her
 *   last action: in a team's database of 200 000 decisions by others, 1–2 s after each arriving
 *   decision. Dexie builds the index in the upgrade.
 */
export const SCHEMA_V5 = {
  valuePages: '[project+variable+page]',
  values: null,
  history: '++seq, [project+variable], [project+variable+by]',
} as const;

/**
 * Version 6 adds only new stores (issue 10 item 7: a new member's first sync from a checkpoint):
 * - historyPages: the history a project started from when it was joined from a team's checkpoint
 *   (history-pages.ts owns the layout): actions in pages per variable and person, not one row per
 *   action (200 000 rows take ~20 s to write in Chromium). Read before the history rows (they are
 *   older than anything recorded here since), never changed.
 * - teamCheckpoints: the checkpoint a project started from, with the ids of every event it covers
 *   (the fold skips them: folding one twice would raise a false disagreement or a second history
 *   row), one row instead of 200 000 teamEvents rows.
 */
export const SCHEMA_V6 = {
  historyPages: '[project+variable+by+page]',
  teamCheckpoints: '[project+id]',
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

/** The values of one variable that fall on one page (see SCHEMA_V5), in no particular order. */
export interface ValuePageRow {
  readonly project: string;
  readonly variable: string;
  readonly page: number;
  readonly values: readonly ValueRow[];
}

/** What one action did to one value. */
export type HistoryChange = Pick<Decision, 'raw' | 'code' | 'status' | 'note' | 'before'> & {
  /**
   * On an undo or redo: the value's `updatedAt` after it (an earlier state's time, restored).
   * Other actions set it to their own `at`.
   */
  readonly updatedAt?: string | null;
};

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
  /** On a redo: the undo it took back. */
  readonly redoes?: string;
  /** The action's own note: the reason a value was sent back. */
  readonly note?: string;
  /** A change of the codebook (kind `codebook`, or its undo or redo): which, and its versions. */
  readonly codebook?: CodebookStep;
  /** A resolved disagreement (kind `resolve`): the side kept and every side it settled. */
  readonly resolve?: ResolveRecord;
}

/** Actions of one person on one variable from a checkpoint (see SCHEMA_V6), oldest first. */
export interface HistoryPageRow {
  readonly project: string;
  readonly variable: string;
  readonly by: string;
  readonly page: number;
  /** Each action with its place in the checkpoint's history (`n`: 0, 1, … over all pages). */
  readonly actions: readonly (Omit<HistoryRow, 'project' | 'seq'> & { readonly n: number })[];
}

/** The checkpoint a project started from (see SCHEMA_V6). */
export interface TeamCheckpointRow {
  readonly project: string;
  /** The checkpoint's document id on the server. */
  readonly id: string;
  /** The server's sequence it covers (the project read on from there). */
  readonly seq: string | number;
  readonly author: string;
  readonly at: string;
  /** The ids of the events it covers, sorted, one per line (one string: one fast row). */
  readonly events: string;
}

/** One version of a variable's codebook (see SCHEMA_V4). */
export interface CodebookVersionRow extends CodebookVersion {
  readonly project: string;
  readonly variable: string;
}

/** A note event as stored (see SCHEMA_V3). */
export interface NoteRow extends NoteEvent {
  readonly project: string;
}

/** A sample drawn for blind double coding, as stored (see SCHEMA_V4). */
export interface DoubleSampleRow extends DoubleSample {
  readonly project: string;
}

/** One coder's decision on a sample's value, as stored (see SCHEMA_V4). */
export interface DoubleCodeRow extends BlindCode {
  readonly project: string;
}

/** The merged counts of one variable of a project (see SCHEMA_V2). */
export interface CountsRow {
  readonly project: string;
  readonly variable: string;
  readonly tallies: readonly StoredTally[];
  readonly combinations: readonly StoredCombination[];
}

export interface ImportPartRow extends ImportPart {
  readonly import: string;
  readonly project: string;
  readonly variable: string;
}

/** One file of an import, as it was read. */
export interface ImportedFile {
  readonly name: string;
  readonly size: number;
  /** The file's municipality; null when a column named it per row. */
  readonly municipality: string | null;
  readonly shape: FileShape;
  /** `generated`: the demo. */
  readonly format: 'csv' | 'workbook' | 'generated';
  readonly encoding: string | null;
  readonly delimiter: string | null;
  readonly sheet: string | null;
  readonly headerRow: number;
  /** Data rows read. */
  readonly rows: number;
  /**
   * SHA-256 of the file's bytes (hex), to name a file imported again (issue 9 item 7). Absent
   * on files imported before it was kept, and on the generated demo.
   */
  readonly sha256?: string;
  /** The years its rows had, ascending; absent when none had one (or before years were kept). */
  readonly years?: readonly number[];
  /** Rows whose year column named no year: counted under "no year". */
  readonly noYearRows?: number;
}

/** What an import did to one variable. */
export interface ImportedVariable {
  readonly variable: string;
  /** The split used, and the variable's split before (restored on undo). */
  readonly split: SplitConfig;
  readonly splitBefore: SplitConfig;
  /** The import created the variable (a column mapped to a new variable). */
  readonly created: boolean;
  readonly rows: number;
  readonly added: number;
  readonly merged: number;
  readonly approved: number;
}

export interface ImportRow {
  readonly id: string;
  readonly project: string;
  readonly at: string;
  /**
   * Order of the project's imports (1, 2, …): two imports within one millisecond share `at`.
   * Absent on imports stored before it existed; they come first, in `at` order.
   */
  readonly seq?: number;
  readonly by: string;
  readonly files: readonly ImportedFile[];
  readonly variables: readonly ImportedVariable[];
  readonly undone: { readonly at: string; readonly by: string } | null;
}

/** An event waiting to be sent; `refused` when the server said no (kept, shown, never dropped). */
export interface OutboxRow {
  readonly project: string;
  readonly id: string;
  readonly event: TeamEvent;
  readonly refused?: { readonly reason: string; readonly at: string };
}

export interface TeamEventRow {
  readonly project: string;
  readonly id: string;
}

export interface DisagreementRow extends Disagreement {
  readonly project: string;
  /** Set by the resolve that settled it; `seen`: the sides it saw (a later one reopens it). */
  readonly resolved?: {
    readonly by: string;
    readonly at: string;
    readonly event: string;
    readonly seen?: readonly DisagreementSide[];
  };
}

export interface SettingRow {
  readonly key: string;
  readonly value: unknown;
}

export class KodbokDb extends Dexie {
  projects!: EntityTable<ProjectRow, 'id'>;
  variables!: Table<VariableRow, [string, string]>;
  valuePages!: Table<ValuePageRow, [string, string, number]>;
  history!: Table<HistoryRow, number>;
  settings!: EntityTable<SettingRow, 'key'>;
  imports!: EntityTable<ImportRow, 'id'>;
  importParts!: Table<ImportPartRow, [string, string]>;
  counts!: Table<CountsRow, [string, string]>;
  notes!: Table<NoteRow, [string, string]>;
  doubleSamples!: Table<DoubleSampleRow, [string, string]>;
  doubleCodes!: Table<DoubleCodeRow, [string, string]>;
  codebookVersions!: Table<CodebookVersionRow, [string, string, number]>;
  outbox!: Table<OutboxRow, [string, string]>;
  teamEvents!: Table<TeamEventRow, [string, string]>;
  disagreements!: Table<DisagreementRow, [string, string]>;
  historyPages!: Table<HistoryPageRow, [string, string, string, number]>;
  teamCheckpoints!: Table<TeamCheckpointRow, [string, string]>;

  constructor(
    name: string = DB_NAME,
    options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {},
  ) {
    // Since Chrome 121 "complete" means the OS has the data in a buffer, not on disk: weeks of
    // coding decisions are worth the strict durability (RELIABILITY.md rule 1).
    super(name, { chromeTransactionDurability: 'strict', ...options });
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        // Values counted before v2: combinations unknown, not brought by any import.
        await tx
          .table('values')
          .toCollection()
          .modify((v: { combinations?: number | null; firstImport?: string | null }) => {
            if (v.combinations === undefined) v.combinations = null;
            if (v.firstImport === undefined) v.firstImport = null;
          });
      });
    this.version(3).stores(SCHEMA_V3);
    this.version(4).stores(SCHEMA_V4);
    this.version(5)
      .stores(SCHEMA_V5)
      .upgrade(async (tx) => {
        // Every value row into its page, in one pass (the per-row store is dropped after this).
        const pages = new Map<string, ValuePageRow & { values: ValueRow[] }>();
        await tx
          .table('values')
          .toCollection()
          .each((v: ValueRow) => {
            const page = pageOf(v.raw);
            const id = JSON.stringify([v.project, v.variable, page]);
            let row = pages.get(id);
            if (!row) {
              row = { project: v.project, variable: v.variable, page, values: [] };
              pages.set(id, row);
            }
            row.values.push(v);
          });
        await tx.table('valuePages').bulkAdd([...pages.values()]);
      });
    this.version(6).stores(SCHEMA_V6);
    // Every committed write to values and counts is announced as a change set (changes.ts).
    installChangeFeed(this);
  }

  override close(options?: { disableAutoOpen: boolean }): void {
    closeChangeFeed(this);
    super.close(options);
  }
}

/** Every table that holds a project's rows (all but the settings), for whole-project work. */
export function projectTables(db: KodbokDb) {
  return [
    db.projects,
    db.variables,
    db.valuePages,
    db.history,
    db.imports,
    db.importParts,
    db.counts,
    db.notes,
    db.doubleSamples,
    db.doubleCodes,
    db.codebookVersions,
    db.historyPages,
  ];
}

/** The team sync's tables (SCHEMA_V4_TEAM): not in a backup, deleted with their project. */
export function teamTables(db: KodbokDb) {
  return [db.outbox, db.teamEvents, db.disagreements, db.teamCheckpoints];
}

/** Deletes the whole database (the "erase all local data" action): closes it first. */
export async function eraseDatabase(): Promise<void> {
  shared?.close();
  shared = null;
  await Dexie.delete(DB_NAME);
  await Dexie.delete(UPGRADE_BACKUPS_DB);
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
