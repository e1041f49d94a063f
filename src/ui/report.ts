import type { SkipReason } from '../core/decide';
import type { StorageProblem } from '../db/errors';
import type { MessageKey } from '../i18n';
import type { ActionReport } from '../state/app';
import type { T } from './i18n';

const ACTION_LABEL: Record<ActionReport['action'], MessageKey> = {
  assign: 'assign',
  'accept-suggestion': 'acceptSuggestion',
  approve: 'approve',
  reject: 'reject',
  flag: 'flag',
  clear: 'clear',
  note: 'note',
  undo: 'undo',
  import: 'importApply',
};

const SKIP_LABEL: Record<SkipReason, MessageKey> = {
  'no-code': 'skipped_no_code',
  'no-suggestion': 'skipped_no_suggestion',
  unchanged: 'skipped_unchanged',
  'not-a-leaf': 'skipped_not_a_leaf',
  'changed-since': 'skipped_changed_since',
  missing: 'skipped_missing',
};

/** What an action did, in one sentence: never a silent skip. */
export function describeReport(t: T, r: ActionReport): string {
  const head = t('resultChanged', {
    action: t(ACTION_LABEL[r.action]).replace('…', ''),
    n: r.changed,
  });
  const tail = (Object.entries(r.skipped) as [SkipReason, number][])
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => t(SKIP_LABEL[reason], { n }));
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
