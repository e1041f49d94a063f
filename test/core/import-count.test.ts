import { describe, expect, it } from 'vitest';
import { ValueCounter } from '../../src/core/count';
import { demoCounted } from '../../src/core/demo/counted';
import { demoColumn, demoVariableValues, generateDemo } from '../../src/core/demo/generate';
import {
  CellCounter,
  mergeCells,
  splitCounted,
  tallyRows,
  valueCounts,
} from '../../src/core/import-count';

// Files are counted per distinct cell and municipality, and split afterwards. The result must
// be exactly what counting row by row gives (ValueCounter, the demo's own counts).

describe('counting cells, then splitting', () => {
  it('gives per value the rows, municipalities and combinations that row-by-row counting gives', () => {
    const rows: [string, string][] = [
      ['A;B', 'Gävle'],
      ['A', 'Åre'],
      ['A; A', 'Åre'],
      ['', 'Åre'],
      ['  ', 'Gävle'],
      [';', 'Gävle'],
      ['B ;C', 'Umeå'],
    ];
    const split = { separators: [';'] };
    const cells = new CellCounter();
    const values = new ValueCounter(split);
    for (const [cell, m] of rows) {
      cells.add(cell, m);
      values.add(cell, m);
    }
    const counted = splitCounted('orsak', cells.cells, split, cells.emptyRows);
    expect(valueCounts(counted)).toEqual(values.result());
    expect(counted.rows + counted.emptyRows).toBe(rows.length);
    expect(counted.emptyRows).toBe(values.emptyRows);
    // Atoms are trimmed and nothing else; a value twice in a cell counts once.
    expect(counted.cells.get('A; A')?.atoms).toEqual(['A']);
    expect(counted.cells.get('B ;C')?.atoms).toEqual(['B', 'C']);
    expect(counted.values.get('A')).toEqual(
      new Map([
        ['Gävle', 1],
        ['Åre', 2],
      ]),
    );
  });

  it('counts the whole demo exactly as the demo counts itself', () => {
    const data = generateDemo({ rows: 20_000 });
    const expected = demoVariableValues(data);
    for (const counted of demoCounted(data)) {
      expect(valueCounts(counted)).toEqual(expected.get(counted.variable));
      expect(counted.rows + counted.emptyRows).toBe(demoColumn(data, counted.variable).length);
    }
  });

  it('merges files: the same municipality in two files is one municipality', () => {
    const a = new CellCounter();
    const b = new CellCounter();
    a.add('Missbruk förälder', 'Gävle');
    b.add('Missbruk förälder', 'Gävle', 3);
    b.add('Missbruk förälder', 'Åre');
    const merged = mergeCells([a.cells, b.cells]);
    expect(merged.get('Missbruk förälder')).toEqual(
      new Map([
        ['Gävle', 4],
        ['Åre', 1],
      ]),
    );
    expect(tallyRows(merged.get('Missbruk förälder') ?? new Map())).toBe(5);
    // The inputs are not changed.
    expect(a.cells.get('Missbruk förälder')?.get('Gävle')).toBe(1);
  });

  it('keys cells and municipalities safely: __proto__ is a value like any other', () => {
    const c = new CellCounter();
    c.add('__proto__', 'constructor');
    c.add('constructor', '__proto__');
    const counted = splitCounted('v', c.cells, { separators: [] });
    expect([...counted.values.keys()]).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
