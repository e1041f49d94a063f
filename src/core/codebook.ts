import type { Category, Codebook } from './types';

/** Codes of categories that have children: groups, which values are never coded to. */
export function groupCodes(codebook: Codebook): Set<string> {
  const groups = new Set<string>();
  for (const c of codebook.categories) if (c.parent !== null) groups.add(c.parent);
  return groups;
}

/** Leaf codes: the only codes a value can be given. */
export function leafSet(codebook: Codebook): Set<string> {
  const groups = groupCodes(codebook);
  return new Set(codebook.categories.filter((c) => !groups.has(c.code)).map((c) => c.code));
}

export function leaves(codebook: Codebook): Category[] {
  const groups = groupCodes(codebook);
  return codebook.categories.filter((c) => !groups.has(c.code));
}

export function categoryIndex(codebook: Codebook): Map<string, Category> {
  return new Map(codebook.categories.map((c) => [c.code, c]));
}

/** Labels from the top group down to the category, e.g. `Hemmiljö › Bristande omsorg`. */
export function categoryPath(index: ReadonlyMap<string, Category>, code: string): Category[] {
  const path: Category[] = [];
  const seen = new Set<string>();
  let cur = index.get(code);
  while (cur && !seen.has(cur.code)) {
    seen.add(cur.code);
    path.unshift(cur);
    cur = cur.parent === null ? undefined : index.get(cur.parent);
  }
  return path;
}

/** `code` and every category under it (a category filter lets these through). */
export function codesUnder(codebook: Codebook, code: string): Set<string> {
  const out = new Set([code]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of codebook.categories) {
      if (c.parent !== null && out.has(c.parent) && !out.has(c.code)) {
        out.add(c.code);
        grew = true;
      }
    }
  }
  return out;
}
