import { describe, expect, it } from 'vitest';
import { CellCounter, splitCounted } from '../../src/core/import-count';
import {
  readYear,
  subtractYearPairs,
  addYearPairs,
  withoutYear,
  yearFromFileName,
  yearTable,
} from '../../src/core/year';

// A row's year, from a year or date column or a file's name (issue 10 item 2: counts per
// municipality and year).

describe('reading the year of a cell', () => {
  it('reads a year, ISO dates and times, compact and day- or month-first dates', () => {
    for (const [cell, year] of [
      ['2023', 2023],
      [' 2023 ', 2023],
      ['2023-05-01', 2023],
      ['2023-05-01 13:45', 2023],
      ['2023-05-01T13:45:00Z', 2023],
      ['2023-5-1', 2023],
      ['2023/05/01', 2023],
      ['2023-05', 2023],
      ['20230501', 2023],
      ['1.5.2023', 2023],
      ['01/05/2023', 2023],
      ['12/31/2022', 2022],
    ] as const)
      expect(readYear(cell), cell).toBe(year);
  });

  it('reads no year from text, empty cells, impossible dates and years out of range', () => {
    for (const cell of [
      '',
      '  ',
      'okänt',
      '23',
      '2023-13-01',
      '2023-02-32',
      '20231301',
      '45047',
      '1850',
      '2150-01-01',
      '31/13/2023',
      '2023 och 2024',
    ])
      expect(readYear(cell), cell).toBeNull();
  });

  it('finds a year 1990–2100 in a file name, not a municipality code', () => {
    expect(yearFromFileName('orebro_2023.xlsx')).toBe(2023);
    expect(yearFromFileName('2024 Gävle.csv')).toBe(2024);
    expect(yearFromFileName('C:\\data\\2022\\umea-2021.csv')).toBe(2021);
    expect(yearFromFileName('0180_stockholm.csv')).toBeNull();
    expect(yearFromFileName('Gävle.csv')).toBeNull();
    expect(yearFromFileName('x20235.csv')).toBeNull();
  });

  it('takes the year out of a municipality named after its file', () => {
    expect(withoutYear('orebro_2023', 2023)).toBe('orebro');
    expect(withoutYear('2024 Gävle', 2024)).toBe('Gävle');
    expect(withoutYear('Umeå - 2021 - utdrag', 2021)).toBe('Umeå - utdrag');
    expect(withoutYear('2023', 2023)).toBe('2023');
    expect(withoutYear('Gävle', null)).toBe('Gävle');
  });
});

describe('counts per municipality and year', () => {
  it('counts only rows with a year in the year detail; the rest are "no year"', () => {
    const c = new CellCounter();
    c.add('A;B', 'Gävle', 1, 2022);
    c.add('A', 'Gävle', 2, 2023);
    c.add('A', 'Åre', 1, null);
    c.add('A', 'Åre', 1, 2023);
    const counted = splitCounted('orsak', c.cells, { separators: [';'] }, 0, c.years);
    const a = counted.years?.values.get('A');
    expect([...(a ?? [])].map(([y, t]) => [y, [...t]])).toEqual([
      [2022, [['Gävle', 1]]],
      [
        2023,
        [
          ['Gävle', 2],
          ['Åre', 1],
        ],
      ],
    ]);
    const table = yearTable([...(counted.values.get('A') ?? [])], addYearPairs(undefined, a));
    expect(table.years).toEqual([2022, 2023]);
    expect(table.lines).toEqual([
      { municipality: 'Gävle', byYear: [1, 2], noYear: 0, rows: 3 },
      { municipality: 'Åre', byYear: [0, 1], noYear: 1, rows: 2 },
    ]);
    expect(table).toMatchObject({ byYear: [1, 3], noYear: 1, rows: 5 });
  });

  it('without any year the counted variable has no year detail', () => {
    const c = new CellCounter();
    c.add('A', 'Gävle');
    expect(splitCounted('orsak', c.cells, { separators: [] }, 0, c.years).years).toBeUndefined();
  });

  it('subtracting what was added leaves nothing, years ascending', () => {
    const add = new Map([
      [2024, new Map([['Gävle', 2]])],
      [2021, new Map([['Åre', 1]])],
    ]);
    const both = addYearPairs([[2022, [['Gävle', 1]]]], add);
    expect(both.map(([y]) => y)).toEqual([2021, 2022, 2024]);
    expect(subtractYearPairs(both, addYearPairs(undefined, add))).toEqual([[2022, [['Gävle', 1]]]]);
  });
});
