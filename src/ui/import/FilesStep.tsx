import { formatNumber } from '../../i18n';
import { useApp } from '../../state/app';
import {
  confirmDelimiters,
  removeImportFile,
  removeRefusedFiles,
  selectImportFile,
  signatureOf,
  useImport,
  type ImportFileState,
} from '../../state/import';
import { useT, type T } from '../i18n';
import { describeProblem } from './describe-problem';
import { FileDetail } from './FileDetail';
import { ImportHistory } from './ImportHistory';
import { bytesLabel, delimiterName, encodingName, yearsLabel } from './labels';

function formatOf(t: T, f: ImportFileState): string {
  const i = f.inspection;
  if (!i) return '';
  if (i.format === 'workbook')
    return i.sheet ? `${t('impWorkbook')} · ${i.sheet}` : t('impWorkbook');
  return `CSV · ${encodingName(t, i.encoding)} · ${delimiterName(t, i.delimiter)}`;
}

function FileRow({ f, selected }: { f: ImportFileState; selected: boolean }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const yearColumn = useImport((s) => s.mappings.get(signatureOf(f) ?? '')?.year != null);
  const status = f.problem
    ? 'refused'
    : f.inspecting
      ? 'inspecting'
      : f.inspection?.delimiterAmbiguous
        ? 'confirm'
        : f.read
          ? 'read'
          : 'ready';
  return (
    <tr
      className={`imp-file imp-file-${status}${selected ? ' selected' : ''}`}
      onClick={() => selectImportFile(f.id)}
      data-testid="import-file"
      data-file={f.file.name}
      data-status={status}
    >
      <td className="imp-file-name">{f.file.name}</td>
      <td>{f.municipality}</td>
      <td data-testid="import-file-year">
        {f.read
          ? yearsLabel(t, f.read.years)
          : yearColumn
            ? t('impTargetYear')
            : f.year === null
              ? t('impYearsNone')
              : String(f.year)}
      </td>
      <td className="muted">{f.problem ? '' : formatOf(t, f)}</td>
      <td className="num">
        {f.read ? formatNumber(lang, f.read.weight) : f.inspection ? '' : bytesLabel(f.file.size)}
      </td>
      <td className="imp-file-status">
        {f.problem ? (
          <span className="error">{describeProblem(t, lang, f.problem)}</span>
        ) : (
          <span className={status === 'confirm' ? 'warn' : 'muted'}>{t(`impFile_${status}`)}</span>
        )}
      </td>
      <td>
        <button
          className="imp-remove"
          title={t('impRemove')}
          aria-label={t('impRemoveFile', { file: f.file.name })}
          onClick={(e) => {
            e.stopPropagation();
            removeImportFile(f.id);
          }}
        >
          ×
        </button>
      </td>
    </tr>
  );
}

/** Step 1: the files, how each was read, its first rows and which column holds what. */
export function FilesStep({ onPick }: { onPick: () => void }) {
  const t = useT();
  const files = useImport((s) => s.files);
  const selected = useImport((s) => s.selected);
  const refused = files.filter((f) => f.problem).length;
  const ambiguous = files.filter((f) => f.inspection?.delimiterAmbiguous).length;
  const current = files.find((f) => f.id === selected) ?? null;
  return (
    <div className="imp-files-step">
      <div className={`imp-drop${files.length > 0 ? ' compact' : ''}`}>
        <span>{t('impDrop')}</span>
        <button onClick={onPick} data-testid="import-pick">
          {t('impPick')}
        </button>
        <span className="muted">{t('impFormats')}</span>
      </div>
      {files.length > 0 && (
        <>
          <div className="imp-file-tools">
            <b>{t('impFileCount', { n: files.length })}</b>
            {refused > 0 && (
              <button onClick={removeRefusedFiles} data-testid="import-remove-refused">
                {t('impRemoveRefused', { n: refused })}
              </button>
            )}
            {ambiguous > 0 && (
              <button onClick={confirmDelimiters} data-testid="import-confirm-delimiters">
                {t('impConfirmDelimiters', { n: ambiguous })}
              </button>
            )}
          </div>
          <div className="imp-file-list">
            <table>
              <thead>
                <tr>
                  <th>{t('impColFile')}</th>
                  <th>{t('impColMunicipality')}</th>
                  <th>{t('impColYear')}</th>
                  <th>{t('impColFormat')}</th>
                  <th className="num">{t('impColRows')}</th>
                  <th>{t('impColStatus')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {files.map((f) => (
                  <FileRow key={f.id} f={f} selected={f.id === selected} />
                ))}
              </tbody>
            </table>
          </div>
          {current && <FileDetail f={current} />}
        </>
      )}
      <ImportHistory />
    </div>
  );
}
