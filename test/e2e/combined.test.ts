import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importReasons, openDemo, search, shot, type DemoSession } from './harness';

// Issue 12 item 6: a value that probably names two reasons is marked in the grid (a word in its own
// column), and the side panel shows its parts, each with its suggestion; one click codes the value
// as one part's category. The demo's values are split on import, so the test imports a file whose
// value joins two reasons with `+`, a separator the demo's split does not cut on.

let demo: DemoSession;

/** Waits until the row at `index` shows category `code` (the grid follows the stored change). */
async function categoryShown(page: Page, index: string | null, code: string): Promise<void> {
  await page.waitForFunction(
    ([i, c]) =>
      (
        document.querySelector(`.ag-row[row-index="${i}"] [col-id="category"]`)?.textContent ?? ''
      ).startsWith(`${c} `),
    [index, code] as const,
  );
}

beforeAll(async () => {
  demo = await openDemo();
}, 180_000);
afterAll(async () => {
  await demo?.close();
});

describe('probably combined values', () => {
  it('are marked in the grid and show their parts in the side panel', async () => {
    const page = demo.session.page;
    await importReasons(page, 'Gävle', ['Eget missbruk + kriminalitet', 'Skolproblem']);
    await search(page, 'Eget missbruk +');
    const marked = page.locator('.ag-row [col-id="combined"].combined-cell');
    await page.waitForFunction(
      () => document.querySelector('.ag-row [col-id="combined"].combined-cell') !== null,
      undefined,
      { timeout: 120_000 },
    );
    const badge = (await marked.first().textContent()) ?? '';
    expect(badge).toBe('2 delar?');
    await shot(page, 'combined-grid');
    const index = await page.evaluate(
      () =>
        document
          .querySelector('.ag-row [col-id="combined"].combined-cell')
          ?.closest('.ag-row')
          ?.getAttribute('row-index') ?? null,
    );
    const raw =
      (await page
        .locator(`.ag-row[row-index="${index}"] [col-id="raw"] .raw`)
        .getAttribute('title')) ?? '';
    expect(raw).toBe('Eget missbruk + kriminalitet');
    await page.locator(`.ag-row[row-index="${index}"] [col-id="raw"]`).click();
    await page.getByTestId('side-open').click();
    const parts = page.getByTestId('combined-part');
    await parts.first().waitFor();
    expect(await parts.count()).toBeGreaterThanOrEqual(2);
    await shot(page, 'combined-side-panel');
    const first = parts.first();
    const code = ((await first.locator('button').textContent()) ?? '').replace('Koda som ', '');
    await first.locator('button').click();
    await categoryShown(page, index, code);
    await shot(page, 'combined-coded');
    // The category picker of the value shows the same parts, and picks one with one click.
    await page.getByTestId('side-panel').getByRole('button', { name: 'Dölj anteckningar' }).click();
    await page.locator(`.ag-row[row-index="${index}"] [col-id="raw"]`).click();
    await page.keyboard.press('k');
    const picker = page.getByRole('dialog', { name: 'Välj kategori' });
    await picker.getByTestId('combined-part').first().waitFor();
    await shot(page, 'combined-picker');
    const second = picker.getByTestId('combined-part').nth(1);
    const other = ((await second.locator('button').textContent()) ?? '').replace('Koda som ', '');
    expect(other).not.toBe(code);
    await second.locator('button').click();
    await categoryShown(page, index, other);
  }, 240_000);
});
