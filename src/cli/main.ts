// The `kodbok` command line: a registry of commands around core/ and io/. bin/kodbok.mjs runs
// runCli with the real io (node-io.ts); tests run it with an in-memory one.

import { UsageError, type CliIo, type Command } from './io';
import {
  AGREEMENT_SUMMARY,
  AGREEMENT_USAGE,
  APPLY_SUMMARY,
  APPLY_USAGE,
  EXPORT_SUMMARY,
  EXPORT_USAGE,
  FREQUENCIES_SUMMARY,
  FREQUENCIES_USAGE,
  SUGGEST_SUMMARY,
  SUGGEST_USAGE,
  VALIDATE_SUMMARY,
  VALIDATE_USAGE,
} from './usage';

export { UsageError } from './io';

export interface CommandSpec {
  readonly run: Command;
  /** The synopsis line, e.g. `kodbok validate FILE.json`. */
  readonly usage: string;
  readonly summary: string;
}

// Each command's code is loaded when it runs: `validate` does not parse SheetJS and its
// code-page tables (start-up of the compiled CLI, issue 14 item 1).
const validateCommand: Command = async (argv, io) =>
  (await import('./validate')).validateCommand(argv, io);
const suggest: Command = async (argv, io) => (await import('./suggest')).suggest(argv, io);
const apply: Command = async (argv, io) => (await import('./apply')).apply(argv, io);
const exportCommand: Command = async (argv, io) =>
  (await import('./export')).exportCommand(argv, io);
const frequencies: Command = async (argv, io) =>
  (await import('./frequencies')).frequencies(argv, io);
const agreement: Command = async (argv, io) => (await import('./agreement')).agreement(argv, io);

// Keyed by the word after `kodbok`. A Map, so `kodbok constructor` is just an unknown command.
export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map<string, CommandSpec>([
  ['validate', { run: validateCommand, usage: VALIDATE_USAGE, summary: VALIDATE_SUMMARY }],
  ['suggest', { run: suggest, usage: SUGGEST_USAGE, summary: SUGGEST_SUMMARY }],
  ['apply', { run: apply, usage: APPLY_USAGE, summary: APPLY_SUMMARY }],
  ['export', { run: exportCommand, usage: EXPORT_USAGE, summary: EXPORT_SUMMARY }],
  ['frequencies', { run: frequencies, usage: FREQUENCIES_USAGE, summary: FREQUENCIES_SUMMARY }],
  ['agreement', { run: agreement, usage: AGREEMENT_USAGE, summary: AGREEMENT_SUMMARY }],
]);

const HELP_FLAGS = new Set(['--help', '-h']);

/** The text of `kodbok --help`. */
export function usage(): string {
  const lines = ['Usage: kodbok COMMAND [ARGUMENTS]', '', 'Commands:'];
  for (const spec of COMMANDS.values()) lines.push(`  ${spec.usage}`, `      ${spec.summary}`);
  lines.push(
    '',
    'Exit status: 0 success, 1 the file has errors, 2 bad arguments or unreadable files.',
    'Formats: docs/formats.md',
  );
  return lines.join('\n') + '\n';
}

/** `--help` before any `--` (after it, `--help` would be a file name). */
function asksForHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (HELP_FLAGS.has(a)) return true;
  }
  return false;
}

/** Runs one command line (without `node` and the script) and returns the exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '') {
      throw new UsageError('no command given; run "kodbok --help" to see the commands');
    }
    if (HELP_FLAGS.has(name) || name === 'help') {
      io.stdout(usage());
      return 0;
    }
    const spec = COMMANDS.get(name);
    if (spec === undefined) {
      throw new UsageError(
        `unknown command "${name}"; the commands are: ${[...COMMANDS.keys()].join(', ')}`,
      );
    }
    if (asksForHelp(rest)) {
      io.stdout(`Usage: ${spec.usage}\n  ${spec.summary}\n`);
      return 0;
    }
    return await spec.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      // One line, whatever the message holds: scripts read the first line of stderr.
      io.stderr(`kodbok: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    throw e;
  }
}
