import * as Comlink from 'comlink';
import { headerSignature, municipalityFromFileName } from '../core/import-columns';
import { newValues, reviewImport, type ImportReview } from '../core/import-merge';
import { findRepeats } from '../core/import-repeat';
import type { SeparatorStat } from '../core/split-preview';
import type { SplitConfig, Variable, VariableId } from '../core/types';
import { appDb, type ImportedFile } from '../db/db';
import * as repo from '../db/repo';
import type { FileRead, Outcome, ReadProgress } from '../workers/import-session';
import { notify, saving, useApp } from './app';
import { importVariables, readBlocker } from './import';
import { dropAhead, suggestAhead } from './suggestions';
import {
  fileById,
  getImport,
  importsFile,
  patchFile,
  setImport,
  signatureOf,
  type ImportFileState,
  type ImportState,
} from './import-store';
import {
  guarded,
  guardedNow,
  importCaps,
  releaseImportWorker,
  runningImportWorker,
  stopImportWorker,
  stoppedProblem,
} from './import-worker';

// The import dialog's later steps: reading (counting) the files in the worker with progress
// and cancel, the split of each variable with its live preview, the review against the
// project, and the one transaction that stores it all (RELIABILITY.md rule 2). Also the
// project's list of imports, and undoing one.

/** After cancel, how long a read may take to stop by itself before its worker is terminated, ms. */
const CANCEL_GRACE_MS = 2000;

// ---- reading -------------------------------------------------------------------------------

/** Reads (counts) every file not read yet, one after another, then proposes the split. */
export async function readImportFiles(): Promise<void> {
  if (getImport().reading || readBlocker(getImport()) !== null) return;
  const todo = getImport().files.filter((f) => f.read === null);
  const startedAt = performance.now();
  let rowsBefore = 0;
  setImport({ error: null });
  for (let i = 0; i < todo.length; i++) {
    const f = fileById((todo[i] as ImportFileState).id);
    if (!f?.inspection) continue;
    const mapping = getImport().mappings.get(headerSignature(f.inspection.headers));
    if (!mapping) continue;
    let last = performance.now();
    let phase: ReadProgress['phase'] = 'reading';
    const base = rowsBefore;
    setImport({
      reading: {
        file: f.file.name,
        index: i,
        total: todo.length,
        rows: base,
        fileRows: 0,
        bytes: 0,
        totalBytes: f.file.size,
        startedAt,
        phase,
        cancelling: false,
      },
    });
    const onProgress = (p: ReadProgress) => {
      last = performance.now();
      phase = p.phase;
      setImport((s) =>
        s.reading
          ? {
              reading: {
                ...s.reading,
                rows: base + p.rows,
                fileRows: p.rows,
                bytes: p.bytes,
                totalBytes: p.totalBytes,
                phase,
              },
            }
          : {},
      );
    };
    const plan = {
      settings: f.settings,
      mapping,
      municipality: f.municipality.trim() || municipalityFromFileName(f.file.name),
      year: f.year,
      headers: f.inspection.headers,
    };
    let out: Outcome<FileRead>;
    try {
      out = await guarded(
        (w) => w.read(f.id, f.file, plan, Comlink.proxy(onProgress)) as Promise<Outcome<FileRead>>,
        () => (phase === 'workbook' ? importCaps().workbook : importCaps().stall),
        () => last,
      );
    } catch (e) {
      const cancelled = getImport().reading?.cancelling ?? false;
      setImport({ reading: null });
      if (cancelled) return finishCancel();
      patchFile(f.id, { problem: stoppedProblem(f, e) });
      return;
    }
    if (!out.ok) {
      if (out.problem.kind === 'cancelled') {
        setImport({ reading: null });
        return finishCancel();
      }
      patchFile(f.id, { problem: out.problem, read: null });
      continue;
    }
    rowsBefore += out.value.rows;
    patchFile(f.id, { read: out.value });
  }
  setImport({ reading: null });
  if (getImport().files.some((f) => f.problem)) return;
  await prepareSplit();
}

function finishCancel(): void {
  setImport({ error: 'cancelled', minimised: false });
}

/** Stops reading: the read stops at its next chunk, or its worker is terminated. */
export function cancelReading(): void {
  const r = getImport().reading;
  if (!r || r.cancelling) return;
  setImport({ reading: { ...r, cancelling: true } });
  const w = runningImportWorker();
  void w?.remote.cancel();
  setTimeout(() => {
    // A workbook being parsed does not listen: terminate its worker.
    if (getImport().reading?.cancelling && runningImportWorker() === w) stopImportWorker();
  }, CANCEL_GRACE_MS);
}

// ---- split ---------------------------------------------------------------------------------

function projectVariable(id: VariableId) {
  return useApp.getState().variables.find((v) => v.id === id);
}

function failed(e: unknown): void {
  setImport({ error: e instanceof Error ? e.message : String(e) });
}

async function prepareSplit(): Promise<void> {
  const variables = importVariables(getImport());
  const splits = new Map(getImport().splits);
  const separators = new Map<VariableId, readonly SeparatorStat[]>();
  try {
    for (const v of variables) {
      // A variable keeps the split it has in the project (its protected values too).
      const proposal = await guardedNow((w) => w.propose(v, projectVariable(v)?.split));
      separators.set(v, proposal.separators);
      if (!splits.has(v)) splits.set(v, proposal.config);
    }
  } catch (e) {
    return failed(e);
  }
  for (const v of [...splits.keys()]) if (!variables.includes(v)) splits.delete(v);
  const current = getImport().splitVariable;
  setImport({
    splits,
    separators,
    previews: new Map(),
    step: 'split',
    splitVariable:
      current !== null && variables.includes(current) ? current : (variables[0] ?? null),
  });
  for (const v of variables) await refreshPreview(v);
}

let previewTimer: ReturnType<typeof setTimeout> | null = null;

async function refreshPreview(variable: VariableId): Promise<void> {
  const config = getImport().splits.get(variable);
  if (!config) return;
  try {
    const preview = await guardedNow((w) => w.preview(variable, config));
    // A newer configuration may have arrived meanwhile.
    if (getImport().splits.get(variable) !== config) return;
    setImport((s) => ({ previews: new Map(s.previews).set(variable, preview) }));
  } catch (e) {
    failed(e);
  }
}

/** Changes a variable's split; the preview follows (computed in the worker, debounced). */
export function setSplit(variable: VariableId, config: SplitConfig): void {
  setImport((s) => ({ splits: new Map(s.splits).set(variable, config), step: 'split' }));
  if (previewTimer) clearTimeout(previewTimer);
  previewTimer = setTimeout(() => void refreshPreview(variable), 120);
}

export function selectSplitVariable(variable: VariableId): void {
  setImport({ splitVariable: variable });
}

export function backToFiles(): void {
  setImport({ step: 'files' });
}

export function backToSplit(): void {
  setImport({ step: 'split' });
}

// ---- review and commit ---------------------------------------------------------------------

/** The review being computed (the latest one), which a commit waits for. */
let pendingReview: Promise<void> | null = null;
let reviewGeneration = 0;

/**
 * Counts and splits everything with the chosen splits, and compares it with the project. A file
 * whose content the project already has is left out unless the user chose to import it again.
 * Only the latest review is kept: one started earlier that ends later is dropped.
 */
export function reviewImportFiles(): Promise<void> {
  const generation = ++reviewGeneration;
  const run = computeReview(generation);
  pendingReview = run;
  void run.finally(() => {
    if (pendingReview === run) pendingReview = null;
  });
  return run;
}

async function computeReview(generation: number): Promise<void> {
  const projectId = useApp.getState().projectId;
  if (!projectId) return;
  try {
    const s = getImport();
    const repeats = findRepeats(
      s.files.map((f) => ({ id: f.id, sha256: f.read?.sha256 ?? null })),
      await repo.listImports(appDb(), projectId),
    );
    const again = new Set([...s.again].filter((id) => repeats.has(id)));
    const skip = [...repeats.keys()].filter((id) => !again.has(id));
    const counted = await guardedNow((w) => w.build(getImport().splits, skip), 2);
    const reviews: ImportReview[] = [];
    for (const c of counted) {
      const stored = repo.byRaw(await repo.loadValues(appDb(), projectId, c.variable));
      reviews.push(reviewImport(c, stored));
    }
    if (generation !== reviewGeneration) return;
    setImport({ counted, reviews, repeats, again, step: 'review', error: null });
  } catch (e) {
    if (generation !== reviewGeneration) return;
    // Counts of another choice of files must not be committed.
    setImport({ counted: [], reviews: [] });
    failed(e);
  }
}

/** Waits until no review is being computed (a newer one may start while one ends). */
async function reviewSettled(): Promise<void> {
  while (pendingReview) await pendingReview;
}

/** The user chooses whether a file already imported goes in again; the review follows. */
export async function setImportAgain(id: string, again: boolean): Promise<void> {
  setImport((s) => {
    const next = new Set(s.again);
    if (again) next.add(id);
    else next.delete(id);
    return { again: next };
  });
  await reviewImportFiles();
}

/** Files that go into the import (read, and not left out as already imported). */
export function filesToImport(s: ImportState): ImportFileState[] {
  return s.files.filter((f) => f.read !== null && importsFile(s, f.id));
}

function importedFiles(s: ImportState): ImportedFile[] {
  return filesToImport(s).flatMap((f) => {
    const r = f.read;
    if (!r) return [];
    const mapping = s.mappings.get(signatureOf(f) ?? '');
    return [
      {
        name: f.file.name,
        size: f.file.size,
        municipality: mapping?.municipality == null ? f.municipality : null,
        shape: r.shape,
        format: r.format,
        encoding: r.encoding,
        delimiter: r.delimiter,
        sheet: r.sheet,
        headerRow: r.headerRow,
        rows: r.weight,
        sha256: r.sha256,
        ...(r.years.length > 0 && { years: r.years }),
        ...(r.noYear && { noYearRows: r.noYear.rows }),
      },
    ];
  });
}

/** A variable for a column mapped to one the project does not have: an empty codebook. */
function newVariable(id: VariableId, split: SplitConfig): Variable {
  return {
    id,
    label: id,
    codebook: { id, title: id, variable: id, categories: [] },
    split,
    order: 0,
  };
}

/** Stores the import: one transaction. The dialog then shows what it did. */
export async function commitImportFiles(): Promise<void> {
  if (getImport().committing) return;
  // The counts must be those of the files chosen now: a choice (import a file again) made just
  // before the click is still being counted, and the commit waits for it.
  setImport({ committing: true, error: null });
  await reviewSettled();
  const app = useApp.getState();
  const s = getImport();
  const projectId = app.projectId;
  if (!projectId || s.counted.length === 0 || filesToImport(s).length === 0) {
    setImport({ committing: false });
    return;
  }
  const remember = [...s.mappings].filter(([signature]) =>
    s.files.some((f) => signatureOf(f) === signature),
  );
  // The new values of the variable on screen are suggested while the import is stored.
  const shown = s.counted.find((c) => c.variable === app.variableId);
  if (shown && app.valuesFor === `${projectId}/${shown.variable}`) {
    const held = new Set(app.values.map((v) => v.raw));
    suggestAhead(
      shown.variable,
      newValues(shown, held).map(([raw]) => raw),
    );
  }
  const result = await saving(() =>
    repo.importFiles(appDb(), {
      project: projectId,
      by: app.user,
      files: importedFiles(s),
      variables: s.counted,
      newVariables: s.counted
        .filter((c) => !projectVariable(c.variable))
        .map((c) => newVariable(c.variable, c.split)),
      remember,
    }),
  );
  if (!result) {
    dropAhead();
    const save = useApp.getState().save;
    setImport({
      committing: false,
      error: save.state === 'error' ? save.problem.detail : 'failed',
    });
    return;
  }
  useApp.setState({
    lastReport: { action: 'import', changed: result.added + result.merged, skipped: {} },
  });
  releaseImportWorker();
  setImport({ committing: false, step: 'done', result, counted: [] });
}

// ---- the project's imports -----------------------------------------------------------------

/** Keeps the current project's imports in the store; returns the unsubscribe. */
export function watchImports(projectId: string | null): () => void {
  setImport({ imports: [] });
  if (!projectId) return () => undefined;
  const sub = repo.observeImports(
    appDb(),
    projectId,
    (imports) => setImport({ imports }),
    (e) => notify(e instanceof Error ? e.message : String(e), 'error'),
  );
  return () => sub.unsubscribe();
}

/** The import whose values are "new" in the grid: the newest one not undone. */
export function latestImportId(s: Pick<ImportState, 'imports'>): string | null {
  return repo.latestImport(s.imports)?.id ?? null;
}

/** Undoes an import as a unit; the result says why not when it cannot be. */
export async function undoFileImport(importId: string): Promise<repo.UndoImportResult | undefined> {
  const app = useApp.getState();
  if (!app.projectId) return undefined;
  const projectId = app.projectId;
  return saving(() => repo.undoImport(appDb(), projectId, importId, app.user));
}
