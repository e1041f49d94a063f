import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { starterCodebooks } from '../../src/core/demo/codebooks';
import { demoVariableValues, generateDemo } from '../../src/core/demo/generate';
import { fingerprint } from '../../src/core/suggest/cluster';
import { createEngine } from '../../src/core/suggest/engine';
import { openDemo, search, shot, type DemoSession, type Session } from './harness';

// Issue 4's promise, as a researcher sees it: approving a value visibly improves the suggestions
// of similar values, within a second, while the grid stays usable.

let demo: DemoSession | undefined;
let s: Session;

/**
 * From the demo's truth: a value X whose top suggestion is wrong, and another value Y of the same
 * normalised key and the same true category. Approving Y with that category should fix X.
 */
function pickCase(): { x: string; y: string; code: string; wrong: string } {
  const demo = generateDemo();
  const variable = 'aktualiseringsorsak';
  const truth = demo.truth.get(variable);
  const codebook = starterCodebooks.find((c) => c.variable === variable);
  const values = demoVariableValues(demo).get(variable);
  if (!truth || !codebook || !values) throw new Error('demo without reasons');
  const engine = createEngine({ codebook, known: new Map() });
  const byKey = new Map<string, string[]>();
  for (const raw of values.keys()) {
    const key = fingerprint(raw);
    byKey.set(key, [...(byKey.get(key) ?? []), raw]);
  }
  for (const raw of [...values.keys()].sort(
    (a, b) => (values.get(b)?.frequency ?? 0) - (values.get(a)?.frequency ?? 0),
  )) {
    const code = truth.get(raw);
    const top = engine.suggest(raw, 1)[0];
    if (!code || !top || top.code === code) continue;
    const y = byKey.get(fingerprint(raw))?.find((o) => o !== raw && truth.get(o) === code);
    if (y) return { x: raw, y, code, wrong: top.code };
  }
  throw new Error(
    'no value with a wrong suggestion and a sibling: the engine is perfect on the demo',
  );
}

beforeAll(async () => {
  demo = await openDemo();
  s = demo.session;
});

afterAll(async () => {
  await demo?.close();
});

describe('suggestions that learn', () => {
  it('approving a value fixes the suggestion of a similar value', async () => {
    const { x, y, code, wrong } = pickCase();
    const { page } = s;
    await page.waitForFunction(
      () => !document.body.textContent?.includes('Beräknar förslag'),
      undefined,
      { timeout: 60_000 },
    );
    const suggestionOf = (raw: string) =>
      page.evaluate((r) => {
        const row = [...document.querySelectorAll('.ag-row')].find(
          (el) => el.querySelector('[col-id="raw"] .raw')?.getAttribute('title') === r,
        );
        return row?.querySelector('[col-id="suggestion"]')?.textContent ?? null;
      }, raw);
    // Show both values: search by the words they share.
    await search(page, fingerprint(x).split(' ')[0] ?? '');
    await page.waitForFunction(
      (r) =>
        [...document.querySelectorAll('.ag-row [col-id="raw"] .raw')].some(
          (e) => e.getAttribute('title') === r,
        ),
      x,
    );
    expect((await suggestionOf(x))?.startsWith(wrong)).toBe(true);
    await shot(page, 'learning-1-before');

    // Code and approve Y.
    await page
      .locator('.ag-row', {
        has: page.locator(`[col-id="raw"] .raw[title="${y.replace(/"/g, '\\"')}"]`),
      })
      .locator('[col-id="raw"]')
      .click();
    await page.keyboard.press('k');
    await page.getByLabel('Sök på kod, etikett eller synonym').fill(code);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="save-state"][data-saved="true"]').waitFor();
    await page.keyboard.press('a');
    await page.locator('[data-testid="save-state"][data-saved="true"]').waitFor();
    const approvedAt = Date.now();
    await page.waitForFunction(
      ([r, c]) => {
        const row = [...document.querySelectorAll('.ag-row')].find(
          (el) => el.querySelector('[col-id="raw"] .raw')?.getAttribute('title') === r,
        );
        return (
          row?.querySelector('[col-id="suggestion"]')?.textContent?.startsWith(c ?? '') ?? false
        );
      },
      [x, code],
      { timeout: 10_000 },
    );
    await shot(page, 'learning-2-after');
    // Recorded for the "within a second"; the benchmark measures the engine's part.
    console.log(
      `suggestion of ${JSON.stringify(x)} moved ${wrong} → ${code} ${Date.now() - approvedAt} ms after the approval was saved`,
    );
    expect(s.errors).toEqual([]);
  });
});
