// The neutral profile's speed with and without containment counted word by word
// (EngineWeights.alignedContainment), on four codebooks of other fields: 1 300 values per run
// (each set's 150 values, then made-up pairs of their words), the engine built in each run as the
// app's worker builds it for a variable. Runs alternate between the two, so both see the same load.
//
//   npx tsx scripts/bench-neutral.ts [--runs 15]

import { createEngine } from '../src/core/suggest/engine';
import { neutralProfile } from '../src/core/suggest/profile';
import { benchSet, load, runs } from './bench-values';

const ms = (x: number) => `${x.toFixed(0)} ms`;

console.log(`load average before ${load()}`);
for (const name of ['exclusion', 'bistand', 'placement', 'safeguarding']) {
  const { codebook, values } = benchSet(name);
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
