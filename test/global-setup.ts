// Once before the unit suite: the command line the tests spawn (bin/kodbok.mjs) runs the
// JavaScript built ahead in dist-cli, so build it from the code under test. Once, not per file:
// the build empties dist-cli, and a file spawning the command meanwhile would find nothing.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const repo = fileURLToPath(new URL('../', import.meta.url));
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: repo, stdio: 'inherit' });
}
