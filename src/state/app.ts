import { create } from 'zustand';
import type { DecisionInput, SkipReason } from '../core/decide';
import { knownValuesOf, diffKnown } from '../core/known';
import type { KnownValue } from '../core/suggest/engine';
import type { Coverage } from '../core/coverage';
import { defaultNormaliseConfig, type NormaliseConfig } from '../core/suggest/normalise';
import type { Codebook, Status, Suggestion, VariableId } from '../core/types';
import {
  appDb,
  eraseDatabase,
  watchSchema,
  type ProjectRow,
  type ValueRow,
  type VariableRow,
} from '../db/db';
import { describeStorageError } from '../db/errors';
import * as repo from '../db/repo';
import type { Language } from '../i18n';
import { suggestWorker } from '../workers/client';
import { createDemoProject, createEmptyProject } from './projects';

// UI state and the actions that call db/ and workers/. No domain logic here: decisions are
// core/decide.ts, storage is db/repo.ts, suggestions are core/suggest in a worker.

export type SaveState =
  | { readonly state: 'idle' }
  | { readonly state: 'saving' }
  | { readonly state: 'saved'; readonly at: Date }
  | { readonly state: 'error'; readonly message: string; readonly quota: boolean };

export type Phase =
  | { readonly kind: 'loading'; readonly demo: boolean }
  | { readonly kind: 'ready' }
  | { readonly kind: 'open-failed'; readonly message: string }
  | { readonly kind: 'reload-needed' }
  | { readonly kind: 'blocked' };

/** What the user narrowed the grid to, per variable; restored after a reload. */
export interface ViewState {
  readonly quick: string;
  readonly statuses: readonly Status[];
  /** A leaf code, `''` for values without a category, or null for all. */
  readonly category: string | null;
  /** ag-grid's column filter model and sort, stored as ag-grid gives them. */
  readonly filterModel: unknown;
  readonly sortModel: unknown;
  /** Group the grid by clusters: by normalised key, or by nearest neighbours at a threshold. */
  readonly cluster?: 'off' | 'key' | number;
  /** Values the user took out of their cluster. */
  readonly clusterOut?: readonly string[];
  /** Only values first seen in the newest import. */
  readonly onlyNew?: boolean;
}

export const emptyView: ViewState = {
  quick: '',
  statuses: [],
  category: null,
  filterModel: null,
  sortModel: null,
};

export interface Notice {
  readonly id: number;
  readonly text: string;
  readonly tone: 'info' | 'error';
}

/** The outcome of an action, described for the user by the UI. */
export interface ActionReport {
  readonly action: DecisionInput['kind'] | 'undo' | 'import';
  readonly changed: number;
  readonly skipped: Partial<Record<SkipReason, number>>;
}

interface AppState {
  phase: Phase;
  lang: Language;
  user: string;
  projects: ProjectRow[];
  projectId: string | null;
  variables: VariableRow[];
  variableId: VariableId | null;
  values: ValueRow[];
  valuesFor: string | null;
  /** Suggestions of the current variable, keyed by raw value. */
  suggestions: ReadonlyMap<string, readonly Suggestion[]>;
  suggesting: { done: number; total: number } | null;
  view: ViewState;
  save: SaveState;
  lastReport: ActionReport | null;
  /** Whether the browser promised not to evict this origin's storage (null: not asked yet). */
  persisted: boolean | null;
  /** Bytes used and available, as the browser estimates them. */
  storage: { readonly usage: number; readonly quota: number } | null;
  coverage: ReadonlyMap<VariableId, Coverage>;
  /** The current variable's normalisation rules (what the engine and clusters match on). */
  normalise: NormaliseConfig;
  /** Clusters of the current variable when the grid groups by them: raw → cluster. */
  clusters: ReadonlyMap<string, ClusterInfo> | null;
}

export interface ClusterInfo {
  /** The members' shared normalised key. */
  readonly key: string;
  readonly size: number;
}

export const useApp = create<AppState>(() => ({
  phase: { kind: 'loading', demo: false },
  lang: 'sv',
  user: '',
  projects: [],
  projectId: null,
  variables: [],
  variableId: null,
  values: [],
  valuesFor: null,
  suggestions: new Map(),
  suggesting: null,
  view: emptyView,
  save: { state: 'idle' },
  lastReport: null,
  persisted: null,
  storage: null,
  coverage: new Map(),
  normalise: defaultNormaliseConfig,
  clusters: null,
}));

const set = useApp.setState;
const get = useApp.getState;

let valuesSub: repo.Subscription | null = null;
let variablesSub: repo.Subscription | null = null;
let coverageSub: repo.Subscription | null = null;

const SUGGESTIONS_K = 3;
const SUGGEST_CHUNK = 2000;

// ---- boot ----------------------------------------------------------------------------------

export async function boot(): Promise<void> {
  const db = appDb();
  watchSchema(db, {
    onVersionChange: () => set({ phase: { kind: 'reload-needed' } }),
    onBlocked: () => set({ phase: { kind: 'blocked' } }),
  });
  try {
    await db.open();
    const [lang, user] = await Promise.all([
      repo.getSetting<Language>(db, 'lang'),
      repo.getSetting<string>(db, 'user'),
    ]);
    set({ lang: lang ?? 'sv', user: user ?? '' });
    let projects = await repo.listProjects(db);
    if (projects.length === 0) {
      set({ phase: { kind: 'loading', demo: true } });
      await createDemoProject(db, 'Demoprojekt');
      projects = await repo.listProjects(db);
    }
    const active = await repo.getSetting<string>(db, 'activeProject');
    const project = projects.find((p) => p.id === active) ?? projects[0];
    set({ projects });
    if (project) await openProject(project.id);
    set({ phase: { kind: 'ready' } });
  } catch (e) {
    // Never delete the database on failure: it may be the only copy of weeks of work.
    set({ phase: { kind: 'open-failed', message: describeStorageError(e).message } });
  }
}

export async function openProject(projectId: string): Promise<void> {
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
  await repo.putSetting(db, 'activeProject', projectId);
  const variables = await repo.loadVariables(db, projectId);
  const stored = await repo.getSetting<string>(db, `activeVariable:${projectId}`);
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
  if (variableId) await selectVariable(variableId);
}

export async function selectVariable(variableId: VariableId): Promise<void> {
  const db = appDb();
  const projectId = get().projectId;
  if (!projectId) return;
  valuesSub?.unsubscribe();
  const view =
    (await repo.getSetting<ViewState>(db, `view:${projectId}:${variableId}`)) ?? emptyView;
  const normalise =
    (await repo.getSetting<NormaliseConfig>(db, `normalise:${projectId}:${variableId}`)) ??
    defaultNormaliseConfig;
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
  await repo.putSetting(db, `activeVariable:${projectId}`, variableId);
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

export function currentVariable(): VariableRow | undefined {
  const s = get();
  return s.variables.find((v) => v.id === s.variableId);
}

// ---- suggestions ---------------------------------------------------------------------------

let engineKey: string | null = null;
let engineCodebook: Codebook | null = null;
let engineNormalise: NormaliseConfig | null = null;
let engineKnown: Map<string, KnownValue> = new Map();

let syncing = false;
let syncAgain = false;

/**
 * Keeps the worker's engine in step with the approved values, and the grid's suggestions fresh.
 * Runs one at a time; changes that arrive meanwhile are folded into one more run.
 */
async function syncSuggestions(): Promise<void> {
  if (syncing) {
    syncAgain = true;
    return;
  }
  syncing = true;
  try {
    do {
      syncAgain = false;
      await syncOnce();
    } while (syncAgain);
  } catch (e) {
    notify(`Suggestions: ${e instanceof Error ? e.message : String(e)}`, 'error');
  } finally {
    syncing = false;
    set({ suggesting: null });
  }
}

async function syncOnce(): Promise<void> {
  const s = get();
  const variable = currentVariable();
  if (!s.projectId || !variable || s.valuesFor !== `${s.projectId}/${variable.id}`) return;
  const key = `${s.projectId}/${variable.id}`;
  const values = s.values;
  const known = knownValuesOf(values);
  const worker = suggestWorker();
  let fresh = false;
  let learnt = false;
  if (
    engineKey !== key ||
    engineCodebook !== variable.codebook ||
    engineNormalise !== s.normalise
  ) {
    await worker.init(key, variable.codebook, known, s.normalise);
    engineKey = key;
    engineCodebook = variable.codebook;
    engineNormalise = s.normalise;
    fresh = true;
  } else {
    const diff = diffKnown(engineKnown, known);
    if (diff.size > 0) {
      await worker.learn(key, diff);
      learnt = true;
    }
  }
  engineKnown = known;
  const have = fresh ? new Map<string, readonly Suggestion[]>() : new Map(get().suggestions);
  // After learning every suggestion may move; otherwise only values without one need it.
  const todo = fresh || learnt ? values : values.filter((v) => !have.has(v.raw));
  if (todo.length === 0) return;
  // Most frequent first: what the researcher sees on top gets its suggestion first.
  const raws = [...todo].sort((a, b) => b.frequency - a.frequency).map((v) => v.raw);
  set({ suggesting: { done: 0, total: raws.length } });
  for (let i = 0; i < raws.length; i += SUGGEST_CHUNK) {
    if (syncAgain && !fresh) return; // newer data arrived: the next run redoes this
    const chunk = raws.slice(i, i + SUGGEST_CHUNK);
    const out = await worker.suggest(key, chunk, SUGGESTIONS_K);
    if (get().valuesFor !== key) return; // the user switched variable meanwhile
    chunk.forEach((raw, j) => have.set(raw, out[j] ?? []));
    set({
      suggestions: new Map(have),
      suggesting: { done: Math.min(i + SUGGEST_CHUNK, raws.length), total: raws.length },
    });
  }
}

// ---- decisions -----------------------------------------------------------------------------

let noticeId = 0;
export const useNotices = create<{ notices: Notice[] }>(() => ({ notices: [] }));

export function notify(text: string, tone: Notice['tone'] = 'info'): void {
  const id = ++noticeId;
  useNotices.setState((s) => ({ notices: [...s.notices.slice(-3), { id, text, tone }] }));
  setTimeout(
    () => useNotices.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    6000,
  );
}

function reportError(e: unknown): void {
  const p = describeStorageError(e);
  set({ save: { state: 'error', message: p.message, quota: p.kind === 'quota' } });
}

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

let viewTimer: ReturnType<typeof setTimeout> | null = null;

export function setView(patch: Partial<ViewState>): void {
  set((s) => ({ view: { ...s.view, ...patch } }));
  if (viewTimer) clearTimeout(viewTimer);
  // Filters change on every keystroke: persist them a moment later, in one small transaction.
  viewTimer = setTimeout(() => {
    const s = get();
    if (s.projectId && s.variableId && s.phase.kind === 'ready')
      void repo
        .putSetting(appDb(), `view:${s.projectId}:${s.variableId}`, s.view)
        .catch(reportError);
  }, 250);
}

export async function setLanguage(lang: Language): Promise<void> {
  set({ lang });
  await repo.putSetting(appDb(), 'lang', lang).catch(reportError);
}

export async function setUser(user: string): Promise<void> {
  set({ user });
  await repo.putSetting(appDb(), 'user', user).catch(reportError);
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

// ---- normalisation rules and clusters ------------------------------------------------------

/** Saves the current variable's normalisation rules; suggestions and clusters follow them. */
export async function setNormalise(normalise: NormaliseConfig): Promise<void> {
  const s = get();
  if (!s.projectId || !s.variableId) return;
  set({ normalise });
  await repo
    .putSetting(appDb(), `normalise:${s.projectId}:${s.variableId}`, normalise)
    .catch(reportError);
  void syncSuggestions();
  void refreshClusters();
}

let clusterRun = 0;

/** Recomputes the grid's clusters (in the worker) when the grid groups by them. */
export async function refreshClusters(): Promise<void> {
  const s = get();
  const mode = s.view.cluster ?? 'off';
  const run = ++clusterRun;
  if (mode === 'off') {
    if (s.clusters !== null) set({ clusters: null });
    return;
  }
  const out = new Set(s.view.clusterOut ?? []);
  const raws = s.values.map((v) => v.raw).filter((raw) => !out.has(raw));
  const clusters = await suggestWorker().clusters(raws, s.normalise, mode === 'key' ? null : mode);
  if (run !== clusterRun) return;
  const byRaw = new Map<string, ClusterInfo>();
  for (const c of clusters)
    for (const m of c.members) byRaw.set(m, { key: c.key, size: c.members.length });
  set({ clusters: byRaw });
}

export function setClusterMode(mode: 'off' | 'key' | number): void {
  setView({ cluster: mode });
  void refreshClusters();
}

/** Takes values out of their cluster; they stay in the grid, coded or not, on their own. */
export function takeOutOfCluster(raws: readonly string[]): void {
  const out = new Set(get().view.clusterOut ?? []);
  for (const r of raws) out.add(r);
  setView({ clusterOut: [...out] });
  void refreshClusters();
}
