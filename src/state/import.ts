import {
  fitMapping,
  guessColumns,
  headerSignature,
  mappingProblem,
  municipalityFromFileName,
  type ColumnMapping,
} from '../core/import-columns';
import type { VariableId } from '../core/types';
import { withoutYear, yearFromFileName } from '../core/year';
import { appDb } from '../db/db';
import * as repo from '../db/repo';
import type { FileInspection, FileSettings, Outcome } from '../workers/import-session';
import { useApp } from './app';
import {
  fileById,
  getImport,
  patchFile,
  resetImport,
  setImport,
  signatureOf,
  type ImportFileState,
  type ImportState,
} from './import-store';
import {
  guarded,
  importCaps,
  releaseImportWorker,
  runningImportWorker,
  stoppedProblem,
} from './import-worker';

// The import dialog's first step: the files, how each is read (encoding, delimiter, header
// row, sheet: inspected in the worker), and which column holds what (remembered per header).

export { useImport, signatureOf } from './import-store';
export type { ImportFileState, ImportState, ImportStep, ReadingState } from './import-store';

export function openImportDialog(): void {
  setImport({ open: true, minimised: false });
}

export function minimiseImportDialog(minimised: boolean): void {
  setImport({ minimised });
}

export function closeImportDialog(): void {
  releaseImportWorker();
  resetImport();
}

export function selectImportFile(id: string | null): void {
  setImport({ selected: id });
}

export function addImportFiles(files: readonly File[]): void {
  const added: ImportFileState[] = files.map((file) => {
    // `orebro_2023.xlsx`: the year 2023 for the whole file, the municipality `orebro`.
    const year = yearFromFileName(file.name);
    return {
      id: crypto.randomUUID(),
      file,
      settings: {},
      municipality: withoutYear(municipalityFromFileName(file.name), year),
      year,
      inspecting: true,
      inspection: null,
      problem: null,
      read: null,
    };
  });
  setImport((s) => ({
    files: [...s.files, ...added],
    selected: s.selected ?? added[0]?.id ?? null,
    step: 'files',
    error: null,
  }));
  void (async () => {
    for (const f of added) await inspect(f.id);
  })();
}

const isWorkbookName = (name: string) => /\.(xlsx|xlsm|xls|xlsb|ods)$/i.test(name);

async function inspect(id: string): Promise<void> {
  const f = fileById(id);
  if (!f) return;
  patchFile(id, { inspecting: true, problem: null, read: null });
  const started = performance.now();
  let out: Outcome<FileInspection>;
  try {
    out = await guarded(
      (w) => w.inspect(f.file, f.settings) as Promise<Outcome<FileInspection>>,
      () => (isWorkbookName(f.file.name) ? importCaps().workbook : importCaps().stall),
      () => started,
    );
  } catch (e) {
    patchFile(id, { inspecting: false, problem: stoppedProblem(f, e) });
    return;
  }
  if (!fileById(id)) return;
  if (!out.ok) {
    patchFile(id, { inspecting: false, inspection: null, problem: out.problem });
    return;
  }
  patchFile(id, { inspecting: false, inspection: out.value });
  await ensureMapping(out.value.headers);
}

/** A mapping for a header: remembered from an earlier import, else guessed from the names. */
async function ensureMapping(headers: readonly string[]): Promise<void> {
  const signature = headerSignature(headers);
  if (getImport().mappings.has(signature)) return;
  const variables = useApp.getState().variables;
  const known = new Set(variables.map((v) => v.id));
  const stored = await repo.readSetting(appDb(), repo.SETTINGS.importColumns, signature);
  const fitted = stored ? fitMapping(stored, headers, known, true) : null;
  if (getImport().mappings.has(signature)) return;
  setImport((s) => ({
    mappings: new Map(s.mappings).set(signature, fitted ?? guessColumns(headers, variables)),
    remembered: fitted ? new Set(s.remembered).add(signature) : s.remembered,
  }));
}

function forget(id: string): void {
  void runningImportWorker()?.remote.forget(id);
  setImport({ counted: [] });
}

export function removeImportFile(id: string): void {
  forget(id);
  setImport((s) => ({
    files: s.files.filter((f) => f.id !== id),
    selected: s.selected === id ? (s.files.find((f) => f.id !== id)?.id ?? null) : s.selected,
    step: 'files',
  }));
}

/** Removes every file that cannot be imported, so the others can be. */
export function removeRefusedFiles(): void {
  for (const f of getImport().files) if (f.problem) removeImportFile(f.id);
}

export function setFileSettings(id: string, patch: FileSettings): void {
  const f = fileById(id);
  if (!f) return;
  forget(id);
  patchFile(id, { settings: { ...f.settings, ...patch } });
  setImport({ step: 'files' });
  void inspect(id);
}

/** The user confirms the delimiter proposed for every file where two were plausible. */
export function confirmDelimiters(): void {
  for (const f of getImport().files) {
    if (f.inspection?.delimiterAmbiguous && f.inspection.delimiter)
      setFileSettings(f.id, { delimiter: f.inspection.delimiter });
  }
}

/** A file whose reading failed may read now that something changed (its inspection stands). */
function retry(f: ImportFileState): Partial<ImportFileState> {
  return f.inspection ? { read: null, problem: null } : { read: null };
}

export function setFileMunicipality(id: string, municipality: string): void {
  const f = fileById(id);
  if (!f) return;
  forget(id);
  patchFile(id, { municipality, ...retry(f) });
  setImport({ step: 'files' });
}

/** The year of the file's rows (when no column holds one); null: no year. */
export function setFileYear(id: string, year: number | null): void {
  const f = fileById(id);
  if (!f || f.year === year) return;
  forget(id);
  patchFile(id, { year, ...retry(f) });
  setImport({ step: 'files' });
}

export function setMapping(signature: string, mapping: ColumnMapping): void {
  for (const f of getImport().files) if (signatureOf(f) === signature) forget(f.id);
  setImport((s) => ({
    mappings: new Map(s.mappings).set(signature, mapping),
    files: s.files.map((f) => (signatureOf(f) === signature ? { ...f, ...retry(f) } : f)),
    step: 'files',
  }));
}

/** Why the files cannot be read yet, or null. */
export function readBlocker(
  s: Pick<ImportState, 'files' | 'mappings'>,
): 'no-files' | 'inspecting' | 'refused' | 'delimiter' | 'columns' | null {
  if (s.files.length === 0) return 'no-files';
  if (s.files.some((f) => f.inspecting)) return 'inspecting';
  if (s.files.some((f) => f.problem !== null || !f.inspection)) return 'refused';
  if (s.files.some((f) => f.inspection?.delimiterAmbiguous)) return 'delimiter';
  for (const f of s.files) {
    const m = s.mappings.get(signatureOf(f) ?? '');
    if (!m || !f.inspection || mappingProblem(m, f.inspection.headers) !== null) return 'columns';
  }
  return null;
}

/** The variables the import holds, in the project's order (new ones last). */
export function importVariables(s: Pick<ImportState, 'files' | 'mappings'>): VariableId[] {
  const out = new Set<VariableId>();
  for (const f of s.files) {
    const m = s.mappings.get(signatureOf(f) ?? '');
    for (const [, v] of m?.variables ?? []) out.add(v);
  }
  const variables = useApp.getState().variables;
  const order = (v: VariableId) =>
    variables.find((x) => x.id === v)?.order ?? Number.MAX_SAFE_INTEGER;
  return [...out].sort((a, b) => order(a) - order(b));
}
