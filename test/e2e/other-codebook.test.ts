import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles, openDemo, shot, type DemoSession } from './harness';

// A variable of another kind, as a researcher takes it in (issue 12 items 1 and 4): its data
// make a new variable, its own codebook comes next, and the suggestions come from that codebook's
// words with the profile its codebook fits. The codebook is forms of violence in a close
// relationship (test/fixtures/suggest/vald-codebook.json): Swedish, and speaking of the default
// profile's vocabulary, but the default profile would read a fifth of its labels and synonyms as
// another category's, so the neutral profile is chosen, and the rules panel says why. What an
// exclusion says is coded elsewhere is suggested there, and the grid says so.

let demo: DemoSession;
let files: string;

beforeAll(async () => {
  demo = await openDemo();
  files = mkdtempSync(join(tmpdir(), 'kodbok-other-codebook-'));
});

afterAll(async () => {
  await demo?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

const CODEBOOK = new URL('../fixtures/suggest/vald-codebook.json', import.meta.url).pathname;

describe('a variable with a codebook of its own', () => {
  it('comes in with its data, then its codebook; suggestions follow from the codebook, read with the neutral profile', async () => {
    const { page } = demo.session;
    page.once('dialog', (d) => void d.accept('Våld'));
    await page.getByTestId('project-select').selectOption('__new-empty');
    await page
      .getByText('Projektet har inga värden för den här variabeln ännu')
      .waitFor({ timeout: 20_000 });

    const data = join(files, 'vald.csv');
    writeFileSync(
      data,
      'kommun;valdsform\nGävle;Fysiskt våld\nUmeå;Ekonomiskt våld\nLund;Digitalt våld\n' +
        'Gävle;Hot om att döda\nUmeå;Tvångsgifte\nLund;Barn som bevittnat våld\nLund;Uttalade hot\n' +
        'Umeå;GPS i bilen\n',
    );
    // The column becomes a new variable, named by its header.
    await importFiles(page, [data], (p) =>
      p
        .locator('[data-testid="import-dialog"] select')
        .nth(2)
        .selectOption({ label: 'Ny variabel: valdsform' })
        .then(() => undefined),
    );

    // Its codebook: the plan names the variable it goes to.
    await page.getByTestId('export-menu').click();
    await page.getByTestId('codebook-file').setInputFiles(CODEBOOK);
    await page.getByTestId('import-plan').waitFor();
    await expect(page.getByTestId('import-plan').textContent()).resolves.toContain(
      '19 kategorier läggs till',
    );
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await page.getByTestId('import-plan').waitFor({ state: 'detached' });
    // Said of categories, not values (it said `19 värden ändrade`).
    await page
      .locator('.notice', { hasText: 'Kodboken importerad: 19 kategorier ändrade' })
      .waitFor({ timeout: 10_000 });

    await page.getByText('valdsform', { exact: true }).click();
    const suggestionOf = (raw: string) =>
      page
        .locator('.ag-row')
        .filter({ has: page.locator('[col-id="raw"]', { hasText: raw }) })
        .locator('[col-id="suggestion"]');
    // From the codebook's own words: the label, a synonym, an inclusion.
    await expect
      .poll(() => suggestionOf('Fysiskt våld').textContent(), { timeout: 30_000 })
      .toMatch(/^V01 Fysiskt våld/u);
    await expect
      .poll(() => suggestionOf('Tvångsgifte').textContent(), { timeout: 30_000 })
      .toMatch(/^V11 /u);
    await expect
      .poll(() => suggestionOf('Barn som bevittnat våld').textContent(), { timeout: 30_000 })
      .toMatch(/^V12 /u);
    // From another category's exclusion: `Uttalade hot (V03)` in V05's says where it goes, and the
    // reason is told in Swedish when the pointer rests on the suggestion.
    await expect
      .poll(() => suggestionOf('Uttalade hot').textContent(), { timeout: 30_000 })
      .toMatch(/^V03 /u);
    await suggestionOf('Uttalade hot').hover();
    await expect
      .poll(() => page.locator('.ag-tooltip').first().textContent(), { timeout: 10_000 })
      .toBe('undantas från V05 och kodas här enligt kodboken: Uttalade hot');
    // An abbreviation one category's texts write (V08: `GPS-spårning` among its inclusions) names it.
    await expect
      .poll(() => suggestionOf('GPS i bilen').textContent(), { timeout: 30_000 })
      .toMatch(/^V08 /u);
    await page.mouse.move(0, 0);
    await suggestionOf('GPS i bilen').hover();
    await expect
      .poll(() => page.locator('.ag-tooltip').first().textContent(), { timeout: 10_000 })
      .toBe('koden eller förkortningen som kodboken anger för kategorin: GPS');
    await shot(page, 'other-codebook-suggestions');

    await page.getByTestId('rules').click();
    const inUse = page.getByTestId('profile-in-use');
    await inUse.waitFor();
    expect(await inUse.getAttribute('data-profile')).toBe('neutral');
    expect(await inUse.textContent()).toMatch(
      /^Profil som används: Neutral profil\. .*läser 21 % av etiketterna och synonymerna som en annan kategoris/u,
    );
    await shot(page, 'other-codebook-profile');
  });
});
