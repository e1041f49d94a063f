// A codebook changed by a team (issue 10 item 2): a change made on the codebook a browser holds
// applies there; two changes made on the same codebook without seeing each other are a conflict
// with the same id in both browsers, both codebooks kept, never a last-writer-wins; a resolve
// applies whatever each browser holds.
import { describe, expect, it } from 'vitest';
import { CellCounter, splitCounted } from '../../src/core/import-count';
import {
  EVENT_TYPE,
  eventId,
  readShared,
  readTeamEvent,
  shareCounted,
  type CodebookEvent,
  type SharedCounted,
} from '../../src/core/team/events';
import {
  codebookDisagreementId,
  disagreementSides,
  foldCodebook,
  mergeDisagreement,
  settingWins,
  type SettingStamp,
} from '../../src/core/team/fold';
import type { Codebook } from '../../src/core/types';

const base: Codebook = {
  id: 'orsak',
  variable: 'orsak',
  revision: { number: 2, at: '2026-12-05T09:00:00.000Z', by: 'anna' },
  categories: [
    { code: 'H01', label: 'Bristande omsorg', parent: null },
    { code: 'B11', label: 'Barnets bruk', parent: null },
  ],
};
const withCode = (cb: Codebook, code: string, by: string, at: string): Codebook => ({
  ...cb,
  revision: { number: 3, at, by },
  categories: [...cb.categories, { code, label: code, parent: null }],
});

let n = 0;
function change(by: string, at: string, from: Codebook, to: Codebook, resolves?: string[]) {
  const e: CodebookEvent = {
    _id: eventId(at, by, `c${++n}`),
    type: EVENT_TYPE,
    v: 1,
    author: by,
    at,
    kind: 'codebook',
    variable: 'orsak',
    batch: `b${n}`,
    action: resolves ? 'resolve' : 'codebook',
    cause: { kind: 'import' },
    base: from,
    codebook: to,
    changes: [],
    ...(resolves ? { resolves } : {}),
  };
  return e;
}

describe('folding a team’s codebook changes', () => {
  const annas = withCode(base, 'X1', 'anna', '2026-12-05T10:00:00.000Z');
  const bos = withCode(base, 'Y2', 'bo', '2026-12-05T10:00:05.000Z');
  const a = change('anna', '2026-12-05T10:00:00.000Z', base, annas);
  const b = change('bo', '2026-12-05T10:00:05.000Z', base, bos);

  it('applies a change made on the codebook this browser holds; the same change again is nothing', () => {
    expect(foldCodebook(base, a)).toEqual({ kind: 'apply' });
    // Held already (the event again, or the same change; the version number is each browser's).
    expect(foldCodebook({ ...annas, revision: { ...annas.revision!, number: 9 } }, a)).toEqual({
      kind: 'same',
    });
  });

  it('makes one conflict of two changes made on the same codebook, both codebooks kept', () => {
    const inAnnas = foldCodebook(annas, b);
    const inBos = foldCodebook(bos, a);
    if (inAnnas.kind !== 'conflict' || inBos.kind !== 'conflict') throw new Error('no conflict');
    expect(inAnnas.disagreement.id).toBe(inBos.disagreement.id);
    expect(inAnnas.disagreement.id).toBe(codebookDisagreementId('orsak', base));
    const codes = (d: typeof inAnnas.disagreement) =>
      disagreementSides(d).map((s) => [s.by, s.codebook?.categories.map((c) => c.code).join()]);
    expect(codes(inAnnas.disagreement)).toEqual([
      ['anna', 'H01,B11,X1'],
      ['bo', 'H01,B11,Y2'],
    ]);
    expect(codes(inBos.disagreement)).toEqual([
      ['bo', 'H01,B11,Y2'],
      ['anna', 'H01,B11,X1'],
    ]);
    // A third change on the same codebook joins the conflict as a side of its own.
    const c = change('cleo', '2026-12-05T10:00:09.000Z', base, withCode(base, 'Z3', 'cleo', 'x'));
    const third = foldCodebook(annas, c);
    if (third.kind !== 'conflict') throw new Error('no conflict');
    const merged = mergeDisagreement(inAnnas.disagreement, third.disagreement);
    expect(disagreementSides(merged).map((s) => s.by)).toEqual(['anna', 'bo', 'cleo']);
  });

  it('a resolve applies whatever this browser holds', () => {
    const id = codebookDisagreementId('orsak', base);
    const r = change('bo', '2026-12-05T11:00:00.000Z', bos, annas, [id]);
    expect(foldCodebook(bos, r)).toEqual({ kind: 'apply' });
    expect(foldCodebook(withCode(base, 'Q', 'x', 'y'), r)).toEqual({ kind: 'apply' });
    expect(foldCodebook(annas, r)).toEqual({ kind: 'same' });
  });

  it('reads a codebook event, and skips a broken one', () => {
    expect(readTeamEvent(a)).toEqual(a);
    expect(readTeamEvent({ ...a, base: { categories: 'all' } })).toBeNull();
    expect(readTeamEvent({ ...a, changes: [{ raw: 'x' }] })).toBeNull();
    expect(readTeamEvent({ ...a, resolves: [1] })).toBeNull();
  });
});

describe('a team setting (a variable’s suggestion profile)', () => {
  it('ends with the latest in every browser, whatever order the events arrive in', () => {
    const stamps: SettingStamp[] = [
      { at: '2026-12-05T10:00:00.000Z', event: 'ev:b' },
      { at: '2026-12-05T10:00:00.000Z', event: 'ev:a' },
      { at: '2026-12-05T09:00:00.000Z', event: 'ev:z' },
      { at: '2026-12-05T11:00:00.000Z', event: 'ev:c' },
    ];
    const fold = (order: SettingStamp[]) =>
      order.reduce<SettingStamp | undefined>(
        (held, e) => (settingWins(held, e) ? e : held),
        undefined,
      );
    const orders = [
      stamps,
      [...stamps].reverse(),
      [stamps[2]!, stamps[0]!, stamps[3]!, stamps[1]!],
    ];
    for (const o of orders) expect(fold(o)).toEqual(stamps[3]);
    // The same event again changes nothing.
    expect(settingWins(stamps[3], stamps[3]!)).toBe(false);
  });
});

describe('an import as a team event', () => {
  it('carries what was counted as plain JSON and reads back the same, also a raw value __proto__', () => {
    const c = new CellCounter();
    c.add('Missbruk;__proto__', 'Gävle');
    c.add('Missbruk', 'Åre');
    const counted = splitCounted('orsak', c.cells, { separators: [';'] }, c.emptyRows);
    const shared = JSON.parse(JSON.stringify(shareCounted(counted))) as SharedCounted;
    expect(readShared(shared)).toEqual(counted);
    const e = {
      _id: 'ev:x',
      type: EVENT_TYPE,
      v: 1,
      author: 'anna',
      at: '2026-12-05T10:00:00.000Z',
      kind: 'import',
      import: 'imp1',
      files: [{ name: 'Gävle.csv', rows: 2 }],
      variables: [shared],
    };
    expect(readTeamEvent(e)).not.toBeNull();
    expect(
      readTeamEvent({ ...e, variables: [{ ...shared, values: [['x', [['Gävle', '1']]]] }] }),
    ).toBeNull();
    expect(readTeamEvent({ ...e, import: 7 })).toBeNull();
  });
});
