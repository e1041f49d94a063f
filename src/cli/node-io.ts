// The real CliIo for bin/kodbok.mjs: the process's streams and the file system.

import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CliIo } from './io';

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
