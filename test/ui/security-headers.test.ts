// Issue 13 item 7: the server `npm start` runs (Vite's preview server, scripts/start.mjs) sends
// the CSP as a header with frame-ancestors 'none', plus nosniff, X-Frame-Options and
// Referrer-Policy; the dev server forbids framing too; docs/hosting.md gives the same values.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../vite.config';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
let dist: string;

beforeAll(async () => {
  // A stand-in for dist/: the headers do not depend on what is built.
  dist = await mkdtemp(join(tmpdir(), 'kodbok-headers-'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>Kodbok</title>');
  await writeFile(join(dist, 'app.js'), 'export {};');
});
afterAll(async () => {
  await rm(dist, { recursive: true, force: true });
});

function origin(server: { httpServer: { address(): unknown } }): string {
  return `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
}

describe('security headers', () => {
  it('the preview server that npm start runs sends them with the page and with scripts', async () => {
    const server = await preview({
      configFile: join(REPO, 'vite.config.ts'),
      root: REPO,
      logLevel: 'silent',
      build: { outDir: dist },
      preview: { port: 0, host: '127.0.0.1' },
    });
    try {
      for (const path of ['/', '/app.js']) {
        const response = await fetch(origin(server) + path);
        expect(response.status).toBe(200);
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("connect-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      }
    } finally {
      await server.close();
    }
  });

  it('the dev server forbids framing and sniffing too', async () => {
    const server = await createServer({
      configFile: join(REPO, 'vite.config.ts'),
      root: REPO,
      logLevel: 'silent',
      server: { port: 0, host: '127.0.0.1', hmr: false, watch: null },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await server.listen();
    try {
      const response = await fetch(origin(server as never) + '/');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    } finally {
      await server.close();
    }
  });

  it('docs/hosting.md gives the same values for the table, nginx, Apache, Caddy and _headers', async () => {
    const doc = await readFile(join(REPO, 'docs/hosting.md'), 'utf8');
    for (const value of Object.values(securityHeaders)) {
      expect(doc.split(value).length - 1, value).toBeGreaterThanOrEqual(5);
    }
  });
});
