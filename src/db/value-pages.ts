import Dexie, { type Table } from 'dexie';
import type { VariableId } from '../core/types';
import type { ValuePageRow, ValueRow } from './db';

// A project's values, kept in pages (schema v5, issue 14 item 4). IndexedDB's cost is per row
// written (serialise, hand over, write: ~0.1 ms a row in Chromium), so 10 000 values written as
// 10 000 rows cannot persist in under a second; the same values in a few hundred pages can. A
// value's page is a fixed function of its raw text, so reading, adding or changing one value
// touches one known page. This module is the only code that knows the layout: every function
// takes the tables of the caller's transaction (RELIABILITY.md rule 2: one transaction per action)
// and reads or writes values as the rows they always were.

/**
 * Pages per variable. Never change without a migration: a value's page is stored in its key.
 * 256 keeps a page under ~200 values at 50 000 values (one decision rewrites one page of ~70 kB)
 * while a bulk action on 10 000 values writes at most 256 rows.
 */
export const PAGES_PER_VARIABLE = 256;

/** The value key as the per-row store had it: project, variable, raw. */
export type ValueKey = readonly [project: string, variable: VariableId, raw: string];

/** The tables a caller's transaction must include to read or write values. */
export interface ValueTables {
  readonly valuePages: Table<ValuePageRow, [string, string, number]>;
}

/**
 * The page of a raw value: FNV-1a over its UTF-16 code units. Never change without a migration
 * (a changed function would look for stored values on the wrong page).
 */
export function pageOf(raw: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < raw.length; i++) {
    h ^= raw.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % PAGES_PER_VARIABLE;
}

/**
 * The order the per-row store read values in: IndexedDB's key order (project, variable, raw; each
 * string by UTF-16 code units, as `<` compares them).
 */
function byKeyOrder(a: ValueRow, b: ValueRow): number {
  if (a.project !== b.project) return a.project < b.project ? -1 : 1;
  if (a.variable !== b.variable) return a.variable < b.variable ? -1 : 1;
  return a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0;
}

/** The values of some pages, in key order. */
export function valuesOfPages(pages: readonly ValuePageRow[]): ValueRow[] {
  const out: ValueRow[] = [];
  for (const p of pages) for (const v of p.values) out.push(v);
  return out.sort(byKeyOrder);
}

function variablePages(t: ValueTables, project: string, variable: VariableId) {
  return t.valuePages
    .where('[project+variable+page]')
    .between([project, variable, 0], [project, variable, PAGES_PER_VARIABLE], true, false);
}

/** Every value of one variable, in raw order. */
export async function readVariableValues(
  t: ValueTables,
  project: string,
  variable: VariableId,
): Promise<ValueRow[]> {
  return valuesOfPages(await variablePages(t, project, variable).toArray());
}

/** Every value of a project (but those of `except`), by variable, then raw. */
export async function readProjectValues(
  t: ValueTables,
  project: string,
  except?: VariableId,
): Promise<ValueRow[]> {
  const index = t.valuePages.where('[project+variable+page]');
  // Keys sort by variable, then page: the variables before `except`, then those after.
  const pages =
    except === undefined
      ? await index.between([project], [project, []], true, true).toArray()
      : [
          ...(await index.between([project], [project, except], true, false).toArray()),
          ...(await index.between([project, except, []], [project, []], true, true).toArray()),
        ];
  return valuesOfPages(pages);
}

function pageKey(project: string, variable: string, page: number): [string, string, number] {
  return [project, variable, page];
}

/** Groups keys by their page: one entry per page, keyed as JSON of the page key. */
function groupByPage<T>(
  items: readonly T[],
  keyOf: (item: T) => ValueKey,
): Map<string, { key: [string, string, number]; items: T[] }> {
  const pages = new Map<string, { key: [string, string, number]; items: T[] }>();
  for (const item of items) {
    const [project, variable, raw] = keyOf(item);
    const key = pageKey(project, variable, pageOf(raw));
    const id = JSON.stringify(key);
    let g = pages.get(id);
    if (!g) {
      g = { key, items: [] };
      pages.set(id, g);
    }
    g.items.push(item);
  }
  return pages;
}

async function readPages(
  t: ValueTables,
  keys: readonly [string, string, number][],
): Promise<(ValuePageRow | undefined)[]> {
  return t.valuePages.bulkGet(keys as [string, string, number][]);
}

/** Some values by key, in the order asked (undefined where absent), any project or variable. */
export async function getValues(
  t: ValueTables,
  keys: readonly ValueKey[],
): Promise<(ValueRow | undefined)[]> {
  const groups = [...groupByPage(keys, (k) => k).values()];
  const pages = await readPages(
    t,
    groups.map((g) => g.key),
  );
  const found = new Map<string, ValueRow>();
  pages.forEach((page) => {
    if (page)
      for (const v of page.values)
        found.set(JSON.stringify([page.project, page.variable, v.raw]), v);
  });
  return keys.map((k) => found.get(JSON.stringify(k)));
}

/** Some values of one variable by raw, in the order asked (undefined where absent). */
export async function getVariableValues(
  t: ValueTables,
  project: string,
  variable: VariableId,
  raws: readonly string[],
): Promise<(ValueRow | undefined)[]> {
  return getValues(
    t,
    raws.map((raw): ValueKey => [project, variable, raw]),
  );
}

/** One value, or undefined. */
export async function getValue(
  t: ValueTables,
  project: string,
  variable: VariableId,
  raw: string,
): Promise<ValueRow | undefined> {
  const page = await t.valuePages.get(pageKey(project, variable, pageOf(raw)));
  return page?.values.find((v) => v.raw === raw);
}

/**
 * What each page row written by this module changed: raw → the value as written, or null where
 * it was deleted. The change feed (changes.ts) announces exactly these values, not whole pages.
 * Page rows are written as they are handed to Dexie (no hooks clone them), so the written row is
 * the object the feed's middleware sees.
 */
const pageChanges = new WeakMap<object, ReadonlyMap<string, ValueRow | null>>();

/** The values a page row written by this module changed; undefined for a row written otherwise. */
export function changesOfPage(row: object): ReadonlyMap<string, ValueRow | null> | undefined {
  return pageChanges.get(row);
}

/** Applies changes (key → row, or null to delete) to the pages they fall on: one bulkPut. */
async function writeChanges(
  t: ValueTables,
  items: readonly (readonly [ValueKey, ValueRow | null])[],
  mustBeNew: boolean,
): Promise<void> {
  const list = [...groupByPage(items, (item) => item[0]).values()];
  const pages = await readPages(
    t,
    list.map((g) => g.key),
  );
  const rows: ValuePageRow[] = [];
  list.forEach((g, i) => {
    const old = pages[i]?.values ?? [];
    const at = new Map<string, number>();
    old.forEach((v, j) => at.set(v.raw, j));
    const changed = new Map<string, ValueRow | null>(g.items.map(([k, v]) => [k[2], v]));
    if (mustBeNew)
      for (const raw of changed.keys())
        if (at.has(raw))
          throw new Dexie.ConstraintError(`Value ${JSON.stringify(raw)} is already stored`);
    const values: ValueRow[] = [];
    old.forEach((v) => {
      const next = changed.get(v.raw);
      if (next === undefined) values.push(v);
      else if (next !== null) values.push(next);
    });
    for (const [raw, v] of changed) if (v !== null && !at.has(raw)) values.push(v);
    // Deleting a value that is not stored changes nothing: not announced.
    for (const [raw, v] of changed) if (v === null && !at.has(raw)) changed.delete(raw);
    if (changed.size === 0) return;
    const [project, variable, page] = g.key;
    const row: ValuePageRow = { project, variable, page, values };
    pageChanges.set(row, changed);
    rows.push(row);
  });
  if (rows.length > 0) await t.valuePages.bulkPut(rows);
}

function keyOfRow(v: ValueRow): ValueKey {
  return [v.project, v.variable, v.raw];
}

/**
 * Stores values (replacing those with the same key, as bulkPut did on the per-row store) and
 * deletes others by key (absent ones are left as they are), in one pass over their pages.
 */
export async function changeValues(
  t: ValueTables,
  put: readonly ValueRow[],
  remove: readonly ValueKey[] = [],
): Promise<void> {
  const items: [ValueKey, ValueRow | null][] = [
    ...remove.map((k): [ValueKey, null] => [k, null]),
    ...put.map((v): [ValueKey, ValueRow] => [keyOfRow(v), v]),
  ];
  if (items.length > 0) await writeChanges(t, items, false);
}

/** Stores values, replacing those with the same key. */
export async function putValues(t: ValueTables, rows: readonly ValueRow[]): Promise<void> {
  await changeValues(t, rows);
}

/** Stores new values; fails (ConstraintError) if one is already stored, as bulkAdd did. */
export async function addValues(t: ValueTables, rows: readonly ValueRow[]): Promise<void> {
  const seen = new Set<string>();
  for (const v of rows) {
    const id = JSON.stringify(keyOfRow(v));
    if (seen.has(id)) throw new Dexie.ConstraintError(`Value ${JSON.stringify(v.raw)} given twice`);
    seen.add(id);
  }
  if (rows.length > 0)
    await writeChanges(
      t,
      rows.map((v): [ValueKey, ValueRow] => [keyOfRow(v), v]),
      true,
    );
}

/** How many values a variable has. */
export async function countVariableValues(
  t: ValueTables,
  project: string,
  variable: VariableId,
): Promise<number> {
  let n = 0;
  await variablePages(t, project, variable).each((p) => (n += p.values.length));
  return n;
}

/** Deletes every value of a project (a range delete: the change feed says to read again). */
export async function deleteProjectValues(t: ValueTables, project: string): Promise<void> {
  await t.valuePages.where('[project+variable+page]').between([project], [project, []]).delete();
}
