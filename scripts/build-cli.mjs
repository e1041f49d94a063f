#!/usr/bin/env node
// Builds the command line ahead of time: src/cli → dist-cli/kodbok.mjs (plain JavaScript for
// Node), so `npx kodbok` never compiles TypeScript at start (issue 14 item 1). Run by `npm
// install`/`npm ci` (`prepare`), by `npm test`, and by the tests that spawn the command.
//
// esbuild, not vite's library mode: it is already installed (vite and tsx depend on it), it
// bundles for Node in ~0.1 s with no configuration file, and its chunk splitting lets each
// command load only what it uses (`validate` never parses SheetJS).
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist-cli');

// Empty the folder but keep it: recreating it would touch the project folder's mtime, and npx
// then takes its cached view of the project for out of date and reads the whole tree again
// (~0.3 s of CPU on every `npx kodbok`).
mkdirSync(outdir, { recursive: true });
for (const name of readdirSync(outdir))
  rmSync(join(outdir, name), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { kodbok: 'src/cli/entry.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The libraries are bundled too: one resolution at build time, none at start.
  packages: 'bundle',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // Some dependencies are CommonJS and call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __kodbokRequire } from 'node:module'; const require = __kodbokRequire(import.meta.url);",
  },
});
