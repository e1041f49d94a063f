// Issue 10 item 1: the CSP allows exactly the team server the build names, and nothing else.
// A static page cannot widen its policy at run time, so the server is fixed when it is built.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
let dist: string;

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'kodbok-team-csp-'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>Kodbok</title>');
});
afterAll(async () => {
  await rm(dist, { recursive: true, force: true });
});

async function connectSrc(teamServer: string | undefined): Promise<string> {
  if (teamServer === undefined) delete process.env.KODBOK_TEAM_SERVER;
  else process.env.KODBOK_TEAM_SERVER = teamServer;
  try {
    const server = await preview({
      configFile: join(REPO, 'vite.config.ts'),
      root: REPO,
      logLevel: 'silent',
      build: { outDir: dist },
      preview: { port: 0, host: '127.0.0.1' },
    });
    try {
      const port = (server.httpServer.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/`);
      const csp = res.headers.get('content-security-policy') ?? '';
      return /connect-src ([^;]*)/.exec(csp)?.[1] ?? '';
    } finally {
      await server.close();
    }
  } finally {
    delete process.env.KODBOK_TEAM_SERVER;
  }
}

describe('team server in the CSP', () => {
  it('allows only the app itself when the build names no team server', async () => {
    expect(await connectSrc(undefined)).toBe("'self'");
  });

  it('allows exactly the named server’s origin, not its path or any other host', async () => {
    expect(await connectSrc('https://couch.example.org:6984/some/path')).toBe(
      "'self' https://couch.example.org:6984",
    );
  });
});
