import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo, shot, type DemoSession } from './harness';

// A Swedish researcher imports a codebook with a code written twice and a mapping with a status
// the format does not know: the refusal says what is wrong in Swedish, after the JSON pointer of
// the place, and never the readers' English (which the command line still prints).

let demo: DemoSession;
let files: string;

beforeAll(async () => {
  demo = await openDemo();
  files = mkdtempSync(join(tmpdir(), 'kodbok-json-language-'));
});

afterAll(async () => {
  await demo?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

const category = (code: string, label: string) => ({ code, label, parent: null });

function write(name: string, content: unknown): string {
  const path = join(files, name);
  writeFileSync(path, JSON.stringify(content, null, 2));
  return path;
}

/** The refusal's lines, as the researcher reads them. */
async function refusal(page: Page, input: 'codebook-file' | 'mapping-file', path: string) {
  await page.getByTestId('export-menu').click();
  await page.getByTestId(input).setInputFiles(path);
  const errors = page.getByTestId('import-errors');
  await errors.waitFor();
  return errors.locator('li').allTextContents();
}

const ENGLISH = /\b(duplicate|codes must|unique|must be|one of|found|missing|required)\b/;

describe('a refused codebook or mapping file in the language of the interface', () => {
  it('says in Swedish that a code is written twice, with where', async () => {
    const { page } = demo.session;
    const path = write('kodbok-dubbel.json', {
      format: 'kodbok/codebook',
      formatVersion: 1,
      id: 'orsak',
      variable: 'aktualiseringsorsak',
      categories: [
        category('A01', 'Våld'),
        category('B11', 'Missbruk <förälder> & "annat"'),
        category('C02', 'Skolproblem'),
        category('B11', 'Missbruk igen'),
      ],
    });
    const lines = await refusal(page, 'codebook-file', path);
    expect(lines).toEqual([
      '/categories/3/code koden "B11" finns två gånger (också på /categories/1/code); koder måste vara unika',
    ]);
    await expect(page.getByRole('dialog').textContent()).resolves.toContain(
      'kodbok-dubbel.json kan inte importeras',
    );
    await page.screenshot({
      path: join(process.env.KODBOK_SHOTS ?? files, 'json-sv-codebook.png'),
    });
    await shot(page, 'json-sv-codebook');
    await page.getByRole('button', { name: 'Stäng' }).click();
  });

  it('says in Swedish what the mapping’s schema refuses, with where', async () => {
    const { page } = demo.session;
    const path = write('mappning-fel.json', {
      format: 'kodbok/mapping',
      formatVersion: 1,
      variable: 'aktualiseringsorsak',
      codebook: { id: 'orsak' },
      entries: [
        { raw: 'Våld', code: 'A01', status: 'klar' },
        { raw: '<b>Bråk</b>', code: 5, status: 'approved' },
        { raw: 'Hot', status: 'approved' },
      ],
    });
    const lines = await refusal(page, 'mapping-file', path);
    expect(lines).toEqual([
      '/entries/0/status ska vara något av "suggested", "coded", "approved", "rejected", "flagged", inte "klar"',
      '/entries/1/code ska vara en text, inte ett heltal',
      '/entries/2/code saknas: fältet "code" måste finnas',
    ]);
    expect(lines.join('\n')).not.toMatch(ENGLISH);
    await shot(page, 'json-sv-mapping');
    await page.screenshot({ path: join(process.env.KODBOK_SHOTS ?? files, 'json-sv-mapping.png') });
    await page.getByRole('button', { name: 'Stäng' }).click();
  });

  it('says the same in English when the interface is English', async () => {
    const { page } = demo.session;
    await page.getByTestId('language').selectOption('en');
    const lines = await refusal(page, 'codebook-file', join(files, 'kodbok-dubbel.json'));
    expect(lines).toEqual([
      '/categories/3/code duplicate code "B11" (also at /categories/1/code); codes must be unique',
    ]);
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('language').selectOption('sv');
  });
});
