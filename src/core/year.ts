// The year of a row: the national follow-up collects several years from each municipality, so a
// project keeps its counts per value, municipality and year. A row's year comes from a column
// the user chose (a year or a date in any form the readers write: `2023`, `2023-05-01`, an
// Excel date as ISO, `1/5/2023`), or one year for the whole file (prefilled from its name).
// Rows without a readable year are counted as before, under "no year": a value's rows per
// municipality (its tally) hold every row, the year detail only the rows with a year, so the
// rows without one are the difference and older imports need no change.
import type { FormatError } from './formats/result';
import type { Tally } from './import-count';
import type { TallyPairs } from './import-merge';

/** The years a cell or a file name may name. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
/** File names hold other 4-digit numbers too (a municipality code such as 0180): a narrower range. */
export const MIN_FILE_YEAR = 1990;

/** Rows per municipality and year: year → municipality → rows. */
export type YearTally = Map<number, Tally>;
/** A year tally as stored: [year, [municipality, rows][]], years ascending. */
export type YearPairs = readonly (readonly [number, TallyPairs])[];

const inRange = (y: number) => y >= MIN_YEAR && y <= MAX_YEAR;
const validDay = (m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= 31;

/**
 * The year a cell names, or null when it names none: a year (`2023`), an ISO date or date and
 * time (`2023-05-01`, `2023-05-01 13:45`, `2023-05-01T13:45:00Z`), a year and month
 * (`2023-05`), a compact date (`20230501`), or a day-first or month-first date (`1.5.2023`,
 * `01/05/2023`: the year is the same either way). Spaces around it are ignored.
 */
export function readYear(cell: string): number | null {
  const t = cell.trim();
  let m = /^(\d{4})$/.exec(t);
  if (m) return yearOf(m[1], 1, 1);
  m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[ T].*)?$/.exec(t);
  if (m) return yearOf(m[1], Number(m[2]), m[3] === undefined ? 1 : Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return yearOf(m[1], Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T].*)?$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    return validDay(b, a) || validDay(a, b) ? yearOf(m[3], 1, 1) : null;
  }
  return null;
}

function yearOf(digits: string | undefined, month: number, day: number): number | null {
  const y = Number(digits);
  return inRange(y) && validDay(month, day) ? y : null;
}

/** A 4-digit year 1990–2100 standing on its own in a file name (`orebro_2023.xlsx`), or null. */
export function yearFromFileName(name: string): number | null {
  const base = name.replace(/^.*[\\/]/, '');
  for (const m of base.matchAll(/(?<!\d)(\d{4})(?!\d)/g)) {
    const y = Number(m[1]);
    if (y >= MIN_FILE_YEAR && y <= MAX_YEAR) return y;
  }
  return null;
}

/**
 * The municipality a file name stands for once its year is taken out: `orebro_2023` → `orebro`,
 * so two years of one municipality's files are one municipality. Unchanged without a year.
 */
export function withoutYear(municipality: string, year: number | null): string {
  if (year === null) return municipality;
  const out = municipality
    .replace(new RegExp(`[\\s_.-]*(?<!\\d)${year}(?!\\d)`), '')
    .replace(/^[\s_.-]+|[\s_.-]+$/g, '');
  return out === '' ? municipality : out;
}

export function addToYears(
  years: YearTally,
  year: number,
  municipality: string,
  rows: number,
): void {
  let tally = years.get(year);
  if (!tally) years.set(year, (tally = new Map()));
  tally.set(municipality, (tally.get(municipality) ?? 0) + rows);
}

export function mergeYears(
  into: YearTally,
  from: ReadonlyMap<number, ReadonlyMap<string, number>>,
) {
  for (const [year, tally] of from)
    for (const [municipality, rows] of tally) addToYears(into, year, municipality, rows);
}

export function copyYears(from: ReadonlyMap<number, ReadonlyMap<string, number>>): YearTally {
  const out: YearTally = new Map();
  mergeYears(out, from);
  return out;
}

export function yearsFromPairs(pairs: YearPairs | undefined): YearTally {
  return new Map((pairs ?? []).map(([year, tally]) => [year, new Map(tally)]));
}

/** Years ascending; years and municipalities without rows left out. */
export function yearPairs(years: ReadonlyMap<number, ReadonlyMap<string, number>>): YearPairs {
  const out: [number, TallyPairs][] = [];
  for (const [year, tally] of years) {
    const pairs = [...tally].filter(([, n]) => n > 0);
    if (pairs.length > 0) out.push([year, pairs]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** Stored years plus an import's. */
export function addYearPairs(
  stored: YearPairs | undefined,
  add: ReadonlyMap<number, ReadonlyMap<string, number>> | undefined,
): YearPairs {
  const out = yearsFromPairs(stored);
  if (add) mergeYears(out, add);
  return yearPairs(out);
}

/** Stored years less an import's (an undo). */
export function subtractYearPairs(stored: YearPairs | undefined, remove: YearPairs): YearPairs {
  const out = yearsFromPairs(stored);
  for (const [year, tally] of remove) {
    const have = out.get(year);
    if (!have) continue;
    for (const [m, n] of tally) {
      const left = (have.get(m) ?? 0) - n;
      if (left > 0) have.set(m, left);
      else have.delete(m);
    }
  }
  return yearPairs(out);
}

/** `{ years }` when there are any, else nothing: a row without year detail stays as it was. */
export function yearsField(years: YearPairs): { years?: YearPairs } {
  return years.length > 0 ? { years } : {};
}

/** One line of a value's sources: a municipality's rows per year, and those without a year. */
export interface YearLine {
  readonly municipality: string;
  /** Rows per year, in the order of `years`. */
  readonly byYear: readonly number[];
  readonly noYear: number;
  readonly rows: number;
}

export interface YearTable {
  /** The years that occur, ascending. */
  readonly years: readonly number[];
  /** Municipalities, most rows first (then by name). */
  readonly lines: readonly YearLine[];
  /** Column totals: per year, without a year, all. */
  readonly byYear: readonly number[];
  readonly noYear: number;
  readonly rows: number;
}

const collator = new Intl.Collator('sv');

/**
 * A value's (or a cell's) rows per municipality and year, from its tally (every row) and its
 * year detail (the rows with a year): the rows a municipality has beyond its years have none.
 */
export function yearTable(munis: TallyPairs, years: YearPairs | undefined): YearTable {
  const yearList = (years ?? []).map(([y]) => y);
  const perMuni = new Map<string, number[]>();
  (years ?? []).forEach(([, tally], i) => {
    for (const [m, n] of tally) {
      let row = perMuni.get(m);
      if (!row) perMuni.set(m, (row = yearList.map(() => 0)));
      row[i] = (row[i] ?? 0) + n;
    }
  });
  const lines: YearLine[] = munis.map(([municipality, rows]) => {
    const byYear = perMuni.get(municipality) ?? yearList.map(() => 0);
    const dated = byYear.reduce((a, b) => a + b, 0);
    return { municipality, byYear, noYear: Math.max(0, rows - dated), rows };
  });
  lines.sort((a, b) => b.rows - a.rows || collator.compare(a.municipality, b.municipality));
  const byYear = yearList.map((_, i) => lines.reduce((n, l) => n + (l.byYear[i] ?? 0), 0));
  return {
    years: yearList,
    lines,
    byYear,
    noYear: lines.reduce((n, l) => n + l.noYear, 0),
    rows: lines.reduce((n, l) => n + l.rows, 0),
  };
}

/**
 * Why a stored year detail does not fit its tally, or null when it does: a year out of range,
 * or a municipality with more rows in its years than in its tally (a broken backup or event).
 */
export function yearsProblem(
  munis: TallyPairs,
  years: YearPairs | undefined,
): Omit<FormatError, 'path'> | null {
  if (!years) return null;
  const rows = new Map(munis);
  const dated = new Map<string, number>();
  for (const [year, tally] of years) {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
      return {
        code: 'year-out-of-range',
        params: { year: String(year), from: MIN_YEAR, to: MAX_YEAR },
        message: `the year ${year} is not one from ${MIN_YEAR} to ${MAX_YEAR}`,
      };
    for (const [m, n] of tally) dated.set(m, (dated.get(m) ?? 0) + n);
  }
  for (const [m, n] of dated) {
    const all = rows.get(m) ?? 0;
    if (n > all)
      return {
        code: 'years-exceed-rows',
        params: { municipality: m, dated: n, rows: all },
        message: `"${m}" has ${n} rows with a year but ${all} rows in all`,
      };
  }
  return null;
}
