import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../src/i18n';
import type { Codebook, RawValue } from '../../src/core/types';
import { buildRows, passesQuick, quickWords } from '../../src/ui/grid/rows';

const t = (key: MessageKey, p?: Record<string, string | number>) => translate('sv', key, p);

const codebook: Codebook = {
  format: 'kodbok/codebook',
  formatVersion: 1,
  id: 'cb',
  title: 'cb',
  version: '1',
  variable: 'orsak',
  categories: [
    { code: 'H', label: 'Hemmiljö', parent: null },
    { code: 'H04', label: 'Missbruk hos förälder', parent: 'H' },
    { code: 'B11', label: 'Eget missbruk', parent: null },
  ],
} as unknown as Codebook;

const value = (raw: string, over: Partial<RawValue> = {}): RawValue =>
  ({
    raw,
    frequency: 3,
    municipalities: 1,
    code: null,
    status: 'uncoded',
    codedBy: null,
    reviewedBy: null,
    note: '',
    updatedAt: null,
    combinations: null,
    firstImport: null,
    ...over,
  }) as RawValue;

describe('the search box (what the grid keeps for a search)', () => {
  const rows = buildRows(
    [
      value('Missbruk FÖRÄLDER', { code: 'H04', status: 'approved', reviewedBy: 'AL' }),
      value('  våld  i hemmet ', { note: 'fråga BN' }),
      value('Skolk'),
    ],
    new Map([['Skolk', [{ code: 'B11', score: 0.4, via: 'label: Eget missbruk' }]]]),
    codebook,
    t,
  );
  const keep = (q: string) => rows.filter((r) => passesQuick(r, quickWords(q))).map((r) => r.raw);

  it('keeps a row holding every word, in any case and order, as ag-grid’s quick filter did', () => {
    expect(keep('förälder missbruk')).toEqual(['Missbruk FÖRÄLDER']);
    expect(keep('MISSBRUK')).toEqual(['Missbruk FÖRÄLDER', 'Skolk']); // Skolk: its suggestion
    expect(keep('våld hemmet')).toEqual(['  våld  i hemmet ']);
  });

  it('searches the code, category, status, note and people, not only the raw value', () => {
    expect(keep('h04')).toEqual(['Missbruk FÖRÄLDER']);
    expect(keep('godkänd')).toEqual(['Missbruk FÖRÄLDER']);
    expect(keep('bn')).toEqual(['  våld  i hemmet ']);
    expect(keep('al')).toContain('Missbruk FÖRÄLDER');
  });

  it('keeps everything for an empty search or one of only spaces', () => {
    expect(quickWords('   ')).toEqual([]);
    expect(keep('')).toHaveLength(3);
    expect(keep('ingenting sådant')).toEqual([]);
  });
});
