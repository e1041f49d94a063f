import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectPeople } from '../../src/core/members';
import { couch, startTeamServer, teamProject, type TeamServer } from '../server/team-server';
import {
  killBrowser,
  launch,
  search,
  shot,
  startServer,
  tempProfile,
  type Session,
} from './harness';

// Two people on one project through the real team server (issue 10 item 8), each in her own
// browser: the app is served with the server under its own origin (/couch, as docs/team.md
// advises), so the CSP's connect-src stays 'self'.

const DB = 'kodbok-demo';
const people: ProjectPeople = {
  members: [
    { name: 'anna', role: 'coder' },
    { name: 'bo', role: 'reviewer' },
  ],
  fourEyes: true,
};

let team: TeamServer;
let app: { url: string; close: () => Promise<void> };
const profiles: { remove: () => void }[] = [];
let a: Session;
let b: Session;
const couchRequests: string[] = [];

const profileOf = new Map<string, string>();

async function open(name: string): Promise<Session> {
  const profile = tempProfile();
  profiles.push(profile);
  profileOf.set(name, profile.dir);
  const s = await launch(profile.dir, new URL(app.url).origin);
  s.context.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/couch')) couchRequests.push(`${name} ${r.url()}`);
  });
  await s.page.goto(app.url);
  await s.page.getByTestId('user-name').fill(name, { timeout: 90_000 });
  await s.page.getByTestId('user-ok').click();
  await s.page.locator('.ag-row').first().waitFor();
  return s;
}

async function connect(page: Page, name: string, db = DB) {
  await page.getByTestId('team-button').click();
  await page.getByTestId('team-db').fill(db);
  await page.getByTestId('team-name').fill(name);
  await page.getByTestId('team-password').fill(`${name}-pw`);
  await shot(page, `team-00-connect-${name}`);
  await page.getByTestId('team-connect-submit').click();
  await page.locator('[data-testid="team"][data-state="online"]').waitFor({ timeout: 20_000 });
}

/** Waits until the first row shows `status` (and the category, when given). */
async function firstRow(page: Page, status: string, category = '', timeout = 20_000) {
  await page.waitForFunction(
    ([st, cat]) => {
      const el = document.querySelector('.ag-row[row-index="0"]');
      const s = el?.querySelector('[col-id="status"]')?.textContent;
      const c = el?.querySelector('[col-id="category"]')?.textContent ?? '';
      return s === st && c.startsWith(cat);
    },
    [status, category] as const,
    { timeout },
  );
}

/**
 * The header at 1280×720: whether its items stand on one line, the items whose own text wraps
 * onto a second line (a button's label broken in two), and those cut off at the right edge.
 */
async function headerAt1280(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 720 });
  try {
    await shot(page, name);
    return await page.evaluate(() => {
      const header = document.querySelector('.app-header')!;
      const items = [
        ...header.querySelectorAll('button, select, .field-name, .team > span, .save'),
      ].filter((el) => (el as HTMLElement).offsetParent !== null);
      const lines = (el: Element) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const tops = [...range.getClientRects()].map((r) => r.top).sort((x, y) => x - y);
        return tops.filter((top, i) => i === 0 || top - tops[i - 1]! > 6).length;
      };
      const tops = items.map((el) => el.getBoundingClientRect().top);
      const bottoms = items.map((el) => el.getBoundingClientRect().bottom);
      // One line: every item's box overlaps every other's vertically.
      const oneLine = Math.min(...bottoms) > Math.max(...tops);
      const wrapped = items.filter((el) => lines(el) > 1).map((el) => el.textContent ?? '');
      // Nothing pushed past the window's right edge.
      const clipped = items
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth)
        .map((el) => el.textContent ?? '');
      return { oneLine, wrapped, clipped };
    });
  } finally {
    await page.setViewportSize({ width: 1500, height: 900 });
  }
}

async function assignFirst(page: Page, code: string) {
  await page.locator('.ag-row[row-index="0"] [col-id="raw"]').click();
  await page.keyboard.press('k');
  await page.getByLabel('Sök på kod, etikett eller synonym').fill(code);
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  team = await startTeamServer();
  await teamProject(team, DB, people);
  // vite preview passes /couch to the team server (vite.config.ts), read when it starts.
  process.env.KODBOK_TEAM_PROXY = team.url;
  app = await startServer();
  delete process.env.KODBOK_TEAM_PROXY;
  a = await open('anna');
  b = await open('bo');
});

afterAll(async () => {
  await a?.context.close();
  await b?.context.close();
  await app?.close();
  await team?.stop();
  for (const p of profiles) p.remove();
});

describe('a team through the server', () => {
  it('contacts no server before the person connects', async () => {
    // Both demo projects are up and working, solo: not one request to the team server yet.
    expect(couchRequests).toEqual([]);
    await expect(a.page.getByTestId('team-button').textContent()).resolves.toBe('Arbeta i team…');
    expect(a.foreign).toEqual([]);
  });

  it('keeps the header on one line at 1280×720 when connected, no button text wrapped', async () => {
    const fits = { oneLine: true, wrapped: [], clipped: [] };
    // Solo it fits already (and stays as it was).
    expect(await headerAt1280(b.page, 'team-07-header-solo-1280')).toEqual(fits);
    await connect(b.page, 'bo');
    expect(await headerAt1280(b.page, 'team-08-header-connected-1280')).toEqual(fits);
  });

  it('A codes and B sees it within 2 seconds', async () => {
    await connect(a.page, 'anna');
    await shot(a.page, 'team-01-connected');
    await search(a.page, 'hot om våld');
    await search(b.page, 'hot om våld');
    await assignFirst(a.page, 'H04');
    await firstRow(a.page, 'Kodad', 'H04');
    const saved = Date.now();
    await firstRow(b.page, 'Kodad', 'H04', 10_000);
    expect(Date.now() - saved).toBeLessThan(2000);
  });

  it('B (reviewer) approves A’s coding; A cannot approve her own', async () => {
    await b.page.locator('.ag-row[row-index="0"] [col-id="raw"]').click();
    await b.page.keyboard.press('a');
    await firstRow(b.page, 'Godkänd', 'H04');
    await firstRow(a.page, 'Godkänd', 'H04', 10_000);
    // A codes another value and tries to approve it herself: four eyes refuse it.
    await search(a.page, 'missbruk');
    await assignFirst(a.page, 'H07');
    await firstRow(a.page, 'Kodad', 'H07');
    await a.page.keyboard.press('a');
    await a.page.locator('.notice').filter({ hasText: 'fyra ögon' }).first().waitFor();
    await firstRow(a.page, 'Kodad', 'H07');
  });

  it('both decide the same value offline; after reconnecting both see one disagreement', async () => {
    await search(a.page, 'skolk');
    await search(b.page, 'skolk');
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    try {
      await assignFirst(a.page, 'H01');
      await assignFirst(b.page, 'H07');
      await firstRow(a.page, 'Kodad', 'H01');
      await firstRow(b.page, 'Kodad', 'H07');
      // The header says what has not been sent yet.
      await a.page.locator('[data-testid="team-pending"][data-n="1"]').waitFor();
      await shot(a.page, 'team-02-offline');
      await a.page
        .locator('[data-testid="team"][data-state="offline"]')
        .waitFor({ timeout: 20_000 });
      // Offline with something waiting (the longest state label): still one line at 1280×720.
      expect(await headerAt1280(a.page, 'team-02b-header-offline-1280')).toEqual({
        oneLine: true,
        wrapped: [],
        clipped: [],
      });
    } finally {
      await a.context.setOffline(false);
      await b.context.setOffline(false);
    }
    for (const page of [a.page, b.page]) {
      await page
        .getByTestId('team-disagreements-button')
        .filter({ hasText: '1 oenighet' })
        .waitFor({ timeout: 60_000 });
      await page.locator('[data-testid="team-pending"][data-n="0"]').waitFor({ timeout: 60_000 });
    }
    // With a disagreement to resolve the connected header still keeps one line at 1280×720.
    expect(await headerAt1280(b.page, 'team-09-header-disagreement-1280')).toEqual({
      oneLine: true,
      wrapped: [],
      clipped: [],
    });
    // Nobody's decision was overwritten.
    await firstRow(a.page, 'Kodad', 'H01');
    await firstRow(b.page, 'Kodad', 'H07');
    await b.page.getByTestId('team-disagreements-button').click();
    await b.page.getByTestId('team-disagreement').waitFor();
    await shot(b.page, 'team-03-disagreement');
    const text = await b.page.getByTestId('team-disagreement').textContent();
    expect(text).toContain('H01 · anna');
    expect(text).toContain('H07 · bo');
    // B keeps A's code: a recorded action that reaches A too, and the queue empties in both.
    await b.page.getByTestId('team-keep-1').click();
    await b.page.getByTestId('team-disagreement').waitFor({ state: 'detached' });
    await b.page.keyboard.press('Escape');
    await firstRow(b.page, 'Kodad', 'H01');
    await a.page
      .getByTestId('team-disagreements-button')
      .waitFor({ state: 'detached', timeout: 10_000 });
    // In A's browser the value's history names the resolve as its own action: who kept which
    // side, of which.
    await a.page.locator('.ag-row[row-index="0"] [col-id="frequency"]').click();
    await a.page.getByTestId('side-open').click();
    const history = a.page.getByTestId('side-panel').getByTestId('value-history');
    await expect
      .poll(() => history.textContent(), { timeout: 10_000 })
      .toMatch(/Lös oenighet · bo .*Behöll H01 \(anna\) av H07 \(bo\), H01 \(anna\)/);
    await shot(a.page, 'team-04-resolved-history');
    await a.page
      .getByTestId('side-panel')
      .getByRole('button', { name: 'Dölj anteckningar' })
      .click();
  });

  it('a forged event sent straight to the server is refused; another host is blocked by the CSP', async () => {
    const forged = await a.page.evaluate(async (db) => {
      const at = new Date().toISOString();
      const res = await fetch(`/couch/${db}/${encodeURIComponent(`ev:${at}:bo:forged`)}`, {
        method: 'PUT',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'kodbok/event',
          v: 1,
          author: 'bo',
          at,
          kind: 'decision',
          variable: 'x',
          batch: 'b',
          action: 'assign',
          changes: [],
        }),
      });
      return { status: res.status, body: (await res.json()) as { reason?: string } };
    }, DB);
    expect(forged.status).toBe(403);
    expect(forged.body.reason).toMatch(/^kodbok:not-the-author:/);
    // The team server's own address is another origin than the page's: the CSP refuses it.
    const direct = await a.page.evaluate(
      (url) =>
        fetch(`${url}/_session`).then(
          () => 'reached',
          () => 'blocked',
        ),
      team.url,
    );
    expect(direct).toBe('blocked');
  });

  it('B sees A’s codebook edit and A’s new import within seconds', async () => {
    // A renames H04 (the category of the value both coded above) in the codebook editor.
    await search(b.page, 'hot om våld');
    await firstRow(b.page, 'Godkänd', 'H04');
    await a.page.getByRole('button', { name: /Kodbok$/ }).click();
    const h04 = a.page.locator('[data-testid="cb-category"][data-code="H04"]');
    await h04.getByTestId('cb-edit').click();
    await h04.getByTestId('cb-field-label').fill('Hot mot barnet (teamet)');
    await h04.getByTestId('cb-save').click();
    await h04.getByTestId('cb-editor').waitFor({ state: 'detached' });
    await a.page.getByRole('button', { name: /Kodbok$/ }).click();
    // B's grid shows the new label.
    // B's grid shows the new label (the search now matches more rows by it: read that value's).
    await b.page.waitForFunction(
      () =>
        [...document.querySelectorAll('.ag-row')].some(
          (row) =>
            row.querySelector('[col-id="raw"]')?.textContent === 'Hot om våld mot barnet' &&
            row.querySelector('[col-id="category"]')?.textContent === 'H04 Hot mot barnet (teamet)',
        ),
      null,
      { timeout: 10_000 },
    );
    await shot(b.page, 'team-05-codebook-edit');
    // A imports a small file with a value new to the project: B's grid lists it with its rows
    // (3 in Gävle, 2 in Åre) and municipalities.
    const dir = tempProfile();
    profiles.push(dir);
    const file = join(dir.dir, 'Gävle-2027.csv');
    writeFileSync(
      file,
      'kommun;aktualiseringsorsak;antal\r\nGävle;Teamets nya orsak;3\r\nÅre;Teamets nya orsak;2\r\n',
    );
    await a.page.getByTestId('export-menu').click();
    await a.page.getByTestId('import-files').click();
    await a.page.getByTestId('import-file-input').setInputFiles([file]);
    await a.page
      .locator('[data-testid="import-file"]:not([data-status="inspecting"])')
      .waitFor({ timeout: 60_000 });
    if ((await a.page.getByTestId('import-confirm-delimiters').count()) > 0)
      await a.page.getByTestId('import-confirm-delimiters').click();
    await a.page.getByTestId('import-read').click();
    await a.page.getByTestId('import-review').click({ timeout: 60_000 });
    await a.page.getByTestId('import-commit-files').click();
    await a.page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    await a.page.getByTestId('import-close').click();
    await search(b.page, 'teamets nya orsak');
    await b.page.waitForFunction(
      () => {
        const row = document.querySelector('.ag-row[row-index="0"]');
        return (
          row?.querySelector('[col-id="raw"]')?.textContent === 'Teamets nya orsak' &&
          row.querySelector('[col-id="frequency"]')?.textContent?.trim() === '5' &&
          row.querySelector('[col-id="municipalities"]')?.textContent?.trim() === '2'
        );
      },
      null,
      { timeout: 20_000 },
    );
    await shot(b.page, 'team-06-import');
  });

  it('a browser killed mid-sync loses nothing and repeats nothing', async () => {
    await search(a.page, 'omsorgsbrist');
    await search(b.page, 'omsorgsbrist');
    await a.context.setOffline(true);
    await assignFirst(a.page, 'H01');
    await firstRow(a.page, 'Kodad', 'H01');
    await a.page.locator('[data-testid="team-pending"][data-n="1"]').waitFor();
    // Back online, and killed (SIGKILL of Chromium's main process: no unload, no flush) the
    // moment it starts sending the decision: the server may or may not have it, the browser does
    // not know which. The event waits in the outbox on disk either way.
    const sending = a.page.waitForRequest((r) => r.url().includes('/_bulk_docs'), {
      timeout: 60_000,
    });
    await a.context.setOffline(false);
    await sending;
    expect(await killBrowser(a, profileOf.get('anna')!)).toBeGreaterThan(0);
    // A new browser on the same profile folder.
    a = await launch(profileOf.get('anna')!, new URL(app.url).origin);
    await a.page.goto(app.url);
    await a.page.locator('.ag-row').first().waitFor({ timeout: 90_000 });
    // A session cookie ends with the browser: then she logs in again (the link fills in the rest).
    const state = await a.page.waitForFunction(
      () => {
        const s = document.querySelector('[data-testid="team"]')?.getAttribute('data-state');
        return s === 'online' || s === 'logged-out' ? s : null;
      },
      null,
      { timeout: 20_000 },
    );
    if ((await state.jsonValue()) === 'logged-out') {
      await a.page.getByTestId('team-button').click();
      await a.page.getByRole('button', { name: 'Logga in och anslut' }).click();
      await a.page.getByTestId('team-password').fill('anna-pw');
      await a.page.getByTestId('team-connect-submit').click();
    }
    await a.page.locator('[data-testid="team-pending"][data-n="0"]').waitFor({ timeout: 20_000 });
    await firstRow(b.page, 'Kodad', 'H01', 10_000);
    // On the server: exactly one event for that decision.
    const all = await fetch(`${team.url}/${DB}/_all_docs?include_docs=true`, {
      headers: {
        authorization: `Basic ${Buffer.from(`admin:${team.admin.password}`).toString('base64')}`,
      },
    }).then(
      (r) =>
        r.json() as Promise<{
          rows: {
            doc: {
              kind?: string;
              author?: string;
              changes?: { raw: string; to: { code: string } }[];
            };
          }[];
        }>,
    );
    const mine = all.rows.filter(
      (r) =>
        r.doc.kind === 'decision' &&
        r.doc.changes?.some((c) => c.raw === 'Omsorgsbrist' && c.to.code === 'H01'),
    );
    expect(mine).toHaveLength(1);
  });
  it('blind double coding across the two machines: blind until done, the same report, one disagreement each', async () => {
    const dialog = async (page: Page) => {
      await page.getByTestId('user').click();
      await page.getByTestId('double-coding-open').click();
      await page.getByTestId('double-coding').waitFor();
    };
    const codeAll = async (page: Page, choices: readonly number[]) => {
      const selects = page.getByTestId('dc-choice');
      await expect.poll(() => selects.count(), { timeout: 20_000 }).toBe(choices.length);
      for (const [i, n] of choices.entries()) {
        const value = await selects.nth(i).locator('option').nth(n).getAttribute('value');
        await selects.nth(i).selectOption(value!);
      }
      await page.getByTestId('dc-save').click();
      await page.locator('.notice').filter({ hasText: 'Sparade 2 koder' }).first().waitFor();
    };
    // Bo (reviewer) lists Anna in his browser and draws a sample of two values for both.
    await b.page.getByTestId('user').click();
    await b.page.getByTestId('user-name').fill('anna');
    await b.page.getByTestId('member-role').selectOption('coder');
    await b.page.getByTestId('user-ok').click();
    await b.page.locator('[data-member="anna"]').waitFor();
    await b.page.keyboard.press('Escape');
    await dialog(b.page);
    await b.page.getByTestId('dc-size').fill('2');
    await b.page.getByTestId('dc-mode').selectOption('random');
    await b.page.getByTestId('dc-seed').fill('7');
    await b.page.getByTestId('dc-coder-anna').check();
    await b.page.getByTestId('dc-coder-bo').check();
    await b.page.getByTestId('dc-draw').click();
    await b.page.getByTestId('dc-sample').waitFor();
    // Anna's browser gets it; she codes both values.
    await dialog(a.page);
    await codeAll(a.page, [1, 1]);
    // Bo sees that she is done, but none of her codes until he has coded his.
    await b.page
      .getByTestId('dc-sample')
      .filter({ hasText: 'anna: 2 av 2' })
      .waitFor({ timeout: 20_000 });
    const shown = await b.page
      .getByTestId('dc-choice')
      .evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
    expect(shown).toEqual(['', '']);
    await expect(b.page.getByTestId('dc-report').count()).resolves.toBe(0);
    await shot(b.page, 'team-10-double-blind');
    await codeAll(b.page, [1, 2]);
    // Both machines show the same report, and each queues the one disagreement once.
    for (const page of [a.page, b.page]) {
      await page.getByTestId('dc-report').waitFor({ timeout: 20_000 });
      await expect
        .poll(() => page.getByTestId('dc-percent').textContent(), { timeout: 20_000 })
        .toBe('50,0 %');
      await expect(page.getByTestId('dc-n').textContent()).resolves.toBe('2');
      await page
        .getByTestId('team-disagreements-button')
        .filter({ hasText: '1 oenighet' })
        .waitFor({ timeout: 20_000 });
    }
    await shot(a.page, 'team-11-double-report');
  });
});

describe('a project worked on solo, then connected by its admin', () => {
  it('B, joining, sees A’s note from before and the value’s history in the side panel', async () => {
    const PAST = 'kodbok-past';
    await teamProject(team, PAST, people);
    // Anna is the project's admin on the server: her browser sends the project's past.
    await couch(team, 'PUT', `/${PAST}/_security`, {
      body: { admins: { names: ['anna'], roles: [] }, members: { names: ['bo'], roles: [] } },
    });
    const c = await open('anna');
    const d = await open('bo');
    try {
      // Solo: Anna codes a value and writes a note on it.
      await search(c.page, 'hot om våld');
      await assignFirst(c.page, 'H04');
      await firstRow(c.page, 'Kodad', 'H04');
      await c.page.locator('.ag-row[row-index="0"] [col-id="frequency"]').click();
      await c.page.getByTestId('side-open').click();
      const panel = c.page.getByTestId('side-panel');
      await panel.getByTestId('note-new-text').fill('Hot mot barnet eller mot föräldern?');
      await panel.getByTestId('note-new').click();
      await panel.getByTestId('note-thread').waitFor();
      await connect(c.page, 'anna', PAST);
      await c.page.locator('[data-testid="team-pending"][data-n="0"]').waitFor({ timeout: 20_000 });
      // Bo connects his browser to the project and opens the same value.
      await connect(d.page, 'bo', PAST);
      await search(d.page, 'hot om våld');
      await d.page.locator('.ag-row[row-index="0"] [col-id="frequency"]').click();
      await d.page.getByTestId('side-open').click();
      const side = d.page.getByTestId('side-panel');
      await expect
        .poll(() => side.getByTestId('note-thread').textContent(), { timeout: 20_000 })
        .toMatch(/^anna · .*Hot mot barnet eller mot föräldern\?/);
      await expect
        .poll(() => side.getByTestId('value-history').textContent(), { timeout: 20_000 })
        .toMatch(/· anna · .*H04/);
      await shot(d.page, 'team-12-past-joined');
    } finally {
      await c.context.close();
      await d.context.close();
    }
  });
});
