import type { NoteEvent } from '../../core/notes';
import type { Status } from '../../core/types';
import type { HistoryRow } from '../../db/db';
import { writeCsv } from '../../io/csv-export';
import type { T } from '../i18n';
import type { CodebookStep } from '../../core/codebook-versions';
import type { ResolveRecord } from '../../core/team/fold';
import { codebookStepName, codingLabel, kindLabel, resolveLabel } from './format';

// The project log (issue 9 item 4): every action on values and every note event of a project,
// newest first, filtered by person, date and action, and exported as CSV.

/** One thing that happened to one value. */
export interface LogLine {
  readonly raw: string;
  readonly before: { readonly code: string | null; readonly status: Status } | null;
  readonly after: { readonly code: string | null; readonly status: Status };
  readonly note: string;
}

/** One action (or note event) of the log. */
export interface LogEntry {
  readonly key: string;
  readonly at: string;
  readonly by: string;
  readonly variable: string;
  readonly kind: string;
  readonly lines: readonly LogLine[];
  /** A change of the codebook: which (issue 11 item 1). */
  readonly codebook?: CodebookStep;
  /** A resolved team disagreement: the side kept, of which. */
  readonly resolve?: ResolveRecord;
}

/** An action's name in the log: its kind, and for a codebook change which one. */
export function entryAction(t: T, e: Pick<LogEntry, 'kind' | 'codebook' | 'resolve'>): string {
  const kind = kindLabel(t, e.kind);
  if (e.resolve) return `${kind}: ${resolveLabel(t, e.resolve)}`;
  return e.codebook ? `${kind}: ${codebookStepName(t, e.codebook)}` : kind;
}

export function logEntries(
  history: readonly HistoryRow[],
  notes: readonly NoteEvent[],
): LogEntry[] {
  const out: LogEntry[] = history.map((h) => ({
    key: `h-${h.seq ?? h.batch}`,
    at: h.at,
    by: h.by,
    variable: h.variable,
    kind: h.kind,
    lines: h.changes.map((c) => ({
      raw: c.raw,
      before: { code: c.before.code, status: c.before.status },
      after: { code: c.code, status: c.status },
      note: c.note,
    })),
    ...(h.codebook ? { codebook: h.codebook } : {}),
    ...(h.resolve ? { resolve: h.resolve } : {}),
  }));
  for (const n of notes)
    out.push({
      key: `n-${n.id}`,
      at: n.at,
      by: n.by,
      variable: n.variable,
      kind: `note_${n.kind}`,
      lines: [
        { raw: n.raw, before: null, after: { code: n.code, status: n.status }, note: n.text },
      ],
    });
  // Newest first; the same time keeps the stored order.
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export interface LogFilter {
  readonly by: string | null;
  readonly kind: string | null;
  /** Local dates `YYYY-MM-DD`, inclusive; null for open. */
  readonly from: string | null;
  readonly to: string | null;
}

/** The local calendar date of an ISO time, `YYYY-MM-DD` (what a date input gives). */
export function localDate(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function filterLog(entries: readonly LogEntry[], f: LogFilter): LogEntry[] {
  return entries.filter((e) => {
    if (f.by !== null && e.by !== f.by) return false;
    if (f.kind !== null && e.kind !== f.kind) return false;
    if (f.from === null && f.to === null) return true;
    const day = localDate(e.at);
    return (f.from === null || day >= f.from) && (f.to === null || day <= f.to);
  });
}

/**
 * The log as CSV, one line per value an action touched, for Excel: the project's CSV export
 * neutralises formulas (a raw value or note may start with `=`), `;` and a BOM for Swedish Excel.
 */
export function logCsv(t: T, entries: readonly LogEntry[]): string {
  const rows: string[][] = [];
  for (const e of entries) {
    // A codebook change that recoded no value is still a line of the log.
    if (e.lines.length === 0 && e.codebook)
      rows.push([e.at, e.by, e.variable, entryAction(t, e), '', '', '', '']);
    for (const l of e.lines)
      rows.push([
        e.at,
        e.by,
        e.variable,
        entryAction(t, e),
        l.raw,
        l.before ? codingLabel(t, l.before.code, l.before.status) : '',
        codingLabel(t, l.after.code, l.after.status),
        l.note,
      ]);
  }
  return writeCsv(
    [
      t('logColTime'),
      t('logColPerson'),
      t('logColVariable'),
      t('logColAction'),
      t('logColValue'),
      t('logColBefore'),
      t('logColAfter'),
      t('logColNote'),
    ],
    rows,
    { delimiter: ';', bom: true },
  );
}
