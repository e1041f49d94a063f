import { useRef, useState } from 'react';
import {
  addImportFiles,
  closeImportDialog,
  minimiseImportDialog,
  readBlocker,
  useImport,
  type ImportStep,
} from '../../state/import';
import {
  backToFiles,
  backToSplit,
  commitImportFiles,
  filesToImport,
  readImportFiles,
  reviewImportFiles,
} from '../../state/import-run';
import { useT } from '../i18n';
import { useDismiss } from '../useDismiss';
import { DoneStep } from './DoneStep';
import { FilesStep } from './FilesStep';
import { ReadingProgress } from './ReadingProgress';
import { ReviewStep } from './ReviewStep';
import { SplitStep } from './SplitStep';

const STEPS: readonly ImportStep[] = ['files', 'split', 'review', 'done'];
const ACCEPT = '.xlsx,.xls,.xlsm,.ods,.csv,.tsv,.txt';

/** Import files: pick or drop, choose columns, split, review, and one commit. */
export function ImportDialog() {
  const t = useT();
  const step = useImport((s) => s.step);
  const reading = useImport((s) => s.reading);
  const committing = useImport((s) => s.committing);
  const error = useImport((s) => s.error);
  const blocker = useImport(readBlocker);
  const allRead = useImport((s) => s.files.length > 0 && s.files.every((f) => f.read !== null));
  // Every file read is already in the project (and not chosen again): nothing to store.
  const nothing = useImport((s) => filesToImport(s).length === 0);
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  // Escape or a click outside puts the import aside (as "Arbeta vidare under tiden"): nothing
  // chosen or read is lost, and "Visa importen" brings it back.
  const box = useRef<HTMLDivElement>(null);
  useDismiss(box, () => minimiseImportDialog(true), !committing);

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length > 0) addImportFiles([...e.dataTransfer.files]);
  };

  return (
    <div className="modal-backdrop">
      <div
        ref={box}
        className={`modal imp-dialog${dragging ? ' imp-dragging' : ''}`}
        role="dialog"
        aria-label={t('impTitle')}
        data-testid="import-dialog"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <div className="imp-head">
          <h2>{t('impTitle')}</h2>
          <ol className="imp-steps">
            {STEPS.map((s, i) => (
              <li key={s} className={s === step ? 'active' : ''} data-step={s}>
                {i + 1}. {t(`impStep_${s}`)}
              </li>
            ))}
          </ol>
        </div>
        <div className="imp-body">
          {step === 'files' && <FilesStep onPick={() => input.current?.click()} />}
          {step === 'split' && <SplitStep />}
          {step === 'review' && <ReviewStep />}
          {step === 'done' && <DoneStep />}
        </div>
        {error && (
          <p className="error" role="alert" data-testid="import-error">
            {error === 'cancelled' ? t('impCancelled') : t('impFailed', { message: error })}
          </p>
        )}
        {reading ? (
          <ReadingProgress />
        ) : (
          <div className="modal-actions">
            {step === 'files' && blocker && blocker !== 'no-files' && (
              <span className="imp-blocker warn" data-testid="import-blocker">
                {t(`impBlocked_${blocker}`)}
              </span>
            )}
            <button onClick={closeImportDialog} data-testid="import-close">
              {step === 'done' ? t('close') : t('cancel')}
            </button>
            {step === 'files' && (
              <button
                className="btn-primary"
                disabled={blocker !== null}
                onClick={() => void readImportFiles()}
                data-testid="import-read"
              >
                {allRead ? t('impNextSplit') : t('impRead')}
              </button>
            )}
            {step === 'split' && (
              <>
                <button onClick={backToFiles}>{t('impBackFiles')}</button>
                <button
                  className="btn-primary"
                  onClick={() => void reviewImportFiles()}
                  data-testid="import-review"
                >
                  {t('impNextReview')}
                </button>
              </>
            )}
            {step === 'review' && (
              <>
                <button onClick={backToSplit}>{t('impBackSplit')}</button>
                <button
                  className="btn-primary"
                  disabled={committing || nothing}
                  onClick={() => void commitImportFiles()}
                  data-testid="import-commit-files"
                >
                  {committing ? t('saving') : t('impCommit')}
                </button>
              </>
            )}
          </div>
        )}
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          hidden
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length > 0) addImportFiles(files);
          }}
          data-testid="import-file-input"
        />
      </div>
    </div>
  );
}
