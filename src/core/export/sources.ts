// Where each value comes from, as a long table for R, Stata or Excel (issue 10 item 2): one row
// per value, municipality and year with its rows. The national follow-up collects several years
// from each municipality; this is how often each value occurs in each of them. Rows without a
// year (imported without one, or whose year could not be read) have an empty `year`; rows
// counted before municipalities were kept an empty `municipality`.

import { categoryIndex } from '../codebook';
import type { StoredTally } from '../import-merge';
import type { Codebook, RawValue } from '../types';
import { yearTable } from '../year';
import { crosswalkCode } from './crosswalk';
import type { ExportCell, ExportTable } from './table';
import type { ExportWords } from './words';

export const SOURCES_COLUMNS = [
  'raw',
  'code',
  'label',
  'status',
  'status_code',
  'municipality',
  'year',
  'rows',
] as const;

export interface SourcesOptions {
  readonly words: Pick<ExportWords, 'status'>;
  /** Another codebook's id: codes become that codebook's codes (a category's `crosswalk`). */
  readonly crosswalk?: string;
}

const collator = new Intl.Collator('sv');

/**
 * One row per value (most rows first), municipality (most rows first) and year (ascending, then
 * the rows without a year). Values without imported rows are left out.
 */
export function sourcesTable(
  values: readonly Pick<RawValue, 'raw' | 'code' | 'status'>[],
  tallies: readonly StoredTally[],
  codebook: Codebook,
  options: SourcesOptions,
): ExportTable {
  const index = categoryIndex(codebook);
  const byRaw = new Map(values.map((v) => [v.raw, v]));
  const tables = tallies.map((t) => ({ t, table: yearTable(t.munis, t.years) }));
  const total = (x: (typeof tables)[number]) => x.table.rows + x.t.baseRows;
  tables.sort((a, b) => total(b) - total(a) || collator.compare(a.t.raw, b.t.raw));
  const rows: ExportCell[][] = [];
  for (const { t, table } of tables) {
    const value = byRaw.get(t.raw);
    const code = value?.code ?? null;
    const head: ExportCell[] = [
      t.raw,
      code === null ? '' : crosswalkCode(index, code, options.crosswalk),
      code === null ? '' : (index.get(code)?.label ?? ''),
      value ? options.words.status(value.status) : '',
      value?.status ?? '',
    ];
    for (const line of table.lines) {
      table.years.forEach((year, i) => {
        const n = line.byYear[i] ?? 0;
        if (n > 0) rows.push([...head, line.municipality, year, n]);
      });
      if (line.noYear > 0) rows.push([...head, line.municipality, '', line.noYear]);
    }
    if (t.baseRows > 0) rows.push([...head, '', '', t.baseRows]);
  }
  return { sheet: 'sources', headers: SOURCES_COLUMNS, rows };
}
