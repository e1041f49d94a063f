// Speed of suggestions (issue 4), on synthetic values made by perturbing codebook labels
// deterministically (prefixes, age ranges, persons, typos, extra words), as raw values vary:
//   A. 10 000 values × 5 000 approved values: the engine (build + suggest) against string-similarity
//      findBestMatch over the same pairs, in the same run; must be ≥ 50× faster. The `kodbok suggest`
//      command is also timed in-process (files in memory: parsing, engine, JSON output).
//   B. 1 300 values × (codebook + 1 300 approved): < 100 ms.
//   C. 50 000 values × 20 000 approved: < 10 s, with the process's peak memory.
// Medians of a few runs. findBestMatch over all 50 M pairs of A takes minutes, so by default it runs
// on a sample of the values and is scaled up (it is linear in the number of values); pass --full to
// run it on all of them.
//
//   npx tsx scripts/bench-suggest.ts [--full] [--runs N] [--free-text]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const runs = Number(args[args.indexOf('--runs') + 1] ?? '') || 3;
// --free-text: a nonsense word on most values, as an adversary: nearly every value is unique and
// shares most of its bigrams with hundreds of others.
const freeText = args.includes('--free-text');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
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

/** findBestMatch over all values, scaled from the sample it ran on. */
function scaledReference(all: number, sampled: number, refRuns: number[]): number {
  return (median(refRuns) * all) / sampled;
}

/** `node bin/kodbok.mjs suggest …` as a user runs it: medians of `runs` wall-clock times (ms). */
function wholeProcess(files: ReadonlyMap<string, string>, runs: number): number | string {
  const dir = mkdtempSync(join(tmpdir(), 'kodbok-bench-'));
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
    return median(times);
  } finally {
    rmSync(dir, { recursive: true, force: true });
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
    `codebook: ${codebook.id}, ${leaves(codebook).length} leaves; ${runs} runs, medians${freeText ? '; --free-text' : ''}\n`,
  );

  // A. 10 000 × 5 000, same run as findBestMatch.
  {
    const values = syntheticValues(codebook, 10_000, 1, freeText);
    const known = knownOf(syntheticValues(codebook, 5_000, 2, freeText));
    const results = Array.from({ length: runs }, () => runEngine(codebook, known, values));
    const engineMs = median(results.map(([b, s]) => b + s));
    const sample = full ? values : values.slice(0, 500);
    const refRuns = Array.from({ length: full ? 1 : runs }, () =>
      runReference(codebook, known, sample),
    );
    const refMs = (median(refRuns) * values.length) / sample.length;
    // The whole command, in process: JSON files in, JSON array out.
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
    const cliMs = median(cliRuns);
    const processMs = wholeProcess(files, runs);
    console.log('A. 10 000 values × 5 000 approved');
    console.log(
      `   engine build + suggest   ${ms(engineMs)}  (build ${ms(median(results.map((r) => r[0])))})`,
    );
    console.log(`   kodbok suggest (in-process, files in memory)  ${ms(cliMs)}`);
    console.log(
      typeof processMs === 'number'
        ? `   npx kodbok suggest (whole process: Node, the compiled CLI, files on disk)  ${ms(processMs)}  → ${(scaledReference(values.length, sample.length, refRuns) / processMs).toFixed(0)}×`
        : `   npx kodbok suggest (whole process): ${processMs}`,
    );
    console.log(
      `   findBestMatch            ${ms(refMs)}${full ? '' : `  (measured on ${sample.length} values: ${ms(median(refRuns))}, scaled ×${values.length / sample.length})`}`,
    );
    console.log(
      `   speed-up: engine ${(refMs / engineMs).toFixed(0)}×, command ${(refMs / cliMs).toFixed(0)}×  (target ≥ 50×)\n`,
    );
  }

  // B. 1 300 × (codebook + 1 300).
  {
    const values = syntheticValues(codebook, 1_300, 3, freeText);
    const known = knownOf(syntheticValues(codebook, 1_300, 4, freeText));
    const results = Array.from({ length: Math.max(runs, 5) }, () =>
      runEngine(codebook, known, values),
    );
    console.log('B. 1 300 values × (codebook + 1 300 approved)');
    console.log(
      `   suggest ${ms(median(results.map((r) => r[1])))}, build ${ms(median(results.map((r) => r[0])))}, together ${ms(median(results.map(([b, s]) => b + s)))}  (target < 100 ms)\n`,
    );
  }

  // C. 50 000 × 20 000.
  {
    const values = syntheticValues(codebook, 50_000, 5, freeText);
    const known = knownOf(syntheticValues(codebook, 20_000, 6, freeText));
    const heapBefore = process.memoryUsage().heapUsed;
    const results = Array.from({ length: runs }, () => runEngine(codebook, known, values));
    console.log('C. 50 000 values × 20 000 approved');
    console.log(
      `   build + suggest ${ms(median(results.map(([b, s]) => b + s)))} (build ${ms(median(results.map((r) => r[0])))})  (target < 10 s)`,
    );
    console.log(
      `   peak memory: process max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; heap now ${((process.memoryUsage().heapUsed - heapBefore) / 1048576).toFixed(0)} MB above the start of C`,
    );
  }
}

await main();
