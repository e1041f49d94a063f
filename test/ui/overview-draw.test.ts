// The overview's charts draw the tables' numbers: each bar of the drawn SVG is read back (its
// title names it, its length through the chart's own x scale gives its value) and compared with
// the frequency table and the coverage the tabs show. In Swedish and in English.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  categoryBars,
  coverageByMunicipality,
  coverageProgress,
  statusCounts,
} from '../../src/core/charts';
import { coverageOf } from '../../src/core/coverage';
import { approvedCodes, frequencyTable, observationsOf } from '../../src/core/export/frequencies';
import type { Language } from '../../src/i18n';
import {
  drawCategories,
  drawCoverage,
  drawMunicipalities,
  drawProgress,
  type Chart,
} from '../../src/ui/overview/draw';
import { newRawValue } from '../../src/core/decide';
import { overviewCharts } from '../../src/ui/overview/charts-of';
import { CODEBOOK, countedValue, storedCell } from '../core/export/fixtures';

const value = countedValue;
const VALUES = [
  value('Missbruk förälder', 12_345, 'approved', 'H07'),
  value('knark', 3_000, 'approved', 'B11'),
  value('skolk', 2_000, 'coded', 'B15'),
  value('__proto__', 400, 'flagged', 'B15'),
  value('okänt', 100, 'uncoded', null),
];
const cell = storedCell;
const CELLS = [
  cell(
    ['Missbruk förälder'],
    [
      ['Ale', 7_000],
      ['Åre', 4_000],
    ],
  ),
  cell(['Missbruk förälder', 'knark'], [['Åre', 1_345]]),
  cell(['knark'], [['Ale', 1_655]]),
  cell(['skolk', 'knark'], [['Örebro', 2_000]]),
  cell(['__proto__'], [['Ale', 400]]),
  cell(['okänt'], [['Örebro', 100]]),
];

interface Scale {
  apply(v: unknown): number;
}
/** The Plot chart inside the composed SVG, with its x scale. */
function plotOf(chart: Chart): { x: Scale; bars: { title: string; width: number }[] } {
  const inner = chart.svg.querySelector('svg') as unknown as SVGSVGElement & {
    scale(name: string): Scale;
  };
  const bars = [...inner.querySelectorAll('g[aria-label="bar"] rect')].map((r) => ({
    title: r.querySelector('title')?.textContent ?? '',
    width: Number(r.getAttribute('width')),
  }));
  return { x: inner.scale('x'), bars };
}

const LANGS: readonly Language[] = ['sv', 'en'];
const ctx = (lang: Language) => ({ lang, document: new JSDOM('').window.document });

describe.each(LANGS)('the overview’s charts (%s)', (lang) => {
  const codes = approvedCodes(VALUES);

  it('draws one bar per frequency-table line, as long as its rows', () => {
    const table = frequencyTable(observationsOf(CELLS, false), {
      codebook: CODEBOOK,
      codes,
      uncodedLabel: 'Utan kod',
    });
    const chart = drawCategories(categoryBars(table), 'Orsak', ctx(lang));
    const { x, bars } = plotOf(chart);
    expect(bars).toHaveLength(table.rows.length);
    for (const line of table.rows) {
      const name = line[0] === '' ? String(line[1]) : `${line[0]} ${line[1]}`;
      const bar = bars.find((b) => b.title.startsWith(`${name}:`));
      expect(bar, name).toBeDefined();
      expect(bar!.width).toBeCloseTo(x.apply(line[2]) - x.apply(0), 3);
    }
    // The value beside the bar in the language's own digits.
    const texts = [...chart.svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toContain(lang === 'sv' ? '12\u00a0345' : '12,345');
    expect(chart.svg.querySelector('text')?.textContent).toBe(
      lang === 'sv' ? 'Rader per kategori: Orsak' : 'Rows per category: Orsak',
    );
  });

  it('draws the rows per category of another codebook through the crosswalk, each code named once', () => {
    const table = frequencyTable(observationsOf(CELLS, false), {
      codebook: CODEBOOK,
      codes,
      uncodedLabel: 'Utan kod',
      crosswalk: 'skr-basinformation',
    });
    const chart = drawCategories(categoryBars(table), 'Orsak', ctx(lang), 'skr-basinformation');
    const { x, bars } = plotOf(chart);
    expect(bars.map((b) => b.title.split(':')[0])).toEqual(['SKR-4', 'SKR-9', 'Utan kod']);
    for (const line of table.rows) {
      const bar = bars.find((b) => b.title.startsWith(`${String(line[1])}:`));
      expect(bar!.width).toBeCloseTo(x.apply(line[2]) - x.apply(0), 3);
    }
    expect(chart.title).toBe(
      lang === 'sv'
        ? 'Rader per kategori i skr-basinformation: Orsak'
        : 'Rows per category of skr-basinformation: Orsak',
    );
  });

  it('draws each variable’s rows and values per status as shares of the tab’s totals', () => {
    const counts = statusCounts('aktualiseringsorsak', VALUES, CELLS);
    const coverage = coverageOf(VALUES, CELLS);
    const chart = drawCoverage(counts, new Map([['aktualiseringsorsak', 'Orsak']]), ctx(lang));
    const { x, bars } = plotOf(chart);
    const full = x.apply(1) - x.apply(0);
    const approvedWord = lang === 'sv' ? 'Godkänd' : 'Approved';
    const rowsWord = lang === 'sv' ? 'rader' : 'rows';
    const approvedRows = bars.find((b) => b.title.includes(`${rowsWord}, ${approvedWord}:`))!;
    expect(approvedRows.width / full).toBeCloseTo(coverage.approvedRowShare, 6);
    // Every segment of the rows bar together is the whole bar: no row is drawn twice.
    const rowSegments = bars.filter((b) => b.title.startsWith(`Orsak, ${rowsWord},`));
    expect(rowSegments.reduce((n, b) => n + b.width, 0) / full).toBeCloseTo(1, 6);
  });

  it('draws each municipality’s approved share: its rows less the uncoded line', () => {
    const list = coverageByMunicipality(observationsOf(CELLS, true), codes);
    const table = frequencyTable(observationsOf(CELLS, true), {
      codebook: CODEBOOK,
      codes,
      byName: 'kommun',
    });
    const { x, bars } = plotOf(drawMunicipalities(list, 'Orsak', ctx(lang)));
    expect(bars).toHaveLength(3);
    for (const m of ['Ale', 'Åre', 'Örebro']) {
      const uncodedShare = Number(table.rows.find((r) => r[0] === m && r[1] === '')![4]);
      const bar = bars.find((b) => b.title.startsWith(`${m}:`))!;
      expect(bar.width).toBeCloseTo(x.apply(1 - uncodedShare) - x.apply(0), 3);
    }
  });

  it('draws the progress line with a dot per action, the last at today’s coverage', () => {
    const points = coverageProgress(
      VALUES,
      CELLS,
      [
        {
          at: '2026-12-01T10:00:00Z',
          changes: [{ raw: 'knark', status: 'approved', before: { status: 'coded' } }],
        },
      ],
      '2026-12-05T10:00:00Z',
    );
    const chart = drawProgress(new Map([['Orsak', points]]), ctx(lang));
    const dots = [...chart.svg.querySelectorAll('g[aria-label="dot"] circle')];
    expect(dots).toHaveLength(points.length);
    const last = dots.at(-1)!.querySelector('title')!.textContent!;
    const share = (coverageOf(VALUES, CELLS).approvedRowShare * 100).toFixed(1);
    expect(last).toContain(lang === 'sv' ? `${share.replace('.', ',')} %` : `${share} %`);
  });
});

describe('the overview of a project', () => {
  const variable = {
    id: 'aktualiseringsorsak',
    label: 'Orsak',
    codebook: CODEBOOK,
    split: { separators: [';'] },
    order: 0,
    project: 'p',
  };
  const rows = VALUES.map((v) => ({
    ...newRawValue(variable.id, v.raw, v.frequency, 1),
    code: v.code,
    status: v.status,
    project: 'p',
  }));

  it('draws every chart from what the project holds', () => {
    const charts = overviewCharts(
      {
        variables: [variable],
        values: new Map([[variable.id, rows]]),
        counts: new Map([
          [variable.id, { project: 'p', variable: variable.id, tallies: [], combinations: CELLS }],
        ]),
        history: new Map([
          [
            variable.id,
            [
              {
                at: '2026-12-01T10:00:00Z',
                changes: [{ raw: 'knark', status: 'approved', before: { status: 'coded' } }],
              },
            ],
          ],
        ]),
      },
      variable.id,
      ctx('sv'),
      '2026-12-05T10:00:00Z',
    );
    expect(charts.coverage.title).toMatch(/^Täckning per variabel/);
    expect(charts.progress?.title).toBe('Godkända rader över tid');
    expect(charts.categories?.title).toBe('Rader per kategori: Orsak');
    expect(charts.municipalities?.svg.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(3);
  });

  it('says there is no history, and draws no rows per category without imported rows', () => {
    const charts = overviewCharts(
      {
        variables: [variable],
        values: new Map([[variable.id, rows]]),
        counts: new Map(),
        history: new Map(),
      },
      variable.id,
      ctx('en'),
      '2026-12-05T10:00:00Z',
    );
    expect(charts.progress).toBeNull();
    expect(charts.categories).toBeNull();
    expect(charts.municipalities).toBeNull();
    // Coverage per variable still comes from the values' own frequencies.
    expect(charts.coverage.svg.querySelectorAll('g[aria-label="bar"] rect').length).toBeGreaterThan(
      0,
    );
  });
});
