import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newRawValue } from '../../src/core/decide';
import {
  CellCounter,
  splitCounted,
  valueCounts,
  type CountedVariable,
} from '../../src/core/import-count';
import {
  decidedSince,
  isNewValue,
  mergeImport,
  reviewImport,
  undoImportPart,
  type ImportPart,
  type StoredCombination,
  type StoredTally,
} from '../../src/core/import-merge';
import type { RawValue, SplitConfig } from '../../src/core/types';
import { yearsFromPairs } from '../../src/core/year';

// An in-memory project variable: what the db stores, merged and unmerged with the pure functions.
interface State {
  values: Map<string, RawValue>;
  tallies: Map<string, StoredTally>;
  combinations: Map<string, StoredCombination>;
}
const empty = (): State => ({ values: new Map(), tallies: new Map(), combinations: new Map() });

function count(
  rows: [string, string][],
  split: SplitConfig = { separators: [';'] },
): CountedVariable {
  const c = new CellCounter();
  for (const [cell, m] of rows) c.add(cell, m);
  return splitCounted('orsak', c.cells, split, c.emptyRows);
}

function merge(state: State, importId: string, incoming: CountedVariable): ImportPart {
  const out = mergeImport({ importId, incoming, ...state });
  for (const v of out.values) state.values.set(v.raw, v);
  for (const t of out.tallies) state.tallies.set(t.raw, t);
  for (const c of out.combinations) state.combinations.set(c.cell, c);
  return out.part;
}

function undo(state: State, part: ImportPart): void {
  const out = undoImportPart({ part, ...state });
  for (const raw of out.deleteValues) state.values.delete(raw);
  for (const v of out.putValues) state.values.set(v.raw, v);
  for (const raw of out.deleteTallies) state.tallies.delete(raw);
  for (const t of out.putTallies) state.tallies.set(t.raw, t);
  for (const cell of out.deleteCombinations) state.combinations.delete(cell);
  for (const c of out.putCombinations) state.combinations.set(c.cell, c);
}

const snapshot = (s: State) => ({
  values: new Map(s.values),
  tallies: new Map(s.tallies),
  combinations: new Map(s.combinations),
});

describe('merging an import into a project', () => {
  it('adds new values uncoded and marked with the import', () => {
    const s = empty();
    merge(
      s,
      'i1',
      count([
        ['A;B', 'Gävle'],
        ['A', 'Åre'],
      ]),
    );
    expect(s.values.get('A')).toMatchObject({
      frequency: 2,
      municipalities: 2,
      combinations: 2,
      status: 'uncoded',
      firstImport: 'i1',
    });
    expect(isNewValue(s.values.get('A') as RawValue, 'i1')).toBe(true);
    expect(s.combinations.get('A;B')).toMatchObject({
      atoms: ['A', 'B'],
      rows: 1,
      municipalities: 1,
    });
  });

  it('keeps every decision and note, and counts a municipality that sends again once', () => {
    const s = empty();
    merge(
      s,
      'i1',
      count([
        ['A', 'Gävle'],
        ['A', 'Gävle'],
      ]),
    );
    const approved: RawValue = {
      ...(s.values.get('A') as RawValue),
      code: 'H07',
      status: 'approved',
      codedBy: 'anna',
      reviewedBy: 'erik',
      note: 'VH',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    s.values.set('A', approved);
    const incoming = count([
      ['A', 'Gävle'],
      ['A;C', 'Umeå'],
    ]);
    expect(reviewImport(incoming, s.values)).toMatchObject({
      known: 1,
      approved: 1,
      added: 1,
      approvedRows: 1,
    });
    const out = mergeImport({ importId: 'i2', incoming, ...s });
    expect(out).toMatchObject({ added: 1, merged: 1, approved: 1 });
    merge(s, 'i2', incoming);
    expect(s.values.get('A')).toEqual({
      ...approved,
      frequency: 4,
      municipalities: 2,
      combinations: 2,
    });
    expect(s.values.get('C')).toMatchObject({ firstImport: 'i2', status: 'uncoded' });
  });

  it('undoes an import exactly, and refuses while a value it added has been decided on', () => {
    const s = empty();
    merge(
      s,
      'i1',
      count([
        ['A;B', 'Gävle'],
        ['A', 'Åre'],
      ]),
    );
    const before = snapshot(s);
    const part = merge(
      s,
      'i2',
      count([
        ['A;B', 'Gävle'],
        ['C', 'Umeå'],
        ['A', 'Kiruna'],
      ]),
    );
    expect(decidedSince(part, s.values)).toEqual([]);
    s.values.set('C', { ...(s.values.get('C') as RawValue), code: 'H01', status: 'coded' });
    expect(decidedSince(part, s.values).map((v) => v.raw)).toEqual(['C']);
    s.values.set('C', { ...(s.values.get('C') as RawValue), code: null, status: 'uncoded' });
    undo(s, part);
    expect(s).toEqual(before);
  });

  it('values counted before municipalities were kept: the count after a merge is a lower bound', () => {
    const s = empty();
    s.values.set('A', newRawValue('orsak', 'A', 10, 3));
    merge(s, 'i1', count([['A', 'Gävle']]));
    expect(s.values.get('A')).toMatchObject({
      frequency: 11,
      municipalities: 3,
      combinations: null,
    });
    expect(s.tallies.get('A')).toMatchObject({ baseRows: 10, baseMunicipalities: 3 });
  });

  it('a cell split differently in a later import holds its new values (and undo restores the old)', () => {
    const s = empty();
    merge(
      s,
      'i1',
      count(
        [
          ['X – Y', 'Gävle'],
          ['X', 'Åre'],
        ],
        { separators: [' – '] },
      ),
    );
    expect(s.values.get('X')?.combinations).toBe(2);
    const before = snapshot(s);
    const part = merge(
      s,
      'i2',
      count([['X – Y', 'Umeå']], { separators: [' – '], protect: ['X – Y'] }),
    );
    expect(s.combinations.get('X – Y')?.atoms).toEqual(['X – Y']);
    expect(s.values.get('X')?.combinations).toBe(1);
    expect(s.values.get('X – Y')?.combinations).toBe(1);
    undo(s, part);
    expect(s).toEqual(before);
  });

  it('property: any sequence of imports equals counting all their rows at once, and undoing in reverse restores each state', () => {
    const cell = fc.constantFrom('A', 'B', 'A;B', 'B; C', '__proto__', ' ', 'C;A;B');
    const muni = fc.constantFrom('Gävle', 'Åre', 'Umeå');
    const file = fc.array(fc.tuple(cell, muni), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(file, { minLength: 1, maxLength: 5 }), (files) => {
        const s = empty();
        const states = [snapshot(s)];
        const parts: ImportPart[] = [];
        files.forEach((rows, i) => {
          parts.push(merge(s, `i${i}`, count(rows)));
          states.push(snapshot(s));
        });
        const all = valueCounts(count(files.flat()));
        expect(s.values.size).toBe(all.size);
        for (const [raw, c] of all) expect(s.values.get(raw)).toMatchObject(c);
        for (let i = parts.length - 1; i >= 0; i--) {
          undo(s, parts[i] as ImportPart);
          expect(s).toEqual(states[i]);
        }
      }),
    );
  });

  it('property: with years, any sequence of imports keeps per value and cell the rows per municipality and year that a full recount gives, and undoing in reverse restores each state', () => {
    const cell = fc.constantFrom('A', 'B', 'A;B', 'B; C', '__proto__', ' ', 'C;A;B');
    const muni = fc.constantFrom('Gävle', 'Åre', 'Umeå');
    const year = fc.option(fc.constantFrom(2021, 2022, 2023), { nil: null });
    const file = fc.array(fc.tuple(cell, muni, year), { minLength: 1, maxLength: 12 });
    const countYears = (rows: [string, string, number | null][]) => {
      const c = new CellCounter();
      for (const [x, m, y] of rows) c.add(x, m, 1, y);
      return splitCounted('orsak', c.cells, { separators: [';'] }, c.emptyRows, c.years);
    };
    fc.assert(
      fc.property(fc.array(file, { minLength: 1, maxLength: 5 }), (files) => {
        const s = empty();
        const states = [snapshot(s)];
        const parts: ImportPart[] = [];
        files.forEach((rows, i) => {
          parts.push(merge(s, `i${i}`, countYears(rows)));
          states.push(snapshot(s));
        });
        const all = countYears(files.flat());
        expect(s.values.size).toBe(all.values.size);
        for (const [raw, tally] of all.values) {
          const stored = s.tallies.get(raw);
          expect(new Map(stored?.munis)).toEqual(tally);
          expect(yearsFromPairs(stored?.years)).toEqual(all.years?.values.get(raw) ?? new Map());
        }
        for (const [c, { tally }] of all.cells) {
          const stored = s.combinations.get(c);
          expect(new Map(stored?.munis)).toEqual(tally);
          expect(yearsFromPairs(stored?.years)).toEqual(all.years?.cells.get(c) ?? new Map());
        }
        for (let i = parts.length - 1; i >= 0; i--) {
          undo(s, parts[i] as ImportPart);
          expect(s).toEqual(states[i]);
        }
      }),
    );
  });
});
