import type { SkipReason } from '../core/decide';
import type { StorageProblem } from '../db/errors';
import type { MessageKey } from '../i18n';
import { useApp, type ActionReport } from '../state/app';
import type { T } from './i18n';
import { formatWhen, plural, type PluralStem } from './review/format';

const ACTION_LABEL: Record<ActionReport['action'], MessageKey> = {
  assign: 'assign',
  'accept-suggestion': 'acceptSuggestion',
  approve: 'approve',
  reject: 'reject',
  flag: 'flag',
  clear: 'clear',
  note: 'note',
  reopen: 'reopen',
  undo: 'undo',
  redo: 'redo',
  import: 'importApply',
};

/** Reasons told with their own sentence: singular and plural, or naming who changed a value. */
type TalkedReason = 'approved' | 'stale' | 'own-coding' | 'not-a-reviewer';

const SKIP_PLURAL: Record<Exclude<TalkedReason, 'stale'>, PluralStem> = {
  approved: 'skipped_approved',
  'own-coding': 'skipped_own_coding',
  'not-a-reviewer': 'skipped_not_a_reviewer',
};

const SKIP_LABEL: Record<Exclude<SkipReason, TalkedReason>, MessageKey> = {
  'no-code': 'skipped_no_code',
  'no-suggestion': 'skipped_no_suggestion',
  unchanged: 'skipped_unchanged',
  'not-a-leaf': 'skipped_not_a_leaf',
  'changed-since': 'skipped_changed_since',
  missing: 'skipped_missing',
};

/** The name of an action kind in messages ("Godkänn", "Sätt kategori"). */
export function actionName(t: T, action: ActionReport['action']): string {
  return t(ACTION_LABEL[action]).replace('…', '');
}

/** Values changed since the person saw them: who changed the first one, and when. */
function describeStale(t: T, r: ActionReport, n: number): string {
  const first = r.stale?.[0];
  const lang = useApp.getState().lang;
  return plural(t, 'skipped_stale', n, {
    raw: first?.raw ?? '',
    by: first?.by ?? t('skipped_stale_someone'),
    time: first?.at ? formatWhen(lang, first.at) : '',
  });
}

function describeSkip(t: T, r: ActionReport, reason: SkipReason, n: number): string {
  if (reason === 'stale') return describeStale(t, r, n);
  if (reason in SKIP_PLURAL) return plural(t, SKIP_PLURAL[reason as keyof typeof SKIP_PLURAL], n);
  return t(SKIP_LABEL[reason as keyof typeof SKIP_LABEL], { n });
}

/** What an action did, in one sentence: never a silent skip. */
export function describeReport(t: T, r: ActionReport): string {
  const head = t('resultChanged', { action: actionName(t, r.action), n: r.changed });
  const tail = (Object.entries(r.skipped) as [SkipReason, number][])
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => describeSkip(t, r, reason, n));
  return [head, ...tail].join(' · ');
}

/**
 * A failed write in plain words: every action is one transaction, so nothing of it was saved;
 * a full disk says so however the browser reported it (never Dexie's "N of M operations failed").
 */
export function describeStorageProblem(t: T, p: StorageProblem): string {
  if (p.kind === 'quota') return t('quotaFull');
  if (p.kind === 'aborted') return t('saveAborted');
  return t('saveFailed', { message: p.detail });
}
