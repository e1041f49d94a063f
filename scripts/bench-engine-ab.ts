// The suggestion engine of this checkout against the engine of another commit, in one process:
// the same workloads as the speed figures (test/bench/synthetic.ts), suggestions compared value by
// value (they must be identical: a speed change may not move one), then timed interleaved, value
// by value, alternating which engine goes first, so both see the same load on a shared machine.
// Prints the ratio new / base per run (build + suggest of all values), its median and spread, and
// the load average. Nothing is written.
//
//   npx tsx scripts/bench-engine-ab.ts [--base REV] [--runs N] [--workload B|slips|import]
//
//   B        1 300 values × (the dev set's codebook + 1 300 approved), as bench-suggest.ts part B
//   slips    the same with 2–4 more typing slips on every value
//   import   5 000 of the import benchmark's new values (aktualiseringsorsak, the project's 1 300
//            values coded and approved as test/bench/browser/import-suggest-bench.ts seeds them)
//
// Both engines run warm (a first run is not counted, and the word caches of the language and the
// vocabulary are shared across runs): a first pass over new words costs more.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as current from '../src/core/suggest/engine';
import { defaultProfile } from '../src/core/suggest/profile';
import { aktualiseringsorsak } from '../src/core/demo/codebooks';
import { readCodebookFile } from '../src/core/formats/codebook';
import type { Codebook } from '../src/core/types';
import { syntheticValues } from '../test/bench/synthetic';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = args.indexOf(name);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
const base = option('--base', 'HEAD');
const runs = Number(option('--runs', '11')) || 11;
const workload = option('--workload', 'B');

type Engine = typeof current;
interface Workload {
  readonly codebook: Codebook;
  readonly known: Map<string, current.KnownValue>;
  readonly raws: readonly string[];
}

function devCodebook(): Codebook {
  const read = readCodebookFile(
    readFileSync(resolve(repo, '../shared/dev-set/orsak_codebook.json'), 'utf8'),
  );
  if (!read.ok) throw new Error('dev-set codebook does not read');
  return read.value;
}

function load(name: string): Workload {
  if (name === 'B' || name === 'slips') {
    const codebook = devCodebook();
    const slips = name === 'slips' ? 2 : 0;
    return {
      codebook,
      raws: syntheticValues(codebook, 1300, 3, false, slips).map((v) => v.raw),
      known: new Map(
        syntheticValues(codebook, 1300, 4, false, slips).map((v) => [
          v.raw,
          { code: v.code, status: 'approved' },
        ]),
      ),
    };
  }
  if (name !== 'import') throw new Error(`unknown workload ${name}: B, slips or import`);
  const project = syntheticValues(aktualiseringsorsak, 1300, 7);
  const known = new Map<string, current.KnownValue>();
  project.forEach((v, i) => {
    if (i % 5 === 1) known.set(v.raw, { code: v.code, status: 'approved' });
    else if (i % 5 === 2) known.set(v.raw, { code: v.code, status: 'coded' });
  });
  const have = new Set(project.map((v) => v.raw));
  const raws: string[] = [];
  for (const { raw } of syntheticValues(aktualiseringsorsak, 5000 + have.size, 11))
    if (!have.has(raw) && raws.length < 5000) raws.push(raw);
  return { codebook: aktualiseringsorsak, known, raws };
}

/** The base commit's engine, from its sources written to a temporary directory. */
async function baseEngine(dir: string): Promise<Engine> {
  const tar = execFileSync('git', ['-C', repo, 'archive', base, 'src'], {
    maxBuffer: 1 << 28,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  symlinkSync(resolve(repo, 'node_modules'), join(dir, 'node_modules'));
  copyFileSync(resolve(repo, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  return (await import(pathToFileURL(join(dir, 'src/core/suggest/engine.ts')).href)) as Engine;
}

const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const load1 = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kodbok-engine-ab-'));
  try {
    const old = await baseEngine(dir);
    const w = load(workload);
    const build = (e: Engine) =>
      e.createEngine({ codebook: w.codebook, known: w.known, profile: defaultProfile });
    // Identical suggestions first: each engine's top 3 of every value, as JSON.
    const a = build(old);
    const b = build(current);
    const differ = w.raws.filter(
      (raw) => JSON.stringify(a.suggest(raw, 3)) !== JSON.stringify(b.suggest(raw, 3)),
    );
    console.log(
      `${workload}: ${w.raws.length} values; base ${base}; suggestions ${differ.length === 0 ? 'identical' : `DIFFER for ${differ.length} values, e.g. ${JSON.stringify(differ[0])}`}; load average before ${load1()}`,
    );
    const ratios: number[] = [];
    for (let r = 0; r <= runs; r++) {
      const ms = [0, 0];
      const engines: ReturnType<Engine['createEngine']>[] = [];
      for (const which of r % 2 === 0 ? [0, 1] : [1, 0]) {
        const t0 = performance.now();
        engines[which] = build(which === 0 ? old : current);
        ms[which] = (ms[which] as number) + performance.now() - t0;
      }
      w.raws.forEach((raw, i) => {
        for (const which of i % 2 === 0 ? [0, 1] : [1, 0]) {
          const t0 = performance.now();
          engines[which]?.suggest(raw, 3);
          ms[which] = (ms[which] as number) + performance.now() - t0;
        }
      });
      if (r === 0) continue; // warm-up
      ratios.push((ms[1] as number) / (ms[0] as number));
      console.log(
        `  run ${r}: base ${(ms[0] as number).toFixed(1)} ms, new ${(ms[1] as number).toFixed(1)} ms`,
      );
    }
    const sorted = [...ratios].sort((x, y) => x - y);
    console.log(
      `new / base (build + suggest): median ${median(ratios).toFixed(3)} (${sorted[0]?.toFixed(3)}–${sorted[sorted.length - 1]?.toFixed(3)}, ${ratios.length} runs); load average after ${load1()}`,
    );
    if (differ.length > 0) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
