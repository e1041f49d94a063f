// Where each value comes from (issue 10 item 2): a long table, one row per value,
// municipality and year, for R, Stata or Excel.
import { describe, expect, it } from 'vitest';
import { sourcesTable } from '../../../src/core/export/sources';
import { CODEBOOK } from './fixtures';

const words = { status: (s: string) => `<${s}>` };

describe('the sources table', () => {
  it('has a row per value, municipality and year; rows without a year or municipality on rows of their own', () => {
    const table = sourcesTable(
      [
        { raw: 'Missbruk förälder', code: 'H07', status: 'approved' },
        { raw: '__proto__', code: null, status: 'uncoded' },
      ],
      [
        {
          raw: '__proto__',
          munis: [['Åre', 1]],
          baseRows: 0,
          baseMunicipalities: 0,
        },
        {
          raw: 'Missbruk förälder',
          munis: [
            ['Gävle', 3],
            ['Umeå', 1],
          ],
          baseRows: 2,
          baseMunicipalities: 1,
          years: [
            [2022, [['Gävle', 1]]],
            [2023, [['Gävle', 2]]],
          ],
        },
      ],
      CODEBOOK,
      { words },
    );
    expect(table.headers).toEqual([
      'raw',
      'code',
      'label',
      'status',
      'status_code',
      'municipality',
      'year',
      'rows',
    ]);
    const approved = [
      'Missbruk förälder',
      'H07',
      'Skadligt bruk hos förälder',
      '<approved>',
      'approved',
    ];
    expect(table.rows).toEqual([
      [...approved, 'Gävle', 2022, 1],
      [...approved, 'Gävle', 2023, 2],
      [...approved, 'Umeå', '', 1],
      [...approved, '', '', 2],
      ['__proto__', '', '', '<uncoded>', 'uncoded', 'Åre', '', 1],
    ]);
  });
});
