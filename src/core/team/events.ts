import type { ProjectPeople } from '../members';
import type { DisagreementSide } from './fold';
import type { NoteEvent } from '../notes';
import type { CodebookStep, VersionCause } from '../codebook-versions';
import type { CountedVariable } from '../import-count';
import type { StoredCombination, StoredTally, TallyPairs } from '../import-merge';
import { yearPairs, yearsFromPairs, type YearPairs } from '../year';
import type { PastAction } from './past';
import { SAMPLE_MODES, type BlindCode, type DoubleSample } from '../double-sample';
import type {
  Codebook,
  Coding,
  DecisionKind,
  SplitConfig,
  Status,
  Variable,
  VariableId,
} from '../types';

// What a team's server holds of a project: immutable events, one document each, never changed
// or deleted. Each has an id made once by the browser that wrote it, so the same event is the same
// document everywhere: replication never makes a CouchDB conflict, and applying an event twice
// changes nothing. Every browser folds the events into its own database (fold.ts); the app keeps
// reading only that. The format is public (docs/formats.md "Team events"): add optional fields
// only.

export const EVENT_TYPE = 'kodbok/event';
export const EVENT_VERSION = 1;

interface EventBase {
  /** `ev:` + time + author + random: unique, and sorts roughly by time on the server. */
  readonly _id: string;
  readonly type: typeof EVENT_TYPE;
  readonly v: typeof EVENT_VERSION;
  /** The server user who wrote it; the server refuses any other (validate_doc_update). */
  readonly author: string;
  /** ISO 8601, the writer's clock. */
  readonly at: string;
}

/** What the person saw of a value when deciding: a decision applies to that state only. */
export interface SeenCoding {
  readonly code: string | null;
  readonly status: Status;
  readonly updatedAt: string | null;
  /** Who set the code she saw: four eyes is checked against it, also by the server. */
  readonly codedBy: string | null;
}

export interface EventChange {
  readonly raw: string;
  readonly seen: SeenCoding;
  /** The value's coding after the decision. */
  readonly to: Coding;
}

/** One action on values of one variable (a batch of the history). */
export interface DecisionEvent extends EventBase {
  readonly kind: 'decision';
  readonly variable: VariableId;
  readonly batch: string;
  readonly action: DecisionKind;
  readonly changes: readonly EventChange[];
  /** The action's own note (the reason a value was sent back). */
  readonly note?: string;
}

/**
 * Settles a disagreement: the code the team keeps for a value, and the events that disagreed.
 * Recorded like any decision, by a reviewer.
 */
export interface ResolveEvent extends EventBase {
  readonly kind: 'resolve';
  readonly variable: VariableId;
  readonly raw: string;
  /** The ids of the disagreements it settles (fold.ts disagreementId). */
  readonly resolves: readonly string[];
  readonly to: Coding;
  readonly note?: string;
  /** The side kept (optional: absent in events of an earlier version). */
  readonly kept?: DisagreementSide;
  /** Every side the resolver saw, the kept one among them. */
  readonly sides?: readonly DisagreementSide[];
}

export interface NoteSyncEvent extends EventBase {
  readonly kind: 'note';
  readonly note: NoteEvent;
}

/** The project's people and four eyes; only a project admin writes it. */
export interface MembersEvent extends EventBase {
  readonly kind: 'members';
  readonly people: ProjectPeople;
}

/** A variable with its codebook and split, as set at `at`; the latest per variable holds. */
export interface VariableEvent extends EventBase {
  readonly kind: 'variable';
  readonly variable: Variable;
}

/** One value of a variable as the project had it when first shared: counts and coding. */
export interface SharedValue {
  readonly raw: string;
  readonly frequency: number;
  readonly municipalities: number;
  readonly combinations: number | null;
  readonly coding: Coding;
  /**
   * Its rows per municipality and year as the project counted them (issue 10 item 2). Absent in
   * events written before they were shared, and for values no import counted.
   */
  readonly tally?: Omit<StoredTally, 'raw'>;
}

/**
 * Part of a variable's values when the project was first shared (a new member starts from them).
 * Values already in a browser are kept as they are; only missing ones are added.
 */
export interface ValuesEvent extends EventBase {
  readonly kind: 'values';
  readonly variable: VariableId;
  readonly values: readonly SharedValue[];
  /** Part of the variable's distinct cells (combinations) with their rows per municipality and
   * year, as counted when first shared; absent in events written before they were shared. */
  readonly cells?: readonly StoredCombination[];
}

/**
 * A change of a variable's codebook (an edit, its undo or redo, a codebook file, a resolved
 * codebook conflict): the codebook it was made on and the one it made, and the values whose code
 * followed. It applies where the codebook is still the one it was made on; elsewhere the two
 * codebooks are a conflict for the team to resolve, never a last-writer-wins.
 */
export interface CodebookEvent extends EventBase {
  readonly kind: 'codebook';
  readonly variable: VariableId;
  readonly batch: string;
  /** The history's kind of the action: `codebook` (an edit), `undo`, `redo`, `import`, `resolve`. */
  readonly action: 'codebook' | 'undo' | 'redo' | 'import' | 'resolve';
  /** The edit as the history names it; its version numbers are the author's own. */
  readonly step?: CodebookStep;
  readonly cause: VersionCause;
  /** The codebook the change was made on, and the one it made (their `revision` is the author's). */
  readonly base: Codebook;
  readonly codebook: Codebook;
  readonly changes: readonly EventChange[];
  /** A resolved codebook conflict: the disagreements it settles; it applies whatever is held. */
  readonly resolves?: readonly string[];
}

/**
 * A project setting that belongs to the whole team (today a variable's suggestion profile:
 * `normalise`), as set at `at`. A setting is not a decision on a value: the latest (by time, then
 * id) holds in every browser, whatever order the events arrive in.
 */
export interface SettingEvent extends EventBase {
  readonly kind: 'setting';
  readonly name: TeamSettingName;
  readonly variable: VariableId;
  /** As stored; each browser repairs it with the setting's reader (core/settings.ts). */
  readonly value: unknown;
}

/** The settings a team shares; the others stay in each browser (docs/team.md lists both). */
export const TEAM_SETTINGS = ['normalise'] as const;
export type TeamSettingName = (typeof TEAM_SETTINGS)[number];

/**
 * A sample drawn for blind double coding (core/double-sample.ts), by a reviewer or a project
 * admin (the server refuses anyone else). Every browser stores it as drawn: the same id, values,
 * coders and seed.
 */
export interface SampleEvent extends EventBase {
  readonly kind: 'sample';
  readonly sample: DoubleSample;
}

/**
 * One save of a coder's blind codes on a sample. `coders` repeats the sample's coders so that the
 * server can refuse codes by someone not asked to code it (its rules cannot read the sample); each
 * browser also ignores codes by anyone not among the coders of the sample it holds.
 */
export interface BlindCodesEvent extends EventBase {
  readonly kind: 'blind-codes';
  readonly sample: string;
  readonly variable: VariableId;
  readonly coders: readonly string[];
  /** Every code's `by` is the event's author, every `sample` the event's. */
  readonly codes: readonly BlindCode[];
}

/**
 * A part of the project's past from before it was first connected (core/team/past.ts): note
 * threads, the history of its decisions, double-coding samples and their blind codes. Sent once,
 * by a project admin (the server refuses anyone else), with ids the same in every browser
 * (pastId). Every field but `part` is optional: a part holds what fitted in it.
 */
export interface PastEvent extends EventBase {
  readonly kind: 'past';
  readonly part: number;
  readonly notes?: readonly NoteEvent[];
  /** Actions as the history keeps them, oldest first; a very large one split by its values. */
  readonly history?: readonly PastAction[];
  readonly samples?: readonly DoubleSample[];
  /** Blind codes by any of the samples' coders. */
  readonly codes?: readonly BlindCode[];
}

/** One variable of an import as counted (core/import-count.ts), in plain JSON: Maps as pairs. */
export interface SharedCounted {
  readonly variable: VariableId;
  readonly split: SplitConfig;
  /** Each single value and its rows per municipality. */
  readonly values: readonly (readonly [string, TallyPairs])[];
  /** Each distinct cell: its single values and its rows per municipality. */
  readonly cells: readonly (readonly [string, readonly string[], TallyPairs])[];
  readonly rows: number;
  readonly emptyRows: number;
  /**
   * Of those rows, the ones with a year, per value and per cell (issue 10 item 2). Absent when
   * none had a year, and in events written before years were kept: they fold as before.
   */
  readonly years?: {
    readonly values: readonly (readonly [string, YearPairs])[];
    readonly cells: readonly (readonly [string, YearPairs])[];
  };
}

/**
 * An import made after the project was shared: its files (as the import record names them) and
 * what they counted, with the import's own id, so every browser merges it once, the same way.
 */
export interface ImportEvent extends EventBase {
  readonly kind: 'import';
  readonly import: string;
  /** The import record's files (name, size, municipality, shape, rows, …). */
  readonly files: readonly Record<string, unknown>[];
  readonly variables: readonly SharedCounted[];
  /** Variables the import created. */
  readonly newVariables?: readonly Variable[];
}

/** An import undone (as undoImport allows it: the latest, nothing it added decided since). */
export interface ImportUndoEvent extends EventBase {
  readonly kind: 'import-undo';
  readonly import: string;
}

export function shareCounted(c: CountedVariable): SharedCounted {
  return {
    variable: c.variable,
    split: c.split,
    values: [...c.values].map(([raw, tally]) => [raw, [...tally]] as const),
    cells: [...c.cells].map(([cell, x]) => [cell, x.atoms, [...x.tally]] as const),
    rows: c.rows,
    emptyRows: c.emptyRows,
    ...(c.years && {
      years: {
        values: [...c.years.values].map(([raw, y]) => [raw, yearPairs(y)] as const),
        cells: [...c.years.cells].map(([cell, y]) => [cell, yearPairs(y)] as const),
      },
    }),
  };
}

export function readShared(s: SharedCounted): CountedVariable {
  return {
    variable: s.variable,
    split: s.split,
    values: new Map(s.values.map(([raw, tally]) => [raw, new Map(tally)])),
    cells: new Map(s.cells.map(([cell, atoms, tally]) => [cell, { atoms, tally: new Map(tally) }])),
    rows: s.rows,
    emptyRows: s.emptyRows,
    ...(s.years && {
      years: {
        values: new Map(s.years.values.map(([raw, y]) => [raw, yearsFromPairs(y)])),
        cells: new Map(s.years.cells.map(([cell, y]) => [cell, yearsFromPairs(y)])),
      },
    }),
  };
}

const isTallyPairs = (x: unknown): boolean =>
  Array.isArray(x) &&
  x.every((p) => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'number');

/** A value's rows per municipality (and year) as shared: the shape StoredTally has. */
function isSharedTally(x: unknown): boolean {
  const t = x as Record<string, unknown> | null;
  return (
    t !== null &&
    typeof t === 'object' &&
    isTallyPairs(t.munis) &&
    typeof t.baseRows === 'number' &&
    typeof t.baseMunicipalities === 'number' &&
    (t.years === undefined || Array.isArray(t.years))
  );
}

/** A distinct cell as shared: the shape StoredCombination has. */
function isSharedCell(x: unknown): boolean {
  const c = x as Record<string, unknown> | null;
  return (
    c !== null &&
    typeof c === 'object' &&
    typeof c.cell === 'string' &&
    Array.isArray(c.atoms) &&
    c.atoms.every((a) => typeof a === 'string') &&
    typeof c.rows === 'number' &&
    typeof c.municipalities === 'number' &&
    isTallyPairs(c.munis) &&
    (c.years === undefined || Array.isArray(c.years))
  );
}

export type TeamEvent =
  | PastEvent
  | SampleEvent
  | BlindCodesEvent
  | ImportEvent
  | ImportUndoEvent
  | SettingEvent
  | DecisionEvent
  | ResolveEvent
  | NoteSyncEvent
  | MembersEvent
  | VariableEvent
  | ValuesEvent
  | CodebookEvent;

/**
 * The id of a shared project's part (a variable, a chunk of its values): the same in every
 * browser, so the first to share it stores it and any later one gets 409 (already there).
 */
export function snapshotId(variable: VariableId, part: number | null): string {
  // `ev:0:` sorts before every time-stamped id: sent first, so others have the values before
  // the decisions on them.
  const v = encodeURIComponent(variable);
  return part === null ? `ev:0:project:${v}` : `ev:0:project:${v}:values:${part}`;
}
export type TeamEventKind = TeamEvent['kind'];

/** A new event's id: time first (the server lists them roughly in order), then who and a nonce. */
export function eventId(at: string, author: string, nonce: string): string {
  return `ev:${at}:${encodeURIComponent(author)}:${nonce}`;
}

/** The fields every event starts with: its id, type, version, author and time. */
export function envelope(id: string, author: string, at: string): EventBase {
  return { _id: id, type: EVENT_TYPE, v: EVENT_VERSION, author, at };
}

/** Orders events the same way in every browser: by time, then by id. */
export function byEventOrder(a: TeamEvent, b: TeamEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

/** What one local action wrote to one value: the state before and after. */
export interface LocalChange {
  readonly raw: string;
  readonly before: Coding;
  readonly after: Coding;
}

/** The event that tells the team about one local action (a history batch). */
export function decisionEvent(
  action: {
    readonly variable: VariableId;
    readonly batch: string;
    readonly kind: DecisionKind;
    readonly by: string;
    readonly at: string;
    readonly note?: string;
  },
  changes: readonly LocalChange[],
  nonce: string,
): DecisionEvent {
  return {
    ...envelope(eventId(action.at, action.by, nonce), action.by, action.at),
    kind: 'decision',
    variable: action.variable,
    batch: action.batch,
    action: action.kind,
    changes: changes.map((c) => ({
      raw: c.raw,
      seen: {
        code: c.before.code,
        status: c.before.status,
        updatedAt: c.before.updatedAt,
        codedBy: c.before.codedBy,
      },
      to: c.after,
    })),
    ...(action.note ? { note: action.note } : {}),
  };
}

const isText = (x: unknown): x is string => typeof x === 'string';
const isSeen = (x: unknown): boolean => {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    (c.code === null || isText(c.code)) &&
    isText(c.status) &&
    (c.updatedAt === null || isText(c.updatedAt))
  );
};
const isCoding = (x: unknown): boolean => isSeen(x) && isText((x as { note?: unknown }).note);
const isChange = (c: unknown): boolean => {
  const x = c as Record<string, unknown> | null;
  return x !== null && typeof x === 'object' && isText(x.raw) && isCoding(x.to) && isSeen(x.seen);
};
const isCodebookDoc = (x: unknown): boolean => {
  const c = x as Record<string, unknown> | null;
  return c !== null && typeof c === 'object' && Array.isArray(c.categories);
};
const textOrNull = (x: unknown): boolean => x === null || isText(x);
const isTally = (x: unknown): boolean =>
  Array.isArray(x) &&
  x.every((p: unknown) => Array.isArray(p) && isText(p[0]) && typeof p[1] === 'number');
const isYears = (x: unknown): boolean =>
  Array.isArray(x) &&
  x.every((p: unknown) => Array.isArray(p) && Number.isInteger(p[0]) && isTally(p[1]));
const isKeyedYears = (x: unknown): boolean =>
  Array.isArray(x) && x.every((p: unknown) => Array.isArray(p) && isText(p[0]) && isYears(p[1]));
/** An event's year detail: absent (older events, files without a year) or well formed. */
const isSharedYears = (x: unknown): boolean => {
  if (x === undefined) return true;
  if (typeof x !== 'object' || x === null) return false;
  const y = x as Record<string, unknown>;
  return isKeyedYears(y.values) && isKeyedYears(y.cells);
};
const isSharedCounted = (x: unknown): boolean => {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    isText(c.variable) &&
    typeof c.split === 'object' &&
    c.split !== null &&
    Array.isArray(c.values) &&
    c.values.every((v: unknown) => Array.isArray(v) && isText(v[0]) && isTally(v[1])) &&
    Array.isArray(c.cells) &&
    c.cells.every(
      (v: unknown) =>
        Array.isArray(v) &&
        isText(v[0]) &&
        Array.isArray(v[1]) &&
        v[1].every(isText) &&
        isTally(v[2]),
    ) &&
    typeof c.rows === 'number' &&
    typeof c.emptyRows === 'number' &&
    isSharedYears(c.years)
  );
};
/** A disagreement's side as written (a checkpoint's disagreements are read with it too). */
export const isSide = (x: unknown): boolean => {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    textOrNull(c.event) &&
    textOrNull(c.by) &&
    textOrNull(c.at) &&
    textOrNull(c.code) &&
    isText(c.status) &&
    isText(c.note)
  );
};

const isSample = (x: unknown): boolean => {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    isText(c.id) &&
    isText(c.variable) &&
    (SAMPLE_MODES as readonly unknown[]).includes(c.mode) &&
    typeof c.seed === 'number' &&
    typeof c.size === 'number' &&
    Array.isArray(c.raws) &&
    c.raws.every(isText) &&
    Array.isArray(c.coders) &&
    c.coders.every(isText) &&
    isText(c.by) &&
    isText(c.at)
  );
};
/** A blind code of this sample, by this author (a code in another's name is not read). */
const isBlindCode = (x: unknown, sample: string, author: string): boolean => {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    isText(c.id) &&
    c.sample === sample &&
    isText(c.raw) &&
    isText(c.code) &&
    c.by === author &&
    isText(c.at)
  );
};

const isNote = (x: unknown): boolean => {
  if (typeof x !== 'object' || x === null) return false;
  const n = x as Record<string, unknown>;
  return (
    isText(n.id) &&
    isText(n.kind) &&
    isText(n.thread) &&
    isText(n.variable) &&
    isText(n.raw) &&
    isText(n.by) &&
    isText(n.at) &&
    isText(n.text) &&
    textOrNull(n.code) &&
    isText(n.status)
  );
};
const isPastChange = (x: unknown): boolean => {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return isText(c.raw) && textOrNull(c.code) && isText(c.status) && isCoding(c.before);
};
const isPastAction = (x: unknown): boolean => {
  if (typeof x !== 'object' || x === null) return false;
  const a = x as Record<string, unknown>;
  return (
    isText(a.variable) &&
    isText(a.batch) &&
    isText(a.kind) &&
    isText(a.by) &&
    isText(a.at) &&
    Array.isArray(a.changes) &&
    a.changes.every(isPastChange)
  );
};
/** A blind code of the past: by any coder (the past's sender is not the coder). */
const isPastCode = (x: unknown): boolean => {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return isText(c.sample) && isText(c.by) && isBlindCode(x, c.sample, c.by);
};
const listOf = (x: unknown, ok: (y: unknown) => boolean): boolean =>
  x === undefined || (Array.isArray(x) && x.every(ok));

/**
 * A document read from the server, as an event this version can fold, or null (a design
 * document, another program's document, a newer or broken event): skipped, never half-applied.
 */
export function readTeamEvent(doc: unknown): TeamEvent | null {
  if (typeof doc !== 'object' || doc === null) return null;
  const d = doc as Record<string, unknown>;
  if (d.type !== EVENT_TYPE || d.v !== EVENT_VERSION) return null;
  if (!isText(d._id) || !isText(d.author) || !isText(d.at)) return null;
  switch (d.kind) {
    case 'decision': {
      const ok =
        isText(d.variable) &&
        isText(d.batch) &&
        isText(d.action) &&
        Array.isArray(d.changes) &&
        d.changes.every(isChange);
      return ok ? (d as unknown as DecisionEvent) : null;
    }
    case 'resolve':
      return isText(d.variable) &&
        isText(d.raw) &&
        Array.isArray(d.resolves) &&
        isCoding(d.to) &&
        (d.kept === undefined || isSide(d.kept)) &&
        (d.sides === undefined || (Array.isArray(d.sides) && d.sides.every(isSide)))
        ? (d as unknown as ResolveEvent)
        : null;
    case 'note': {
      const n = d.note as Record<string, unknown> | null;
      return n && typeof n === 'object' && isText(n.id) && isText(n.variable) && isText(n.raw)
        ? (d as unknown as NoteSyncEvent)
        : null;
    }
    case 'members':
      return typeof d.people === 'object' && d.people !== null
        ? (d as unknown as MembersEvent)
        : null;
    case 'variable': {
      const v = d.variable as Record<string, unknown> | null;
      return v && typeof v === 'object' && isText(v.id) && typeof v.codebook === 'object'
        ? (d as unknown as VariableEvent)
        : null;
    }
    case 'codebook':
      return isText(d.variable) &&
        isText(d.batch) &&
        isText(d.action) &&
        isCodebookDoc(d.base) &&
        isCodebookDoc(d.codebook) &&
        typeof d.cause === 'object' &&
        d.cause !== null &&
        Array.isArray(d.changes) &&
        d.changes.every(isChange) &&
        (d.resolves === undefined || (Array.isArray(d.resolves) && d.resolves.every(isText)))
        ? (d as unknown as CodebookEvent)
        : null;
    case 'import':
      return isText(d.import) &&
        Array.isArray(d.files) &&
        d.files.every((f: unknown) => typeof f === 'object' && f !== null) &&
        Array.isArray(d.variables) &&
        d.variables.every(isSharedCounted) &&
        (d.newVariables === undefined || Array.isArray(d.newVariables))
        ? (d as unknown as ImportEvent)
        : null;
    case 'import-undo':
      return isText(d.import) ? (d as unknown as ImportUndoEvent) : null;
    case 'setting':
      return (TEAM_SETTINGS as readonly unknown[]).includes(d.name) &&
        isText(d.variable) &&
        'value' in d
        ? (d as unknown as SettingEvent)
        : null;
    case 'sample':
      // Drawn by the event's author: the server checks the author, so the drawer is known.
      return isSample(d.sample) && (d.sample as { by: unknown }).by === d.author
        ? (d as unknown as SampleEvent)
        : null;
    case 'blind-codes':
      return isText(d.sample) &&
        isText(d.variable) &&
        Array.isArray(d.coders) &&
        d.coders.every(isText) &&
        Array.isArray(d.codes) &&
        d.codes.every((c: unknown) => isBlindCode(c, d.sample as string, d.author as string))
        ? (d as unknown as BlindCodesEvent)
        : null;
    case 'past':
      return typeof d.part === 'number' &&
        listOf(d.notes, isNote) &&
        listOf(d.history, isPastAction) &&
        listOf(d.samples, isSample) &&
        listOf(d.codes, isPastCode)
        ? (d as unknown as PastEvent)
        : null;
    case 'values':
      return isText(d.variable) &&
        Array.isArray(d.values) &&
        (d.cells === undefined || (Array.isArray(d.cells) && d.cells.every(isSharedCell))) &&
        d.values.every((x: unknown) => {
          const v = x as Record<string, unknown> | null;
          return (
            v !== null &&
            typeof v === 'object' &&
            isText(v.raw) &&
            typeof v.frequency === 'number' &&
            typeof v.municipalities === 'number' &&
            (v.tally === undefined || isSharedTally(v.tally)) &&
            isCoding(v.coding)
          );
        })
        ? (d as unknown as ValuesEvent)
        : null;
    default:
      return null;
  }
}
