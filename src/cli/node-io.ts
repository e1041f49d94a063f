// The real CliIo for bin/kodbok.mjs: the process's streams and the file system.

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileProblem, type CliIo } from './io';

/**
 * `kodbok apply … | head -2`: the reader has what it wanted and closed the pipe. Writing on
 * gives EPIPE, which Node raises as an unhandled 'error' event with a stack trace. End quietly
 * instead, with status 0: stopping early was the reader's choice (as `yes | head` does).
 */
const watched = new WeakSet<NodeJS.WriteStream>();
function write(stream: NodeJS.WriteStream, text: string): void {
  if (!watched.has(stream)) {
    watched.add(stream);
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(0);
      throw e;
    });
  }
  stream.write(text);
}

// Bytes per read() call; a file is read in pieces into one buffer of its size.
const READ_CHUNK = 16 * 1024 * 1024;

/**
 * Reads a regular file of at most `maxBytes`. The handle is stat-ed before a byte is read:
 * `/dev/zero`, a FIFO or a folder is refused at once (it would be read for ever), and so is a
 * file above the limit (a 1.9 GB sparse CSV must not be read whole to learn it is too big).
 * O_NONBLOCK: opening a FIFO must not wait for a writer.
 */
async function readRegularFile(path: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    if (!stat.isFile()) throw fileProblem('not-a-file');
    if (stat.size > maxBytes) throw fileProblem('too-large', stat.size, maxBytes);
    const buffer = Buffer.alloc(stat.size);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(
        buffer,
        filled,
        Math.min(READ_CHUNK, buffer.length - filled),
        filled,
      );
      if (bytesRead === 0) break; // the file shrank while it was read
      filled += bytesRead;
    }
    // A file that grew while it was read is refused rather than read without a bound.
    const probe = Buffer.alloc(1);
    if ((await handle.read(probe, 0, 1, filled)).bytesRead > 0) {
      throw fileProblem('changed');
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
  } finally {
    await handle.close();
  }
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
    const tmp = join(
      dirname(path),
      `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
    );
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
};
