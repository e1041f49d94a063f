// Keystroke to painted screen in the whole app (issue 9 item 6): the real App and store on a
// project of n values in this origin's IndexedDB, the suggestion worker kept busy, and the Event
// Timing API recording every key's duration from keydown to the next paint, as INP measures it.
// scripts/bench.mjs presses the keys (real input events through the DevTools protocol).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { aktualiseringsorsak } from '../../../src/core/demo/codebooks';
import { DB_NAME, KodbokDb } from '../../../src/db/db';
import { createProject, putSetting } from '../../../src/db/repo';
import { putValues, readVariableValues } from '../../../src/db/value-pages';
import { boot, get } from '../../../src/state/app';
import { App } from '../../../src/ui/App';
import { suggestWorker } from '../../../src/workers/client';
import { unpackSuggestions } from '../../../src/workers/suggestion-wire';
import { syntheticValues } from '../synthetic';

const VARIABLE = 'aktualiseringsorsak';

/** Writes a project of n values (a fifth approved, a fifth coded) as the only project. */
async function seed(n: number): Promise<void> {
  await KodbokDb.delete(DB_NAME);
  const db = new KodbokDb();
  const labelled = syntheticValues(aktualiseringsorsak, n, 7, n > 5000);
  const counts = new Map(
    labelled.map((v, i) => [
      v.raw,
      {
        frequency: Math.max(1, Math.floor(50_000 / (i + 1))),
        municipalities: 1 + (i % 97),
        combinations: 1,
      },
    ]),
  );
  const project = await createProject(db, {
    name: 'bench',
    demo: false,
    variables: [
      {
        id: VARIABLE,
        label: 'Orsak',
        codebook: aktualiseringsorsak,
        split: { separators: [] },
        order: 0,
      },
    ],
    values: new Map([[VARIABLE, counts]]),
  });
  // Some earlier work, so the engine has approved and coded values to learn from.
  const order = new Map(labelled.map((l, i) => [l.raw, i]));
  await db.transaction('rw', db.valuePages, async () => {
    const values = await readVariableValues(db, project.id, VARIABLE);
    const worked = values.map((v) => {
      const i = order.get(v.raw) ?? 0;
      if (i % 5 === 1)
        return {
          ...v,
          code: labelled[i]!.code,
          status: 'approved' as const,
          codedBy: 'x',
          reviewedBy: 'y',
        };
      if (i % 5 === 2)
        return { ...v, code: labelled[i]!.code, status: 'coded' as const, codedBy: 'x' };
      return v;
    });
    await putValues(db, worked);
  });
  await putSetting(db, 'activeProject', project.id);
  await putSetting(db, 'user', 'bench');
  db.close();
}

let busy = false;

/** Keeps the suggestion worker busy as a sync after a big change does: chunks of 2 000 values. */
async function busyLoop(): Promise<void> {
  while (busy) {
    const s = get();
    const key = `${s.projectId}/${s.variableId}`;
    const raws = s.values.map((v) => v.raw);
    for (let i = 0; busy && i < raws.length; i += 2000) {
      try {
        unpackSuggestions(await suggestWorker().suggest(key, raws.slice(i, i + 2000), 3));
      } catch {
        await new Promise((r) => setTimeout(r, 50)); // the app has not built its engine yet
      }
    }
  }
}

/** Mounts the whole App on this origin's database, boots it and waits for the grid's rows. */
export async function mountApp(): Promise<void> {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  await boot();
  while (document.querySelectorAll('.ag-row [col-id="raw"]').length < 5)
    await new Promise((r) => requestAnimationFrame(r));
}

/** Seeds n values, boots the app and waits for the grid; returns ms from boot to rows painted. */
async function openApp(n: number): Promise<number> {
  await seed(n);
  const start = performance.now();
  await mountApp();
  return performance.now() - start;
}

interface KeyTiming {
  readonly interactionId: number;
  readonly name: string;
  readonly duration: number;
}

let entries: KeyTiming[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries() as (PerformanceEventTiming & { interactionId?: number })[])
    if (e.interactionId)
      entries.push({ interactionId: e.interactionId, name: e.name, duration: e.duration });
});

function measure(): void {
  entries = [];
  // As INP measures: every event of 16 ms or more (the API's floor), grouped by interaction.
  observer.observe({
    type: 'event',
    durationThreshold: 16,
    buffered: false,
  } as PerformanceObserverInit);
}

/** Waits for the last keys' entries (delivered after their paint) and hands them over. */
async function collect(): Promise<KeyTiming[]> {
  for (let i = 0; i < 10; i++) await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => setTimeout(r, 200));
  const out = entries;
  entries = [];
  return out;
}

let searchShown: Promise<number> | null = null;

/**
 * Arms a measure of the next key to the grid filtered by `expected` and drawn: ms from the
 * key's event to the frame after the grid applied that search (its `data-search`).
 */
function armSearch(expected: string): void {
  const grid = document.querySelector<HTMLElement>('[data-testid="values-grid"]');
  if (!grid) throw new Error('no grid');
  searchShown = new Promise((resolve, reject) => {
    let keyAt: number | null = null;
    // A key on the layout comes as keydown first; å, ä, ö are typed as text (an input event).
    const first = (e: Event) => (keyAt ??= e.timeStamp);
    for (const type of ['keydown', 'input'])
      document.addEventListener(type, first, { capture: true, once: true });
    const done = () => {
      if (keyAt === null || grid.dataset.search !== expected) return false;
      observer.disconnect();
      clearTimeout(timer);
      const at = keyAt;
      requestAnimationFrame(() => resolve(performance.now() - at));
      return true;
    };
    const observer = new MutationObserver(done);
    observer.observe(grid, { attributes: true, attributeFilter: ['data-search'] });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`the grid did not show the search "${expected}" within 10 s`));
    }, 10_000);
  });
}

async function searchTime(): Promise<number> {
  if (!searchShown) throw new Error('armSearch first');
  const t = await searchShown;
  searchShown = null;
  return t;
}

function startBusy(): void {
  if (busy) return;
  busy = true;
  void busyLoop();
}

function stopBusy(): void {
  busy = false;
}

declare global {
  interface Window {
    kodbokKeysBench: {
      seed: typeof seed;
      openApp: typeof openApp;
      startBusy: typeof startBusy;
      stopBusy: typeof stopBusy;
      measure: typeof measure;
      collect: typeof collect;
      armSearch: typeof armSearch;
      searchTime: typeof searchTime;
      suggesting: () => boolean;
    };
  }
}
window.kodbokKeysBench = {
  seed,
  openApp,
  startBusy,
  stopBusy,
  measure,
  collect,
  armSearch,
  searchTime,
  suggesting: () => get().suggesting !== null,
};
