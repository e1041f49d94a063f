import type { DecisionKind, Status } from '../../core/types';
import type { NoteEventKind } from '../../core/notes';
import type { Language, MessageKey } from '../../i18n';
import type { T } from '../i18n';

// How the side panel and the log name actions and times, in the user's language.

export type LogKind = DecisionKind | `note_${NoteEventKind}`;

const KIND_LABEL: Record<LogKind, MessageKey> = {
  assign: 'kind_assign',
  'accept-suggestion': 'kind_accept_suggestion',
  approve: 'kind_approve',
  reject: 'kind_reject',
  flag: 'kind_flag',
  clear: 'kind_clear',
  note: 'kind_note',
  undo: 'kind_undo',
  'import-mapping': 'kind_import_mapping',
  note_note: 'kind_note_added',
  note_reply: 'kind_note_reply',
  note_resolve: 'kind_note_resolve',
};

export const LOG_KINDS = Object.keys(KIND_LABEL) as LogKind[];

/** An action's name; a kind this version does not know (a newer tab's) is shown as stored. */
export function kindLabel(t: T, kind: string): string {
  const key = (KIND_LABEL as Record<string, MessageKey | undefined>)[kind];
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
