import { formatNumber } from '../../i18n';
import { useApp } from '../../state/app';
import { useImport, type ImportFileState } from '../../state/import';
import { filesToImport, setImportAgain } from '../../state/import-run';
import { useT } from '../i18n';
import { RawText } from '../RawText';
import { noYearMessage, yearsLabel } from './labels';

/** Step 3: what the import will do to the project, before anything is stored. */
export function ReviewStep() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const variables = useApp((s) => s.variables);
  const reviews = useImport((s) => s.reviews);
  const files = useImport((s) => s.files);
  const repeats = useImport((s) => s.repeats);
  const again = useImport((s) => s.again);
  const taken = filesToImport({ ...useImport.getState(), files, repeats, again });
  const n = (x: number) => formatNumber(lang, x);
  const rows = taken.reduce((sum, f) => sum + (f.read?.weight ?? 0), 0);
  const label = (id: string) => variables.find((v) => v.id === id)?.label ?? id;
  return (
    <div className="imp-review" data-testid="import-review-step">
      {repeats.size > 0 && (
        <ul className="imp-repeats warn" data-testid="import-repeats">
          {files.map((f) => {
            const r = repeats.get(f.id);
            if (!r) return null;
            const at = new Date(r.at).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB');
            return (
              <li key={f.id} data-testid="import-repeat" data-file={f.file.name}>
                {r.name === f.file.name
                  ? t('impRepeat', { file: f.file.name, at })
                  : t('impRepeatRenamed', { file: f.file.name, at, earlier: r.name })}{' '}
                <label>
                  <input
                    type="checkbox"
                    checked={again.has(f.id)}
                    onChange={(e) => void setImportAgain(f.id, e.target.checked)}
                    data-testid="import-repeat-again"
                  />{' '}
                  {t('impRepeatAgain')}
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {taken.length === 0 ? (
        <p className="warn" data-testid="import-nothing">
          {t('impNothingToImport')}
        </p>
      ) : (
        <p>{t('impReviewIntro', { files: n(taken.length), rows: n(rows) })}</p>
      )}
      {taken.length > 0 && (
        <table className="imp-table" data-testid="import-review-table">
          <thead>
            <tr>
              <th>{t('variable')}</th>
              <th className="num">{t('impRowsWithValue')}</th>
              <th className="num">{t('impSingleValues')}</th>
              <th className="num">{t('impKnown')}</th>
              <th className="num">{t('impApprovedNow')}</th>
              <th className="num">{t('impNew')}</th>
              <th>{t('impTopNew')}</th>
            </tr>
          </thead>
          <tbody>
            {reviews.map((r) => (
              <tr key={r.variable} data-testid="import-review-row" data-variable={r.variable}>
                <td>
                  {label(r.variable)}
                  {!variables.some((v) => v.id === r.variable) && (
                    <span className="warn"> ({t('impNewVariable')})</span>
                  )}
                </td>
                <td className="num">{n(r.rows)}</td>
                <td className="num">{n(r.values)}</td>
                <td className="num">{n(r.known)}</td>
                <td className="num" title={t('impApprovedRows', { rows: n(r.approvedRows) })}>
                  {n(r.approved)}
                </td>
                <td className="num" data-testid="import-review-new">
                  {n(r.added)}
                </td>
                <td className="imp-top-new">
                  {r.topNew.slice(0, 4).map(([raw, rows]) => (
                    <span key={raw} className="imp-atom">
                      <RawText raw={raw} /> <span className="muted">{n(rows)}</span>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <YearSummary files={taken} />
      <p className="muted imp-small">{t('impReviewRules')}</p>
    </div>
  );
}

/** The years the imported files' rows have, and the rows whose year could not be read. */
export function YearSummary({ files }: { files: readonly ImportFileState[] }) {
  const t = useT();
  const years = [...new Set(files.flatMap((f) => f.read?.years ?? []))].sort((a, b) => a - b);
  if (years.length === 0 && !files.some((f) => f.read?.noYear)) return null;
  return (
    <div className="imp-years" data-testid="import-years">
      <p>{t('impYearsRead', { years: yearsLabel(t, years) })}</p>
      {files.map((f) =>
        f.read?.noYear ? (
          <p key={f.id} className="warn" data-testid="import-no-year-summary">
            {noYearMessage(t, f.file.name, f.read.noYear)}
          </p>
        ) : null,
      )}
    </div>
  );
}
