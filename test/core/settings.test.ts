import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyView, readColumnMapping, readLanguage, readView } from '../../src/core/settings';
import { STATUSES } from '../../src/core/types';

// Issue 13 item 2: no stored setting can break a screen. Each setting has a reader that repairs
// what is stored to valid types, its default at worst.

describe('reading a stored grid view', () => {
  it('repairs the view that blanked the app (`e.toUpperCase is not a function`)', () => {
    const view = readView({
      quick: { x: 1 },
      statuses: 7,
      sortModel: 5,
      clusterOut: 3,
      filterModel: [1],
      category: 4,
      cluster: {},
      onlyNew: 1,
    });
    expect(view).toEqual(emptyView);
  });

  it('keeps a view the grid stored, exactly', () => {
    const stored = {
      quick: 'bruk',
      statuses: ['coded', 'approved'],
      category: '',
      filterModel: {
        raw: {
          filterType: 'text',
          operator: 'OR',
          conditions: [
            { filterType: 'text', type: 'contains', filter: 'a' },
            { filterType: 'text', type: 'contains', filter: 'b' },
          ],
        },
        frequency: { filterType: 'number', type: 'greaterThan', filter: 5 },
      },
      sortModel: [{ colId: 'frequency', sort: 'desc', sortIndex: null }],
      cluster: 'key',
      clusterOut: ['x'],
      onlyNew: true,
    };
    expect(readView(stored)).toEqual(stored);
    expect(readView(undefined)).toEqual(emptyView);
  });

  it('gives valid types for any JSON whatsoever, and repairs to a fixed point', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        for (const stored of [a, { quick: a, statuses: b, sortModel: a, filterModel: b }]) {
          const view = readView(stored);
          expect(typeof view.quick).toBe('string');
          expect(view.statuses.every((s) => STATUSES.includes(s))).toBe(true);
          expect(view.category === null || typeof view.category === 'string').toBe(true);
          expect(view.sortModel === null || Array.isArray(view.sortModel)).toBe(true);
          expect(readView(JSON.parse(JSON.stringify(view)))).toEqual(view);
        }
      }),
    );
  });

  it('reads the language as Swedish unless English is stored', () => {
    expect([readLanguage('en'), readLanguage('xx'), readLanguage(5)]).toEqual(['en', 'sv', 'sv']);
  });
});

describe('reading remembered import columns', () => {
  it('keeps a stored choice and drops what is not one', () => {
    const stored = { shape: 'rows', variables: [[1, 'orsak']], municipality: 0, count: null };
    expect(readColumnMapping(stored)).toEqual(stored);
    expect(
      readColumnMapping({
        shape: 'rows',
        variables: [[1, 'orsak'], ['x', 2], 5],
        municipality: -1,
      }),
    ).toEqual({ shape: 'rows', variables: [[1, 'orsak']], municipality: null, count: null });
    expect(readColumnMapping({ shape: 'table', variables: [] })).toBeNull();
    expect(readColumnMapping('x')).toBeNull();
  });
});
