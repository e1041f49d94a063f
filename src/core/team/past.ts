import type { CodebookStep } from '../codebook-versions';
import {
  foldDoubleCoding,
  type BlindCode,
  type DoubleCodingState,
  type DoubleSample,
} from '../double-coding';
import type { NoteEvent } from '../notes';
import type { Decision, DecisionKind, VariableId } from '../types';
import { envelope, type BlindCodesEvent, type PastEvent, type SampleEvent } from './events';
import type { ResolveRecord } from './fold';

// A project's past (issue 10 item 2): what it holds of its work from before it was first
// connected to a team — note threads, the history of decisions (who did what when), samples
// drawn for double coding and their blind codes. The project's start (variables and values with
// their coding) tells the team what the project is; the past tells how it got there. It is sent
// once, by a project admin, as `past` events with ids the same in every browser; each browser
// adds what it lacks and never changes a value's coding with it (the start carries the coding).

/** What one action did to one value, as the history keeps it. */
export type PastChange = Pick<Decision, 'raw' | 'code' | 'status' | 'note' | 'before'> & {
  readonly updatedAt?: string | null;
};

/** One action (a batch of the history) as the past carries it: a history row without its place. */
export interface PastAction {
  readonly variable: VariableId;
  readonly batch: string;
  readonly kind: DecisionKind;
  readonly by: string;
  readonly at: string;
  readonly changes: readonly PastChange[];
  readonly undoes?: string;
  readonly redoes?: string;
  readonly note?: string;
  readonly codebook?: CodebookStep;
  readonly resolve?: ResolveRecord;
}

/** Everything of a project's past, as one browser holds it. */
export interface PastContent {
  readonly notes: readonly NoteEvent[];
  /** Oldest first (the order the history was written in). */
  readonly history: readonly PastAction[];
  readonly samples: readonly DoubleSample[];
  readonly codes: readonly BlindCode[];
}

/**
 * Characters of JSON per past document: CouchDB refuses a document over 8 MB by default
 * (`max_document_size`), and a character is at most 3 bytes of UTF-8 here.
 */
export const PAST_CHUNK_CHARS = 1_000_000;

/** A part of the project's past: the same id in every browser, sent after the project's start. */
export function pastId(part: number): string {
  // `ev:1:` sorts after the start's `ev:0:` (the past's samples need their variable) and before
  // every time-stamped id; the part is padded so the parts sort in order.
  return `ev:1:past:${String(part).padStart(6, '0')}`;
}

type PastItem =
  | { readonly field: 'notes'; readonly item: NoteEvent }
  | { readonly field: 'history'; readonly item: PastAction }
  | { readonly field: 'samples'; readonly item: DoubleSample }
  | { readonly field: 'codes'; readonly item: BlindCode };

/**
 * An action too large for one document split into actions of fewer values, the same batch each
 * (a bulk action on 50 000 values): the fold knows a piece by its batch and its first value.
 */
function pieces(action: PastAction, budget: number): PastAction[] {
  const size = JSON.stringify(action).length;
  if (size <= budget || action.changes.length < 2) return [action];
  const per = Math.max(1, Math.floor((action.changes.length * budget) / size));
  const out: PastAction[] = [];
  for (let i = 0; i < action.changes.length; i += per) {
    out.push({ ...action, changes: action.changes.slice(i, i + per) });
  }
  return out;
}

/**
 * The project's past as events, each document under `budget` characters of JSON (one item larger
 * than that goes alone). Empty when there is nothing to tell. The same past gives the same ids
 * and parts in every browser.
 */
export function pastEvents(
  past: PastContent,
  author: string,
  at: string,
  budget: number = PAST_CHUNK_CHARS,
): PastEvent[] {
  const items: PastItem[] = [
    ...past.notes.map((item) => ({ field: 'notes' as const, item })),
    ...past.history.flatMap((a) =>
      pieces(a, budget).map((item) => ({ field: 'history' as const, item })),
    ),
    ...past.samples.map((item) => ({ field: 'samples' as const, item })),
    ...past.codes.map((item) => ({ field: 'codes' as const, item })),
  ];
  const events: PastEvent[] = [];
  let part: {
    notes: NoteEvent[];
    history: PastAction[];
    samples: DoubleSample[];
    codes: BlindCode[];
  } = { notes: [], history: [], samples: [], codes: [] };
  let used = 0;
  const flush = () => {
    if (used === 0) return;
    const n = events.length;
    events.push({
      ...envelope(pastId(n), author, at),
      kind: 'past',
      part: n,
      ...(part.notes.length > 0 ? { notes: part.notes } : {}),
      ...(part.history.length > 0 ? { history: part.history } : {}),
      ...(part.samples.length > 0 ? { samples: part.samples } : {}),
      ...(part.codes.length > 0 ? { codes: part.codes } : {}),
    });
    part = { notes: [], history: [], samples: [], codes: [] };
    used = 0;
  };
  for (const x of items) {
    const size = JSON.stringify(x.item).length + 1;
    if (used > 0 && used + size > budget) flush();
    // Each field keeps its own type: the item is pushed to the list its field names.
    (part[x.field] as unknown[]).push(x.item);
    used += size;
  }
  flush();
  return events;
}

/**
 * The double coding a past event carries, as the team's own sample and blind-codes events: the
 * double-coding fold (core/double-coding.ts foldDoubleCoding) adds each once. Codes are grouped
 * by sample and coder, each group an event by its coder, as she would have sent it.
 */
export function pastDoubleCoding(e: PastEvent): (SampleEvent | BlindCodesEvent)[] {
  const out: (SampleEvent | BlindCodesEvent)[] = (e.samples ?? []).map((sample) => ({
    ...envelope(`${e._id}:sample:${sample.id}`, sample.by, sample.at),
    kind: 'sample' as const,
    sample,
  }));
  const groups = new Map<string, BlindCode[]>();
  for (const c of e.codes ?? []) {
    const key = JSON.stringify([c.sample, c.by]);
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const drawn = new Map((e.samples ?? []).map((s) => [s.id, s]));
  for (const codes of groups.values()) {
    const { sample, by, at } = codes[0]!;
    // The fold reads the codes only; variable and coders are the sample's where this part has it.
    const s = drawn.get(sample);
    out.push({
      ...envelope(`${e._id}:codes:${sample}:${by}`, by, at),
      kind: 'blind-codes',
      sample,
      variable: s?.variable ?? '',
      coders: s?.coders ?? [],
      codes,
    });
  }
  return out;
}

/** A browser's state as the past can change it: it never touches a value's coding. */
export interface PastState {
  /** Note events by id. */
  readonly notes: ReadonlyMap<string, NoteEvent>;
  /** The history, oldest first; the past's new actions are appended. */
  readonly history: readonly PastAction[];
  readonly doubleCoding: DoubleCodingState;
}

const actionKey = (a: PastAction): string => JSON.stringify([a.variable, a.batch, a.kind]);

/**
 * Which actions of the history a browser holds: per variable, batch and kind, the values they
 * changed (an action with no values, a codebook edit, counts by being there).
 */
export function heldActions(history: readonly PastAction[]): Map<string, Set<string>> {
  const held = new Map<string, Set<string>>();
  for (const a of history) {
    const k = actionKey(a);
    const raws = held.get(k) ?? new Set<string>();
    for (const c of a.changes) raws.add(c.raw);
    held.set(k, raws);
  }
  return held;
}

/**
 * Whether an action of the past is already here: the same batch (and kind) of the same variable,
 * holding its first value (a piece of a split action is told apart by it).
 */
export function actionHeld(held: ReadonlyMap<string, ReadonlySet<string>>, a: PastAction): boolean {
  const raws = held.get(actionKey(a));
  if (raws === undefined) return false;
  const first = a.changes[0];
  return first === undefined || raws.has(first.raw);
}

/** The actions of the past not held here yet, in order; `held` learns them. */
export function newActions(
  held: Map<string, Set<string>>,
  events: readonly PastEvent[],
): PastAction[] {
  const out: PastAction[] = [];
  for (const e of events) {
    for (const a of e.history ?? []) {
      if (actionHeld(held, a)) continue;
      out.push(a);
      const raws = held.get(actionKey(a)) ?? new Set<string>();
      for (const c of a.changes) raws.add(c.raw);
      held.set(actionKey(a), raws);
    }
  }
  return out;
}

/**
 * The past folded into a browser's state: notes, actions, samples and codes it lacks are added
 * (each once, in any order, however often the events arrive); nothing held is replaced.
 */
export function foldPast(state: PastState, events: readonly PastEvent[]): PastState {
  const notes = new Map(state.notes);
  for (const e of events) {
    // A note event is immutable and known by its id everywhere (as the note events' fold has it).
    for (const n of e.notes ?? []) if (!notes.has(n.id)) notes.set(n.id, n);
  }
  const added = newActions(heldActions(state.history), events);
  return {
    notes,
    history: added.length > 0 ? [...state.history, ...added] : state.history,
    doubleCoding: foldDoubleCoding(state.doubleCoding, events.flatMap(pastDoubleCoding)),
  };
}
