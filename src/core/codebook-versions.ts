// Versions of a codebook (issue 11 item 2): every saved change makes a new version (number, time,
// author, what made it), and two versions can be compared: what was added, removed, renamed,
// moved, merged, split and which texts changed.

import type { CodebookEdit, CodebookEditKind } from './codebook-edit';
import { writeCodebookFile } from './formats/codebook';
import type { Category, Codebook } from './types';

/** What made a version. */
export type VersionCause =
  /** The codebook as it was before its first recorded change (or when the project began). */
  | { readonly kind: 'first' }
  | { readonly kind: 'edit'; readonly edit: CodebookEdit }
  /** The change that made `version` was undone, or (redo) made again. */
  | { readonly kind: 'undo' | 'redo'; readonly version: number }
  /** A codebook file replaced it. */
  | { readonly kind: 'import' };

export interface CodebookVersion {
  /** 1, 2, … per variable. */
  readonly number: number;
  /** ISO 8601. */
  readonly at: string;
  readonly by: string;
  readonly codebook: Codebook;
  readonly cause: VersionCause;
}

/** What a history row did to the codebook: the edit, and the version before and after. */
export interface CodebookStep {
  readonly edit: CodebookEditKind | 'import';
  /** The category it was about. */
  readonly code: string;
  /** A merge: the category it joined. */
  readonly into?: string;
  readonly from: number;
  readonly to: number;
}

/** Whether two codebooks are the same (as their files would be), whichever version each says it is. */
export function sameCodebook(a: Codebook, b: Codebook): boolean {
  const { revision: _a, ...x } = a;
  const { revision: _b, ...y } = b;
  return writeCodebookFile(x) === writeCodebookFile(y);
}

/** Text fields of a category whose change the diff reports. */
export const DIFF_FIELDS = [
  'definition',
  'include',
  'exclude',
  'synonyms',
  'crosswalk',
  'deprecated',
] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

/** What changed from one version of a codebook to another (docs/formats.md, codebook diff). */
export interface CodebookDiff {
  readonly from: number;
  readonly to: number;
  readonly added: readonly {
    readonly code: string;
    readonly label: string;
    readonly parent: string | null;
  }[];
  readonly removed: readonly { readonly code: string; readonly label: string }[];
  /** A new code or a new label (or both) for the same category. */
  readonly renamed: readonly {
    readonly code: string;
    readonly oldCode: string;
    readonly oldLabel: string;
    readonly label: string;
  }[];
  readonly moved: readonly {
    readonly code: string;
    readonly oldParent: string | null;
    readonly parent: string | null;
  }[];
  readonly merged: readonly { readonly code: string; readonly into: string }[];
  readonly split: readonly { readonly code: string; readonly into: readonly string[] }[];
  /** Definitions and the other texts: which fields of the category changed. */
  readonly changed: readonly { readonly code: string; readonly fields: readonly DiffField[] }[];
}

function fieldText(c: Category, f: DiffField): string {
  const v = c[f];
  if (v === undefined || v === false) return '';
  if (typeof v === 'string') return v;
  if (v === true) return 'true';
  return JSON.stringify(Array.isArray(v) ? v : Object.entries(v));
}

/**
 * The difference between versions `a` and `b` (a < b or a > b) of `versions` (one variable's,
 * any order). Codes are followed through the edits between them: a code changed by an edit is a
 * rename, not a removal and an addition; a category merged away is a merge; new categories of a
 * split are listed as added and under the split. Undos and imports between are compared as they
 * are (by code).
 */
export function diffVersions(
  versions: readonly CodebookVersion[],
  a: number,
  b: number,
): CodebookDiff | null {
  const va = versions.find((v) => v.number === a);
  const vb = versions.find((v) => v.number === b);
  if (!va || !vb) return null;
  const A = va.codebook.categories;
  const B = new Map(vb.codebook.categories.map((c) => [c.code, c]));
  // Each code of A → its code now, following the edits in between (forward only).
  const trail = new Map(A.map((c) => [c.code, c.code]));
  const mergedAway = new Set<string>();
  const splits = new Map<string, string[]>();
  const between = [...versions]
    .filter((v) => v.number > Math.min(a, b) && v.number <= Math.max(a, b))
    .sort((x, y) => x.number - y.number);
  if (a < b)
    for (const v of between) {
      if (v.cause.kind !== 'edit') {
        // An undo, redo or import: a code its codebook has is that category again.
        const has = new Set(v.codebook.categories.map((c) => c.code));
        for (const k of trail.keys())
          if (has.has(k)) {
            trail.set(k, k);
            mergedAway.delete(k);
          }
        continue;
      }
      const e = v.cause.edit;
      const follow = (from: string, to: string) => {
        for (const [k, now] of trail) if (now === from) trail.set(k, to);
      };
      if (e.kind === 'edit' && e.fields.code.trim() !== e.code)
        follow(e.code, e.fields.code.trim());
      if (e.kind === 'merge') {
        for (const [k, now] of trail) if (now === e.from) mergedAway.add(k);
        follow(e.from, e.into);
      }
      if (e.kind === 'split')
        for (const [k, now] of trail)
          if (now === e.code)
            splits.set(k, [...(splits.get(k) ?? []), ...e.into.map((c) => c.code.trim())]);
    }
  const resolve = (code: string): string | null => {
    const now = trail.get(code) ?? code;
    if (B.has(now)) return now;
    return B.has(code) ? code : null;
  };
  const reached = new Set<string>();
  const diff = {
    from: a,
    to: b,
    added: [] as CodebookDiff['added'][number][],
    removed: [] as CodebookDiff['removed'][number][],
    renamed: [] as CodebookDiff['renamed'][number][],
    moved: [] as CodebookDiff['moved'][number][],
    merged: [] as CodebookDiff['merged'][number][],
    split: [] as CodebookDiff['split'][number][],
    changed: [] as CodebookDiff['changed'][number][],
  };
  for (const old of A) {
    const now = resolve(old.code);
    if (mergedAway.has(old.code) && !B.has(old.code) && now !== null) {
      diff.merged.push({ code: old.code, into: now });
      continue;
    }
    const c = now === null ? undefined : B.get(now);
    if (!c || now === null) {
      diff.removed.push({ code: old.code, label: old.label });
      continue;
    }
    reached.add(now);
    if (now !== old.code || c.label !== old.label)
      diff.renamed.push({ code: now, oldCode: old.code, oldLabel: old.label, label: c.label });
    const oldParent = old.parent === null ? null : resolve(old.parent);
    if (oldParent !== c.parent)
      diff.moved.push({ code: now, oldParent: old.parent, parent: c.parent });
    const fields = DIFF_FIELDS.filter((f) => fieldText(old, f) !== fieldText(c, f));
    if (fields.length > 0) diff.changed.push({ code: now, fields });
    const into = (splits.get(old.code) ?? []).filter((x) => B.has(x));
    if (into.length > 0) diff.split.push({ code: now, into });
  }
  for (const c of vb.codebook.categories)
    if (!reached.has(c.code)) diff.added.push({ code: c.code, label: c.label, parent: c.parent });
  return diff;
}

/** The diff as a file (docs/formats.md): an envelope around it, with the codebook it is of. */
export function writeDiffFile(codebook: Codebook, diff: CodebookDiff): string {
  return (
    JSON.stringify(
      {
        format: 'kodbok/codebook-diff',
        formatVersion: 1,
        codebook: codebook.id,
        variable: codebook.variable,
        ...diff,
      },
      null,
      2,
    ) + '\n'
  );
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
const isStr = (x: unknown): x is string => typeof x === 'string';
const own = (r: Record<string, unknown>, k: string): unknown =>
  Object.prototype.hasOwnProperty.call(r, k) ? r[k] : undefined;

/** Whether stored JSON is an edit this Kodbok can follow codes through (the diff reads it). */
function isEdit(e: unknown): e is CodebookEdit {
  if (!isRecord(e)) return false;
  const f = (k: string) => own(e, k);
  const category = (c: unknown) => isRecord(c) && isStr(own(c, 'code')) && isStr(own(c, 'label'));
  switch (f('kind')) {
    case 'add':
      return category(f('category'));
    case 'edit':
      return isStr(f('code')) && category(f('fields'));
    case 'move':
      return isStr(f('code')) && (f('parent') === null || isStr(f('parent')));
    case 'merge':
      return isStr(f('from')) && isStr(f('into'));
    case 'split': {
      const into = f('into');
      return isStr(f('code')) && Array.isArray(into) && into.every(category);
    }
    case 'deprecate':
      return isStr(f('code')) && typeof f('deprecated') === 'boolean';
    case 'delete':
      return isStr(f('code'));
    default:
      return false;
  }
}

/**
 * What made a version, from stored JSON (a backup may hold anything): a cause this Kodbok does
 * not know is read as an import, which the diff compares as it is.
 */
export function readVersionCause(x: unknown): VersionCause {
  if (!isRecord(x)) return { kind: 'import' };
  const kind = own(x, 'kind');
  if (kind === 'first') return { kind };
  if (kind === 'edit' && isEdit(own(x, 'edit')))
    return { kind, edit: own(x, 'edit') as CodebookEdit };
  const version = own(x, 'version');
  if ((kind === 'undo' || kind === 'redo') && Number.isInteger(version))
    return { kind, version: version as number };
  return { kind: 'import' };
}
