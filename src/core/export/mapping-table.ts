// The mapping as a table a researcher opens at once (CSV, Excel): one row per entry of a
// mapping file, with the category's label and group beside the code, and the status both in
// the UI's words and as the file's stable code. Built from the mapping file, so the app (which
// builds that file from its values) and `kodbok export` (which reads it) give the same bytes.

import { categoryIndex } from '../codebook';
import type { MappingFile } from '../formats/mapping';
import type { Codebook } from '../types';
import { crosswalkCode } from './crosswalk';
import type { ExportTable } from './table';
import type { ExportWords } from './words';

export const MAPPING_COLUMNS = [
  'raw',
  'code',
  'label',
  'group_code',
  'group_label',
  'status',
  'status_code',
  'frequency',
  'municipalities',
  'coded_by',
  'reviewed_by',
  'updated',
  'note',
  'codebook_version',
  'codebook_revision',
] as const;

export interface MappingTableOptions {
  readonly words: Pick<ExportWords, 'status'>;
  /** Another codebook's id: codes become that codebook's codes (a category's `crosswalk`). */
  readonly crosswalk?: string;
}

/** One row per entry, in the file's order (the app writes most frequent first). */
export function mappingTable(
  file: MappingFile,
  codebook: Codebook,
  options: MappingTableOptions,
): ExportTable {
  const index = categoryIndex(codebook);
  const version = file.codebook.version ?? codebook.version ?? '';
  const revision = file.codebook.revision ?? codebook.revision?.number ?? '';
  const rows = file.entries.map((e) => {
    const category = index.get(e.code);
    const group = category?.parent != null ? index.get(category.parent) : undefined;
    const code = crosswalkCode(index, e.code, options.crosswalk);
    const groupCode =
      group === undefined ? '' : crosswalkCode(index, group.code, options.crosswalk);
    return [
      e.raw,
      code,
      category?.label ?? '',
      groupCode,
      group?.label ?? '',
      options.words.status(e.status),
      e.status,
      e.frequency ?? '',
      e.municipalities ?? '',
      e.codedBy ?? '',
      e.reviewedBy ?? '',
      e.updatedAt ?? '',
      e.note ?? '',
      version,
      revision,
    ];
  });
  return { sheet: 'mapping', headers: MAPPING_COLUMNS, rows };
}
