import { formatNumber } from '../../i18n';
import { useApp } from '../../state/app';
import { useImport } from '../../state/import';
import { useT } from '../i18n';
import { RawText } from '../RawText';

/** Step 3: what the import will do to the project, before anything is stored. */
export function ReviewStep() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const variables = useApp((s) => s.variables);
  const reviews = useImport((s) => s.reviews);
  const files = useImport((s) => s.files);
  const n = (x: number) => formatNumber(lang, x);
  const rows = files.reduce((sum, f) => sum + (f.read?.weight ?? 0), 0);
  const label = (id: string) => variables.find((v) => v.id === id)?.label ?? id;
  return (
    <div className="imp-review" data-testid="import-review-step">
      <p>{t('impReviewIntro', { files: n(files.length), rows: n(rows) })}</p>
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
      <p className="muted imp-small">{t('impReviewRules')}</p>
    </div>
  );
}
