// `npm run server`: a real PouchDB Server process with its data in a folder, an admin from the
// first start, and no admin party.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, couch, startTeamServer, type TeamServer } from './team-server';

describe('team server', () => {
  let server: TeamServer;
  beforeAll(async () => {
    server = await startTeamServer();
  });
  afterAll(() => server?.stop());

  it('prints its address and how to add users', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.output()).toContain('/_users/org.couchdb.user:NAME');
    expect(server.output()).toContain('KODBOK_SERVER_ADMIN_PASSWORD');
  });

  it('refuses an anonymous request to create or read a database, and stays up', async () => {
    expect((await couch(server, 'PUT', '/anon', { user: null })).status).toBe(401);
    expect((await couch(server, 'PUT', '/proj1')).status).toBe(201);
    for (const path of ['/proj1', '/proj1/_all_docs', '/proj1/_changes']) {
      expect((await couch(server, 'GET', path, { user: null })).status).toBe(401);
    }
    const put = await couch(server, 'PUT', '/proj1/x', { user: null, body: { a: 1 } });
    expect(put.status).toBe(401);
    // The refused create did not stop the server (express-pouchdb alone would have crashed).
    expect((await couch(server, 'GET', '/')).status).toBe(200);
    const dbs = await couch(server, 'GET', '/_all_dbs');
    expect(dbs.body).not.toContain('anon');
  });

  it('lets only the admin add users, and a user reads only databases she is a member of', async () => {
    const signUp = await couch(server, 'PUT', '/_users/org.couchdb.user:eve', {
      user: null,
      body: { name: 'eve', password: 'x', roles: [], type: 'user' },
    });
    expect(signUp.status).toBe(401);
    await addUser(server, 'anna', 'anna-pw');
    const anna = { name: 'anna', password: 'anna-pw' };
    const other = await couch(server, 'PUT', '/_users/org.couchdb.user:bo', {
      user: anna,
      body: { name: 'bo', password: 'x', roles: [], type: 'user' },
    });
    expect(other.status).toBe(403);
    expect((await couch(server, 'PUT', '/proj2')).status).toBe(201);
    expect((await couch(server, 'PUT', '/annas', { user: anna })).status).toBe(401);
    expect((await couch(server, 'GET', '/proj2', { user: anna })).status).toBe(403);
    await couch(server, 'PUT', '/proj2/_security', {
      body: { members: { names: ['anna'], roles: [] } },
    });
    expect((await couch(server, 'GET', '/proj2', { user: anna })).status).toBe(200);
    expect((await couch(server, 'GET', '/proj2/_changes', { user: anna })).status).toBe(200);
  });

  it('logs in with a session cookie, not a stored password', async () => {
    await addUser(server, 'cara', 'cara-pw');
    const login = await couch(server, 'POST', '/_session', {
      user: null,
      body: { name: 'cara', password: 'cara-pw' },
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^AuthSession=/);
    const session = await couch(server, 'GET', '/_session', { user: null, cookie });
    expect(session.body.userCtx).toEqual({ name: 'cara', roles: [] });
  });
});

describe('team server, first start', () => {
  it('creates an admin with a generated password, printed once and stored hashed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kodbok-server-first-'));
    try {
      const first = await startTeamServer({ dataDir, password: null });
      const password = first.admin.password;
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect((await couch(first, 'PUT', '/p')).status).toBe(201);
      // PouchDB Server lists a new database a moment after answering: stop once it is listed.
      await expect
        .poll(async () => (await couch(first, 'GET', '/_all_dbs')).body, { timeout: 10_000 })
        .toContain('p');
      await first.stop();
      const config = readFileSync(join(dataDir, 'config.json'), 'utf8');
      expect(config).not.toContain(password);
      expect(config).toContain('-pbkdf2-');

      const again = await startTeamServer({ dataDir, password: null });
      expect(again.output()).not.toContain('with password');
      expect((await couch(again, 'GET', '/p', { user: { name: 'admin', password } })).status).toBe(
        200,
      );
      expect(existsSync(join(dataDir, 'p'))).toBe(true);
      await again.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
