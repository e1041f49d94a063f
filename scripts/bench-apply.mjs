#!/usr/bin/env node
// `kodbok apply` against a plain Papa Parse parse of the same file, paired (issue 14 item 2):
// a Windows-1252 `;` CSV of N rows (kommun;kön;ålder;orsak, orsak multi-valued) is written to a
// temporary folder; each round runs, in alternating order, (a) a Node process that reads the
// file, decodes it and parses it with Papa Parse in one call, and (b) `node bin/kodbok.mjs apply`
// (the compiled CLI: decode, parse in chunks, split, code, write the CSV to a file). Wall time
// and peak RSS (/usr/bin/time) of each process; medians and the median of per-round ratios.
//
//   node scripts/bench-apply.mjs [--rows 1000000] [--runs 3]
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
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const rows = Number(arg('--rows', '1000000'));
const runs = Number(arg('--runs', '3'));
const dir = mkdtempSync(join(tmpdir(), 'kodbok-apply-bench-'));

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
const input = join(dir, 'data.csv');
{
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
}
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

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const load = loadavg();
const a = [];
const b = [];
for (let i = 0; i < runs; i++) {
  if (i % 2 === 0) {
    a.push(papa());
    b.push(apply());
  } else {
    b.push(apply());
    a.push(papa());
  }
}
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const list = (xs, f) => xs.map(f).join(', ');
const ratios = a.map((x, i) => b[i].ms / x.ms);
console.log(
  `${rows.toLocaleString('en')} rows, ${(statSync(input).size / 2 ** 20).toFixed(0)} MiB Windows-1252 CSV; ${runs} paired rounds`,
);
console.log(
  `plain Papa Parse (read, decode, parse)  ${s(median(a.map((x) => x.ms)))} (${list(a, (x) => s(x.ms))}); peak RSS ${median(a.map((x) => x.rssMb)).toFixed(0)} MB`,
);
console.log(
  `kodbok apply --out                      ${s(median(b.map((x) => x.ms)))} (${list(b, (x) => s(x.ms))}); peak RSS ${median(b.map((x) => x.rssMb)).toFixed(0)} MB (${list(b, (x) => x.rssMb.toFixed(0))})`,
);
console.log(
  `ratio apply / Papa (median of rounds)   ${median(ratios).toFixed(2)}× (${list(ratios, (r) => r.toFixed(2))})`,
);
console.log(
  `load average before / after: ${load.map((x) => x.toFixed(2)).join(' ')} / ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (${cpus().length} cores)`,
);
rmSync(dir, { recursive: true, force: true });
