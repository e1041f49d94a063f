import { create } from 'zustand';
import { headerSignature, type ColumnMapping } from '../core/import-columns';
import type { CountedVariable } from '../core/import-count';
import type { ImportReview } from '../core/import-merge';
import type { Repeat } from '../core/import-repeat';
import type { SeparatorStat, SplitPreview } from '../core/split-preview';
import type { SplitConfig, VariableId } from '../core/types';
import type { ImportRow } from '../db/db';
import type { ImportResult } from '../db/repo';
import type {
  FileInspection,
  FileRead,
  FileSettings,
  ImportProblem,
  ReadProgress,
} from '../workers/import-session';

// The import dialog's state: files → columns → split → review → one transaction. The actions
// are in import.ts (files and columns) and import-run.ts (reading, splitting, committing);
// the worker they share, with its caps, in import-worker.ts.

export type ImportStep = 'files' | 'split' | 'review' | 'done';

export interface ImportFileState {
  readonly id: string;
  readonly file: File;
  readonly settings: FileSettings;
  /** The municipality of rows without a municipality column; the file name by default. */
  readonly municipality: string;
  /** The year of every row when no column holds one (from the file name by default); null: none. */
  readonly year: number | null;
  readonly inspecting: boolean;
  readonly inspection: FileInspection | null;
  readonly problem: ImportProblem | null;
  /** What the worker counted, or null when the file must be read (again). */
  readonly read: FileRead | null;
}

export interface ReadingState {
  readonly file: string;
  readonly index: number;
  readonly total: number;
  /** Rows read in all files so far, and of the current file. */
  readonly rows: number;
  readonly fileRows: number;
  readonly bytes: number;
  readonly totalBytes: number;
  readonly startedAt: number;
  readonly phase: ReadProgress['phase'];
  readonly cancelling: boolean;
}

export interface ImportState {
  open: boolean;
  /** Hidden while the files are read, so the rest of the app can be used. */
  minimised: boolean;
  step: ImportStep;
  files: ImportFileState[];
  selected: string | null;
  /** Column mapping per header (signature): files with the same header share one. */
  mappings: ReadonlyMap<string, ColumnMapping>;
  /** Headers whose mapping was remembered from an earlier import. */
  remembered: ReadonlySet<string>;
  reading: ReadingState | null;
  splits: ReadonlyMap<VariableId, SplitConfig>;
  separators: ReadonlyMap<VariableId, readonly SeparatorStat[]>;
  previews: ReadonlyMap<VariableId, SplitPreview>;
  splitVariable: VariableId | null;
  reviews: readonly ImportReview[];
  /** Files (by id) whose content the project already has through an earlier import. */
  repeats: ReadonlyMap<string, Repeat>;
  /** Of those, the ones the user chose to import again; the others are left out. */
  again: ReadonlySet<string>;
  /** The import counted and split with the chosen splits, waiting for the commit. */
  counted: readonly CountedVariable[];
  result: ImportResult | null;
  committing: boolean;
  /** A message for the whole dialog (a file's own problem sits on the file). */
  error: string | null;
  /** The current project's imports, oldest first. */
  imports: ImportRow[];
}

export const initial = (): Omit<ImportState, 'imports'> => ({
  open: false,
  minimised: false,
  step: 'files',
  files: [],
  selected: null,
  mappings: new Map(),
  remembered: new Set(),
  reading: null,
  splits: new Map(),
  separators: new Map(),
  previews: new Map(),
  splitVariable: null,
  reviews: [],
  repeats: new Map(),
  again: new Set(),
  counted: [],
  result: null,
  committing: false,
  error: null,
});

export const useImport = create<ImportState>(() => ({ ...initial(), imports: [] }));

export const setImport = useImport.setState;
export const getImport = useImport.getState;

export function patchFile(id: string, patch: Partial<ImportFileState>): void {
  setImport((s) => ({ files: s.files.map((f) => (f.id === id ? { ...f, ...patch } : f)) }));
}

export function fileById(id: string): ImportFileState | undefined {
  return getImport().files.find((f) => f.id === id);
}

export function signatureOf(f: ImportFileState): string | null {
  return f.inspection ? headerSignature(f.inspection.headers) : null;
}

/** Whether a file goes into the import: not one already imported, unless the user says so. */
export function importsFile(s: Pick<ImportState, 'repeats' | 'again'>, id: string): boolean {
  return !s.repeats.has(id) || s.again.has(id);
}

/** Resets the dialog (the imports of the project stay). */
export function resetImport(): void {
  setImport({ ...initial() });
}
