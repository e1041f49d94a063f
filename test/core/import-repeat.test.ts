import { describe, expect, it } from 'vitest';
import { findRepeats, type EarlierImport } from '../../src/core/import-repeat';

// A file whose content the project already has is recognised by its bytes' hash, whatever its
// name; an undone import no longer counts, and records made before hashes were kept never match.

const imports: EarlierImport[] = [
  {
    id: 'i2',
    at: '2026-12-02T10:00:00.000Z',
    undone: null,
    files: [{ name: 'Gävle-igen.csv', sha256: 'aa' }],
  },
  {
    id: 'i1',
    at: '2026-12-01T10:00:00.000Z',
    undone: null,
    files: [{ name: 'Gävle.csv', sha256: 'aa' }, { name: 'gammal.csv' }],
  },
  {
    id: 'i3',
    at: '2026-12-03T10:00:00.000Z',
    undone: { at: '2026-12-03T11:00:00.000Z', by: 'AL' },
    files: [{ name: 'Umeå.csv', sha256: 'bb' }],
  },
];

describe('files imported before', () => {
  it('names the earliest import not undone that holds the same bytes, under any name', () => {
    const out = findRepeats(
      [
        { id: 'x', sha256: 'aa' },
        { id: 'y', sha256: 'bb' },
        { id: 'z', sha256: 'cc' },
        { id: 'w', sha256: null },
      ],
      imports,
    );
    expect([...out]).toEqual([
      ['x', { import: 'i1', at: '2026-12-01T10:00:00.000Z', name: 'Gävle.csv' }],
    ]);
  });

  it('never matches a record without a hash (imports stored before hashes were kept)', () => {
    expect(findRepeats([{ id: 'x', sha256: 'undefined' }], imports).size).toBe(0);
  });
});
