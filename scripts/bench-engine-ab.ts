// The suggestion engine of this checkout against the engine of another commit, in one process:
// the same workloads as the speed figures (test/bench/synthetic.ts), suggestions compared value by
// value (they must be identical: a speed change may not move one), then timed interleaved, value
// by value, alternating which engine goes first, so both see the same load on a shared machine.
// Prints the ratio new / base per run (build + suggest of all values), its median and spread, and
// the load average. Nothing is written.
//
//   npx tsx scripts/bench-engine-ab.ts [--base REV] [--runs N] [--workload B|slips|C|import] [--worker]
//
//   B        1 300 values × (the dev set's codebook + 1 300 approved), as bench-suggest.ts part B
//   slips    the same with 2–4 more typing slips on every value
//   import   5 000 of the import benchmark's new values (aktualiseringsorsak, the project's 1 300
//            values coded and approved as test/bench/browser/import-suggest-bench.ts seeds them)
//
// `--worker`: each side as the app's suggestion worker runs it (src/workers/suggest-handlers.ts):
// the codebook, known values and profile arrive as structured clones (a new copy every time, as
// postMessage makes them), `init` builds the engine, one `suggest` call asks for all values, and
// the answer is cloned back; timed per build + suggest, alternating which side goes first.
//
// `--fresh` (B and slips): every run other values (other seeds), none read by an engine before, as
// when a variable is opened for the first time; otherwise every run the same values, as when an
// engine is built again after a change of codebook or profile.
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
import * as currentHandlers from '../src/workers/suggest-handlers';
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
const asWorker = args.includes('--worker');
const fresh = args.includes('--fresh');

type Engine = typeof current;
type Handlers = typeof currentHandlers.suggestHandlers;
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

function load(name: string, run = 0): Workload {
  if (name === 'B' || name === 'slips') {
    const codebook = devCodebook();
    const slips = name === 'slips' ? 2 : 0;
    return {
      codebook,
      raws: syntheticValues(codebook, 1300, 3 + 10 * run, false, slips).map((v) => v.raw),
      known: new Map(
        syntheticValues(codebook, 1300, 4 + 10 * run, false, slips).map((v) => [
          v.raw,
          { code: v.code, status: 'approved' },
        ]),
      ),
    };
  }
  if (name === 'C') {
    // bench-suggest.ts's C: 50 000 values × 20 000 approved.
    const codebook = devCodebook();
    return {
      codebook,
      raws: syntheticValues(codebook, 50_000, 5, false).map((v) => v.raw),
      known: new Map(
        syntheticValues(codebook, 20_000, 6, false).map((v) => [
          v.raw,
          { code: v.code, status: 'approved' },
        ]),
      ),
    };
  }
  if (name !== 'import') throw new Error(`unknown workload ${name}: B, slips, C or import`);
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

/** The base commit's engine and worker handlers, from its sources in a temporary directory. */
async function baseEngine(dir: string): Promise<{ engine: Engine; handlers: Handlers }> {
  const tar = execFileSync('git', ['-C', repo, 'archive', base, 'src'], {
    maxBuffer: 1 << 28,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  symlinkSync(resolve(repo, 'node_modules'), join(dir, 'node_modules'));
  copyFileSync(resolve(repo, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  const engine = (await import(
    pathToFileURL(join(dir, 'src/core/suggest/engine.ts')).href
  )) as Engine;
  const handlers = (
    (await import(pathToFileURL(join(dir, 'src/workers/suggest-handlers.ts')).href)) as {
      suggestHandlers: Handlers;
    }
  ).suggestHandlers;
  return { engine, handlers };
}

let round = 0;

/** Wall and CPU time (the process's user + system, µs → ms) since `since`, or now. */
function clock(since?: readonly [number, number]): [number, number] {
  const cpu = process.cpuUsage();
  const now: [number, number] = [performance.now(), (cpu.user + cpu.system) / 1000];
  return since ? [now[0] - since[0], now[1] - since[1]] : now;
}

/** Build + suggest of every value as the worker does it (see `--worker`): wall and CPU ms. */
function throughWorker(handlers: Handlers, w: Workload): [number, number] {
  const t0 = clock();
  const [codebook, known, profile] = structuredClone([w.codebook, w.known, defaultProfile]);
  const key = `ab/${round++}`;
  handlers.init(key, codebook, known, profile);
  structuredClone(handlers.suggest(key, structuredClone(w.raws), 3));
  handlers.drop(key);
  return clock(t0);
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
    const { engine: old, handlers: oldHandlers } = await baseEngine(dir);
    const same = load(workload);
    const build = (e: Engine, w = same) =>
      e.createEngine({ codebook: w.codebook, known: w.known, profile: defaultProfile });
    // Identical suggestions first: each engine's top 3 of every value, as JSON.
    const a = build(old);
    const b = build(current);
    const differ = same.raws.filter(
      (raw) => JSON.stringify(a.suggest(raw, 3)) !== JSON.stringify(b.suggest(raw, 3)),
    );
    console.log(
      `${workload}${asWorker ? ' through the worker handlers' : ''}${fresh ? ', new values every run' : ''}: ${same.raws.length} values; base ${base}; suggestions ${differ.length === 0 ? 'identical' : `DIFFER for ${differ.length} values, e.g. ${JSON.stringify(differ[0])}`}; load average before ${load1()}`,
    );
    // Per run, new / base: of wall time, and of the process's CPU time (less moved by other
    // processes on a shared machine: time spent waiting for a core is not counted).
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    for (let r = 0; r <= runs; r++) {
      const w = fresh ? load(workload, r + 1) : same;
      const ms = [
        [0, 0],
        [0, 0],
      ] as [number, number][];
      const add = (which: number, t: readonly [number, number]) => {
        const m = ms[which] as [number, number];
        m[0] += t[0];
        m[1] += t[1];
      };
      if (asWorker) {
        for (const which of r % 2 === 0 ? [0, 1] : [1, 0])
          add(which, throughWorker(which === 0 ? oldHandlers : currentHandlers.suggestHandlers, w));
      } else {
        const engines: ReturnType<Engine['createEngine']>[] = [];
        for (const which of r % 2 === 0 ? [0, 1] : [1, 0]) {
          const t0 = clock();
          engines[which] = build(which === 0 ? old : current, w);
          add(which, clock(t0));
        }
        w.raws.forEach((raw, i) => {
          for (const which of i % 2 === 0 ? [0, 1] : [1, 0]) {
            const t0 = clock();
            engines[which]?.suggest(raw, 3);
            add(which, clock(t0));
          }
        });
      }
      if (r === 0) continue; // warm-up
      const [b, n] = ms as [[number, number], [number, number]];
      ratios.push(n[0] / b[0]);
      cpuRatios.push(n[1] / b[1]);
      console.log(
        `  run ${r}: base ${b[0].toFixed(1)} ms (CPU ${b[1].toFixed(1)} ms), new ${n[0].toFixed(1)} ms (CPU ${n[1].toFixed(1)} ms)`,
      );
    }
    const spread = (xs: readonly number[]) => {
      const sorted = [...xs].sort((x, y) => x - y);
      return `median ${median(xs).toFixed(3)} (${sorted[0]?.toFixed(3)}–${sorted[sorted.length - 1]?.toFixed(3)}, ${xs.length} runs)`;
    };
    console.log(
      `new / base (build + suggest): wall ${spread(ratios)}; CPU ${spread(cpuRatios)}; load average after ${load1()}`,
    );
    if (differ.length > 0) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
