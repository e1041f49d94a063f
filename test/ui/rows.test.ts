// The grid's rows (src/ui/grid/rows.ts): a value found to name several reasons after its
// suggestions arrived gets its marker, though its suggestions did not change (issue 12 item 6).
import { describe, expect, it } from 'vitest';
import { newRawValue } from '../../src/core/decide';
import type { CombinedPart } from '../../src/core/suggest/combined';
import type { RawValue, Suggestion } from '../../src/core/types';
import { translate } from '../../src/i18n';
import { buildRows } from '../../src/ui/grid/rows';
import type { T } from '../../src/ui/i18n';
import { reasons } from '../core/suggest/codebooks';

const t: T = (key, params) => translate('en', key, params);

const value = (raw: string): RawValue => newRawValue(reasons.variable, raw, 1, 1);

describe('grid rows of probably combined values', () => {
  it('mark a value when its parts arrive after its suggestions, and unmark it when they go', () => {
    const values = [value('Eget missbruk, kriminalitet'), value('Skolk')];
    const suggestions = new Map<string, readonly Suggestion[]>([
      ['Eget missbruk, kriminalitet', [{ code: 'B11', score: 0.7, via: 'label: x' }]],
      ['Skolk', [{ code: 'B14', score: 0.9, via: 'label: y' }]],
    ]);
    const before = buildRows(values, suggestions, reasons, t);
    expect(before.map((r) => r.combined)).toEqual(['', '']);
    const parts: CombinedPart[] = [
      { text: 'Eget missbruk', suggestion: { code: 'B11', score: 1, via: 'label: a' } },
      { text: 'kriminalitet', suggestion: { code: 'B12', score: 1, via: 'label: b' } },
    ];
    const combined = new Map([['Eget missbruk, kriminalitet', parts]]);
    const after = buildRows(values, suggestions, reasons, t, null, null, combined);
    expect(after.map((r) => r.combined)).toEqual(['2 parts?', '']);
    // The unchanged row is the same object: the grid redraws only the marked one.
    expect(after[1]).toBe(before[1]);
    const gone = buildRows(values, suggestions, reasons, t, null, null, new Map());
    expect(gone.map((r) => r.combined)).toEqual(['', '']);
  });
});
