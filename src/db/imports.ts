import { liveQuery } from 'dexie';
import type { ColumnMapping } from '../core/import-columns';
import type { CountedVariable } from '../core/import-count';
import {
  decidedSince,
  mergeImport,
  undoImportPart,
  type StoredCombination,
  type StoredTally,
} from '../core/import-merge';
import type { RawValue, SplitConfig, Variable, VariableId } from '../core/types';
import type {
  ImportedFile,
  ImportedVariable,
  ImportPartRow,
  ImportRow,
  KodbokDb,
  ProjectRow,
  ValueRow,
  VariableRow,
} from './db';
import { byRaw, loadValues, newId, type Subscription } from './projects';
import { SETTINGS } from './settings';
import { changeValues, countVariableValues, putValues } from './value-pages';
import { queueImport, queueImportUndo, queueTables } from './team';

// Importing counted files into a project, and undoing an import. The files were read, counted
// and split in the import worker before any of this runs; here one transaction merges it all
// (values, counts per municipality, combinations, the import's record, the variables' split
// and the remembered column mapping), or stores nothing (RELIABILITY.md rule 2). Nothing but
// Dexie is awaited inside; errors are never caught inside.

export interface FileImport {
  readonly project: string;
  readonly by: string;
  readonly files: readonly ImportedFile[];
  /** Counted and split per variable (the variable's split becomes `split`). */
  readonly variables: readonly CountedVariable[];
  /** Variables the project does not have yet: created by the import (and removed by its undo). */
  readonly newVariables?: readonly Variable[];
  /** Column mappings to remember for files with the same header: [header signature, mapping]. */
  readonly remember?: readonly (readonly [string, ColumnMapping])[];
}

export interface ImportResult {
  readonly id: string;
  /** Values new to the project, merged into values it had, and of those approved. */
  readonly added: number;
  readonly merged: number;
  readonly approved: number;
  /** Data rows of the files. */
  readonly rows: number;
}

interface Counts {
  readonly tallies: Map<string, StoredTally>;
  readonly combinations: Map<string, StoredCombination>;
}

/** The merged counts of a variable, by raw value and by cell. */
export async function readCounts(
  db: KodbokDb,
  project: string,
  variable: VariableId,
): Promise<Counts> {
  const row = await db.counts.get([project, variable]);
  return {
    tallies: new Map((row?.tallies ?? []).map((t) => [t.raw, t])),
    combinations: new Map((row?.combinations ?? []).map((c) => [c.cell, c])),
  };
}

export async function writeCounts(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  counts: Counts,
): Promise<void> {
  if (counts.tallies.size === 0 && counts.combinations.size === 0) {
    await db.counts.delete([project, variable]);
    return;
  }
  await db.counts.put({
    project,
    variable,
    tallies: [...counts.tallies.values()],
    combinations: [...counts.combinations.values()],
  });
}

function sameSplit(a: SplitConfig, b: SplitConfig): boolean {
  return (
    JSON.stringify([a.separators, a.protect ?? []]) ===
    JSON.stringify([b.separators, b.protect ?? []])
  );
}

/**
 * Writes one import inside the caller's transaction. Reads what is stored now (another tab may
 * have changed it since the review), merges, writes.
 */
export async function writeImport(
  db: KodbokDb,
  id: string,
  req: FileImport,
  at: string,
): Promise<ImportResult> {
  const { project } = req;
  let order = (await db.variables.where('project').equals(project).toArray()).reduce(
    (max, v) => Math.max(max, v.order),
    -1,
  );
  const created = new Set<VariableId>();
  for (const v of req.newVariables ?? []) {
    if (await db.variables.get([project, v.id])) continue;
    await db.variables.add({ ...v, order: ++order, project });
    created.add(v.id);
  }
  const summary: ImportedVariable[] = [];
  let added = 0;
  let merged = 0;
  let approved = 0;
  for (const counted of req.variables) {
    const variableRow = await db.variables.get([project, counted.variable]);
    if (!variableRow) throw new Error(`The project has no variable "${counted.variable}"`);
    const values = byRaw(await loadValues(db, project, counted.variable));
    const counts = await readCounts(db, project, counted.variable);
    const out = mergeImport({ importId: id, incoming: counted, values, ...counts });
    for (const t of out.tallies) counts.tallies.set(t.raw, t);
    for (const c of out.combinations) counts.combinations.set(c.cell, c);
    await putValues(
      db,
      out.values.map((v): ValueRow => ({ ...v, project })),
    );
    await writeCounts(db, project, counted.variable, counts);
    await db.importParts.add({ ...out.part, project, variable: counted.variable, import: id });
    if (!sameSplit(variableRow.split, counted.split))
      await db.variables.put({ ...variableRow, split: counted.split });
    summary.push({
      variable: counted.variable,
      split: counted.split,
      splitBefore: variableRow.split,
      created: created.has(counted.variable),
      rows: out.rows,
      added: out.added,
      merged: out.merged,
      approved: out.approved,
    });
    added += out.added;
    merged += out.merged;
    approved += out.approved;
  }
  const seq =
    (await db.imports.where('project').equals(project).toArray()).reduce(
      (max, r) => Math.max(max, r.seq ?? 0),
      0,
    ) + 1;
  const record: ImportRow = {
    id,
    project,
    at,
    seq,
    by: req.by,
    files: req.files,
    variables: summary,
    undone: null,
  };
  await db.imports.add(record);
  for (const [signature, mapping] of req.remember ?? [])
    await db.settings.put({ key: SETTINGS.importColumns.key(signature), value: mapping });
  const rows = req.files.reduce((n, f) => n + f.rows, 0);
  return { id, added, merged, approved, rows };
}

const IMPORT_TABLES = (db: KodbokDb) => [
  db.variables,
  db.valuePages,
  db.counts,
  db.imports,
  db.importParts,
  db.settings,
];

/**
 * Imports counted files into a project: one transaction, all or nothing. Every value the
 * project has keeps its coding; new values are added uncoded and marked with the import.
 */
export async function importFiles(db: KodbokDb, req: FileImport): Promise<ImportResult> {
  const at = new Date().toISOString();
  const id = newId();
  let result: ImportResult | null = null;
  await db.transaction('rw', [...IMPORT_TABLES(db), ...queueTables(db)], async () => {
    result = await writeImport(db, id, req, at);
    // A shared project's team gets the import too, with its id: merged once everywhere.
    await queueImport(db, req, id, at);
  });
  return result as unknown as ImportResult;
}

export interface NewProjectFromImport {
  readonly name: string;
  readonly demo: boolean;
  readonly variables: readonly Variable[];
  readonly files: readonly ImportedFile[];
  readonly counted: readonly CountedVariable[];
  readonly by: string;
}

/** A new project whose values come from an import (the demo): one transaction. */
export async function createProjectFromImport(
  db: KodbokDb,
  p: NewProjectFromImport,
): Promise<ProjectRow> {
  const project: ProjectRow = {
    id: newId(),
    name: p.name,
    createdAt: new Date().toISOString(),
    demo: p.demo,
  };
  await db.transaction('rw', [db.projects, ...IMPORT_TABLES(db)], async () => {
    await db.projects.add(project);
    await db.variables.bulkAdd(
      p.variables.map((v): VariableRow => ({ ...v, project: project.id })),
    );
    await writeImport(
      db,
      newId(),
      { project: project.id, by: p.by, files: p.files, variables: p.counted },
      project.createdAt,
    );
  });
  return project;
}

/** The imports of a project, oldest first (undone ones included: they are the record). */
export async function listImports(db: KodbokDb, project: string): Promise<ImportRow[]> {
  const rows = await db.imports.where('project').equals(project).toArray();
  // In the order they were made: `seq`, then (for imports stored before it) `at`.
  return rows.sort(
    (a, b) => (a.seq ?? 0) - (b.seq ?? 0) || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0),
  );
}

/** The import whose values are "new": the newest one not undone. */
export function latestImport(imports: readonly ImportRow[]): ImportRow | null {
  for (let i = imports.length - 1; i >= 0; i--) {
    const r = imports[i] as ImportRow;
    if (r.undone === null) return r;
  }
  return null;
}

export function observeImports(
  db: KodbokDb,
  project: string,
  onImports: (imports: ImportRow[]) => void,
  onError: (e: unknown) => void,
): Subscription {
  return liveQuery(() => listImports(db, project)).subscribe({ next: onImports, error: onError });
}

export type UndoImportResult =
  | { readonly ok: true; readonly removed: number; readonly restored: number }
  /** Only the newest import can be undone (a later one may have counted on it). */
  | { readonly ok: false; readonly reason: 'not-latest'; readonly latest: string | null }
  /** Values it added have been decided on since: undoing would lose that work. */
  | { readonly ok: false; readonly reason: 'decided'; readonly values: readonly RawValue[] }
  | { readonly ok: false; readonly reason: 'missing' };

/**
 * Undoes an import as a unit: its counts are subtracted, the values and cells it brought are
 * removed, the variables it created and their split are restored. Allowed for the newest import
 * only, and only while no value it added has been decided on (a code, a status or a note) —
 * otherwise nothing changes and the result names those values. Values the project had before
 * keep every decision, also decisions made after the import.
 */
export async function undoImport(
  db: KodbokDb,
  project: string,
  importId: string,
  by: string,
): Promise<UndoImportResult> {
  const at = new Date().toISOString();
  let result: UndoImportResult = { ok: false, reason: 'missing' };
  await db.transaction('rw', [...IMPORT_TABLES(db), ...queueTables(db)], async () => {
    result = await undoImportIn(db, project, importId, by, at);
    if (result.ok) await queueImportUndo(db, project, importId, by, at);
  });
  return result;
}

/** Undoes an import inside the caller's transaction (undoImport; a team's undo event). */
export async function undoImportIn(
  db: KodbokDb,
  project: string,
  importId: string,
  by: string,
  at: string,
): Promise<UndoImportResult> {
  const record = await db.imports.get(importId);
  if (!record || record.project !== project || record.undone !== null)
    return { ok: false, reason: 'missing' };
  const latest = latestImport(await listImports(db, project));
  if (latest?.id !== importId) {
    return { ok: false, reason: 'not-latest', latest: latest?.id ?? null };
  }
  const parts = await db.importParts
    .where('[import+variable]')
    .between([importId], [importId, []])
    .toArray();
  const stored = new Map<VariableId, Map<string, RawValue>>();
  const blocking: RawValue[] = [];
  for (const part of parts) {
    const values = byRaw(await loadValues(db, project, part.variable));
    stored.set(part.variable, values);
    blocking.push(...decidedSince(part, values));
  }
  if (blocking.length > 0) {
    return { ok: false, reason: 'decided', values: blocking };
  }
  let removed = 0;
  let restored = 0;
  for (const part of parts as ImportPartRow[]) {
    const variable = part.variable;
    const counts = await readCounts(db, project, variable);
    const out = undoImportPart({ part, values: stored.get(variable) ?? new Map(), ...counts });
    const key = (x: string): [string, string, string] => [project, variable, x];
    await changeValues(
      db,
      out.putValues.map((v): ValueRow => ({ ...v, project })),
      out.deleteValues.map(key),
    );
    for (const raw of out.deleteTallies) counts.tallies.delete(raw);
    for (const t of out.putTallies) counts.tallies.set(t.raw, t);
    for (const cell of out.deleteCombinations) counts.combinations.delete(cell);
    for (const c of out.putCombinations) counts.combinations.set(c.cell, c);
    await writeCounts(db, project, variable, counts);
    removed += out.deleteValues.length;
    restored += out.putValues.length;
  }
  for (const v of record.variables) {
    const row = await db.variables.get([project, v.variable]);
    if (!row) continue;
    const left = await countVariableValues(db, project, v.variable);
    if (v.created && left === 0) await db.variables.delete([project, v.variable]);
    else if (sameSplit(row.split, v.split))
      await db.variables.put({ ...row, split: v.splitBefore });
  }
  await db.importParts.bulkDelete(parts.map((p): [string, string] => [p.import, p.variable]));
  await db.imports.put({ ...record, undone: { at, by } });
  return { ok: true, removed, restored };
}

/** The combinations (distinct cells) of a variable, most rows first: for multi-reason analyses. */
export async function loadCombinations(
  db: KodbokDb,
  project: string,
  variable: VariableId,
): Promise<StoredCombination[]> {
  const row = await db.counts.get([project, variable]);
  return [...(row?.combinations ?? [])].sort(
    (a, b) => b.rows - a.rows || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0),
  );
}

/** Rows per municipality of a variable's single values. */
export async function loadTallies(
  db: KodbokDb,
  project: string,
  variable: VariableId,
): Promise<StoredTally[]> {
  const row = await db.counts.get([project, variable]);
  return [...(row?.tallies ?? [])];
}

/**
 * A variable's tallies by raw value (rows per municipality, and per year where known), kept
 * fresh: the side panel's sources. The counts row changes only with imports, so moving between
 * values reads nothing.
 */
export function observeTallies(
  db: KodbokDb,
  project: string,
  variable: VariableId,
  onTallies: (tallies: Map<string, StoredTally>) => void,
  onError: (e: unknown) => void,
): Subscription {
  return liveQuery(async () => {
    const row = await db.counts.get([project, variable]);
    return new Map((row?.tallies ?? []).map((t) => [t.raw, t]));
  }).subscribe({ next: onTallies, error: onError });
}
