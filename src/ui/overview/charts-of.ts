// The overview's four charts for a project, from what loadOverview read: the core's pure
// functions give the numbers (the same as the tabs and the frequency export), draw.ts the SVG.

import {
  categoryBars,
  coverageByMunicipality,
  coverageProgress,
  statusCounts,
  type ProgressPoint,
} from '../../core/charts';
import {
  approvedCodes,
  frequencyTable,
  observationsInYear,
  observationsOf,
} from '../../core/export/frequencies';
import type { OverviewSource } from '../../db/overview';
import { exportWords } from '../../i18n/export-words';
import {
  drawCategories,
  drawCoverage,
  drawMunicipalities,
  drawProgress,
  type Chart,
  type DrawContext,
} from './draw';

export const CHART_IDS = ['coverage', 'progress', 'categories', 'municipalities'] as const;
export type ChartId = (typeof CHART_IDS)[number];

export interface OverviewCharts {
  readonly coverage: Chart;
  /** Null while no variable has a recorded decision. */
  readonly progress: Chart | null;
  /** Null when the variable has no imported rows (values known only from a mapping file). */
  readonly categories: Chart | null;
  readonly municipalities: Chart | null;
}

export function overviewCharts(
  source: OverviewSource,
  variableId: string,
  ctx: DrawContext,
  /** ISO 8601: the progress lines end now. */
  now: string,
  /** Another codebook's id: rows per category in its codes (issue 11 item 5). */
  crosswalk?: string,
  /**
   * The rows per category and the coverage per municipality of one year only (`null`: the rows
   * without a year); absent: every row (issue 10 item 2).
   */
  year?: number | null,
  /** How the charts' titles name the rows without a year. */
  noYearLabel = '',
): OverviewCharts {
  const labels = new Map(source.variables.map((v) => [v.id, v.label]));
  const cellsOf = (id: string) => source.counts.get(id)?.combinations ?? [];
  const counts = source.variables.flatMap((v) =>
    statusCounts(v.id, source.values.get(v.id) ?? [], cellsOf(v.id)),
  );
  const series = new Map<string, readonly ProgressPoint[]>();
  for (const v of source.variables) {
    const steps = source.history.get(v.id) ?? [];
    if (steps.length === 0) continue;
    series.set(v.label, coverageProgress(source.values.get(v.id) ?? [], cellsOf(v.id), steps, now));
  }
  const variable = source.variables.find((v) => v.id === variableId);
  const cells = variable ? cellsOf(variable.id) : [];
  let categories: Chart | null = null;
  let municipalities: Chart | null = null;
  if (variable && cells.length > 0) {
    const codes = approvedCodes(source.values.get(variable.id) ?? []);
    const observe = (byMunicipality: boolean) =>
      year === undefined
        ? observationsOf(cells, byMunicipality)
        : observationsInYear(cells, year, byMunicipality);
    const name =
      year === undefined
        ? variable.label
        : `${variable.label} (${year === null ? noYearLabel : year})`;
    const table = frequencyTable(observe(false), {
      codebook: variable.codebook,
      codes,
      uncodedLabel: exportWords(ctx.lang).uncoded,
      crosswalk,
    });
    categories = drawCategories(categoryBars(table), name, ctx, crosswalk);
    municipalities = drawMunicipalities(coverageByMunicipality(observe(true), codes), name, ctx);
  }
  return {
    coverage: drawCoverage(counts, labels, ctx),
    progress: series.size === 0 ? null : drawProgress(series, ctx),
    categories,
    municipalities,
  };
}
