// A researcher approves a value in the demo, then takes the results to Excel, R and a QDA
// program from the export dialog: the approved mapping for Swedish Excel, a frequency table by
// municipality as XLSX, the codebook as a printable document, and a municipality's file
// recoded. Each download is read with the program a researcher would use.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/core/demo/generate';
import { demoXlsx } from '../support/demo-xlsx';
import { openDemo, shot, type DemoSession } from './harness';
import { python3, scratchDir } from '../support/readers';

let demo: DemoSession;
let dir: string;
let approvedRaw = '';
let approvedCode = '';
let approvedFrequency = 0;

beforeAll(async () => {
  demo = await openDemo();
  dir = scratchDir();
});
afterAll(async () => {
  await demo?.close();
});

async function openExport(page: Page) {
  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-tables').click();
  await page.getByRole('dialog').waitFor();
}

async function downloadTo(page: Page, name: string): Promise<{ path: string; file: string }> {
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-download').click(),
  ]);
  const path = join(dir, name);
  await download.saveAs(path);
  return { path, file: download.suggestedFilename() };
}

describe('exports from the app', () => {
  it('approves the most frequent value (accept its suggestion, then approve)', async () => {
    const { page } = demo.session;
    const first = page.locator('.ag-row[row-index="0"]');
    approvedRaw = (await first.locator('[col-id="raw"] .raw').getAttribute('title')) ?? '';
    // Suggestions come from a worker: wait for the row's own.
    await page.waitForFunction(
      () =>
        (document.querySelector('.ag-row[row-index="0"] [col-id="suggestion"]')?.textContent ??
          '') !== '',
      undefined,
      { timeout: 60_000 },
    );
    await first.locator('[col-id="raw"]').click();
    await page.locator('[data-action="acceptSuggestion"]').click();
    await page.waitForFunction(
      () =>
        document.querySelector('.ag-row[row-index="0"] [col-id="status"]')?.textContent === 'Kodad',
    );
    await shot(page, 'export-before-approve');
    await first.locator('[col-id="raw"]').click();
    await page.keyboard.press('a');
    await page.waitForFunction(
      () =>
        document.querySelector('.ag-row[row-index="0"] [col-id="status"]')?.textContent ===
        'Godkänd',
    );
    approvedCode =
      (await first.locator('[col-id="category"]').textContent())?.trim().split(/\s/)[0] ?? '';
    approvedFrequency = Number(
      ((await first.locator('[col-id="frequency"]').textContent()) ?? '').replace(/\D/g, ''),
    );
    expect(approvedRaw).not.toBe('');
    expect(approvedCode).toMatch(/^[A-Z]/);
  });

  it('downloads the approved mapping as CSV for Swedish Excel, which pandas reads with ; and BOM', async () => {
    const { page } = demo.session;
    await openExport(page);
    await shot(page, 'export-dialog');
    const { path, file } = await downloadTo(page, 'mapping.csv');
    expect(file).toMatch(/^aktualiseringsorsak-mapping-approved-excel\.csv$|-excel\.csv$/);
    const rows = python3<Record<string, string>[]>(
      `import sys, json, pandas as pd
print(json.dumps(pd.read_csv(sys.argv[1], sep=';', encoding='utf-8-sig', dtype=str, keep_default_na=False).to_dict('records')))`,
      path,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      raw: approvedRaw,
      code: approvedCode,
      status: 'Godkänd',
      status_code: 'approved',
      coded_by: 'anna',
    });
    expect(rows[0]?.label).not.toBe('');
  });

  it('downloads a frequency table by municipality as XLSX; every row is counted, uncoded ones on their own line', async () => {
    const { page } = demo.session;
    await openExport(page);
    await page.getByTestId('export-kind-frequencies').check();
    await page.getByTestId('export-format-xlsx').check();
    await page.getByTestId('export-by-municipality').check();
    await shot(page, 'export-dialog-frequencies');
    const { path } = await downloadTo(page, 'freq.xlsx');
    const read = python3<{ header: string[]; rows: [string, string, number, number][] }>(
      `import sys, json, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = [[c.value for c in r] for r in ws.iter_rows()]
print(json.dumps({'header': rows[0], 'rows': [[r[0], r[1] or '', r[3], r[4]] for r in rows[1:]]}))`,
      path,
    );
    expect(read.header.slice(0, 5)).toEqual(['municipality', 'code', 'label', 'rows', 'share']);
    const municipalities = new Set(read.rows.map((r) => r[0]));
    expect(municipalities.size).toBeGreaterThan(50);
    const approvedRows = read.rows
      .filter((r) => r[1] === approvedCode)
      .reduce((n, r) => n + r[2], 0);
    const uncodedRows = read.rows.filter((r) => r[1] === '').reduce((n, r) => n + r[2], 0);
    // One approved value: its category's rows are the rows it occurs in, over all municipalities.
    expect(approvedRows).toBe(approvedFrequency);
    expect(uncodedRows).toBeGreaterThan(approvedRows);
  });

  it('downloads the codebook as a printable document', async () => {
    const { page } = demo.session;
    await openExport(page);
    await page.getByTestId('export-kind-codebook').check();
    await page.getByTestId('export-format-html').check();
    const { path } = await downloadTo(page, 'codebook.html');
    await page.goto(`file://${path}`).catch(() => undefined);
    await shot(page, 'export-codebook-html');
    const examples = await page.locator('ul.examples li').allTextContents();
    expect(examples).toContain(approvedRaw);
    await page.goBack();
    await page.locator('.ag-row').first().waitFor();
  });

  it('recodes a municipality’s file read again with the import’s reader, labels beside the codes', async () => {
    const { page } = demo.session;
    const source = join(dir, 'Gävle.csv');
    writeFileSync(
      source,
      `\ufeffid;aktualiseringsorsak\r\n1;${approvedRaw}\r\n2;något helt okänt\r\n`,
    );
    await openExport(page);
    await page.getByTestId('export-kind-recoded').check();
    await page.getByTestId('export-format-csv').check();
    await page.getByTestId('export-recoded-files').setInputFiles(source);
    await expect
      .poll(() => page.getByTestId('export-recoded-column').inputValue())
      .toBe('aktualiseringsorsak');
    await shot(page, 'export-dialog-recoded');
    const { path, file } = await downloadTo(page, 'recoded.csv');
    expect(file).toBe('Gävle-recoded.csv');
    const rows = python3<Record<string, string>[]>(
      `import sys, json, pandas as pd
print(json.dumps(pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False).to_dict('records')))`,
      path,
    );
    expect(rows.map((r) => r.aktualiseringsorsak_code)).toEqual([approvedCode, '']);
    expect(rows[0]?.aktualiseringsorsak_label).not.toBe('');
  });

  it('names a source file it cannot read in Swedish, with the line and byte, and offers no download until a readable one is chosen', async () => {
    const { page } = demo.session;
    // Excel's "Unicode text" (UTF-16LE) with a lone surrogate on line 3, byte 52 of the file.
    const utf16 = (s: string) => [...s].flatMap((c) => [c.charCodeAt(0), 0]);
    const source = join(dir, 'Umeå.txt');
    writeFileSync(
      source,
      Uint8Array.of(
        0xff,
        0xfe,
        ...utf16('kommun;orsak\nGävle;Våld\nÅ'),
        0x00,
        0xdc,
        ...utf16(';x\n'),
      ),
    );
    await openExport(page);
    await page.getByTestId('export-kind-recoded').check();
    await page.getByTestId('export-recoded-files').setInputFiles(source);
    // Said as soon as the file is chosen (the column choice used to vanish without a word).
    const unreadable = page.getByTestId('export-recoded-unreadable');
    await unreadable.waitFor();
    expect(await unreadable.textContent()).toBe(
      'Umeå.txt: filen är inte giltig UTF-16LE på textrad 3 (byte 52): ett tecken där är trasigt eller avkortat',
    );
    // Ladda ner would only repeat the refusal: it waits for a file it can read.
    const download = page.getByTestId('export-download');
    expect(await download.isDisabled()).toBe(true);
    await shot(page, 'export-dialog-recoded-refused');
    await page.screenshot({ path: join(dir, 'export-dialog-recoded-refused.png') });
    const readable = join(dir, 'Umeå.csv');
    writeFileSync(readable, `id;aktualiseringsorsak\n1;${approvedRaw}\n`);
    await page.getByTestId('export-recoded-files').setInputFiles(readable);
    await expect
      .poll(() => page.getByTestId('export-recoded-column').inputValue())
      .toBe('aktualiseringsorsak');
    expect(await page.getByTestId('export-recoded-unreadable').count()).toBe(0);
    expect(await download.isEnabled()).toBe(true);

    // Several files: every one is read, not only the first. A refused second file is named, and
    // Ladda ner waits again.
    await page.getByTestId('export-recoded-files').setInputFiles([readable, source]);
    await unreadable.waitFor();
    expect(await page.getByTestId('export-recoded-unreadable').allTextContents()).toEqual([
      'Umeå.txt: filen är inte giltig UTF-16LE på textrad 3 (byte 52): ett tecken där är trasigt eller avkortat',
    ]);
    expect(await download.isDisabled()).toBe(true);
    await shot(page, 'export-dialog-recoded-second-refused');
    // Readable files without a column they all have: said, and nothing to download.
    const other = join(dir, 'Gävle.csv');
    writeFileSync(other, `kommun;orsak\nGävle;${approvedRaw}\n`);
    await page.getByTestId('export-recoded-files').setInputFiles([readable, other]);
    await expect
      .poll(() => page.getByTestId('export-recoded-unreadable').allTextContents())
      .toEqual(['De valda filerna har ingen kolumn som alla har: välj filer med samma kolumner']);
    expect(await download.isDisabled()).toBe(true);
    // Files that share the column: the column is offered and Ladda ner is enabled.
    const third = join(dir, 'Luleå.csv');
    writeFileSync(third, `aktualiseringsorsak;id\n${approvedRaw};2\n`);
    await page.getByTestId('export-recoded-files').setInputFiles([readable, third]);
    await expect
      .poll(() => page.getByTestId('export-recoded-column').inputValue())
      .toBe('aktualiseringsorsak');
    expect(await page.getByTestId('export-recoded-unreadable').count()).toBe(0);
    expect(await download.isEnabled()).toBe(true);
  });

  it('names a source file whose reading is stopped (too slow, or the worker stopped), and offers no download', async () => {
    const { page } = demo.session;
    const book = join(dir, 'Långsam.xlsx');
    writeFileSync(book, demoXlsx(generateDemo({ rows: 150_000, seed: 7 })));
    // The caps lowered to 1 s for this test (`?importCapMs`): the real ones are 60 s and 30 s.
    // Before, such a file was passed over without a word.
    await page.goto(`${demo.server.url}?importCapMs=1000`);
    await page.locator('.ag-row').first().waitFor({ timeout: 60_000 });
    await openExport(page);
    await page.getByTestId('export-kind-recoded').check();
    await page.getByTestId('export-recoded-files').setInputFiles(book);
    const unreadable = page.getByTestId('export-recoded-unreadable');
    await unreadable.waitFor({ timeout: 30_000 });
    expect(await unreadable.textContent()).toMatch(
      /^Långsam\.xlsx: läsningen tog längre än 1 s och stoppades/,
    );
    expect(await page.getByTestId('export-download').isDisabled()).toBe(true);
    await shot(page, 'export-dialog-recoded-stopped');
    await page.goto(demo.server.url);
    await page.locator('.ag-row').first().waitFor({ timeout: 60_000 });
  });
});
