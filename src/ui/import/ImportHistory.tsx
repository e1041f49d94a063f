import { useState } from 'react';
import { formatNumber } from '../../i18n';
import { useApp } from '../../state/app';
import { useImport } from '../../state/import';
import { latestImportId, undoFileImport } from '../../state/import-run';
import { useT } from '../i18n';
import { yearsLabel } from './labels';

/** The project's imports, newest first; the newest can be undone as a unit. */
export function ImportHistory() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const imports = useImport((s) => s.imports);
  const latest = useImport(latestImportId);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  if (imports.length === 0) return null;
  const n = (x: number) => formatNumber(lang, x);
  const undo = async (id: string) => {
    setMessage(null);
    const out = await undoFileImport(id);
    if (!out) return;
    if (out.ok) setMessage({ text: t('impUndone', { removed: n(out.removed) }), error: false });
    else if (out.reason === 'decided')
      setMessage({
        text: t('impUndoDecided', {
          n: n(out.values.length),
          values: out.values
            .slice(0, 8)
            .map((v) => `"${v.raw}"`)
            .join(', '),
        }),
        error: true,
      });
    else setMessage({ text: t('impUndoNotLatest'), error: true });
  };
  return (
    <section className="imp-history" data-testid="import-history">
      <h3>{t('impHistory')}</h3>
      <table className="imp-table">
        <tbody>
          {[...imports].reverse().map((r) => {
            const rows = r.files.reduce((sum, f) => sum + f.rows, 0);
            const added = r.variables.reduce((sum, v) => sum + v.added, 0);
            const years = [...new Set(r.files.flatMap((f) => f.years ?? []))].sort((a, b) => a - b);
            return (
              <tr key={r.id} className={r.undone ? 'muted' : ''} data-testid="import-history-row">
                <td>{new Date(r.at).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB')}</td>
                <td>{r.by}</td>
                <td title={r.files.map((f) => f.name).join('\n')}>
                  {r.files.length === 1
                    ? r.files[0]?.name
                    : t('impNFiles', { n: n(r.files.length) })}
                </td>
                <td data-testid="import-history-years">
                  {years.length > 0 ? yearsLabel(t, years) : ''}
                </td>
                <td className="num">{t('impNRows', { n: n(rows) })}</td>
                <td className="num">{t('impNAdded', { n: n(added) })}</td>
                <td>
                  {r.undone ? (
                    t('impWasUndone')
                  ) : r.id === latest ? (
                    <button onClick={() => void undo(r.id)} data-testid="import-undo">
                      {t('impUndo')}
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {message && (
        <p
          className={message.error ? 'error' : 'ok'}
          role="status"
          data-testid="import-undo-message"
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
