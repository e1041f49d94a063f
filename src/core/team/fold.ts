import { sameCodebook } from '../codebook-versions';
import type { Codebook, Coding, VariableId } from '../types';
import type { CodebookEvent, DecisionEvent, EventChange, ResolveEvent, SeenCoding } from './events';

// Folding a team's events into one browser's state: pure, so every browser does the same with the
// same events, and the same event twice changes nothing. A decision applies to a value only in
// the state its author saw. A decision on a state this browser no longer has, with another code
// or status than the value holds now, was made without seeing the decision that holds it: that is
// a disagreement, listed for the team to resolve, never a silent overwrite (no last writer wins).

/** One side of a disagreement: who decided what, when. */
export interface DisagreementSide {
  /** The event that carried the decision; null for the value as this browser holds it. */
  readonly event: string | null;
  readonly by: string | null;
  readonly at: string | null;
  readonly code: string | null;
  readonly status: Coding['status'];
  readonly note: string;
  /** A codebook conflict's side: the codebook that side holds. */
  readonly codebook?: Codebook;
}

export interface Disagreement {
  /**
   * The same in every browser that meets it: the value and the state both decisions were made
   * on (A sees B's decision arrive, B sees A's; both started from the same state).
   */
  readonly id: string;
  readonly variable: VariableId;
  readonly raw: string;
  /** The value as this browser holds it, and the decision that arrived without seeing it. */
  readonly held: DisagreementSide;
  readonly arrived: DisagreementSide;
  /**
   * Further decisions made on the same state that arrived later (a third coder, a fourth…):
   * every side is listed, none replaces another.
   */
  readonly others?: readonly DisagreementSide[];
  /**
   * `codebook`: two changes of the variable's codebook made on the same codebook (raw is then
   * ''); each side holds its codebook. `double-coding`: the coders of a completed blind sample
   * coded the value differently; each coder's code is a side. Absent: a value's coding.
   */
  readonly subject?: 'codebook' | 'double-coding';
}

/** Every side of a disagreement: the value held here first, then the decisions as they arrived. */
export function disagreementSides(d: Disagreement): DisagreementSide[] {
  return [d.held, d.arrived, ...(d.others ?? [])];
}

/**
 * A disagreement met again (the same value and starting state): a side not listed yet is added,
 * so three coders who decided the same value show three sides, not the last two.
 */
export function mergeDisagreement(
  existing: Disagreement | undefined,
  incoming: Disagreement,
): Disagreement {
  if (existing === undefined) return incoming;
  // The held side is the value as this browser holds it now; the others are events, known by id.
  const known = new Set(disagreementSides(existing).map((s) => s.event));
  const fresh = disagreementSides(incoming).filter((s) => s.event !== null && !known.has(s.event));
  return {
    ...existing,
    held: incoming.held,
    ...(existing.others !== undefined || fresh.length > 0
      ? { others: [...(existing.others ?? []), ...fresh] }
      : {}),
  };
}

/** What a resolve settled, as its history row and event record it. */
export interface ResolveRecord {
  /** The side the team keeps. */
  readonly kept: DisagreementSide;
  /** Every side the person saw when resolving, the kept one among them. */
  readonly sides: readonly DisagreementSide[];
}

/**
 * Whether a resolver saw this side: the same event, or the same decision (who, when, code,
 * status) as a value held in her browser, where its side has no event.
 */
export function sideSeen(side: DisagreementSide, seen: readonly DisagreementSide[]): boolean {
  return seen.some(
    (s) =>
      (side.event !== null && s.event === side.event) ||
      (s.by === side.by && s.at === side.at && s.code === side.code && s.status === side.status),
  );
}

/**
 * What a resolve does to a disagreement this browser lists (core of issue 10 item 3): it settles
 * the sides the resolver saw. A side she did not see (a decision made before or after the resolve
 * that reached this browser first) keeps the disagreement open, now against the value kept, so
 * every browser ends with the same open disagreement whatever order the events came in. A resolve
 * of an earlier version (no `sides`) settles what is listed.
 */
export function resolveHere(
  d: Disagreement | undefined,
  e: ResolveEvent,
): { readonly kind: 'settled' } | { readonly kind: 'open'; readonly disagreement: Disagreement } {
  if (d === undefined || e.sides === undefined) return { kind: 'settled' };
  const seen = e.sides;
  const unseen: DisagreementSide[] = [];
  for (const x of disagreementSides(d)) {
    // The value held here may be an unseen decision that is also listed as its event: once.
    if (!sideSeen(x, seen) && !sideSeen(x, unseen)) unseen.push(x);
  }
  const [arrived, ...others] = unseen;
  if (arrived === undefined) return { kind: 'settled' };
  const { others: _listed, ...rest } = d;
  return {
    kind: 'open',
    disagreement: {
      ...rest,
      held: side(e.to, null, decidedBy(e.to)),
      arrived,
      ...(others.length > 0 ? { others } : {}),
    },
  };
}

/**
 * A decision met again after a resolve (made on the same state): settled when the resolver saw
 * it; any other opens the disagreement again. `seen` null: a resolve that did not list its sides.
 */
export function settledBy(
  seen: readonly DisagreementSide[] | null | undefined,
  arrived: DisagreementSide,
): boolean {
  return seen !== null && seen !== undefined && sideSeen(arrived, seen);
}

/** What one change of a remote event does here. */
export type FoldStep =
  | { readonly kind: 'apply'; readonly raw: string; readonly to: Coding }
  /** The value already is what the event says (an event seen twice, or the same decision). */
  | { readonly kind: 'same'; readonly raw: string }
  | { readonly kind: 'disagree'; readonly raw: string; readonly disagreement: Disagreement }
  /** The value is not in this browser (its import has not arrived): kept for later. */
  | { readonly kind: 'missing'; readonly raw: string };

function sameSeenCoding(c: Coding, s: SeenCoding): boolean {
  return (
    c.code === s.code &&
    c.status === s.status &&
    c.updatedAt === s.updatedAt &&
    c.codedBy === s.codedBy
  );
}

function decidedBy(c: Coding): string | null {
  return c.status === 'approved' || c.status === 'rejected'
    ? (c.reviewedBy ?? c.codedBy)
    : c.codedBy;
}

function side(c: Coding, event: string | null, by: string | null): DisagreementSide {
  return { event, by, at: c.updatedAt, code: c.code, status: c.status, note: c.note };
}

export function disagreementId(variable: VariableId, raw: string, base: SeenCoding): string {
  // Length-prefixed: a raw value may contain any character, also the separator.
  return `dis:${variable.length}:${variable}:${raw.length}:${raw}:${base.updatedAt ?? 'new'}`;
}

/** What a remote decision does to one value held as `current` (undefined: not here). */
export function foldChange(
  current: Coding | undefined,
  change: EventChange,
  event: DecisionEvent,
): FoldStep {
  const raw = change.raw;
  if (current === undefined) return { kind: 'missing', raw };
  const to = change.to;
  if (current.code === to.code && current.status === to.status && current.note === to.note) {
    return { kind: 'same', raw };
  }
  if (sameSeenCoding(current, change.seen)) return { kind: 'apply', raw, to };
  // Made on another state than this one. The same code and status: they agree, nothing to do.
  if (current.code === to.code && current.status === to.status) return { kind: 'same', raw };
  return {
    kind: 'disagree',
    raw,
    disagreement: {
      id: disagreementId(event.variable, raw, change.seen),
      variable: event.variable,
      raw,
      held: side(current, null, decidedBy(current)),
      arrived: side(to, event._id, event.author),
    },
  };
}

/** The steps of a remote decision event, one per value it changed. */
export function foldDecision(
  values: ReadonlyMap<string, Coding>,
  event: DecisionEvent,
): FoldStep[] {
  return event.changes.map((c) => foldChange(values.get(c.raw), c, event));
}

/** A resolve sets the value the team keeps, whatever this browser held: it was decided on seeing both. */
export function foldResolve(current: Coding | undefined, event: ResolveEvent): FoldStep {
  if (current === undefined) return { kind: 'missing', raw: event.raw };
  const to = event.to;
  // Every field, so that all browsers end with the very same coding (who, when included).
  const same = (Object.keys(to) as (keyof Coding)[]).every((k) => current[k] === to[k]);
  return same ? { kind: 'same', raw: event.raw } : { kind: 'apply', raw: event.raw, to };
}

/** When a setting was last set, and by which event: the later one holds. */
export interface SettingStamp {
  readonly at: string;
  readonly event: string;
}

/** Whether a setting event holds over the one this browser applied last (none: it holds). */
export function settingWins(held: SettingStamp | undefined, event: SettingStamp): boolean {
  if (held === undefined) return true;
  if (held.at !== event.at) return held.at < event.at;
  return held.event < event.event;
}

/** What a remote codebook change does to a variable whose codebook here is `current`. */
export type CodebookFold =
  | { readonly kind: 'apply' }
  /** The codebook already is the one the event made (the same change, or an event seen twice). */
  | { readonly kind: 'same' }
  | { readonly kind: 'conflict'; readonly disagreement: Disagreement };

/** The same in every browser that holds the base codebook (its revision is shared by the sync). */
export function codebookDisagreementId(variable: VariableId, base: Codebook): string {
  const r = base.revision;
  return `dis:codebook:${variable.length}:${variable}:${r ? `${r.at}:${r.by}` : 'first'}`;
}

function codebookSide(
  codebook: Codebook,
  event: string | null,
  by: string | null,
  at: string | null,
): DisagreementSide {
  return { event, by, at, code: null, status: 'uncoded', note: '', codebook };
}

/**
 * A remote change of a codebook: applied where the codebook is still the one it was made on (or
 * when it resolves a conflict, made on seeing both sides); a change made on another codebook than
 * this one is a conflict — both codebooks kept, the team chooses — never a last-writer-wins.
 */
export function foldCodebook(current: Codebook, event: CodebookEvent): CodebookFold {
  if (sameCodebook(current, event.codebook)) return { kind: 'same' };
  if (event.resolves !== undefined || sameCodebook(current, event.base)) return { kind: 'apply' };
  return {
    kind: 'conflict',
    disagreement: {
      id: codebookDisagreementId(event.variable, event.base),
      variable: event.variable,
      raw: '',
      subject: 'codebook',
      held: codebookSide(current, null, current.revision?.by ?? null, current.revision?.at ?? null),
      arrived: codebookSide(event.codebook, event._id, event.author, event.at),
    },
  };
}

/** The changes of a codebook event as a decision's, to fold its values like any decision's. */
export function codebookDecision(event: CodebookEvent): DecisionEvent {
  return {
    _id: event._id,
    type: event.type,
    v: event.v,
    author: event.author,
    at: event.at,
    kind: 'decision',
    variable: event.variable,
    batch: event.batch,
    action: event.action === 'import' ? 'codebook' : event.action,
    changes: event.changes,
  };
}

/** A whole browser's coding state for one variable, as the tests and the bench fold it. */
export interface TeamState {
  readonly values: ReadonlyMap<string, Coding>;
  /** Events already folded (by id): folding one again changes nothing. */
  readonly applied: ReadonlySet<string>;
  readonly disagreements: ReadonlyMap<string, Disagreement>;
  /** Disagreement ids settled by a resolve, with the sides it saw (null: it did not list them). */
  readonly resolved: ReadonlyMap<string, readonly DisagreementSide[] | null>;
}

export function foldEvents(
  state: TeamState,
  events: readonly (DecisionEvent | ResolveEvent)[],
): TeamState {
  const values = new Map(state.values);
  const applied = new Set(state.applied);
  const disagreements = new Map(state.disagreements);
  const resolved = new Map(state.resolved);
  for (const e of events) {
    if (applied.has(e._id)) continue;
    applied.add(e._id);
    const steps =
      e.kind === 'decision' ? foldDecision(values, e) : [foldResolve(values.get(e.raw), e)];
    if (e.kind === 'resolve') {
      for (const id of e.resolves) {
        const here = resolveHere(disagreements.get(id), e);
        if (here.kind === 'open') {
          disagreements.set(id, here.disagreement);
          resolved.delete(id);
        } else resolved.set(id, e.sides ?? null);
      }
    }
    for (const s of steps) {
      if (s.kind === 'apply') values.set(s.raw, s.to);
      else if (s.kind === 'disagree') {
        const id = s.disagreement.id;
        // A decision met after the resolve stays settled when the resolver saw it; one made
        // without her seeing it opens it again against the value the team kept.
        if (resolved.has(id) && settledBy(resolved.get(id), s.disagreement.arrived)) continue;
        const reopened = resolved.delete(id);
        const before = reopened ? undefined : disagreements.get(id);
        disagreements.set(id, mergeDisagreement(before, s.disagreement));
      }
    }
  }
  return { values, applied, disagreements, resolved };
}

/** The disagreements still open, oldest first. */
export function openDisagreements(state: TeamState): Disagreement[] {
  return [...state.disagreements.values()]
    .filter((d) => !state.resolved.has(d.id))
    .sort((a, b) => ((a.arrived.at ?? '') < (b.arrived.at ?? '') ? -1 : 1));
}
