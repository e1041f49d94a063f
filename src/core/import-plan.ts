import type { Coding, Category, Codebook, RawValue, Status } from './types';
import type { MappingEntry, MappingFile } from './formats/mapping';
import { leafSet } from './codebook';
import { codableLeaves } from './codebook-edit';
import { newRawValue } from './decide';

// Imports are staged: the user first sees what a file would change, then one transaction
// commits it (RELIABILITY.md rule 6). The plan is computed here, purely, twice: once for the
// preview and once inside the transaction against what is stored then.

export interface MappingChange {
  readonly raw: string;
  readonly from: Pick<RawValue, 'code' | 'status'> | null;
  readonly to: MappingEntry;
}

export interface MappingPlan {
  /** Raw values the project does not have yet: added with frequency 0 (known for next year's files). */
  readonly add: readonly MappingEntry[];
  /** Values whose code or status the file changes. */
  readonly change: readonly MappingChange[];
  /** Entries already the same. */
  readonly same: number;
  /** Approved values that the file gives another code: shown to the user before anything is stored. */
  readonly conflicts: readonly MappingChange[];
  /** Entries whose code is not a leaf of the variable's codebook: skipped. */
  readonly unknownCodes: readonly MappingEntry[];
}

export function planMappingImport(
  current: ReadonlyMap<string, Pick<RawValue, 'code' | 'status'>>,
  file: MappingFile,
  codebook: Codebook,
): MappingPlan {
  // A deprecated category is given to no value, also not by a file (issue 11 item 1).
  const leaves = codableLeaves(codebook);
  const add: MappingEntry[] = [];
  const change: MappingChange[] = [];
  const conflicts: MappingChange[] = [];
  const unknownCodes: MappingEntry[] = [];
  let same = 0;
  for (const e of file.entries) {
    if (!leaves.has(e.code)) {
      unknownCodes.push(e);
      continue;
    }
    const cur = current.get(e.raw);
    if (!cur) {
      add.push(e);
    } else if (cur.code === e.code && cur.status === e.status) {
      same++;
    } else {
      const c: MappingChange = { raw: e.raw, from: { code: cur.code, status: cur.status }, to: e };
      change.push(c);
      if (cur.status === 'approved' && cur.code !== e.code) conflicts.push(c);
    }
  }
  return { add, change, same, conflicts, unknownCodes };
}

/** The coding a mapping entry gives a value. Who coded and reviewed comes from the file when it says. */
export function codingFromEntry(e: MappingEntry, by: string, at: string, note: string): Coding {
  const status: Status = e.status;
  const reviewed = status === 'approved' || status === 'rejected';
  return {
    code: e.code,
    status,
    codedBy: e.codedBy ?? by,
    codedAt: at,
    reviewedBy: reviewed ? (e.reviewedBy ?? by) : null,
    reviewedAt: reviewed ? at : null,
    note: e.note ?? note,
    updatedAt: at,
  };
}

/** A value the project did not have, known from a mapping file. */
export function valueFromEntry(
  variable: string,
  e: MappingEntry,
  by: string,
  at: string,
): RawValue {
  return { ...newRawValue(variable, e.raw, 0, 0), ...codingFromEntry(e, by, at, '') };
}

export interface CodebookPlan {
  readonly added: readonly Category[];
  readonly removed: readonly Category[];
  readonly changed: readonly { readonly before: Category; readonly after: Category }[];
  /** Coded values whose code is not a leaf of the new codebook. */
  readonly orphans: number;
}

function sameCategory(a: Category, b: Category): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function planCodebookReplace(
  current: Codebook,
  next: Codebook,
  values: Iterable<Pick<RawValue, 'code'>>,
): CodebookPlan {
  const before = new Map(current.categories.map((c) => [c.code, c]));
  const after = new Map(next.categories.map((c) => [c.code, c]));
  const added = next.categories.filter((c) => !before.has(c.code));
  const removed = current.categories.filter((c) => !after.has(c.code));
  const changed = next.categories.flatMap((c) => {
    const b = before.get(c.code);
    return b && !sameCategory(b, c) ? [{ before: b, after: c }] : [];
  });
  const leaves = leafSet(next);
  let orphans = 0;
  for (const v of values) if (v.code !== null && !leaves.has(v.code)) orphans++;
  return { added, removed, changed, orphans };
}
