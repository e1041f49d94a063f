// The real CliIo for bin/kodbok.mjs: the process's streams and the file system.

import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, openSync, writeSync } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { CliIo, InputSource, OutputSink } from './io';

/** A temporary file beside `path` (same file system: the rename into place is atomic). */
function tempPath(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
}

export const nodeIo: CliIo = {
  stdout(text) {
    process.stdout.write(text);
  },
  stderr(text) {
    process.stderr.write(text);
  },
  async readFile(path) {
    return readFile(path);
  },
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

  /** Reads a file chunk by chunk: one chunk in memory, whatever the file's size. */
  async openInput(path): Promise<InputSource> {
    const handle = await open(path, 'r');
    let size: number;
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      size = stat.size;
    } catch (e) {
      await handle.close();
      throw e;
    }
    return {
      size,
      async read(start, length) {
        const buffer = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - start)));
        let done = 0;
        while (done < buffer.length) {
          const { bytesRead } = await handle.read(buffer, done, buffer.length - done, start + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return buffer.subarray(0, done);
      },
      close: () => handle.close(),
    };
  },

  /**
   * Output written part by part to a temporary file (synchronously: the rows come from a
   * synchronous loop), then renamed into place as writeFile does, or copied to stdout: either
   * way a refusal midway leaves nothing written.
   */
  async openOutput(path): Promise<OutputSink> {
    const tmp = path === undefined ? tempPath(join(tmpdir(), 'kodbok-apply.csv')) : tempPath(path);
    const fd = openSync(tmp, 'wx');
    let open = true;
    const close = () => {
      if (open) closeSync(fd);
      open = false;
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
          await pipeline(createReadStream(tmp), process.stdout, { end: false });
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
  },
};
