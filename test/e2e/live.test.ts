import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, shot, type DemoSession } from './harness';

// The grid and coverage follow each write as a change set: this tab's writes at once, another
// tab's as soon as it committed, without reading whole tables again.

let demo: DemoSession;

async function firstRow(page: Page) {
  const row = page.locator('.ag-row[row-index="0"]').first();
  return {
    raw: (await row.locator('[col-id="raw"] .raw').getAttribute('title')) ?? '',
    status: (await row.locator('[col-id="status"]').textContent()) ?? '',
  };
}

function statusOf(page: Page, raw: string) {
  return page
    .locator('.ag-row', { has: page.locator(`[col-id="raw"] .raw[title="${raw}"]`) })
    .locator('[col-id="status"]')
    .first()
    .textContent();
}

beforeAll(async () => {
  demo = await openDemo();
});

afterAll(async () => {
  await demo?.close();
});

describe('two tabs on one project', () => {
  it("shows another tab's decisions in the grid and in the coverage", async () => {
    const a = demo.session.page;
    const b = await demo.session.context.newPage();
    await b.goto(demo.server.url);
    await b.locator('.ag-row[row-index="0"]').first().waitFor({ timeout: 60_000 });
    // Enter accepts the row's suggestion: wait until the other tab has it.
    await expect
      .poll(() => b.locator('.ag-row[row-index="0"] [col-id="suggestion"]').first().textContent(), {
        timeout: 60_000,
      })
      .not.toBe('');
    const tab = a.locator('[data-testid^="coverage-"]').first();
    const coverageBefore = await tab.textContent();
    const top = await firstRow(b);
    expect(top.status).not.toBe('Godkänd');
    // Code and approve the most frequent value in the other tab, from the keyboard.
    await b.locator('.ag-row[row-index="0"] [col-id="raw"]').first().click();
    await b.keyboard.press('Enter');
    await shot(b, 'live-other-tab-after-enter');
    await expect.poll(() => statusOf(b, top.raw), { timeout: 20_000 }).toBe('Kodad');
    await b.keyboard.press('a');
    await expect.poll(() => statusOf(b, top.raw), { timeout: 20_000 }).toBe('Godkänd');
    // This tab follows: the row and the tab's coverage.
    await expect.poll(() => statusOf(a, top.raw), { timeout: 20_000 }).toBe('Godkänd');
    const coverageAfter = await b.locator('[data-testid^="coverage-"]').first().textContent();
    expect(coverageAfter).not.toBe(coverageBefore);
    await expect.poll(() => tab.textContent(), { timeout: 20_000 }).toBe(coverageAfter);
    await b.close();
  });
});
