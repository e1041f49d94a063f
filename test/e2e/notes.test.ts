import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, shot, type DemoSession } from './harness';

// Notes and history beside the value, and the project log (issue 9 item 4), as a reviewer uses
// them: a thread on a value, a reply, a resolve; the value's history; the log filtered and
// exported.

let demo: DemoSession;
let raw = '';

async function focusedRaw(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const index = document.activeElement?.closest('.ag-row')?.getAttribute('row-index');
    const row = document.querySelector(`.ag-row[row-index="${index}"]:has([col-id="raw"])`);
    return row?.querySelector('[col-id="raw"] .raw')?.getAttribute('title') ?? null;
  });
}

/** At 1280×720: each toolbar is one line (two in all), and value, status and note are in view. */
async function checkLayout(page: Page) {
  await shot(page, 'layout-1280');
  const bars = page.locator('.values-panel > .toolbar');
  await expect(bars.count()).resolves.toBe(2);
  for (const box of await Promise.all([bars.nth(0).boundingBox(), bars.nth(1).boundingBox()]))
    expect(box?.height ?? 999).toBeLessThanOrEqual(40);
  const grid = await page.getByTestId('values-grid').boundingBox();
  for (const col of ['raw', 'status', 'note']) {
    const cell = await page.locator(`.ag-header-cell[col-id="${col}"]`).boundingBox();
    expect(cell && grid && cell.x + cell.width <= grid.x + grid.width).toBe(true);
  }
}

beforeAll(async () => {
  demo = await openDemo();
  await demo.session.page.setViewportSize({ width: 1280, height: 720 });
});

afterAll(async () => {
  await demo?.close();
});

describe('notes and history beside the value', () => {
  it('shows the focused value’s thread: a note, a reply, then resolved, each with author and code', async () => {
    const { page } = demo.session;
    await page.waitForFunction(
      () => document.querySelector('.ag-row[row-index="0"] [col-id="suggestion"]')?.textContent,
      undefined,
      { timeout: 60_000 },
    );
    raw =
      (await page.locator('.ag-row[row-index="0"] [col-id="raw"] .raw').getAttribute('title')) ??
      '';
    const code =
      (
        (await page.locator('.ag-row[row-index="0"] [col-id="suggestion"]').textContent()) ?? ''
      ).split(' ')[0] ?? '';
    await page.locator('.ag-row[row-index="0"] [col-id="frequency"]').click();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.ag-row[row-index="0"] .st-coded'));
    await checkLayout(page);
    await page.getByTestId('side-open').click();
    const panel = page.getByTestId('side-panel');
    await checkLayout(page);
    await expect.poll(() => panel.getByTestId('side-value').textContent()).toContain(code);

    await panel.getByTestId('note-new-text').fill('Är det här förälderns missbruk?');
    await panel.getByTestId('note-new').click();
    const thread = panel.getByTestId('note-thread');
    await thread.waitFor();
    await expect(thread.textContent()).resolves.toMatch(
      new RegExp(`anna · .* · kod då: ${code}Är det här förälderns missbruk\\?`),
    );
    await thread.getByTestId('note-reply-text').fill('Nej, barnets eget.');
    await thread.getByTestId('note-reply').click();
    await expect.poll(() => thread.locator('.note-event').count()).toBe(2);

    // The filter "med öppna anteckningar" shows just this value.
    await page.getByTestId('open-notes').check();
    await expect.poll(() => page.locator('.ag-row:has([col-id="raw"])').count()).toBe(1);
    await expect(
      page.locator('.ag-row:has([col-id="raw"]) [col-id="raw"] .raw').getAttribute('title'),
    ).resolves.toBe(raw);
    await shot(page, 'side-panel-1280');

    await thread.getByTestId('note-resolve').click();
    await expect.poll(() => thread.textContent()).toContain('Löst av anna');
    // Resolved: no value has open notes any more, and the grid says so in Swedish.
    await page.getByText('Inga rader matchar filtren').waitFor();
    await page.getByTestId('open-notes').uncheck();
  });

  it('shows the value’s whole history: who, when, action, before → after', async () => {
    const { page } = demo.session;
    await page.locator('.ag-row[row-index="0"] [col-id="frequency"]').click();
    await page.keyboard.press('a');
    await page.waitForFunction(() => document.querySelector('.ag-row[row-index="0"] .st-approved'));
    const history = page.getByTestId('value-history');
    await expect.poll(() => history.locator('li').count(), { timeout: 20_000 }).toBe(2);
    const items = await history.locator('li').allTextContents();
    expect(items[0]).toMatch(/^Godkänn · anna · .*Kodad → .* · Godkänd$/);
    expect(items[1]).toMatch(/^Godta förslag · anna · .*Okodad → .* · Kodad$/);
    await shot(page, 'screenshot');
  });

  it('the project log lists every action, filters by person and action, and exports CSV', async () => {
    const { page } = demo.session;
    await page.getByTestId('log').click();
    const log = page.getByRole('dialog', { name: 'Projektets logg' });
    await expect.poll(() => log.getByTestId('log-entry').count()).toBe(5);
    await expect(log.getByTestId('log-count').textContent()).resolves.toBe('5 händelser');
    await log.getByLabel('Åtgärd').selectOption({ label: 'Anteckning löst' });
    await expect(log.getByTestId('log-count').textContent()).resolves.toBe('1 händelse');
    await log.getByLabel('Åtgärd').selectOption('');
    await log.getByLabel('Person').selectOption('anna');
    await shot(page, 'log');
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      log.getByTestId('log-export').click(),
    ]);
    const csv = readFileSync(await file.path(), 'utf8').replace(/^\ufeff/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('Tid;Person;Variabel;Åtgärd;Värde;Före;Efter;Anteckning');
    expect(lines.length).toBe(6);
    expect(lines.some((l) => l.includes(';Anteckning;') && l.includes('förälderns'))).toBe(true);
    // Escape closes the log and focus goes back to the grid row it came from.
    await page.keyboard.press('Escape');
    await log.waitFor({ state: 'detached' });
    await expect.poll(() => focusedRaw(page)).toBe(raw);
  });

  it('shows a multi-column sort and clears it', async () => {
    const { page } = demo.session;
    await page.locator('.ag-header-cell[col-id="status"] .ag-header-cell-label').click({
      modifiers: ['Shift'],
    });
    await expect
      .poll(() => page.getByTestId('sort-shown').textContent())
      .toBe('↕ Rader ↓, Status ↑×');
    await checkLayout(page);
    await shot(page, 'sort-1280');
    await page.getByTestId('sort-clear').click();
    await page.getByTestId('sort-shown').waitFor({ state: 'detached' });
  });

  it('Escape and a click outside close every menu and dialog', async () => {
    const { page } = demo.session;
    const menu = page.getByRole('menu');
    await page.getByTestId('export-menu').click();
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await page.getByTestId('export-menu').click();
    await menu.waitFor();
    // A click outside the menu (it opens over the grid's first columns): the page's foot.
    await page.mouse.click(5, 700);
    await menu.waitFor({ state: 'detached' });
    for (const [button, name] of [
      ['accept-above', 'Godta alla förslag med poäng minst'],
      ['rules', /^Normaliseringsregler/],
      ['log', 'Projektets logg'],
    ] as const) {
      const dialog = page.getByRole('dialog', { name });
      await page.getByTestId(button).click();
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId(button).click();
      await dialog.waitFor();
      await page.mouse.click(5, 700);
      await dialog.waitFor({ state: 'detached' });
    }
  });

  it('sent nothing to any other origin and threw no errors', () => {
    expect(demo.session.foreign).toEqual([]);
    expect(demo.session.errors).toEqual([]);
  });
});

describe('the toolbars at 1280×720 with a selection', () => {
  it('stay one line each while rows are selected (the count and Avmarkera fit)', async () => {
    const { page } = demo.session;
    await page.keyboard.press('Escape');
    await page.locator('.ag-row[row-index="0"] .ag-selection-checkbox input').click();
    await page.locator('.ag-row[row-index="1"] .ag-selection-checkbox input').click();
    await page.getByTestId('selection-count').filter({ hasText: '2 markerade' }).waitFor();
    await shot(page, 'layout-1280-selected');
    const bars = page.locator('.values-panel > .toolbar');
    for (const box of await Promise.all([bars.nth(0).boundingBox(), bars.nth(1).boundingBox()]))
      expect(box?.height ?? 999).toBeLessThanOrEqual(40);
    await page.getByRole('button', { name: 'Avmarkera' }).click();
    await page.getByTestId('selection-count').waitFor({ state: 'detached' });
  });
});
