import { create } from 'zustand';
import { codableLeaves } from '../core/codebook-edit';
import { decide, sameSeen, seenOf, type DecisionInput, type SeenState } from '../core/decide';
import { defaultPeople, type ProjectPeople } from '../core/members';
import type { VariableId } from '../core/types';
import { appDb } from '../db/db';
import * as repo from '../db/repo';
import { currentVariable, get, reportError, useApp, type ActionReport } from './store';

// What a trustworthy review needs beside the decisions themselves: the project's people, the
// next undo and redo, the questions asked before an action (approved values touched, the reason
// for sending back, an undo from an earlier session), and what this tab saw of each value.

/** A question the UI asks before an action goes on; the dialog answers it. */
export type Question =
  | {
      readonly kind: 'approved';
      readonly action: ActionReport['action'];
      readonly values: number;
      readonly rows: number;
      readonly answer: (a: 'keep' | 'change' | null) => void;
    }
  | {
      readonly kind: 'reason';
      readonly values: number;
      readonly answer: (r: string | null) => void;
    }
  | { readonly kind: 'old-undo'; readonly step: repo.Step; readonly answer: (ok: boolean) => void }
  /** A merge recodes approved values: reviewed again, or kept approved (null: cancel). */
  | {
      readonly kind: 'merge';
      readonly from: string;
      readonly into: string;
      readonly values: number;
      readonly rows: number;
      readonly answer: (a: 'review-again' | 'keep-approval' | null) => void;
    };

interface ReviewState {
  /** The current project's members, roles and four-eyes setting. */
  people: ProjectPeople;
  /** Whether `people` is the stored state of the current project (not the default before). */
  peopleLoaded: boolean;
  steps: repo.Steps;
  question: Question | null;
  membersOpen: boolean;
}

export const useReview = create<ReviewState>(() => ({
  people: defaultPeople,
  peopleLoaded: false,
  steps: { undo: null, redo: null },
  question: null,
  membersOpen: false,
}));

/** When this page was loaded: an undo of an action made before it asks first. */
export const sessionStart = new Date().toISOString();

/** Asks the person a question in an in-app dialog and waits for the answer. */
export function ask<A>(make: (answer: (a: A) => void) => Question): Promise<A> {
  return new Promise<A>((resolve) => {
    const q = make((a) => {
      useReview.setState({ question: null });
      resolve(a);
    });
    useReview.setState({ question: q });
  });
}

// ---- what this tab saw ---------------------------------------------------------------------

/**
 * This tab's own writes that its live query may not show yet (raw → before and after), for
 * one variable. A key pressed right after a save decides on what the person just did, not on
 * the grid's state of a moment before.
 */
let own: { key: string; values: Map<string, repo.WrittenValue> } = { key: '', values: new Map() };

export function rememberWrites(project: string, variable: VariableId, result: repo.BulkResult) {
  const key = `${project}/${variable}`;
  if (own.key !== key) own = { key, values: new Map() };
  for (const w of result.written ?? []) own.values.set(w.raw, w);
}

/** What the person sees of `raws` now: the grid's values, or this tab's newer own writes. */
export function seenNow(raws: readonly string[]): Map<string, SeenState> {
  const s = get();
  const key = `${s.projectId}/${s.variableId}`;
  const shown = new Map(s.values.map((v) => [v.raw, v]));
  const seen = new Map<string, SeenState>();
  for (const raw of raws) {
    const v = shown.get(raw);
    if (!v) continue;
    const mine = own.key === key ? own.values.get(raw) : undefined;
    // The grid still shows the state before this tab's own write: the person sees the write.
    if (mine && sameSeen(v, mine.before) && !sameSeen(v, mine.after)) seen.set(raw, mine.after);
    else {
      if (mine) own.values.delete(raw);
      seen.set(raw, seenOf(v));
    }
  }
  return seen;
}

/** The approved values (and their rows) among `raws` that `input` would change. */
export function approvedTouched(
  raws: readonly string[],
  input: DecisionInput,
): { values: number; rows: number } {
  const s = get();
  const variable = currentVariable();
  if (!variable) return { values: 0, rows: 0 };
  const wanted = new Set(raws);
  const ctx = { by: s.user, at: '', batch: '', leaves: codableLeaves(variable.codebook) };
  let values = 0;
  let rows = 0;
  for (const v of s.values) {
    if (v.status !== 'approved' || !wanted.has(v.raw)) continue;
    // The same rule the transaction applies, on what the grid shows.
    if (decide(v, input, ctx) !== 'approved') continue;
    values++;
    rows += v.frequency;
  }
  return { values, rows };
}

// ---- watching the project's people and this person's undo and redo ---------------------------

let peopleSub: repo.Subscription | null = null;
let stepsSub: repo.Subscription | null = null;
let watched = { project: '', variable: '', user: '' };

function follow(project: string | null, variable: VariableId | null, user: string): void {
  if (project !== watched.project) {
    peopleSub?.unsubscribe();
    peopleSub = null;
    useReview.setState({ people: defaultPeople, peopleLoaded: false });
    if (project)
      peopleSub = repo.observePeople(
        appDb(),
        project,
        (people) => useReview.setState({ people, peopleLoaded: true }),
        reportError,
      );
  }
  const key = { project: project ?? '', variable: variable ?? '', user };
  if (
    key.project !== watched.project ||
    key.variable !== watched.variable ||
    user !== watched.user
  ) {
    stepsSub?.unsubscribe();
    stepsSub = null;
    useReview.setState({ steps: { undo: null, redo: null } });
    if (project && variable && user)
      stepsSub = repo.observeSteps(
        appDb(),
        project,
        variable,
        user,
        (steps) => useReview.setState({ steps }),
        reportError,
      );
  }
  watched = key;
}

/** Follows the open project, variable and person (called once at start). */
let watching = false;
export function watchReview(): void {
  if (watching) return;
  watching = true;
  const s = get();
  follow(s.projectId, s.variableId, s.user);
  useApp.subscribe((now, before) => {
    if (
      now.projectId !== before.projectId ||
      now.variableId !== before.variableId ||
      now.user !== before.user
    )
      follow(now.projectId, now.variableId, now.user);
  });
}
