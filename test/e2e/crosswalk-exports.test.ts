// A researcher who must report in SKR's Basinformation (issue 11 item 5): she gives two of the
// demo's reasons the same counterpart there in the codebook editor, then downloads the codebook
// through that crosswalk as a printable document and as a REFI-QDA codebook from the export
// dialog, which says which categories have no counterpart and are left out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRow, openDemo, shot, type DemoSession } from './harness';
import { qdcSchemaErrors, scratchDir } from '../support/readers';

const SKR = 'skr-basinformation';
const COUNTERPART = 'Brister i omsorgen';

let demo: DemoSession;
let page: Page;
let dir: string;
let approvedRaw = '';
let approvedRows = 0;

const category = (code: string) => page.locator(`[data-testid="cb-category"][data-code="${code}"]`);

async function setCrosswalk(code: string, text: string) {
  await category(code).getByTestId('cb-edit').click();
  await category(code).getByTestId('cb-field-crosswalk').fill(text);
  await category(code).getByTestId('cb-save').click();
  await category(code).getByTestId('cb-editor').waitFor({ state: 'detached' });
}

async function exportCodebookThrough(format: 'html' | 'qdc', name: string) {
  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-tables').click();
  await page.getByRole('dialog').waitFor();
  await page.getByTestId('export-kind-codebook').check();
  await page.getByTestId(`export-format-${format}`).check();
  await page.getByTestId('export-crosswalk').selectOption(SKR);
  // The categories without a counterpart are named before anything is downloaded.
  const notice = page.locator('.export-dialog .warn');
  await notice.filter({ hasText: 'lämnas utanför' }).waitFor();
  const text = (await notice.textContent()) ?? '';
  await shot(page, `export-dialog-crosswalk-${format}`);
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-download').click(),
  ]);
  const path = join(dir, name);
  await download.saveAs(path);
  return { path, file: download.suggestedFilename(), notice: text };
}

beforeAll(async () => {
  demo = await openDemo();
  page = demo.session.page;
  dir = scratchDir();
  // The most frequent value coded to H01 and approved: an example in the document.
  const first = page.locator('.ag-row[row-index="0"]');
  approvedRaw = (await first.locator('[col-id="raw"] .raw').getAttribute('title')) ?? '';
  approvedRows = Number(
    ((await first.locator('[col-id="frequency"]').textContent()) ?? '').replace(/\D/g, ''),
  );
  await first.locator('[col-id="raw"]').click();
  await page.keyboard.press('k');
  await page.getByLabel('Sök på kod, etikett eller synonym').fill('H01');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() =>
    (
      document.querySelector('.ag-row[row-index="0"] [col-id="category"]')?.textContent ?? ''
    ).startsWith('H01'),
  );
  await approveRow(page, 0);
  await page.getByRole('button', { name: /Kodbok$/ }).click();
}, 180_000);

afterAll(async () => {
  await demo?.close();
});

describe('the codebook through a crosswalk, from the app', () => {
  it('gives two categories the same counterpart in the codebook editor', async () => {
    await setCrosswalk('H01', `${SKR} = ${COUNTERPART}`);
    await setCrosswalk('H06', `${SKR} = ${COUNTERPART}`);
    await category('H06').getByTestId('cb-edit').click();
    expect(await category('H06').getByTestId('cb-field-crosswalk').inputValue()).toBe(
      `${SKR} = ${COUNTERPART}`,
    );
    await page.getByRole('button', { name: 'Avbryt' }).first().click();
    expect(approvedRaw).not.toBe('');
  });

  it('downloads the document of SKR’s categories as seen from ours: both reasons named, the approved value as example', async () => {
    const { path, file, notice } = await exportCodebookThrough('html', 'skr.html');
    expect(file).toBe(`kodbok-orsak-codebook-2026.1-${SKR}.html`);
    // The demo's other reasons without a counterpart: named, not dropped silently.
    expect(notice).toMatch(
      /^9 kategorier saknar motsvarighet i skr-basinformation och lämnas utanför: B13, /,
    );
    const html = readFileSync(path, 'utf8');
    expect(html).toContain(`<h1>${SKR} via Aktualiseringsorsaker</h1>`);
    await page.goto(`file://${path}`).catch(() => undefined);
    await shot(page, 'export-codebook-crosswalk-html');
    const section = page.locator('section.category').filter({
      has: page.locator('h2', { hasText: COUNTERPART }),
    });
    const definition = (await section.locator('dd').first().textContent()) ?? '';
    expect(definition).toMatch(/^H01 Bristande omsorg: .+\nH06 Konflikt i familjen: /);
    expect(await section.locator('ul.examples li').allTextContents()).toEqual([approvedRaw]);
    // A reason without a counterpart is not in the other codebook.
    expect(await page.locator('h2', { hasText: 'Bristande omsorg' }).count()).toBe(0);
    await page.goBack();
    await page.locator('.ag-row').first().waitFor();
  });

  it('draws the rows per category of SKR’s categories in the overview', async () => {
    await page.getByTestId('overview-open').click();
    const dialog = page.getByTestId('overview');
    await dialog.locator('[data-testid="chart-categories"] svg').first().waitFor();
    await dialog.getByTestId('overview-crosswalk').selectOption(SKR);
    const chart = dialog.getByTestId('chart-categories');
    await chart
      .locator('svg > text')
      .filter({ hasText: `Rader per kategori i ${SKR}: Aktualiseringsorsak` })
      .waitFor();
    // The approved value's rows under the one code both reasons share, named once.
    const bar = await chart
      .locator('g[aria-label="bar"] rect title')
      .filter({ hasText: new RegExp(`^${COUNTERPART}: `) })
      .textContent();
    expect(Number(bar!.split(':')[1]!.split('rader')[0]!.replace(/\D/g, ''))).toBe(approvedRows);
    await chart.scrollIntoViewIfNeeded();
    await shot(page, 'overview-crosswalk');
    await dialog.getByTestId('overview-close').click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('downloads a REFI-QDA codebook of SKR’s categories, valid against Codebook.xsd', async () => {
    const { path, file } = await exportCodebookThrough('qdc', 'skr.qdc');
    expect(file).toBe(`kodbok-orsak-codebook-2026.1-${SKR}.qdc`);
    expect(qdcSchemaErrors(path)).toBeNull();
    const qdc = readFileSync(path, 'utf8');
    const code = new RegExp(
      `<Code guid="[^"]+" name="${COUNTERPART}" isCodable="true">\\s*<Description>H01 Bristande omsorg: [^<]*\\nH06 Konflikt i familjen: `,
    );
    expect(qdc).toMatch(code);
    expect(qdc).toContain('name="Utsatt för våld/övergrepp"');
    expect(qdc).not.toContain('name="H01');
  });
});
