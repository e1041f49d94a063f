#!/usr/bin/env node
// `npm run bench`: every speed and memory benchmark, in one run on this machine; writes
// docs/benchmarks.md. Node benchmarks run through tsx; browser ones in headless Debian Chromium.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}.bench-out`;
mkdirSync(out, { recursive: true });
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const fmt = (ms) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const sections = [];

// ---- Node benchmarks: each script prints one JSON object of rows on its last line ----------
const nodeBenches = [
  'test/bench/demo.bench.ts',
  ...(process.env.KODBOK_BENCH_EXTRA ?? '').split(',').filter(Boolean),
];
for (const file of nodeBenches) {
  console.error(`• ${file}`);
  const text = execFileSync('npx', ['tsx', file], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const last = text.trim().split('\n').at(-1);
  sections.push(JSON.parse(last));
}

// ---- Browser benchmarks ------------------------------------------------------------------
console.error('• browser: building the bench page');
await build({
  root,
  logLevel: 'warn',
  build: {
    outDir: `${out}/dist`,
    emptyOutDir: true,
    rollupOptions: { input: `${root}test/bench/browser/index.html` },
  },
});
const server = await preview({
  root,
  logLevel: 'warn',
  build: { outDir: `${out}/dist` },
  preview: { port: 0, host: '127.0.0.1' },
});
const url = `${server.resolvedUrls.local[0]}test/bench/browser/index.html`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const chromiumVersion = browser.version();
const rows = [];
try {
  for (const n of [1300, 50000]) {
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    await page.goto(url);
    await page.waitForFunction(() => document.title === 'ready');
    const ready = [];
    for (let i = 0; i < 5; i++)
      ready.push(await page.evaluate((k) => window.kodbokBench.gridReady(k), n));
    const wheel = await page.evaluate(() => window.kodbokBench.scroll('wheel', 120));
    const frames = await page.evaluate(() => window.kodbokBench.scroll('jump', 120));
    rows.push({
      name: `Grid ready, ${n.toLocaleString('en')} values (data loaded → rows painted)`,
      value: median(ready),
      unit: 'ms',
      target: 1000,
      detail: `runs: ${ready.map(fmt).join(', ')}`,
    });
    rows.push({
      name: `Wheel-scroll ${n.toLocaleString('en')} values (240 px a frame), frame time`,
      value: median(wheel),
      unit: 'ms',
      detail: `p95 ${fmt(pct(wheel, 0.95))}, worst ${fmt(Math.max(...wheel))} over ${wheel.length} frames`,
    });
    rows.push({
      name: `Drag through all ${n.toLocaleString('en')} values in 120 frames, frame time`,
      value: median(frames),
      unit: 'ms',
      detail: `p95 ${fmt(pct(frames, 0.95))}, worst ${fmt(Math.max(...frames))} over ${frames.length} frames`,
    });
    await page.close();
  }
  for (const n of [1000, 10000]) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.title === 'ready');
    const times = await page.evaluate((k) => window.kodbokBench.bulk(k, 5), n);
    rows.push({
      name: `Bulk assign on ${n.toLocaleString('en')} values, persisted (strict durability)`,
      value: median(times),
      unit: 'ms',
      target: n === 10000 ? 1000 : undefined,
      detail: `runs: ${times.map(fmt).join(', ')}`,
    });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
sections.push({ title: 'Workbench in the browser (headless Chromium)', rows });

// ---- Report ------------------------------------------------------------------------------
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, Chromium ${chromiumVersion}`;
const lines = [
  '# Benchmarks',
  '',
  'Made by `npm run bench` (scripts/bench.mjs), all figures from one run. Medians unless said otherwise.',
  '',
  `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  `- Machine: ${machine}`,
  '',
];
let failed = 0;
for (const s of sections) {
  lines.push(`## ${s.title}`, '', '| benchmark | result | target | details |', '|---|---|---|---|');
  for (const r of s.rows) {
    const value = r.unit === 'ms' ? fmt(r.value) : `${r.value}${r.unit ? ` ${r.unit}` : ''}`;
    const ok =
      r.target === undefined
        ? ''
        : (r.lowerIsBetter === false ? r.value >= r.target : r.value <= r.target)
          ? ' ✓'
          : ' ✗';
    if (ok === ' ✗') failed++;
    const target =
      r.target === undefined
        ? ''
        : `${r.lowerIsBetter === false ? '≥' : '<'} ${r.unit === 'ms' ? fmt(r.target) : `${r.target}${r.unit ? ` ${r.unit}` : ''}`}${ok}`;
    lines.push(`| ${r.name} | ${value} | ${target} | ${r.detail ?? ''} |`);
  }
  if (s.notes) lines.push('', ...s.notes);
  lines.push('');
}
const report = lines.join('\n');
const previous = (() => {
  try {
    return readFileSync(`${root}docs/benchmarks.md`, 'utf8');
  } catch {
    return '';
  }
})();
// Hand-written notes below the marker survive a new run.
const marker = '<!-- notes -->';
const notes = previous.includes(marker) ? previous.slice(previous.indexOf(marker)) : `${marker}\n`;
writeFileSync(`${root}docs/benchmarks.md`, `${report}\n${notes}`);
console.log(report);
if (failed > 0) {
  console.error(`${failed} benchmark(s) missed their target`);
  process.exitCode = 1;
}
