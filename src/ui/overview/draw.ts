// The overview's charts, drawn by Observable Plot as SVG from the data of core/charts.ts. Each
// chart is one self-contained SVG (title, legend, chart): what the dialog shows is exactly the
// file that is exported, and a PNG is that SVG painted on a canvas. Every number is written in
// the chosen language (1 234 / 1,234; 12,5 % / 12.5 %). Works with any Document (jsdom in tests).

import * as Plot from '@observablehq/plot';
import type {
  CategoryBar,
  MunicipalityCoverage,
  ProgressPoint,
  StatusCount,
} from '../../core/charts';
import type { Status } from '../../core/types';
import { formatNumber, formatPercent, translate, type Language, type MessageKey } from '../../i18n';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** px: the width of every chart (fits the dialog and a page of a report). */
export const CHART_WIDTH = 680;
/** px: one bar's band in the bar charts. */
const BAND = 18;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Status colours: greys and blues on the way, green when approved, warm where it needs a look. */
const STATUS_COLOURS: Readonly<Record<Status, string>> = {
  uncoded: '#c4cad3',
  suggested: '#b39ddb',
  rejected: '#e4572e',
  flagged: '#f3a712',
  coded: '#5b8fd6',
  approved: '#2e9d5b',
};
/** Colours of groups and variables (Tableau 10, readable on white and in greyscale print). */
const CATEGORICAL = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];
const UNCODED_COLOUR = '#9aa0a8';

export interface DrawContext {
  readonly lang: Language;
  readonly document: Document;
}

/** A chart ready to show and export. */
export interface Chart {
  readonly svg: SVGSVGElement;
  /** The chart's own title, also the first line of the SVG. */
  readonly title: string;
}

function words(lang: Language) {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(lang, key, params);
  const num = (n: number) => formatNumber(lang, n);
  const pct = (share: number) => formatPercent(lang, share);
  const pctTick = (share: number) => formatPercent(lang, share, 0);
  const rows = (n: number) => t('ovRowsN', { n });
  return { t, num, pct, pctTick, rows };
}

/** px: room for the longest of `labels` on the left axis (Plot does not measure text). */
function leftMargin(labels: Iterable<string>): number {
  let longest = 0;
  for (const l of labels) longest = Math.max(longest, l.length);
  return Math.min(300, Math.max(60, Math.round(longest * 6.2) + 14));
}

function shortLabel(s: string, max = 46): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * Coverage per variable: for rows and for values, the share in each status, one stacked bar per
 * variable. Each segment's title says its count and share.
 */
export function drawCoverage(
  counts: readonly StatusCount[],
  labels: ReadonlyMap<string, string>,
  ctx: DrawContext,
): Chart {
  const { t, num, pct, pctTick } = words(ctx.lang);
  const statusName = (s: Status) => t(`status_${s}`);
  const totals = new Map<string, { rows: number; values: number }>();
  for (const c of counts) {
    const total = totals.get(c.variable) ?? { rows: 0, values: 0 };
    totals.set(c.variable, { rows: total.rows + c.rows, values: total.values + c.values });
  }
  const measures = [t('ovRows'), t('ovValues')] as const;
  const segments = counts.flatMap((c) => {
    const variable = labels.get(c.variable) ?? c.variable;
    const total = totals.get(c.variable)!;
    return [
      { measure: measures[0], variable, status: statusName(c.status), n: c.rows, of: total.rows },
      {
        measure: measures[1],
        variable,
        status: statusName(c.status),
        n: c.values,
        of: total.values,
      },
    ].map((s) => ({
      ...s,
      text: t('ovSegment', {
        variable: s.variable,
        measure: s.measure.toLowerCase(),
        status: s.status,
        n: num(s.n),
        share: pct(s.of === 0 ? 0 : s.n / s.of),
      }),
    }));
  });
  // Approved first, on the left: the bar fills from the left as the work goes on.
  const order = (Object.keys(STATUS_COLOURS) as Status[]).reverse();
  const statuses = order.map(statusName);
  const colours = order.map((s) => STATUS_COLOURS[s]);
  const variables = [...new Set(segments.map((s) => s.variable))];
  const title = t('ovCoverage');
  const chart = Plot.plot({
    document: ctx.document,
    width: CHART_WIDTH,
    height: 40 + variables.length * 2 * (BAND + 8) + 24,
    marginLeft: leftMargin(variables),
    marginRight: 70,
    style: { fontFamily: FONT, fontSize: '11px' },
    ariaLabel: title,
    x: { label: t('ovShare'), tickFormat: pctTick, domain: [0, 1] },
    y: { label: null, domain: variables },
    fy: { label: null, domain: [...measures] },
    color: { domain: statuses, range: colours },
    marks: [
      Plot.barX(
        segments,
        Plot.stackX({
          x: 'n',
          y: 'variable',
          fy: 'measure',
          fill: 'status',
          order: statuses,
          offset: 'normalize',
          title: 'text',
        }),
      ),
      Plot.ruleX([0]),
    ],
  });
  return compose(ctx, title, chart, legendOf(statuses, colours));
}

/** Coverage over time: the share of today's rows approved after each action, per variable. */
export function drawProgress(
  series: ReadonlyMap<string, readonly ProgressPoint[]>,
  ctx: DrawContext,
): Chart {
  const { t, num, pct, pctTick } = words(ctx.lang);
  const locale = ctx.lang === 'sv' ? 'sv-SE' : 'en-GB';
  const times = [...series.values()].flatMap((l) => l.map((p) => Date.parse(p.at)));
  // Within two days the ticks say the time of day, else the date.
  const short = Math.max(...times) - Math.min(...times) < 2 * 86_400_000;
  const date = new Intl.DateTimeFormat(
    locale,
    short ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short' },
  );
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const points = [...series].flatMap(([variable, list]) =>
    list.map((p) => ({
      variable,
      at: new Date(p.at),
      share: p.share,
      text: t('ovPoint', {
        variable,
        at: dateTime.format(new Date(p.at)),
        share: pct(p.share),
        approved: num(p.approvedRows),
        rows: num(p.totalRows),
      }),
    })),
  );
  const variables = [...series.keys()];
  const colours = variables.map((_, i) => CATEGORICAL[i % CATEGORICAL.length]!);
  const title = t('ovProgress');
  const chart = Plot.plot({
    document: ctx.document,
    width: CHART_WIDTH,
    height: 260,
    marginLeft: 50,
    marginRight: 20,
    style: { fontFamily: FONT, fontSize: '11px' },
    ariaLabel: title,
    x: { type: 'utc', label: null, tickFormat: (d: Date) => date.format(d), ticks: 6 },
    y: { label: t('ovApprovedShare'), tickFormat: pctTick, domain: [0, 1], grid: true },
    color: { domain: variables, range: colours },
    marks: [
      Plot.lineY(points, { x: 'at', y: 'share', stroke: 'variable', curve: 'step-after' }),
      Plot.dot(points, { x: 'at', y: 'share', fill: 'variable', r: 2, title: 'text' }),
    ],
  });
  return compose(ctx, title, chart, legendOf(variables, colours));
}

/** Rows per category, bars in codebook order coloured by group; the uncoded rows last, grey. */
export function drawCategories(
  bars: readonly CategoryBar[],
  variable: string,
  ctx: DrawContext,
  /** The other codebook's id when the bars are its codes. */
  crosswalk?: string,
): Chart {
  const { t, num, pct, rows } = words(ctx.lang);
  const total = bars.reduce((n, b) => n + b.rows, 0);
  const uncodedGroup = t('ovUncodedGroup');
  const data = bars.map((b) => {
    // Through a crosswalk the label is the code: named once.
    const name = b.code === '' || b.label === b.code ? b.label : `${b.code} ${b.label}`;
    return {
      ...b,
      name: shortLabel(name),
      group: b.code === '' ? uncodedGroup : b.groupLabel || t('ovNoGroup'),
      text: t('ovBar', { label: name, rows: rows(b.rows), share: pct(b.share) }),
      value: num(b.rows),
    };
  });
  const groups = [...new Set(data.map((d) => d.group))];
  const colours = groups.map((g, i) =>
    g === uncodedGroup ? UNCODED_COLOUR : CATEGORICAL[i % CATEGORICAL.length]!,
  );
  const title =
    crosswalk === undefined
      ? t('ovCategories', { variable })
      : t('ovCategoriesVia', { variable, id: crosswalk });
  const chart = barChart(ctx, title, data, {
    x: { label: t('ovRows'), tickFormat: num },
    value: 'rows',
    fill: 'group',
    color: { domain: groups, range: colours },
    description: t('ovCategoriesNote', { rows: rows(total) }),
  });
  return compose(ctx, title, chart, legendOf(groups, colours));
}

/** Coverage per municipality: the share of its rows approved, best covered first. */
export function drawMunicipalities(
  list: readonly MunicipalityCoverage[],
  variable: string,
  ctx: DrawContext,
): Chart {
  const { t, num, pct, pctTick } = words(ctx.lang);
  const data = [...list]
    .sort((a, b) => b.share - a.share || b.rows - a.rows)
    .map((m) => {
      const name = m.municipality === '' ? t('ovNoMunicipality') : m.municipality;
      return {
        ...m,
        name,
        text: t('ovMunicipality', {
          municipality: name,
          share: pct(m.share),
          approved: num(m.approvedRows),
          rows: num(m.rows),
        }),
        value: pct(m.share),
      };
    });
  const title = t('ovMunicipalities', { variable });
  const chart = barChart(ctx, title, data, {
    x: { label: t('ovApprovedShare'), tickFormat: pctTick, domain: [0, 1] },
    value: 'share',
    fill: STATUS_COLOURS.approved,
  });
  return compose(ctx, title, chart, []);
}

/** A bar in a one-bar-per-line chart: its axis name, title (tooltip) and printed value. */
interface NamedBar {
  readonly name: string;
  readonly text: string;
  readonly value: string;
}

/** One horizontal bar per line, in the data's order, each with its value printed after it. */
function barChart<D extends NamedBar>(
  ctx: DrawContext,
  title: string,
  data: readonly D[],
  options: {
    readonly x: Plot.ScaleOptions;
    readonly value: keyof D & string;
    /** A field of the data, or one colour. */
    readonly fill: string;
    readonly color?: Plot.ScaleOptions;
    readonly description?: string;
  },
): SVGSVGElement | HTMLElement {
  const { value, fill } = options;
  return Plot.plot({
    document: ctx.document,
    width: CHART_WIDTH,
    height: 40 + data.length * BAND,
    marginLeft: leftMargin(data.map((d) => d.name)),
    marginRight: 60,
    style: { fontFamily: FONT, fontSize: '11px' },
    ariaLabel: title,
    ariaDescription: options.description ?? null,
    x: { ...options.x, grid: true },
    y: { label: null, domain: data.map((d) => d.name) },
    color: options.color,
    marks: [
      Plot.barX(data, { x: value, y: 'name', fill, title: 'text' }),
      Plot.text(data, { x: value, y: 'name', text: 'value', textAnchor: 'start', dx: 4 }),
      Plot.ruleX([0]),
    ],
  });
}

interface Swatch {
  readonly label: string;
  readonly colour: string;
}

function legendOf(labels: readonly string[], colours: readonly string[]): Swatch[] {
  return labels.map((label, i) => ({ label, colour: colours[i % colours.length]! }));
}

/**
 * One standalone SVG: a white page with the title, the legend (Plot draws legends in HTML,
 * which an SVG file cannot hold) and the chart below them.
 */
function compose(
  ctx: DrawContext,
  title: string,
  chart: SVGSVGElement | HTMLElement,
  legend: readonly Swatch[],
): Chart {
  const doc = ctx.document;
  const el = (name: string, attrs: Record<string, string | number>) => {
    const e = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    return e;
  };
  const svg = el('svg', {
    xmlns: SVG_NS,
    width: CHART_WIDTH,
    role: 'img',
    'aria-label': title,
    'font-family': FONT,
  }) as SVGSVGElement;
  svg.append(el('rect', { width: '100%', height: '100%', fill: '#fff' }));
  const heading = el('text', { x: 8, y: 20, 'font-size': 15, 'font-weight': 600, fill: '#1d2733' });
  heading.textContent = title;
  svg.append(heading);
  // Swatches in rows, wrapped at the chart's width (text width estimated: 6.5 px a character).
  let x = 8;
  let y = 40;
  for (const s of legend) {
    const w = 16 + Math.round(s.label.length * 6.5) + 14;
    if (x + w > CHART_WIDTH && x > 8) {
      x = 8;
      y += 18;
    }
    svg.append(el('rect', { x, y: y - 10, width: 11, height: 11, fill: s.colour }));
    const label = el('text', { x: x + 16, y, 'font-size': 11, fill: '#1d2733' });
    label.textContent = s.label;
    svg.append(label);
    x += w;
  }
  const top = legend.length > 0 ? y + 12 : 32;
  const inner = chart as SVGSVGElement;
  const height = Number(inner.getAttribute('height'));
  inner.setAttribute('y', String(top));
  svg.append(inner);
  svg.setAttribute('height', String(top + height));
  svg.setAttribute('viewBox', `0 0 ${CHART_WIDTH} ${top + height}`);
  return { svg, title };
}
