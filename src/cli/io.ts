// What a CLI command may do to the outside world. Tests pass an in-memory implementation;
// bin/kodbok.mjs passes the real one (src/cli/node-io.ts).

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  /** Writes the whole file or nothing (a temporary file renamed into place). */
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
}

/** Bad arguments or files: the command prints one line on stderr and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A command: parses its own arguments and returns its exit status. Throws UsageError for exit 2. */
export type Command = (argv: readonly string[], io: CliIo) => Promise<number>;
