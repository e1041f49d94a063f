import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, shot, type DemoSession } from './harness';

// A Swedish researcher adds files the import refuses or warns about: the dialog says why in
// Swedish, naming the file and the row, and never the readers' English (which the command line
// still prints). In English the same files read in English.

let demo: DemoSession;
let files: string;
const fixture = (name: string) => new URL(`../fixtures/io/${name}`, import.meta.url).pathname;

async function addFiles(page: Page, paths: string[]) {
  await page.getByTestId('import-file-input').setInputFiles(paths);
  await page.waitForFunction(
    (n) => {
      const rows = [...document.querySelectorAll('[data-testid="import-file"]')];
      return rows.length >= n && rows.every((r) => r.getAttribute('data-status') !== 'inspecting');
    },
    paths.length,
    { timeout: 60_000 },
  );
}

const rowText = (page: Page, name: string) =>
  page.locator(`[data-testid="import-file"][data-file="${name}"]`).textContent();

beforeAll(async () => {
  demo = await openDemo();
  files = mkdtempSync(join(tmpdir(), 'kodbok-import-language-'));
});

afterAll(async () => {
  await demo?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('refusals and warnings in the language of the interface', () => {
  it('says in Swedish why an empty file and a ragged CSV are refused, naming the file and the row', async () => {
    const { page } = demo.session;
    const empty = join(files, 'tom.csv');
    writeFileSync(empty, '');
    await page.getByTestId('export-menu').click();
    await page.getByTestId('import-files').click();
    await page.getByTestId('import-dialog').waitFor();
    await addFiles(page, [empty, fixture('ragged.csv'), fixture('duplicate-headers.csv')]);

    await expect(rowText(page, 'tom.csv')).resolves.toContain('tom.csv: filen är tom');
    await expect(rowText(page, 'ragged.csv')).resolves.toContain(
      'ragged.csv: rad 3 har 2 celler men rubrikraden har 3: värdena kan hamna i fel kolumner',
    );
    await page.locator('[data-file="ragged.csv"]').click();
    await expect(page.getByTestId('import-problem').textContent()).resolves.toMatch(
      /^ragged\.csv: rad 3 har 2 celler men rubrikraden har 3/,
    );
    // A file that is read, with warnings about its header: in Swedish too.
    await page.locator('[data-file="duplicate-headers.csv"]').click();
    const warnings = await page.getByTestId('import-issues').locator('li').allTextContents();
    expect(warnings).toEqual(
      expect.arrayContaining([
        'Kolumn 4 har ingen rubrik',
        'Rubriken "orsak" förekommer 2 gånger (kolumnerna 2, 3); den behålls som den är',
      ]),
    );
    const dialog = (await page.getByTestId('import-dialog').textContent()) ?? '';
    expect(dialog).not.toMatch(/the file|the header|cells/);
    await page.locator('[data-file="ragged.csv"]').click();
    await page.screenshot({
      path: join(process.env.KODBOK_SHOTS ?? files, 'import-sv-refusals.png'),
    });
    await shot(page, 'import-sv-refusals');
    await page.getByTestId('import-close').click();
  });

  it('says the same in English when the interface is English', async () => {
    const { page } = demo.session;
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('export-menu').click();
    await page.getByTestId('import-files').click();
    await page.getByTestId('import-dialog').waitFor();
    await addFiles(page, [join(files, 'tom.csv'), fixture('ragged.csv')]);
    await expect(rowText(page, 'tom.csv')).resolves.toContain('tom.csv: the file is empty');
    await expect(rowText(page, 'ragged.csv')).resolves.toContain(
      'ragged.csv: row 3 has 2 cells but the header has 3',
    );
    await page.getByTestId('import-close').click();
    await page.getByTestId('language').selectOption('sv');
  });
});
