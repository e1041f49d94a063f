// Blind double coding as a team does it on one machine: anna (reviewer) draws a sample for
// herself and erik; each codes it seeing only the values and her or his own codes; once both
// are done the agreement, the confusion table and the disagreements are shown, with the figures
// of core/agreement.ts (the ones `kodbok agreement` prints).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureAgreement } from '../../src/core/agreement';
import { become, openDemo, shot, type DemoSession } from './harness';

let demo: DemoSession;
const SIZE = 5;

beforeAll(async () => {
  demo = await openDemo();
});
afterAll(async () => {
  await demo?.close();
});

/** Double coding is with the project's people: Användare: … ▸ Dubbelkodning…. */
async function openDialog(page: Page) {
  await page.getByTestId('user').click();
  await page.getByTestId('double-coding-open').click();
  await page.getByTestId('double-coding').waitFor();
}

async function closeDialog(page: Page) {
  await page.keyboard.press('Escape');
  await page.getByTestId('double-coding').waitFor({ state: 'detached' });
}

/** Codes the sample's values: the n-th choice of the list for each, then saves. */
async function codeSample(page: Page, choices: readonly number[]): Promise<string[]> {
  const selects = page.getByTestId('dc-choice');
  await expect.poll(() => selects.count()).toBe(SIZE);
  const codes: string[] = [];
  for (let i = 0; i < SIZE; i++) {
    const select = selects.nth(i);
    const value = await select.locator('option').nth(choices[i]!).getAttribute('value');
    await select.selectOption(value!);
    codes.push(value!);
  }
  await page.getByTestId('dc-save').click();
  await page
    .locator('.notice')
    .filter({ hasText: `Sparade ${SIZE} koder` })
    .first()
    .waitFor();
  return codes;
}

let anna: string[] = [];
let raws: string[] = [];

describe('blind double coding', () => {
  it('a reviewer draws a seeded sample for two members', async () => {
    const { page } = demo.session;
    // erik joins as a coder.
    await page.getByTestId('user').click();
    await page.getByTestId('user-name').fill('erik');
    await page.getByTestId('member-role').selectOption('coder');
    await page.getByTestId('user-ok').click();
    await page.locator('[data-member="erik"]').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('members-dialog').waitFor({ state: 'detached' });

    await openDialog(page);
    await page.getByTestId('dc-size').fill(String(SIZE));
    await page.getByTestId('dc-mode').selectOption('random');
    await page.getByTestId('dc-seed').fill('12345');
    await page.getByTestId('dc-coder-anna').check();
    await page.getByTestId('dc-coder-erik').check();
    await page.getByTestId('dc-draw').click();
    await page.getByTestId('dc-sample').waitFor();
    await expect(page.getByTestId('dc-sample').locator('h3').textContent()).resolves.toContain(
      'frö 12345',
    );
    raws = await page
      .locator('[data-testid="dc-row"] .raw')
      .evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    expect(raws).toHaveLength(SIZE);
    // Not while she has not coded it all: no comparison.
    await expect(page.getByTestId('dc-report').count()).resolves.toBe(0);
    await shot(page, 'double-coding-01-drawn');
  });

  it('each codes blind: erik sees none of anna’s codes, nor the project’s', async () => {
    const { page } = demo.session;
    anna = await codeSample(page, [1, 1, 1, 1, 1]);
    await closeDialog(page);
    await become(page, 'erik');
    await openDialog(page);
    // The dialog reads the samples after it opens: wait for erik's lists before reading them.
    await expect.poll(() => page.getByTestId('dc-choice').count()).toBe(SIZE);
    const shown = await page
      .getByTestId('dc-choice')
      .evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
    expect(shown).toEqual(Array(SIZE).fill(''));
    // Outside the lists of categories to choose from, no code is written anywhere.
    const text = await page.getByTestId('dc-sample').evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const s of copy.querySelectorAll('select')) s.remove();
      return copy.textContent ?? '';
    });
    expect(text).not.toContain(anna[0]);
    expect(text).toContain('anna: 5 av 5');
    await expect(page.getByTestId('dc-report').count()).resolves.toBe(0);
    await shot(page, 'double-coding-02-blind');
  });

  it('once both have coded, shows the agreement of kodbok agreement and the disagreements', async () => {
    const { page } = demo.session;
    const erik = await codeSample(page, [1, 1, 1, 2, 2]);
    const report = page.getByTestId('dc-report');
    await report.waitFor();
    const expected = measureAgreement([
      { name: 'anna', codes: new Map(raws.map((r, i) => [r, anna[i]!])) },
      { name: 'erik', codes: new Map(raws.map((r, i) => [r, erik[i]!])) },
    ]);
    await expect(page.getByTestId('dc-n').textContent()).resolves.toBe('5');
    await expect(page.getByTestId('dc-percent').textContent()).resolves.toBe('60,0 %');
    const sv = (x: number | null) =>
      x === null ? '–' : x.toLocaleString('sv-SE', { maximumFractionDigits: 3 });
    await expect(page.getByTestId('dc-kappa').textContent()).resolves.toBe(sv(expected.cohenKappa));
    await expect(page.getByTestId('dc-alpha').textContent()).resolves.toBe(
      sv(expected.krippendorffAlpha),
    );
    const listed = await page
      .locator('[data-testid="dc-disagreements"] li .raw')
      .evaluateAll((els) => els.map((e) => e.getAttribute('title')));
    expect(listed).toEqual([raws[3], raws[4]]);
    await shot(page, 'double-coding-03-report');
    await closeDialog(page);
    expect(demo.session.errors).toEqual([]);
  });
});
