// The values the engine benchmarks of other codebooks suggest (bench-neutral.ts, bench-meaning.ts):
// a labelled set's codebook and 1 300 values, its own 150 and then made-up pairs of their words.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { Codebook } from '../src/core/types';
import { madeUpValues, rawsOfTsv } from '../test/bench/made-up-values';

const fixtures = resolve(import.meta.dirname, '../test/fixtures/suggest');

export function benchSet(name: string, size = 1300): { codebook: Codebook; values: string[] } {
  const codebook = JSON.parse(
    readFileSync(join(fixtures, `${name}-codebook.json`), 'utf8'),
  ) as Codebook;
  const raws = rawsOfTsv(readFileSync(join(fixtures, `${name}-values.tsv`), 'utf8'));
  return { codebook, values: madeUpValues(raws, size) };
}

/** `--runs N` (default 15): runs of each engine. */
const at = process.argv.indexOf('--runs');
export const runs = at >= 0 ? Number(process.argv[at + 1]) : 15;

/** The load average, to print before and after the runs. */
export const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
