import type { TeamLink } from '../core/team/link';
import type { CheckpointRemote } from './checkpoint';
import type { RemoteDb } from './engine';

// The team server through CouchDB's HTTP API only. Loaded when the user connects, never before:
// an unconnected project loads none of this and contacts no host.

/** The project's database on the server through PouchDB's HTTP adapter, with the session cookie. */
export async function openRemote(link: TeamLink): Promise<RemoteDb & CheckpointRemote> {
  const { default: PouchDB } = await import('pouchdb-browser');
  // skip_setup: never try to create the database (only a project admin does, see docs/team.md).
  return new PouchDB(`${link.url}/${encodeURIComponent(link.db)}`, {
    skip_setup: true,
  }) as unknown as RemoteDb & CheckpointRemote;
}

export type LoginResult =
  | { readonly ok: true; readonly name: string; readonly roles: readonly string[] }
  | { readonly ok: false; readonly reason: 'bad-login' | 'unreachable' | 'refused' };

/**
 * Logs in with CouchDB's cookie session (`POST /_session`): the server sets an HttpOnly
 * `AuthSession` cookie that the browser sends with every later request. The password is used for
 * this one request and never stored.
 */
export async function login(url: string, name: string, password: string): Promise<LoginResult> {
  let res: Response;
  try {
    res = await fetch(`${url}/_session`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ name, password }),
    });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  if (res.status === 401) return { ok: false, reason: 'bad-login' };
  if (!res.ok) return { ok: false, reason: 'refused' };
  const body = (await res.json()) as { name?: unknown; roles?: unknown };
  return {
    ok: true,
    name: typeof body.name === 'string' ? body.name : name,
    roles: Array.isArray(body.roles)
      ? body.roles.filter((r): r is string => typeof r === 'string')
      : [],
  };
}

/** Who the server's session cookie belongs to, or null (logged out, or the server is away). */
export async function sessionUser(url: string): Promise<string | null> {
  try {
    const res = await fetch(`${url}/_session`, {
      credentials: 'include',
      headers: { accept: 'application/json' },
    });
    const body = (await res.json()) as { userCtx?: { name?: unknown } };
    return typeof body.userCtx?.name === 'string' ? body.userCtx.name : null;
  } catch {
    return null;
  }
}

/**
 * Whether the logged-in user is an admin of the project's database (a server admin, or named in
 * its `_security` admins): only she sends the project's past (the server refuses anyone else).
 * False when the server does not say.
 */
export async function isProjectAdmin(
  url: string,
  db: string,
  user: { readonly name: string; readonly roles: readonly string[] },
): Promise<boolean> {
  if (user.roles.includes('_admin')) return true;
  try {
    const res = await fetch(`${url}/${encodeURIComponent(db)}/_security`, {
      credentials: 'include',
      headers: { accept: 'application/json' },
    });
    if (!res.ok) return false;
    const admins = ((await res.json()) as { admins?: { names?: unknown; roles?: unknown } }).admins;
    const listed = (x: unknown, has: (s: string) => boolean) =>
      Array.isArray(x) && x.some((s) => typeof s === 'string' && has(s));
    return (
      listed(admins?.names, (n) => n === user.name) ||
      listed(admins?.roles, (r) => user.roles.includes(r))
    );
  } catch {
    return false;
  }
}

export async function logout(url: string): Promise<void> {
  await fetch(`${url}/_session`, { method: 'DELETE', credentials: 'include' }).catch(
    () => undefined,
  );
}
