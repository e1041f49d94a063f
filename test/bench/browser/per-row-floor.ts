// The paired floors of the bulk and import benchmarks stay the per-row layout that schema v4 kept
// values in (one IndexedDB row per value), so that a figure before and after values moved into
// pages (schema v5, issue 14 item 4) is compared with the same floor: plain Dexie reading a
// variable's rows and writing them back in one strict transaction.
import Dexie from 'dexie';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, type ValueRow } from '../../../src/db/db';

/** A plain Dexie database with the v4 schema (values one row each) and no middleware. */
export function perRowDexie(name: string): Dexie {
  const d = new Dexie(name, { chromeTransactionDurability: 'strict' });
  d.version(1).stores(SCHEMA_V1);
  d.version(2).stores(SCHEMA_V2);
  d.version(3).stores(SCHEMA_V3);
  d.version(4).stores(SCHEMA_V4);
  return d;
}

/** A per-row database holding the given values, one row each. */
export async function perRowCopy(name: string, values: readonly ValueRow[]): Promise<Dexie> {
  const d = perRowDexie(name);
  await d.open();
  await d.transaction('rw', d.table('values'), () => d.table('values').bulkAdd([...values]));
  return d;
}

/** The per-row table of a variable's values: its rows in key order. */
export function perRowRange(d: Dexie, project: string, variable: string) {
  return d
    .table<ValueRow>('values')
    .where('[project+variable+raw]')
    .between([project, variable], [project, variable, []]);
}

/** Deletes a per-row copy. */
export async function dropPerRow(d: Dexie): Promise<void> {
  d.close();
  await Dexie.delete(d.name);
}
