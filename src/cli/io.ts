// What a CLI command may do to the outside world. Tests pass an in-memory implementation;
// bin/kodbok.mjs passes the real one (src/cli/node-io.ts).

import type { ByteSource } from '../io/source';

/** A file read chunk by chunk (a big input is never held whole). */
export interface InputSource extends ByteSource {
  close(): Promise<void>;
}

/** Where a command's output goes, written part by part; nothing is visible until `commit`. */
export interface OutputSink {
  write(text: string): void;
  /** The output is complete: into place (or to stdout). */
  commit(): Promise<void>;
  /** Something was refused: nothing is written. */
  abort(): Promise<void>;
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  /** Writes the whole file or nothing (a temporary file renamed into place). */
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** Streaming (optional; without it a command reads and writes whole files). */
  openInput?(path: string): Promise<InputSource>;
  /** Output to the file `path`, or to stdout when undefined. */
  openOutput?(path: string | undefined): Promise<OutputSink>;
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

/** Why a file could not be read, in words for the one-line error (Node's error codes). */
export function readProblem(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}
