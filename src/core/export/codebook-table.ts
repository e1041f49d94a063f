// The codebook as a table (CSV, XLSX): one row per category, in the file's order, groups too.

import { categoryIndex, groupCodes } from '../codebook';
import { crosswalkCode } from './crosswalk';
import type { Codebook } from '../types';
import type { ExportTable } from './table';

export const CODEBOOK_COLUMNS = [
  'code',
  'label',
  'group_code',
  'group_label',
  'is_group',
  'definition',
  'include',
  'exclude',
  'synonyms',
  'crosswalk',
  'codebook_id',
  'codebook_version',
  'codebook_revision',
] as const;

/**
 * `synonyms` are joined by ` | `, `crosswalk` as `codebook=code` pairs joined by ` | `.
 * Counts and examples are in the HTML document, which is made with the mapping; this table
 * is the codebook alone, so the app and `kodbok export --codebook` give the same bytes.
 */
export function codebookTable(
  codebook: Codebook,
  /** Another codebook's id: `code` and `group_code` become its codes (issue 11 item 5). */
  options: { readonly crosswalk?: string } = {},
): ExportTable {
  const index = categoryIndex(codebook);
  const groups = groupCodes(codebook);
  const rows = codebook.categories.map((c) => {
    const parent = c.parent === null ? undefined : index.get(c.parent);
    const isGroup = groups.has(c.code);
    return [
      crosswalkCode(index, c.code, options.crosswalk),
      c.label,
      c.parent === null ? '' : crosswalkCode(index, c.parent, options.crosswalk),
      parent?.label ?? '',
      isGroup ? 'yes' : 'no',
      c.definition ?? '',
      c.include ?? '',
      c.exclude ?? '',
      (c.synonyms ?? []).join(' | '),
      Object.entries(c.crosswalk ?? {})
        .map(([id, code]) => `${id}=${code}`)
        .join(' | '),
      codebook.id,
      codebook.version ?? '',
      codebook.revision?.number ?? '',
    ];
  });
  return { sheet: 'codebook', headers: CODEBOOK_COLUMNS, rows };
}
