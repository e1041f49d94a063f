// A researcher counts referrals per reason category, by municipality: every row is counted,
// rows without an approved code on a line of their own, multi-value cells under each code.
import { describe, expect, it } from 'vitest';
import {
  frequencyTable,
  observationsByYear,
  observationsInYear,
  yearsOfCells,
  type Observation,
} from '../../../src/core/export/frequencies';
import { CODEBOOK } from './fixtures';
import type { Codebook } from '../../../src/core/types';
import type { StoredCombination } from '../../../src/core/import-merge';

const codes = new Map([
  ['Missbruk förälder', 'H07'],
  ['missbruk eget', 'B11'],
  ['knark', 'B11'],
  ['__proto__', 'B15'],
]);
const obs = (by: string | null, atoms: string[], rows = 1): Observation => ({ by, atoms, rows });

describe('frequency tables', () => {
  it('counts rows per category with shares; uncoded and empty cells on the uncoded line', () => {
    const table = frequencyTable(
      [
        obs(null, ['Missbruk förälder']),
        obs(null, ['Missbruk förälder'], 2),
        obs(null, ['missbruk eget', 'knark']), // two values, one category: counted once
        obs(null, ['okänt']),
        obs(null, []),
        obs(null, ['__proto__']),
      ],
      { codebook: CODEBOOK, codes, uncodedLabel: '(utan godkänd kod)' },
    );
    expect(table.headers).toEqual(['code', 'label', 'rows', 'share', 'group_code', 'group_label']);
    expect(table.rows).toEqual([
      ['H07', 'Skadligt bruk hos förälder', 3, 3 / 7, 'HEM', 'Hemmiljö'],
      ['B11', 'Skadligt bruk och beroende', 1, 1 / 7, 'BRN', 'Barnets eget beteende'],
      ['B15', 'Skolproblematik', 1, 1 / 7, 'BRN', 'Barnets eget beteende'],
      ['', '(utan godkänd kod)', 2, 2 / 7, '', ''],
    ]);
  });

  it('counts a partly coded cell under its code and under the uncoded line', () => {
    const table = frequencyTable([obs(null, ['Missbruk förälder', 'okänt'])], {
      codebook: CODEBOOK,
      codes,
    });
    expect(table.rows.filter((r) => r[2] !== 0).map((r) => [r[0], r[2], r[3]])).toEqual([
      ['H07', 1, 1],
      ['', 1, 1],
    ]);
  });

  it('gives every municipality every category, zeros included, in Swedish order', () => {
    const table = frequencyTable(
      [obs('Örebro', ['knark']), obs('Åre', ['Missbruk förälder']), obs('Ale', ['okänt'], 4)],
      { codebook: CODEBOOK, codes, byName: 'kommun' },
    );
    expect(table.headers[0]).toBe('kommun');
    expect(table.rows).toHaveLength(3 * 4);
    expect([...new Set(table.rows.map((r) => r[0]))]).toEqual(['Ale', 'Åre', 'Örebro']);
    expect(table.rows.filter((r) => r[0] === 'Ale').map((r) => [r[1], r[3], r[4]])).toEqual([
      ['H07', 0, 0],
      ['B11', 0, 0],
      ['B15', 0, 0],
      ['', 4, 1],
    ]);
  });

  it('counts another codebook’s codes through the crosswalk; categories without one are uncoded', () => {
    const table = frequencyTable([obs(null, ['Missbruk förälder']), obs(null, ['__proto__'])], {
      codebook: CODEBOOK,
      codes,
      crosswalk: 'skr-basinformation',
    });
    expect(table.rows.map((r) => [r[0], r[2]])).toEqual([
      ['SKR-4', 1],
      ['SKR-9', 0],
      ['', 1],
    ]);
    // Labels as the other codebook is seen from ours (its codes); no group has a code there.
    expect(table.rows.map((r) => [r[1], r[4], r[5]])).toEqual([
      ['SKR-4', '', ''],
      ['SKR-9', '', ''],
      ['', '', ''],
    ]);
  });

  it('through a crosswalk, counts several of our categories with one code there on one line, in its group', () => {
    const book: Codebook = {
      id: 'b',
      variable: 'v',
      categories: [
        { code: 'G', label: 'Hemmet', parent: null, crosswalk: { skr: 'Hem' } },
        { code: 'A', label: 'A', parent: 'G', crosswalk: { skr: 'Omsorg' } },
        { code: 'B', label: 'B', parent: 'G', crosswalk: { skr: 'Omsorg' } },
      ],
    };
    const table = frequencyTable([obs(null, ['a', 'b']), obs(null, ['b'])], {
      codebook: book,
      codes: new Map([
        ['a', 'A'],
        ['b', 'B'],
      ]),
      crosswalk: 'skr',
    });
    // A row with an A and a B value counts once under their one code.
    expect(table.rows).toEqual([
      ['Omsorg', 'Omsorg', 2, 1, 'Hem', 'Hem'],
      ['', '', 0, 0, '', ''],
    ]);
  });

  it('counts each category per year from the stored cells; rows without a year on lines of their own (issue 10 item 2)', () => {
    const table = frequencyTable(
      observationsByYear([
        {
          cell: 'Missbruk förälder',
          atoms: ['Missbruk förälder'],
          rows: 4,
          municipalities: 2,
          munis: [
            ['Gävle', 3],
            ['Åre', 1],
          ],
          years: [
            [2022, [['Gävle', 1]]],
            [
              2023,
              [
                ['Gävle', 1],
                ['Åre', 1],
              ],
            ],
          ],
        },
        { cell: 'knark', atoms: ['knark'], rows: 1, municipalities: 1, munis: [['Umeå', 1]] },
      ]),
      { codebook: CODEBOOK, codes, byName: 'year' },
    );
    expect(table.headers[0]).toBe('year');
    const nonZero = table.rows.filter((r) => r[3] !== 0).map((r) => [r[0], r[1], r[3]]);
    expect(nonZero).toEqual([
      ['', 'H07', 1],
      ['', 'B11', 1],
      ['2022', 'H07', 1],
      ['2023', 'H07', 2],
    ]);
  });

  it('gives the observations of one year, or of the rows without one, by municipality (the overview per year)', () => {
    const cells: StoredCombination[] = [
      {
        cell: 'A',
        atoms: ['A'],
        rows: 6,
        municipalities: 2,
        munis: [
          ['Gävle', 3],
          ['Åre', 2],
        ],
        years: [
          [2022, [['Gävle', 1]]],
          [
            2023,
            [
              ['Gävle', 2],
              ['Åre', 1],
            ],
          ],
        ],
      },
      { cell: 'B', atoms: ['B'], rows: 1, municipalities: 1, munis: [['Umeå', 1]] },
    ];
    expect(yearsOfCells(cells)).toEqual({ years: [2022, 2023], noYear: true });
    expect([...observationsInYear(cells, 2023, true)]).toEqual([
      { by: 'Gävle', atoms: ['A'], rows: 2 },
      { by: 'Åre', atoms: ['A'], rows: 1 },
    ]);
    expect([...observationsInYear(cells, 2023, false)]).toEqual([
      { by: null, atoms: ['A'], rows: 3 },
    ]);
    // Without a year: Åre's one row of A, Umeå's B, and A's row counted before municipalities.
    expect([...observationsInYear(cells, null, true)]).toEqual([
      { by: 'Åre', atoms: ['A'], rows: 1 },
      { by: '', atoms: ['A'], rows: 1 },
      { by: 'Umeå', atoms: ['B'], rows: 1 },
    ]);
    // Every row is in exactly one year or in none.
    const all = (year: number | null) =>
      [...observationsInYear(cells, year, false)].reduce((n, o) => n + o.rows, 0);
    expect(all(2022) + all(2023) + all(null)).toBe(7);
  });
});
