// The real CliIo for bin/kodbok.mjs: the process's streams and the file system.

import { randomBytes } from 'node:crypto';
import { closeSync, constants, createReadStream, fsyncSync, openSync, writeSync } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileProblem, type CliIo, type InputSource, type OutputSink } from './io';

/**
 * `kodbok apply … | head -2`: the reader has what it wanted and closed the pipe. Writing on
 * gives EPIPE, which Node raises as an unhandled 'error' event with a stack trace. End quietly
 * instead, with status 0: stopping early was the reader's choice (as `yes | head` does).
 */
const watched = new WeakSet<NodeJS.WriteStream>();
function quietOnClosedPipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (!watched.has(stream)) {
    watched.add(stream);
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(0);
      throw e;
    });
  }
  return stream;
}

/** Writes; a promise that resolves when the stream drained if its buffer is full. */
function write(stream: NodeJS.WriteStream, text: string): void | Promise<void> {
  if (quietOnClosedPipe(stream).write(text)) return;
  return new Promise((resolve) => stream.once('drain', () => resolve()));
}

// Bytes per read() call; a file is read in pieces into one buffer of its size.
const READ_CHUNK = 16 * 1024 * 1024;

/**
 * Reads a regular file of at most `maxBytes`. The handle is stat-ed before a byte is read:
 * `/dev/zero`, a FIFO or a folder is refused at once (it would be read for ever), and so is a
 * file above the limit (a 1.9 GB sparse CSV must not be read whole to learn it is too big).
 * O_NONBLOCK: opening a FIFO must not wait for a writer.
 */
async function openRegularFile(
  path: string,
  maxBytes: number,
): Promise<{ handle: FileHandle; size: number }> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    if (!stat.isFile()) throw fileProblem('not-a-file');
    if (stat.size > maxBytes) throw fileProblem('too-large', stat.size, maxBytes);
    return { handle, size: stat.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/**
 * Fills `buffer` from `position`; returns the bytes read (fewer only if the file shrank).
 * Reaching `size`, it checks that the file did not grow while it was read: such a file is
 * refused rather than read without a bound.
 */
async function readAt(
  handle: FileHandle,
  buffer: Buffer,
  position: number,
  size: number,
): Promise<number> {
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(
      buffer,
      filled,
      Math.min(READ_CHUNK, buffer.length - filled),
      position + filled,
    );
    if (bytesRead === 0) break; // the file shrank while it was read
    filled += bytesRead;
  }
  if (position + filled >= size) {
    const probe = Buffer.alloc(1);
    if ((await handle.read(probe, 0, 1, size)).bytesRead > 0) throw fileProblem('changed');
  }
  return filled;
}

async function readRegularFile(path: string, maxBytes: number): Promise<Uint8Array> {
  const { handle, size } = await openRegularFile(path, maxBytes);
  try {
    const buffer = Buffer.alloc(size);
    const filled = await readAt(handle, buffer, 0, size);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
  } finally {
    await handle.close();
  }
}

/**
 * The same checks as readRegularFile, then reads on demand: one chunk in memory, whatever
 * the file's size (`kodbok apply` on millions of rows). A file that shrinks or grows while
 * it is read is refused (its size was the promise the reader planned on).
 */
async function openRegularInput(path: string, maxBytes: number): Promise<InputSource> {
  const { handle, size } = await openRegularFile(path, maxBytes);
  return {
    size,
    async read(start, length) {
      const buffer = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - start)));
      const filled = await readAt(handle, buffer, start, size);
      if (filled < buffer.length) throw fileProblem('changed');
      return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
    },
    close: () => handle.close(),
  };
}

/** A temporary file beside `path` (same file system: the rename into place is atomic). */
function tempPath(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
}

/**
 * Output written part by part to a temporary file (synchronously: the rows come from a
 * synchronous loop), then renamed into place as writeFile does, or copied to stdout: either
 * way a refusal midway leaves nothing written, and the temporary file is removed.
 */
function openTempOutput(
  path: string | undefined,
  stdout: (text: string) => void | Promise<void>,
): OutputSink {
  const tmp = tempPath(path ?? join(tmpdir(), 'kodbok-apply.csv'));
  const fd = openSync(tmp, 'wx');
  let isOpen = true;
  const close = () => {
    if (isOpen) closeSync(fd);
    isOpen = false;
  };
  return {
    write(text) {
      writeSync(fd, text);
    },
    async commit() {
      try {
        if (path !== undefined) {
          fsyncSync(fd);
          close();
          await rename(tmp, path);
          return;
        }
        close();
        // Whole characters (the stream decodes UTF-8 across its chunks), at the reader's pace.
        for await (const text of createReadStream(tmp, { encoding: 'utf8' }))
          await stdout(text as string);
      } finally {
        close();
        await unlink(tmp).catch(() => undefined);
      }
    },
    async abort() {
      close();
      await unlink(tmp).catch(() => undefined);
    },
  };
}

export const nodeIo: CliIo = {
  stdout: (text) => write(process.stdout, text),
  stderr: (text) => write(process.stderr, text),
  readFile: readRegularFile,
  /**
   * Writes a temporary file beside the target, flushes it to disk, then renames it into place:
   * a crash or a full disk leaves the old file or the new one, never half of one.
   */
  async writeFile(path, data) {
    const tmp = tempPath(path);
    try {
      const handle = await open(tmp, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, path);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
  },
  openInput: openRegularInput,
  openOutput: async (path, stdout) => openTempOutput(path, stdout),
};
