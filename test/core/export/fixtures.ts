// A codebook and a mapping the export tests share: groups, a crosswalk, every status, a
// formula-like raw value and `__proto__`.
import type { MappingFile } from '../../../src/core/formats/mapping';
import type { StoredCombination } from '../../../src/core/import-merge';
import type { Codebook, Status } from '../../../src/core/types';

export const CODEBOOK: Codebook = {
  id: 'nuso-orsak',
  title: 'Aktualiseringsorsaker',
  version: '2025.1',
  variable: 'aktualiseringsorsak',
  categories: [
    { code: 'HEM', label: 'Hemmiljö', parent: null },
    {
      code: 'H07',
      label: 'Skadligt bruk hos förälder',
      parent: 'HEM',
      definition: 'Förälderns <missbruk> & beroende',
      include: 'alkohol, droger',
      exclude: 'barnets eget bruk',
      synonyms: ['missbruk förälder'],
      crosswalk: { 'skr-basinformation': 'SKR-4' },
    },
    { code: 'BRN', label: 'Barnets eget beteende', parent: null },
    {
      code: 'B11',
      label: 'Skadligt bruk och beroende',
      parent: 'BRN',
      crosswalk: { 'skr-basinformation': 'SKR-9' },
    },
    { code: 'B15', label: 'Skolproblematik', parent: 'BRN' },
  ],
};

export const MAPPING: MappingFile = {
  variable: 'aktualiseringsorsak',
  codebook: { id: 'nuso-orsak', version: '2025.1' },
  exportedAt: '2026-11-23T10:00:00Z',
  split: { separators: [';'] },
  entries: [
    {
      raw: 'Missbruk förälder',
      code: 'H07',
      status: 'approved',
      frequency: 120,
      municipalities: 14,
      codedBy: 'anna',
      reviewedBy: 'erik',
      updatedAt: '2026-11-20T09:12:00Z',
      note: 'VH',
    },
    { raw: '=1+1', code: 'B11', status: 'coded', frequency: 3, codedBy: 'anna' },
    { raw: 'skolk', code: 'B15', status: 'suggested', frequency: 2, score: 0.8123456 },
    { raw: 'Hemmiljö: missbruk', code: 'B11', status: 'rejected', frequency: 1, note: 'fel ägare' },
    { raw: '__proto__', code: 'B15', status: 'flagged', frequency: 1 },
  ],
};

/** A value as the charts and coverage read it. */
export const countedValue = (
  raw: string,
  frequency: number,
  status: Status,
  code: string | null = null,
) => ({ raw, frequency, status, code });

/** A stored cell with its rows per municipality. */
export const storedCell = (atoms: string[], munis: [string, number][]): StoredCombination => ({
  cell: atoms.join('; '),
  atoms,
  rows: munis.reduce((n, [, r]) => n + r, 0),
  municipalities: munis.length,
  munis,
});
