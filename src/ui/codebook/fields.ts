import type { CategoryFields } from '../../core/codebook-edit';
import type { Category } from '../../core/types';

// The editor's text boxes ⇄ a category's fields: synonyms one per line, crosswalk and new
// categories as `left = right` lines. A line that is not one says which (1-based).

/** Lines of a text box, trimmed, empty ones left out. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** `left = right` lines as pairs (with their line numbers), or the number of the first line that is not one. */
export function pairs(
  text: string,
): { ok: true; pairs: [string, string][]; lines: number[] } | { ok: false; line: number } {
  const out: [string, string][] = [];
  const numbers: number[] = [];
  const all = text.split(/\r?\n/);
  for (let i = 0; i < all.length; i++) {
    const l = (all[i] ?? '').trim();
    if (l === '') continue;
    const at = l.indexOf('=');
    const left = at < 0 ? '' : l.slice(0, at).trim();
    const right = at < 0 ? '' : l.slice(at + 1).trim();
    if (left === '' || right === '') return { ok: false, line: i + 1 };
    out.push([left, right]);
    numbers.push(i + 1);
  }
  return { ok: true, pairs: out, lines: numbers };
}

/** A category's crosswalk as the text box shows it. */
export function crosswalkText(c: Category): string {
  return Object.entries(c.crosswalk ?? {})
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n');
}

/** The text boxes of the category form. */
export interface FieldDraft {
  readonly code: string;
  readonly label: string;
  readonly definition: string;
  readonly include: string;
  readonly exclude: string;
  readonly synonyms: string;
  readonly crosswalk: string;
}

export function draftOf(c: Category): FieldDraft {
  return {
    code: c.code,
    label: c.label,
    definition: c.definition ?? '',
    include: c.include ?? '',
    exclude: c.exclude ?? '',
    synonyms: (c.synonyms ?? []).join('\n'),
    crosswalk: crosswalkText(c),
  };
}

/**
 * The fields a draft gives, or the crosswalk line that is not `codebook = code`, or that names
 * a codebook an earlier line already gave a code (`twice`): one would silently replace the other.
 */
export function fieldsOf(
  d: FieldDraft,
): { ok: true; fields: CategoryFields } | { ok: false; line: number; twice?: string } {
  const crosswalk = pairs(d.crosswalk);
  if (!crosswalk.ok) return crosswalk;
  const seen = new Set<string>();
  for (const [at, [id]] of crosswalk.pairs.entries()) {
    if (seen.has(id)) return { ok: false, line: crosswalk.lines[at] ?? 0, twice: id };
    seen.add(id);
  }
  return {
    ok: true,
    fields: {
      code: d.code,
      label: d.label,
      definition: d.definition,
      include: d.include,
      exclude: d.exclude,
      synonyms: lines(d.synonyms),
      // Object.fromEntries defines own keys: a codebook id `__proto__` stays a key.
      crosswalk: Object.fromEntries(crosswalk.pairs),
    },
  };
}
