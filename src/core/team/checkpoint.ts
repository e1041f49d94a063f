import type { BackupHistory, ProjectBackup } from '../formats/backup';
import { restoreBackup, writeBackupFile } from '../formats/backup';
import { checkBackup } from '../formats/backup-check';
import { isJsonRecord, ownField } from '../formats/json';
import { BACKUP_FORMAT, FORMAT_VERSION } from '../formats/restore';
import { pointer, under, type FormatError, type Result } from '../formats/result';
import { STATUSES, type RawValue, type Status } from '../types';
import { isSide } from './events';
import type { Disagreement, DisagreementSide } from './fold';

// A checkpoint of a shared project (issue 10 item 7): the project as a project admin's browser
// has folded it, up to a position of the server's changes, so that a new member starts from it
// instead of folding every event since the project was shared (200 000 events: minutes). It is
// the project's backup (core/formats/backup.ts) — variables, codebooks and their versions, values
// with their codings and counts, history, imports, notes, samples, the team's settings — with what
// the team adds: the open and settled disagreements, the stamps of the team's settings, and the
// ids of every event it covers (a member who starts from it skips them when they arrive).
//
// On the server a checkpoint is a manifest document (`cp:…`, written last) and its parts
// (`cpp:…`, each with the part's bytes as an attachment, so the changes feed carries only a stub):
// the state's JSON, gzip-compressed, cut into parts. A reader takes only a manifest whose every
// part is there with its size and SHA-256; anything else is refused and she reads the events.

export const CHECKPOINT_TYPE = 'kodbok/checkpoint';
export const CHECKPOINT_PART_TYPE = 'kodbok/checkpoint-part';
export const CHECKPOINT_VERSION = 1;
/** The format of the state's JSON inside the parts. */
export const CHECKPOINT_STATE_FORMAT = 'kodbok/checkpoint-state';
/** The attachment of a part document that holds its bytes. */
export const PART_ATTACHMENT = 'data';
/** Bytes per part: a few MB, under CouchDB's limits for a request and an attachment. */
export const PART_BYTES = 4 * 1024 * 1024;
/**
 * A project admin's idle browser writes a checkpoint on its own when it holds this many events more
 * than the newest checkpoint on the server covers (a new member then folds at most about as many).
 */
export const CHECKPOINT_EVERY = 20_000;
/** Manifest ids: after every event id (`ev:…`) and sortable by time. */
export const CHECKPOINT_PREFIX = 'cp:';
export const CHECKPOINT_PART_PREFIX = 'cpp:';

export function checkpointId(at: string, author: string, nonce: string): string {
  return `${CHECKPOINT_PREFIX}${at}:${author}:${nonce}`;
}

export function checkpointPartId(nonce: string, part: number): string {
  return `${CHECKPOINT_PART_PREFIX}${nonce}:${String(part).padStart(6, '0')}`;
}

export interface CheckpointPart {
  readonly id: string;
  readonly bytes: number;
  /** SHA-256 of the part's bytes, hex. */
  readonly sha256: string;
}

/** The manifest document: what a reader needs to find, fetch and verify the parts. */
export interface CheckpointManifest {
  readonly _id: string;
  readonly type: typeof CHECKPOINT_TYPE;
  readonly v: typeof CHECKPOINT_VERSION;
  readonly author: string;
  readonly at: string;
  /** The server's change sequence the state covers (CouchDB's opaque `last_seq`). */
  readonly seq: string | number;
  /** How many events it covers. */
  readonly events: number;
  /** `gzip`: the parts, joined, are the state's JSON compressed with gzip. */
  readonly encoding: 'gzip';
  readonly bytes: number;
  readonly sha256: string;
  readonly parts: readonly CheckpointPart[];
}

/** A part document as written (its attachment added by the writer). */
export interface CheckpointPartDoc {
  readonly _id: string;
  readonly type: typeof CHECKPOINT_PART_TYPE;
  readonly v: typeof CHECKPOINT_VERSION;
  readonly author: string;
  readonly at: string;
  readonly checkpoint: string;
  readonly part: number;
}

/** A disagreement as stored, without its project. */
export type CheckpointDisagreement = Disagreement & {
  readonly resolved?: {
    readonly by: string;
    readonly at: string;
    readonly event: string;
    readonly seen?: readonly DisagreementSide[];
  };
};

/** The project's state in a checkpoint. */
export interface CheckpointState {
  readonly seq: string | number;
  /** The project: the team's settings only (members, suggestion profiles), never a browser's. */
  readonly backup: ProjectBackup;
  /** Every event id it covers, sorted. */
  readonly events: readonly string[];
  readonly disagreements: readonly CheckpointDisagreement[];
  /** The team settings' stamps (which event set each), keyed as the backup's settings. */
  readonly stamps: readonly { readonly key: string; readonly value: unknown }[];
}

/** Why a checkpoint was not used (the member then reads the events). */
export type CheckpointRefusal = 'missing-part' | 'damaged' | 'invalid';

/** The manifest of a server document, or null when it is not one this version reads. */
export function readCheckpointManifest(doc: unknown): CheckpointManifest | null {
  if (!isJsonRecord(doc)) return null;
  const f = (k: string) => ownField(doc, k);
  const id = f('_id');
  if (typeof id !== 'string' || !id.startsWith(CHECKPOINT_PREFIX)) return null;
  if (f('type') !== CHECKPOINT_TYPE || f('v') !== CHECKPOINT_VERSION) return null;
  const seq = f('seq');
  const parts = f('parts');
  const text = (k: string) => typeof f(k) === 'string';
  const count = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (
    !text('author') ||
    !text('at') ||
    !(typeof seq === 'string' || typeof seq === 'number') ||
    !count(f('events')) ||
    f('encoding') !== 'gzip' ||
    !count(f('bytes')) ||
    !text('sha256') ||
    !Array.isArray(parts) ||
    parts.length === 0
  )
    return null;
  const read: CheckpointPart[] = [];
  for (const p of parts) {
    if (!isJsonRecord(p)) return null;
    const [pid, bytes, sha256] = [ownField(p, 'id'), ownField(p, 'bytes'), ownField(p, 'sha256')];
    if (typeof pid !== 'string' || !count(bytes) || typeof sha256 !== 'string') return null;
    read.push({ id: pid, bytes: bytes as number, sha256 });
  }
  return {
    _id: id,
    type: CHECKPOINT_TYPE,
    v: CHECKPOINT_VERSION,
    author: f('author') as string,
    at: f('at') as string,
    seq: seq as string | number,
    events: f('events') as number,
    encoding: 'gzip',
    bytes: f('bytes') as number,
    sha256: f('sha256') as string,
    parts: read,
  };
}

/** The state as the JSON text inside a checkpoint's parts. */
export function checkpointText(state: CheckpointState): string {
  const { values, history, ...rest } = state.backup;
  // The backup's own writer for everything but the two large tables, which go as they are.
  const project = JSON.parse(writeBackupFile({ ...rest, values: [], history: [] })) as Record<
    string,
    unknown
  >;
  delete project.values;
  delete project.history;
  return JSON.stringify({
    format: CHECKPOINT_STATE_FORMAT,
    formatVersion: CHECKPOINT_VERSION,
    seq: state.seq,
    project,
    values,
    history,
    events: state.events,
    disagreements: state.disagreements,
    stamps: state.stamps,
  });
}

const isText = (x: unknown): x is string => typeof x === 'string';
const textOrNull = (x: unknown): x is string | null => x === null || isText(x);
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isStatus = (x: unknown): x is Status => (STATUSES as readonly unknown[]).includes(x);

/** The coding fields of a value or of a change's `before`, copied; null when one is wrong. */
function codingOf(r: Record<string, unknown>) {
  const c = {
    code: r.code,
    status: r.status,
    codedBy: r.codedBy,
    codedAt: r.codedAt,
    reviewedBy: r.reviewedBy,
    reviewedAt: r.reviewedAt,
    note: r.note,
    updatedAt: r.updatedAt,
  };
  return textOrNull(c.code) &&
    isStatus(c.status) &&
    textOrNull(c.codedBy) &&
    textOrNull(c.codedAt) &&
    textOrNull(c.reviewedBy) &&
    textOrNull(c.reviewedAt) &&
    isText(c.note) &&
    textOrNull(c.updatedAt)
    ? (c as RawValue & Record<string, unknown>)
    : null;
}

function readValue(x: unknown): RawValue | null {
  if (!isJsonRecord(x)) return null;
  const r = x as Record<string, unknown>;
  const coding = codingOf(r);
  if (
    !coding ||
    !isText(r.variable) ||
    !isText(r.raw) ||
    !isCount(r.frequency) ||
    !isCount(r.municipalities) ||
    !(r.combinations === null || isCount(r.combinations)) ||
    !textOrNull(r.firstImport)
  )
    return null;
  return {
    variable: r.variable,
    raw: r.raw,
    frequency: r.frequency,
    municipalities: r.municipalities,
    combinations: r.combinations,
    firstImport: r.firstImport,
    code: coding.code,
    status: coding.status,
    codedBy: coding.codedBy,
    codedAt: coding.codedAt,
    reviewedBy: coding.reviewedBy,
    reviewedAt: coding.reviewedAt,
    note: coding.note,
    updatedAt: coding.updatedAt,
  };
}

function readAction(x: unknown): BackupHistory | null {
  if (!isJsonRecord(x)) return null;
  const a = x as Record<string, unknown>;
  if (!isText(a.variable) || !isText(a.batch) || !isText(a.kind) || !isText(a.by) || !isText(a.at))
    return null;
  if (!Array.isArray(a.changes)) return null;
  const changes: BackupHistory['changes'][number][] = [];
  for (const c of a.changes as unknown[]) {
    if (!isJsonRecord(c)) return null;
    const r = c as Record<string, unknown>;
    const before = isJsonRecord(r.before) ? codingOf(r.before as Record<string, unknown>) : null;
    if (!before || !isText(r.raw) || !textOrNull(r.code) || !isStatus(r.status) || !isText(r.note))
      return null;
    if (r.updatedAt !== undefined && !textOrNull(r.updatedAt)) return null;
    changes.push({
      raw: r.raw,
      code: r.code,
      status: r.status,
      note: r.note,
      before: {
        code: before.code,
        status: before.status,
        codedBy: before.codedBy,
        codedAt: before.codedAt,
        reviewedBy: before.reviewedBy,
        reviewedAt: before.reviewedAt,
        note: before.note,
        updatedAt: before.updatedAt,
      },
      ...(r.updatedAt !== undefined ? { updatedAt: r.updatedAt as string | null } : {}),
    });
  }
  const optional = (k: string) => (isText(a[k]) ? { [k]: a[k] } : {});
  const copy = (k: string) =>
    isJsonRecord(a[k]) ? { [k]: JSON.parse(JSON.stringify(a[k])) as unknown } : {};
  return {
    variable: a.variable,
    batch: a.batch,
    kind: a.kind,
    by: a.by,
    at: a.at,
    changes,
    ...optional('undoes'),
    ...optional('redoes'),
    ...optional('note'),
    // A codebook step and a resolve record as written by the app: plain data, copied through JSON
    // (no `__proto__` survives as a prototype: JSON.parse makes it an own key).
    ...copy('codebook'),
    ...copy('resolve'),
  } as BackupHistory;
}

function readDisagreement(x: unknown): CheckpointDisagreement | null {
  if (!isJsonRecord(x)) return null;
  const d = x as Record<string, unknown>;
  const others = d.others;
  const resolved = d.resolved;
  if (
    !isText(d.id) ||
    !isText(d.variable) ||
    !isText(d.raw) ||
    !isSide(d.held) ||
    !isSide(d.arrived) ||
    !(others === undefined || (Array.isArray(others) && others.every(isSide))) ||
    !(d.subject === undefined || d.subject === 'codebook' || d.subject === 'double-coding')
  )
    return null;
  if (resolved !== undefined) {
    if (!isJsonRecord(resolved)) return null;
    const r = resolved as Record<string, unknown>;
    if (!isText(r.by) || !isText(r.at) || !isText(r.event)) return null;
    if (r.seen !== undefined && !(Array.isArray(r.seen) && r.seen.every(isSide))) return null;
  }
  // Sides may carry a codebook (a codebook conflict): plain data, copied through JSON.
  return JSON.parse(JSON.stringify(d)) as CheckpointDisagreement;
}

/** Each entry read by `read`, or the first that fails, named by its place. */
function readList<T>(
  data: Record<string, unknown>,
  key: string,
  read: (x: unknown) => T | null,
  errors: FormatError[],
): T[] {
  const list = data[key];
  if (!Array.isArray(list)) {
    errors.push({ path: pointer(key), message: `"${key}" must be a list` });
    return [];
  }
  const out: T[] = [];
  for (let i = 0; i < list.length; i++) {
    const v = read(list[i]);
    if (v === null) {
      errors.push({ path: pointer(key, i), message: `entry ${i} of "${key}" is not valid` });
      return [];
    }
    out.push(v);
  }
  return out;
}

/**
 * The state of a checkpoint from its parsed JSON, validated: the project by the backup's own
 * restore step (schema, references, codes), its values and history (the two large tables) field by
 * field, and the team's parts. Nothing of a state that fails is returned.
 */
export function readCheckpointState(data: unknown): Result<CheckpointState> {
  const fail = (errors: FormatError[]): Result<CheckpointState> => ({ ok: false, errors });
  if (!isJsonRecord(data)) return fail([{ path: '', message: 'not a checkpoint' }]);
  const d = data as Record<string, unknown>;
  if (d.format !== CHECKPOINT_STATE_FORMAT)
    return fail([{ path: pointer('format'), message: `not a ${CHECKPOINT_STATE_FORMAT}` }]);
  if (d.formatVersion !== CHECKPOINT_VERSION)
    return fail([{ path: pointer('formatVersion'), message: 'a version this Kodbok cannot read' }]);
  if (!(isText(d.seq) || typeof d.seq === 'number'))
    return fail([{ path: pointer('seq'), message: 'no server position' }]);
  const errors: FormatError[] = [];
  const values = readList(d, 'values', readValue, errors);
  const history = readList(d, 'history', readAction, errors);
  const events = readList(d, 'events', (x) => (isText(x) ? x : null), errors);
  const disagreements = readList(d, 'disagreements', readDisagreement, errors);
  const stamps = readList(
    d,
    'stamps',
    (x) =>
      isJsonRecord(x) && isText(ownField(x, 'key'))
        ? { key: ownField(x, 'key') as string, value: ownField(x, 'value') }
        : null,
    errors,
  );
  if (errors.length > 0) return fail(errors);
  const project = d.project;
  if (!isJsonRecord(project)) return fail([{ path: pointer('project'), message: 'no project' }]);
  const small = restoreBackup({
    ...Object.fromEntries(Object.keys(project).map((k) => [k, ownField(project, k)])),
    format: BACKUP_FORMAT,
    formatVersion: FORMAT_VERSION,
    values: [],
    history: [],
  });
  if (!small.ok) return fail(small.errors.map((e) => under(pointer('project'), e)));
  const backup: ProjectBackup = { ...small.value, values, history };
  // The references between the tables, now with the values and the history in.
  const refs = checkBackup(backup);
  if (refs.length > 0) return fail(refs);
  return {
    ok: true,
    value: { seq: d.seq, backup, events, disagreements, stamps },
    warnings: [],
  };
}
