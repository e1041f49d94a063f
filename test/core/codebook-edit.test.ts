import { describe, expect, it } from 'vitest';
import {
  awaitsRecoding,
  codableLeaves,
  codeUses,
  followEdit,
  planEdit,
  type CodeUse,
  type EditDone,
} from '../../src/core/codebook-edit';
import { categoryIndex } from '../../src/core/codebook';
import {
  diffVersions,
  readVersionCause,
  writeDiffFile,
  type CodebookDiff,
  type CodebookVersion,
} from '../../src/core/codebook-versions';
import { newRawValue } from '../../src/core/decide';
import { planMappingImport } from '../../src/core/import-plan';
import { createEngine } from '../../src/core/suggest/engine';
import type { Codebook, RawValue } from '../../src/core/types';

// The editor's operations on a codebook, as a researcher uses them: each one gives a valid
// codebook or a refusal naming the code, and values follow (or wait to be coded again).

const cb: Codebook = {
  id: 'nuso-orsak',
  variable: 'aktualiseringsorsak',
  categories: [
    { code: 'HEM', label: 'Hemmiljö', parent: null },
    { code: 'H01', label: 'Bristande omsorg', parent: 'HEM', synonyms: ['omsorgsbrist'] },
    { code: 'H02', label: 'Våld i hemmet', parent: 'HEM' },
    { code: 'BAR', label: 'Barnets beteende', parent: null },
    { code: 'B01', label: 'Missbruk', parent: 'BAR' },
    { code: 'X', label: 'Övrigt', parent: null },
  ],
};
const AT = '2026-12-06T00:10:00.000Z';

function value(
  raw: string,
  code: string | null,
  status: RawValue['status'],
  frequency = 10,
): RawValue {
  return {
    ...newRawValue('aktualiseringsorsak', raw, frequency, 1),
    code,
    status,
    codedBy: code ? 'anna' : null,
    codedAt: code ? '2026-12-01T00:00:00.000Z' : null,
    reviewedBy: status === 'approved' ? 'erik' : null,
    reviewedAt: status === 'approved' ? '2026-12-02T00:00:00.000Z' : null,
    updatedAt: code ? '2026-12-02T00:00:00.000Z' : null,
  };
}

const values = [
  value('omsorgsbrist', 'H01', 'approved', 50),
  value('bristande omsorg', 'H01', 'coded', 20),
  value('dålig omsorg', 'H01', 'approved', 70),
  value('våld', 'H02', 'coded', 5),
  value('okänt', null, 'uncoded', 3),
];
const uses = codeUses(values);

function done(r: ReturnType<typeof planEdit>): EditDone {
  if (!r.ok) throw new Error(`refused: ${r.refusal} ${r.code}`);
  return r;
}
const codes = (c: Codebook) => c.categories.map((x) => x.code);

describe('counts and examples per category', () => {
  it('counts values and rows per code, and shows the most frequent approved values', () => {
    expect(uses.get('H01')).toEqual<CodeUse>({
      values: 3,
      rows: 140,
      approvedValues: 2,
      approvedRows: 120,
      examples: ['dålig omsorg', 'omsorgsbrist'],
    });
    expect(uses.get('B01')).toBeUndefined();
  });

  it('keeps the three most frequent approved values as examples, in any input order', () => {
    const many = [5, 50, 7, 50, 1, 30].map((f, i) => value(`v${i}`, 'B01', 'approved', f));
    const expected = ['v1', 'v3', 'v5'];
    expect(codeUses(many).get('B01')?.examples).toEqual(expected);
    expect(codeUses([...many].reverse()).get('B01')?.examples).toEqual(expected);
    expect(codeUses(many).get('B01')).toMatchObject({ values: 6, rows: 143, approvedValues: 6 });
  });
});

describe('add, edit, move', () => {
  it('adds a category at the end of its group', () => {
    const out = done(
      planEdit(
        cb,
        { kind: 'add', category: { code: 'H03', label: ' Hot ', parent: 'HEM' } },
        uses,
        AT,
      ),
    );
    expect(codes(out.codebook)).toEqual(['HEM', 'H01', 'H02', 'H03', 'BAR', 'B01', 'X']);
    expect(out.codebook.categories[3]).toEqual({ code: 'H03', label: 'Hot', parent: 'HEM' });
  });

  it('refuses a duplicate or empty code, and a category under a leaf that values have', () => {
    expect(
      planEdit(cb, { kind: 'add', category: { code: 'H01', label: 'x', parent: null } }, uses, AT),
    ).toEqual({ ok: false, refusal: 'duplicate-code', code: 'H01' });
    expect(
      planEdit(cb, { kind: 'add', category: { code: ' ', label: 'x', parent: null } }, uses, AT),
    ).toMatchObject({ refusal: 'empty-code' });
    expect(
      planEdit(cb, { kind: 'add', category: { code: 'Y', label: 'x', parent: 'H01' } }, uses, AT),
    ).toEqual({ ok: false, refusal: 'parent-has-values', code: 'H01' });
    // A leaf without values may become a group.
    expect(
      planEdit(
        cb,
        { kind: 'add', category: { code: 'B011', label: 'Alkohol', parent: 'B01' } },
        uses,
        AT,
      ).ok,
    ).toBe(true);
  });

  it('renames a label and edits the texts; a new code takes its values and children along', () => {
    const out = done(
      planEdit(
        cb,
        {
          kind: 'edit',
          code: 'HEM',
          fields: {
            code: 'HM',
            label: 'Hemmet',
            definition: 'Allt i hemmet',
            synonyms: [' ', 'hem'],
            crosswalk: { skr: 'A1' },
          },
        },
        uses,
        AT,
      ),
    );
    expect(out.codebook.categories[0]).toEqual({
      code: 'HM',
      label: 'Hemmet',
      parent: null,
      definition: 'Allt i hemmet',
      synonyms: ['hem'],
      crosswalk: { skr: 'A1' },
    });
    expect(out.codebook.categories.filter((c) => c.parent === 'HM').map((c) => c.code)).toEqual([
      'H01',
      'H02',
    ]);
    expect([...out.recode]).toEqual([['HEM', 'HM']]);
    // A changed code keeps the decision: status and reviewer stay, only the code follows.
    const renamed = done(
      planEdit(
        cb,
        { kind: 'edit', code: 'H01', fields: { code: 'H1', label: 'Bristande omsorg' } },
        uses,
        AT,
      ),
    );
    const first = values[0] as RawValue;
    expect(followEdit(first, renamed, AT, 'review-again')).toMatchObject({
      code: 'H1',
      status: 'approved',
      reviewedBy: 'erik',
      updatedAt: first.updatedAt,
    });
  });

  it('moves a category with everything under it to another group, never into itself', () => {
    const out = done(planEdit(cb, { kind: 'move', code: 'H02', parent: 'BAR' }, uses, AT));
    expect(codes(out.codebook)).toEqual(['HEM', 'H01', 'BAR', 'B01', 'H02', 'X']);
    expect(out.codebook.categories.find((c) => c.code === 'H02')?.parent).toBe('BAR');
    expect(planEdit(cb, { kind: 'move', code: 'HEM', parent: 'H02' }, uses, AT)).toMatchObject({
      refusal: 'cycle',
    });
    expect(planEdit(cb, { kind: 'move', code: 'X', parent: 'H02' }, uses, AT)).toMatchObject({
      refusal: 'parent-has-values',
      code: 'H02',
    });
    const top = done(planEdit(cb, { kind: 'move', code: 'BAR', parent: null }, uses, AT));
    expect(codes(top.codebook)).toEqual(['HEM', 'H01', 'H02', 'X', 'BAR', 'B01']);
  });
});

describe('merge, split, deprecate, delete', () => {
  it('merges: the category goes, its values are recoded, its label finds the category it joined', () => {
    const out = done(planEdit(cb, { kind: 'merge', from: 'H01', into: 'H02' }, uses, AT));
    expect(codes(out.codebook)).toEqual(['HEM', 'H02', 'BAR', 'B01', 'X']);
    expect(out.codebook.categories[1]?.synonyms).toEqual(['Bristande omsorg', 'omsorgsbrist']);
    expect(out.asksApproved).toBe(true);
    const approved = values[0] as RawValue;
    // Approved values: reviewed again, or kept approved: the person chose when asked.
    expect(followEdit(approved, out, AT, 'review-again')).toMatchObject({
      code: 'H02',
      status: 'coded',
      reviewedBy: null,
      codedBy: 'anna',
      updatedAt: AT,
    });
    expect(followEdit(approved, out, AT, 'keep-approval')).toMatchObject({
      code: 'H02',
      status: 'approved',
      reviewedBy: 'erik',
    });
    expect(followEdit(values[3] as RawValue, out, AT, 'review-again')).toBeNull();
    expect(planEdit(cb, { kind: 'merge', from: 'H01', into: 'HEM' }, uses, AT)).toMatchObject({
      refusal: 'not-a-leaf',
      code: 'HEM',
    });
    expect(planEdit(cb, { kind: 'merge', from: 'H01', into: 'H01' }, uses, AT)).toMatchObject({
      refusal: 'same-category',
    });
  });

  it('splits: new categories beside it, and its values wait to be coded again with their old code', () => {
    const out = done(
      planEdit(
        cb,
        { kind: 'split', code: 'H01', into: [{ code: 'H01b', label: 'Bristande tillsyn' }] },
        uses,
        AT,
      ),
    );
    expect(codes(out.codebook)).toEqual(['HEM', 'H01', 'H01b', 'H02', 'BAR', 'B01', 'X']);
    expect(out.codebook.categories[2]?.parent).toBe('HEM');
    expect(out.recode.size).toBe(0);
    const index = categoryIndex(out.codebook);
    expect(values.filter((v) => awaitsRecoding(v, index)).map((v) => v.raw)).toEqual([
      'omsorgsbrist',
      'bristande omsorg',
      'dålig omsorg',
    ]);
    // Decided on after the split: no longer waiting, whatever code it kept.
    expect(awaitsRecoding({ code: 'H01', updatedAt: '2026-12-06T00:11:00.000Z' }, index)).toBe(
      false,
    );
    expect(
      planEdit(cb, { kind: 'split', code: 'H01', into: [{ code: 'H02', label: 'x' }] }, uses, AT),
    ).toMatchObject({ refusal: 'duplicate-code', code: 'H02' });
    expect(
      planEdit(cb, { kind: 'split', code: 'HEM', into: [{ code: 'Z', label: 'x' }] }, uses, AT),
    ).toMatchObject({ refusal: 'not-a-leaf' });
  });

  it('refuses to deprecate or delete a category that values have; without values it is allowed', () => {
    expect(planEdit(cb, { kind: 'deprecate', code: 'H01', deprecated: true }, uses, AT)).toEqual({
      ok: false,
      refusal: 'has-values',
      code: 'H01',
    });
    expect(planEdit(cb, { kind: 'delete', code: 'H02' }, uses, AT)).toEqual({
      ok: false,
      refusal: 'has-values',
      code: 'H02',
    });
    expect(planEdit(cb, { kind: 'delete', code: 'HEM' }, uses, AT)).toMatchObject({
      refusal: 'has-children',
    });
    const dep = done(planEdit(cb, { kind: 'deprecate', code: 'B01', deprecated: true }, uses, AT));
    expect(dep.codebook.categories.find((c) => c.code === 'B01')?.deprecated).toBe(true);
    expect(codableLeaves(dep.codebook).has('B01')).toBe(false);
    const back = done(
      planEdit(dep.codebook, { kind: 'deprecate', code: 'B01', deprecated: false }, uses, AT),
    );
    expect(back.codebook).toEqual(cb);
    const del = done(planEdit(cb, { kind: 'delete', code: 'X' }, uses, AT));
    expect(codes(del.codebook)).toEqual(['HEM', 'H01', 'H02', 'BAR', 'B01']);
  });

  it('refuses an edit that would leave no leaf to code to', () => {
    const one: Codebook = { ...cb, categories: [{ code: 'A', label: 'A', parent: null }] };
    expect(planEdit(one, { kind: 'delete', code: 'A' }, new Map(), AT)).toMatchObject({
      refusal: 'invalid',
    });
  });
});

describe('inverses: each edit and its opposite give back the codebook', () => {
  it('rename, move, deprecate, add and delete are undone by their opposite edit', () => {
    const renamed = done(
      planEdit(cb, { kind: 'edit', code: 'H02', fields: { code: 'H2', label: 'Våld' } }, uses, AT),
    ).codebook;
    expect(
      done(
        planEdit(
          renamed,
          { kind: 'edit', code: 'H2', fields: { code: 'H02', label: 'Våld i hemmet' } },
          uses,
          AT,
        ),
      ).codebook,
    ).toEqual(cb);
    const moved = done(planEdit(cb, { kind: 'move', code: 'X', parent: 'BAR' }, uses, AT)).codebook;
    const movedBack = done(
      planEdit(moved, { kind: 'move', code: 'X', parent: null }, uses, AT),
    ).codebook;
    expect(movedBack).toEqual(cb);
    const added = done(
      planEdit(cb, { kind: 'add', category: { code: 'N', label: 'Ny', parent: null } }, uses, AT),
    ).codebook;
    expect(done(planEdit(added, { kind: 'delete', code: 'N' }, uses, AT)).codebook).toEqual(cb);
  });

  it('a merge recodes values one way; restoring the codings before it gives every value back', () => {
    const plan = done(planEdit(cb, { kind: 'merge', from: 'H01', into: 'H02' }, uses, AT));
    const after = values.map((v) => {
      const c = followEdit(v, plan, AT, 'review-again');
      return c ? { ...v, ...c } : v;
    });
    expect(after.filter((v) => v.code === 'H01')).toEqual([]);
    // The history keeps each value's coding before (codingOf); undo puts it back.
    const restored = after.map((v, i) => ({ ...v, ...pickCoding(values[i] as RawValue) }));
    expect(restored).toEqual(values);
  });
});

function pickCoding(v: RawValue) {
  const { code, status, codedBy, codedAt, reviewedBy, reviewedAt, note, updatedAt } = v;
  return { code, status, codedBy, codedAt, reviewedBy, reviewedAt, note, updatedAt };
}

describe('the difference between two versions', () => {
  const v = (
    number: number,
    codebook: Codebook,
    cause: CodebookVersion['cause'],
  ): CodebookVersion => ({
    number,
    at: AT,
    by: 'AL',
    codebook,
    cause,
  });
  it('names merges, splits, renames, moves and changed texts, and follows codes through an undo', () => {
    const merge = { kind: 'merge', from: 'H01', into: 'H02' } as const;
    const merged = done(planEdit(cb, merge, uses, AT)).codebook;
    const split = {
      kind: 'split',
      code: 'H01',
      into: [{ code: 'H03', label: 'Tillsyn' }],
    } as const;
    const splitCb = done(planEdit(cb, split, uses, AT)).codebook;
    const editX = {
      kind: 'edit',
      code: 'X',
      fields: { code: 'X1', label: 'Annat', definition: 'Allt annat' },
    } as const;
    const edited = done(planEdit(splitCb, editX, uses, AT)).codebook;
    const move = { kind: 'move', code: 'B01', parent: 'HEM' } as const;
    const moved = done(planEdit(edited, move, uses, AT)).codebook;
    const versions = [
      v(1, cb, { kind: 'first' }),
      v(2, merged, { kind: 'edit', edit: merge }),
      v(3, cb, { kind: 'undo', version: 2 }),
      v(4, splitCb, { kind: 'edit', edit: split }),
      v(5, edited, { kind: 'edit', edit: editX }),
      v(6, moved, { kind: 'edit', edit: move }),
    ];
    expect(diffVersions(versions, 1, 2)).toMatchObject({
      merged: [{ code: 'H01', into: 'H02' }],
      removed: [],
      added: [],
    });
    expect(diffVersions(versions, 1, 6)).toEqual({
      from: 1,
      to: 6,
      added: [{ code: 'H03', label: 'Tillsyn', parent: 'HEM' }],
      removed: [],
      renamed: [{ code: 'X1', oldCode: 'X', oldLabel: 'Övrigt', label: 'Annat' }],
      moved: [{ code: 'B01', oldParent: 'BAR', parent: 'HEM' }],
      merged: [],
      split: [{ code: 'H01', into: ['H03'] }],
      changed: [{ code: 'X1', fields: ['definition'] }],
    });
    // Backwards: compared as they are.
    expect(diffVersions(versions, 6, 1)).toMatchObject({
      removed: [{ code: 'H03' }, { code: 'X1' }],
    });
    expect(diffVersions(versions, 1, 9)).toBeNull();
    const file = JSON.parse(
      writeDiffFile(cb, diffVersions(versions, 1, 2) as CodebookDiff),
    ) as Record<string, unknown>;
    expect(file).toMatchObject({
      format: 'kodbok/codebook-diff',
      formatVersion: 1,
      codebook: 'nuso-orsak',
      variable: 'aktualiseringsorsak',
      from: 1,
      to: 2,
    });
  });

  it('reads a stored cause it does not know as an import', () => {
    expect(readVersionCause({ kind: 'edit', edit: { kind: 'merge', from: 1 } })).toEqual({
      kind: 'import',
    });
    expect(readVersionCause({ kind: 'undo', version: 3 })).toEqual({ kind: 'undo', version: 3 });
    expect(readVersionCause(null)).toEqual({ kind: 'import' });
  });
});

describe('a deprecated category', () => {
  it('is given to no value by a mapping file either: such entries are listed as unknown codes', () => {
    const dep = done(
      planEdit(cb, { kind: 'deprecate', code: 'B01', deprecated: true }, uses, AT),
    ).codebook;
    const file = {
      variable: cb.variable,
      codebook: { id: cb.id },
      entries: [
        { raw: 'knark', code: 'B01', status: 'approved' as const },
        { raw: 'våld', code: 'H02', status: 'coded' as const },
      ],
    };
    const plan = planMappingImport(new Map(), file, dep);
    expect(plan.unknownCodes.map((e) => e.raw)).toEqual(['knark']);
    expect(plan.add.map((e) => e.raw)).toEqual(['våld']);
  });

  it('is never suggested', () => {
    const dep = done(
      planEdit(cb, { kind: 'deprecate', code: 'B01', deprecated: true }, uses, AT),
    ).codebook;
    const before = createEngine({ codebook: cb, known: new Map() }).suggest('Missbruk', 3);
    expect(before.map((s) => s.code)).toContain('B01');
    const after = createEngine({ codebook: dep, known: new Map() }).suggest('Missbruk', 3);
    expect(after.map((s) => s.code)).not.toContain('B01');
  });
});
