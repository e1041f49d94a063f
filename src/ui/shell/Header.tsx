import { lazy, Suspense, useState, type ComponentType } from 'react';
import { LANGUAGES, type Language, type MessageKey } from '../../i18n';
import {
  eraseAllLocalData,
  newProject,
  openProject,
  removeProject,
  setLanguage,
  useApp,
  useReview,
} from '../../state/app';
import { ImportHost } from '../import/ImportHost';
import { TeamIndicator } from '../team/TeamDialogs';
import { useTeam } from '../../state/team';
import { useT } from '../i18n';
import { describeStorageProblem } from '../report';

// The menu's formats, schemas and backup code load after the first screen.
const ExportImportMenu = lazy(() =>
  import('../export/ExportImportMenu').then((m) => ({ default: m.ExportImportMenu })),
);

// The overview's charts bring Observable Plot and d3: loaded when first opened.
const OverviewDialog = lazy(() =>
  import('../overview/OverviewDialog').then((m) => ({ default: m.OverviewDialog })),
);

/** A header button that opens a lazily loaded dialog of the open project. */
function DialogButton({
  label,
  title,
  testId,
  Dialog,
}: {
  label: MessageKey;
  title: MessageKey;
  testId: string;
  Dialog: ComponentType<{ onClose: () => void }>;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const projectId = useApp((s) => s.projectId);
  return (
    <>
      <button
        onClick={() => setOpen(true)}
        disabled={projectId === null}
        title={t(title)}
        data-testid={testId}
      >
        {t(label)}
      </button>
      {open && (
        <Suspense fallback={null}>
          <Dialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}

function megabytes(bytes: number, lang: Language): string {
  const n = (x: number) =>
    x.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 });
  return bytes >= 1e9 ? `${n(bytes / 1e9)} GB` : `${n(bytes / 1e6)} MB`;
}

/**
 * Whether the browser may evict the work, and the space used (RELIABILITY.md rule 8). `compact`
 * (a project shared with a team, whose server holds it too): the space only, the rest in its title.
 */
function StorageIndicator({ compact }: { compact: boolean }) {
  const t = useT();
  const persisted = useApp((s) => s.persisted);
  const storage = useApp((s) => s.storage);
  const lang = useApp((s) => s.lang);
  if (persisted === null || !storage) return null;
  const used = megabytes(storage.usage, lang);
  const text = persisted ? t('storagePersisted', { used }) : t('storageNotPersisted', { used });
  const title = t('storageTitle', { used, quota: megabytes(storage.quota, lang) });
  return (
    <span
      className={persisted ? 'storage muted' : 'storage warn'}
      title={compact ? `${text}. ${title}` : title}
      data-testid="storage"
    >
      {compact ? used : text}
    </span>
  );
}

function SaveIndicator() {
  const t = useT();
  const save = useApp((s) => s.save);
  const lang = useApp((s) => s.lang);
  switch (save.state) {
    case 'idle':
      return <span className="save muted">{t('localOnly')}</span>;
    case 'saving':
      return (
        <span className="save muted" data-testid="save-state">
          {t('saving')}
        </span>
      );
    case 'saved':
      return (
        <span className="save ok" data-testid="save-state" data-saved="true">
          {t('saved', { time: save.at.toLocaleTimeString(lang === 'sv' ? 'sv-SE' : 'en-GB') })}
        </span>
      );
    case 'error':
      return (
        <span className="save error" role="alert" data-testid="save-state">
          {describeStorageProblem(t, save.problem)}
        </span>
      );
  }
}

export function Header() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const user = useApp((s) => s.user);
  const projects = useApp((s) => s.projects);
  const projectId = useApp((s) => s.projectId);
  const project = projects.find((p) => p.id === projectId);
  // Connected, the header holds the team's state too: it makes room on its one line (styles.css).
  const linked = useTeam((s) => s.state !== 'solo');

  const onProject = (value: string) => {
    if (value === '__new-empty') {
      const name = window.prompt(t('projectNamePrompt'), t('emptyProjectName'));
      if (name) void newProject('empty', name);
    } else if (value === '__new-demo') {
      void newProject('demo', t('demoProjectName'));
    } else if (value === '__erase') {
      // For shared computers: everything on this machine goes, after typing the word.
      if (window.prompt(t('eraseConfirm'))?.trim() === t('eraseWord')) void eraseAllLocalData();
    } else if (value === '__delete' && project) {
      if (window.confirm(t('confirmDelete', { name: project.name })))
        void removeProject(project.id);
    } else if (value) {
      void openProject(value);
    }
  };

  return (
    <header className={linked ? 'app-header team-linked' : 'app-header'}>
      <div className="brand">
        <b>{t('appName')}</b> <span className="muted">{t('tagline')}</span>
      </div>
      <label className="field">
        <span className="field-name">{t('project')}</span>
        <select
          value={projectId ?? ''}
          onChange={(e) => onProject(e.target.value)}
          data-testid="project-select"
        >
          {projectId === null && <option value="">{t('noProjectOpen')}</option>}
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
          <option disabled>──────────</option>
          <option value="__new-empty">{t('newEmptyProject')}</option>
          <option value="__new-demo">{t('newDemoProject')}</option>
          <option value="__delete">{t('deleteProject')}</option>
          <option value="__erase">{t('eraseAll')}</option>
        </select>
      </label>
      <Suspense fallback={null}>
        <ExportImportMenu />
      </Suspense>
      {/* Översikt: the project's charts (issue 11 item 4), beside the export menu. */}
      <DialogButton
        label="ovButton"
        title="ovButtonTitle"
        testId="overview-open"
        Dialog={OverviewDialog}
      />
      <ImportHost />
      <span className="spacer" />
      <StorageIndicator compact={linked} />
      <TeamIndicator />
      <SaveIndicator />
      <button
        className="user"
        title={t('membersTitle')}
        onClick={() => useReview.setState({ membersOpen: true })}
        data-testid="user"
      >
        {t('user')}: {user || t('setUser')}
      </button>
      <label className="field">
        <span className="field-name">{t('language')}</span>
        <select
          value={lang}
          onChange={(e) => void setLanguage(e.target.value as Language)}
          data-testid="language"
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {l === 'sv' ? 'Svenska' : 'English'}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
