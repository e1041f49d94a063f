import { create } from 'zustand';
import type { Coverage } from '../core/coverage';
import type { DecisionInput, SkipReason } from '../core/decide';
import { emptyView, type ViewState } from '../core/settings';
import type { ProfileChoice } from '../core/suggest/choose';
import { defaultProfile, type SuggestProfile } from '../core/suggest/profile';
import type { CombinedPart } from '../core/suggest/combined';
import type { Suggestion, VariableId } from '../core/types';
import { appDb, type ProjectRow, type ValueRow, type VariableRow } from '../db/db';
import { describeStorageError, type StorageProblem } from '../db/errors';
import * as repo from '../db/repo';
import type { StaleValue } from '../db/repo';
import type { Language } from '../i18n';

// The app's UI state in one zustand store, with the few helpers every action module uses.
// Actions live beside it: app.ts (projects, decisions, preferences) and suggestions.ts.

export { emptyView, type ViewState };

export type SaveState =
  | { readonly state: 'idle' }
  | { readonly state: 'saving' }
  | { readonly state: 'saved'; readonly at: Date }
  | { readonly state: 'error'; readonly problem: StorageProblem };

export type Phase =
  | { readonly kind: 'loading'; readonly demo: boolean }
  | { readonly kind: 'ready' }
  | {
      readonly kind: 'open-failed';
      readonly message: string;
      /** The database must be upgraded, and the backup taken first could not be stored. */
      readonly upgrade?: { readonly from: number; readonly to: number };
    }
  | { readonly kind: 'reload-needed' }
  | { readonly kind: 'blocked' };

export interface Notice {
  readonly id: number;
  readonly text: string;
  readonly tone: 'info' | 'error';
}

/** The outcome of an action, described for the user by the UI. */
export interface ActionReport {
  readonly action: DecisionInput['kind'] | 'undo' | 'redo' | 'import';
  readonly changed: number;
  readonly skipped: Partial<Record<SkipReason, number>>;
  /** Values left because they changed since the person saw them: who changed them, when. */
  readonly stale?: readonly StaleValue[];
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
  /** Values of the current variable that probably name several reasons, with their parts. */
  combined: ReadonlyMap<string, readonly CombinedPart[]>;
  view: ViewState;
  save: SaveState;
  lastReport: ActionReport | null;
  /** Whether the browser promised not to evict this origin's storage (null: not asked yet). */
  persisted: boolean | null;
  /** Bytes used and available, as the browser estimates them. */
  storage: { readonly usage: number; readonly quota: number } | null;
  coverage: ReadonlyMap<VariableId, Coverage>;
  /** The current variable's suggestion profile (its normalisation is what clusters match on). */
  profile: SuggestProfile;
  /** Why `profile` is used when no one chose it (chosen from the codebook); null: saved for it. */
  profileChoice: ProfileChoice | null;
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
  combined: new Map(),
  view: emptyView,
  save: { state: 'idle' },
  lastReport: null,
  persisted: null,
  storage: null,
  coverage: new Map(),
  profile: defaultProfile,
  profileChoice: null,
  clusters: null,
}));

/** The store's setter and getter, for the action modules of state/. */
export const set = useApp.setState;
export const get = useApp.getState;

export function currentVariable(): VariableRow | undefined {
  const s = get();
  return s.variables.find((v) => v.id === s.variableId);
}

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

export function reportError(e: unknown): void {
  set({ save: { state: 'error', problem: describeStorageError(e) } });
}

let viewTimer: ReturnType<typeof setTimeout> | null = null;

export function setView(patch: Partial<ViewState>): void {
  set((s) => ({ view: { ...s.view, ...patch } }));
  if (viewTimer) clearTimeout(viewTimer);
  // Filters change on every keystroke: persist them a moment later, in one small transaction.
  viewTimer = setTimeout(() => {
    const s = get();
    if (s.projectId && s.variableId && s.phase.kind === 'ready')
      void repo
        .writeSetting(appDb(), repo.SETTINGS.view, s.view, s.projectId, s.variableId)
        .catch(reportError);
  }, 250);
}
