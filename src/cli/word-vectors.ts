// The word vectors a profile names (`wordVectors`), as the command line reads them: the same file
// the app's worker fetches (public/vectors/NAME.kvec, built by scripts/build-vectors.mjs), found
// from this module's place, in the source tree or in dist-cli alike.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WordVectorsName } from '../core/suggest/profile';
import { readWordVectors, type WordVectors } from '../core/suggest/vectors';
import { UsageError } from './io';

const read = new Map<string, WordVectors>();

/** The file of the named vectors: in the project's public/vectors, searched upwards from here. */
export function wordVectorsPath(name: WordVectorsName): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++) {
    const path = join(dir, 'public', 'vectors', `${name}.kvec`);
    if (existsSync(path)) return path;
    dir = dirname(dir);
  }
  return null;
}

/** The named vectors, read once; a missing or damaged file is a usage error (exit 2) naming it. */
export function loadWordVectors(name: WordVectorsName): WordVectors {
  const had = read.get(name);
  if (had) return had;
  const path = wordVectorsPath(name);
  if (path === null)
    throw new UsageError(
      `suggest: the profile's word vectors ${name} are not built (public/vectors/${name}.kvec); run "npm install" (it runs scripts/build-vectors.mjs)`,
    );
  const vectors = readWordVectors(new Uint8Array(readFileSync(path)));
  if (!vectors.ok) throw new UsageError(`suggest: word vectors ${path}: ${vectors.error}`);
  read.set(name, vectors.value);
  return vectors.value;
}
