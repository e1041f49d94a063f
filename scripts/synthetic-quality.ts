// Top-1 of the default profile on the speed benchmarks' synthetic workloads (test/bench/synthetic.ts,
// whose values carry their true code), and the same with some weights changed: what a weight does
// to values that are dressed codebook texts with typing slips, beside the labelled sets
// (scripts/quality.ts). Nothing is written.
//
//   npx tsx scripts/synthetic-quality.ts [--weight NAME=VALUE ...]
//
//   B        1 300 values × 1 300 approved (seeds as bench-suggest.ts part B)
//   slips    the same with 2–4 more typing slips on every value
//   C-part   the first 5 000 of part C's values × its 20 000 approved

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCodebookFile } from '../src/core/formats/codebook';
import { createEngine, type EngineWeights, type KnownValue } from '../src/core/suggest/engine';
import { defaultProfile } from '../src/core/suggest/profile';
import { syntheticValues } from '../test/bench/synthetic';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const read = readCodebookFile(
  readFileSync(resolve(repo, '../shared/dev-set/orsak_codebook.json'), 'utf8'),
);
if (!read.ok) throw new Error('dev-set codebook does not read');
const codebook = read.value;

const changed: Partial<Record<keyof EngineWeights, number>> = {};
process.argv.forEach((arg, i) => {
  if (arg !== '--weight') return;
  const [name, value] = (process.argv[i + 1] ?? '').split('=');
  if (!name || value === undefined || !Number.isFinite(Number(value)))
    throw new Error(`--weight NAME=VALUE, not ${process.argv[i + 1]}`);
  changed[name as keyof EngineWeights] = Number(value);
});

const workloads = [
  { name: 'B', values: 1300, known: 1300, slips: 0, seeds: [3, 4] },
  { name: 'slips', values: 1300, known: 1300, slips: 2, seeds: [3, 4] },
  { name: 'C-part', values: 5000, known: 20_000, slips: 0, seeds: [5, 6] },
] as const;

const label = Object.entries(changed)
  .map(([k, v]) => `${k}=${v}`)
  .join(', ');
console.log(`workload   default profile   ${label || '(no --weight)'}`);
for (const w of workloads) {
  const values = syntheticValues(codebook, w.values, w.seeds[0], false, w.slips);
  const known = new Map<string, KnownValue>(
    syntheticValues(codebook, w.known, w.seeds[1], false, w.slips).map((v) => [
      v.raw,
      { code: v.code, status: 'approved' },
    ]),
  );
  const top1 = (weights: Partial<EngineWeights>): string => {
    const engine = createEngine({
      codebook,
      known,
      profile: { ...defaultProfile, weights: { ...defaultProfile.weights, ...weights } },
    });
    let right = 0;
    for (const v of values) if (engine.suggest(v.raw, 3)[0]?.code === v.code) right++;
    return `${((100 * right) / values.length).toFixed(2)} %`;
  };
  console.log(`${w.name.padEnd(10)} ${top1({}).padStart(15)}   ${top1(changed).padStart(8)}`);
}
