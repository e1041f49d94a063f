import type { Coding, Decision, DecisionKind, RawValue, Status } from './types';

/** What a user asks to do to a set of values. One bulk action is one of these. */
export type DecisionInput =
  | { readonly kind: 'assign'; readonly code: string }
  /** Each value gets its own top suggestion: raw → code. */
  | { readonly kind: 'accept-suggestion'; readonly codes: ReadonlyMap<string, string> }
  | { readonly kind: 'approve' }
  | { readonly kind: 'reject' }
  | { readonly kind: 'flag' }
  | { readonly kind: 'clear' }
  | { readonly kind: 'note'; readonly note: string };

/** Why a value was left as it was by an action (reported to the user, never silent). */
export type SkipReason =
  'no-code' | 'no-suggestion' | 'unchanged' | 'not-a-leaf' | 'changed-since' | 'missing';

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
 * reason it does not apply (approving a value that has no category, for instance).
 */
export function decide(
  value: RawValue,
  input: DecisionInput,
  ctx: DecisionContext,
): DecisionOutcome | SkipReason {
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
      next = reviewed(value, 'approved', ctx);
      break;
    case 'reject':
      if (value.code === null) return 'no-code';
      next = reviewed(value, 'rejected', ctx);
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
  next = { ...next, updatedAt: ctx.at };
  return {
    value: { ...value, ...next },
    decision: historyEntry(value, input.kind, next, before, ctx),
  };
}

/** Restores a value's coding from before a decision (undo is itself recorded). */
export function restore(
  value: RawValue,
  to: Coding,
  ctx: DecisionContext,
): DecisionOutcome | SkipReason {
  const before = codingOf(value);
  if (sameCoding(before, to)) return 'unchanged';
  return {
    value: { ...value, ...to },
    decision: historyEntry(value, 'undo', to, before, ctx),
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
