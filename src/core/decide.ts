import type { Coding, Decision, DecisionKind, RawValue, Status } from './types';
import { canReview, type ProjectPeople } from './members';

/** What a user asks to do to a set of values. One bulk action is one of these. */
export type DecisionInput =
  | { readonly kind: 'assign'; readonly code: string }
  /** Each value gets its own top suggestion: raw → code. */
  | { readonly kind: 'accept-suggestion'; readonly codes: ReadonlyMap<string, string> }
  | { readonly kind: 'approve' }
  /** _Skicka tillbaka_: the reason becomes the note of the change and of the value. */
  | { readonly kind: 'reject'; readonly reason?: string }
  /** _Återöppna_: an approved value goes back to coded, to be reviewed again. */
  | { readonly kind: 'reopen' }
  | { readonly kind: 'flag' }
  | { readonly kind: 'clear' }
  | { readonly kind: 'note'; readonly note: string };

/** Why a value was left as it was by an action (reported to the user, never silent). */
export type SkipReason =
  | 'no-code'
  | 'no-suggestion'
  | 'unchanged'
  | 'not-a-leaf'
  | 'changed-since'
  | 'missing'
  /** The value changed after the person saw it (another tab, another person). */
  | 'stale'
  /** Approved work is left as it is unless the person said to change it too. */
  | 'approved'
  /** Four eyes: the approver set the value's current code herself. */
  | 'own-coding'
  /** Only a reviewer approves or sends back. */
  | 'not-a-reviewer';

/** What the person saw of a value when she pressed the key: a decision applies to that only. */
export interface SeenState {
  readonly code: string | null;
  readonly status: Status;
  readonly updatedAt: string | null;
}

export function seenOf(v: Pick<RawValue, 'code' | 'status' | 'updatedAt'>): SeenState {
  return { code: v.code, status: v.status, updatedAt: v.updatedAt };
}

export function sameSeen(
  v: Pick<RawValue, 'code' | 'status' | 'updatedAt'>,
  s: SeenState,
): boolean {
  return v.code === s.code && v.status === s.status && v.updatedAt === s.updatedAt;
}

export interface DecisionOutcome {
  readonly value: RawValue;
  readonly decision: Decision;
}

export interface DecisionContext {
  readonly by: string;
  /** ISO 8601 time of the action. */
  readonly at: string;
  /** Shared by all decisions of one bulk action. */
  readonly batch: string;
  /** Leaf codes of the variable's codebook: values are coded to leaves only. */
  readonly leaves: ReadonlySet<string>;
  /** Change approved values too (the person was asked and said so); by default they are kept. */
  readonly changeApproved?: boolean;
  /** Four eyes: approving a value whose current code the approver set is refused. */
  readonly fourEyes?: boolean;
  /** Whether the person may approve and send back; true when unset. */
  readonly reviewer?: boolean;
}

/** The people rules of a project, for a decision by `by`. */
export function reviewRules(
  people: ProjectPeople,
  by: string,
): Pick<DecisionContext, 'fourEyes' | 'reviewer'> {
  return { fourEyes: people.fourEyes, reviewer: canReview(people, by) };
}

export function codingOf(v: RawValue): Coding {
  return {
    code: v.code,
    status: v.status,
    codedBy: v.codedBy,
    codedAt: v.codedAt,
    reviewedBy: v.reviewedBy,
    reviewedAt: v.reviewedAt,
    note: v.note,
    updatedAt: v.updatedAt,
  };
}

function sameCoding(a: Coding, b: Coding): boolean {
  return (
    a.code === b.code &&
    a.status === b.status &&
    a.codedBy === b.codedBy &&
    a.reviewedBy === b.reviewedBy &&
    a.note === b.note
  );
}

function coded(v: RawValue, code: string, ctx: DecisionContext): Coding {
  // A new category undoes any earlier review: it has to be reviewed again.
  return {
    ...codingOf(v),
    code,
    status: 'coded',
    codedBy: ctx.by,
    codedAt: ctx.at,
    reviewedBy: null,
    reviewedAt: null,
  };
}

function reviewed(v: RawValue, status: Status, ctx: DecisionContext): Coding {
  return { ...codingOf(v), status, reviewedBy: ctx.by, reviewedAt: ctx.at };
}

/**
 * Applies one decision to one value. Returns the new value and the history entry, or the
 * reason it does not apply (approving a value that has no category, for instance). `seen` is
 * the value as the person saw it: a value changed since is left as it is.
 */
export function decide(
  value: RawValue,
  input: DecisionInput,
  ctx: DecisionContext,
  seen?: SeenState,
): DecisionOutcome | SkipReason {
  if (seen && !sameSeen(value, seen)) return 'stale';
  const review = input.kind === 'approve' || input.kind === 'reject';
  if (review && ctx.reviewer === false) return 'not-a-reviewer';
  let next: Coding;
  switch (input.kind) {
    case 'assign':
      if (!ctx.leaves.has(input.code)) return 'not-a-leaf';
      next = coded(value, input.code, ctx);
      break;
    case 'accept-suggestion': {
      const code = input.codes.get(value.raw);
      if (code === undefined) return 'no-suggestion';
      if (!ctx.leaves.has(code)) return 'not-a-leaf';
      next = coded(value, code, ctx);
      break;
    }
    case 'approve':
      if (value.code === null) return 'no-code';
      if (ctx.fourEyes === true && value.codedBy === ctx.by) return 'own-coding';
      next = reviewed(value, 'approved', ctx);
      break;
    case 'reject': {
      if (value.code === null) return 'no-code';
      // The reason joins the note; an earlier note is kept above it, never overwritten.
      const reason = input.reason?.trim() ?? '';
      const note = reason === '' ? value.note : value.note ? `${value.note}\n${reason}` : reason;
      next = { ...reviewed(value, 'rejected', ctx), note };
      break;
    }
    case 'reopen':
      if (value.status !== 'approved') return 'unchanged';
      next = { ...codingOf(value), status: 'coded', reviewedBy: null, reviewedAt: null };
      break;
    case 'flag':
      next = { ...codingOf(value), status: 'flagged' };
      break;
    case 'clear':
      next = {
        code: null,
        status: 'uncoded',
        codedBy: null,
        codedAt: null,
        reviewedBy: null,
        reviewedAt: null,
        note: value.note,
        updatedAt: value.updatedAt,
      };
      break;
    case 'note':
      next = { ...codingOf(value), note: input.note };
      break;
  }
  const before = codingOf(value);
  if (sameCoding(before, next)) return 'unchanged';
  // Approved work is protected: only _Återöppna_, or a person who was asked, changes it.
  const touchesApproved = next.code !== before.code || next.status !== before.status;
  if (
    before.status === 'approved' &&
    touchesApproved &&
    input.kind !== 'reopen' &&
    !ctx.changeApproved
  )
    return 'approved';
  next = { ...next, updatedAt: ctx.at };
  return {
    value: { ...value, ...next },
    decision: historyEntry(value, input.kind, next, before, ctx),
  };
}

/**
 * Whether a value is still as an action left it (undo and redo touch only such values): the
 * change's code, status and note, and its time (`updatedAt` of the change when it set one, else
 * the action's own time).
 */
export function leftAsChanged(
  v: Pick<RawValue, 'code' | 'status' | 'note' | 'updatedAt'> | undefined,
  change: { code: string | null; status: Status; note: string; updatedAt?: string | null },
  actionAt: string,
): v is RawValue {
  return (
    v !== undefined &&
    v.code === change.code &&
    v.status === change.status &&
    v.note === change.note &&
    v.updatedAt === (change.updatedAt === undefined ? actionAt : change.updatedAt)
  );
}

/**
 * Restores a value's coding exactly as it was before a decision (undo) or after it (redo):
 * code, status, who and when, note, and the time of that state. The restore is itself recorded.
 */
export function restore(
  value: RawValue,
  to: Coding,
  ctx: DecisionContext,
  kind: 'undo' | 'redo' = 'undo',
): DecisionOutcome | SkipReason {
  const before = codingOf(value);
  if (sameCoding(before, to)) return 'unchanged';
  return {
    value: { ...value, ...to },
    decision: historyEntry(value, kind, to, before, ctx),
  };
}

function historyEntry(
  value: RawValue,
  kind: DecisionKind,
  next: Coding,
  before: Coding,
  ctx: DecisionContext,
): Decision {
  return {
    variable: value.variable,
    raw: value.raw,
    kind,
    code: next.code,
    status: next.status,
    by: ctx.by,
    at: ctx.at,
    batch: ctx.batch,
    note: next.note,
    before,
  };
}

/** A value as it first enters a project: counted, not yet coded. */
export function newRawValue(
  variable: string,
  raw: string,
  frequency: number,
  municipalities: number,
  counted: { combinations?: number | null; firstImport?: string | null } = {},
): RawValue {
  return {
    variable,
    raw,
    frequency,
    municipalities,
    combinations: counted.combinations ?? (frequency > 0 ? null : 0),
    firstImport: counted.firstImport ?? null,
    code: null,
    status: 'uncoded',
    codedBy: null,
    codedAt: null,
    reviewedBy: null,
    reviewedAt: null,
    note: '',
    updatedAt: null,
  };
}

/** Counts of what a bulk action did, for the message the user sees. */
export interface BulkSummary {
  changed: number;
  skipped: Partial<Record<SkipReason, number>>;
}
