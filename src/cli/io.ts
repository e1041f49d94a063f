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
  /** A promise when the reader is slower than the writer: wait for it before writing more. */
  stdout(text: string): void | Promise<void>;
  stderr(text: string): void;
  /** A regular file's bytes; a folder, a device, a pipe or a file over `maxBytes` is refused unread. */
  readFile(path: string, maxBytes: number): Promise<Uint8Array>;
  /** Writes the whole file or nothing (a temporary file renamed into place). */
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /**
   * Streaming (optional; without it a command reads and writes whole files): a regular file of
   * at most `maxBytes`, refused unread as `readFile` refuses, then read chunk by chunk.
   */
  openInput?(path: string, maxBytes: number): Promise<InputSource>;
  /**
   * Output to the file `path`, or, when undefined, handed to `stdout` in pieces on commit
   * (kept in a temporary file until then).
   */
  openOutput?(
    path: string | undefined,
    stdout: (text: string) => void | Promise<void>,
  ): Promise<OutputSink>;
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

const MB = 1024 * 1024;

/**
 * A file refused before it is read. Recognised by its `code`, not by class: bin/kodbok.mjs
 * loads node-io.ts and main.ts as separate module graphs.
 */
export function fileProblem(
  kind: 'not-a-file' | 'too-large' | 'changed',
  size = 0,
  maxBytes = 0,
): Error & { code: string } {
  const message =
    kind === 'not-a-file'
      ? 'it is not a regular file (a device, a pipe or a socket); save the data to a file first'
      : kind === 'too-large'
        ? `the file is ${(size / MB).toFixed(1)} MB; Kodbok reads files of this kind up to ${(maxBytes / MB).toFixed(1)} MB`
        : 'the file changed while it was read; try again when nothing writes to it';
  return Object.assign(new Error(message), {
    code: `KODBOK_${kind.toUpperCase().replace(/-/g, '_')}`,
  });
}

/** Why a file could not be read, in words for the one-line error (Node's error codes). */
export function readProblem(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  if (code.startsWith('KODBOK_') && e instanceof Error) return e.message;
  if (code === 'ENOENT') return 'no such file';
  // Opening a socket: as a device or a FIFO, not a file.
  if (code === 'ENXIO') return fileProblem('not-a-file').message;
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}
