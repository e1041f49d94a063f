import { Component, useState, type ErrorInfo, type ReactNode } from 'react';
import { salvageProjects } from '../../db/repo';
import { openProject, useApp } from '../../state/app';
import { downloadBackup } from '../download';
import { useT } from '../i18n';

// The ways out when something stored breaks a screen or the database will not open (issue 13,
// RELIABILITY.md rule 10): open another project, start without one, save what can be read.
// Nothing here writes to or deletes the database.

/** The address of a safe start: the app opens without the project worked on last. */
export const SAFE_START = '?safe';

/** Whether this page was opened as a safe start. */
export function isSafeStart(search: string): boolean {
  return new URLSearchParams(search).has('safe');
}

/** The projects on this machine, each a button that opens it (all but `except`). */
export function ProjectList({
  except,
  onOpened,
}: {
  except: string | null;
  onOpened?: () => void;
}) {
  const projects = useApp((s) => s.projects);
  const others = projects.filter((p) => p.id !== except);
  return (
    <ul className="project-list" data-testid="project-list">
      {others.map((p) => (
        <li key={p.id}>
          <button
            onClick={() => {
              void openProject(p.id).then(() => onOpened?.());
            }}
          >
            {p.name}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** What a safe start shows: no project is open; choose one. */
export function SafeStart() {
  const t = useT();
  return (
    <main className="center" data-testid="safe-start">
      <h1>{t('safeStartTitle')}</h1>
      <p>{t('safeStartText')}</p>
      <ProjectList except={null} />
    </main>
  );
}

function Fallback({ error, onReset }: { error: Error; onReset: () => void }) {
  const t = useT();
  const current = useApp((s) => s.projectId);
  const name = useApp((s) => s.projects.find((p) => p.id === s.projectId)?.name ?? '');
  return (
    <main className="center" role="alert" data-testid="crashed">
      <h1>{t('crashedTitle')}</h1>
      <p>{t('crashedText', { name })}</p>
      <p>
        <code>{error.message}</code>
      </p>
      <h2>{t('crashedOpenOther')}</h2>
      <ProjectList except={current} onOpened={onReset} />
      <div className="modal-actions">
        <a href={SAFE_START} className="btn" data-testid="safe-start-link">
          {t('safeStartLink')}
        </a>
        <button onClick={() => location.reload()}>{t('reload')}</button>
      </div>
    </main>
  );
}

/**
 * Catches what a screen throws while rendering (a stored state no reader foresaw): instead of a
 * blank page, a way to another project or to the project list.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Kodbok could not show the screen', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return <Fallback error={error} onReset={() => this.setState({ error: null })} />;
  }
}

/**
 * What the can't-open screen offers (RELIABILITY.md rule 10): try again, or "save what can be
 * read": every store that can still be read, store by store, downloaded as one backup file per
 * project; what could not be read is named.
 */
export function OpenFailedActions({ onRetry }: { onRetry: () => void }) {
  const t = useT();
  const [state, setState] = useState<
    | { kind: 'idle' | 'reading' }
    | { kind: 'done'; files: readonly string[]; unreadable: readonly string[] }
  >({ kind: 'idle' });
  const salvage = async () => {
    setState({ kind: 'reading' });
    const { backups, unreadable } = await salvageProjects();
    setState({ kind: 'done', files: backups.map(downloadBackup), unreadable });
  };
  return (
    <>
      <div className="modal-actions">
        <button className="btn-primary" onClick={onRetry}>
          {t('retry')}
        </button>
        <button
          onClick={() => void salvage()}
          disabled={state.kind === 'reading'}
          data-testid="salvage"
        >
          {t('salvage')}
        </button>
      </div>
      {state.kind === 'done' && (
        <div data-testid="salvage-result">
          <p>
            {state.files.length === 0
              ? t('salvageNothing')
              : t('salvageSaved', { files: state.files.join(', ') })}
          </p>
          {state.unreadable.length > 0 && state.files.length > 0 && (
            <p className="warn">{t('salvagePartial', { stores: state.unreadable.join(', ') })}</p>
          )}
        </div>
      )}
    </>
  );
}
