// Starts the real team server (`npm run server`'s script) as a child process on a random port
// with a temporary data folder, for integration and e2e tests; stop() kills it and removes the data.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProjectPeople } from '../../src/core/members';
import { designDoc } from '../../src/sync/design';

export interface TeamServer {
  readonly url: string;
  readonly admin: { readonly name: string; readonly password: string };
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('../../scripts/server.mjs', import.meta.url));

export async function startTeamServer(
  opts: { origins?: readonly string[]; password?: string | null; dataDir?: string } = {},
): Promise<TeamServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kodbok-server-'));
  const password = opts.password === undefined ? 'admin-secret-pw' : opts.password;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KODBOK_SERVER_DATA: dataDir,
    KODBOK_SERVER_PORT: '0',
    KODBOK_SERVER_ADMIN: 'admin',
  };
  if (password !== null) env.KODBOK_SERVER_ADMIN_PASSWORD = password;
  else delete env.KODBOK_SERVER_ADMIN_PASSWORD;
  if (opts.origins) env.KODBOK_SERVER_ORIGINS = opts.origins.join(',');
  const child: ChildProcess = spawn(process.execPath, [SCRIPT], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`team server did not start:\n${out}`)), 60_000);
    const look = () => {
      // The banner ends with the allowed origins line.
      const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (m !== undefined && out.includes('Allowed app origins')) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout?.on('data', look);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`team server exited (${code}):\n${out}`));
    });
  });
  const printed = /with password: (\S+)/.exec(out)?.[1];
  return {
    url,
    admin: { name: 'admin', password: password ?? printed ?? '' },
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A small CouchDB HTTP client for tests: basic auth, JSON in and out. */
export async function couch(
  server: TeamServer,
  method: string,
  path: string,
  opts: { user?: { name: string; password: string } | null; body?: unknown; cookie?: string } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const user = opts.user === undefined ? server.admin : opts.user;
  if (user)
    headers.authorization = `Basic ${Buffer.from(`${user.name}:${user.password}`).toString('base64')}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.url + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: res.status, body, headers: res.headers };
}

/** Adds a CouchDB user (as the server admin). */
export async function addUser(server: TeamServer, name: string, password: string): Promise<void> {
  const r = await couch(server, 'PUT', `/_users/org.couchdb.user:${encodeURIComponent(name)}`, {
    body: { name, password, roles: [], type: 'user' },
  });
  if (r.status !== 201 && r.status !== 200)
    throw new Error(`could not add ${name}: ${JSON.stringify(r.body)}`);
}

/**
 * A project's database as a project admin sets it up (docs/team.md): the users, the database,
 * its members, and the rules for the project's people. Each user's password is `<name>-pw`.
 */
export async function teamProject(
  server: TeamServer,
  db: string,
  people: ProjectPeople,
): Promise<void> {
  const names = people.members.map((m) => m.name);
  for (const name of names) {
    // A user added for an earlier project of the same server is there already (409).
    const exists = await couch(
      server,
      'GET',
      `/_users/org.couchdb.user:${encodeURIComponent(name)}`,
    );
    if (exists.status !== 200) await addUser(server, name, `${name}-pw`);
  }
  await couch(server, 'PUT', `/${db}`);
  await couch(server, 'PUT', `/${db}/_security`, {
    body: { admins: { names: [], roles: [] }, members: { names, roles: [] } },
  });
  await couch(server, 'PUT', `/${db}/_design/kodbok`, { body: designDoc(people) });
}
