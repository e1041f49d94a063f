import { formatNumber } from '../../i18n';
import { useApp } from '../../state/app';
import { minimiseImportDialog, useImport } from '../../state/import';
import { cancelReading } from '../../state/import-run';
import { useT } from '../i18n';

/** Progress of reading the files: a bar, rows per second, cancel (and keep working). */
export function ReadingProgress({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const r = useImport((s) => s.reading);
  if (!r) return null;
  const fileShare = r.totalBytes > 0 ? r.bytes / r.totalBytes : 0;
  const share = Math.min(1, (r.index + fileShare) / Math.max(1, r.total));
  const seconds = Math.max(0.001, (performance.now() - r.startedAt) / 1000);
  const perSecond = Math.round(r.rows / seconds);
  return (
    <div className="imp-progress" data-testid="import-progress">
      <div className="imp-progress-text">
        {r.phase === 'workbook' && r.fileRows === 0
          ? t('impReadingWorkbook', { file: r.file })
          : t('impReadingFile', { file: r.file, i: r.index + 1, n: r.total })}
        {' · '}
        <span data-testid="import-rate">
          {t('impRate', { rows: formatNumber(lang, r.rows), rate: formatNumber(lang, perSecond) })}
        </span>
      </div>
      <progress max={1} value={share} aria-label={t('impProgress')} />
      <div className="imp-progress-actions">
        <button onClick={cancelReading} disabled={r.cancelling} data-testid="import-cancel">
          {r.cancelling ? t('impCancelling') : t('cancel')}
        </button>
        {!compact && (
          <button onClick={() => minimiseImportDialog(true)} data-testid="import-minimise">
            {t('impKeepWorking')}
          </button>
        )}
      </div>
    </div>
  );
}
