import { isJsonRecord, ownField } from '../formats/json';

// A project's link to its team server: where, which database, who is logged in, and how far the
// server's changes have been read. Never a password: the session is the server's cookie.

export interface TeamLink {
  /** The server's address, e.g. `https://couch.example.org` or `https://app.example.org/couch` (no trailing slash). */
  readonly url: string;
  /** The project's database on that server. */
  readonly db: string;
  /** The CouchDB user who logged in; events here are written in her name. */
  readonly user: string;
  /** The server's change sequence read up to (CouchDB's opaque `last_seq`); null: from the start. */
  readonly since: string | number | null;
}

/** A stored link, repaired: null when it is not a complete link (the project is then solo). */
export function readTeamLink(stored: unknown): TeamLink | null {
  if (!isJsonRecord(stored)) return null;
  const url = ownField(stored, 'url');
  const db = ownField(stored, 'db');
  const user = ownField(stored, 'user');
  const since = ownField(stored, 'since');
  if (typeof url !== 'string' || typeof db !== 'string' || typeof user !== 'string') return null;
  // An address may have a path (the app's own origin + /couch, behind the host's proxy).
  if (serverOrigin(url) === null || url.endsWith('/') || db === '' || user === '') return null;
  return {
    url,
    db,
    user,
    since: typeof since === 'string' || typeof since === 'number' ? since : null,
  };
}

/** The origin a server address allows in the page's CSP, or null for an address that is not one. */
export function serverOrigin(address: string): string | null {
  try {
    const u = new URL(address.trim());
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    if (u.username || u.password) return null;
    return u.origin;
  } catch {
    return null;
  }
}
