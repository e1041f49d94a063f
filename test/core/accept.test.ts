import { describe, expect, it } from 'vitest';
import { previewAcceptAbove } from '../../src/core/accept';
import { newRawValue } from '../../src/core/decide';

describe('accept all suggestions above a threshold', () => {
  const values = [
    newRawValue('v', 'a', 100, 1),
    newRawValue('v', 'b', 10, 1),
    { ...newRawValue('v', 'c', 50, 1), code: 'X', status: 'approved' as const },
    newRawValue('v', 'd', 1, 1),
  ];
  const suggestions = new Map([
    ['a', [{ code: 'H01', score: 0.95, via: 'label: x' }]],
    ['b', [{ code: 'H02', score: 0.7, via: 'label: y' }]],
    ['c', [{ code: 'H03', score: 0.99, via: 'label: z' }]],
  ]);

  it('previews how many values and rows it would code, never touching decided values', () => {
    expect(previewAcceptAbove(values, suggestions, 0.9)).toEqual({ raws: ['a'], rows: 100 });
    expect(previewAcceptAbove(values, suggestions, 0.5)).toEqual({ raws: ['a', 'b'], rows: 110 });
    expect(previewAcceptAbove(values, suggestions, 1)).toEqual({ raws: [], rows: 0 });
  });
});
