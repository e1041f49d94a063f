#!/usr/bin/env node
// `kodbok apply` against a plain Papa Parse parse of the same file, paired (issue 14 item 2):
// a Windows-1252 `;` CSV of N rows (kommun;kön;ålder;orsak, a third of the orsak cells hold two
// reasons) is written to a temporary folder; each round runs, in alternating order, (a) a Node
// process that reads the file, decodes it and parses it with one `Papa.parse` call, and (b)
// `node bin/kodbok.mjs apply … --out FILE` (the compiled CLI: decode, parse in 1 MiB chunks,
// split, code, write the CSV). Wall time and peak RSS (/usr/bin/time) of each process; medians,
// spreads and the median of the per-round ratios; the load average before and after.
//
// Part of `npm run bench` (1 M and 5 M rows; `npm run bench -- --only=apply`). Alone:
//   node scripts/bench-apply.mjs [--rows 1000000] [--runs 5]
import { spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  openSync,
  closeSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---- the workload: deterministic, Windows-1252 as Excel on a Swedish Windows writes it ----
const REASONS = [
  'Missbruk förälder',
  'Skolproblem',
  'Missbruk BoU – Barnet/den unge',
  'Våld i nära relation',
  'Bristande omsorg',
  'Psykisk ohälsa förälder',
  'Kriminalitet',
  'Övrigt',
];
const KOMMUNER = ['Gävle', 'Åre', 'Umeå', 'Örebro', 'Malmö', 'Luleå', 'Växjö', 'Borås'];
const CP1252 = new Map([['–', 0x96]]);
const encode = (text) => Uint8Array.from([...text], (ch) => CP1252.get(ch) ?? ch.codePointAt(0));
/** Writes the workload (deterministic: the same bytes on every machine) and its mapping. */
function writeWorkload(dir, rows) {
  const input = join(dir, 'data.csv');
  const fd = openSync(input, 'w');
  let seed = 42;
  const next = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  writeSync(fd, encode('kommun;kön;ålder;orsak\r\n'));
  let block = '';
  for (let i = 0; i < rows; i++) {
    const reasons = [REASONS[next(REASONS.length)]];
    if (next(3) === 0) reasons.push(REASONS[next(REASONS.length)]);
    block += `${KOMMUNER[next(KOMMUNER.length)]};${next(2) ? 'Pojke' : 'Flicka'};${next(18)};${reasons.join(', ')}\r\n`;
    if (block.length > 1 << 20) {
      writeSync(fd, encode(block));
      block = '';
    }
  }
  writeSync(fd, encode(block));
  closeSync(fd);
  const mapping = join(dir, 'mapping.json');
  writeFileSync(
    mapping,
    JSON.stringify({
      format: 'kodbok/mapping',
      formatVersion: 1,
      variable: 'orsak',
      codebook: { id: 'nuso-orsak' },
      split: { separators: [','] },
      entries: REASONS.slice(0, 6).map((raw, i) => ({ raw, code: `K${i}`, status: 'approved' })),
    }),
  );
  const papaScript = join(dir, 'papa.mjs');
  writeFileSync(
    papaScript,
    `import { readFileSync } from 'node:fs';
import Papa from ${JSON.stringify(join(root, 'node_modules/papaparse/papaparse.js'))};
const text = new TextDecoder('windows-1252').decode(readFileSync(process.argv[2]));
const out = Papa.parse(text, { delimiter: ';' });
if (out.data.length < 2) process.exit(1);
`,
  );
  return { input, mapping, papaScript };
}

function run(args) {
  const started = performance.now();
  const out = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = performance.now() - started;
  if (out.status !== 0) throw new Error(`${args[0]} failed: ${out.stderr}`);
  // /usr/bin/time prints the peak RSS (KiB) on the last line of stderr.
  return { ms, rssMb: Number(out.stderr.trim().split('\n').at(-1)) / 1024 };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;

/**
 * Measures `runs` paired rounds on a file of `rows` rows; returns medians, every run, the load
 * average before and after, and the workload's size.
 */
export function benchApply({ rows, runs }) {
  const dir = mkdtempSync(join(tmpdir(), 'kodbok-apply-bench-'));
  try {
    const { input, mapping, papaScript } = writeWorkload(dir, rows);
    const papa = () => run([papaScript, input]);
    const apply = () =>
      run([
        join(root, 'bin/kodbok.mjs'),
        'apply',
        '--mapping',
        mapping,
        '--input',
        input,
        '--column',
        'orsak',
        '--out',
        join(dir, 'out.csv'),
      ]);
    const loadBefore = loadavg();
    const baseline = [];
    const command = [];
    for (let i = 0; i < runs; i++) {
      // Alternating order: neither side always runs first (page cache, CPU frequency).
      if (i % 2 === 0) {
        baseline.push(papa());
        command.push(apply());
      } else {
        command.push(apply());
        baseline.push(papa());
      }
    }
    const ratios = baseline.map((x, i) => command[i].ms / x.ms);
    return {
      rows,
      runs,
      fileMiB: statSync(input).size / 2 ** 20,
      baseline,
      command,
      ratios,
      ratio: median(ratios),
      baselineMs: median(baseline.map((x) => x.ms)),
      commandMs: median(command.map((x) => x.ms)),
      baselineRssMb: median(baseline.map((x) => x.rssMb)),
      commandRssMb: median(command.map((x) => x.rssMb)),
      commandRssMaxMb: Math.max(...command.map((x) => x.rssMb)),
      loadBefore,
      loadAfter: loadavg(),
      cores: cpus().length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The result as lines of text (the script alone prints them; bench.mjs keeps them as notes). */
export function describeApply(r) {
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const list = (xs, f) => xs.map(f).join(', ');
  const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
  return [
    `${r.rows.toLocaleString('en')} rows, ${r.fileMiB.toFixed(0)} MiB Windows-1252 CSV; ${r.runs} paired rounds`,
    `plain Papa Parse (read, decode, parse)  ${s(r.baselineMs)} (${list(r.baseline, (x) => s(x.ms))}); peak RSS ${r.baselineRssMb.toFixed(0)} MB (${list(r.baseline, (x) => x.rssMb.toFixed(0))})`,
    `kodbok apply --out                      ${s(r.commandMs)} (${list(r.command, (x) => s(x.ms))}); peak RSS ${r.commandRssMb.toFixed(0)} MB (${list(r.command, (x) => x.rssMb.toFixed(0))})`,
    `ratio apply / Papa (median of rounds)   ${r.ratio.toFixed(2)}× (${spread(r.ratios)}; ${list(r.ratios, (x) => x.toFixed(2))})`,
    `load average before / after: ${load(r.loadBefore)} / ${load(r.loadAfter)} (${r.cores} cores)`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const result = benchApply({
    rows: Number(arg('--rows', '1000000')),
    runs: Number(arg('--runs', '5')),
  });
  for (const line of describeApply(result)) console.log(line);
}
