import { useState } from 'react';
import { boot, currentVariable, setUser, useApp } from '../state/app';
import { CodebookPanel } from './codebook/CodebookPanel';
import { ValuesPanel } from './grid/ValuesPanel';
import { useT } from './i18n';
import { Header } from './shell/Header';
import { Notices } from './shell/Notices';
import { OpenFailedActions, SafeStart } from './shell/Recovery';
import { VariableTabs } from './shell/VariableTabs';

function UserDialog() {
  const t = useT();
  const [name, setName] = useState('');
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        role="dialog"
        aria-label={t('userPrompt')}
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void setUser(name.trim());
        }}
      >
        <h2>{t('appName')}</h2>
        <label className="stack">
          {t('userPrompt')}
          <input
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="user-name"
          />
        </label>
        <div className="modal-actions">
          <button
            type="submit"
            className="btn-primary"
            disabled={!name.trim()}
            data-testid="user-ok"
          >
            {t('setUser')}
          </button>
        </div>
      </form>
    </div>
  );
}

export function App() {
  const t = useT();
  const phase = useApp((s) => s.phase);
  const user = useApp((s) => s.user);
  const hasVariable = useApp(() => currentVariable() !== undefined);
  const hasProject = useApp((s) => s.projectId !== null);
  const [codebookOpen, setCodebookOpen] = useState(false);

  if (phase.kind === 'loading') {
    return (
      <main className="center" aria-busy="true">
        <h1>{t('appName')}</h1>
        <p data-testid="loading">{phase.demo ? t('makingDemo') : t('loading')}</p>
      </main>
    );
  }
  if (phase.kind === 'open-failed') {
    // Never an automatic delete: the database may be the only copy of the team's work.
    return (
      <main className="center" role="alert">
        <h1>{t('openFailedTitle')}</h1>
        <p>{t('openFailed', { message: phase.message })}</p>
        <p>{t('openFailedBackup')}</p>
        <OpenFailedActions onRetry={() => void boot()} />
      </main>
    );
  }
  return (
    <div className="app">
      {(phase.kind === 'reload-needed' || phase.kind === 'blocked') && (
        <div className="banner" role="alert" data-testid="schema-banner">
          {phase.kind === 'reload-needed' ? t('reloadNeeded') : t('blocked')}{' '}
          {phase.kind === 'reload-needed' && (
            <button onClick={() => location.reload()}>{t('reload')}</button>
          )}
        </div>
      )}
      <Header />
      <VariableTabs />
      {phase.kind === 'ready' && !hasProject ? (
        <SafeStart />
      ) : (
        <div className="workspace">
          {hasVariable && <ValuesPanel />}
          <CodebookPanel open={codebookOpen} onToggle={() => setCodebookOpen(!codebookOpen)} />
        </div>
      )}
      <Notices />
      {phase.kind === 'ready' && !user && <UserDialog />}
    </div>
  );
}
