import { useEffect } from 'react';
import { useApp } from '../../state/app';
import { closeImportDialog, openImportDialog, useImport } from '../../state/import';
import { watchImports } from '../../state/import-run';
import { useT } from '../i18n';
import { ImportDialog } from './ImportDialog';
import { ReadingProgress } from './ReadingProgress';
import './import.css';

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
  if (!minimised) return <ImportDialog />;
  return (
    <div className="imp-chip" role="status" data-testid="import-chip">
      <ReadingProgress compact />
      <button onClick={openImportDialog}>{t('impShow')}</button>
    </div>
  );
}
