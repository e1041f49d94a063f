import type { DecisionInput } from '../core/decide';
import type { ProjectBackup } from '../core/formats/backup';
import type { VariableId } from '../core/types';
import { appDb, eraseDatabase, watchSchema, type ProjectRow } from '../db/db';
import { describeStorageError } from '../db/errors';
import * as repo from '../db/repo';
import type { Language } from '../i18n';
import { createDemoProject, createEmptyProject } from './projects';
import { get, reportError, set, type ActionReport } from './store';
import { refreshClusters, syncSuggestions } from './suggestions';

export * from './store';
export { refreshClusters, setClusterMode, setNormalise, takeOutOfCluster } from './suggestions';

// The actions that call db/ and workers/ (the store is store.ts, suggestions suggestions.ts). No domain logic here: decisions are
// core/decide.ts, storage is db/repo.ts, suggestions are core/suggest in a worker.

let valuesSub: repo.Subscription | null = null;
let variablesSub: repo.Subscription | null = null;
let coverageSub: repo.Subscription | null = null;

// ---- boot ----------------------------------------------------------------------------------

/**
 * Opens the database and the project worked on last. Nothing is written before the project is
 * open (with full storage a write fails, and that is not "cannot open"). A safe start (`?safe`
 * in the address) opens no project: the way out when something stored breaks the screen.
 */
export async function boot(options: { readonly safe?: boolean } = {}): Promise<void> {
  const db = appDb();
  watchSchema(db, {
    onVersionChange: () => set({ phase: { kind: 'reload-needed' } }),
    onBlocked: () => set({ phase: { kind: 'blocked' } }),
  });
  try {
    await db.open();
    const [lang, user] = await Promise.all([
      repo.readSetting(db, repo.SETTINGS.lang),
      repo.readSetting(db, repo.SETTINGS.user),
    ]);
    set({ lang, user });
    let projects = await repo.listProjects(db);
    if (projects.length === 0) {
      set({ phase: { kind: 'loading', demo: true } });
      await createDemoProject(db, 'Demoprojekt');
      projects = await repo.listProjects(db);
    }
    set({ projects });
    const active = options.safe ? null : await repo.readSetting(db, repo.SETTINGS.activeProject);
    const project = options.safe
      ? undefined
      : (projects.find((p) => p.id === active) ?? projects[0]);
    if (project) await showProject(project.id);
    set({ phase: { kind: 'ready' } });
    // Once open, the project opened instead of a missing one is remembered (a failure is shown).
    if (project && project.id !== active) await remember(repo.SETTINGS.activeProject, project.id);
  } catch (e) {
    // Never delete the database on failure: it may be the only copy of weeks of work.
    set({ phase: { kind: 'open-failed', message: describeStorageError(e).detail } });
  }
}

/** Remembers a choice (project, variable) for the next start; a failure is shown, not thrown. */
async function remember<K extends readonly string[], T>(
  setting: repo.Setting<K, T>,
  value: T,
  ...ids: K
): Promise<void> {
  await repo.writeSetting(appDb(), setting, value, ...ids).catch(reportError);
}

/** Opens a project the user chose, and opens it at the next start. */
export async function openProject(projectId: string): Promise<void> {
  await showProject(projectId);
  await remember(repo.SETTINGS.activeProject, projectId);
}

async function showProject(projectId: string): Promise<void> {
  const db = appDb();
  variablesSub?.unsubscribe();
  valuesSub?.unsubscribe();
  coverageSub?.unsubscribe();
  set({
    projectId,
    variables: [],
    values: [],
    valuesFor: null,
    suggestions: new Map(),
    coverage: new Map(),
  });
  coverageSub = repo.observeCoverage(db, projectId, (coverage) => set({ coverage }), reportError);
  const variables = await repo.loadVariables(db, projectId);
  const stored = await repo.readSetting(db, repo.SETTINGS.activeVariable, projectId);
  const variableId = variables.find((v) => v.id === stored)?.id ?? variables[0]?.id ?? null;
  set({ variables });
  variablesSub = repo.observeVariables(
    db,
    projectId,
    (vs) => {
      set({ variables: vs });
      void syncSuggestions();
    },
    reportError,
  );
  if (variableId) await showVariable(variableId);
}

/** Shows a variable the user chose, and shows it again when the project is next opened. */
export async function selectVariable(variableId: VariableId): Promise<void> {
  const projectId = get().projectId;
  if (!projectId) return;
  await showVariable(variableId);
  await remember(repo.SETTINGS.activeVariable, variableId, projectId);
}

async function showVariable(variableId: VariableId): Promise<void> {
  const db = appDb();
  const projectId = get().projectId;
  if (!projectId) return;
  valuesSub?.unsubscribe();
  // Read through their readers: whatever is stored, the grid gets a valid view.
  const [view, normalise] = await Promise.all([
    repo.readSetting(db, repo.SETTINGS.view, projectId, variableId),
    repo.readSetting(db, repo.SETTINGS.normalise, projectId, variableId),
  ]);
  set({
    variableId,
    values: [],
    valuesFor: null,
    suggestions: new Map(),
    suggesting: null,
    view,
    normalise,
    clusters: null,
  });
  valuesSub = repo.observeValues(
    db,
    projectId,
    variableId,
    (values) => {
      set({ values, valuesFor: `${projectId}/${variableId}` });
      void syncSuggestions();
      void refreshClusters();
    },
    reportError,
  );
}

// ---- decisions -----------------------------------------------------------------------------

/**
 * Runs a storage action with the "saved" sign: it says saved only after the transaction's own
 * promise resolved (RELIABILITY.md rule 1), never on the live query's early update.
 */
export async function saving<T>(work: () => Promise<T>): Promise<T | undefined> {
  if (get().phase.kind !== 'ready') return undefined;
  set({ save: { state: 'saving' } });
  try {
    const out = await work();
    set({ save: { state: 'saved', at: new Date() } });
    void refreshStorage().catch(() => undefined);
    return out;
  } catch (e) {
    reportError(e);
    return undefined;
  }
}

export async function decideOn(
  raws: readonly string[],
  input: DecisionInput,
): Promise<ActionReport | undefined> {
  const s = get();
  if (!s.projectId || !s.variableId || raws.length === 0) return undefined;
  const { projectId, variableId, user } = s;
  const result = await saving(() =>
    repo.applyBulkDecision(appDb(), {
      project: projectId,
      variable: variableId,
      raws,
      input,
      by: user,
    }),
  );
  if (!result) return undefined;
  const report: ActionReport = {
    action: input.kind,
    changed: result.changed,
    skipped: result.skipped,
  };
  set({ lastReport: report });
  return report;
}

/** Each selected value gets its own top suggestion. */
export async function acceptSuggestions(
  raws: readonly string[],
): Promise<ActionReport | undefined> {
  const suggestions = get().suggestions;
  const codes = new Map<string, string>();
  for (const raw of raws) {
    const top = suggestions.get(raw)?.[0];
    if (top) codes.set(raw, top.code);
  }
  return decideOn(raws, { kind: 'accept-suggestion', codes });
}

export async function undo(): Promise<ActionReport | null | undefined> {
  const s = get();
  if (!s.projectId || !s.variableId) return undefined;
  const { projectId, variableId, user } = s;
  const result = await saving(() => repo.undoLastBatch(appDb(), projectId, variableId, user));
  if (result === undefined) return undefined;
  if (result === null) return null;
  const report: ActionReport = { action: 'undo', changed: result.changed, skipped: result.skipped };
  set({ lastReport: report });
  return report;
}

// ---- view, preferences, projects -----------------------------------------------------------

export async function setLanguage(lang: Language): Promise<void> {
  set({ lang });
  await repo.writeSetting(appDb(), repo.SETTINGS.lang, lang).catch(reportError);
}

export async function setUser(user: string): Promise<void> {
  set({ user });
  await repo.writeSetting(appDb(), repo.SETTINGS.user, user).catch(reportError);
}

export async function newProject(kind: 'demo' | 'empty', name: string): Promise<void> {
  const db = appDb();
  const project = await saving(() =>
    kind === 'demo' ? createDemoProject(db, name) : createEmptyProject(db, name),
  );
  if (!project) return;
  set({ projects: await repo.listProjects(db) });
  await openProject(project.id);
}

/** Restores a project backup the user confirmed (as a copy if the project is here), and opens it. */
export async function restoreBackup(
  backup: ProjectBackup,
  copyName: (name: string) => string,
): Promise<ProjectRow | undefined> {
  const db = appDb();
  const project = await saving(() => repo.restoreProject(db, backup, copyName));
  if (!project) return undefined;
  set({ projects: await repo.listProjects(db) });
  await openProject(project.id);
  return project;
}

export async function removeProject(id: string): Promise<void> {
  const db = appDb();
  const ok = await saving(async () => {
    await repo.deleteProject(db, id);
    return true;
  });
  if (!ok) return;
  const projects = await repo.listProjects(db);
  set({ projects });
  if (get().projectId === id) {
    const first = projects[0];
    if (first) await openProject(first.id);
    else await newProject('empty', 'Projekt');
  }
}

export async function renameProject(id: string, name: string): Promise<void> {
  const db = appDb();
  await saving(() => repo.renameProject(db, id, name));
  set({ projects: await repo.listProjects(db) });
}

/** Runs an import that the user confirmed after seeing its staged preview. */
export async function commitImport(work: () => Promise<number>): Promise<number | undefined> {
  const changed = await saving(work);
  if (changed !== undefined) set({ lastReport: { action: 'import', changed, skipped: {} } });
  return changed;
}

/**
 * Asks the browser not to evict the project's storage once it holds real work (RELIABILITY.md
 * rule 8), and refreshes the estimate of space used. Asked after the first saved decision.
 */
export async function refreshStorage(): Promise<void> {
  const storage = navigator.storage;
  if (!storage) return;
  let persisted = get().persisted;
  if (persisted !== true && storage.persist && storage.persisted) {
    persisted = (await storage.persisted()) || (await storage.persist());
  }
  const estimate = storage.estimate ? await storage.estimate() : null;
  set({
    persisted,
    storage: estimate ? { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 } : null,
  });
}

/**
 * Deletes every project, setting and history on this machine (for shared computers). The caller
 * has confirmed; nothing is kept. The page reloads to a fresh start.
 */
export async function eraseAllLocalData(): Promise<void> {
  valuesSub?.unsubscribe();
  variablesSub?.unsubscribe();
  coverageSub?.unsubscribe();
  await eraseDatabase();
  location.reload();
}
