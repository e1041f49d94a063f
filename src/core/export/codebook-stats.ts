// What a codebook document shows beside each category: how many approved values it has, the
// rows they occur in, and the most frequent of them as examples. From an (approved) mapping
// file, so the app and `kodbok export --codebook … --mapping …` show the same.

import type { MappingFile } from '../formats/mapping';

export interface CategoryStats {
  /** Approved values coded to the category. */
  readonly values: number;
  /** Sum of their frequencies: rows in which they occur (a row with two such values counts twice). */
  readonly rows: number;
  /** The most frequent approved values, most frequent first. */
  readonly examples: readonly string[];
}

export const EXAMPLES_PER_CATEGORY = 5;

/**
 * Stats per leaf code (a Map: codes are keys from a file). Only approved entries count.
 * `codeOf` files an entry's code under another (a crosswalk's); `''` leaves the entry out.
 */
export function categoryStats(
  file: MappingFile,
  examples = EXAMPLES_PER_CATEGORY,
  codeOf: (code: string) => string = (code) => code,
): Map<string, CategoryStats> {
  const byCode = new Map<string, { raw: string; frequency: number }[]>();
  for (const e of file.entries) {
    if (e.status !== 'approved') continue;
    const code = codeOf(e.code);
    if (code === '') continue;
    const list = byCode.get(code) ?? [];
    list.push({ raw: e.raw, frequency: e.frequency ?? 0 });
    byCode.set(code, list);
  }
  const stats = new Map<string, CategoryStats>();
  for (const [code, list] of byCode) {
    list.sort((a, b) => b.frequency - a.frequency || (a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0));
    stats.set(code, {
      values: list.length,
      rows: list.reduce((sum, v) => sum + v.frequency, 0),
      examples: list.slice(0, examples).map((v) => v.raw),
    });
  }
  return stats;
}
