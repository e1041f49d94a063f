import type { Table } from 'dexie';
import type { HistoryPageRow, HistoryRow } from './db';

// The history a project started from when it was joined from a team's checkpoint (schema v6),
// kept in pages per variable and person: a checkpoint of 200 000 actions is ~100 rows, not
// 200 000 (IndexedDB's cost is per row written). This module is the only code that knows the
// layout; every reader of a project's history reads these pages first (they are older than any
// history row recorded since) and the rows after them.

/** Actions per page: a page of a few hundred kB. */
export const ACTIONS_PER_PAGE = 2000;

export interface HistoryTables {
  readonly history: Table<HistoryRow, number>;
  readonly historyPages: Table<HistoryPageRow, [string, string, string, number]>;
}

/** One action of a page as a history row of the project (no `seq`: it comes before every row). */
function rowOf(project: string, a: HistoryPageRow['actions'][number]): HistoryRow {
  const { n: _n, ...rest } = a;
  return { ...rest, project };
}

/** The pages' actions (of one project) in the checkpoint's order. */
function actionsOf(pages: readonly HistoryPageRow[]): HistoryRow[] {
  const all = pages.flatMap((p) => p.actions);
  all.sort((a, b) => a.n - b.n);
  const project = pages[0]?.project ?? '';
  return all.map((a) => rowOf(project, a));
}

/** Pages of any projects as history rows, each project's in its checkpoint's order (salvage). */
export function historyOfPages(pages: readonly HistoryPageRow[]): HistoryRow[] {
  const byProject = new Map<string, HistoryPageRow[]>();
  for (const p of pages) byProject.set(p.project, [...(byProject.get(p.project) ?? []), p]);
  return [...byProject.values()].flatMap(actionsOf);
}

/**
 * A checkpoint's history (oldest first) as pages: per variable and person, ACTIONS_PER_PAGE
 * actions each, every action with its place in the whole.
 */
export function historyPagesOf(
  project: string,
  history: readonly Omit<HistoryRow, 'project' | 'seq'>[],
): HistoryPageRow[] {
  const groups = new Map<string, HistoryPageRow['actions'][number][]>();
  history.forEach((a, n) => {
    const id = JSON.stringify([a.variable, a.by]);
    let list = groups.get(id);
    if (!list) groups.set(id, (list = []));
    list.push({ ...a, n });
  });
  const pages: HistoryPageRow[] = [];
  for (const list of groups.values()) {
    const { variable, by } = list[0]!;
    for (let i = 0; i * ACTIONS_PER_PAGE < list.length; i++)
      pages.push({
        project,
        variable,
        by,
        page: i,
        actions: list.slice(i * ACTIONS_PER_PAGE, (i + 1) * ACTIONS_PER_PAGE),
      });
  }
  return pages;
}

const byKey = (a: HistoryRow, b: HistoryRow) => (a.seq ?? 0) - (b.seq ?? 0);

/** A variable's whole history, oldest first: its pages, then its rows. */
export async function readVariableHistory(
  t: HistoryTables,
  project: string,
  variable: string,
): Promise<HistoryRow[]> {
  const [pages, rows] = await Promise.all([
    t.historyPages
      .where('[project+variable+by+page]')
      .between([project, variable], [project, variable, []])
      .toArray(),
    t.history.where('[project+variable]').equals([project, variable]).sortBy('seq'),
  ]);
  return [...actionsOf(pages), ...rows];
}

/** A project's whole history, oldest first: its pages, then its rows. */
export async function readProjectHistory(t: HistoryTables, project: string): Promise<HistoryRow[]> {
  const [pages, rows] = await Promise.all([
    t.historyPages.where('[project+variable+by+page]').between([project], [project, []]).toArray(),
    t.history.where('[project+variable]').between([project], [project, []]).toArray(),
  ]);
  return [...actionsOf(pages), ...rows.sort(byKey)];
}

/** How many pages a variable's history has (a checkpoint applied adds them; nothing else does). */
export function countVariablePages(
  t: HistoryTables,
  project: string,
  variable: string,
): Promise<number> {
  return t.historyPages
    .where('[project+variable+by+page]')
    .between([project, variable], [project, variable, []])
    .count();
}

/** One person's actions on a variable from the pages, newest first. */
export async function readPersonPages(
  t: HistoryTables,
  project: string,
  variable: string,
  by: string,
): Promise<HistoryRow[]> {
  const pages = await t.historyPages
    .where('[project+variable+by+page]')
    .between([project, variable, by], [project, variable, by, []])
    .toArray();
  return actionsOf(pages).reverse();
}

/** Deletes a project's pages. */
export async function deleteHistoryPages(t: HistoryTables, project: string): Promise<void> {
  await t.historyPages
    .where('[project+variable+by+page]')
    .between([project], [project, []])
    .delete();
}
