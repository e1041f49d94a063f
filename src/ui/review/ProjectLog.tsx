import { useEffect, useMemo, useRef, useState } from 'react';
import type { VariableRow } from '../../db/db';
import type { Language } from '../../i18n';
import { loadProjectLog } from '../../state/notes';
import { reportError } from '../../state/store';
import { download } from '../download';
import type { T } from '../i18n';
import { RawText } from '../RawText';
import { useDismiss } from '../useDismiss';
import { formatTime, kindLabel } from './format';
import { entryAction, filterLog, logCsv, logEntries, type LogEntry } from './log';

const SHOWN = 300;

/** The project-wide log of every action, filterable by person, date and action, as CSV too. */
export function ProjectLog({
  t,
  lang,
  variables,
  onClose,
}: {
  t: T;
  lang: Language;
  variables: readonly VariableRow[];
  onClose: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useDismiss(box, onClose);
  const [entries, setEntries] = useState<LogEntry[] | null>(null);
  const [by, setBy] = useState('');
  const [kind, setKind] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  useEffect(() => {
    loadProjectLog()
      .then((log) => setEntries(log ? logEntries(log.history, log.notes) : []))
      .catch(reportError);
  }, []);
  const people = useMemo(() => [...new Set((entries ?? []).map((e) => e.by))].sort(), [entries]);
  const kinds = useMemo(() => [...new Set((entries ?? []).map((e) => e.kind))], [entries]);
  const shown = useMemo(
    () =>
      filterLog(entries ?? [], {
        by: by || null,
        kind: kind || null,
        from: from || null,
        to: to || null,
      }),
    [entries, by, kind, from, to],
  );
  const label = (id: string) => variables.find((v) => v.id === id)?.label ?? id;
  return (
    <div className="modal-backdrop">
      <div ref={box} className="modal log" role="dialog" aria-label={t('logTitle')}>
        <h2>{t('logTitle')}</h2>
        <div className="toolbar">
          <select aria-label={t('logPerson')} value={by} onChange={(e) => setBy(e.target.value)}>
            <option value="">{t('logAllPeople')}</option>
            {people.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <select
            aria-label={t('logAction')}
            value={kind}
            onChange={(e) => setKind(e.target.value)}
          >
            <option value="">{t('logAllActions')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindLabel(t, k)}
              </option>
            ))}
          </select>
          <label className="field">
            {t('logFrom')}
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field">
            {t('logTo')}
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <span className="spacer" />
          <span className="muted" data-testid="log-count">
            {t('logCount', { n: shown.length })}
          </span>
          <button
            data-testid="log-export"
            disabled={shown.length === 0}
            onClick={() =>
              download(
                `kodbok-logg-${new Date().toISOString().slice(0, 10)}.csv`,
                logCsv(t, shown),
                'text/csv;charset=utf-8',
              )
            }
          >
            {t('logExport')}
          </button>
        </div>
        <div className="log-list">
          <table>
            <thead>
              <tr>
                <th>{t('logColTime')}</th>
                <th>{t('logColPerson')}</th>
                <th>{t('logColVariable')}</th>
                <th>{t('logColAction')}</th>
                <th>{t('logColValue')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, SHOWN).map((e) => (
                <tr key={e.key} data-testid="log-entry">
                  <td>{formatTime(lang, e.at)}</td>
                  <td>{e.by}</td>
                  <td>{label(e.variable)}</td>
                  <td>{entryAction(t, e)}</td>
                  <td>
                    {e.lines.length === 1 && e.lines[0] ? (
                      <>
                        <RawText raw={e.lines[0].raw} />
                        {e.kind.startsWith('note_') && e.lines[0].note !== '' && (
                          <div className="muted">{e.lines[0].note}</div>
                        )}
                      </>
                    ) : (
                      t('logValues', { n: e.lines.length })
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length > SHOWN && (
            <p className="muted">{t('logMore', { shown: SHOWN, n: shown.length })}</p>
          )}
        </div>
        <div className="modal-actions">
          <button onClick={onClose}>{t('close')}</button>
        </div>
      </div>
    </div>
  );
}
