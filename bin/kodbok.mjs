#!/usr/bin/env node
// Runs the TypeScript CLI through tsx: the same core code as the app, no build step.
// Exit statuses (FORMATS.md): 0 success, 1 the checked file has errors, 2 bad arguments or files.
import { tsImport } from 'tsx/esm/api';

const here = import.meta.url;

try {
  const { runCli } = await tsImport('../src/cli/main.ts', here);
  const { nodeIo } = await tsImport('../src/cli/node-io.ts', here);
  process.exitCode = await runCli(process.argv.slice(2), nodeIo);
} catch (e) {
  // tsImport loads each entry in its own namespace, so UsageError is recognised by name, not instanceof.
  if (e instanceof Error && e.name === 'UsageError') {
    process.stderr.write(`kodbok: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(
      `kodbok: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exitCode = 1;
  }
}
