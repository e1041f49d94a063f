import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, search, shot, startServer, tempProfile, type Session } from './harness';

// A researcher's first session with Kodbok, as a user would do it: the demo opens, they code
// and approve values in bulk, reload, restart the browser, export, and import back.

let server: { url: string; close: () => Promise<void> };
let profile: { dir: string; remove: () => void };
let s: Session;

/** The rendered grid rows (ag-grid renders only those in view): raw value → status label. */
async function visibleStatuses(page: Page): Promise<Map<string, string>> {
  const rows = await page.locator('.ag-row:has([col-id="status"])').evaluateAll((els) =>
    // The raw value exactly as stored: RawText keeps it in its title (ag-grid escapes row-id).
    els.map((el) => [
      el.querySelector('[col-id="raw"] .raw')?.getAttribute('title') ?? '',
      el.querySelector('[col-id="status"]')?.textContent ?? '',
    ]),
  );
  return new Map(rows as [string, string][]);
}

/** Waits until every one of `raws` is on screen as approved (the grid renders asynchronously). */
async function expectApproved(page: Page, raws: readonly string[]) {
  await expect
    .poll(
      async () => {
        const statuses = await visibleStatuses(page);
        return raws.filter((raw) => statuses.get(raw) !== 'Godkänd');
      },
      { timeout: 15_000, interval: 200 },
    )
    .toEqual([]);
}

async function waitSaved(page: Page) {
  await page.locator('[data-testid="save-state"][data-saved="true"]').waitFor({ timeout: 20_000 });
}

beforeAll(async () => {
  server = await startServer();
  profile = tempProfile();
  s = await launch(profile.dir, new URL(server.url).origin);
});

afterAll(async () => {
  await s?.context.close();
  await server?.close();
  profile?.remove();
});

describe('the workbench, end to end', () => {
  let approved: string[] = [];
  let approvedCount = 0;

  it('opens the demo project with four variables and asks who is coding', async () => {
    const { page } = s;
    await page.goto(server.url);
    await page.getByTestId('user-name').fill('anna', { timeout: 90_000 });
    // Anna works alone: she codes and approves (four eyes off).
    await page.getByTestId('four-eyes').uncheck();
    await page.getByTestId('user-ok').click();
    for (const v of ['aktualiseringsorsak', 'åtgärd', 'kön', 'aktualiseringstyp']) {
      await expect(page.locator(`[data-variable="${v}"]`).count()).resolves.toBe(1);
    }
    await page.locator('.ag-row').first().waitFor();
    // Swedish by default.
    await expect(page.getByRole('button', { name: 'Godkänn' }).count()).resolves.toBe(1);
    // Most frequent first.
    const freqs = await page.locator('.ag-row:has([col-id="frequency"])').evaluateAll((els) =>
      els
        .map((el) => ({
          i: Number(el.getAttribute('row-index')),
          f: el.querySelector('[col-id="frequency"]')?.textContent ?? '',
        }))
        .sort((a, b) => a.i - b.i)
        .map((x) => Number(x.f.replace(/\s/g, '').replace(/\u00a0/g, ''))),
    );
    expect(freqs.length).toBeGreaterThan(5);
    expect([...freqs].sort((a, b) => b - a)).toEqual(freqs);
    // Suggestions arrive from the worker.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.ag-row [col-id="suggestion"]')].some((c) =>
          /^[A-Z]+\d*\s/.test(c.textContent ?? ''),
        ),
      undefined,
      { timeout: 30_000 },
    );
    await shot(page, '01-demo');
  });

  it('filters, assigns a category to everything shown, and approves it in one action each', async () => {
    const { page } = s;
    await search(page, 'missbruk förälder');
    await page.waitForTimeout(300);
    const shown = await page.getByTestId('select-filtered').textContent();
    const n = Number((shown ?? '').replace(/\D/g, ''));
    expect(n).toBeGreaterThan(0);
    await page.getByTestId('select-filtered').click();
    await page
      .getByTestId('selection-count')
      .filter({ hasText: String(n) })
      .waitFor({ timeout: 5000 });
    await page.locator('[data-action="assign"]').click();
    await page.getByLabel('Sök på kod, etikett eller synonym').fill('H07');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    await page.locator('[data-action="approve"]').click();
    await waitSaved(page);
    await page.waitForFunction(
      () => {
        const cells = [...document.querySelectorAll('.ag-row [col-id="status"]')];
        return cells.length > 0 && cells.every((e) => e.textContent === 'Godkänd');
      },
      undefined,
      { timeout: 10_000 },
    );
    approvedCount = n;
    // The rows on screen once they are all approved and the grid has settled (two equal reads).
    let previous = '';
    await expect
      .poll(
        async () => {
          const now = JSON.stringify([...(await visibleStatuses(page))]);
          const settled = now === previous;
          previous = now;
          return settled;
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBe(true);
    approved = [...(await visibleStatuses(page)).keys()];
    expect(approved.length).toBeGreaterThan(0);
    expect(approved.length).toBeLessThanOrEqual(n);
    const coverage = await page.getByTestId('coverage-aktualiseringsorsak').textContent();
    expect(coverage).not.toMatch(/^0,0 %/);
    await shot(page, '02-approved');
  });

  it('comes back to the same state after a reload: filters, statuses, variable', async () => {
    const { page } = s;
    await page.reload();
    await page.locator('.ag-row').first().waitFor({ timeout: 30_000 });
    await expect(page.getByLabel('Snabbsök i alla kolumner').inputValue()).resolves.toBe(
      'missbruk förälder',
    );
    await expectApproved(page, approved);
  });

  it('comes back to the same state after the browser is closed and started again', async () => {
    await s.context.close();
    s = await launch(profile.dir, new URL(server.url).origin);
    const { page } = s;
    await page.goto(server.url);
    await page.locator('.ag-row').first().waitFor({ timeout: 30_000 });
    await expectApproved(page, approved);
  });

  let exported = '';
  it('exports the approved mapping exactly as approved, per FORMATS.md', async () => {
    const { page } = s;
    await page.getByTestId('export-menu').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-approved').click(),
    ]);
    const path = join(profile.dir, 'mapping.json');
    await download.saveAs(path);
    exported = path;
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(file).toMatchObject({
      format: 'kodbok/mapping',
      formatVersion: 1,
      variable: 'aktualiseringsorsak',
    });
    expect(file.codebook.id).toBeTruthy();
    const entries = file.entries as {
      raw: string;
      code: string;
      status: string;
      codedBy: string;
      reviewedBy: string;
    }[];
    // Every value approved above, and nothing else.
    expect(entries).toHaveLength(approvedCount);
    expect(entries.map((e) => e.raw)).toEqual(expect.arrayContaining(approved));
    for (const e of entries)
      expect(e).toMatchObject({
        code: 'H07',
        status: 'approved',
        codedBy: 'anna',
        reviewedBy: 'anna',
      });
  });

  it('imports the exported mapping back: nothing changes', async () => {
    const { page } = s;
    await page.getByTestId('export-menu').click();
    await page.getByTestId('mapping-file').setInputFiles(exported);
    await page.getByTestId('import-plan').waitFor();
    await expect(page.getByText('Filen ändrar ingenting i projektet.').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Avbryt' }).click();
  });

  it('exports the codebook and imports it back: nothing changes', async () => {
    const { page } = s;
    await page.getByTestId('export-menu').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-codebook').click(),
    ]);
    const path = join(profile.dir, 'codebook.json');
    await download.saveAs(path);
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(file).toMatchObject({
      format: 'kodbok/codebook',
      formatVersion: 1,
      variable: 'aktualiseringsorsak',
    });
    expect(file.categories.length).toBe(25);
    await page.getByTestId('export-menu').click();
    await page.getByTestId('codebook-file').setInputFiles(path);
    await page.getByTestId('import-plan').waitFor();
    await expect(page.getByText('Filen ändrar ingenting i projektet.').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Avbryt' }).click();
  });

  it('refuses a corrupt file with a message and leaves the project unchanged', async () => {
    const { page } = s;
    const broken = join(profile.dir, 'broken.json');
    writeFileSync(broken, readFileSync(exported, 'utf8').slice(0, 200));
    await page.getByTestId('export-menu').click();
    await page.getByTestId('mapping-file').setInputFiles(broken);
    const errors = await page.getByTestId('import-errors').textContent();
    // Said in Swedish, with where: not the parser's English.
    expect(errors).toMatch(/rad \d+, kolumn \d+/);
    await shot(page, '03-refused');
    await page.getByRole('button', { name: 'Stäng' }).click();
    const wrongVersion = join(profile.dir, 'v9.json');
    writeFileSync(
      wrongVersion,
      readFileSync(exported, 'utf8').replace('"formatVersion": 1', '"formatVersion": 9'),
    );
    await page.getByTestId('export-menu').click();
    await page.getByTestId('mapping-file').setInputFiles(wrongVersion);
    await expect(page.getByTestId('import-errors').textContent()).resolves.toMatch(/formatVersion/);
    await page.getByRole('button', { name: 'Stäng' }).click();
    // A codebook for a variable the project lacks: said in Swedish, with what to do.
    const otherVariable = join(profile.dir, 'other-variable.json');
    writeFileSync(
      otherVariable,
      JSON.stringify({
        format: 'kodbok/codebook',
        formatVersion: 1,
        id: 'vald',
        variable: 'valdsform',
        categories: [{ code: 'V01', label: 'Fysiskt våld', parent: null }],
      }),
    );
    await page.getByTestId('export-menu').click();
    await page.getByTestId('codebook-file').setInputFiles(otherVariable);
    await expect(page.getByTestId('import-errors').textContent()).resolves.toMatch(
      /Filen gäller variabeln "valdsform", som projektet inte har .*Importera först data/u,
    );
    await page.getByRole('button', { name: 'Stäng' }).click();
    // Issue 13: a Windows-1252 mapping was stored as `V\ufffdld`, and a 30 000 000-character
    // raw value was committed and broke the variable. Both are refused before anything is stored.
    const { variable, codebook } = JSON.parse(readFileSync(exported, 'utf8'));
    const withEntries = (entries: object[]) =>
      JSON.stringify(
        { format: 'kodbok/mapping', formatVersion: 1, variable, codebook, entries },
        null,
        2,
      );
    const cp1252 = join(profile.dir, 'cp1252.json');
    writeFileSync(
      cp1252,
      Buffer.from(
        withEntries([
          { raw: 'Våld', code: 'H07', status: 'approved' },
          { raw: 'Missbruk förälder', code: 'H07', status: 'approved' },
        ]),
        'latin1',
      ),
    );
    const giant = join(profile.dir, 'giant.json');
    writeFileSync(
      giant,
      withEntries([{ raw: 'x'.repeat(30_000_000), code: 'H07', status: 'approved' }]),
    );
    for (const [file, reason] of [
      [cp1252, /inte UTF-8-text: rad \d+/],
      [giant, /\/entries\/0\/raw är 30\u00a0000\u00a0000 tecken lång; .* högst 4\u00a0000 tecken/u],
    ] as const) {
      await page.getByTestId('export-menu').click();
      await page.getByTestId('mapping-file').setInputFiles(file);
      await page.getByTestId('import-errors').waitFor({ timeout: 20_000 });
      await expect(page.getByTestId('import-errors').textContent()).resolves.toMatch(reason);
      if (file === cp1252) await shot(page, '03-refused-cp1252');
      await page.getByRole('button', { name: 'Stäng' }).click();
    }
    await expectApproved(page, approved);
  });

  it('backs up the whole project and restores it as a copy, decisions and all', async () => {
    const { page } = s;
    await page.getByTestId('export-menu').click();
    await expect(page.getByTestId('last-backup').textContent()).resolves.toBe(
      'ingen säkerhetskopia än',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-backup').click(),
    ]);
    const path = join(profile.dir, 'backup.json');
    await download.saveAs(path);
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(file).toMatchObject({ format: 'kodbok/backup', formatVersion: 1 });
    expect(file.values.length).toBeGreaterThan(1000);
    await page.getByTestId('export-menu').click();
    await expect.poll(() => page.getByTestId('last-backup').textContent()).toMatch(/^senast /u);
    await shot(page, '03a-backup-menu');
    // A truncated backup is refused, and nothing is added.
    const broken = join(profile.dir, 'backup-broken.json');
    writeFileSync(broken, readFileSync(path, 'utf8').slice(0, 5000));
    await page.getByTestId('backup-file').setInputFiles(broken);
    await expect(page.getByTestId('import-errors').textContent()).resolves.toMatch(/rad \d+/);
    await page.getByRole('button', { name: 'Stäng' }).click();
    const projectsBefore = await page.getByTestId('project-select').locator('option').count();
    // The project is still here: it comes back as a copy beside it.
    await page.getByTestId('export-menu').click();
    await page.getByTestId('backup-file').setInputFiles(path);
    await expect(page.getByTestId('import-plan').textContent()).resolves.toMatch(/kopia/u);
    await shot(page, '03b-restore-backup');
    await page.getByTestId('import-commit').click();
    // Restoring 1 600 values with their history takes seconds on a busy machine.
    await expect
      .poll(() => page.getByTestId('project-select').locator('option:checked').textContent(), {
        timeout: 30_000,
      })
      .toMatch(/\(återställd\)$/u);
    expect(await page.getByTestId('project-select').locator('option').count()).toBe(
      projectsBefore + 1,
    );
    await page.locator('.ag-row').first().waitFor();
    await search(page, 'missbruk förälder');
    await expectApproved(page, approved);
  });

  it('backs the project up before a file recodes what is there', async () => {
    const { page } = s;
    const mapping = JSON.parse(readFileSync(exported, 'utf8'));
    const first = mapping.entries[0];
    first.code = 'H01';
    const recoding = join(profile.dir, 'recoding.json');
    writeFileSync(recoding, JSON.stringify(mapping));
    await page.getByTestId('export-menu').click();
    await page.getByTestId('mapping-file').setInputFiles(recoding);
    await expect(page.getByTestId('backup-first').isChecked()).resolves.toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-commit').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-backup-.*\.json$/u);
    const backup = JSON.parse(readFileSync(await download.path(), 'utf8'));
    // The backup holds the project as it was before the file recoded it.
    const before = backup.values.find(
      (v: { variable: string; raw: string }) =>
        v.variable === 'aktualiseringsorsak' && v.raw === first.raw,
    );
    expect(before.code).toBe('H07');
    // …and then the import goes on.
    await page.getByText('Importerat: 1 värde ändrat').waitFor();
    await waitSaved(page);
  });

  it('speaks English when asked, and shows raw values as text, never HTML', async () => {
    const { page } = s;
    await page.getByTestId('language').selectOption('en');
    await expect(page.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(1);
    await page.getByLabel('Quick search in all columns').fill('');
    await shot(page, '04-english');
    expect(await page.locator('.ag-cell script, .ag-cell img').count()).toBe(0);
  });

  it('sent nothing to any other origin and threw no errors', () => {
    expect(s.foreign).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
