#!/usr/bin/env node
// Start-up of the compiled command line against bare Node, both through npx, measured paired
// (issue 14 item 1): each round runs `npx node -e 0` and `npx kodbok validate CODEBOOK` one
// right after the other, in alternating order, so load on a shared machine hits both alike.
// Prints the medians, the spread, the median of the per-round ratios and the load average.
//
//   node scripts/bench-cli-start.mjs [--runs N] [--command "validate FILE"]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('--runs', '15'));
// The default command validates a small codebook (written here, so the run needs nothing else).
const dir = mkdtempSync(join(tmpdir(), 'kodbok-start-'));
const codebook = join(dir, 'codebook.json');
writeFileSync(
  codebook,
  JSON.stringify({
    format: 'kodbok/codebook',
    formatVersion: 1,
    id: 'nuso-orsak',
    variable: 'aktualiseringsorsak',
    categories: [
      { code: 'HEM', label: 'Hemmiljö', parent: null },
      { code: 'H01', label: 'Bristande omsorg', parent: 'HEM' },
    ],
  }),
);
const command = arg('--command', `validate ${codebook}`).split(' ');

// CPU time (user + system) of the finished children, ms: on a machine shared with others the
// wall time mostly measures waiting for a core; the CPU time is what the start-up costs. Linux.
const HAS_PROC = existsSync('/proc/self/stat');
function childCpu() {
  if (!HAS_PROC) return 0;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // cutime and cstime (fields 16 and 17), in clock ticks of 10 ms.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

const cpu = { bare: [], cli: [] };
function time(args, into) {
  const cpuBefore = childCpu();
  const started = performance.now();
  execFileSync('npx', args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const wall = performance.now() - started;
  into?.push(childCpu() - cpuBefore);
  return wall;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const bare = [];
const cli = [];
const ratios = [];
const load = loadavg();
// One warm-up of each (npx's cache, the file system cache).
time(['node', '-e', '0']);
time(['kodbok', ...command]);
for (let i = 0; i < runs; i++) {
  let a;
  let b;
  if (i % 2 === 0) {
    a = time(['node', '-e', '0'], cpu.bare);
    b = time(['kodbok', ...command], cpu.cli);
  } else {
    b = time(['kodbok', ...command], cpu.cli);
    a = time(['node', '-e', '0'], cpu.bare);
  }
  bare.push(a);
  cli.push(b);
  ratios.push(b / a);
}
const ms = (x) => `${Math.round(x)} ms`;
const range = (xs) => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;
console.log(`wall: npx node -e 0 ${ms(median(bare))} (${range(bare)})`);
console.log(`wall: npx kodbok ${command[0]} ${ms(median(cli))} (${range(cli)})`);
console.log(
  `wall ratio (median of ${runs} paired rounds) ${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
);
if (HAS_PROC) {
  const cpuRatios = cpu.cli.map((c, i) => c / cpu.bare[i]);
  console.log(
    `CPU (user+sys): npx node -e 0 ${ms(median(cpu.bare))} (${range(cpu.bare)}), npx kodbok ${command[0]} ${ms(median(cpu.cli))} (${range(cpu.cli)}); ratio ${median(cpuRatios).toFixed(2)}× (${Math.min(...cpuRatios).toFixed(2)}–${Math.max(...cpuRatios).toFixed(2)})`,
  );
}
console.log(
  `load average before / after: ${load.map((x) => x.toFixed(2)).join(' ')} / ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (${cpus().length} cores)`,
);
rmSync(dir, { recursive: true, force: true });
