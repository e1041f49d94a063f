import {
  CHECKPOINT_EVERY,
  CHECKPOINT_PART_TYPE,
  CHECKPOINT_PREFIX,
  CHECKPOINT_TYPE,
  CHECKPOINT_VERSION,
  PART_ATTACHMENT,
  PART_BYTES,
  checkpointId,
  checkpointPartId,
  checkpointText,
  readCheckpointManifest,
  readCheckpointState,
  type CheckpointManifest,
  type CheckpointPart,
  type CheckpointPartDoc,
  type CheckpointRefusal,
} from '../core/team/checkpoint';
import type { FormatError } from '../core/formats/result';
import {
  applyCheckpoint,
  checkpointStateOf,
  heldEvents,
  mayStartFromCheckpoint,
  type NoCheckpoint,
} from '../db/checkpoint';
import type { KodbokDb } from '../db/db';
import { newId } from '../db/projects';

// A team's checkpoint on the server (core/team/checkpoint.ts says what it is): written by a
// project admin's browser, read by a joining member's before she reads the events. Bytes,
// compression and digests are the browser's own (CompressionStream, crypto.subtle); the documents
// go through the same PouchDB HTTP adapter as the events.

/** What the checkpoint code needs of the remote database (PouchDB's HTTP adapter has it all). */
export interface CheckpointRemote {
  bulkDocs(
    docs: object[],
  ): Promise<{ id?: string; ok?: boolean; error?: unknown; status?: number; reason?: string }[]>;
  allDocs(opts: {
    startkey: string;
    endkey: string;
    descending: true;
    include_docs: true;
    limit: number;
  }): Promise<{ rows: { id: string; doc?: unknown }[] }>;
  getAttachment(docId: string, name: string): Promise<Blob | Uint8Array>;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function through(bytes: Uint8Array, stream: GenericTransformStream): Promise<Uint8Array> {
  const piped = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

function base64(bytes: Uint8Array): string {
  let s = '';
  // String.fromCharCode takes its arguments on the stack: 32 kB at a time.
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

async function bytesOf(x: Blob | Uint8Array): Promise<Uint8Array> {
  return x instanceof Uint8Array ? x : new Uint8Array(await x.arrayBuffer());
}

export type WriteResult =
  | { readonly ok: true; readonly id: string; readonly events: number; readonly bytes: number }
  | { readonly ok: false; readonly reason: NoCheckpoint | 'refused'; readonly detail?: string };

/**
 * Writes a checkpoint of the project as this browser holds it: its parts, then the manifest (a
 * reader uses only a manifest, so parts without one — a browser closed halfway — are never read;
 * the next checkpoint starts again with new ids). The server takes it from a project admin only.
 */
export async function writeCheckpoint(
  db: KodbokDb,
  project: string,
  remote: CheckpointRemote,
  author: string,
): Promise<WriteResult> {
  const read = await checkpointStateOf(db, project);
  if (!read.ok) return read;
  const { state } = read;
  const text = checkpointText(state);
  const bytes = await through(new TextEncoder().encode(text), new CompressionStream('gzip'));
  const nonce = newId();
  const at = new Date().toISOString();
  const id = checkpointId(at, author, nonce);
  const parts: CheckpointPart[] = [];
  for (let i = 0, n = 0; i < bytes.length; i += PART_BYTES, n++) {
    const chunk = bytes.subarray(i, i + PART_BYTES);
    const doc: CheckpointPartDoc = {
      _id: checkpointPartId(nonce, n),
      type: CHECKPOINT_PART_TYPE,
      v: CHECKPOINT_VERSION,
      author,
      at,
      checkpoint: id,
      part: n,
    };
    const [res] = await remote.bulkDocs([
      {
        ...doc,
        _attachments: {
          [PART_ATTACHMENT]: { content_type: 'application/gzip', data: base64(chunk) },
        },
      },
    ]);
    // 409: the server has this part already (sent again after a lost answer).
    if (res?.error && res.status !== 409 && res.error !== 'conflict')
      return { ok: false, reason: 'refused', detail: String(res.reason ?? res.error) };
    parts.push({ id: doc._id, bytes: chunk.length, sha256: await sha256(chunk) });
  }
  const manifest: CheckpointManifest = {
    _id: id,
    type: CHECKPOINT_TYPE,
    v: CHECKPOINT_VERSION,
    author,
    at,
    seq: state.seq,
    events: state.events.length,
    encoding: 'gzip',
    bytes: bytes.length,
    sha256: await sha256(bytes),
    parts,
  };
  const [res] = await remote.bulkDocs([manifest]);
  if (res?.error) return { ok: false, reason: 'refused', detail: String(res.reason ?? res.error) };
  return { ok: true, id, events: state.events.length, bytes: bytes.length };
}

/** What became of a joining member's start. */
export type CheckpointReport =
  | { readonly kind: 'none' }
  | { readonly kind: 'applied'; readonly id: string; readonly events: number }
  | {
      readonly kind: 'refused';
      readonly id: string;
      readonly reason: CheckpointRefusal;
      readonly errors?: readonly FormatError[];
    };

/**
 * Whether a project admin's browser should write a checkpoint on its own: it holds at least
 * `every` events more than the newest checkpoint on the server covers.
 */
export async function checkpointDue(
  db: KodbokDb,
  project: string,
  remote: CheckpointRemote,
  every = CHECKPOINT_EVERY,
): Promise<boolean> {
  const held = await heldEvents(db, project);
  if (held < every) return false;
  const newest = await newestManifest(remote);
  return held - (newest?.events ?? 0) >= every;
}

/** The newest manifest on the server that this version reads, or null. */
async function newestManifest(remote: CheckpointRemote): Promise<CheckpointManifest | null> {
  // Manifest ids sort by time: the newest first. (`cpp:` parts sort after `cp:\uffff`.)
  const { rows } = await remote.allDocs({
    startkey: `${CHECKPOINT_PREFIX}\uffff`,
    endkey: CHECKPOINT_PREFIX,
    descending: true,
    include_docs: true,
    limit: 20,
  });
  for (const r of rows) {
    const m = readCheckpointManifest(r.doc);
    if (m) return m;
  }
  return null;
}

function statusOf(e: unknown): number | undefined {
  const s = (e as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : undefined;
}

/** The state's bytes, every part there with its size and digest, or why not. */
async function fetchParts(
  remote: CheckpointRemote,
  m: CheckpointManifest,
): Promise<Uint8Array | CheckpointRefusal> {
  const all = new Uint8Array(m.bytes);
  let at = 0;
  for (const p of m.parts) {
    let bytes: Uint8Array;
    try {
      bytes = await bytesOf(await remote.getAttachment(p.id, PART_ATTACHMENT));
    } catch (e) {
      // Anything but "not there" (the server away, the session ended) is the caller's to retry.
      if (statusOf(e) === 404) return 'missing-part';
      throw e;
    }
    if (bytes.length !== p.bytes || at + bytes.length > m.bytes) return 'damaged';
    if ((await sha256(bytes)) !== p.sha256) return 'damaged';
    all.set(bytes, at);
    at += bytes.length;
  }
  if (at !== m.bytes || (await sha256(all)) !== m.sha256) return 'damaged';
  return all;
}

/**
 * A joining member's start: when her project is linked, has read nothing and holds nothing, the
 * newest checkpoint on the server, verified, read and applied in one transaction; she then reads
 * the events after it. A checkpoint that is broken, partial or invalid is refused (the report says
 * why) and she reads every event, as without one.
 */
export async function startFromCheckpoint(
  db: KodbokDb,
  project: string,
  remote: CheckpointRemote,
): Promise<CheckpointReport> {
  if (!(await mayStartFromCheckpoint(db, project))) return { kind: 'none' };
  const m = await newestManifest(remote);
  if (!m) return { kind: 'none' };
  const bytes = await fetchParts(remote, m);
  if (typeof bytes === 'string') return { kind: 'refused', id: m._id, reason: bytes };
  let data: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      await through(bytes, new DecompressionStream('gzip')),
    );
    data = JSON.parse(text);
  } catch {
    return { kind: 'refused', id: m._id, reason: 'damaged' };
  }
  const read = readCheckpointState(data);
  if (!read.ok) return { kind: 'refused', id: m._id, reason: 'invalid', errors: read.errors };
  if (read.value.seq !== m.seq || read.value.events.length !== m.events)
    return { kind: 'refused', id: m._id, reason: 'invalid', errors: [] };
  const applied = await applyCheckpoint(db, project, m, read.value);
  return applied.ok ? { kind: 'applied', id: m._id, events: m.events } : { kind: 'none' };
}
