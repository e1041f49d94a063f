// A note is as long as the formats allow (MAX_TEXT_LENGTH, docs/formats.md § Limits), the same
// in the grid as in a mapping file: ag-grid's note editor cut every note at 200 characters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '../../src/core/limits';
import { openDemo, type DemoSession } from './harness';

let demo: DemoSession;

beforeAll(async () => {
  demo = await openDemo();
});
afterAll(async () => {
  await demo?.close();
});

describe('notes', () => {
  it('keeps a 1 000-character note whole, and stops typing at the limit', async () => {
    const { page } = demo.session;
    const cell = page.locator('.ag-row').first().locator('[col-id="note"]');
    const write = async (text: string) => {
      await cell.dblclick();
      const editor = page.locator('.ag-large-text textarea');
      await editor.waitFor();
      await editor.focus();
      await page.keyboard.insertText(text);
      await page.keyboard.press('Enter');
      await editor.waitFor({ state: 'detached' });
    };
    const long = 'Anteckning om värdet. '.repeat(46).slice(0, 1000);
    await write(long);
    await expect
      .poll(async () => (await cell.textContent())?.length, { timeout: 15_000 })
      .toBe(1000);
    await write('x'.repeat(MAX_TEXT_LENGTH));
    await expect
      .poll(async () => (await cell.textContent())?.length, { timeout: 15_000 })
      .toBe(MAX_TEXT_LENGTH);
  });
});
