#!/usr/bin/env node
// Runs the command line built ahead of time (scripts/build-cli.mjs, run by `npm install`):
// plain JavaScript, nothing compiled at start.
// Exit statuses (FORMATS.md): 0 success, 1 the checked file has errors, 2 bad arguments or files.
let cli;
try {
  cli = await import('../dist-cli/kodbok.mjs');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  process.stderr.write(
    'kodbok: the command line is not built; run "npm run build:cli" (npm install does it)\n',
  );
  process.exit(2);
}

try {
  process.exitCode = await cli.main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(
    `kodbok: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 1;
}
