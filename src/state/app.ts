import type { DecisionInput } from '../core/decide';
import { memberName, withMember, type ProjectPeople, type Role } from '../core/members';
import type { ProjectBackup } from '../core/formats/backup';
import type { VariableId } from '../core/types';
import { appDb, eraseDatabase, watchSchema, type ProjectRow } from '../db/db';
import { describeStorageError } from '../db/errors';
import {
  backupBeforeUpgrade,
  UpgradeBackupError,
  type UpgradeBackupRow,
} from '../db/upgrade-backup';
import * as repo from '../db/repo';
import { translate, type Language } from '../i18n';
import { followProject, followVariable, stopFollowing } from './live';
import { savePeopleFor } from '../db/team';
import { followTeam } from './team';
import { createDemoProject, createEmptyProject } from './projects';
import { get, notify, reportError, set, type ActionReport } from './store';
import {
  followProfile,
  readVariableProfile,
  refreshClusters,
  stopFollowingProfile,
  syncSuggestions,
} from './suggestions';
import {
  approvedTouched,
  ask,
  rememberWrites,
  seenNow,
  sessionStart,
  useReview,
  watchReview,
} from './review';

export * from './store';
export { refreshClusters, setClusterMode, setProfile, takeOutOfCluster } from './suggestions';
export { useReview, type Question } from './review';

// The actions that call db/ and workers/ (the store is store.ts, suggestions suggestions.ts). No domain logic here: decisions are
// core/decide.ts, storage is db/repo.ts, suggestions are core/suggest in a worker.

let variablesSub: repo.Subscription | null = null;

/** After the current variable's values changed: suggestions and clusters follow. */
function valuesChanged(): void {
  void syncSuggestions();
  void refreshClusters();
}

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
    // RELIABILITY.md rule 8: an older database is backed up before Dexie upgrades it; when the
    // backup cannot be stored, it is not upgraded (nor opened).
    let kept: readonly UpgradeBackupRow[] = [];
    try {
      kept = await backupBeforeUpgrade(db.verno);
    } catch (e) {
      if (!(e instanceof UpgradeBackupError)) throw e;
      const message = describeStorageError(e.cause).detail;
      set({ phase: { kind: 'open-failed', message, upgrade: { from: e.from, to: e.to } } });
      return;
    }
    await db.open();
    const [lang, user] = await Promise.all([
      repo.readSetting(db, repo.SETTINGS.lang),
      repo.readSetting(db, repo.SETTINGS.user),
    ]);
    set({ lang, user });
    const upgraded = kept[0];
    if (upgraded)
      notify(translate(lang, 'upgradeBackedUp', { from: upgraded.from, to: upgraded.to }));
    watchReview();
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
  set({
    projectId,
    variables: [],
    values: [],
    valuesFor: null,
    suggestions: new Map(),
    combined: new Map(),
    coverage: new Map(),
  });
  // Coverage of every variable: read once, then followed change by change. The whole project is
  // read after the current variable's grid is up: the first screen does not wait for it.
  let gridUp: () => void = () => undefined;
  const shown = new Promise<void>((resolve) => (gridUp = resolve));
  void followProject(projectId, valuesChanged, shown);
  void followTeam(projectId).catch(reportError);
  // Read through their readers (whatever is stored, a valid value); nothing is written before
  // the project is open (openProject remembers it after).
  const [variables, stored] = await Promise.all([
    repo.loadVariables(db, projectId),
    repo.readSetting(db, repo.SETTINGS.activeVariable, projectId),
  ]);
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
  try {
    if (variableId) await showVariable(variableId);
  } finally {
    gridUp();
  }
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
  // Read through their readers: whatever is stored, the grid gets a valid view.
  const [view, { profile, choice: profileChoice }] = await Promise.all([
    repo.readSetting(db, repo.SETTINGS.view, projectId, variableId),
    readVariableProfile(projectId, variableId),
  ]);
  set({
    variableId,
    values: [],
    valuesFor: null,
    suggestions: new Map(),
    combined: new Map(),
    suggesting: null,
    view,
    profile,
    profileChoice,
    clusters: null,
  });
  followProfile(projectId, variableId);
  await followVariable(projectId, variableId);
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
  // What the person sees now, before any question: the decision applies to that only.
  const seen = seenNow(raws);
  // Approved work is protected: say how much of it the action touches, and ask.
  const touched = approvedTouched(raws, input);
  let changeApproved = false;
  if (touched.values > 0) {
    const answer = await ask<'keep' | 'change' | null>((a) => ({
      kind: 'approved',
      action: input.kind,
      ...touched,
      answer: a,
    }));
    if (answer === null) return undefined;
    changeApproved = answer === 'change';
  }
  const result = await saving(() =>
    repo.applyBulkDecision(appDb(), {
      project: projectId,
      variable: variableId,
      raws,
      input,
      by: user,
      seen,
      changeApproved,
    }),
  );
  if (!result) return undefined;
  rememberWrites(projectId, variableId, result);
  const report: ActionReport = {
    action: input.kind,
    changed: result.changed,
    skipped: result.skipped,
    ...(result.stale ? { stale: result.stale } : {}),
  };
  set({ lastReport: report });
  return report;
}

/** Each selected value gets its own top suggestion (rank 0), or its second or third. */
export async function acceptSuggestions(
  raws: readonly string[],
  rank = 0,
): Promise<ActionReport | undefined> {
  const suggestions = get().suggestions;
  const codes = new Map<string, string>();
  for (const raw of raws) {
    const top = suggestions.get(raw)?.[rank];
    if (top) codes.set(raw, top.code);
  }
  return decideOn(raws, { kind: 'accept-suggestion', codes });
}

/** _Skicka tillbaka_: asks the reason (it becomes the values' note), then sends back. */
export async function sendBack(raws: readonly string[]): Promise<ActionReport | undefined> {
  if (raws.length === 0) return undefined;
  const reason = await ask<string | null>((a) => ({
    kind: 'reason',
    values: raws.length,
    answer: a,
  }));
  if (reason === null) return undefined;
  return decideOn(raws, { kind: 'reject', reason });
}

/**
 * Undoes this person's newest action on the variable (or, `redo`, takes back her newest undo).
 * An undo of an action made before this page was loaded asks first.
 */
async function step(mode: 'undo' | 'redo'): Promise<ActionReport | null | undefined> {
  const s = get();
  if (!s.projectId || !s.variableId) return undefined;
  const { projectId, variableId, user } = s;
  const db = appDb();
  const next = (await repo.nextSteps(db, projectId, variableId, user))[mode];
  if (next === null) return null;
  if (mode === 'undo' && next.at < sessionStart) {
    const ok = await ask<boolean>((a) => ({ kind: 'old-undo', step: next, answer: a }));
    if (!ok) return undefined;
  }
  const result = await saving(() => repo.replay(db, mode, projectId, variableId, user, next.batch));
  if (result === undefined) return undefined;
  if (result === null) return null;
  rememberWrites(projectId, variableId, result);
  const report: ActionReport = { action: mode, changed: result.changed, skipped: result.skipped };
  set({ lastReport: report });
  return report;
}

export function undo(): Promise<ActionReport | null | undefined> {
  return step('undo');
}

export function redo(): Promise<ActionReport | null | undefined> {
  return step('redo');
}

// ---- people --------------------------------------------------------------------------------

/** Stores the project's members and four-eyes setting (the members dialog). */
export async function savePeople(people: ProjectPeople): Promise<void> {
  const projectId = get().projectId;
  if (!projectId) return;
  // Shown at once, so that the next edit builds on this one before the live query answers.
  useReview.setState({ people });
  // A linked project tells the team too (db/team.ts), in the same transaction.
  await saving(() => savePeopleFor(appDb(), projectId, people, get().user));
}

/** The person chooses who she is; a name not yet a member is added with `role`. */
export async function signIn(name: string, role: Role, fourEyes?: boolean): Promise<void> {
  const clean = memberName(name);
  if (clean === '') return;
  const { people } = useReview.getState();
  const listed = people.members.some((m) => m.name === clean);
  let next = listed ? people : withMember(people, { name: clean, role });
  if (fourEyes !== undefined) next = { ...next, fourEyes };
  if (next !== people) await savePeople(next);
  await setUser(clean);
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
  stopFollowing();
  stopFollowingProfile();
  variablesSub?.unsubscribe();
  await eraseDatabase();
  location.reload();
}
