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

/** Leaves that values can be given: a deprecated category is never suggested (issue 11 item 1). */
export function leaves(codebook: Codebook): Category[] {
  const groups = groupCodes(codebook);
  return codebook.categories.filter((c) => !groups.has(c.code) && !c.deprecated);
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

/** Categories as a tree reads (each group followed by what is under it), with their depth. */
export function treeOrder(codebook: Codebook): { category: Category; depth: number }[] {
  const children = new Map<string | null, Category[]>();
  const codes = new Set(codebook.categories.map((c) => c.code));
  for (const c of codebook.categories) {
    // A parent that is not in the codebook: shown at the top rather than lost.
    const p = c.parent !== null && codes.has(c.parent) ? c.parent : null;
    children.set(p, [...(children.get(p) ?? []), c]);
  }
  const out: { category: Category; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const c of children.get(parent) ?? []) {
      if (seen.has(c.code)) continue;
      seen.add(c.code);
      out.push({ category: c, depth });
      walk(c.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
