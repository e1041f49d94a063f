import type { DecisionKind } from '../../core/types';
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
};

/** An action as the person knows it: "Godkänn 10 värden". */
export function stepAction(t: T, step: Pick<Step, 'kind' | 'values'>): string {
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
