// Editing a codebook in the app (issue 11 item 1): pure operations on a Codebook and the values
// coded to it. Each edit is checked against the values first (a category with values is never
// removed under them), then gives the new codebook and how values' codes follow it.

import { codingOf } from './decide';
import { codesUnder, groupCodes } from './codebook';
import { validateCodebook } from './formats/codebook';
import type { Category, Codebook, Coding, RawValue } from './types';

/** What a person can change in a category's own fields (not where it sits, nor its state). */
export type CategoryFields = Pick<
  Category,
  'code' | 'label' | 'definition' | 'include' | 'exclude' | 'synonyms' | 'crosswalk'
>;

/** One change to a codebook, as the editor asks for it. */
export type CodebookEdit =
  | { readonly kind: 'add'; readonly category: Category }
  /** New fields of `code` (a new code included: its values and children follow it). */
  | { readonly kind: 'edit'; readonly code: string; readonly fields: CategoryFields }
  | { readonly kind: 'move'; readonly code: string; readonly parent: string | null }
  /** `from` goes away; its values are recoded to `into`, its label joins `into`'s synonyms. */
  | { readonly kind: 'merge'; readonly from: string; readonly into: string }
  /** New categories beside `code`; the values of `code` are queued to be coded again. */
  | { readonly kind: 'split'; readonly code: string; readonly into: readonly CategoryFields[] }
  | { readonly kind: 'deprecate'; readonly code: string; readonly deprecated: boolean }
  | { readonly kind: 'delete'; readonly code: string };

export type CodebookEditKind = CodebookEdit['kind'];

/** Why an edit is refused (rendered by i18n with the code it names). */
export type EditRefusal =
  | 'unknown-code'
  | 'empty-code'
  | 'empty-label'
  | 'duplicate-code'
  /** Deprecating or deleting a category that values still have: recode them first. */
  | 'has-values'
  | 'has-children'
  /** A category under a leaf that values have would make their code a group. */
  | 'parent-has-values'
  | 'parent-deprecated'
  | 'cycle'
  | 'not-a-leaf'
  | 'same-category'
  | 'deprecated'
  | 'no-new-category'
  /** The result would break the codebook format (the last leaf, for instance). */
  | 'invalid';

export interface EditRefused {
  readonly ok: false;
  readonly refusal: EditRefusal;
  /** The code the refusal is about. */
  readonly code: string;
}

export interface EditDone {
  readonly ok: true;
  readonly codebook: Codebook;
  /** Old code → new code of the values that follow the edit (merge, a changed code). */
  readonly recode: ReadonlyMap<string, string>;
  /** A merge changes what values mean: approved values among them need the person's answer. */
  readonly asksApproved: boolean;
}

/** How many values (and rows) have each code, and the most frequent approved values. */
export interface CodeUse {
  readonly values: number;
  readonly rows: number;
  readonly approvedValues: number;
  readonly approvedRows: number;
  /** The most frequent approved values, most frequent first (at most EXAMPLES). */
  readonly examples: readonly string[];
}

const EXAMPLES = 3;

/** The more frequent of two values (ties by raw value, so examples are stable). */
function moreFrequent(a: RawValue, b: RawValue): boolean {
  return a.frequency > b.frequency || (a.frequency === b.frequency && a.raw < b.raw);
}

/**
 * Uses of each code among a variable's values (every status that holds a code). One pass,
 * keeping only the top approved values per code: it runs on 50 000 values after each change.
 */
export function codeUses(values: Iterable<RawValue>): Map<string, CodeUse> {
  type Acc = {
    values: number;
    rows: number;
    approvedValues: number;
    approvedRows: number;
    top: RawValue[];
  };
  const acc = new Map<string, Acc>();
  for (const v of values) {
    if (v.code === null) continue;
    let u = acc.get(v.code);
    if (!u)
      acc.set(v.code, (u = { values: 0, rows: 0, approvedValues: 0, approvedRows: 0, top: [] }));
    u.values++;
    u.rows += v.frequency;
    if (v.status !== 'approved') continue;
    u.approvedValues++;
    u.approvedRows += v.frequency;
    // Insert into the short sorted list of the most frequent approved values.
    let i = u.top.length;
    while (i > 0 && moreFrequent(v, u.top[i - 1] as RawValue)) i--;
    if (i < EXAMPLES) {
      u.top.splice(i, 0, v);
      if (u.top.length > EXAMPLES) u.top.pop();
    }
  }
  const out = new Map<string, CodeUse>();
  for (const [code, { top, ...u }] of acc) out.set(code, { ...u, examples: top.map((v) => v.raw) });
  return out;
}

/** Whether a value waits to be coded again after its category was split. */
export function awaitsRecoding(
  v: Pick<RawValue, 'code' | 'updatedAt'>,
  index: ReadonlyMap<string, Category>,
): boolean {
  if (v.code === null) return false;
  const since = index.get(v.code)?.recodeSince;
  return since !== undefined && (v.updatedAt === null || v.updatedAt < since);
}

/** Codes a value can be given: leaves that are not deprecated. */
export function codableLeaves(codebook: Codebook): Set<string> {
  const groups = groupCodes(codebook);
  return new Set(
    codebook.categories.filter((c) => !groups.has(c.code) && !c.deprecated).map((c) => c.code),
  );
}

/** A category's fields, cleaned: trimmed code and label, empty texts and lists left out. */
function cleanFields(f: CategoryFields): CategoryFields {
  const text = (s: string | undefined) =>
    s !== undefined && s.trim() !== '' ? s.trim() : undefined;
  const synonyms = (f.synonyms ?? []).map((s) => s.trim()).filter((s) => s !== '');
  const crosswalk = Object.entries(f.crosswalk ?? {})
    .map(([k, v]) => [k.trim(), v.trim()] as const)
    .filter(([k, v]) => k !== '' && v !== '');
  const definition = text(f.definition);
  const include = text(f.include);
  const exclude = text(f.exclude);
  return {
    code: f.code.trim(),
    label: f.label.trim(),
    ...(definition !== undefined ? { definition } : {}),
    ...(include !== undefined ? { include } : {}),
    ...(exclude !== undefined ? { exclude } : {}),
    ...(synonyms.length > 0 ? { synonyms: [...new Set(synonyms)] } : {}),
    // Object.fromEntries defines own keys: a codebook id `__proto__` stays a key.
    ...(crosswalk.length > 0 ? { crosswalk: Object.fromEntries(crosswalk) } : {}),
  };
}

/** A category with these fields, keeping where it sits and its state. */
function withFields(c: Category, f: CategoryFields): Category {
  return {
    ...f,
    parent: c.parent,
    ...(c.deprecated ? { deprecated: true } : {}),
    ...(c.recodeSince !== undefined ? { recodeSince: c.recodeSince } : {}),
  };
}

function refused(refusal: EditRefusal, code: string): EditRefused {
  return { ok: false, refusal, code };
}

/** Checks a new category's own fields against the codebook (codes other than `except`). */
function fieldsRefusal(
  codebook: Codebook,
  f: CategoryFields,
  except: string | null,
): EditRefused | null {
  if (f.code === '') return refused('empty-code', f.code);
  if (f.label === '') return refused('empty-label', f.code);
  if (f.code !== except && codebook.categories.some((c) => c.code === f.code))
    return refused('duplicate-code', f.code);
  return null;
}

/** A category may sit under `parent` only if no value has that code (it would become a group). */
function parentRefusal(
  codebook: Codebook,
  parent: string | null,
  uses: ReadonlyMap<string, CodeUse>,
): EditRefused | null {
  if (parent === null) return null;
  const p = codebook.categories.find((c) => c.code === parent);
  if (!p) return refused('unknown-code', parent);
  if (p.deprecated) return refused('parent-deprecated', parent);
  if ((uses.get(parent)?.values ?? 0) > 0) return refused('parent-has-values', parent);
  return null;
}

/** Inserts `added` after `code` and everything under it, so a group's members stay together. */
function insertAfter(
  cats: readonly Category[],
  codebook: Codebook,
  code: string | null,
  added: readonly Category[],
): Category[] {
  if (code === null) return [...cats, ...added];
  const under = codesUnder(codebook, code);
  let at = -1;
  cats.forEach((c, i) => {
    if (under.has(c.code)) at = i;
  });
  return [...cats.slice(0, at + 1), ...added, ...cats.slice(at + 1)];
}

/**
 * Plans one edit of a codebook: the new codebook and how values follow, or why it is refused.
 * `uses` are the variable's values per code (codeUses); `at` is the time of the edit.
 */
export function planEdit(
  codebook: Codebook,
  edit: CodebookEdit,
  uses: ReadonlyMap<string, CodeUse>,
  at: string,
): EditDone | EditRefused {
  const cats = codebook.categories;
  const find = (code: string) => cats.find((c) => c.code === code);
  const groups = groupCodes(codebook);
  const valuesOf = (code: string) => uses.get(code)?.values ?? 0;
  let next: Category[];
  const recode = new Map<string, string>();
  switch (edit.kind) {
    case 'add': {
      const f = cleanFields(edit.category);
      const bad =
        fieldsRefusal(codebook, f, null) ?? parentRefusal(codebook, edit.category.parent, uses);
      if (bad) return bad;
      next = insertAfter(cats, codebook, edit.category.parent, [
        { ...f, parent: edit.category.parent },
      ]);
      break;
    }
    case 'edit': {
      const c = find(edit.code);
      if (!c) return refused('unknown-code', edit.code);
      const f = cleanFields(edit.fields);
      const bad = fieldsRefusal(codebook, f, edit.code);
      if (bad) return bad;
      if (f.code !== edit.code) recode.set(edit.code, f.code);
      next = cats.map((x) =>
        x.code === edit.code
          ? withFields(x, f)
          : x.parent === edit.code
            ? { ...x, parent: f.code }
            : x,
      );
      break;
    }
    case 'move': {
      if (!find(edit.code)) return refused('unknown-code', edit.code);
      if (edit.parent !== null && codesUnder(codebook, edit.code).has(edit.parent))
        return refused('cycle', edit.parent);
      const bad = parentRefusal(codebook, edit.parent, uses);
      if (bad) return bad;
      const moved = cats.filter((c) => codesUnder(codebook, edit.code).has(c.code));
      const rest = cats.filter((c) => !moved.includes(c));
      const placed = moved.map((c) => (c.code === edit.code ? { ...c, parent: edit.parent } : c));
      // Placed after the new group's members (at the end at the top), so the list reads as a tree.
      next = insertAfter(rest, { ...codebook, categories: rest }, edit.parent, placed);
      break;
    }
    case 'merge': {
      const from = find(edit.from);
      const into = find(edit.into);
      if (!from) return refused('unknown-code', edit.from);
      if (!into) return refused('unknown-code', edit.into);
      if (edit.from === edit.into) return refused('same-category', edit.from);
      if (groups.has(edit.from)) return refused('not-a-leaf', edit.from);
      if (groups.has(edit.into)) return refused('not-a-leaf', edit.into);
      if (into.deprecated) return refused('deprecated', edit.into);
      // What the merged category was called still finds the category it joined.
      const synonyms = [
        ...new Set([...(into.synonyms ?? []), from.label, ...(from.synonyms ?? [])]),
      ].filter((s) => s !== into.label);
      recode.set(edit.from, edit.into);
      next = cats
        .filter((c) => c.code !== edit.from)
        .map((c) => (c.code === edit.into ? { ...c, synonyms } : c));
      break;
    }
    case 'split': {
      const c = find(edit.code);
      if (!c) return refused('unknown-code', edit.code);
      if (groups.has(edit.code)) return refused('not-a-leaf', edit.code);
      if (edit.into.length === 0) return refused('no-new-category', edit.code);
      const added: Category[] = [];
      for (const raw of edit.into) {
        const f = cleanFields(raw);
        const bad = fieldsRefusal({ ...codebook, categories: [...cats, ...added] }, f, null);
        if (bad) return bad;
        added.push({ ...f, parent: c.parent });
      }
      const marked = cats.map((x) => (x.code === edit.code ? { ...x, recodeSince: at } : x));
      next = insertAfter(marked, codebook, edit.code, added);
      break;
    }
    case 'deprecate': {
      const c = find(edit.code);
      if (!c) return refused('unknown-code', edit.code);
      if (groups.has(edit.code)) return refused('not-a-leaf', edit.code);
      if (edit.deprecated && valuesOf(edit.code) > 0) return refused('has-values', edit.code);
      next = cats.map((x) => {
        if (x.code !== edit.code) return x;
        const { deprecated: _, ...rest } = x;
        return edit.deprecated ? { ...rest, deprecated: true } : rest;
      });
      break;
    }
    case 'delete': {
      if (!find(edit.code)) return refused('unknown-code', edit.code);
      if (groups.has(edit.code)) return refused('has-children', edit.code);
      if (valuesOf(edit.code) > 0) return refused('has-values', edit.code);
      next = cats.filter((c) => c.code !== edit.code);
      break;
    }
  }
  const codebookAfter: Codebook = { ...codebook, categories: next };
  if (validateCodebook(codebookAfter).length > 0) return refused('invalid', editCode(edit));
  return { ok: true, codebook: codebookAfter, recode, asksApproved: edit.kind === 'merge' };
}

/** The code an edit is about (for its name in the history and in messages). */
export function editCode(edit: CodebookEdit): string {
  switch (edit.kind) {
    case 'add':
      return edit.category.code;
    case 'merge':
      return edit.from;
    default:
      return edit.code;
  }
}

/** What a merge does to approved values: keep the approval, or send them to review again. */
export type ApprovedChoice = 'keep-approval' | 'review-again';

/**
 * The coding of a value after its code followed an edit, or null when it does not follow.
 * A changed code keeps everything else (it is the same category). A merge sets the time (the
 * value now means something wider); approved values are reviewed again unless the person said
 * to keep the approval.
 */
export function followEdit(
  v: RawValue,
  plan: EditDone,
  at: string,
  approved: ApprovedChoice,
): Coding | null {
  if (v.code === null) return null;
  const to = plan.recode.get(v.code);
  if (to === undefined) return null;
  const before = codingOf(v);
  if (!plan.asksApproved) return { ...before, code: to };
  if (v.status === 'approved' && approved === 'review-again')
    return {
      ...before,
      code: to,
      status: 'coded',
      reviewedBy: null,
      reviewedAt: null,
      updatedAt: at,
    };
  return { ...before, code: to, updatedAt: at };
}
