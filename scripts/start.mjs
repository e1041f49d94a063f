#!/usr/bin/env node
// `npm start`: installs what is missing, builds, serves the app on localhost and prints the address.
import { execSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });

const lock = `${root}/package-lock.json`;
const marker = `${root}/node_modules/.package-lock.json`;
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  console.log('Installing dependencies (npm ci)…');
  run('npm ci --no-audit --no-fund');
}
console.log('Building…');
run('npx vite build --logLevel warn');
const port = process.env.PORT ?? '4173';
const server = spawn('npx', ['vite', 'preview', '--port', port, '--host', '127.0.0.1'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
server.stdout.on('data', (d) => {
  const text = String(d);
  const m = text.match(/http:\/\/127\.0\.0\.1:\d+\/?/);
  if (m) console.log(`\nKodbok is running at ${m[0]}  (Ctrl+C to stop)\n`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
