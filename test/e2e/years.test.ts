// A researcher imports two municipalities' files of several years into the demo (issue 10
// item 2): one with a date column (chosen as the year; one date unreadable, counted under "no
// year" and named by its row), one with the year in its name. The value's side panel shows
// its rows per municipality and year, and the frequency table per year counts them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, search, shot, type DemoSession } from './harness';
import { scratchDir } from '../support/readers';

let demo: DemoSession;
let dir: string;
const VALUE = 'Årstest orsak';

beforeAll(async () => {
  demo = await openDemo();
  dir = scratchDir();
});
afterAll(async () => {
  await demo?.close();
});

async function openImport(page: Page) {
  await page.getByTestId('export-menu').click();
  await page.getByTestId('import-files').click();
  await page.getByTestId('import-dialog').waitFor();
}

/** Downloads a table of the export dialog as plain CSV and reads its lines. */
async function exportCsv(page: Page, kind: string, choose?: (page: Page) => Promise<void>) {
  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-tables').click();
  await page.getByRole('dialog').waitFor();
  await page.getByTestId(`export-kind-${kind}`).check();
  await page.getByTestId('export-format-csv').check();
  await choose?.(page);
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-download').click(),
  ]);
  const path = join(dir, `${kind}.csv`);
  await download.saveAs(path);
  const lines = readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  return { name: download.suggestedFilename(), lines };
}

const cells = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) => els.map((e) => e.textContent?.trim() ?? ''));

describe('counts per municipality and year', () => {
  it('imports a file with a date column chosen as the year and a file with its year in the name', async () => {
    const { page } = demo.session;
    const dated = join(dir, 'Nationell uppföljning.csv');
    writeFileSync(
      dated,
      [
        'Aktualiseringsdatum;kommun;orsak',
        `2022-03-01;Gävle;${VALUE}`,
        `2023-01-15;Gävle;${VALUE}`,
        `2023;Åre;${VALUE}`,
        `okänt;Åre;${VALUE}`,
        '',
      ].join('\r\n'),
    );
    const named = join(dir, 'umea_2021.csv');
    writeFileSync(named, ['orsak', VALUE, VALUE, ''].join('\r\n'));
    await openImport(page);
    await page.getByTestId('import-file-input').setInputFiles([dated, named]);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="import-file"]')];
      return rows.length === 2 && rows.every((r) => r.getAttribute('data-status') === 'ready');
    });
    // The date column is taken as the year (its header says so); the other file's year and
    // municipality come from its name.
    await expect(
      page.locator('[data-testid="import-column-target"][data-column="0"]').inputValue(),
    ).resolves.toBe('year');
    await expect(page.getByTestId('import-year').isDisabled()).resolves.toBe(true);
    const umea = page.locator('[data-testid="import-file"][data-file="umea_2021.csv"]');
    await expect(umea.locator('td').nth(1).textContent()).resolves.toBe('umea');
    await expect(umea.getByTestId('import-file-year').textContent()).resolves.toBe('2021');
    await umea.click();
    // The chosen file's settings are shown after the click's render: waited for, not read at once.
    await expect.poll(() => page.getByTestId('import-year').inputValue()).toBe('2021');
    await shot(page, 'years-01-files');

    await page.getByTestId('import-read').click();
    await page.locator('.imp-steps [data-step="split"].active').waitFor({ timeout: 60_000 });
    await page.getByTestId('import-review').click();
    await page.getByTestId('import-review-step').waitFor();
    await expect(page.getByTestId('import-years').textContent()).resolves.toContain(
      'År i filerna: 2021–2023.',
    );
    await expect(page.getByTestId('import-no-year-summary').textContent()).resolves.toBe(
      'Nationell uppföljning.csv: 1 rad har inget läsbart år i årskolumnen och räknas som ”utan år” (rad 5).',
    );
    await shot(page, 'years-02-review');
    await page.getByTestId('import-commit-files').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-no-year-summary').count()).resolves.toBe(1);
    await expect(page.getByTestId('import-history-years').first().textContent()).resolves.toBe(
      '2021–2023',
    );
    await page.getByTestId('import-close').click();
  });

  it('shows the value’s rows per municipality and year in its side panel', async () => {
    const { page } = demo.session;
    await search(page, VALUE);
    await page.locator('.ag-row[row-index="0"] [col-id="frequency"]').click();
    await page.getByTestId('side-open').click();
    const sources = page.getByTestId('value-sources');
    await sources.locator('tbody tr').first().waitFor();
    await expect(cells(page, '[data-testid="value-sources"] thead th')).resolves.toEqual([
      'Kommun',
      '2021',
      '2022',
      '2023',
      'utan år',
      'Totalt',
    ]);
    const line = (m: string) =>
      cells(page, `[data-testid="value-source"][data-municipality="${m}"] td`);
    await expect(line('Gävle')).resolves.toEqual(['Gävle', '', '1', '1', '', '2']);
    await expect(line('Åre')).resolves.toEqual(['Åre', '', '', '1', '1', '2']);
    await expect(line('umea')).resolves.toEqual(['umea', '2', '', '', '', '2']);
    await expect(cells(page, '[data-testid="value-sources-total"] th')).resolves.toEqual([
      'Totalt',
      '2',
      '1',
      '2',
      '1',
      '6',
    ]);
    await shot(page, 'years-03-side-panel');
    // In English too.
    await page.getByTestId('language').selectOption('en');
    await expect
      .poll(() => cells(page, '[data-testid="value-sources"] thead th'))
      .toEqual(['Municipality', '2021', '2022', '2023', 'no year', 'Total']);
    await expect(sources.locator('h3').textContent()).resolves.toBe(
      'Sources: rows per municipality and year',
    );
    await shot(page, 'years-03-side-panel-en');
    await page.getByTestId('language').selectOption('sv');

    // A value of the demo (imported without years): its municipalities and their rows only,
    // the most frequent first, the rest behind a button.
    await search(page, '');
    await page.locator('.ag-row[row-index="0"] [col-id="frequency"]').click();
    await expect
      .poll(() => cells(page, '[data-testid="value-sources"] thead th'))
      .toEqual(['Kommun', 'Totalt']);
    const shown = await sources.getByTestId('value-source').count();
    await sources.getByTestId('value-sources-all').click();
    await expect.poll(() => sources.getByTestId('value-source').count()).toBeGreaterThan(shown);
  });

  it('exports the frequency of each code per year', async () => {
    const { name, lines } = await exportCsv(demo.session.page, 'frequencies', async (page) => {
      await page.getByTestId('export-by-year').check();
      await shot(page, 'years-04-export');
    });
    expect(name).toMatch(/-frequencies-by-year-/);
    expect(lines[0]).toBe('year,code,label,rows,share,group_code,group_label');
    // The new value is uncoded: its rows per year on the uncoded line; the demo has no year.
    const uncoded = (year: string) => lines.find((l) => l.startsWith(`${year},,`))?.split(',')[3];
    expect([uncoded('2021'), uncoded('2022'), uncoded('2023')]).toEqual(['2', '1', '2']);
    expect(Number(uncoded(''))).toBeGreaterThan(1000);
  });

  it('exports how often each value occurs per municipality and year', async () => {
    const { name, lines } = await exportCsv(demo.session.page, 'sources');
    expect(name).toMatch(/-sources-/);
    expect(lines[0]).toBe('raw,code,label,status,status_code,municipality,year,rows');
    expect(lines.filter((l) => l.startsWith(`${VALUE},`)).sort()).toEqual([
      `${VALUE},,,Okodad,uncoded,Gävle,2022,1`,
      `${VALUE},,,Okodad,uncoded,Gävle,2023,1`,
      `${VALUE},,,Okodad,uncoded,umea,2021,2`,
      `${VALUE},,,Okodad,uncoded,Åre,,1`,
      `${VALUE},,,Okodad,uncoded,Åre,2023,1`,
    ]);
  });

  it('draws the overview’s rows per category and coverage per municipality for one year', async () => {
    const { page } = demo.session;
    await page.getByTestId('overview-open').click();
    const dialog = page.getByTestId('overview');
    await dialog.locator('[data-testid="chart-categories"] svg').first().waitFor();
    await expect(
      dialog.getByTestId('overview-year').locator('option').allTextContents(),
    ).resolves.toEqual(['Alla år', '2021', '2022', '2023', 'utan år']);
    await dialog.getByTestId('overview-year').selectOption('2023');
    const heading = dialog.locator('[data-testid="chart-categories"] svg > text').first();
    await expect
      .poll(() => heading.textContent())
      .toBe('Rader per kategori: Aktualiseringsorsak (2023)');
    // 2023 holds two rows, both of the new (uncoded) value: one bar, from Gävle and Åre.
    const bars = await dialog
      .locator('[data-testid="chart-categories"] g[aria-label="bar"] rect title')
      .allTextContents();
    expect(bars.filter((b) => !/: 0 rader/.test(b))).toEqual([
      '(utan godkänd kod): 2 rader (100,0 %)',
    ]);
    const municipalities = await dialog
      .locator('[data-testid="chart-municipalities"] g[aria-label="bar"] rect title')
      .allTextContents();
    expect(municipalities.map((m) => m.split(':')[0]).sort()).toEqual(['Gävle', 'Åre']);
    await shot(page, 'years-05-overview-2023');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
