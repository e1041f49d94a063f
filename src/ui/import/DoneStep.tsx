import { formatNumber } from '../../i18n';
import { useApp } from '../../state/app';
import { useImport } from '../../state/import';
import { filesToImport } from '../../state/import-run';
import { useT } from '../i18n';
import { ImportHistory } from './ImportHistory';
import { YearSummary } from './ReviewStep';

/** Step 4: what the import did; it can be undone from the history below. */
export function DoneStep() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const result = useImport((s) => s.result);
  const files = useImport((s) => s.files);
  if (!result) return null;
  const n = (x: number) => formatNumber(lang, x);
  return (
    <div className="imp-done" data-testid="import-done">
      <p className="imp-done-head">
        {t('impDone', {
          rows: n(result.rows),
          added: n(result.added),
          merged: n(result.merged),
          approved: n(result.approved),
        })}
      </p>
      <YearSummary files={filesToImport({ ...useImport.getState(), files })} />
      <p className="muted">{t('impDoneHint')}</p>
      <ImportHistory />
    </div>
  );
}
