import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import type { VariableId } from '../core/types';
import type { CountsRow, KodbokDb, ValuePageRow, ValueRow } from './db';
import { changesOfPage, getVariableValues } from './value-pages';
import type { Subscription } from './projects';

// The change feed: what each committed transaction did to the values and counts tables, as a
// change set (STYLE.md "Change sets, not re-reads"). Every repository function announces its
// writes through it without knowing: a DBCore middleware collects the rows each transaction
// puts or deletes and hands them over when the transaction has committed. Other tabs get the
// changed keys on a BroadcastChannel and read just those rows.

/** What one committed transaction changed in one project. */
export interface ProjectChanges {
  readonly project: string;
  /** Per variable: raw → the row as stored now, or null where it was deleted. */
  readonly values: ReadonlyMap<VariableId, ReadonlyMap<string, ValueRow | null>>;
  /** Per variable: its counts row as stored now, or null where it was deleted. */
  readonly counts: ReadonlyMap<VariableId, CountsRow | null>;
  /** A whole range was deleted (a project removed): what is held must be read again. */
  readonly reset: boolean;
  /** The change came from another tab (or another connection to the same database). */
  readonly remote: boolean;
}

type Listener = (changes: ProjectChanges) => void;

/** What a transaction wrote, held until it commits. */
interface Pending {
  values: Map<string, Map<VariableId, Map<string, ValueRow | null>>>;
  counts: Map<string, Map<VariableId, CountsRow | null>>;
  reset: Set<string>;
}

/** Cross-tab message: keys only; the receiver reads the rows (always the newest state). */
interface ChangeMessage {
  readonly values: [string, VariableId, string[]][];
  readonly counts: [string, VariableId[]][];
  readonly reset: string[];
}

const listeners = new WeakMap<KodbokDb, Set<Listener>>();
const channels = new WeakMap<KodbokDb, BroadcastChannel>();
/** Local commits announced so far, per database (a remote read spanning one is read again). */
const localWrites = new WeakMap<KodbokDb, number>();

function emptyPending(): Pending {
  return { values: new Map(), counts: new Map(), reset: new Set() };
}

function nested<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

function valuesOf(into: Pending, project: string, variable: VariableId) {
  return nested(
    nested(into.values, project, () => new Map()),
    variable,
    () => new Map(),
  );
}

/**
 * Records one mutation of the value pages or counts table into its transaction's pending set. A
 * page row announces the values its write changed (value-pages.ts), not the whole page.
 */
function record(table: string, req: DBCoreMutateRequest, into: Pending): void {
  if (req.type === 'deleteRange') {
    // Only whole-project deletes range over these tables; the first key part names the project.
    const lower: unknown = req.range.lower;
    const project = Array.isArray(lower) && typeof lower[0] === 'string' ? lower[0] : '*';
    into.reset.add(project);
    return;
  }
  if (table === 'valuePages') {
    if (req.type === 'delete') {
      // value-pages.ts never deletes a page by key: whoever did, what is held is read again.
      for (const [project] of req.keys as [string, string, number][]) into.reset.add(project);
      return;
    }
    for (const page of req.values as ValuePageRow[]) {
      const m = valuesOf(into, page.project, page.variable);
      const changed = changesOfPage(page);
      if (changed) for (const [raw, v] of changed) m.set(raw, v);
      // Written some other way (an upgrade, a test): every value on it, as stored now.
      else for (const v of page.values) m.set(v.raw, v);
    }
  } else if (req.type === 'delete') {
    for (const [project, variable] of req.keys as [string, string][])
      nested(into.counts, project, () => new Map()).set(variable, null);
  } else {
    for (const row of req.values as CountsRow[])
      nested(into.counts, row.project, () => new Map()).set(row.variable, row);
  }
}

function projectsOf(p: Pending): Set<string> {
  return new Set([...p.values.keys(), ...p.counts.keys(), ...p.reset]);
}

function dispatch(db: KodbokDb, p: Pending, remote: boolean): void {
  const set = listeners.get(db);
  if (!set || set.size === 0) return;
  for (const project of projectsOf(p)) {
    const changes: ProjectChanges = {
      project,
      values: p.values.get(project) ?? new Map(),
      counts: p.counts.get(project) ?? new Map(),
      reset: p.reset.has(project) || p.reset.has('*'),
      remote,
    };
    for (const l of [...set]) l(changes);
  }
}

function toMessage(p: Pending): ChangeMessage {
  const values: ChangeMessage['values'] = [];
  for (const [project, byVariable] of p.values)
    for (const [variable, rows] of byVariable) values.push([project, variable, [...rows.keys()]]);
  return {
    values,
    counts: [...p.counts].map(([project, m]) => [project, [...m.keys()]]),
    reset: [...p.reset],
  };
}

/** Reads the rows another tab changed: only those keys, never the whole table. */
async function readTouched(db: KodbokDb, msg: ChangeMessage): Promise<Pending> {
  const out = emptyPending();
  for (const project of msg.reset) out.reset.add(project);
  for (const [project, variable, raws] of msg.values) {
    const rows = await getVariableValues(db, project, variable, raws);
    const m = valuesOf(out, project, variable);
    raws.forEach((raw, i) => m.set(raw, rows[i] ?? null));
  }
  for (const [project, variables] of msg.counts) {
    const rows = await db.counts.bulkGet(variables.map((v): [string, string] => [project, v]));
    const m = nested(out.counts, project, () => new Map());
    variables.forEach((v, i) => m.set(v, rows[i] ?? null));
  }
  return out;
}

/** The middleware that turns each committed transaction's writes into a change set. */
function changeFeed(db: KodbokDb): Middleware<DBCore> {
  const pending = new WeakMap<object, Pending>();
  return {
    stack: 'dbcore',
    name: 'kodbok-change-feed',
    create(down) {
      return {
        ...down,
        table(name: string): DBCoreTable {
          const table = down.table(name);
          if (name !== 'valuePages' && name !== 'counts') return table;
          return {
            ...table,
            mutate(req) {
              // Dexie's DBCore transaction is the IDBTransaction: its `complete` event is the
              // commit (an abort never fires it, so nothing of a failed action is announced).
              const trans = req.trans as unknown as IDBTransaction;
              let p = pending.get(trans);
              if (!p) {
                const fresh = emptyPending();
                p = fresh;
                pending.set(trans, fresh);
                trans.addEventListener('complete', () => {
                  localWrites.set(db, (localWrites.get(db) ?? 0) + 1);
                  dispatch(db, fresh, false);
                  channels.get(db)?.postMessage(toMessage(fresh));
                });
              }
              record(name, req, p);
              return table.mutate(req);
            },
          };
        },
      };
    },
  };
}

/** Installs the change feed on a database (its constructor does). */
export function installChangeFeed(db: KodbokDb): void {
  db.use(changeFeed(db));
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(`kodbok-changes:${db.name}`);
  channels.set(db, channel);
  // Node (unit tests) would otherwise stay alive for the channel's sake.
  (channel as { unref?: () => void }).unref?.();
  // Messages are handled one at a time, in the order they came.
  let queue = Promise.resolve();
  channel.onmessage = (e: MessageEvent<ChangeMessage>) => {
    if (!listeners.get(db)?.size) return;
    // The read runs after the other tab's commit, so it sees that write or a newer one. But a
    // write of this tab may commit (and be announced) while the read is under way, and rows read
    // before it would then overwrite newer ones: read again until no local write came between.
    queue = queue
      .then(async () => {
        for (;;) {
          const before = localWrites.get(db) ?? 0;
          const rows = await readTouched(db, e.data);
          if ((localWrites.get(db) ?? 0) === before) return dispatch(db, rows, true);
        }
      })
      .catch(() => dispatch(db, { ...emptyPending(), reset: new Set(['*']) }, true));
  };
}

/** Closes the database's cross-tab channel (with the database). */
export function closeChangeFeed(db: KodbokDb): void {
  channels.get(db)?.close();
  channels.delete(db);
}

/**
 * Calls `onChanges` with every committed change to a project's values and counts, from this tab
 * (the rows as written) or another (the rows read by key after its commit).
 */
export function watchProject(
  db: KodbokDb,
  project: string,
  onChanges: (changes: ProjectChanges) => void,
): Subscription {
  let set = listeners.get(db);
  if (!set) {
    set = new Set();
    listeners.set(db, set);
  }
  const all = set;
  const listener: Listener = (c) => {
    if (c.project === project || c.project === '*') onChanges(c);
  };
  all.add(listener);
  return { unsubscribe: () => void all.delete(listener) };
}
