import { create } from 'zustand';
import type { TeamLink } from '../core/team/link';
import { serverOrigin } from '../core/team/link';
import { appDb, type DisagreementRow } from '../db/db';
import * as repo from '../db/repo';
import {
  observeDisagreements,
  observeOutbox,
  readTeamLinkOf,
  resolveDisagreement as resolveInDb,
  unlinkProject,
} from '../db/team';
import { shareProject } from '../db/team-past';
import type { CheckpointRefusal } from '../core/team/checkpoint';
import type { TeamSync, SyncState } from '../sync/engine';
import { IDLE_MS, idleCheckpointStep } from './checkpoint-idle';
import { get, reportError, set as setApp } from './store';

// The current project's team: its link, the sync's state, what waits to be sent, and the
// disagreements to resolve. The sync code loads only when a project is linked: a solo project
// contacts no host and loads none of it.

export type TeamFailure = 'bad-login' | 'unreachable' | 'refused' | 'not-allowed' | 'no-database';

/** The team's checkpoint (sync/checkpoint.ts), as this browser last met it. */
export type CheckpointNotice =
  | { readonly kind: 'applied'; readonly events: number }
  | { readonly kind: 'refused'; readonly reason: CheckpointRefusal }
  | { readonly kind: 'writing' }
  | { readonly kind: 'written'; readonly events: number }
  | { readonly kind: 'not-written'; readonly reason: string };

interface TeamState {
  readonly link: TeamLink | null;
  /** `solo`: not linked. */
  readonly state: SyncState | 'solo';
  readonly pending: number;
  readonly refused: number;
  readonly reasons: readonly { readonly id: string; readonly reason: string }[];
  readonly disagreements: readonly DisagreementRow[];
  readonly dialog: 'connect' | 'status' | 'disagreements' | null;
  /** She is an admin of the project's database: she may write a checkpoint. */
  readonly admin: boolean;
  readonly checkpoint: CheckpointNotice | null;
}

export const useTeam = create<TeamState>(() => ({
  link: null,
  state: 'solo',
  pending: 0,
  refused: 0,
  reasons: [],
  disagreements: [],
  dialog: null,
  admin: false,
  checkpoint: null,
}));

let project: string | null = null;
let sync: TeamSync | null = null;
let subs: repo.Subscription[] = [];

/** The server the connect dialog offers: the build's team server, or the app's own `/couch`. */
export function defaultServer(): string {
  return __KODBOK_TEAM_SERVER__ || `${location.origin}/couch`;
}

/** Whether this page's CSP lets it reach `address` (the app's origin, or the build's server). */
export function reachable(address: string): boolean {
  const origin = serverOrigin(address);
  return origin !== null && (origin === location.origin || origin === __KODBOK_TEAM_SERVER__);
}

function stopSync(): void {
  sync?.stop();
  sync = null;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
}

/** Follows a project's team state; starts the sync when it is linked. */
export async function followTeam(projectId: string): Promise<void> {
  for (const s of subs) s.unsubscribe();
  stopSync();
  project = projectId;
  const db = appDb();
  useTeam.setState({
    link: null,
    state: 'solo',
    pending: 0,
    refused: 0,
    disagreements: [],
    admin: false,
    checkpoint: null,
  });
  subs = [
    observeOutbox(
      db,
      projectId,
      (c) => {
        useTeam.setState({ pending: c.pending, refused: c.refused, reasons: c.reasons });
        if (c.pending > 0) sync?.push();
      },
      reportError,
    ),
    observeDisagreements(
      db,
      projectId,
      (rows) => useTeam.setState({ disagreements: rows }),
      reportError,
    ),
  ];
  const link = await readTeamLinkOf(db, projectId);
  if (link && project === projectId) await startSync(projectId, link);
}

async function startSync(projectId: string, link: TeamLink): Promise<void> {
  useTeam.setState({ link, state: 'connecting' });
  const [{ TeamSync }, { openRemote, sessionUser, isProjectAdmin }] = await Promise.all([
    import('../sync/engine'),
    import('../sync/remote'),
  ]);
  // The session cookie may have ended (a day later, another browser): then she logs in again.
  const who = await sessionUser(link.url);
  if (project !== projectId) return;
  if (who !== link.user) {
    useTeam.setState({ state: 'logged-out' });
    return;
  }
  stopSync();
  sync = new TeamSync(appDb(), projectId, link, {
    remote: await openRemote(link),
    onState: (state) => useTeam.setState({ state }),
    onFold: (r) => {
      if (r.events > 0) checkpointLater();
    },
    onCheckpoint: (r) => {
      if (r.kind === 'applied')
        useTeam.setState({ checkpoint: { kind: 'applied', events: r.events } });
      if (r.kind === 'refused')
        useTeam.setState({ checkpoint: { kind: 'refused', reason: r.reason } });
    },
  });
  sync.start();
  const admin = await isProjectAdmin(link.url, link.db, { name: link.user, roles: [] });
  if (project === projectId) useTeam.setState({ admin });
}

let lastInput = Date.now();
let idleTimer: ReturnType<typeof setTimeout> | null = null;
let watchingInput = false;

/**
 * After events arrive in a project admin's browser: once she has been idle for IDLE_MS, with
 * nothing waiting or refused, a checkpoint is written when her browser holds CHECKPOINT_EVERY
 * events more than the newest one on the server covers (writing reads the whole project).
 */
function checkpointLater(): void {
  if (!useTeam.getState().admin) return;
  if (!watchingInput) {
    watchingInput = true;
    const mark = () => (lastInput = Date.now());
    for (const type of ['pointerdown', 'keydown'])
      window.addEventListener(type, mark, { capture: true, passive: true });
  }
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    void checkpointWhenIdle();
  }, IDLE_MS);
}

async function checkpointWhenIdle(): Promise<void> {
  const s = useTeam.getState();
  const projectId = get().projectId;
  if (projectId === null || s.link === null) return;
  const step = idleCheckpointStep({
    admin: s.admin,
    linked: true,
    online: s.state === 'online',
    pending: s.pending,
    refused: s.refused,
    writing: s.checkpoint?.kind === 'writing',
    lastInput,
    now: Date.now(),
  });
  if (step === 'skip') return;
  if (step === 'wait') return checkpointLater();
  const [{ checkpointDue }, { openRemote }] = await Promise.all([
    import('../sync/checkpoint'),
    import('../sync/remote'),
  ]);
  const due = await checkpointDue(appDb(), projectId, await openRemote(s.link)).catch(() => false);
  if (due && get().projectId === projectId) await writeTeamCheckpoint();
}

/**
 * Writes a checkpoint of the project as this browser holds it (a project admin's action): a new
 * member then starts from it instead of every event since the project was shared.
 */
export async function writeTeamCheckpoint(): Promise<void> {
  const projectId = get().projectId;
  const link = useTeam.getState().link;
  if (projectId === null || link === null) return;
  useTeam.setState({ checkpoint: { kind: 'writing' } });
  const [{ writeCheckpoint }, { openRemote }] = await Promise.all([
    import('../sync/checkpoint'),
    import('../sync/remote'),
  ]);
  try {
    const r = await writeCheckpoint(appDb(), projectId, await openRemote(link), link.user);
    useTeam.setState({
      checkpoint: r.ok
        ? { kind: 'written', events: r.events }
        : { kind: 'not-written', reason: r.detail ?? r.reason },
    });
  } catch {
    useTeam.setState({ checkpoint: { kind: 'not-written', reason: 'unreachable' } });
  }
}

/**
 * Logs in to the team server and links the current project to its database there. The password
 * goes to the server in this one request and is kept nowhere.
 */
export async function connectTeam(
  address: string,
  database: string,
  name: string,
  password: string,
): Promise<TeamFailure | null> {
  const projectId = get().projectId;
  if (projectId === null) return 'refused';
  const url = address.trim().replace(/\/+$/, '');
  if (!reachable(url)) return 'not-allowed';
  const { login, isProjectAdmin } = await import('../sync/remote');
  const result = await login(url, name.trim(), password);
  if (!result.ok) return result.reason;
  const dbRes = await fetch(`${url}/${encodeURIComponent(database.trim())}`, {
    credentials: 'include',
    headers: { accept: 'application/json' },
  }).catch(() => null);
  if (dbRes === null) return 'unreachable';
  if (dbRes.status === 404) return 'no-database';
  if (!dbRes.ok) return 'refused';
  const db = appDb();
  // Logging in again to the same database goes on from where this browser had read to.
  const before = await readTeamLinkOf(db, projectId);
  const same =
    before && before.url === url && before.db === database.trim() && before.user === result.name;
  const link: TeamLink = {
    url,
    db: database.trim(),
    user: result.name,
    since: same ? before.since : null,
  };
  const admin = await isProjectAdmin(url, link.db, result);
  // In one transaction with the link: the project as it is now becomes the team's start (ignored
  // where the team has it already) and, from a project admin, its past (notes, history, samples).
  await shareProject(db, projectId, link, { user: result.name, admin });
  // Her decisions are recorded under the name the server knows her by.
  setApp({ user: result.name });
  await repo.writeSetting(db, repo.SETTINGS.user, result.name);
  await startSync(projectId, link);
  return null;
}

/** Stops syncing this project and forgets its link; what waits in the outbox is kept. */
export async function disconnectTeam(): Promise<void> {
  const projectId = get().projectId;
  const link = useTeam.getState().link;
  stopSync();
  if (projectId === null) return;
  await unlinkProject(appDb(), projectId);
  useTeam.setState({ link: null, state: 'solo' });
  if (link) {
    const { logout } = await import('../sync/remote');
    await logout(link.url);
  }
}

/** Keeps one side of a disagreement (its index among disagreementSides). */
export async function resolveDisagreement(id: string, keep: number): Promise<void> {
  const projectId = get().projectId;
  if (projectId === null) return;
  await resolveInDb(appDb(), projectId, id, keep, get().user).catch(reportError);
}
