import { useMemo, useRef, useState } from 'react';
import { foldThreads, type NoteEvent, type NoteThread } from '../../core/notes';
import type { CombinedPart } from '../../core/suggest/combined';
import type { Codebook, RawValue } from '../../core/types';
import type { Language } from '../../i18n';
import { notify } from '../../state/app';
import { useValueHistory, useVariableTallies } from '../../state/notes';
import { noteActions } from '../actions';
import type { T } from '../i18n';
import { RawText } from '../RawText';
import { CombinedParts } from './CombinedParts';
import { codingLabel, formatTime, kindLabel, resolveLabel } from './format';
import { Sources } from './Sources';

interface Props {
  readonly t: T;
  readonly lang: Language;
  readonly project: string | null;
  readonly variable: string | null;
  /** The focused value, or null. */
  readonly value: RawValue | null;
  /** The variable's note events. */
  readonly notes: readonly NoteEvent[];
  readonly codebook: Codebook | null;
  /** The focused value's parts when it probably names several reasons. */
  readonly combined: readonly CombinedPart[] | undefined;
  /** Codes the focused value as one of its parts. */
  readonly onPickPart: (code: string) => void;
  readonly onClose: () => void;
}

/** Beside the grid: the focused value's notes as threads, and its whole history (issue 9 item 4). */
export function SidePanel({
  t,
  lang,
  project,
  variable,
  value,
  notes,
  codebook,
  combined,
  onPickPart,
  onClose,
}: Props) {
  const raw = value?.raw ?? null;
  const history = useValueHistory(project, variable, raw);
  const tallies = useVariableTallies(project, variable);
  const threads = useMemo(
    () => (raw === null ? [] : foldThreads(notes.filter((n) => n.raw === raw))),
    [notes, raw],
  );
  return (
    <aside className="side-panel" aria-label={t('sidePanel')} data-testid="side-panel">
      <div className="side-head">
        <h2>{t('sidePanel')}</h2>
        <button onClick={onClose} aria-label={t('sidePanelHide')}>
          ×
        </button>
      </div>
      {!value ? (
        <p className="muted">{t('sideNoValue')}</p>
      ) : (
        <>
          <div className="side-value" data-testid="side-value">
            <RawText raw={value.raw} />
            <div className="muted">
              {t('sideCurrent', { coding: codingLabel(t, value.code, value.status) })}
            </div>
            {value.note !== '' && (
              <div className="side-value-note">
                <span className="muted">{t('valueNote')}:</span> {value.note}
              </div>
            )}
          </div>
          {combined && codebook && (
            <CombinedParts t={t} codebook={codebook} parts={combined} onPick={onPickPart} />
          )}
          <section aria-label={t('notesTitle')} data-testid="notes">
            <h3>{t('notesTitle')}</h3>
            {threads.length === 0 && <p className="muted">{t('notesEmpty')}</p>}
            {threads.map((th) => (
              <Thread key={th.id} t={t} lang={lang} raw={value.raw} thread={th} />
            ))}
            <Composer
              t={t}
              placeholder={t('notePlaceholder')}
              button={t('noteAdd')}
              testId="note-new"
              onSend={(text) => noteActions.noteAdd.perform(value.raw, { kind: 'note', text })}
            />
          </section>
          <section aria-label={t('history')} data-testid="value-history">
            <h3>{t('history')}</h3>
            {history.length === 0 && <p className="muted">{t('historyEmpty')}</p>}
            <ol className="side-history">
              {[...history].reverse().map((h, i) => (
                <li key={`${h.batch}-${i}`}>
                  <div>
                    <b>{kindLabel(t, h.kind)}</b> · {h.by} · {formatTime(lang, h.at)}
                  </div>
                  <div className="muted">
                    {codingLabel(t, h.before.code, h.before.status)} →{' '}
                    {codingLabel(t, h.code, h.status)}
                  </div>
                  {h.resolve && (
                    <div className="muted" data-testid="history-resolve">
                      {resolveLabel(t, h.resolve)}
                    </div>
                  )}
                  {h.note !== h.before.note && h.note !== '' && (
                    <div className="muted">{t('historyNote', { note: h.note })}</div>
                  )}
                </li>
              ))}
            </ol>
          </section>
          <Sources t={t} lang={lang} tally={raw === null ? undefined : tallies?.get(raw)} />
        </>
      )}
    </aside>
  );
}

function Thread({
  t,
  lang,
  raw,
  thread,
}: {
  t: T;
  lang: Language;
  raw: string;
  thread: NoteThread;
}) {
  return (
    <div className={thread.resolved ? 'thread resolved' : 'thread'} data-testid="note-thread">
      {thread.events.map((e) => (
        <div key={e.id} className="note-event">
          <div className="note-meta">
            <b>{e.by}</b> · {formatTime(lang, e.at)} ·{' '}
            <span className="muted">{t('noteCodeAt', { code: e.code ?? t('noteUncoded') })}</span>
          </div>
          <div className="note-text">{e.text}</div>
        </div>
      ))}
      {thread.resolved ? (
        <div className="muted note-resolved">
          {t('noteResolvedBy', {
            by: thread.resolved.by,
            at: formatTime(lang, thread.resolved.at),
          })}
        </div>
      ) : (
        <>
          <Composer
            t={t}
            placeholder={t('noteReplyPlaceholder')}
            button={t('noteReply')}
            testId="note-reply"
            onSend={(text) =>
              noteActions.noteReply.perform(raw, { kind: 'reply', thread: thread.id, text })
            }
          />
          <button
            data-testid="note-resolve"
            onClick={() =>
              void noteActions.noteResolve.perform(raw, { kind: 'resolve', thread: thread.id })
            }
          >
            {t('noteResolve')}
          </button>
        </>
      )}
    </div>
  );
}

function Composer({
  t,
  placeholder,
  button,
  testId,
  onSend,
}: {
  t: T;
  placeholder: string;
  button: string;
  testId: string;
  onSend: (text: string) => Promise<boolean>;
}) {
  const [text, setText] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const send = async () => {
    if (text.trim() === '') {
      notify(t('noteEmptyText'));
      area.current?.focus();
      return;
    }
    if (await onSend(text)) setText('');
  };
  return (
    <div className="composer">
      <textarea
        ref={area}
        rows={2}
        placeholder={placeholder}
        aria-label={placeholder}
        value={text}
        data-testid={`${testId}-text`}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // Ctrl+Enter sends, as in most chat and review tools.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <button data-testid={testId} onClick={() => void send()}>
        {button}
      </button>
    </div>
  );
}
