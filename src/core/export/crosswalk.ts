// Exports through a crosswalk (issue 11 item 5): a category's `crosswalk` (FORMATS.md) names
// its code in another codebook, so an export can speak that codebook's codes instead.

import { categoryIndex, groupCodes } from '../codebook';
import { MAX_TEXT_LENGTH } from '../limits';
import type { MappingFile } from '../formats/mapping';
import type { Category, Codebook } from '../types';
import { categoryStats, type CategoryStats } from './codebook-stats';

/** A category's code in the crosswalk's codebook; `''` (an empty code counts as none) when it has none. */
function codeIn(c: Category | undefined, crosswalk: string): string {
  const target = c?.crosswalk;
  // Own keys only: a codebook id could be `__proto__`.
  return target !== undefined && Object.hasOwn(target, crosswalk) ? (target[crosswalk] ?? '') : '';
}

/**
 * The code to write for `code`: itself without a crosswalk; with one, the category's code in
 * that codebook, or `''` when the category has none (listed by `missingCrosswalk`).
 */
export function crosswalkCode(
  index: ReadonlyMap<string, Category>,
  code: string,
  crosswalk: string | undefined,
): string {
  return crosswalk === undefined ? code : codeIn(index.get(code), crosswalk);
}

/** The codebooks a codebook has crosswalks to (with at least one code that is not empty), in first-seen order. */
export function crosswalkTargets(codebook: Codebook): string[] {
  const ids = new Set<string>();
  for (const c of codebook.categories)
    for (const [id, code] of Object.entries(c.crosswalk ?? {})) if (code !== '') ids.add(id);
  return [...ids];
}

/** Leaf codes that have no code (or an empty one) in the crosswalk's codebook: their rows get an empty code. */
export function missingCrosswalk(codebook: Codebook, crosswalk: string): string[] {
  const parents = groupCodes(codebook);
  return codebook.categories
    .filter((c) => !parents.has(c.code) && codeIn(c, crosswalk) === '')
    .map((c) => c.code);
}

/** Codes for a message: the first `max`, then `…`. */
export function someCodes(codes: readonly string[], max = 10): string {
  return codes.slice(0, max).join(', ') + (codes.length > max ? ', …' : '');
}

export interface CrosswalkedCodebook {
  /** The other codebook as seen from this one: one category per distinct crosswalk code. */
  readonly codebook: Codebook;
  /** Each of its codes → our categories (leaves and groups) that map to it, in file order. */
  readonly sources: ReadonlyMap<string, readonly string[]>;
  /** Our leaf codes without a code in the other codebook: left out (`missingCrosswalk`). */
  readonly missing: readonly string[];
}

/** The id of the codebook seen through a crosswalk: both codebooks named. */
export function crosswalkedId(codebook: Codebook, crosswalk: string): string {
  return `${crosswalk}-via-${codebook.id}`;
}

/** Its title: both codebooks named. */
export function crosswalkedTitle(codebook: Codebook, crosswalk: string): string {
  return `${crosswalk} via ${codebook.title ?? codebook.id}`;
}

/**
 * A text joined from several categories cut to the limit every reader keeps (ending in `…`),
 * so the codebook through a crosswalk is a file Kodbok itself reads; the whole texts stay in ours.
 */
function withinLimit(text: string): string {
  if (text.length <= MAX_TEXT_LENGTH) return text;
  const cut = text.slice(0, MAX_TEXT_LENGTH - 1);
  // Never half a surrogate pair.
  return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** Texts of several categories, each after its code when more than one has one. */
function joined(
  sources: readonly Category[],
  text: (c: Category) => string | undefined,
): string | undefined {
  const having = sources.filter((c) => (text(c) ?? '') !== '');
  if (having.length === 0) return undefined;
  if (sources.length === 1) return text(having[0] as Category);
  return withinLimit(having.map((c) => `${c.code}: ${text(c) as string}`).join('\n'));
}

/**
 * The codebook through a crosswalk, as the documents (JSON, REFI-QDA, HTML) show it: the
 * categories are the distinct codes our categories have in `crosswalk`'s codebook, in the
 * order first met, each labelled with that code (the crosswalk holds a code or label there).
 * Its `definition` says which of our categories map to it, one line each (`CODE Label: our
 * definition`); their inclusions and exclusions are carried (after their code when several)
 * and their synonyms joined. A category sits under the code of its nearest group that has one
 * itself, else at the top; when our categories sharing a code would put it under different
 * groups, or under itself (a cycle), it is at the top. Deprecated only when all its sources are.
 * Id and title name both codebooks; version and revision are ours (the crosswalk was made with
 * this version). Leaves without a code are left out and listed in `missing`.
 */
export function crosswalkCodebook(codebook: Codebook, crosswalk: string): CrosswalkedCodebook {
  const index = categoryIndex(codebook);
  const byCode = new Map<string, Category[]>();
  for (const c of codebook.categories) {
    const code = codeIn(c, crosswalk);
    if (code === '') continue;
    const list = byCode.get(code) ?? [];
    list.push(c);
    byCode.set(code, list);
  }

  // The code of a category's nearest group that has one; null at the top (a cycle ends it).
  const groupOf = (c: Category): string | null => {
    const seen = new Set<string>([c.code]);
    for (let p = c.parent; p !== null && !seen.has(p);) {
      seen.add(p);
      const group = index.get(p);
      if (group === undefined) return null;
      const code = codeIn(group, crosswalk);
      if (code !== '') return code;
      p = group.parent;
    }
    return null;
  };
  const parents = new Map<string, string | null>();
  for (const [code, sources] of byCode) {
    const candidates = new Set(sources.map(groupOf));
    const only = candidates.size === 1 ? [...candidates][0] : null;
    parents.set(code, only === undefined || only === code ? null : only);
  }
  // A cycle (X under Y under X, from groups and leaves that cross) is broken at the later code.
  for (const code of byCode.keys()) {
    const seen = new Set<string>([code]);
    for (let p = parents.get(code) ?? null; p !== null; p = parents.get(p) ?? null) {
      if (seen.has(p)) {
        parents.set(code, null);
        break;
      }
      seen.add(p);
    }
  }

  const categories: Category[] = [];
  for (const [code, sources] of byCode) {
    const synonyms = [...new Set(sources.flatMap((c) => c.synonyms ?? []))];
    const definition = withinLimit(
      sources
        .map((c) => `${c.code} ${c.label}${c.definition ? `: ${c.definition}` : ''}`)
        .join('\n'),
    );
    const include = joined(sources, (c) => c.include);
    const exclude = joined(sources, (c) => c.exclude);
    categories.push({
      code,
      label: code,
      parent: parents.get(code) ?? null,
      definition,
      ...(include === undefined ? {} : { include }),
      ...(exclude === undefined ? {} : { exclude }),
      ...(synonyms.length > 0 ? { synonyms } : {}),
      ...(sources.every((c) => c.deprecated === true) ? { deprecated: true } : {}),
    });
  }
  return {
    codebook: {
      id: crosswalkedId(codebook, crosswalk),
      title: withinLimit(crosswalkedTitle(codebook, crosswalk)),
      ...(codebook.version === undefined ? {} : { version: codebook.version }),
      ...(codebook.revision === undefined ? {} : { revision: codebook.revision }),
      variable: codebook.variable,
      categories,
    },
    sources: new Map([...byCode].map(([code, list]) => [code, list.map((c) => c.code)])),
    missing: missingCrosswalk(codebook, crosswalk),
  };
}

/**
 * What the codebook documents (JSON, REFI-QDA, HTML) are made of: the codebook, or the other
 * one through `crosswalk`, and — from an approved mapping — each category's examples and counts
 * (through a crosswalk: the approved values of all our categories mapped to it).
 */
export function documentedCodebook(
  codebook: Codebook,
  crosswalk: string | undefined,
  mapping?: MappingFile,
): { codebook: Codebook; stats?: Map<string, CategoryStats>; missing: readonly string[] } {
  if (crosswalk === undefined)
    return { codebook, stats: mapping && categoryStats(mapping), missing: [] };
  const through = crosswalkCodebook(codebook, crosswalk);
  const index = categoryIndex(codebook);
  return {
    codebook: through.codebook,
    stats:
      mapping && categoryStats(mapping, undefined, (code) => crosswalkCode(index, code, crosswalk)),
    missing: through.missing,
  };
}
