// Speed of suggestions (issue 4), on synthetic values made by perturbing codebook labels
// deterministically (prefixes, age ranges, persons, typos, extra words), as raw values vary:
//   A. 10 000 values × 5 000 approved values: the engine (build + suggest) against string-similarity
//      findBestMatch over the same pairs, in the same run; must be ≥ 50× faster. The `kodbok suggest`
//      command is also timed in-process (files in memory: parsing, engine, JSON output).
//   B. 1 300 values × (codebook + 1 300 approved): < 100 ms.
//   C. 50 000 values × 20 000 approved: < 10 s, with the process's peak memory.
// Every figure is paired with string-similarity's findBestMatch (the FORMATS.md reference) over the
// same values and targets in the same run, run after run; medians of 5 runs (--runs N), each run's
// figure and the spread beside them, and the load average before and after. A and B also run on a
// second workload whose values all carry 2–4 typing slips. findBestMatch over all 50 M pairs of A
// takes minutes, so it runs on a sample of the values and is scaled up (it is linear in the number
// of values); pass --full to run it on all of them.
//
//   npx tsx scripts/bench-suggest.ts [--full] [--runs N] [--free-text]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import stringSimilarity from 'string-similarity';
import { suggest as suggestCommand } from '../src/cli/suggest';
import type { CliIo } from '../src/cli/io';
import { leaves } from '../src/core/codebook';
import { readCodebookFile } from '../src/core/formats/codebook';
import { createEngine, type KnownValue } from '../src/core/suggest/engine';
import type { Codebook } from '../src/core/types';
import { syntheticValues, type Labelled } from '../test/bench/synthetic';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const full = args.includes('--full');
const runs = Number(args[args.indexOf('--runs') + 1] ?? '') || 5;
// --free-text: a nonsense word on most values, as an adversary: nearly every value is unique and
// shares most of its bigrams with hundreds of others.
const freeText = args.includes('--free-text');
// --keep-files DIR: the whole-process run's input files are written to DIR and kept, so the
// command can be profiled by hand (`node --cpu-prof bin/kodbok.mjs suggest --codebook DIR/…`).
const keepFiles = args.includes('--keep-files')
  ? args[args.indexOf('--keep-files') + 1]
  : undefined;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Each run's figure and the spread: `(1.2–1.5: 1.2, 1.3, 1.5)`. */
function runsOf(xs: number[], f: (x: number) => string): string {
  return `(${f(Math.min(...xs))}–${f(Math.max(...xs))}: ${xs.map(f).join(', ')})`;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

interface Paired {
  /** Engine build + suggest, ms, per run. */
  readonly engine: number[];
  readonly build: number[];
  /** findBestMatch over all the values (scaled from the sample), ms, per run. */
  readonly reference: number[];
  /** reference / engine, per run. */
  readonly ratio: number[];
}

/**
 * `runs` rounds of the engine (build + suggest) and findBestMatch on `sample` values (scaled to
 * all), one right after the other, alternating which goes first.
 */
function paired(
  codebook: Codebook,
  known: Map<string, KnownValue>,
  values: readonly Labelled[],
  sample: number,
): Paired {
  const out: Paired = { engine: [], build: [], reference: [], ratio: [] };
  const some = values.slice(0, sample);
  for (let r = 0; r < runs; r++) {
    let engine: [number, number] = [0, 0];
    let reference = 0;
    const runEngineNow = () => (engine = runEngine(codebook, known, values));
    const runReferenceNow = () =>
      (reference = (runReference(codebook, known, some) * values.length) / some.length);
    if (r % 2 === 0) {
      runEngineNow();
      runReferenceNow();
    } else {
      runReferenceNow();
      runEngineNow();
    }
    out.engine.push(engine[0] + engine[1]);
    out.build.push(engine[0]);
    out.reference.push(reference);
    out.ratio.push(reference / (engine[0] + engine[1]));
  }
  return out;
}

// The synthetic values as they are, and the same kind of values with 2–4 more typing slips each.
const WORKLOADS = [
  ['synthetic values (0–2 typing slips)', 0],
  ['typing slips (2–4 more each)', 2],
] as const;

/**
 * Values ([count, seed]) against approved values ([count, seed]) of one workload, paired with
 * findBestMatch on `sample` values (all with --full); prints after `title`.
 */
function pairedWorkload(
  codebook: Codebook,
  [n, valueSeed]: readonly [number, number],
  [k, knownSeed]: readonly [number, number],
  slips: number,
  sample: number,
  title?: () => void,
): { values: Labelled[]; known: Map<string, KnownValue>; pair: Paired } {
  const values = syntheticValues(codebook, n, valueSeed, freeText, slips);
  const known = knownOf(syntheticValues(codebook, k, knownSeed, freeText, slips));
  const used = full ? values.length : sample;
  const pair = paired(codebook, known, values, used);
  title?.();
  printPaired(pair, values.length, used);
  return { values, known, pair };
}

function printPaired(p: Paired, values: number, sample: number): void {
  const x = (r: number) => `${r.toFixed(0)}×`;
  console.log(
    `   engine build + suggest   ${ms(median(p.engine))} ${runsOf(p.engine, ms)}; build ${ms(median(p.build))}`,
  );
  console.log(
    `   findBestMatch (paired)   ${ms(median(p.reference))} ${runsOf(p.reference, ms)}${sample < values ? `; measured on ${sample} of the ${values} values, scaled ×${(values / sample).toFixed(1)}` : ''}`,
  );
  console.log(`   engine speed-up          ${x(median(p.ratio))} ${runsOf(p.ratio, x)}`);
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function knownOf(rows: readonly Labelled[]): Map<string, KnownValue> {
  return new Map(rows.map((r) => [r.raw, { code: r.code, status: 'approved' as const }]));
}

/** Builds the engine and suggests for every value; returns [build ms, suggest ms]. */
function runEngine(
  codebook: Codebook,
  known: Map<string, KnownValue>,
  values: readonly Labelled[],
): [number, number] {
  let engine = createEngine({ codebook, known: new Map() });
  const build = time(() => {
    engine = createEngine({ codebook, known });
  });
  const suggest = time(() => {
    for (const v of values) engine.suggest(v.raw, 3);
  });
  return [build, suggest];
}

/** string-similarity findBestMatch on lower-cased text, as the FORMATS.md reference does. */
function runReference(
  codebook: Codebook,
  known: Map<string, KnownValue>,
  values: readonly Labelled[],
): number {
  const targets = [
    ...leaves(codebook).flatMap((c) => [c.label, ...(c.synonyms ?? [])]),
    ...known.keys(),
  ].map((t) => t.toLowerCase());
  return time(() => {
    for (const v of values) stringSimilarity.findBestMatch(v.raw.toLowerCase(), targets);
  });
}

function memoryIo(files: Map<string, string>): CliIo & { out: number } {
  const io = {
    out: 0,
    stdout(text: string) {
      io.out += text.length;
    },
    stderr() {},
    async readFile(path: string) {
      const text = files.get(path);
      if (text === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return new TextEncoder().encode(text);
    },
    async writeFile() {},
  };
  return io;
}

/** `node bin/kodbok.mjs suggest …` as a user runs it: `runs` wall-clock times (ms). */
function wholeProcess(files: ReadonlyMap<string, string>, runs: number): number[] | string {
  const dir = keepFiles ?? mkdtempSync(join(tmpdir(), 'kodbok-bench-'));
  try {
    for (const [name, text] of files) writeFileSync(join(dir, name), text);
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const run = spawnSync(
        process.execPath,
        [
          resolve(repo, 'bin/kodbok.mjs'),
          'suggest',
          '--codebook',
          join(dir, 'codebook.json'),
          '--values',
          join(dir, 'values.txt'),
          '--mapping',
          join(dir, 'mapping.json'),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 30 },
      );
      times.push(performance.now() - t0);
      if (run.status !== 0)
        return `not measured (exit ${run.status}: ${run.stderr.trim().split('\n')[0] ?? ''})`;
    }
    return times;
  } finally {
    if (keepFiles === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

function ms(x: number): string {
  return x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const codebookText = readFileSync(resolve(repo, '../shared/dev-set/orsak_codebook.json'), 'utf8');
  const parsed = readCodebookFile(codebookText);
  if (!parsed.ok) throw new Error('dev-set codebook does not read');
  const codebook = parsed.value;
  console.log(
    `codebook: ${codebook.id}, ${leaves(codebook).length} leaves; ${runs} runs, medians${freeText ? '; --free-text' : ''}; load average (1/5/15 min) before ${load()}\n`,
  );

  // A. 10 000 × 5 000, paired with findBestMatch; on the synthetic values and on the same kind of
  // values with 2–4 more typing slips each.
  for (const [workload, slips] of WORKLOADS) {
    const { values, known, pair } = pairedWorkload(
      codebook,
      [10_000, 1],
      [5_000, 2],
      slips,
      500,
      () => console.log(`A. 10 000 values × 5 000 approved: ${workload}`),
    );
    if (slips > 0) {
      console.log('');
      continue;
    }
    // The whole command, in process (JSON files in, JSON array out) and as a process.
    const mapping = JSON.stringify({
      format: 'kodbok/mapping',
      formatVersion: 1,
      variable: codebook.variable,
      codebook: { id: codebook.id },
      entries: [...known].map(([raw, k]) => ({ raw, code: k.code, status: k.status })),
    });
    const files = new Map([
      ['codebook.json', codebookText],
      ['mapping.json', mapping],
      ['values.txt', values.map((v) => v.raw).join('\n')],
    ]);
    const cliRuns: number[] = [];
    for (let r = 0; r < runs; r++) {
      const io = memoryIo(files);
      const t0 = performance.now();
      await suggestCommand(
        ['--codebook', 'codebook.json', '--values', 'values.txt', '--mapping', 'mapping.json'],
        io,
      );
      cliRuns.push(performance.now() - t0);
    }
    const processRuns = wholeProcess(files, runs);
    const refMs = median(pair.reference);
    console.log(
      `   kodbok suggest (in-process, files in memory)  ${ms(median(cliRuns))} ${runsOf(cliRuns, ms)}  → ${(refMs / median(cliRuns)).toFixed(0)}× findBestMatch`,
    );
    console.log(
      typeof processRuns === 'string'
        ? `   node bin/kodbok.mjs suggest (whole process): ${processRuns}`
        : `   node bin/kodbok.mjs suggest (whole process: Node, the compiled CLI, files on disk)  ${ms(median(processRuns))} ${runsOf(processRuns, ms)}  → ${(refMs / median(processRuns)).toFixed(0)}× findBestMatch  (target ≥ 100×)\n`,
    );
  }

  // B. 1 300 × (codebook + 1 300), on both workloads.
  for (const [workload, slips] of WORKLOADS) {
    pairedWorkload(codebook, [1_300, 3], [1_300, 4], slips, 300, () =>
      console.log(`B. 1 300 values × (codebook + 1 300 approved): ${workload}  (target < 100 ms)`),
    );
    console.log('');
  }

  // C. 50 000 × 20 000.
  {
    const values = syntheticValues(codebook, 50_000, 5, freeText);
    const known = knownOf(syntheticValues(codebook, 20_000, 6, freeText));
    const heapBefore = process.memoryUsage().heapUsed;
    const sample = full ? values.length : 100;
    const pair = paired(codebook, known, values, sample);
    console.log('C. 50 000 values × 20 000 approved  (target < 10 s)');
    printPaired(pair, values.length, sample);
    console.log(
      `   peak memory: process max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; heap now ${((process.memoryUsage().heapUsed - heapBefore) / 1048576).toFixed(0)} MB above the start of C`,
    );
  }
  console.log(`\nload average (1/5/15 min) after ${load()}`);
}

await main();
