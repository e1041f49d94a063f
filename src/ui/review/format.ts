import type { NoteEventKind } from '../../core/notes';
import type { DisagreementSide, ResolveRecord } from '../../core/team/fold';
import type { DecisionKind, Status } from '../../core/types';
import type { Step } from '../../db/repo';
import type { Language, MessageKey } from '../../i18n';
import type { T } from '../i18n';

/** Message keys that come as `…_one` / `…_other`, by their common stem. */
export type PluralStem = {
  [K in MessageKey]: K extends `${infer Stem}_one` ? Stem : never;
}[MessageKey];

/** The singular or plural message for `n` (both languages distinguish 1 from the rest). */
export function plural(
  t: T,
  stem: PluralStem,
  n: number,
  params: Record<string, string | number> = {},
): string {
  return t(`${stem}_${n === 1 ? 'one' : 'other'}` as MessageKey, { n, ...params });
}

/**
 * When an action was made, short: the time alone today ("19:12"), else the day too
 * ("5 dec 19:12").
 */
export function formatWhen(lang: Language, iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const locale = lang === 'sv' ? 'sv-SE' : 'en-GB';
  const time = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (at.toDateString() === now.toDateString()) return time;
  const day = at
    .toLocaleDateString(locale, {
      day: 'numeric',
      month: 'short',
      ...(at.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
    })
    .replace(/\./g, '');
  return `${day} ${time}`;
}

const KIND_LABEL: Record<DecisionKind, MessageKey> = {
  assign: 'assign',
  'accept-suggestion': 'acceptSuggestion',
  approve: 'approve',
  reject: 'reject',
  reopen: 'reopen',
  flag: 'flag',
  clear: 'clear',
  note: 'note',
  undo: 'kind_undo',
  redo: 'redo',
  'import-mapping': 'kind_import_mapping',
  codebook: 'kind_codebook',
  resolve: 'kind_resolve',
};

/** A change of the codebook as the person knows it: "Slå ihop H01 med H02". */
export function codebookStepName(t: T, step: NonNullable<Step['codebook']>): string {
  return t(`cbEdit_${step.edit}`, { code: step.code, into: step.into ?? '' });
}

/** An action as the person knows it: "Godkänn 10 värden", "Slå ihop H01 med H02". */
export function stepAction(t: T, step: Pick<Step, 'kind' | 'values' | 'codebook'>): string {
  if (step.codebook) return codebookStepName(t, step.codebook);
  return plural(t, 'actionOnValues', step.values, {
    action: t(KIND_LABEL[step.kind]).replace('…', ''),
  });
}

/** "Ångra: Godkänn 10 värden (AL, 5 dec 19:12)". */
export function stepLabel(t: T, lang: Language, mode: 'undo' | 'redo', step: Step): string {
  return t(mode === 'undo' ? 'undoStep' : 'redoStep', {
    action: stepAction(t, step),
    by: step.by,
    time: formatWhen(lang, step.at),
  });
}

/** A resolved disagreement: "Behöll H01 (anna) av H01 (anna), H07 (bo), X2 (cleo)". */
export function resolveLabel(t: T, r: ResolveRecord): string {
  const name = (s: DisagreementSide) => `${s.code ?? '–'} (${s.by ?? '–'})`;
  return t('historyResolve', { kept: name(r.kept), sides: r.sides.map(name).join(', ') });
}

// How the side panel and the log name actions and times, in the user's language.

export type LogKind = DecisionKind | `note_${NoteEventKind}`;

const LOG_LABEL: Record<LogKind, MessageKey> = {
  assign: 'kind_assign',
  'accept-suggestion': 'kind_accept_suggestion',
  approve: 'kind_approve',
  reject: 'kind_reject',
  reopen: 'reopen',
  redo: 'redo',
  flag: 'kind_flag',
  clear: 'kind_clear',
  note: 'kind_note',
  undo: 'kind_undo',
  'import-mapping': 'kind_import_mapping',
  codebook: 'kind_codebook',
  resolve: 'kind_resolve',
  note_note: 'kind_note_added',
  note_reply: 'kind_note_reply',
  note_resolve: 'kind_note_resolve',
};

export const LOG_KINDS = Object.keys(LOG_LABEL) as LogKind[];

/** An action's name; a kind this version does not know (a newer tab's) is shown as stored. */
export function kindLabel(t: T, kind: string): string {
  const key = (LOG_LABEL as Record<string, MessageKey | undefined>)[kind];
  return key ? t(key) : kind;
}

export function formatTime(lang: Language, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** `B11 · Kodad`, or `okodad`. */
export function codingLabel(t: T, code: string | null, status: Status): string {
  return code === null ? t(`status_${status}`) : `${code} · ${t(`status_${status}`)}`;
}
