// The compiled command line's entry (scripts/build-cli.mjs bundles it to dist-cli/kodbok.mjs,
// which bin/kodbok.mjs runs). Exit statuses (FORMATS.md): 0 success, 1 the checked file has
// errors, 2 bad arguments or files.
import { runCli } from './main';
import { nodeIo } from './node-io';

export async function main(argv: string[]): Promise<number> {
  return runCli(argv, nodeIo);
}
