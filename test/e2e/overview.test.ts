// A researcher approves a value in the demo, opens Översikt from the keyboard, sees the charts
// agree with the tab's coverage and the grid's counts, downloads a chart as SVG (it parses and
// its bars carry the right values) and as PNG (it decodes), and closes it with Escape.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, search, shot, type DemoSession } from './harness';
import { scratchDir } from '../support/readers';

let demo: DemoSession;
let dir: string;
let variable = '';
let approvedCode = '';
let approvedFrequency = 0;

beforeAll(async () => {
  demo = await openDemo();
  dir = scratchDir();
});
afterAll(async () => {
  await demo?.close();
});

async function waitSaved(page: Page) {
  await page.locator('[data-testid="save-state"][data-saved="true"]').waitFor({ timeout: 60_000 });
}

/** Digits of a number as the page writes it (`12 345`, `12,345`). */
const digits = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));

async function downloadChart(page: Page, testId: string, name: string): Promise<Buffer> {
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  const path = join(dir, name);
  await download.saveAs(path);
  expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${name.split('.').pop()}$`));
  return readFileSync(path);
}

describe('the overview', () => {
  it('approves the most frequent value of the open variable', async () => {
    const { page } = demo.session;
    variable = (await page
      .locator('[role="tab"][aria-selected="true"]')
      .getAttribute('data-variable'))!;
    const first = page.locator('.ag-row[row-index="0"]');
    await page.waitForFunction(
      () =>
        (document.querySelector('.ag-row[row-index="0"] [col-id="suggestion"]')?.textContent ??
          '') !== '',
      undefined,
      { timeout: 60_000 },
    );
    await first.locator('[col-id="raw"]').click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
    await page.locator('[data-action="approve"]').click();
    await page.waitForFunction(
      () =>
        document.querySelector('.ag-row[row-index="0"] [col-id="status"]')?.textContent ===
        'Godkänd',
    );
    approvedCode =
      (await first.locator('[col-id="category"]').textContent())?.trim().split(/\s/)[0] ?? '';
    approvedFrequency = digits((await first.locator('[col-id="frequency"]').textContent()) ?? '');
    expect(approvedCode).toMatch(/^[A-Z]/);
    expect(approvedFrequency).toBeGreaterThan(0);
  });

  it('opens from the keyboard and agrees with the tab’s coverage and the grid’s counts', async () => {
    const { page } = demo.session;
    await page.getByTestId('overview-open').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('overview');
    await dialog.locator('[data-testid="chart-categories"] svg').first().waitFor();
    // The focus is in the dialog: Tab reaches the download buttons.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');

    // Coverage: the approved rows of the open variable are the tab's.
    const tabRows = (await page
      .locator(`[data-variable="${variable}"] .tab-rows`)
      .textContent())!.split(/\s(av|of)\s/)[0]!;
    const label = (await page.locator(`[data-variable="${variable}"] .tab-label`).textContent())!;
    const segment = await dialog
      .locator('[data-testid="chart-coverage"] g[aria-label="bar"] rect title')
      .filter({ hasText: new RegExp(`^${label}, rader, Godkänd:`) })
      .textContent();
    expect(digits(segment!.split(':')[1]!.split('(')[0]!)).toBe(digits(tabRows));

    // Rows per category: the approved value's category holds its rows (the only approved one).
    const bar = await dialog
      .locator('[data-testid="chart-categories"] g[aria-label="bar"] rect title')
      .filter({ hasText: new RegExp(`^${approvedCode} `) })
      .textContent();
    expect(digits(bar!.split(':').at(-1)!.split('rader')[0]!)).toBe(approvedFrequency);
    // The municipalities whose files hold the variable, each with its bar and approved share.
    const municipalities = await dialog
      .locator('[data-testid="chart-municipalities"] g[aria-label="bar"] rect title')
      .allTextContents();
    expect(municipalities.length).toBeGreaterThan(10);
    expect(new Set(municipalities.map((m) => m.split(':')[0])).size).toBe(municipalities.length);
    await shot(page, 'overview-sv');
    await dialog.getByTestId('chart-categories').scrollIntoViewIfNeeded();
    await shot(page, 'overview-categories-sv');
  });

  it('downloads the categories chart as SVG: it parses and its bars are the table’s rows', async () => {
    const { page } = demo.session;
    const bytes = await downloadChart(page, 'chart-categories-svg', 'categories.svg');
    const doc = new JSDOM(bytes.toString('utf8'), { contentType: 'image/svg+xml' }).window.document;
    expect(doc.documentElement.tagName).toBe('svg');
    expect(doc.querySelector('text')?.textContent).toMatch(/^Rader per kategori: /);
    const bars = [...doc.querySelectorAll('g[aria-label="bar"] rect')].map((r) => ({
      title: r.querySelector('title')?.textContent ?? '',
      width: Number(r.getAttribute('width')),
    }));
    const rowsOf = (title: string) => digits(title.split(':').at(-1)!.split('rader')[0]!);
    const coded = bars.find((b) => b.title.startsWith(`${approvedCode} `))!;
    expect(rowsOf(coded.title)).toBe(approvedFrequency);
    // One scale for all: each bar's length is its rows times the same factor.
    const perRow = coded.width / approvedFrequency;
    for (const b of bars) expect(b.width).toBeCloseTo(rowsOf(b.title) * perRow, 1);
    // The uncoded rows are a bar of their own: together the bars hold every row at least once.
    const uncoded = bars.find((b) => b.title.startsWith('(utan godkänd kod)'));
    expect(uncoded && rowsOf(uncoded.title)).toBeGreaterThan(0);
  });

  it('downloads the coverage chart as PNG, which decodes at twice its size', async () => {
    const { page } = demo.session;
    const bytes = await downloadChart(page, 'chart-coverage-png', 'coverage.png');
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const size = await page.evaluate(async (b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
      return [bitmap.width, bitmap.height];
    }, bytes.toString('base64'));
    const svgSize = await page
      .getByTestId('chart-coverage')
      .locator('svg')
      .first()
      .evaluate((s) => [Number(s.getAttribute('width')), Number(s.getAttribute('height'))]);
    expect(size).toEqual(svgSize.map((n) => n * 2));
  });

  it('speaks English with English numbers, and closes with Escape, giving the focus back', async () => {
    const { page } = demo.session;
    await page.keyboard.press('Escape');
    await page.getByTestId('overview').waitFor({ state: 'detached' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('overview-open');
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('overview-open').click();
    const dialog = page.getByTestId('overview');
    await dialog.locator('[data-testid="chart-categories"] svg').first().waitFor();
    const heading = await dialog.locator('[data-testid="chart-categories"] svg > text').first();
    expect(await heading.textContent()).toMatch(/^Rows per category: /);
    const bar = await dialog
      .locator('[data-testid="chart-categories"] g[aria-label="bar"] rect title')
      .filter({ hasText: new RegExp(`^${approvedCode} `) })
      .textContent();
    expect(bar).toContain(approvedFrequency.toLocaleString('en-GB'));
    await shot(page, 'overview-en');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('language').selectOption('sv');
  });

  it('follows a bulk approval: the charts show what the tab shows', async () => {
    const { page } = demo.session;
    // The values about violence take their suggestions and are approved, in two actions.
    await search(page, 'våld');
    await expect
      .poll(async () => digits(await page.getByTestId('select-filtered').textContent()))
      .toBeGreaterThan(5);
    await page.getByTestId('select-filtered').click();
    await page.locator('[data-action="acceptSuggestion"]').click();
    await waitSaved(page);
    await page.locator('[data-action="approve"]').click();
    await waitSaved(page);
    await search(page, '');
    const tab = page.locator(`[data-variable="${variable}"]`);
    await expect
      .poll(async () => digits((await tab.locator('.tab-rows').textContent())!.split(' av ')[0]!))
      .toBeGreaterThan(approvedFrequency);
    const tabRows = digits((await tab.locator('.tab-rows').textContent())!.split(' av ')[0]!);
    const label = (await tab.locator('.tab-label').textContent())!;
    await page.setViewportSize({ width: 1280, height: 800 });
    // Översikt beside the export menu keeps the header one line at 1280 px.
    await expect
      .poll(async () => (await page.locator('.app-header').boundingBox())?.height)
      .toBeLessThan(50);
    await page.getByTestId('overview-open').click();
    const dialog = page.getByTestId('overview');
    await dialog.locator('[data-testid="chart-categories"] svg').first().waitFor();
    const segment = await dialog
      .locator('[data-testid="chart-coverage"] g[aria-label="bar"] rect title')
      .filter({ hasText: new RegExp(`^${label}, rader, Godkänd:`) })
      .textContent();
    expect(digits(segment!.split(':')[1]!.split('(')[0]!)).toBe(tabRows);
    await shot(page, 'overview-1280');
    await dialog.getByTestId('chart-categories').scrollIntoViewIfNeeded();
    await shot(page, 'overview-categories-approved');
    // The README's picture: the chart exactly as it is downloaded.
    const png = await downloadChart(page, 'chart-categories-png', 'categories-approved.png');
    if (process.env.KODBOK_SHOTS)
      writeFileSync(join(process.env.KODBOK_SHOTS, 'chart-categories.png'), png);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(demo.session.foreign).toEqual([]);
    expect(demo.session.errors).toEqual([]);
  });
});
