// Exports through a crosswalk (issue 11 item 5): a category's `crosswalk` (FORMATS.md) names
// its code in another codebook, so an export can speak that codebook's codes instead.

import type { Category, Codebook } from '../types';

/**
 * The code to write for `code`: itself without a crosswalk; with one, the category's code in
 * that codebook, or `''` when the category has none (listed by `missingCrosswalk`).
 */
export function crosswalkCode(
  index: ReadonlyMap<string, Category>,
  code: string,
  crosswalk: string | undefined,
): string {
  if (crosswalk === undefined) return code;
  const target = index.get(code)?.crosswalk;
  // Own keys only: a codebook id could be `__proto__`.
  return target !== undefined && Object.hasOwn(target, crosswalk) ? (target[crosswalk] ?? '') : '';
}

/** The codebooks a codebook has crosswalks to, in first-seen order. */
export function crosswalkTargets(codebook: Codebook): string[] {
  const ids = new Set<string>();
  for (const c of codebook.categories) for (const id of Object.keys(c.crosswalk ?? {})) ids.add(id);
  return [...ids];
}

/** Leaf codes that have no code in the crosswalk's codebook: their rows get an empty code. */
export function missingCrosswalk(codebook: Codebook, crosswalk: string): string[] {
  const parents = new Set(codebook.categories.map((c) => c.parent));
  return codebook.categories
    .filter((c) => !parents.has(c.code) && !(c.crosswalk && Object.hasOwn(c.crosswalk, crosswalk)))
    .map((c) => c.code);
}
