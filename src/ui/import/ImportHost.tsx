import { lazy, Suspense, useEffect } from 'react';
import { useApp } from '../../state/app';
import { closeImportDialog, openImportDialog, useImport } from '../../state/import';
import { watchImports } from '../../state/import-run';
import { useT } from '../i18n';
import { ReadingProgress } from './ReadingProgress';
import './import.css';

// The dialog (and what only it needs) loads when first opened, not with the first screen.
const ImportDialog = lazy(() =>
  import('./ImportDialog').then((m) => ({ default: m.ImportDialog })),
);

/**
 * Where the import lives in the shell: the dialog, the progress chip while files are read in
 * the background, and the project's list of imports kept current. It is opened from the
 * Exportera / importera menu (`openImportDialog`): the header has no room for another button
 * without growing a line.
 */
export function ImportHost() {
  const t = useT();
  const projectId = useApp((s) => s.projectId);
  const open = useImport((s) => s.open);
  const minimised = useImport((s) => s.minimised);
  useEffect(() => {
    const stop = watchImports(projectId);
    // Another project chosen (from the minimised chip's state): this import was for the old one.
    return () => {
      stop();
      closeImportDialog();
    };
  }, [projectId]);
  if (!open) return null;
  if (!minimised)
    return (
      <Suspense fallback={null}>
        <ImportDialog />
      </Suspense>
    );
  return (
    <div className="imp-chip" role="status" data-testid="import-chip">
      <ReadingProgress compact />
      <button onClick={openImportDialog}>{t('impShow')}</button>
    </div>
  );
}
