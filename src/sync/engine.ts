import { readTeamEvent, type TeamEvent } from '../core/team/events';
import type { TeamLink } from '../core/team/link';
import type { KodbokDb } from '../db/db';
import { markRefused, markSent, outboxBatch } from '../db/team';
import { foldRemote, type FoldReport } from '../db/team-fold';
import { startFromCheckpoint, type CheckpointRemote, type CheckpointReport } from './checkpoint';

// The sync between one project's database in this browser and its database on the team server,
// through PouchDB's HTTP adapter (pouchdb-browser 9: maintained, CouchDB's replication protocol
// and session cookie handled; no second local store, because the outbox and the fold live in
// Kodbok's own IndexedDB). Push: the outbox, oldest first, with `_bulk_docs`; an event the server
// already has (409 after a crash between sending and hearing back) counts as sent. Pull: the
// server's `_changes` since the last batch folded, live. Any failure: retry with backoff.

/**
 * What the engine needs of PouchDB's remote database (the HTTP adapter). `allDocs` and
 * `getAttachment` (a team's checkpoint, sync/checkpoint.ts) may be left out: a joining member then
 * reads every event.
 */
export interface RemoteDb extends Partial<Pick<CheckpointRemote, 'allDocs' | 'getAttachment'>> {
  /** The database's info: the first answer says the server is there and lets her in. */
  info(): Promise<unknown>;
  bulkDocs(docs: object[]): Promise<
    {
      id?: string;
      ok?: boolean;
      error?: unknown;
      name?: string;
      status?: number;
      reason?: string;
      message?: string;
    }[]
  >;
  changes(opts: {
    since: string | number;
    live: true;
    include_docs: true;
    batch_size: number;
    heartbeat: number;
    timeout: false;
  }): ChangesFeed;
}

export interface ChangesFeed {
  on(event: 'change', fn: (c: { seq: string | number; doc?: unknown }) => void): ChangesFeed;
  on(event: 'error', fn: (e: unknown) => void): ChangesFeed;
  on(event: 'complete', fn: (info: unknown) => void): ChangesFeed;
  cancel(): void;
}

export type SyncState = 'connecting' | 'online' | 'offline' | 'logged-out';

export interface SyncOptions {
  /** Opens the remote database (production: PouchDB's HTTP adapter, see openRemote). */
  readonly remote: RemoteDb;
  /** First retry delay and the longest, ms. */
  readonly backoff?: { readonly first: number; readonly max: number };
  readonly onState?: (s: SyncState) => void;
  readonly onFold?: (r: FoldReport) => void;
  /** What became of a joining member's start from the team's checkpoint (once per start). */
  readonly onCheckpoint?: (r: CheckpointReport) => void;
}

const PUSH_BATCH = 200; // events per _bulk_docs
/**
 * Changes per `_changes` response, each folded in one transaction. Since values are kept in pages
 * (schema v5), a fold of a catching-up batch rewrites nearly every page of the variable whatever
 * its size (its decisions fall on values all over), so fewer, larger batches write less: a new
 * member's first sync of 200 000 events in 20 folds, not 100.
 */
export const PULL_BATCH = 10_000;

function statusOf(e: unknown): number | undefined {
  const s = (e as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : undefined;
}

export class TeamSync {
  private running = false;
  private feed: ChangesFeed | null = null;
  private pushing: Promise<void> | null = null;
  private pushAgain = false;
  private pushDelay: number;
  private pullDelay: number;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private folding: Promise<unknown> = Promise.resolve();
  private state: SyncState = 'connecting';
  /** A joining member's start from a checkpoint was looked for (once per start of the engine). */
  private checkpointDone = false;

  constructor(
    private readonly db: KodbokDb,
    private readonly project: string,
    private readonly link: TeamLink,
    private readonly opts: SyncOptions,
  ) {
    this.pushDelay = this.first;
    this.pullDelay = this.first;
  }

  private get first(): number {
    return this.opts.backoff?.first ?? 1000;
  }
  private get max(): number {
    return this.opts.backoff?.max ?? 30_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.pull();
    this.push();
  }

  stop(): void {
    this.running = false;
    this.feed?.cancel();
    this.feed = null;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Sends what waits in the outbox now (called after each local action, and on reconnect). */
  push(): void {
    if (!this.running) return;
    if (this.pushing) {
      this.pushAgain = true;
      return;
    }
    this.pushing = this.pushAll()
      .then(
        () => {
          this.pushDelay = this.first;
        },
        (e: unknown) => this.failed(e, 'push'),
      )
      .finally(() => {
        this.pushing = null;
        if (this.pushAgain) {
          this.pushAgain = false;
          this.push();
        }
      });
  }

  /** Resolves once the outbox is empty of what it held now and every fold so far is stored (tests). */
  async settled(): Promise<void> {
    await this.pushing;
    await this.folding;
  }

  private setState(s: SyncState): void {
    if (s === this.state) return;
    this.state = s;
    this.opts.onState?.(s);
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (this.running) fn();
    }, ms);
    this.timers.add(t);
  }

  private failed(e: unknown, what: 'push' | 'pull'): void {
    const status = statusOf(e);
    if (status === 401) {
      // The session ended: no retry until she logs in again (a new TeamSync).
      this.setState('logged-out');
      this.stop();
      return;
    }
    this.setState('offline');
    // Backoff with jitter, doubling up to the maximum.
    const delay = what === 'push' ? this.pushDelay : this.pullDelay;
    const next = Math.min(this.max, delay * 2);
    if (what === 'push') this.pushDelay = next;
    else this.pullDelay = next;
    this.later(
      () => (what === 'push' ? this.push() : this.pull()),
      delay * (0.75 + Math.random() / 2),
    );
  }

  private async pushAll(): Promise<void> {
    for (;;) {
      const rows = await outboxBatch(this.db, this.project, PUSH_BATCH);
      if (rows.length === 0 || !this.running) return;
      const results = await this.opts.remote.bulkDocs(rows.map((r) => r.event));
      this.setState('online');
      const sent: string[] = [];
      const refused: { id: string; reason: string }[] = [];
      results.forEach((res, i) => {
        const id = res.id ?? rows[i]!.id;
        const error = res.error ?? (res.ok === false ? res.name : undefined);
        if (!error || res.status === 409 || error === 'conflict') sent.push(id);
        else if (res.status === 403 || error === 'forbidden') {
          refused.push({ id, reason: String(res.reason ?? res.message ?? error) });
        } else if (res.status === 401 || error === 'unauthorized') {
          throw Object.assign(new Error('unauthorized'), { status: 401 });
        }
        // Anything else stays in the outbox and is sent again.
      });
      if (sent.length > 0) await markSent(this.db, this.project, sent);
      if (refused.length > 0) await markRefused(this.db, this.project, refused);
      if (sent.length + refused.length < rows.length) {
        throw new Error('some events were not stored; sending again');
      }
    }
  }

  private pull(): void {
    if (!this.running) return;
    this.feed?.cancel();
    let buffer: { seq: string | number; doc?: unknown }[] = [];
    let flushQueued = false;
    const flush = () => {
      flushQueued = false;
      const batch = buffer;
      buffer = [];
      if (batch.length === 0) return;
      const since = batch[batch.length - 1]!.seq;
      const events = batch
        .map((c) => readTeamEvent(c.doc))
        .filter((e): e is TeamEvent => e !== null);
      this.folding = this.folding
        .then(() => foldRemote(this.db, this.project, events, since))
        .then(
          (report) => {
            this.pullDelay = this.first;
            this.opts.onFold?.(report);
          },
          (e: unknown) => {
            // Not stored: read again from the last batch that was.
            this.feed?.cancel();
            this.failed(e, 'pull');
          },
        );
    };
    void this.startFeed((c) => {
      this.setState('online');
      buffer.push(c);
      if (!flushQueued) {
        flushQueued = true;
        // A response's changes arrive together: one transaction for all of them.
        setTimeout(flush, 0);
      }
    });
  }

  /**
   * A joining member (her project linked, nothing read, nothing held) starts from the team's
   * newest checkpoint instead of every event since the project was shared; a refused one is
   * reported and she reads the events. A failure to reach the server throws (retried).
   */
  private async fromCheckpoint(): Promise<void> {
    const { allDocs, getAttachment } = this.opts.remote;
    if (this.checkpointDone || !allDocs || !getAttachment) return;
    const remote: CheckpointRemote = {
      allDocs: allDocs.bind(this.opts.remote),
      getAttachment: getAttachment.bind(this.opts.remote),
      bulkDocs: this.opts.remote.bulkDocs.bind(this.opts.remote),
    };
    const report = await startFromCheckpoint(this.db, this.project, remote);
    this.checkpointDone = true;
    this.opts.onCheckpoint?.(report);
  }

  private async startFeed(onChange: (c: { seq: string | number; doc?: unknown }) => void) {
    await this.folding.catch(() => undefined);
    if (!this.running) return;
    try {
      await this.opts.remote.info();
      await this.fromCheckpoint();
    } catch (e) {
      this.failed(e, 'pull');
      return;
    }
    // Start from what is stored, not from memory: a batch that failed is read again.
    const stored = await this.db.transaction('r', this.db.settings, () =>
      this.db.settings.get(`team:${this.project}`),
    );
    const since = (stored?.value as { since?: string | number | null } | undefined)?.since ?? 0;
    if (!this.running) return;
    this.setState('online');
    const feed = this.opts.remote.changes({
      since: since ?? 0,
      live: true,
      include_docs: true,
      batch_size: PULL_BATCH,
      heartbeat: 10_000,
      timeout: false,
    });
    this.feed = feed;
    feed.on('change', onChange);
    feed.on('error', (e) => {
      if (this.feed === feed) this.failed(e, 'pull');
    });
  }
}
