import { categoryIndex } from '../../core/codebook';
import { awaitsRecoding } from '../../core/codebook-edit';
import { isNewValue } from '../../core/import-merge';
import type { CombinedPart } from '../../core/suggest/combined';
import type { Codebook, RawValue, Status, Suggestion } from '../../core/types';
import type { T } from '../i18n';

export interface MoreSuggestion {
  /** Code and label. */
  readonly label: string;
  readonly score: number;
  /** What matched, in the user's language. */
  readonly via: string;
}

const VIA =
  /^(label|synonym|include|referred|code|reference|cited|definition|learnt|meaning|uncoded|suggested|coded|approved|rejected|flagged): ([\s\S]*)$/;

/**
 * What matched (`label: …`, `synonym: …`, `include: …`, `referred: CODE: …`, `code: …`,
 * `reference: …`, `cited: …`,
 * `definition: …`,
 * `learnt: …`, `meaning: …`,
 * `approved: …` from the engine) in the user's
 * language: the engine's words never reach a Swedish screen.
 */
export function describeVia(t: T, via: string): string {
  const m = VIA.exec(via);
  if (!m) return via;
  const [, kind = '', text = ''] = m;
  if (kind === 'label') return t('viaLabel', { text });
  if (kind === 'synonym') return t('viaSynonym', { text });
  if (kind === 'include') return t('viaInclude', { text });
  if (kind === 'referred') {
    // `N09: ADHD alone`: the exclusion of N09 says `ADHD alone` is coded here.
    const at = text.indexOf(': ');
    return at > 0
      ? t('viaReferred', { code: text.slice(0, at), text: text.slice(at + 2) })
      : t('viaInclude', { text });
  }
  if (kind === 'code') return t('viaCode', { text });
  if (kind === 'reference') return t('viaReference', { text });
  if (kind === 'cited') return t('viaCited', { text });
  if (kind === 'definition') return t('viaDefinition', { text });
  if (kind === 'learnt') return t('viaLearnt', { text });
  if (kind === 'meaning') return t('viaMeaning', { text });
  return t('viaValue', { status: t(`status_${kind as Status}`), text });
}

/** One line of the values grid: a raw value, its counts, its best suggestion and its coding. */
export interface GridRow {
  readonly raw: string;
  readonly frequency: number;
  /** Share of the variable's rows, in [0, 1]. */
  readonly share: number;
  readonly municipalities: number;
  readonly suggestionCode: string | null;
  readonly suggestionLabel: string;
  readonly suggestionVia: string;
  readonly score: number | null;
  /** The second and third suggestions (shown as columns on demand, taken with 2 and 3). */
  readonly more: readonly MoreSuggestion[];
  /** The marker of a value that probably names several reasons (`2 parts?`); empty if not. */
  readonly combined: string;
  readonly code: string | null;
  /** Label of the assigned category; empty when uncoded. */
  readonly category: string;
  /** The code is not a leaf of the codebook (e.g. after a codebook was replaced). */
  readonly unknownCode: boolean;
  readonly status: Status;
  readonly statusLabel: string;
  readonly codedBy: string;
  readonly reviewedBy: string;
  readonly note: string;
  readonly updatedAt: string;
  /** The normalised key of the value's cluster, when the grid groups by clusters. */
  readonly cluster: string;
  readonly clusterSize: number;
  /** First seen in the newest import (when the project has more than one). */
  readonly isNew: boolean;
}

/** The last call's inputs and rows: a value at the same place, unchanged, keeps its row. */
interface LastBuild {
  readonly values: readonly RawValue[];
  readonly lists: readonly (readonly Suggestion[] | undefined)[];
  readonly suggestions: ReadonlyMap<string, readonly Suggestion[]>;
  readonly codebook: Codebook;
  readonly t: T;
  readonly clusters: ReadonlyMap<string, { readonly key: string; readonly size: number }> | null;
  readonly newImport: string | null;
  readonly combined: ReadonlyMap<string, readonly CombinedPart[]>;
  readonly total: number;
  readonly rows: readonly GridRow[];
}

// After a write the store replaces only the changed values (new objects, same places), so only
// their rows are built again and the grid (rows keyed by raw) updates just those. Comparing by
// place and identity keeps this a pointer scan, not 50 000 map look-ups.
let last: LastBuild | null = null;

export function buildRows(
  values: readonly RawValue[],
  suggestions: ReadonlyMap<string, readonly Suggestion[]>,
  codebook: Codebook,
  t: T,
  clusters: ReadonlyMap<string, { readonly key: string; readonly size: number }> | null = null,
  /** The import whose values count as new; null when every value came in the first one. */
  newImport: string | null = null,
  /** Values that probably name several reasons (found after their suggestions: a value whose
   * parts changed has its row built again). */
  combined: ReadonlyMap<string, readonly CombinedPart[]> = new Map(),
): GridRow[] {
  let total = 0;
  for (const v of values) total += v.frequency;
  const prev =
    last &&
    last.codebook === codebook &&
    last.t === t &&
    last.clusters === clusters &&
    last.newImport === newImport &&
    last.total === total
      ? last
      : null;
  const sameSuggestions = prev?.suggestions === suggestions;
  const sameCombined = prev?.combined === combined;
  let index: ReturnType<typeof categoryIndex> | null = null;
  const lists: (readonly Suggestion[] | undefined)[] = new Array<readonly Suggestion[] | undefined>(
    values.length,
  );
  const rows = new Array<GridRow>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const same = prev !== null && prev.values[i] === v;
    // A value's suggestions are one array per value: unchanged when it is the same array.
    const list = same && sameSuggestions ? prev.lists[i] : suggestions.get(v.raw);
    lists[i] = list;
    if (
      same &&
      prev.lists[i] === list &&
      (sameCombined || prev.combined.get(v.raw) === combined.get(v.raw))
    ) {
      rows[i] = prev.rows[i]!;
      continue;
    }
    index ??= categoryIndex(codebook);
    rows[i] = buildRow(v, list, index, t, total, clusters?.get(v.raw), newImport, combined);
  }
  last = { values, lists, suggestions, codebook, t, clusters, newImport, combined, total, rows };
  return rows;
}

function buildRow(
  v: RawValue,
  list: readonly Suggestion[] | undefined,
  index: ReturnType<typeof categoryIndex>,
  t: T,
  total: number,
  cluster: { readonly key: string; readonly size: number } | undefined,
  newImport: string | null,
  combined: ReadonlyMap<string, readonly CombinedPart[]>,
): GridRow {
  const top = list?.[0];
  const parts = combined.get(v.raw)?.length ?? 0;
  const cat = v.code === null ? undefined : index.get(v.code);
  return {
    raw: v.raw,
    frequency: v.frequency,
    share: total === 0 ? 0 : v.frequency / total,
    municipalities: v.municipalities,
    suggestionCode: top?.code ?? null,
    suggestionLabel: top ? `${top.code} ${index.get(top.code)?.label ?? ''}` : '',
    suggestionVia: top ? describeVia(t, top.via) : '',
    score: top ? Math.round(top.score * 1000) / 1000 : null,
    more: (list ?? []).slice(1, 3).map((s) => ({
      label: `${s.code} ${index.get(s.code)?.label ?? ''}`,
      score: s.score,
      via: describeVia(t, s.via),
    })),
    combined: parts > 0 ? t('combinedBadge', { n: parts }) : '',
    code: v.code,
    category:
      v.code === null
        ? ''
        : cat
          ? // Split since it was coded: it keeps the code until decided on again, marked.
            awaitsRecoding(v, index)
            ? `${cat.label} · ${t('recodeMark')}`
            : cat.label
          : t('unknownCode', { code: v.code }),
    unknownCode: v.code !== null && !cat,
    status: v.status,
    statusLabel: t(`status_${v.status}`),
    codedBy: v.codedBy ?? '',
    reviewedBy: v.reviewedBy ?? '',
    note: v.note,
    updatedAt: v.updatedAt ?? '',
    cluster: cluster?.key ?? '',
    clusterSize: cluster?.size ?? 0,
    isNew: isNewValue(v, newImport),
  };
}

/** The codes a category filter lets through: the category and everything under it. */
export { codesUnder } from '../../core/codebook';

/** The grid's own filters beside ag-grid's column filters: status and category. */
export function passesViewFilter(
  row: Pick<GridRow, 'status' | 'code' | 'isNew'>,
  statuses: readonly Status[],
  /** null: any; 'none': values without a category; a set: codes under the chosen category. */
  categories: ReadonlySet<string> | 'none' | null,
  onlyNew = false,
): boolean {
  if (onlyNew && !row.isNew) return false;
  if (statuses.length > 0 && !statuses.includes(row.status)) return false;
  if (categories === null) return true;
  if (categories === 'none') return row.code === null;
  return row.code !== null && categories.has(row.code);
}

/**
 * The search box's words: a row passes when its text holds every word, in any case (as
 * ag-grid's quick filter did). Empty for a query of only spaces: everything passes.
 */
export function quickWords(query: string): readonly string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

const quickTexts = new WeakMap<GridRow, string>();

/**
 * What the search box searches in a row: the raw value, its category (code and label), its
 * status, its suggestion, note and people, as the grid shows them. Kept per row object: an
 * unchanged row keeps its object (buildRows), so a keystroke reads the text, never rebuilds it.
 */
export function quickText(row: GridRow): string {
  let text = quickTexts.get(row);
  if (text === undefined) {
    text = [
      row.raw,
      row.code ?? '',
      row.category,
      row.statusLabel,
      row.suggestionCode ?? '',
      row.suggestionLabel,
      row.note,
      row.codedBy,
      row.reviewedBy,
    ]
      .join('\n')
      .toLowerCase();
    quickTexts.set(row, text);
  }
  return text;
}

export function passesQuick(row: GridRow, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = quickText(row);
  for (const w of words) if (!text.includes(w)) return false;
  return true;
}
