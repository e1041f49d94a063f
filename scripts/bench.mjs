#!/usr/bin/env node
// `npm run bench`: every speed and memory benchmark, in one run on this machine; writes
// docs/benchmarks.md. Node benchmarks run through tsx; browser ones in headless Debian Chromium.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';
import { benchApply, describeApply } from './bench-apply.mjs';

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
// `npm run bench -- --only=worker`: only the browser's suggestion worker, printed, docs untouched
// (for working on the engine; the recorded figures always come from a full run). `--only=keys`:
// only keystroke to paint; `--only=bulk`: only the bulk actions; `--only=open`: first open;
// `--only=apply`: kodbok apply against Papa Parse (`--rows=N` for one size, to try it quickly);
// `--only=import`: suggestions after a 50 000-value import. `--only=team`: a team's sync at scale
// against a local team server (`--events=N --values=N --coders=N` to try it small).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
if (
  only !== undefined &&
  !['worker', 'keys', 'bulk', 'open', 'apply', 'import', 'team'].includes(only)
)
  throw new Error(`--only: unknown part "${only}"`);
const rowsArg = process.argv.find((a) => a.startsWith('--rows='))?.slice('--rows='.length);
// `--runs=N` with --only: fewer runs, to try a part quickly (recorded figures use the default).
const runsArg = process.argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length);
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

// ---- Node benchmarks: each script prints one JSON object of rows on its last line ----------
// The demo generation figures (test/bench/demo.bench.ts) have no fair baseline to pair them with,
// so they are not part of the recorded run (issue 14 item 6); KODBOK_BENCH_EXTRA adds them.
const nodeBenches = (process.env.KODBOK_BENCH_EXTRA ?? '').split(',').filter(Boolean);
for (const file of only ? [] : nodeBenches) {
  console.error(`• ${file}`);
  const text = execFileSync('npx', ['tsx', file], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const last = text.trim().split('\n').at(-1);
  sections.push(JSON.parse(last));
}

// ---- A team at scale (issue 10 item 7): first sync of a new member, one decision's trip ------
if (only === undefined || only === 'team') {
  console.error('• scripts/bench-team.ts');
  const sizes = process.argv.filter((a) => /^--(events|values|coders)=\d+$/.test(a));
  const text = execFileSync('npx', ['tsx', 'scripts/bench-team.ts', ...sizes], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const section = JSON.parse(text.trim().split('\n').at(-1));
  sections.push(section);
  // Printed, docs untouched (the recorded figures come from a full run).
  if (only === 'team') {
    console.log(JSON.stringify(section, null, 2));
    process.exit(0);
  }
}

// ---- The suggestion engine: speed (issue 4) and quality (FORMATS.md), printed as they report --
// Run before the browser benchmarks, on an otherwise idle machine: the ratio and the 100 ms
// target are sensitive to load.
for (const [title, file] of only
  ? []
  : [
      ['Suggestion engine: speed (scripts/bench-suggest.ts)', 'scripts/bench-suggest.ts'],
      ['Suggestion quality (scripts/quality.ts)', 'scripts/quality.ts'],
    ]) {
  console.error(`• ${file}`);
  const text = execFileSync('npx', ['tsx', file], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  sections.push({ title, rows: [], notes: ['```', text.trimEnd(), '```'] });
}

// ---- kodbok apply, streamed, paired with Papa Parse (issue 14 item 2) ---------------------
/** 1 M and 5 M rows, 5 paired rounds each: within 1.5× of Papa, peak RSS ≤ 600 MB and flat. */
function applySection() {
  const sizes = rowsArg ? [Number(rowsArg)] : [1_000_000, 5_000_000];
  // The command line as the source is now (bin/kodbok.mjs runs dist-cli/).
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, stdio: 'inherit' });
  const results = sizes.map((n) => {
    console.error(`• scripts/bench-apply.mjs: ${n.toLocaleString('en')} rows`);
    return benchApply({ rows: n, runs: Number(runsArg ?? 5) });
  });
  const rows = [];
  for (const r of results) {
    const n = r.rows.toLocaleString('en');
    const range = (xs) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
    rows.push({
      name: `kodbok apply, ${n} rows (${r.fileMiB.toFixed(0)} MiB Windows-1252 CSV), over a plain Papa Parse parse of the same file`,
      value: Number(r.ratio.toFixed(2)),
      unit: '×',
      target: 1.5,
      detail: `median of ${r.runs} paired rounds (${r.ratios.map((x) => x.toFixed(2)).join(', ')}); apply ${fmt(r.commandMs)} (${range(r.command.map((x) => x.ms))}), Papa ${fmt(r.baselineMs)} (${range(r.baseline.map((x) => x.ms))}); load average before ${r.loadBefore.map((x) => x.toFixed(2)).join(' / ')}, after ${r.loadAfter.map((x) => x.toFixed(2)).join(' / ')}`,
    });
    rows.push({
      name: `kodbok apply, ${n} rows: peak RSS of the process`,
      value: Math.round(r.commandRssMaxMb),
      unit: 'MB',
      target: 600,
      detail: `largest of ${r.runs} runs (${r.command.map((x) => x.rssMb.toFixed(0)).join(', ')} MB); Papa Parse holding the file: ${r.baseline.map((x) => x.rssMb.toFixed(0)).join(', ')} MB`,
    });
  }
  return {
    title: 'Command line: `kodbok apply`, streamed (scripts/bench-apply.mjs)',
    rows,
    notes: [
      'Workload: a deterministic Windows-1252 `;` CSV (kommun;kön;ålder;orsak; a third of the orsak cells',
      'hold two reasons, `–` in one of them) and a mapping that splits on `,` and approves 6 of the 8 reasons.',
      'Each round runs, in alternating order, a Node process that reads the whole file, decodes it and',
      'parses it with one `Papa.parse` call (the baseline), and `node bin/kodbok.mjs apply … --out FILE`',
      '(decode, parse in 1 MiB chunks, split, code, write). Wall time and peak RSS from /usr/bin/time.',
      'Flat memory: compare the peak RSS at 1 M and 5 M rows. Command: `npm run bench -- --only=apply`.',
      '',
      '```',
      ...results.flatMap(describeApply),
      '```',
    ],
  };
}
if (only === undefined) sections.push(applySection());
if (only === 'apply') {
  for (const line of applySection().notes.slice(8, -1)) console.log(line);
  process.exit(0);
}

// ---- Browser benchmarks ------------------------------------------------------------------
console.error('• browser: building the bench page');
await build({
  root,
  logLevel: 'warn',
  build: {
    outDir: `${out}/dist`,
    emptyOutDir: true,
    // Readable function names in a profile (KODBOK_BENCH_PROFILE); figures come from minified code.
    ...(process.env.KODBOK_BENCH_PROFILE ? { minify: false } : {}),
    // The bench page and the app itself (first open is measured on the real page).
    rollupOptions: {
      input: { bench: `${root}test/bench/browser/index.html`, app: `${root}index.html` },
    },
  },
});
const server = await preview({
  root,
  logLevel: 'warn',
  build: { outDir: `${out}/dist` },
  preview: { port: 0, host: '127.0.0.1' },
});
const url = `${server.resolvedUrls.local[0]}test/bench/browser/index.html`;
const appUrl = `${server.resolvedUrls.local[0]}index.html`;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    ...CHROMIUM_ARGS,
    // performance.memory in bytes, not rounded buckets (the import's heap figure).
    '--enable-precise-memory-info',
  ],
});
const chromiumVersion = browser.version();
const rows = [];
const importRows = [];
const keyNotes = [];

/**
 * ms to persist one bulk decision on n values, 5 runs on a fresh database, paired with a plain
 * read and write of the same rows in one strict transaction (test/bench/browser/bench.tsx).
 */
async function bulkRuns(browser, n) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'ready');
  const before = loadAverage();
  const out = await page.evaluate((k) => window.kodbokBench.bulk(k, 5), n);
  await page.close();
  return { ...out, load: `load average before ${before}, after ${loadAverage()}` };
}

function bulkRow(n, { times, baseline, load }) {
  const range = (xs) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
  return {
    name: `Bulk assign on ${n.toLocaleString('en')} values, persisted (strict durability)`,
    value: median(times),
    unit: 'ms',
    target: n === 10000 ? 1000 : undefined,
    detail: `median of ${times.length} runs (${range(times)}: ${times.map(fmt).join(', ')}); paired baseline, the same rows read and written back by plain Dexie in one strict transaction: ${fmt(median(baseline))} (${range(baseline)}); ${load}`,
  };
}

/** Reads the demo as CSV (220 000 and 1 000 000 rows) and XLSX with the import's code. */
async function importBenchmarks(browser) {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'ready');
  const measure = async (kind, n, runs) => {
    const bytes = await page.evaluate(
      ([k, r]) => window.kodbokImportBench.prepareImport(k, r),
      [kind, n],
    );
    const out = [];
    for (let i = 0; i < runs; i++) {
      await cdp.send('HeapProfiler.collectGarbage');
      let cdpPeak = 0;
      let polling = true;
      const poll = (async () => {
        while (polling) {
          const { metrics } = await cdp.send('Performance.getMetrics');
          const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
          cdpPeak = Math.max(cdpPeak, used);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const r = await page.evaluate(() => window.kodbokImportBench.runImport());
      polling = false;
      await poll;
      out.push({
        ...r,
        total: r.inspectMs + r.readMs + r.buildMs,
        peak: Math.max(r.peakHeap, cdpPeak),
      });
    }
    return { bytes, out };
  };
  const mb = (b) => `${(b / 2 ** 20).toFixed(1)} MB`;
  const describe = ({ out }) => {
    const m = (k) => median(out.map((r) => r[k]));
    return `runs: ${out.map((r) => fmt(r.total)).join(', ')}; load average now ${loadAverage()}; median inspect ${fmt(m('inspectMs'))}, read (parse + count) ${fmt(m('readMs'))}, build (split) ${fmt(m('buildMs'))}; ${out[0].rows.toLocaleString('en')} rows → ${out[0].values.toLocaleString('en')} values`;
  };
  const result = [];
  const csv = await measure('csv', 220_000, 5);
  result.push({
    name: `Import the demo as a 220,000-row CSV (${mb(csv.bytes)}): inspect + parse + split + count`,
    value: median(csv.out.map((r) => r.total)),
    unit: 'ms',
    target: 2000,
    detail: describe(csv),
  });
  const big = await measure('csv', 1_000_000, 5);
  result.push({
    name: `Import a 1,000,000-row CSV (${mb(big.bytes)}): inspect + parse + split + count`,
    value: median(big.out.map((r) => r.total)),
    unit: 'ms',
    target: 8000,
    detail: describe(big),
  });
  const peak = Math.max(...big.out.map((r) => r.peak));
  result.push({
    name: 'Import a 1,000,000-row CSV: peak JS heap',
    value: Math.round(peak / 2 ** 20),
    unit: 'MB',
    target: 500,
    detail: `before the run ${mb(Math.max(...big.out.map((r) => r.baseHeap)))}; per run ${big.out.map((r) => mb(r.peak)).join(', ')}`,
  });
  const xlsx = await measure('xlsx', 220_000, 5);
  result.push({
    name: `Import the 220,000 rows as XLSX (${mb(xlsx.bytes)}): inspect + parse + split + count`,
    value: median(xlsx.out.map((r) => r.total)),
    unit: 'ms',
    target: 10_000,
    detail: `${describe(xlsx)}; peak JS heap ${mb(Math.max(...xlsx.out.map((r) => r.peak)))}`,
  });
  const scale = [];
  for (let i = 0; i < 5; i++)
    scale.push(await page.evaluate(() => window.kodbokImportBench.commitAtScale(50_000)));
  result.push({
    name: 'Commit one import of 50,000 values (25,001 new, 100,000 cells) into a project of 50,000 values',
    value: median(scale.map((r) => r.commitMs)),
    unit: 'ms',
    detail: `one transaction, strict durability; runs: ${scale.map((r) => fmt(r.commitMs)).join(', ')}`,
  });
  result.push({
    name: 'Undo that import (one transaction)',
    value: median(scale.map((r) => r.undoMs)),
    unit: 'ms',
    detail: `runs: ${scale.map((r) => fmt(r.undoMs)).join(', ')}`,
  });
  await page.close();
  return result;
}
/**
 * Issue 4's B in the app's suggestion worker: 1 300 values × (codebook + 1 300 approved), init and
 * one suggest call, as round trips from the page. The first run is cold (the worker just started,
 * nothing compiled); the median is of the warm runs after it.
 */
async function suggestWorkerBenchmarks(browser) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'ready');
  const codebookText = readFileSync(`${root}../shared/dev-set/orsak_codebook.json`, 'utf8');
  const runs = [];
  for (let i = 0; i < 16; i++)
    runs.push(
      await page.evaluate(
        ([text]) => window.kodbokSuggestBench.suggestInWorker(text, 1300, 1300),
        [codebookText],
      ),
    );
  // Issue 12 item 2: one approval among 1 300 values, until the moved values' suggestions are back.
  const refresh = [];
  for (let i = 0; i < 8; i++)
    refresh.push(
      await page.evaluate(
        ([text, n]) => window.kodbokSuggestBench.refreshAfterApproval(text, 1300, n),
        [codebookText, i * 97],
      ),
    );
  await page.close();
  if (runs.some((r) => r.suggested < 1300 * 0.9))
    throw new Error(`the worker suggested for too few values: ${runs.map((r) => r.suggested)}`);
  const [cold, ...warm] = runs;
  const total = (r) => r.initMs + r.suggestMs;
  return [
    {
      name: '1,300 values × (codebook + 1,300 approved) in the worker: build + suggest',
      value: median(warm.map(total)),
      unit: 'ms',
      target: 100,
      detail: `build ${fmt(median(warm.map((r) => r.initMs)))}, suggest ${fmt(median(warm.map((r) => r.suggestMs)))} (medians of ${warm.length} warm runs: ${warm.map((r) => fmt(total(r))).join(', ')}); first run after the worker starts ${fmt(total(cold))}`,
    },
    {
      name: 'One approval among 1,300 values: learn + the moved values suggested again (worker)',
      value: Math.max(...refresh.map((r) => r.refreshMs)),
      unit: 'ms',
      target: 500,
      detail: `slowest of ${refresh.length} approvals (each a different value): ${refresh.map((r) => `${fmt(r.refreshMs)} (${r.moved} moved)`).join(', ')}; the grid's row update after it is not included`,
    },
  ];
}

/**
 * Keystroke to painted screen (issue 9 item 6) in the whole app on n values, the suggestion worker
 * kept busy: Event Timing entries (durationThreshold 16, as INP) grouped by interaction, each
 * interaction's longest entry; keys without an entry took < 16 ms. Typing in the search box (a
 * word typed and erased) and coding in the grid (Enter, A, ↓ repeated), 60 ms between keys.
 */
async function keyBenchmarks(browser, n, runs = 5) {
  const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'ready');
  const openMs = await page.evaluate((k) => window.kodbokKeysBench.openApp(k), n);
  await page.evaluate(() => window.kodbokKeysBench.startBusy());
  const DELAY = 60;
  const p95Of = (timings, pressed) => {
    const byInteraction = new Map();
    for (const e of timings)
      byInteraction.set(
        e.interactionId,
        Math.max(byInteraction.get(e.interactionId) ?? 0, e.duration),
      );
    const slow = [...byInteraction.values()];
    // Keys with no entry were faster than the API's 16 ms floor: counted as 0 here, shown as "< 16".
    const all = [...slow, ...Array(Math.max(0, pressed - slow.length)).fill(0)];
    return {
      p95: pct(all, 0.95),
      worst: Math.max(0, ...all),
      over50: slow.filter((d) => d > 50).length,
      pressed,
    };
  };
  const search = [];
  const word = 'missbruk förälder';
  for (let r = 0; r < runs; r++) {
    await page.click('input.quick');
    await page.evaluate(() => window.kodbokKeysBench.measure());
    await page.keyboard.type(word, { delay: DELAY });
    for (let i = 0; i < word.length; i++) await page.keyboard.press('Backspace', { delay: DELAY });
    search.push(
      p95Of(await page.evaluate(() => window.kodbokKeysBench.collect()), word.length * 2),
    );
  }
  // Key to the grid filtered and drawn (the search runs after the key's own paint): each key of
  // the word typed and erased once, waiting for the grid before the next.
  const drawn = [];
  await page.click('input.quick');
  for (let i = 1; i <= word.length * 2; i++) {
    const typed = i <= word.length ? word.slice(0, i) : word.slice(0, word.length * 2 - i);
    await page.evaluate((q) => window.kodbokKeysBench.armSearch(q), typed);
    if (i <= word.length) await page.keyboard.type(word[i - 1]);
    else await page.keyboard.press('Backspace');
    drawn.push(await page.evaluate(() => window.kodbokKeysBench.searchTime()));
  }
  const coding = [];
  await page.click('.ag-row[row-index="0"] [col-id="raw"]');
  for (let r = 0; r < runs; r++) {
    await page.evaluate(() => window.kodbokKeysBench.measure());
    for (let i = 0; i < 12; i++)
      for (const key of ['Enter', 'a', 'ArrowDown']) {
        await page.keyboard.press(key);
        await page.waitForTimeout(DELAY);
      }
    coding.push(p95Of(await page.evaluate(() => window.kodbokKeysBench.collect()), 36));
  }
  const stillBusy = await page.evaluate(() => window.kodbokKeysBench.suggesting());
  await page.evaluate(() => window.kodbokKeysBench.stopBusy());
  await page.close();
  const row = (what, list) => {
    const p95s = list.map((x) => x.p95);
    const shown = (ms) => (ms < 16 ? '< 16 ms' : fmt(ms));
    return {
      name: `Keystroke to paint, ${what}, ${n.toLocaleString('en')} values, worker busy: p95`,
      value: Math.max(16, median(p95s)),
      display: shown(median(p95s)),
      unit: 'ms',
      target: n > 5000 ? 100 : 50,
      detail: `p95 of ${list.length} runs (${list[0].pressed} keys each): ${p95s.map(shown).join(', ')}; worst key ${fmt(Math.max(...list.map((x) => x.worst)))}; keys over 50 ms: ${list.reduce((a, x) => a + x.over50, 0)} of ${list.reduce((a, x) => a + x.pressed, 0)}`,
    };
  };
  return {
    openMs,
    stillBusy,
    rows: [
      row('typing in the search box', search),
      {
        name: `Key to the search's rows drawn, ${n.toLocaleString('en')} values, worker busy: median`,
        value: median(drawn),
        display: fmt(median(drawn)),
        unit: 'ms',
        detail: `each key of "${word}" typed and erased, the next key after the grid: median ${fmt(median(drawn))}, p95 ${fmt(pct(drawn, 0.95))}, worst ${fmt(Math.max(...drawn))}`,
      },
      row('coding in the grid (Enter, A, ↓)', coding),
    ],
  };
}

/**
 * First open on a returning visit (issue 14 item 4): a project of n values stored, the app's code
 * in the HTTP cache from an earlier visit (the first load is not measured). "Usable": ms from
 * navigation start until the grid's rows are painted and a key acts (a click on the first row,
 * then ↓ moves the focus to the second row; Playwright's round trips are included). Paired with
 * the same loads' first contentful paint (the page's HTML and first script: the floor).
 */
async function firstOpen(browser, n, runs = 5) {
  const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'ready');
  await page.evaluate((k) => window.kodbokKeysBench.seed(k), n);
  const times = [];
  const painted = [];
  const fcp = [];
  // KODBOK_BENCH_PROFILE=FILE: a CPU profile of the last load, from navigation until the key acted.
  const profile = process.env.KODBOK_BENCH_PROFILE;
  const cdp = profile ? await context.newCDPSession(page) : null;
  for (let r = 0; r <= runs; r++) {
    if (cdp && r === runs) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    await page.goto(appUrl);
    const rowsAt = await page.waitForFunction(
      () =>
        document.querySelectorAll('.ag-row [col-id="raw"]').length > 5 &&
        new Promise((res) => requestAnimationFrame(() => res(performance.now()))),
      undefined,
      { timeout: 120_000, polling: 'raf' },
    );
    await page.locator('.ag-row[row-index="0"] [col-id="raw"]').click();
    await page.keyboard.press('ArrowDown');
    const keyAt = await page.waitForFunction(
      () =>
        document.querySelector('.ag-row[row-index="1"] .ag-cell-focus') !== null &&
        performance.now(),
      undefined,
      { timeout: 60_000, polling: 'raf' },
    );
    if (cdp && r === runs)
      writeFileSync(`${profile}-${n}`, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const paint = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    );
    if (r > 0) {
      times.push(await keyAt.jsonValue());
      painted.push(await rowsAt.jsonValue());
      fcp.push(paint);
    }
  }
  await context.close();
  // The JavaScript the page loads before anything is opened: its script and modulepreload tags.
  const html = readFileSync(`${out}/dist/index.html`, 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const scriptBytes = files.reduce((a, f) => a + statSync(`${out}/dist/${f}`).size, 0);
  return { times, painted, fcp, scriptBytes };
}

async function runOpen(browser) {
  const out = [];
  const range = (xs) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
  for (const n of [1300, 50000]) {
    const before = loadAverage();
    const { times, painted, fcp, scriptBytes } = await firstOpen(browser, n, Number(runsArg ?? 5));
    out.push({
      name: `First open to a usable grid (rows painted, a key acts), returning visit, ${n.toLocaleString('en')} values`,
      value: median(times),
      unit: 'ms',
      target: 1500,
      detail: `median of ${times.length} runs (${range(times)}: ${times.map(fmt).join(', ')}); rows painted at ${fmt(median(painted))} (${range(painted)}); paired floor, first contentful paint of the same loads: ${fmt(median(fcp))} (${range(fcp)}); JavaScript loaded by the first screen ${(scriptBytes / 2 ** 20).toFixed(2)} MB (uncompressed); load average before ${before}, after ${loadAverage()}`,
    });
  }
  return out;
}

/**
 * Suggestions after a big import (issue 14 item 3): the app open on a seeded project of 1 300
 * values (its first suggestions done), a CSV of n new distinct values imported through the import
 * dialog; from the import's commit to every new value's suggestion in the grid's row data, and the
 * longest main-thread task in that window. A run that does not finish in time fails with what was
 * missing (test/bench/browser/import-suggest-bench.ts), never hangs.
 */
async function importSuggestions(browser, n, run) {
  const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.title === 'ready');
    await page.evaluate(() => window.kodbokKeysBench.openApp(1300));
    await page.waitForFunction(() => !window.kodbokKeysBench.suggesting(), undefined, {
      timeout: 60_000,
    });
    const csv = await page.evaluate(
      ([k, seed]) => window.kodbokImportSuggestBench.importCsv(k, seed),
      [n, 100 + run],
    );
    await page.getByTestId('export-menu').click();
    await page.getByTestId('import-files').click();
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'Göteborg.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll('[data-testid="import-file"]')];
        return rows.length > 0 && rows.every((r) => r.getAttribute('data-status') !== 'inspecting');
      },
      undefined,
      { timeout: 60_000 },
    );
    if ((await page.getByTestId('import-confirm-delimiters').count()) > 0)
      await page.getByTestId('import-confirm-delimiters').click();
    await page.getByTestId('import-read').click();
    await page.locator('.imp-steps [data-step="split"].active').waitFor({ timeout: 120_000 });
    if ((await page.getByTestId('import-protect-all').count()) > 0)
      await page.getByTestId('import-protect-all').click();
    await page.getByTestId('import-review').click();
    await page.getByTestId('import-review-step').waitFor({ timeout: 60_000 });
    await page.evaluate(() => window.kodbokImportSuggestBench.watch(120_000));
    // KODBOK_BENCH_PROFILE=FILE: a CPU profile of the page from the commit click to the end.
    const profile = process.env.KODBOK_BENCH_PROFILE;
    const cdp = profile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    await page.getByTestId('import-commit-files').click();
    const result = await page.evaluate(() => window.kodbokImportSuggestBench.result());
    if (cdp) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    return result;
  } finally {
    await page.close();
  }
}

async function runImportSuggestions(browser, n, runs = 5) {
  const before = loadAverage();
  const out = [];
  for (let r = 0; r < runs; r++) {
    console.error(`• import of ${n.toLocaleString('en')} new values, run ${r + 1}`);
    out.push(await importSuggestions(browser, n, r));
  }
  const range = (xs) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
  const done = out.map((r) => r.doneMs);
  const longest = out.map((r) => r.longestTaskMs);
  const load = `load average before ${before}, after ${loadAverage()}`;
  return [
    {
      name: `Suggestions after importing ${n.toLocaleString('en')} new values: commit → every suggestion in the grid`,
      value: median(done),
      unit: 'ms',
      target: 5000,
      detail: `median of ${runs} runs (${range(done)}: ${done.map(fmt).join(', ')}); ${out[0].withSuggestion.toLocaleString('en')} of ${out[0].values.toLocaleString('en')} values with a suggestion; ${load}`,
    },
    {
      name: 'Longest main-thread task in that window (the grid usable throughout)',
      value: median(longest),
      unit: 'ms',
      detail: `median of ${runs} runs (${range(longest)}: ${longest.map(fmt).join(', ')}); tasks over 200 ms per run: ${out.map((r) => r.tasksOver200).join(', ')}; over 50 ms: ${out.map((r) => r.tasksOver50).join(', ')}, together ${out.map((r) => fmt(r.longTasksMs)).join(', ')}; first suggestions in the store after ${out.map((r) => fmt(r.firstBatchMs)).join(', ')}, last after ${out.map((r) => fmt(r.lastBatchMs)).join(', ')}`,
    },
  ];
}

async function runKeys(browser) {
  const keyRows = [];
  const notes = [];
  for (const n of [1300, 50000]) {
    const before = loadAverage();
    const out = await keyBenchmarks(browser, n);
    keyRows.push(...out.rows);
    notes.push(
      `- ${n.toLocaleString('en')} values: app open to rows painted ${fmt(out.openMs)}; load average (1/5/15 min) before ${before}, after ${loadAverage()}; the app's own suggestion sync still running at the end: ${out.stillBusy ? 'yes' : 'no'}.`,
    );
  }
  return { keyRows, notes };
}

try {
  if (only === 'keys' || only === 'bulk' || only === 'open' || only === 'import') {
    if (only === 'import') {
      const n = Number(rowsArg ?? 50_000);
      for (const r of await runImportSuggestions(browser, n, Number(runsArg ?? 5)))
        console.log(`${r.name}: ${fmt(r.value)} — ${r.detail}`);
    } else if (only === 'open') {
      for (const r of await runOpen(browser))
        console.log(`${r.name}: ${fmt(r.value)} — ${r.detail}`);
    } else if (only === 'keys') {
      const { keyRows, notes } = await runKeys(browser);
      for (const r of keyRows) console.log(`${r.name}: ${r.display} — ${r.detail}`);
      for (const n of notes) console.log(n);
    } else {
      for (const n of [1000, 10000]) {
        const r = bulkRow(n, await bulkRuns(browser, n));
        console.log(`${r.name}: ${fmt(r.value)} — ${r.detail}`);
      }
    }
    process.exit(0);
  }
  const workerLoad = loadAverage();
  const workerRows = await suggestWorkerBenchmarks(browser);
  sections.push({
    title: "Suggestion engine in the browser's worker (headless Chromium)",
    rows: workerRows,
    notes: [
      "Round trips from the page to the app's suggestion worker (src/workers/suggest.worker.ts), values",
      'cloned both ways: `init` (engine built from the ref-orsak codebook and 1 300 approved values) and one',
      '`suggest` call for 1 300 values, k = 3 (test/bench/browser/suggest-bench.ts; the values are those of',
      `scripts/bench-suggest.ts B). No paired baseline yet. Load average before ${workerLoad}, after ${loadAverage()}.`,
    ],
  });
  if (only === 'worker') {
    for (const r of workerRows) console.log(`${r.name}: ${fmt(r.value)} — ${r.detail}`);
    process.exit(0);
  }
  for (const n of [1300, 50000]) {
    const gridLoad = loadAverage();
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
      detail: `runs: ${ready.map(fmt).join(', ')}; no paired baseline yet; load average before ${gridLoad}, after ${loadAverage()}`,
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
  for (const n of [1000, 10000]) rows.push(bulkRow(n, await bulkRuns(browser, n)));
  rows.push(...(await runOpen(browser)));
  rows.push(...(await runImportSuggestions(browser, 50_000)));
  const keys = await runKeys(browser);
  rows.push(...keys.keyRows);
  keyNotes.push(...keys.notes);
  importRows.push(...(await importBenchmarks(browser)));
} finally {
  await browser.close();
  await server.close();
}
sections.push({
  title: 'Workbench in the browser (headless Chromium)',
  rows,
  notes: [
    'Keystroke to paint: test/bench/browser/keys-bench.tsx runs the whole app (store, grid, worker) on a',
    'seeded project; Playwright presses real keys 60 ms apart while a loop keeps the suggestion worker',
    'busy (suggest calls of 2 000 values, as a sync after a big change sends them).',
    ...keyNotes,
  ],
});
sections.push({
  title: 'Importing files in the browser (headless Chromium)',
  rows: importRows,
  notes: [
    'The demo data written as one CSV (`;`, UTF-8, a `kommun` column) or one XLSX (SheetJS), read by the import',
    "worker's own code (src/workers/import-session.ts) on the page's thread so that its heap can be watched:",
    'inspect (encoding, delimiter, header, first rows) + read (stream, parse, count per cell and municipality)',
    "+ build (split into single values, with the demo's split). Writing the file is not measured. Peak JS heap:",
    'the larger of `performance.memory.usedJSHeapSize` sampled every 20 ms and CDP `JSHeapUsedSize` polled',
    "every 50 ms, after a forced GC; the file's bytes are an ArrayBuffer outside that heap.",
  ],
});

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
  `- Load average (1/5/15 min) at the end of the run: ${loadAverage()}`,
  '',
];
let failed = 0;
for (const s of sections) {
  lines.push(`## ${s.title}`, '');
  if (s.rows.length > 0)
    lines.push('| benchmark | result | target | details |', '|---|---|---|---|');
  for (const r of s.rows) {
    const value =
      r.display ?? (r.unit === 'ms' ? fmt(r.value) : `${r.value}${r.unit ? ` ${r.unit}` : ''}`);
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
