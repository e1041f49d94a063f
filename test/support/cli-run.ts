// Running the `kodbok` command line in tests: in-process with the real file system (fast, so a
// corpus of hostile files fits in the unit suite), or as `node bin/kodbok.mjs` (what a shell
// sees: pipes, exit statuses, stack traces).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/main';
import { nodeIo } from '../../src/cli/node-io';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
  /** Wall time, ms. */
  ms: number;
}

/** runCli as bin/kodbok.mjs runs it, with the real file system; stdout and stderr captured. */
export async function runInProcess(argv: string[]): Promise<CliRun> {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    ...nodeIo,
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
  };
  const start = performance.now();
  const status = await runCli(argv, io);
  return { status, ...out, ms: performance.now() - start };
}

/**
 * `node bin/kodbok.mjs ARGS`. With `closeAfter`, stdout is closed once that many bytes came,
 * as `| head -c N` does.
 */
export function runBin(args: string[], closeAfter?: number): Promise<CliRun> {
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${REPO}bin/kodbok.mjs`, ...args], { cwd: REPO });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (closeAfter !== undefined && stdout.length >= closeAfter) child.stdout.destroy();
    });
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.on('close', (code) =>
      resolve({ status: code ?? -1, stdout, stderr, ms: performance.now() - start }),
    );
  });
}
