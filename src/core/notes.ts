import type { Status, VariableId } from './types';

// Notes on a value, kept like the history: every note, reply and resolve is an immutable event
// with its own id, author, time, value and the value's code at that time. Threads and "open"
// are folded from the events, never stored, so events from two machines can simply be merged
// (a later issue syncs them): the same event has the same id everywhere.

export type NoteEventKind = 'note' | 'reply' | 'resolve';

export interface NoteEvent {
  /** Unique everywhere (a UUID): the key events are merged by. */
  readonly id: string;
  readonly kind: NoteEventKind;
  /** The id of the note that started the thread (its own id for a `note`). */
  readonly thread: string;
  readonly variable: VariableId;
  readonly raw: string;
  readonly by: string;
  /** ISO 8601. */
  readonly at: string;
  /** The note's or reply's words; for a resolve, optional words said with it. */
  readonly text: string;
  /** The value's code and status when the event was written. */
  readonly code: string | null;
  readonly status: Status;
}

export interface NoteThread {
  readonly id: string;
  readonly raw: string;
  /** The note and its replies, oldest first. */
  readonly events: readonly NoteEvent[];
  /** The resolve, when the thread is resolved. */
  readonly resolved: NoteEvent | null;
}

function byTime(a: NoteEvent, b: NoteEvent): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The threads of some events, oldest first. Replies or resolves whose note is absent are left out. */
export function foldThreads(events: readonly NoteEvent[]): NoteThread[] {
  const sorted = [...events].sort(byTime);
  const threads = new Map<
    string,
    { raw: string; events: NoteEvent[]; resolved: NoteEvent | null }
  >();
  for (const e of sorted) {
    if (e.kind === 'note') threads.set(e.id, { raw: e.raw, events: [e], resolved: null });
  }
  for (const e of sorted) {
    const t = threads.get(e.thread);
    if (!t || e.kind === 'note') continue;
    if (e.kind === 'reply') t.events.push(e);
    else t.resolved ??= e;
  }
  return [...threads.entries()].map(([id, t]) => ({ id, ...t }));
}

/** The raw values with at least one open thread (for the filter "with open notes"). */
export function openNoteRaws(events: readonly NoteEvent[]): Set<string> {
  const out = new Set<string>();
  for (const t of foldThreads(events)) if (!t.resolved) out.add(t.raw);
  return out;
}

/** What a user asks to write: a new note, a reply, or resolving a thread. */
export type NoteInput =
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'reply'; readonly thread: string; readonly text: string }
  | { readonly kind: 'resolve'; readonly thread: string; readonly text?: string };

export type NoteRefusal = 'empty' | 'no-thread' | 'already-resolved';

/**
 * The event a note input becomes, or why it cannot be written: a note or reply needs words; a
 * reply or resolve needs an open thread of the same value.
 */
export function noteEvent(
  input: NoteInput,
  value: {
    readonly variable: VariableId;
    readonly raw: string;
    readonly code: string | null;
    readonly status: Status;
  },
  existing: readonly NoteEvent[],
  ctx: { readonly id: string; readonly by: string; readonly at: string },
): NoteEvent | NoteRefusal {
  const text = (input.text ?? '').trim();
  if (input.kind !== 'resolve' && text === '') return 'empty';
  let thread = ctx.id;
  if (input.kind !== 'note') {
    const t = foldThreads(existing).find((x) => x.id === input.thread && x.raw === value.raw);
    if (!t) return 'no-thread';
    if (t.resolved) return 'already-resolved';
    thread = t.id;
  }
  return {
    id: ctx.id,
    kind: input.kind,
    thread,
    variable: value.variable,
    raw: value.raw,
    by: ctx.by,
    at: ctx.at,
    text,
    code: value.code,
    status: value.status,
  };
}
