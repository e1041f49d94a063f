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
const ENGLISH_CODEBOOK = new URL(
  '../fixtures/suggest/attendance_reason-codebook.json',
  import.meta.url,
).pathname;

/**
 * A new empty project named `project`, its data (`csv`, `;`-separated, the column `variable`) made
 * a new variable, then the codebook file: the import plan is shown, and `checkPlan` may read it.
 */
async function variableWithCodebook(
  project: string,
  variable: string,
  csv: string,
  codebook: string,
  checkPlan: (plan: string | null) => Promise<void> = async () => undefined,
): Promise<void> {
  const { page } = demo.session;
  page.once('dialog', (d) => void d.accept(project));
  await page.getByTestId('project-select').selectOption('__new-empty');
  await page
    .getByText('Projektet har inga värden för den här variabeln ännu')
    .waitFor({ timeout: 20_000 });
  const data = join(files, `${variable}.csv`);
  writeFileSync(data, csv);
  // The column becomes a new variable, named by its header.
  await importFiles(page, [data], (p) =>
    p
      .locator('[data-testid="import-dialog"] select')
      .nth(2)
      .selectOption({ label: `Ny variabel: ${variable}` })
      .then(() => undefined),
  );
  // Its codebook: the plan names the variable it goes to.
  await page.getByTestId('export-menu').click();
  await page.getByTestId('codebook-file').setInputFiles(codebook);
  await page.getByTestId('import-plan').waitFor();
  await checkPlan(await page.getByTestId('import-plan').textContent());
  await page.getByRole('button', { name: 'Importera', exact: true }).click();
  await page.getByTestId('import-plan').waitFor({ state: 'detached' });
}

/** The suggestion cell of a raw value's row. */
const suggestionOf = (raw: string) =>
  demo.session.page
    .locator('.ag-row')
    .filter({ has: demo.session.page.locator('[col-id="raw"]', { hasText: raw }) })
    .locator('[col-id="suggestion"]');

describe('a variable with a codebook of its own', () => {
  it('comes in with its data, then its codebook; suggestions follow from the codebook, read with the neutral profile', async () => {
    const { page } = demo.session;
    await variableWithCodebook(
      'Våld',
      'valdsform',
      'kommun;valdsform\nGävle;Fysiskt våld\nUmeå;Ekonomiskt våld\nLund;Digitalt våld\n' +
        'Gävle;Hot om att döda\nUmeå;Tvångsgifte\nLund;Barn som bevittnat våld\nLund;Uttalade hot\n' +
        'Umeå;GPS i bilen\n',
      CODEBOOK,
      async (plan) => expect(plan).toContain('19 kategorier läggs till'),
    );
    // Said of categories, not values (it said `19 värden ändrade`).
    await page
      .locator('.notice', { hasText: 'Kodboken importerad: 19 kategorier ändrade' })
      .waitFor({ timeout: 10_000 });

    await page.getByText('valdsform', { exact: true }).click();
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

  it('an English codebook gets the English profile: a value with no word of the codebook is matched by meaning', async () => {
    const { page } = demo.session;
    await variableWithCodebook(
      'Absence',
      'attendance_reason',
      'school;attendance_reason\nA;Glandular fever\nB;Flu-like symptoms\nA;Dentist\nB;Glandular fever\n',
      ENGLISH_CODEBOOK,
    );
    await page.getByText('attendance_reason', { exact: true }).click();
    // The worker read the word vectors from the app's own origin: illness, by meaning alone.
    await expect
      .poll(() => suggestionOf('Glandular fever').textContent(), { timeout: 30_000 })
      .toMatch(/^HLT1 Illness/u);
    await expect
      .poll(() => suggestionOf('Dentist').textContent(), { timeout: 30_000 })
      .toMatch(/^HLT2 /u);
    await page.mouse.move(0, 0);
    await suggestionOf('Glandular fever').hover();
    await expect
      .poll(() => page.locator('.ag-tooltip').first().textContent(), { timeout: 10_000 })
      .toBe('nära i betydelse: Illness');
    await shot(page, 'english-codebook-meaning');
    await page.getByTestId('rules').click();
    const inUse = page.getByTestId('profile-in-use');
    await inUse.waitFor();
    expect(await inUse.getAttribute('data-profile')).toBe('en');
    // The grid's tooltip, still showing when the panel opened, is not drawn over it.
    expect(await page.locator('.ag-tooltip').first().isVisible()).toBe(false);
    expect(await inUse.textContent()).toMatch(
      /^Profil som används: Engelsk profil \(ordens betydelse\)\. .*engelska småord/u,
    );
    await shot(page, 'english-codebook-profile');
  });
});
