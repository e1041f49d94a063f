// The overview's pictures say the same as the tables: the coverage per status adds up to the
// tab's coverage, the progress line ends at it, and coverage per municipality is the frequency
// table's uncoded line seen from the other side.
import { describe, expect, it } from 'vitest';
import {
  categoryBars,
  coverageByMunicipality,
  coverageProgress,
  statusCounts,
  type StatusStep,
} from '../../src/core/charts';
import { coverageOf, type CellRows } from '../../src/core/coverage';
import { approvedCodes, frequencyTable, observationsOf } from '../../src/core/export/frequencies';
import { CODEBOOK, countedValue, storedCell } from './export/fixtures';

const value = countedValue;
const VALUES = [
  value('Missbruk förälder', 5, 'approved', 'H07'),
  value('knark', 3, 'approved', 'B11'),
  value('skolk', 2, 'coded', 'B15'),
  value('__proto__', 4, 'flagged', 'B15'),
  value('okänt', 1, 'uncoded'),
];
const cell = storedCell;
const CELLS = [
  cell(
    ['Missbruk förälder'],
    [
      ['Ale', 2],
      ['Åre', 1],
    ],
  ),
  cell(['Missbruk förälder', 'knark'], [['Åre', 2]]),
  cell(['knark'], [['Ale', 1]]),
  cell(['skolk', 'knark'], [['Örebro', 2]]),
  cell(['__proto__'], [['Ale', 4]]),
  cell(['okänt', 'Missbruk förälder'], [['Örebro', 1]]),
];

describe('coverage by status', () => {
  it('counts each row once, where its least advanced value stands; approved rows are the tab’s', () => {
    const counts = statusCounts('orsak', VALUES, CELLS);
    const rows = new Map(counts.map((c) => [c.status, c.rows]));
    expect(Object.fromEntries(rows)).toEqual({
      uncoded: 1,
      suggested: 0,
      rejected: 0,
      flagged: 4,
      coded: 2,
      approved: 6,
    });
    const coverage = coverageOf(VALUES, CELLS);
    expect(rows.get('approved')).toBe(coverage.approvedRows);
    expect(counts.reduce((n, c) => n + c.rows, 0)).toBe(coverage.totalRows);
    expect(counts.map((c) => c.values)).toEqual([1, 0, 0, 1, 1, 2]);
  });

  it('counts each value’s frequency where no cells are known, as coverageOf does', () => {
    const counts = statusCounts('orsak', VALUES);
    const coverage = coverageOf(VALUES);
    expect(counts.find((c) => c.status === 'approved')?.rows).toBe(coverage.approvedRows);
    expect(counts.reduce((n, c) => n + c.rows, 0)).toBe(15);
  });
});

describe('coverage over time', () => {
  const steps: StatusStep[] = [
    {
      at: '2026-12-01T10:00:00Z',
      changes: [{ raw: 'Missbruk förälder', status: 'coded', before: { status: 'uncoded' } }],
    },
    {
      at: '2026-12-02T10:00:00Z',
      changes: [
        { raw: 'Missbruk förälder', status: 'approved', before: { status: 'coded' } },
        { raw: 'knark', status: 'approved', before: { status: 'uncoded' } },
        { raw: 'gone', status: 'approved', before: { status: 'uncoded' } },
      ],
    },
  ];

  it('replays the history back from today: it ends at the tab’s coverage', () => {
    const points = coverageProgress(VALUES, CELLS, steps, '2026-12-05T00:00:00Z');
    expect(points.map((p) => [p.at, p.approvedRows, p.approvedValues])).toEqual([
      ['2026-12-01T10:00:00Z', 0, 0],
      ['2026-12-01T10:00:00Z', 0, 0],
      ['2026-12-02T10:00:00Z', 6, 2],
      ['2026-12-05T00:00:00Z', 6, 2],
    ]);
    const last = points.at(-1)!;
    expect(last.share).toBe(coverageOf(VALUES, CELLS).approvedRowShare);
    expect(points.every((p) => p.totalRows === 13)).toBe(true);
  });

  it('is one point, today’s, without a history', () => {
    const points = coverageProgress(VALUES, undefined, [], 'now');
    expect(points).toEqual([
      { at: 'now', approvedRows: 8, totalRows: 15, approvedValues: 2, share: 8 / 15 },
    ]);
  });
});

describe('rows per category', () => {
  it('are the frequency table’s lines', () => {
    const codes = approvedCodes(VALUES);
    const table = frequencyTable(observationsOf(CELLS, false), {
      codebook: CODEBOOK,
      codes,
      uncodedLabel: 'Utan kod',
    });
    const bars = categoryBars(table);
    expect(bars.map((b) => [b.code, b.groupCode, b.rows])).toEqual(
      table.rows.map((r) => [r[0], r[4], r[2]]),
    );
    expect(bars.at(-1)).toMatchObject({ code: '', label: 'Utan kod', rows: 7 });
  });

  it('refuses a table by municipality (its lines repeat per municipality)', () => {
    const table = frequencyTable([], { codebook: CODEBOOK, codes: new Map(), byName: 'kommun' });
    expect(() => categoryBars(table)).toThrow(/without a by-column/);
  });
});

describe('coverage per municipality', () => {
  it('is each municipality’s rows less the frequency table’s uncoded line; they add up to the tab', () => {
    const codes = approvedCodes(VALUES);
    const list = coverageByMunicipality(observationsOf(CELLS, true), codes);
    expect(list.map((m) => [m.municipality, m.rows, m.approvedRows])).toEqual([
      ['Ale', 7, 3],
      ['Åre', 3, 3],
      ['Örebro', 3, 0],
    ]);
    const table = frequencyTable(observationsOf(CELLS, true), {
      codebook: CODEBOOK,
      codes,
      byName: 'kommun',
    });
    for (const m of list) {
      const uncoded = table.rows.find((r) => r[0] === m.municipality && r[1] === '')!;
      expect(m.rows - m.approvedRows).toBe(uncoded[3]);
    }
    const cells: CellRows[] = CELLS;
    const coverage = coverageOf(VALUES, cells);
    expect(list.reduce((n, m) => n + m.approvedRows, 0)).toBe(coverage.approvedRows);
    expect(list.reduce((n, m) => n + m.rows, 0)).toBe(coverage.totalRows);
  });
});
