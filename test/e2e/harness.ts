import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

// End-to-end tests drive Debian's Chromium through playwright-core against the built app
// (`vite build` runs first in `npm run test:e2e`), served by `vite preview` on localhost.

export async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: PreviewServer = await preview({
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its address');
  return { url, close: () => server.close() };
}

export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every request the page made to another origin: must stay empty. */
  readonly foreign: string[];
  readonly errors: string[];
}

/** A browser on a profile directory that survives close and relaunch (a real restart). */
export async function launch(profile: string, origin: string): Promise<Session> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS],
    acceptDownloads: true,
    viewport: { width: 1500, height: 900 },
    locale: 'sv-SE',
  });
  const foreign: string[] = [];
  const errors: string[] = [];
  const page = context.pages()[0] ?? (await context.newPage());
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')) foreign.push(u);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, foreign, errors };
}

/** The main process of the browser using this profile (not its renderers and helpers). */
export function browserPids(profileDir: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (
      args.includes(`--user-data-dir=${profileDir}`) &&
      !args.some((a) => a.startsWith('--type='))
    )
      out.push(Number(entry));
  }
  return out;
}

/**
 * Kills the browser using this profile the hard way (SIGKILL of its main process, as a crash or
 * a power cut would end it: no unload, no flush), then lets Playwright notice it is gone.
 */
export async function killBrowser(session: Session, profileDir: string): Promise<number> {
  const pids = browserPids(profileDir);
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  await session.context.close().catch(() => undefined);
  return pids.length;
}

export function tempProfile(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kodbok-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A server, a fresh profile and a browser on the demo with the user `anna` signed in. */
export interface DemoSession {
  readonly server: { url: string; close: () => Promise<void> };
  readonly session: Session;
  close(): Promise<void>;
}

export async function openDemo(): Promise<DemoSession> {
  const server = await startServer();
  const profile = tempProfile();
  const session = await launch(profile.dir, new URL(server.url).origin);
  await session.page.goto(server.url);
  await session.page.getByTestId('user-name').fill('anna', { timeout: 90_000 });
  // One researcher alone codes and approves: four eyes off (test/e2e/review.test.ts has it on).
  await session.page.getByTestId('four-eyes').uncheck();
  await session.page.getByTestId('user-ok').click();
  await session.page.locator('.ag-row').first().waitFor();
  return {
    server,
    session,
    async close() {
      await session.context.close();
      await server.close();
      profile.remove();
    },
  };
}

/**
 * Turns four eyes off for the open project in the members dialog, as a researcher working
 * alone does (a new project has it on).
 */
export async function fourEyesOff(page: Page): Promise<void> {
  await page.getByTestId('user').click();
  await page.getByTestId('four-eyes').uncheck();
  await page.keyboard.press('Escape');
  await page.getByTestId('members-dialog').waitFor({ state: 'detached' });
}

/** Keeps a screenshot named `name` in the folder KODBOK_SHOTS names, when it is set. */
export async function shot(page: Page, name: string): Promise<void> {
  const shots = process.env.KODBOK_SHOTS;
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`) });
}

/** The person at the keyboard chooses who she is among the members (the members dialog). */
export async function become(page: Page, name: string): Promise<void> {
  await page.getByTestId('user').click();
  await page.locator(`[data-member="${name}"] [data-testid="member-choose"]`).click();
  await page.getByTestId('user').filter({ hasText: name }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('members-dialog').waitFor({ state: 'detached' });
}

/** Approves grid row `index` (A) and waits until its status says so. */
export async function approveRow(page: Page, index: number): Promise<void> {
  await page.locator(`.ag-row[row-index="${index}"] [col-id="raw"]`).click();
  await page.keyboard.press('a');
  await page.waitForFunction(
    (i) =>
      document.querySelector(`.ag-row[row-index="${i}"] [col-id="status"]`)?.textContent ===
      'Godkänd',
    index,
  );
}

/**
 * Quick search, waiting until the grid has applied it (the box filters once typing pauses) and,
 * for a search with words, shows only rows that hold them.
 */
export async function search(page: Page, text: string) {
  await page.getByLabel('Snabbsök i alla kolumner').fill(text);
  await page.waitForFunction(
    (t) => document.querySelector<HTMLElement>('[data-testid="values-grid"]')?.dataset.search === t,
    text,
  );
  if (text.trim() === '') return;
  await page.waitForFunction((q) => {
    const rows = [...document.querySelectorAll('.ag-row:has([col-id="status"])')];
    // The search keeps a row holding every word of it.
    const words = q.split(/\s+/).filter(Boolean);
    return (
      rows.length > 0 &&
      rows.every((e) => words.every((w) => (e.textContent ?? '').toLowerCase().includes(w)))
    );
  }, text.toLowerCase());
}

/**
 * Imports files through the import dialog as a researcher does, with every choice left as the
 * dialog proposes it: choose the files, read them, review, commit, close. `choose` makes the
 * choices a test needs once the files are read in (a column's variable) before they are read.
 */
export async function importFiles(
  page: Page,
  paths: readonly string[],
  choose?: (page: Page) => Promise<void>,
): Promise<void> {
  await page.getByTestId('export-menu').click();
  await page.getByTestId('import-files').click();
  await page.getByTestId('import-file-input').setInputFiles([...paths]);
  await page.waitForFunction((n) => {
    const rows = [...document.querySelectorAll('[data-testid="import-file"][data-status]')];
    return rows.length === n && rows.every((r) => r.getAttribute('data-status') !== 'inspecting');
  }, paths.length);
  if (choose) await choose(page);
  await page.getByTestId('import-read').click();
  await page.locator('.imp-steps [data-step="split"].active').waitFor({ timeout: 120_000 });
  await page.getByTestId('import-review').click();
  await page.getByTestId('import-review-step').waitFor();
  await page.getByTestId('import-commit-files').click();
  await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
  await page.getByTestId('import-close').click();
}

/**
 * Imports `values` of the reason variable as one municipality's file (a semicolon CSV written to a
 * temporary folder, importFiles).
 */
export async function importReasons(
  page: Page,
  municipality: string,
  values: readonly string[],
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kodbok-reasons-'));
  try {
    const csv = join(dir, `${municipality}.csv`);
    const rows = values.map((v) => `${v};${municipality}\r\n`).join('');
    writeFileSync(csv, `aktualiseringsorsak;kommun\r\n${rows}`);
    await importFiles(page, [csv]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
