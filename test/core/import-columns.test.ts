import { describe, expect, it } from 'vitest';
import {
  fitMapping,
  guessColumns,
  columnTargets,
  headerSignature,
  mappingProblem,
  retarget,
  municipalityFromFileName,
  parseCount,
} from '../../src/core/import-columns';

const variables = [
  { id: 'aktualiseringsorsak', label: 'Aktualiseringsorsak' },
  { id: 'åtgärd', label: 'Åtgärd' },
  { id: 'kön', label: 'Kön' },
  { id: 'aktualiseringstyp', label: 'Aktualiseringstyp' },
];

describe('which column holds what', () => {
  it('guesses a row-level file from its header: variables by id, label or alias, and the municipality', () => {
    const m = guessColumns(['Kommun', 'Kön', 'Typ', 'Orsak', 'Atgard', 'Anteckning'], variables);
    expect(m).toEqual({
      shape: 'rows',
      variables: [
        [1, 'kön'],
        [2, 'aktualiseringstyp'],
        [3, 'aktualiseringsorsak'],
        [4, 'åtgärd'],
      ],
      municipality: 0,
      count: null,
    });
  });

  it('guesses a frequency list: one value column and a count column', () => {
    expect(guessColumns(['kommun', 'orsak', 'antal'], variables)).toEqual({
      shape: 'frequencies',
      variables: [[1, 'aktualiseringsorsak']],
      municipality: 0,
      count: 2,
    });
  });

  it('guesses a year or date column, which the user can move or take away (issue 10 item 2)', () => {
    const m = guessColumns(['Aktualiseringsdatum', 'kommun', 'orsak'], variables);
    expect(m).toEqual({
      shape: 'rows',
      variables: [[2, 'aktualiseringsorsak']],
      municipality: 1,
      count: null,
      year: 0,
    });
    expect(columnTargets(m, 3)[0]).toEqual({ kind: 'year' });
    // One year column: choosing another moves it; skipping it leaves none.
    const moved = retarget(m, 3, 1, { kind: 'year' });
    expect([moved.year, moved.municipality]).toEqual([1, null]);
    expect(retarget(m, 3, 0, { kind: 'skip' }).year).toBeUndefined();
    expect(mappingProblem({ ...m, year: 2 }, ['a', 'b', 'c'])).toBe('column-twice');
    expect(mappingProblem({ ...m, year: 7 }, ['a', 'b', 'c'])).toBe('column-missing');
    // A mapping remembered before years were kept has no year column: still usable.
    expect(guessColumns(['kommun', 'orsak', 'ålder'], variables).year).toBeUndefined();
  });

  it('says why a mapping cannot be used', () => {
    const headers = ['a', 'b', 'c'];
    const base = {
      shape: 'rows' as const,
      variables: [[0, 'x']] as [number, string][],
      municipality: null,
      count: null,
    };
    expect(mappingProblem(base, headers)).toBeNull();
    expect(mappingProblem({ ...base, variables: [] }, headers)).toBe('no-variable');
    expect(mappingProblem({ ...base, variables: [[5, 'x']] }, headers)).toBe('column-missing');
    expect(mappingProblem({ ...base, municipality: 0 }, headers)).toBe('column-twice');
    expect(mappingProblem({ ...base, shape: 'frequencies' }, headers)).toBe('no-count');
    expect(
      mappingProblem(
        {
          ...base,
          shape: 'frequencies',
          count: 1,
          variables: [
            [0, 'x'],
            [2, 'y'],
          ],
        },
        headers,
      ),
    ).toBe('one-variable');
  });

  it('fits a remembered mapping to the project: variables it does not have are dropped', () => {
    const remembered = {
      shape: 'rows' as const,
      variables: [
        [0, 'kön'],
        [1, 'gammal'],
      ] as [number, string][],
      municipality: null,
      count: null,
    };
    expect(fitMapping(remembered, ['kön', 'x'], new Set(['kön']), false)?.variables).toEqual([
      [0, 'kön'],
    ]);
    expect(fitMapping(remembered, ['kön', 'x'], new Set(), false)).toBeNull();
  });

  it('reads counts as whole numbers only, Swedish digit groups included', () => {
    expect(parseCount('12')).toBe(12);
    expect(parseCount(' 1 234 ')).toBe(1234);
    expect(parseCount('1\u00a0234')).toBe(1234);
    for (const bad of ['', '1,5', '1.5', '-3', 'tolv', '1e5', '0x10'])
      expect(parseCount(bad)).toBeNull();
  });

  it('names a file’s municipality after the file, and keys headers exactly', () => {
    expect(municipalityFromFileName('Gävle.csv')).toBe('Gävle');
    expect(municipalityFromFileName('C:\\data\\Upplands Väsby 2024.xlsx')).toBe(
      'Upplands Väsby 2024',
    );
    expect(municipalityFromFileName('.csv')).toBe('.csv');
    expect(headerSignature(['__proto__', ' a'])).toBe('["__proto__"," a"]');
  });
});
