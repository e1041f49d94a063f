import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBackupFile } from '../../src/core/formats/backup';
import { aktualiseringsorsak } from '../../src/core/demo/codebooks';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4 } from '../../src/db/db';
import { launch, shot, startServer, tempProfile, type Session } from './harness';

// RELIABILITY.md rule 8, as a person meets it: her browser holds a project in a database of
// schema version 4 (the release before values were kept in pages). The new Kodbok opens it,
// takes a backup of the project before upgrading, upgrades, says so, and offers the backup in the
// export menu as a file that restores the project as it was.

let server: Awaited<ReturnType<typeof startServer>>;
let session: Session;
const profile = tempProfile();

beforeAll(async () => {
  server = await startServer();
  session = await launch(profile.dir, new URL(server.url).origin);
}, 120_000);

afterAll(async () => {
  await session?.context.close();
  await server?.close();
  profile.remove();
});

/** The stores of schema version 4 as Dexie creates them: primary key and indexes of each. */
function v4Stores(): { name: string; key: string | string[]; auto: boolean; indexes: string[] }[] {
  const merged: Record<string, string | null> = {
    ...SCHEMA_V1,
    ...SCHEMA_V2,
    ...SCHEMA_V3,
    ...SCHEMA_V4,
  };
  const path = (spec: string): string | string[] =>
    spec.startsWith('[') ? spec.slice(1, -1).split('+') : spec;
  return Object.entries(merged).flatMap(([name, spec]) => {
    if (spec === null) return [];
    const [primary = '', ...indexes] = spec.split(',').map((s) => s.trim());
    const auto = primary.startsWith('++');
    return [{ name, key: path(primary.replace(/^\+\+/, '')), auto, indexes }];
  });
}

const raws = ['Missbruk förälder', '  två  blanksteg ', '__proto__', 'Våld i hemmet'];

describe('a backup before the schema upgrade (RELIABILITY.md rule 8)', () => {
  it('upgrades a version 4 database after keeping a backup of its project, offered in the menu', async () => {
    const { page } = session;
    // A page of the app's origin that does not start the app: the database is written there.
    const blank = `${server.url}blank-for-upgrade-test.html`;
    await session.context.route(blank, (r) =>
      r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }),
    );
    await page.goto(blank);
    const variable = {
      project: 'p-old',
      id: 'aktualiseringsorsak',
      label: 'Aktualiseringsorsak',
      codebook: aktualiseringsorsak,
      split: { separators: [';'] },
      order: 0,
    };
    const values = raws.map((raw, i) => ({
      project: 'p-old',
      variable: variable.id,
      raw,
      frequency: 10 - i,
      municipalities: 1,
      code: i === 0 ? 'H07' : null,
      status: i === 0 ? 'approved' : 'uncoded',
      codedBy: i === 0 ? 'anna' : null,
      codedAt: i === 0 ? '2026-11-01T10:00:00.000Z' : null,
      reviewedBy: i === 0 ? 'erik' : null,
      reviewedAt: i === 0 ? '2026-11-02T10:00:00.000Z' : null,
      note: '',
      updatedAt: i === 0 ? '2026-11-02T10:00:00.000Z' : null,
      combinations: 1,
      firstImport: null,
    }));
    await page.evaluate(
      async ({ stores, rows }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('kodbok', 40);
          req.onupgradeneeded = () => {
            for (const s of stores) {
              const store = req.result.createObjectStore(s.name, {
                keyPath: s.key,
                autoIncrement: s.auto,
              });
              for (const index of s.indexes) {
                const key = index.startsWith('[') ? index.slice(1, -1).split('+') : index;
                store.createIndex(index, key);
              }
            }
          };
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const tx = db.transaction(Object.keys(rows), 'readwrite');
        for (const [store, list] of Object.entries(rows))
          for (const row of list) tx.objectStore(store).put(row);
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      {
        stores: v4Stores(),
        rows: {
          projects: [
            {
              id: 'p-old',
              name: 'Uppföljning 2025',
              createdAt: '2026-11-01T09:00:00.000Z',
              demo: false,
            },
          ],
          variables: [variable],
          values,
          settings: [
            { key: 'user', value: 'anna' },
            { key: 'activeProject', value: 'p-old' },
          ],
        },
      },
    );

    await page.goto(server.url);
    // The upgrade is announced, and the project opens with its values as they were.
    const notice = page.getByText(/Kodbok uppgraderade sin lokala databas \(version 4 → \d+\)/u);
    await notice.waitFor({ timeout: 60_000 });
    const announced = await notice.textContent();
    await page.locator('.ag-row').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('.ag-row').count()).toBe(raws.length);
    // The database is this Kodbok's version now (Dexie's n is IndexedDB's 10 n).
    const version = await page.evaluate(async () => {
      const list = await indexedDB.databases();
      return list.find((d) => d.name === 'kodbok')?.version;
    });
    const current = (version ?? 0) / 10;
    expect(current).toBeGreaterThan(4);
    expect(announced).toContain(`(version 4 → ${current})`);

    // The export menu offers the backup made before the upgrade.
    await page.getByTestId('export-menu').click();
    const item = page.getByTestId('upgrade-backup');
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain(`Uppföljning 2025 (4 → ${current})`);
    await shot(page, 'upgrade-backup-menu');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('upgrade-backup-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Uppföljning-2025-before-upgrade-v4-.*\.json$/u);
    const path = join(profile.dir, 'before-upgrade.json');
    await download.saveAs(path);
    const read = readBackupFile(readFileSync(path, 'utf8'));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.value.project.name).toBe('Uppföljning 2025');
    const rows = (list: readonly { raw: string; code: string | null; status: string }[]) =>
      list.map((v) => [v.raw, v.code, v.status]).sort();
    expect(rows(read.value.values)).toEqual(rows(values));
    expect(session.foreign).toEqual([]);
    expect(session.errors).toEqual([]);
  }, 180_000);
});
