// The checks of a backup that a schema cannot say, one entry per table (like Excalidraw's
// restore, in one place): references between the tables hold, keys are unique, a value's counts
// agree with its tally, codes are leaves of the codebook, history names the project's values.

import { groupCodes, leafSet } from '../codebook';
import type { TallyPairs } from '../import-merge';
import type { RawValue, Status, Variable } from '../types';
import { yearsProblem } from '../year';
import type { BackupHistory, ProjectBackup } from './backup';
import { pointer, type FormatError } from './result';

/** What the checks of each table look up: ids, codebooks and values of the backup. */
interface BackupIndex {
  readonly variables: ReadonlyMap<string, Variable>;
  readonly leaves: ReadonlyMap<string, ReadonlySet<string>>;
  readonly groups: ReadonlyMap<string, ReadonlySet<string>>;
  readonly imports: ReadonlySet<string>;
  /** Per variable, its values by raw value (a Map: raw values can be `__proto__`). */
  readonly values: ReadonlyMap<string, ReadonlyMap<string, { v: RawValue; i: number }>>;
  /** Per variable, raw value → codes the history gave it (orphans of a codebook change). */
  readonly historyCodes: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
  /**
   * Per variable, values whose last recorded change left them undecided: when an import is
   * undone, such values it brought are taken away again and only their history names them.
   */
  readonly undecided: ReadonlyMap<string, ReadonlySet<string>>;
}

function nested<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = outer.get(key);
  if (!inner) outer.set(key, (inner = new Map()));
  return inner;
}

function indexBackup(b: ProjectBackup): BackupIndex {
  const variables = new Map(b.variables.map((v) => [v.id, v]));
  const values = new Map<string, Map<string, { v: RawValue; i: number }>>();
  b.values.forEach((v, i) => {
    const raws = nested(values, v.variable);
    if (!raws.has(v.raw)) raws.set(v.raw, { v, i });
  });
  const historyCodes = new Map<string, Map<string, Set<string>>>();
  for (const h of b.history)
    for (const c of h.changes) {
      if (c.code === null) continue;
      const byRaw = nested(historyCodes, h.variable);
      const codes = byRaw.get(c.raw) ?? new Set<string>();
      byRaw.set(c.raw, codes.add(c.code));
    }
  const last = new Map<string, Map<string, BackupHistory['changes'][number]>>();
  for (const h of b.history) for (const c of h.changes) nested(last, h.variable).set(c.raw, c);
  const undecided = new Map<string, Set<string>>();
  if (b.imports.some((m) => m.undone !== null))
    for (const [variable, changes] of last)
      undecided.set(
        variable,
        new Set(
          [...changes]
            .filter(([, c]) => c.code === null && c.status === 'uncoded' && c.note === '')
            .map(([raw]) => raw),
        ),
      );
  return {
    variables,
    leaves: new Map(b.variables.map((v) => [v.id, leafSet(v.codebook)])),
    groups: new Map(b.variables.map((v) => [v.id, groupCodes(v.codebook)])),
    imports: new Set(b.imports.map((m) => m.id)),
    values,
    historyCodes,
    undecided,
  };
}

type TableCheck = (b: ProjectBackup, index: BackupIndex, error: (e: FormatError) => void) => void;

/** `rows[i][field]` must name one of `known` (a variable or an import of the backup). */
function refer<T>(
  list: string,
  rows: readonly T[],
  field: keyof T & string,
  known: { has(id: string): boolean },
  what: 'variable' | 'import',
  error: (e: FormatError) => void,
): void {
  rows.forEach((row, i) => {
    const id = row[field];
    if (typeof id === 'string' && !known.has(id))
      error({
        path: pointer(list, i, field),
        code: 'unknown-reference',
        params: { what, id },
        message: `no ${what} "${id}" in the backup`,
      });
  });
}

/** Statuses that only a value with a code can have. */
const NEEDS_CODE: ReadonlySet<Status> = new Set(['coded', 'approved', 'rejected']);

function rowsOf(munis: TallyPairs): number {
  let n = 0;
  for (const [, rows] of munis) n += rows;
  return n;
}

/**
 * What the schema cannot say, one entry per table: references between the tables hold, keys
 * are unique, a value's counts agree with its tally, codes are the codebook's leaves, history
 * names the project's values. A table added to the backup is one more entry here.
 */
const TABLE_CHECKS: Readonly<Record<string, TableCheck>> = {
  variables: (b, _, error) => {
    const seen = new Set<string>();
    b.variables.forEach((v, i) => {
      if (seen.has(v.id))
        error({
          path: pointer('variables', i, 'id'),
          code: 'listed-twice',
          params: { what: 'variable', id: v.id },
          message: `variable "${v.id}" is listed twice`,
        });
      seen.add(v.id);
    });
  },
  values: (b, x, error) => {
    refer('values', b.values, 'variable', x.variables, 'variable', error);
    refer('values', b.values, 'firstImport', x.imports, 'import', error);
    b.values.forEach((v, i) => {
      if (x.values.get(v.variable)?.get(v.raw)?.i !== i)
        error({
          path: pointer('values', i, 'raw'),
          code: 'value-twice',
          message: 'the same value is listed twice for its variable',
        });
      if (v.code === null) {
        if (NEEDS_CODE.has(v.status))
          error({
            path: pointer('values', i, 'code'),
            code: 'needs-code',
            params: { status: v.status },
            message: `missing: a value that is ${v.status} needs a code`,
          });
        return;
      }
      const leaves = x.leaves.get(v.variable);
      // A codebook replaced after coding leaves such values with their code ("marked"): the
      // history then holds the decision that gave it.
      if (!leaves || leaves.has(v.code) || x.historyCodes.get(v.variable)?.get(v.raw)?.has(v.code))
        return;
      const group = x.groups.get(v.variable)?.has(v.code) === true;
      error({
        path: pointer('values', i, 'code'),
        code: group ? 'group-of-variable' : 'not-category-of-variable',
        params: { code: v.code, variable: v.variable },
        message: group
          ? `"${v.code}" is a group of the codebook of "${v.variable}"; values are coded to its leaves only`
          : `"${v.code}" is not a category of the codebook of "${v.variable}"`,
      });
    });
  },
  history: (b, x, error) => {
    refer('history', b.history, 'variable', x.variables, 'variable', error);
    b.history.forEach((h, i) => {
      const values = x.values.get(h.variable);
      if (!x.variables.has(h.variable)) return;
      h.changes.forEach((c, j) => {
        if (values?.has(c.raw) || x.undecided.get(h.variable)?.has(c.raw)) return;
        error({
          path: pointer('history', i, 'changes', j, 'raw'),
          code: 'history-unknown-value',
          params: { variable: h.variable },
          message: `names a value that "${h.variable}" does not have`,
        });
      });
    });
  },
  imports: (b, _, error) => {
    const seen = new Set<string>();
    b.imports.forEach((m, i) => {
      if (seen.has(m.id))
        error({
          path: pointer('imports', i, 'id'),
          code: 'listed-twice',
          params: { what: 'import', id: m.id },
          message: `import "${m.id}" is listed twice`,
        });
      seen.add(m.id);
    });
  },
  importParts: (b, x, error) => {
    refer('importParts', b.importParts, 'import', x.imports, 'import', error);
    refer('importParts', b.importParts, 'variable', x.variables, 'variable', error);
  },
  counts: (b, x, error) => {
    refer('counts', b.counts, 'variable', x.variables, 'variable', error);
    // A value's or cell's rows with a year are some of its rows (issue 10 item 2).
    b.counts.forEach((c, i) => {
      c.tallies.forEach((t, j) => {
        const problem = yearsProblem(t.munis, t.years);
        if (problem) error({ path: pointer('counts', i, 'tallies', j, 'years'), ...problem });
      });
      c.combinations.forEach((t, j) => {
        const problem = yearsProblem(t.munis, t.years);
        if (problem) error({ path: pointer('counts', i, 'combinations', j, 'years'), ...problem });
      });
    });
    b.counts.forEach((c, i) =>
      c.tallies.forEach((t, j) => {
        const value = x.values.get(c.variable)?.get(t.raw);
        if (!value) return;
        const rows = t.baseRows + rowsOf(t.munis);
        if (value.v.frequency !== rows)
          error({
            path: pointer('values', value.i, 'frequency'),
            code: 'frequency-mismatch',
            params: {
              frequency: value.v.frequency,
              at: pointer('counts', i, 'tallies', j),
              rows,
            },
            message: `is ${value.v.frequency}, but the value's rows per municipality (${pointer('counts', i, 'tallies', j)}) add up to ${rows}`,
          });
      }),
    );
  },
  codebookVersions: (b, x, error) => {
    refer('codebookVersions', b.codebookVersions, 'variable', x.variables, 'variable', error);
    const seen = new Set<string>();
    b.codebookVersions.forEach((v, i) => {
      const key = JSON.stringify([v.variable, v.number]);
      if (seen.has(key))
        error({
          path: pointer('codebookVersions', i, 'number'),
          code: 'version-twice',
          params: { number: v.number, variable: v.variable },
          message: `version ${v.number} of "${v.variable}" is listed twice`,
        });
      seen.add(key);
    });
    // A codebook change in the history names the versions it went from and to.
    b.history.forEach((h, i) => {
      if (!h.codebook) return;
      for (const field of ['from', 'to'] as const)
        if (!seen.has(JSON.stringify([h.variable, h.codebook[field]])))
          error({
            path: pointer('history', i, 'codebook', field),
            code: 'version-not-listed',
            params: { number: h.codebook[field], variable: h.variable },
            message: `names version ${h.codebook[field]} of "${h.variable}", which is not in codebookVersions`,
          });
    });
  },
  settings: () => undefined,
  notes: (b, x, error) => {
    refer('notes', b.notes, 'variable', x.variables, 'variable', error);
    unique('notes', b.notes, 'note', error);
  },
  doubleSamples: (b, x, error) => {
    refer('doubleSamples', b.doubleSamples, 'variable', x.variables, 'variable', error);
    unique('doubleSamples', b.doubleSamples, 'sample', error);
  },
  doubleCodes: (b, _, error) => {
    unique('doubleCodes', b.doubleCodes, 'blind code', error);
    const samples = new Map(b.doubleSamples.map((d) => [d.id, new Set(d.raws)]));
    b.doubleCodes.forEach((c, i) => {
      const raws = samples.get(c.sample);
      if (!raws)
        error({
          path: pointer('doubleCodes', i, 'sample'),
          code: 'no-sample',
          params: { sample: c.sample },
          message: `no sample "${c.sample}"`,
        });
      else if (!raws.has(c.raw))
        error({
          path: pointer('doubleCodes', i, 'raw'),
          code: 'not-in-sample',
          params: { sample: c.sample },
          message: `is not a value of sample "${c.sample}"`,
        });
    });
  },
} satisfies Record<keyof Omit<ProjectBackup, 'exportedAt' | 'project'>, TableCheck>;

/** Events are merged by id: an id twice is an error. */
function unique(
  table: string,
  rows: readonly { readonly id: string }[],
  what: string,
  error: (e: FormatError) => void,
): void {
  const ids = new Set<string>();
  rows.forEach((r, i) => {
    if (ids.has(r.id))
      error({
        path: pointer(table, i, 'id'),
        code: 'listed-twice',
        params: { what, id: r.id },
        message: `${what} "${r.id}" is listed twice`,
      });
    ids.add(r.id);
  });
}

/** What the schema cannot say, per table; errors point into the file (at most 100). */
export function checkBackup(b: ProjectBackup): FormatError[] {
  const errors: FormatError[] = [];
  const index = indexBackup(b);
  for (const check of Object.values(TABLE_CHECKS)) check(b, index, (e) => errors.push(e));
  return errors.slice(0, 100);
}
