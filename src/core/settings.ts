// What each stored setting holds, and how a stored value — from an older Kodbok, a tampered
// backup or a bug — is repaired to a valid one (like Excalidraw's data/restore.ts): a field of
// the wrong type falls back to its default, so no stored setting can break a screen. Pure: the
// db layer (db/settings.ts) binds these readers to their keys, the backup restore uses them too.

import { readPeople } from './members';
import type { Language } from '../i18n';
import { isJsonRecord, ownField, type JsonRecord } from './formats/json';
import type { ColumnMapping } from './import-columns';
import { readStoredProfile } from './formats/profile';
import { STATUSES, type Status } from './types';

/** A reader turns whatever is stored (or nothing) into a valid value, its default at worst. */
export type SettingReader<T> = (stored: unknown) => T;

/** What the user narrowed the grid to, per variable; restored after a reload. */
export interface ViewState {
  readonly quick: string;
  readonly statuses: readonly Status[];
  /** A leaf code, `''` for values without a category, or null for all. */
  readonly category: string | null;
  /** ag-grid's column filter model and sort, stored as ag-grid gives them. */
  readonly filterModel: unknown;
  readonly sortModel: unknown;
  /** Group the grid by clusters: by normalised key, or by nearest neighbours at a threshold. */
  readonly cluster?: 'off' | 'key' | number;
  /** Values the user took out of their cluster. */
  readonly clusterOut?: readonly string[];
  /** Only values first seen in the newest import. */
  readonly onlyNew?: boolean;
  /** Show the second and third suggestions as columns. */
  readonly allSuggestions?: boolean;
  /** Only values with an open note thread. */
  readonly openNotes?: boolean;
  /** Only values waiting to be coded again after their category was split. */
  readonly recodeOnly?: boolean;
  /** The side panel (notes and history of the focused value) is open. */
  readonly side?: boolean;
}

export const emptyView: ViewState = {
  quick: '',
  statuses: [],
  category: null,
  filterModel: null,
  sortModel: null,
};

const text = (x: unknown): x is string => typeof x === 'string';

export const readLanguage: SettingReader<Language> = (v) => (v === 'en' ? 'en' : 'sv');
export const readText: SettingReader<string> = (v) => (text(v) ? v : '');
export const readOptionalText: SettingReader<string | null> = (v) => (text(v) ? v : null);

/** A column filter of ag-grid (text, number, date or set filter; a combined one has conditions). */
function isColumnFilter(x: unknown): boolean {
  if (!isJsonRecord(x)) return false;
  const conditions = ownField(x, 'conditions');
  if (conditions !== undefined)
    return (
      Array.isArray(conditions) &&
      conditions.every(isColumnFilter) &&
      (ownField(x, 'operator') === 'AND' || ownField(x, 'operator') === 'OR')
    );
  const type = ownField(x, 'filterType');
  if (type === 'set') {
    const values = ownField(x, 'values');
    return Array.isArray(values) && values.every((v) => v === null || text(v));
  }
  if (type !== 'text' && type !== 'number' && type !== 'date') return false;
  const field = (k: string) => ownField(x, k);
  const operand = (v: unknown) =>
    v === undefined || v === null || text(v) || (typeof v === 'number' && Number.isFinite(v));
  return (
    (field('type') === undefined || text(field('type'))) &&
    operand(field('filter')) &&
    operand(field('filterTo')) &&
    operand(field('dateFrom')) &&
    operand(field('dateTo'))
  );
}

/** ag-grid's filter model: column id → filter; columns whose filter is not one are dropped. */
function readFilterModel(x: unknown): JsonRecord | null {
  if (!isJsonRecord(x)) return null;
  const kept = Object.keys(x)
    .filter((k) => isColumnFilter(ownField(x, k)))
    .map((k) => [k, ownField(x, k)] as const);
  // Object.fromEntries defines own properties: a column named `__proto__` stays a key.
  return kept.length > 0 ? Object.fromEntries(kept) : null;
}

/** ag-grid's column state for sorting: `{colId, sort, sortIndex}` per sorted column. */
function readSortModel(x: unknown): readonly JsonRecord[] | null {
  if (!Array.isArray(x)) return null;
  return x.flatMap((c: unknown) => {
    if (!isJsonRecord(c)) return [];
    const colId = ownField(c, 'colId');
    const sort = ownField(c, 'sort');
    const sortIndex = ownField(c, 'sortIndex');
    if (!text(colId) || (sort !== 'asc' && sort !== 'desc' && sort !== null)) return [];
    const index = typeof sortIndex === 'number' && Number.isInteger(sortIndex) ? sortIndex : null;
    return [{ colId, sort, sortIndex: index }];
  });
}

/** The cluster thresholds the grid offers; nearest neighbours above one of these. */
function readCluster(x: unknown): ViewState['cluster'] {
  if (x === 'off' || x === 'key') return x;
  return typeof x === 'number' && Number.isFinite(x) && x > 0 && x <= 1 ? x : undefined;
}

/** A grid view as stored; every field of the wrong type is its default. */
export const readView: SettingReader<ViewState> = (stored) => {
  if (!isJsonRecord(stored)) return emptyView;
  const f = (k: string) => ownField(stored, k);
  const statuses = f('statuses');
  const clusterOut = f('clusterOut');
  const category = f('category');
  const view: ViewState = {
    quick: readText(f('quick')),
    statuses: Array.isArray(statuses)
      ? STATUSES.filter((s) => statuses.includes(s))
      : emptyView.statuses,
    category: text(category) ? category : null,
    filterModel: readFilterModel(f('filterModel')),
    sortModel: readSortModel(f('sortModel')),
  };
  const cluster = readCluster(f('cluster'));
  return {
    ...view,
    ...(cluster !== undefined ? { cluster } : {}),
    ...(Array.isArray(clusterOut) ? { clusterOut: clusterOut.filter(text) } : {}),
    ...(typeof f('onlyNew') === 'boolean' ? { onlyNew: f('onlyNew') as boolean } : {}),
    ...(typeof f('allSuggestions') === 'boolean'
      ? { allSuggestions: f('allSuggestions') as boolean }
      : {}),
    ...(typeof f('openNotes') === 'boolean' ? { openNotes: f('openNotes') as boolean } : {}),
    ...(typeof f('recodeOnly') === 'boolean' ? { recodeOnly: f('recodeOnly') as boolean } : {}),
    ...(typeof f('side') === 'boolean' ? { side: f('side') as boolean } : {}),
  };
};

const column = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** A remembered choice of columns for a file header; null when nothing usable is stored. */
export const readColumnMapping: SettingReader<ColumnMapping | null> = (stored) => {
  if (!isJsonRecord(stored)) return null;
  const shape = ownField(stored, 'shape');
  const variables = ownField(stored, 'variables');
  const municipality = ownField(stored, 'municipality');
  const count = ownField(stored, 'count');
  if ((shape !== 'rows' && shape !== 'frequencies') || !Array.isArray(variables)) return null;
  return {
    shape,
    variables: variables.flatMap((pair: unknown) =>
      Array.isArray(pair) && pair.length === 2 && column(pair[0]) && text(pair[1])
        ? [[pair[0], pair[1]] as const]
        : [],
    ),
    municipality: column(municipality) ? municipality : null,
    count: column(count) ? count : null,
  };
};

/**
 * The settings a project holds, by name (a backup carries them under these names, per variable
 * as `name:<variable>`): what each is read as. Adding one here puts it in backups.
 */
export const PROJECT_SETTINGS = {
  /** The grid's filters and sort, per variable. */
  view: { perVariable: true, read: readView },
  /**
   * The suggestion profile (its normalisation, words, vocabulary, weights), per variable; the name
   * is from when it held the normalisation rules only (formats/profile.ts reads both).
   */
  normalise: { perVariable: true, read: readStoredProfile },
  /** The variable last worked on. */
  activeVariable: { perVariable: false, read: readOptionalText },
  /** Members, their roles and the four-eyes rule (members.ts). */
  members: { perVariable: false, read: readPeople },
} as const satisfies Record<string, { perVariable: boolean; read: SettingReader<unknown> }>;

export type ProjectSettingName = keyof typeof PROJECT_SETTINGS;

export function isProjectSettingName(name: string): name is ProjectSettingName {
  return Object.hasOwn(PROJECT_SETTINGS, name);
}
