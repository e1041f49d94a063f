import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRow, openDemo, shot, type DemoSession } from './harness';

// The codebook as a living document, in Chromium as a researcher uses it (issue 11 items 1, 2,
// 5): counts and examples per category; merge (asking about approved values), undo and redo
// named; split, and the values to code again marked and filtered; refusals that say why; texts
// and crosswalk edited; versions and their difference.

let demo: DemoSession;
let page: Page;

/** The category's block in the codebook panel. */
const category = (code: string) => page.locator(`[data-testid="cb-category"][data-code="${code}"]`);

async function notice(text: string) {
  await page.locator('.notice').filter({ hasText: text }).first().waitFor({ timeout: 20_000 });
}

/** Category text of grid row `index`, once it starts with `prefix`. */
async function waitCategory(index: number, prefix: string) {
  await page.waitForFunction(
    ([i, p]) =>
      (
        document.querySelector(`.ag-row[row-index="${i}"] [col-id="category"]`)?.textContent ?? ''
      ).startsWith(p),
    [index, prefix] as const,
    { timeout: 20_000 },
  );
}

async function statusOf(index: number) {
  return page.locator(`.ag-row[row-index="${index}"] [col-id="status"]`).textContent();
}

/** Codes the focused row through the picker (K, the code, Enter). */
async function assignRow(index: number, code: string) {
  await page.locator(`.ag-row[row-index="${index}"] [col-id="raw"]`).click();
  await page.keyboard.press('k');
  await page.getByLabel('Sök på kod, etikett eller synonym').fill(code);
  await page.keyboard.press('Enter');
}

async function edit(code: string) {
  await category(code).getByTestId('cb-edit').click();
  await category(code).getByTestId('cb-editor').waitFor();
}

beforeAll(async () => {
  demo = await openDemo();
  page = demo.session.page;
  // Two values coded to H01 by anna, the first approved.
  await assignRow(0, 'H01');
  await waitCategory(0, 'H01 Bristande omsorg');
  await assignRow(1, 'H01');
  await waitCategory(1, 'H01 Bristande omsorg');
  await approveRow(page, 0);
  await page.getByRole('button', { name: /Kodbok$/ }).click();
}, 180_000);

afterAll(async () => {
  await demo?.close();
});

describe('the codebook editor', () => {
  it('shows each category’s counts and most frequent approved values', async () => {
    const use = category('H01').getByTestId('cb-use');
    await use.filter({ hasText: '2 värden' }).waitFor();
    const raw0 = await page
      .locator('.ag-row[row-index="0"] [col-id="raw"] .raw')
      .getAttribute('title');
    expect(await use.textContent()).toContain(`Exempel: ${raw0}`);
    await shot(page, 'codebook-editor');
  });

  it('a merge asks about the approved value, recodes both, and undo names it and gives all back', async () => {
    await edit('H01');
    await category('H01').getByTestId('cb-merge-into').selectOption('H02');
    await category('H01').getByTestId('cb-merge').click();
    const ask = page.getByTestId('merge-ask');
    await ask.waitFor();
    expect(await ask.textContent()).toContain('1 godkänt värde');
    await page.getByTestId('merge-review').click();
    await notice('Kodboken sparad: version 2');
    await category('H01').waitFor({ state: 'detached' });
    await waitCategory(0, 'H02 Fysiskt/psykiskt våld mot barnet');
    await waitCategory(1, 'H02 Fysiskt/psykiskt våld mot barnet');
    // Reviewed again, as answered: the merge changed what the approval was about.
    expect(await statusOf(0)).toBe('Kodad');
    const undo = page.locator('[data-action="undo"]');
    await page.waitForFunction(() =>
      document
        .querySelector('[data-action="undo"]')
        ?.getAttribute('title')
        ?.startsWith('Ångra: Slå ihop H01 med H02 (anna, '),
    );
    await undo.click();
    await category('H01').waitFor();
    await waitCategory(0, 'H01 Bristande omsorg');
    expect(await statusOf(0)).toBe('Godkänd');
    await page.waitForFunction(() =>
      document
        .querySelector('[data-action="redo"]')
        ?.getAttribute('title')
        ?.startsWith('Gör om: Slå ihop H01 med H02'),
    );
  });

  it('a split keeps the codes, marks the values and a filter shows them until they are coded again', async () => {
    await edit('H01');
    await category('H01').getByTestId('cb-split-text').fill('H01B = Bristande tillsyn');
    await category('H01').getByTestId('cb-split').click();
    await category('H01B').waitFor();
    await category('H01')
      .getByTestId('cb-queued')
      .filter({ hasText: '2 värden att koda om' })
      .waitFor();
    await waitCategory(0, 'H01 Bristande omsorg · koda om');
    await page.getByTestId('recode-only').check();
    await page.waitForFunction(
      () => document.querySelectorAll('.ag-row:has([col-id="status"])').length === 2,
    );
    await assignRow(1, 'H01B');
    await category('H01')
      .getByTestId('cb-queued')
      .filter({ hasText: '1 värde att koda om' })
      .waitFor();
    await page.getByTestId('recode-only').uncheck();
  });

  it('deprecating or deleting a category with values is refused with the reason', async () => {
    await edit('H01');
    await category('H01').getByTestId('cb-deprecate').click();
    await notice('H01 har kodade värden. Koda om dem först');
    await category('H01').getByTestId('cb-delete').click();
    await notice('H01 har kodade värden');
    expect(await category('H01').locator('.badge').filter({ hasText: 'ur bruk' }).count()).toBe(0);
    // H03 has no values: it goes out of use, and the picker no longer offers it.
    await page.getByRole('button', { name: 'Avbryt' }).first().click();
    await edit('H03');
    await category('H03').getByTestId('cb-deprecate').click();
    await category('H03').locator('.badge').filter({ hasText: 'ur bruk' }).waitFor();
    await page.locator('.ag-row[row-index="2"] [col-id="raw"]').click();
    await page.keyboard.press('k');
    await page.getByLabel('Sök på kod, etikett eller synonym').fill('H0');
    await page.locator('.picker').filter({ hasText: 'H02' }).waitFor();
    expect(await page.locator('.picker').textContent()).not.toContain('H03');
    await page.keyboard.press('Escape');
  });

  it('edits texts and the crosswalk, adds a category; the versions and their difference follow', async () => {
    await edit('H02');
    await category('H02').getByTestId('cb-field-label').fill('Våld mot barnet');
    await category('H02').getByTestId('cb-field-definition').fill('Fysiskt eller psykiskt våld.');
    await category('H02')
      .getByTestId('cb-field-crosswalk')
      .fill('skr-basinformation = Utsatt för våld\nannan = V1');
    await category('H02').getByTestId('cb-save').click();
    await category('H02').filter({ hasText: 'Våld mot barnet' }).waitFor();
    await category('H02').getByTestId('cb-editor').waitFor({ state: 'detached' });
    await edit('H02');
    expect(await category('H02').getByTestId('cb-field-crosswalk').inputValue()).toBe(
      'skr-basinformation = Utsatt för våld\nannan = V1',
    );
    await page.getByRole('button', { name: 'Avbryt' }).first().click();
    await page.getByTestId('cb-new').click();
    await page.getByTestId('cb-new-code').fill('H10');
    await page.getByTestId('cb-new-label').fill('Ekonomiskt utsatt');
    await page.getByTestId('cb-new-parent').selectOption('HEM');
    await page.getByTestId('cb-new-save').click();
    await category('H10').waitFor();
    // 1 first, 2 merge, 3 undo, 4 split, 5 deprecate H03, 6 edit H02, 7 add H10.
    const versions = page.getByTestId('cb-version');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="cb-version"]').length === 7,
    );
    expect(await versions.first().textContent()).toContain('Lägg till H10');
    await page.getByTestId('cb-diff-from').selectOption('1');
    const diff = page.getByTestId('cb-diff');
    await diff.filter({ hasText: 'H01 → H01B' }).waitFor();
    const text = await diff.textContent();
    expect(text).toContain('H10 Ekonomiskt utsatt');
    expect(text).toContain('H02 Fysiskt/psykiskt våld mot barnet → H02 Våld mot barnet');
    expect(text).toContain('H02: definition, korsvägar');
    const download = page.waitForEvent('download');
    await page.getByTestId('cb-diff-download').click();
    const file = await download;
    const path = await file.path();
    const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({
      format: 'kodbok/codebook-diff',
      from: 1,
      to: 7,
      split: [{ code: 'H01', into: ['H01B'] }],
    });
    // The codebook as a table through the crosswalk just written: H02's code there is V1.
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-tables').click();
    await page.getByTestId('export-kind-codebook').check();
    await page.getByTestId('export-format-csv').check();
    await page.getByTestId('export-crosswalk').selectOption('annan');
    const table = page.waitForEvent('download');
    await page.getByTestId('export-download').click();
    const csv = readFileSync(await (await table).path(), 'utf8');
    expect(
      csv
        .split('\r\n')
        .find((l) => l.includes('Våld mot barnet'))
        ?.startsWith('V1,'),
    ).toBe(true);
    expect(csv.split('\r\n')[0]?.endsWith(',codebook_version,codebook_revision')).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // The notices have gone (they close by themselves): the picture shows the panel.
    await page.waitForFunction(() => document.querySelectorAll('.notice').length === 0, null, {
      timeout: 20_000,
    });
    await shot(page, 'codebook-versions');
  });

  it('speaks English too', async () => {
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('cb-new').filter({ hasText: '+ New category' }).waitFor();
    await category('H01')
      .getByTestId('cb-queued')
      .filter({ hasText: '1 value to recode' })
      .waitFor();
    expect(await page.getByTestId('cb-versions').textContent()).toContain('Version 7');
    expect(await page.getByTestId('cb-versions').textContent()).toContain('Add H10');
    await category('H10').getByTestId('cb-edit').click();
    await category('H10').getByTestId('cb-editor').filter({ hasText: 'Merge into' }).waitFor();
    await shot(page, 'codebook-editor-en');
    await page.getByTestId('language').selectOption('sv');
  });
});
