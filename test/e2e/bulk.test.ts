import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, startServer, tempProfile, type Session } from './harness';

// Bulk work as a researcher does it: range selection, accepting suggestions, reviewing,
// filtering by status and category, undo, a second tab with a newer schema, an empty project.

let server: { url: string; close: () => Promise<void> };
let profile: { dir: string; remove: () => void };
let s: Session;

/** The rendered rows in display order: raw, status label, category cell text, suggestion text. */
async function rows(page: Page) {
  const list = await page.locator('.ag-row:has([col-id="status"])').evaluateAll((els) =>
    els.map((el) => ({
      index: Number(el.getAttribute('row-index')),
      raw: el.querySelector('[col-id="raw"] .raw')?.getAttribute('title') ?? '',
      status: el.querySelector('[col-id="status"]')?.textContent ?? '',
      category: el.querySelector('[col-id="category"]')?.textContent ?? '',
      suggestion: el.querySelector('[col-id="suggestion"]')?.textContent ?? '',
    })),
  );
  return list.sort((a, b) => a.index - b.index);
}

async function checkbox(page: Page, index: number) {
  return page
    .locator(
      `.ag-row[row-index="${index}"] .ag-selection-checkbox input, .ag-row[row-index="${index}"] input.ag-checkbox-input`,
    )
    .first();
}

async function waitSaved(page: Page) {
  await page.locator('[data-testid="save-state"][data-saved="true"]').waitFor({ timeout: 20_000 });
}

beforeAll(async () => {
  server = await startServer();
  profile = tempProfile();
  s = await launch(profile.dir, new URL(server.url).origin);
  await s.page.goto(server.url);
  await s.page.getByTestId('user-name').fill('erik', { timeout: 90_000 });
  // Erik works alone: he codes and approves (four eyes off).
  await s.page.getByTestId('four-eyes').uncheck();
  await s.page.getByTestId('user-ok').click();
  await s.page.locator('.ag-row').first().waitFor();
  await s.page.waitForFunction(
    () => !document.body.textContent?.includes('Beräknar förslag'),
    undefined,
    { timeout: 60_000 },
  );
});

afterAll(async () => {
  await s?.context.close();
  await server?.close();
  profile?.remove();
});

describe('bulk work in the grid', () => {
  it('selects a range with shift-click and accepts each row’s own top suggestion', async () => {
    const { page } = s;
    await (await checkbox(page, 0)).click();
    await (await checkbox(page, 4)).click({ modifiers: ['Shift'] });
    await page
      .getByTestId('selection-count')
      .filter({ hasText: '5 markerade' })
      .waitFor({ timeout: 5000 });
    // The rows show their suggestions (the worker's answer can reach the grid a moment after the
    // "Beräknar förslag" notice is gone): what the researcher accepts is what each row shows.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.ag-row:has([col-id="status"])')]
          .sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')))
          .slice(0, 5)
          .every((el) => (el.querySelector('[col-id="suggestion"]')?.textContent ?? '') !== ''),
      undefined,
      { timeout: 10_000 },
    );
    const before = (await rows(page)).slice(0, 5);
    await page.locator('[data-action="acceptSuggestion"]').click();
    await waitSaved(page);
    await page.waitForFunction(
      () => document.querySelectorAll('.ag-row .st-coded').length >= 5,
      undefined,
      { timeout: 10_000 },
    );
    const after = (await rows(page)).slice(0, 5);
    for (let i = 0; i < 5; i++) {
      expect(after[i]?.status).toBe('Kodad');
      // The code accepted is the suggestion that row showed.
      expect(after[i]?.category.split(' ')[0]).toBe(before[i]?.suggestion.split(' ')[0]);
    }
  });

  it('approves, sends back and flags from the keyboard, and undoes the last action', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Avmarkera' }).click();
    await page.locator('.ag-row[row-index="0"] [col-id="raw"]').click();
    await page.keyboard.press('a');
    await waitSaved(page);
    await page.waitForFunction(
      () =>
        document.querySelector('.ag-row[row-index="0"] [col-id="status"]')?.textContent ===
        'Godkänd',
    );
    await page.locator('.ag-row[row-index="1"] [col-id="raw"]').click();
    await page.keyboard.press('r');
    // Sending back asks why; the reason becomes the note.
    await page.getByTestId('reason').fill('Fel kategori');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        document.querySelector('.ag-row[row-index="1"] [col-id="status"]')?.textContent ===
        'Tillbakaskickad',
    );
    await page.locator('.ag-row[row-index="2"] [col-id="raw"]').click();
    await page.keyboard.press('f');
    await page.waitForFunction(
      () =>
        document.querySelector('.ag-row[row-index="2"] [col-id="status"]')?.textContent ===
        'Flaggad',
    );
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      () =>
        document.querySelector('.ag-row[row-index="2"] [col-id="status"]')?.textContent === 'Kodad',
    );
    const r = await rows(page);
    expect(r.slice(0, 3).map((x) => x.status)).toEqual(['Godkänd', 'Tillbakaskickad', 'Kodad']);
  });

  it('filters by status and by category', async () => {
    const { page } = s;
    await page.getByLabel('Status').selectOption('approved');
    await page.waitForFunction(
      () => document.querySelectorAll('.ag-row [col-id="status"]').length === 1,
    );
    expect((await rows(page)).map((x) => x.status)).toEqual(['Godkänd']);
    await page.getByLabel('Status').selectOption('');
    const coded = (await rows(page)).find((x) => x.status === 'Kodad');
    const code = coded?.category.split(' ')[0] ?? '';
    await page.getByLabel('Kategori', { exact: true }).selectOption(code);
    await page.waitForTimeout(300);
    const filtered = await rows(page);
    expect(filtered.length).toBeGreaterThan(0);
    for (const x of filtered) expect(x.category.startsWith(`${code} `)).toBe(true);
    await page.getByLabel('Kategori', { exact: true }).selectOption('*');
  });

  it('assigns through the picker by synonym, and never to a group', async () => {
    const { page } = s;
    await page.locator('.ag-row[row-index="3"] [col-id="raw"]').click();
    await page.keyboard.press('k');
    const picker = page.getByRole('dialog', { name: 'Välj kategori' });
    await picker.waitFor();
    // Groups are headings, not options.
    await expect(picker.getByRole('option', { name: /^HEM / }).count()).resolves.toBe(0);
    await page.getByLabel('Sök på kod, etikett eller synonym').fill('vanvård');
    const first = picker.getByRole('option').first();
    await expect(first.textContent()).resolves.toMatch(/^H01/);
    await page.keyboard.press('Enter');
    await waitSaved(page);
    await page.waitForFunction(() =>
      document
        .querySelector('.ag-row[row-index="3"] [col-id="category"]')
        ?.textContent?.startsWith('H01'),
    );
  });

  it('yields to a newer schema opened in another tab: stops and asks to reload', async () => {
    const other = await s.context.newPage();
    await other.goto(server.url);
    // Another tab (a newer Kodbok) opens the database with a higher version.
    await other.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const probe = indexedDB.open('kodbok');
          probe.onsuccess = () => {
            const v = probe.result.version;
            probe.result.close();
            const req = indexedDB.open('kodbok', v + 10);
            req.onsuccess = () => {
              req.result.close();
              resolve();
            };
            req.onerror = () => reject(req.error);
          };
        }),
    );
    await s.page.getByTestId('schema-banner').waitFor({ timeout: 10_000 });
    await expect(s.page.getByTestId('schema-banner').textContent()).resolves.toContain('ladda om');
    await other.close();
  });

  it('starts an empty project beside the demo', async () => {
    const { page } = s;
    await page.reload();
    page.once('dialog', (d) => void d.accept('Tomt test'));
    await page.getByTestId('project-select').selectOption('__new-empty');
    await page
      .getByText('Projektet har inga värden för den här variabeln ännu')
      .waitFor({ timeout: 20_000 });
    // The project list is read back from the database after the switch: poll, not one look.
    await expect
      .poll(() => page.getByTestId('project-select').locator('option').allTextContents(), {
        timeout: 10_000,
      })
      .toEqual(expect.arrayContaining(['Demoprojekt', 'Tomt test']));
  });

  it('shows the storage used and whether the browser may clear it, once work is saved', async () => {
    await expect(s.page.getByTestId('storage').textContent()).resolves.toMatch(
      /MB · (skyddad|kan rensas)/,
    );
  });

  it('erases all local data on a shared machine, after the word is typed', async () => {
    const { page } = s;
    page.once('dialog', (d) => void d.accept('RADERA'));
    await page.getByTestId('project-select').selectOption('__erase');
    // A fresh start: asked for a name again, and only the demo project.
    await page.getByTestId('user-name').waitFor({ timeout: 90_000 });
    const options = await page.getByTestId('project-select').locator('option').allTextContents();
    expect(options).not.toContain('Tomt test');
  });

  it('sent nothing to any other origin and threw no errors', () => {
    expect(s.foreign).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
