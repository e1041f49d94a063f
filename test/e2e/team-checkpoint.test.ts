import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectPeople } from '../../src/core/members';
import { couch, startTeamServer, teamProject, type TeamServer } from '../server/team-server';
import { launch, search, shot, startServer, tempProfile, type Session } from './harness';

// A new member's first sync from the team's checkpoint (issue 10 item 7), as people meet it: Anna,
// the project's admin, codes and writes a checkpoint from the team dialog; Cleo starts an empty
// project, connects, and has every coding and a value's history from it; then Anna codes one more
// and Cleo sees it arrive.

const DB = 'kodbok-checkpoint';
const people: ProjectPeople = {
  members: [
    { name: 'anna', role: 'coder' },
    { name: 'cleo', role: 'coder' },
  ],
  fourEyes: true,
};

let team: TeamServer;
let app: { url: string; close: () => Promise<void> };
const profiles: { remove: () => void }[] = [];
const sessions: Session[] = [];

async function open(name: string): Promise<Session> {
  const profile = tempProfile();
  profiles.push(profile);
  const s = await launch(profile.dir, new URL(app.url).origin);
  sessions.push(s);
  await s.page.goto(app.url);
  await s.page.getByTestId('user-name').fill(name, { timeout: 90_000 });
  await s.page.getByTestId('user-ok').click();
  await s.page.locator('.ag-row').first().waitFor();
  return s;
}

async function connect(page: Page, name: string) {
  await page.getByTestId('team-button').click();
  await page.getByTestId('team-db').fill(DB);
  await page.getByTestId('team-name').fill(name);
  await page.getByTestId('team-password').fill(`${name}-pw`);
  await page.getByTestId('team-connect-submit').click();
  await page.locator('[data-testid="team"][data-state="online"]').waitFor({ timeout: 20_000 });
}

/** Codes the first row shown by the search to `code` (the picker, as a person does). */
async function assignFirst(page: Page, text: string, code: string) {
  await search(page, text);
  await page.locator('.ag-row[row-index="0"] [col-id="raw"]').click();
  await page.keyboard.press('k');
  await page.getByLabel('Sök på kod, etikett eller synonym').fill(code);
  await page.keyboard.press('Enter');
  await firstRow(page, code);
}

/** Waits until the first row shows the status Kodad and the category `code`. */
async function firstRow(page: Page, code: string, timeout = 20_000) {
  await page.waitForFunction(
    (cat) => {
      const el = document.querySelector('.ag-row[row-index="0"]');
      const s = el?.querySelector('[col-id="status"]')?.textContent;
      const c = el?.querySelector('[col-id="category"]')?.textContent ?? '';
      return s === 'Kodad' && c.startsWith(cat);
    },
    code,
    { timeout },
  );
}

beforeAll(async () => {
  team = await startTeamServer();
  await teamProject(team, DB, people);
  await couch(team, 'PUT', `/${DB}/_security`, {
    body: { admins: { names: ['anna'], roles: [] }, members: { names: ['cleo'], roles: [] } },
  });
  process.env.KODBOK_TEAM_PROXY = team.url;
  app = await startServer();
  delete process.env.KODBOK_TEAM_PROXY;
});

afterAll(async () => {
  for (const s of sessions) await s.context.close();
  await app?.close();
  await team?.stop();
  for (const p of profiles) p.remove();
});

describe('a new member starts from the team’s checkpoint', () => {
  it('A codes and writes a checkpoint; C joins and sees every coding and a value’s history; then A’s next coding', async () => {
    const a = await open('anna');
    await connect(a.page, 'anna');
    await assignFirst(a.page, 'hot om våld', 'H04');
    await assignFirst(a.page, 'hot om våld', 'H05');
    await a.page.locator('[data-testid="team-pending"][data-n="0"]').waitFor({ timeout: 20_000 });
    // Cleo is one of the project's members (the team's list travels with the checkpoint).
    await a.page.getByTestId('user').click();
    await a.page.getByTestId('user-name').fill('cleo');
    await a.page.getByTestId('user-ok').click();
    await a.page.getByRole('button', { name: 'Jag är cleo' }).waitFor();
    await a.page.getByRole('button', { name: 'Stäng', exact: true }).click();
    await a.page.locator('[data-testid="team-pending"][data-n="0"]').waitFor({ timeout: 20_000 });
    // The project admin writes the checkpoint from the team dialog.
    await a.page.getByTestId('team-button').click();
    const section = a.page.getByTestId('team-checkpoint');
    await section.getByTestId('team-checkpoint-write').click();
    await section
      .getByRole('status')
      .filter({ hasText: /^Kontrollpunkten är skriven: den täcker \d+ händelser\.$/ })
      .waitFor({ timeout: 30_000 });
    await shot(a.page, 'team-checkpoint-01-written');
    await a.page.getByRole('button', { name: 'Stäng', exact: true }).click();

    // Cleo starts an empty project and connects it.
    const c = await open('cleo');
    c.page.once('dialog', (d) => void d.accept('Barnavård'));
    await c.page.getByTestId('project-select').selectOption('__new-empty');
    await c.page.locator('.ag-row').first().waitFor({ state: 'detached', timeout: 20_000 });
    await connect(c.page, 'cleo');
    // The team dialog says where her project came from.
    await c.page.getByTestId('team-button').click();
    await c.page
      .getByTestId('team-checkpoint')
      .getByRole('status')
      .filter({ hasText: /^Projektet hämtades från teamets kontrollpunkt \(\d+ händelser\)/ })
      .waitFor({ timeout: 30_000 });
    await shot(c.page, 'team-checkpoint-02-applied');
    await c.page.getByRole('button', { name: 'Stäng', exact: true }).click();
    await search(c.page, 'hot om våld');
    await firstRow(c.page, 'H05', 30_000);
    await c.page.locator('.ag-row[row-index="0"] [col-id="frequency"]').click();
    await c.page.getByTestId('side-open').click();
    const history = c.page.getByTestId('side-panel').getByTestId('value-history');
    await expect
      .poll(() => history.textContent(), { timeout: 20_000 })
      .toMatch(/· anna · .*H04.*· anna · .*H05|· anna · .*H05.*· anna · .*H04/);
    await shot(c.page, 'team-checkpoint-03-joined');
    // No false disagreement from events the checkpoint covers.
    expect(await c.page.getByTestId('team-disagreements-button').count()).toBe(0);

    // Anna codes one more; it reaches Cleo's grid.
    await assignFirst(a.page, 'hot om våld', 'H04');
    await firstRow(c.page, 'H04', 20_000);
    expect(await c.page.getByTestId('team-disagreements-button').count()).toBe(0);
    expect(sessions.flatMap((s) => s.errors)).toEqual([]);
  });
});
