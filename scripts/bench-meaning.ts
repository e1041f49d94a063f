// The English profile's cost: 1 300 values suggested by an engine built as the app's worker builds
// it for a variable, with the word vectors (englishProfile) and without (neutralProfile), on four
// English codebooks (each set's 150 values, then made-up pairs of their words). Runs alternate
// between the two, so both see the same load. Also: reading the vectors file (once per worker).
//
//   npx tsx scripts/bench-meaning.ts [--runs 15]

import { readFileSync } from 'node:fs';
import { wordVectorsPath } from '../src/cli/word-vectors';
import { createEngine } from '../src/core/suggest/engine';
import { englishProfile, neutralProfile } from '../src/core/suggest/profile';
import { readWordVectors } from '../src/core/suggest/vectors';
import { benchSet, load, runs } from './bench-values';

const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${ms(s[Math.floor(s.length / 2)] ?? 0)} (${ms(s[0] ?? 0)}–${ms(s.at(-1) ?? 0)})`;
};

console.log(`load average before ${load()}`);
const path = wordVectorsPath('en-glove-100k');
if (path === null) throw new Error('en-glove-100k is not built: npm run build:vectors');
const bytes = new Uint8Array(readFileSync(path));
const reads: number[] = [];
let vectors = null;
for (let r = 0; r < runs; r++) {
  const t = performance.now();
  const read = readWordVectors(bytes);
  reads.push(performance.now() - t);
  if (!read.ok) throw new Error(read.error);
  vectors = read.value;
}
if (!vectors) throw new Error('no runs');
console.log(
  `reading the vectors file (${(bytes.length / 1e6).toFixed(1)} MB), median of ${runs}: ${summary(reads)}`,
);

for (const name of ['attendance_reason', 'homecare_complaint', 'housingrepair', 'placement']) {
  const { codebook, values } = benchSet(name);
  const times: Record<'plain' | 'meaning', number[]> = { plain: [], meaning: [] };
  for (let r = 0; r < runs; r++)
    for (const mode of r % 2 === 0
      ? (['plain', 'meaning'] as const)
      : (['meaning', 'plain'] as const)) {
      const t = performance.now();
      const engine =
        mode === 'meaning'
          ? createEngine({ codebook, known: new Map(), profile: englishProfile, vectors })
          : createEngine({ codebook, known: new Map(), profile: neutralProfile });
      for (const v of values) engine.suggest(v, 3);
      times[mode].push(performance.now() - t);
    }
  const m = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(
    `${name}: 1 300 values, median of ${runs}: English profile ${summary(times.meaning)}; neutral ${summary(times.plain)}; ratio ${(m(times.meaning) / m(times.plain)).toFixed(2)}`,
  );
}
console.log(`load average after ${load()}`);
