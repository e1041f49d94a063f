// The neutral profile's speed with and without containment counted word by word
// (EngineWeights.alignedContainment), on four codebooks of other fields: 1 300 values per run
// (each set's 150 values, then made-up pairs of their words), the engine built in each run as the
// app's worker builds it for a variable. Runs alternate between the two, so both see the same load.
//
//   npx tsx scripts/bench-neutral.ts [--runs 15]

import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { createEngine } from '../src/core/suggest/engine';
import { neutralProfile } from '../src/core/suggest/profile';
import type { Codebook } from '../src/core/types';

const fixtures = resolve(import.meta.dirname, '../test/fixtures/suggest');
const at = process.argv.indexOf('--runs');
const runs = at >= 0 ? Number(process.argv[at + 1]) : 15;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
const ms = (x: number) => `${x.toFixed(0)} ms`;

console.log(`load average before ${load()}`);
for (const name of ['exclusion', 'bistand', 'placement', 'safeguarding']) {
  const codebook = JSON.parse(
    readFileSync(join(fixtures, `${name}-codebook.json`), 'utf8'),
  ) as Codebook;
  const raws = readFileSync(join(fixtures, `${name}-values.tsv`), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t')[0] ?? '');
  const values: string[] = [];
  for (let i = 0; values.length < 1300; i++) {
    const a = raws[i % raws.length] ?? '';
    const b = raws[(i * 7 + 3) % raws.length] ?? '';
    values.push(i < raws.length ? a : `${a.split(' ')[0]} ${b.split(' ').at(-1)} ${i}`);
  }
  const times: Record<'off' | 'on', number[]> = { off: [], on: [] };
  for (let r = 0; r < runs; r++)
    for (const mode of ['off', 'on'] as const) {
      const profile = {
        ...neutralProfile,
        weights: { ...neutralProfile.weights, alignedContainment: mode === 'on' ? 1 : 0 },
      };
      const t = performance.now();
      const engine = createEngine({ codebook, known: new Map(), profile });
      for (const v of values) engine.suggest(v, 3);
      times[mode].push(performance.now() - t);
    }
  const summary = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `${ms(s[Math.floor(s.length / 2)] ?? 0)} (${ms(s[0] ?? 0)}–${ms(s.at(-1) ?? 0)})`;
  };
  console.log(
    `${name}: 1 300 values, median of ${runs}: word by word ${summary(times.on)}; without ${summary(times.off)}`,
  );
}
console.log(`load average after ${load()}`);
