import { create } from 'zustand';
import type { Coverage } from '../core/coverage';
import type { DecisionInput, SkipReason } from '../core/decide';
import { defaultNormaliseConfig, type NormaliseConfig } from '../core/suggest/normalise';
import type { Status, Suggestion, VariableId } from '../core/types';
import { appDb, type ProjectRow, type ValueRow, type VariableRow } from '../db/db';
import { describeStorageError } from '../db/errors';
import * as repo from '../db/repo';
import type { Language } from '../i18n';

// The app's UI state in one zustand store, with the few helpers every action module uses.
// Actions live beside it: app.ts (projects, decisions, preferences) and suggestions.ts.

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
  /** Show the second and third suggestions as columns. */
  readonly allSuggestions?: boolean;
  /** Only values with an open note thread. */
  readonly openNotes?: boolean;
  /** The side panel (notes and history of the focused value) is open. */
  readonly side?: boolean;
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
  const p = describeStorageError(e);
  set({ save: { state: 'error', message: p.message, quota: p.kind === 'quota' } });
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
        .putSetting(appDb(), `view:${s.projectId}:${s.variableId}`, s.view)
        .catch(reportError);
  }, 250);
}
