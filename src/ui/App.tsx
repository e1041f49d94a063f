import { lazy, Suspense, useState } from 'react';
import { boot, currentVariable, useApp, useReview } from '../state/app';
import { CodebookPanel } from './codebook/CodebookPanel';
import { ValuesPanel } from './grid/ValuesPanel';
import { useT } from './i18n';
import { Header } from './shell/Header';
import { Notices } from './shell/Notices';
import { MembersDialog } from './review/MembersDialog';
import { QuestionDialog } from './review/QuestionDialog';
import { OpenFailedActions, SafeStart } from './shell/Recovery';
import { VariableTabs } from './shell/VariableTabs';

// Blind double coding (issue 10 item 6), opened from the members dialog: loaded when first opened.
const DoubleCodingDialog = lazy(() =>
  import('./review/DoubleCodingDialog').then((m) => ({ default: m.DoubleCodingDialog })),
);

export function App() {
  const t = useT();
  const phase = useApp((s) => s.phase);
  const user = useApp((s) => s.user);
  const hasVariable = useApp(() => currentVariable() !== undefined);
  // The person says who she is: at the start, and in a project whose members do not list her.
  const listed = useReview(
    (s) =>
      !s.peopleLoaded ||
      s.people.members.length === 0 ||
      s.people.members.some((m) => m.name === user),
  );
  const membersOpen = useReview((s) => s.membersOpen);
  const hasProject = useApp((s) => s.projectId !== null);
  const [codebookOpen, setCodebookOpen] = useState(false);
  const [doubleCoding, setDoubleCoding] = useState(false);

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
        <p data-testid="open-failed-message">
          {phase.upgrade
            ? t('upgradeBackupFailed', { ...phase.upgrade, message: phase.message })
            : t('openFailed', { message: phase.message })}
        </p>
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
      {phase.kind === 'ready' && (!user || !listed) ? (
        <MembersDialog mode="sign-in" />
      ) : (
        membersOpen && (
          <MembersDialog
            mode="manage"
            onClose={() => useReview.setState({ membersOpen: false })}
            onDoubleCoding={
              hasVariable
                ? () => {
                    useReview.setState({ membersOpen: false });
                    setDoubleCoding(true);
                  }
                : undefined
            }
          />
        )
      )}
      {doubleCoding && (
        <Suspense fallback={null}>
          <DoubleCodingDialog onClose={() => setDoubleCoding(false)} />
        </Suspense>
      )}
      <QuestionDialog />
    </div>
  );
}
