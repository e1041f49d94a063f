import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, shot, type DemoSession } from './harness';

// The keyboard flow of a coder: keys typed as fast as a machine can are all acted on, in order;
// focus never skips a value in a filtered view; every dialog gives focus back to its row.

let demo: DemoSession;

interface StoredAction {
  readonly kind: string;
  readonly raws: string[];
}

/** The project's actions as stored, oldest first (read straight from IndexedDB). */
async function storedActions(page: Page): Promise<StoredAction[]> {
  return page.evaluate(
    () =>
      new Promise<StoredAction[]>((resolve, reject) => {
        const open = indexedDB.open('kodbok');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('history').objectStore('history').getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve(
              (req.result as { kind: string; changes: { raw: string }[] }[]).map((h) => ({
                kind: h.kind,
                raws: h.changes.map((c) => c.raw),
              })),
            );
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** The rendered rows in display order: index, raw value, whether it shows a suggestion. */
async function shownRows(page: Page) {
  const list = await page.locator('.ag-row:has([col-id="raw"])').evaluateAll((els) =>
    els.map((el) => ({
      i: Number(el.getAttribute('row-index')),
      // The raw value exactly as stored: RawText keeps it in its title (ag-grid escapes row-id).
      raw: el.querySelector('[col-id="raw"] .raw')?.getAttribute('title') ?? '',
      suggested: (el.querySelector('[col-id="suggestion"]')?.textContent ?? '') !== '',
      top: (el.querySelector('[col-id="suggestion"]')?.textContent ?? '').split(' ')[0] ?? '',
    })),
  );
  return list.sort((a, b) => a.i - b.i);
}

/** The raw values of the rendered rows in display order. */
async function shownRaws(page: Page): Promise<string[]> {
  return (await shownRows(page)).map((r) => r.raw);
}

async function focusedRaw(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const index = document.activeElement?.closest('.ag-row')?.getAttribute('row-index');
    const row = document.querySelector(`.ag-row[row-index="${index}"]:has([col-id="raw"])`);
    return row?.querySelector('[col-id="raw"] .raw')?.getAttribute('title') ?? null;
  });
}

/** The rendered row of a raw value. */
async function rowOf(page: Page, raw: string) {
  const index = await page.evaluate(
    (raw) =>
      [...document.querySelectorAll('.ag-row:has([col-id="raw"])')]
        .find((r) => r.querySelector('[col-id="raw"] .raw')?.getAttribute('title') === raw)
        ?.getAttribute('row-index'),
    raw,
  );
  return page.locator(`.ag-row[row-index="${index}"]:has([col-id="raw"])`);
}

/** Waits until a raw value's row shows a category starting with the code. */
async function waitCoded(page: Page, raw: string, code: string) {
  await page.waitForFunction(
    ({ raw, code }) =>
      [...document.querySelectorAll('.ag-row:has([col-id="raw"])')]
        .find((r) => r.querySelector('[col-id="raw"] .raw')?.getAttribute('title') === raw)
        ?.querySelector('[col-id="category"]')
        ?.textContent?.startsWith(code) === true,
    { raw, code },
  );
}

beforeAll(async () => {
  demo = await openDemo();
  await demo.session.page.waitForFunction(
    () => !document.body.textContent?.includes('Beräknar förslag'),
    undefined,
    { timeout: 60_000 },
  );
});

afterAll(async () => {
  await demo?.close();
});

describe('no key is lost', () => {
  it('codes 50 values in order from 50 × (Enter, ↓) sent without pauses', async () => {
    const { page } = demo.session;
    const seen = new Map<number, { raw: string; suggested: boolean }>();
    const look = async () => {
      for (const r of await shownRows(page)) seen.set(r.i, r);
    };
    // The suggestions are in the grid first: the worker may be done while the grid still applies
    // its last batch (asynchronously), and which values have one decides which Enter codes.
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll('.ag-row:has([col-id="raw"])')];
        const suggested = rows.filter(
          (r) => (r.querySelector('[col-id="suggestion"]')?.textContent ?? '') !== '',
        );
        return rows.length > 0 && suggested.length >= rows.length - 2;
      },
      undefined,
      { timeout: 60_000 },
    );
    await look();
    await page.locator('.ag-row[row-index="0"] [col-id="raw"]').click();
    for (let i = 0; i < 50; i++) {
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
    }
    // Every ↓ was acted on: the focus is on the 51st row.
    await page.waitForFunction(
      () => document.activeElement?.closest('.ag-row')?.getAttribute('row-index') === '50',
      undefined,
      { timeout: 30_000 },
    );
    await look();
    // Values without a suggestion are skipped by Enter (and say so); every other one is coded.
    const expected: string[] = [];
    for (let i = 0; i < 50; i++) {
      const r = seen.get(i);
      if (!r) throw new Error(`row ${i} was never seen`);
      if (r.suggested) expected.push(r.raw);
    }
    expect(expected.length).toBeGreaterThan(40);
    await expect
      .poll(async () => (await storedActions(page)).length, { timeout: 30_000 })
      .toBe(expected.length);
    const acts = await storedActions(page);
    expect(acts.every((a) => a.kind === 'accept-suggestion' && a.raws.length === 1)).toBe(true);
    expect(acts.map((a) => a.raws[0])).toEqual(expected);
    await shot(page, 'keys-50');
  });
});

describe('focus after an action and after a dialog', () => {
  it('in the Okodad view, (Enter, ↓) × 3 codes three values in a row and skips none', async () => {
    const { page } = demo.session;
    await page.getByLabel('Status').selectOption('uncoded');
    await shot(page, 'keys-filter-on');
    await page.waitForFunction(() =>
      document.querySelector('.ag-row:has([col-id="raw"])[row-index="0"] .st-uncoded'),
    );
    const order = await shownRaws(page);
    const before = (await storedActions(page)).length;
    await page.locator('.ag-row[row-index="0"] [col-id="raw"]').click();
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
    }
    await expect
      .poll(async () => (await storedActions(page)).length, { timeout: 20_000 })
      .toBe(before + 3);
    const coded = (await storedActions(page)).slice(before).map((a) => a.raws[0]);
    expect(coded).toEqual(order.slice(0, 3));
    // Focus stands on the value that stood below the last decided one.
    await expect.poll(() => focusedRaw(page)).toBe(order[3]);
    await shot(page, 'keys-filtered');
    await page.getByLabel('Status').selectOption('');
  });

  it('the picker shows the value, lists its suggestions first, and gives focus back to the row', async () => {
    const { page } = demo.session;
    await page.getByLabel('Status').selectOption('uncoded');
    const row = (await shownRows(page)).find((r) => r.suggested);
    const target = row?.raw ?? '';
    await (await rowOf(page, target)).locator('[col-id="frequency"]').click();
    await page.keyboard.press('k');
    const picker = page.getByRole('dialog', { name: 'Välj kategori' });
    await picker.waitFor();
    await expect(picker.getByTestId('picker-values').textContent()).resolves.toContain(
      target.replace(/ {2,}/g, (m) => '·'.repeat(m.length)),
    );
    await expect(picker.getByText('Förslag för värdet').count()).resolves.toBe(1);
    // The picker leaves the row visible: their boxes do not overlap.
    const rowBox = await (await rowOf(page, target)).boundingBox();
    const pickBox = await picker.boundingBox();
    expect(rowBox && pickBox).toBeTruthy();
    if (rowBox && pickBox) {
      const overlap = pickBox.y < rowBox.y + rowBox.height && rowBox.y < pickBox.y + pickBox.height;
      expect(overlap).toBe(false);
    }
    await shot(page, 'picker');
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    await expect.poll(() => focusedRaw(page)).toBe(target);
    // The keyboard works at once: K again, pick the first suggestion with Enter.
    await page.keyboard.press('k');
    await picker.waitFor();
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    await expect.poll(() => focusedRaw(page)).toBe(target);
    // The first option is the value's top suggestion.
    await waitCoded(page, target, `${row?.top ?? '?'} `);
    await page.getByLabel('Status').selectOption('');
  });

  it('1, 2 and 3 take the first, second or third suggestion; the grid shows all three', async () => {
    const { page } = demo.session;
    await page.getByTestId('all-suggestions').check();
    await page.locator('.ag-header-cell[col-id="suggestion3"]').waitFor();
    // The third column's cells are drawn after its header: read the rows until three show.
    const readRows = () =>
      page.locator('.ag-row:has([col-id="raw"])').evaluateAll((els) =>
        els
          .filter(
            (el) =>
              el.querySelector('.st-uncoded') &&
              (el.querySelector('[col-id="suggestion3"]')?.textContent ?? '') !== '',
          )
          .map((el) => ({
            raw: el.querySelector('[col-id="raw"] .raw')?.getAttribute('title') ?? '',
            s: ['suggestion', 'suggestion2', 'suggestion3'].map(
              (c) => (el.querySelector(`[col-id="${c}"]`)?.textContent ?? '').split(' ')[0],
            ),
          })),
      );
    await expect.poll(async () => (await readRows()).length).toBeGreaterThanOrEqual(3);
    const rowsWithThree = await readRows();
    const picks = rowsWithThree.slice(0, 3);
    for (const [i, r] of picks.entries()) {
      await (await rowOf(page, r.raw)).locator('[col-id="frequency"]').click();
      await page.keyboard.press(String(i + 1));
    }
    for (const [i, r] of picks.entries()) await waitCoded(page, r.raw, `${r.s[i] ?? '?'} `);
    await shot(page, 'three-suggestions');
  });
});

describe('the search box', () => {
  it('typed without pauses keeps every character, and the grid ends filtered by all of it', async () => {
    const { page } = demo.session;
    const box = page.getByLabel('Snabbsök i alla kolumner');
    await box.click();
    // Filtering runs after each key's paint: keys typed faster than that are all in the box.
    await page.keyboard.type('missbruk förälder', { delay: 0 });
    await expect(box.inputValue()).resolves.toBe('missbruk förälder');
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('[data-testid="values-grid"]')?.dataset.search ===
        'missbruk förälder',
    );
    const shown = await shownRaws(page);
    expect(shown.length).toBeGreaterThan(0);
    for (const raw of shown) expect(raw.toLowerCase()).toMatch(/missbruk|förälder/);
    // Erased as fast: the whole grid again, the box empty.
    for (let i = 0; i < 'missbruk förälder'.length; i++) await page.keyboard.press('Backspace');
    await expect(box.inputValue()).resolves.toBe('');
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('[data-testid="values-grid"]')?.dataset.search === '',
    );
    // "Rensa filter" empties the box too.
    await box.fill('skol');
    await page.getByRole('button', { name: 'Rensa filter' }).click();
    await expect(box.inputValue()).resolves.toBe('');
  });
});
