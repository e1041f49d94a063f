import { Suspense, lazy, useRef, useState } from 'react';
import { MAX_BACKUP_SIZE, readBackupFile, type ProjectBackup } from '../../core/formats/backup';
import { MAX_JSON_SIZE } from '../../core/formats/json';
import { readCodebookBytes, writeCodebookFile } from '../../core/formats/codebook';
import {
  buildMappingFile,
  readMappingBytes,
  writeMappingFile,
  type MappingFile,
} from '../../core/formats/mapping';
import type { FormatError } from '../../core/formats/result';
import {
  planCodebookReplace,
  planMappingImport,
  type CodebookPlan,
  type MappingPlan,
} from '../../core/import-plan';
import type { Codebook, Suggestion } from '../../core/types';
import { appDb } from '../../db/db';
import * as repo from '../../db/repo';
import {
  deleteUpgradeBackup,
  listUpgradeBackups,
  type UpgradeBackupRow,
} from '../../db/upgrade-backup';
import { commitImport, notify, restoreBackup, useApp } from '../../state/app';
import { openImportDialog } from '../../state/import';
import { download, downloadBackup, safeName } from '../download';
import { describeFormatError, tooLargeError } from '../format-error';
import { useT } from '../i18n';
import { RawText } from '../RawText';
import { useDismiss } from '../useDismiss';

// The export dialog brings SheetJS and every export writer: loaded when first opened, so the
// app starts as fast as before.
const ExportDialog = lazy(() =>
  import('./ExportDialog').then((m) => ({ default: m.ExportDialog })),
);

type Staged =
  | { kind: 'refused'; file: string; errors: readonly FormatError[] }
  | { kind: 'backup'; file: string; backup: ProjectBackup; copy: boolean; note: null }
  | {
      kind: 'mapping';
      file: string;
      mapping: MappingFile;
      variable: string;
      plan: MappingPlan;
      note: string | null;
    }
  | {
      kind: 'codebook';
      file: string;
      codebook: Codebook;
      variable: string;
      plan: CodebookPlan;
      note: string | null;
    };

/** A file over `limit` bytes, refused before it is read into memory. */
function tooBig(f: File, limit: number): Staged | null {
  if (f.size <= limit) return null;
  return { kind: 'refused', file: f.name, errors: [tooLargeError(f.size, limit)] };
}

/** Export and import of the approved mapping and the codebook, per FORMATS.md. */
export function ExportImportMenu() {
  const t = useT();
  const [staged, setStaged] = useState<Staged | null>(null);
  const [open, setOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  // The menu (with its button) closes on Escape and on a click outside it.
  const menu = useRef<HTMLDivElement>(null);
  useDismiss(menu, () => setOpen(false), open);
  const mappingInput = useRef<HTMLInputElement>(null);
  const codebookInput = useRef<HTMLInputElement>(null);
  const backupInput = useRef<HTMLInputElement>(null);
  // When the open project was last backed up (RELIABILITY.md rule 8), read when the menu opens.
  const [lastBackup, setLastBackup] = useState<string | null>(null);

  // The backups made before a schema upgrade (db/upgrade-backup.ts), read when the menu opens.
  const [kept, setKept] = useState<readonly UpgradeBackupRow[]>([]);

  const toggle = () => {
    const projectId = useApp.getState().projectId;
    if (!open && projectId) {
      void repo
        .readSetting(appDb(), repo.SETTINGS.lastBackup, projectId)
        .then(setLastBackup, () => undefined);
    }
    if (!open) void listUpgradeBackups().then(setKept, () => undefined);
    setOpen(!open);
  };

  const downloadKept = (b: UpgradeBackupRow) => {
    const name = `${safeName(b.name)}-before-upgrade-v${b.from}-${b.at.slice(0, 16).replace(':', '')}.json`;
    download(name, b.json);
    notify(t('exported', { file: name }));
  };

  const deleteKept = async (b: UpgradeBackupRow) => {
    if (!window.confirm(t('upgradeBackupConfirmDelete', { name: b.name }))) return;
    await deleteUpgradeBackup(b.id).catch((e: unknown) =>
      notify(e instanceof Error ? e.message : String(e), 'error'),
    );
    setKept(await listUpgradeBackups().catch(() => []));
  };

  // A file that recodes or removes what the project holds: back the project up first (rule 8).
  const [backupFirst, setBackupFirst] = useState(true);

  /** Downloads a backup of the open project; false when none could be made. */
  const exportBackup = async (): Promise<boolean> => {
    const s = useApp.getState();
    const project = s.projects.find((p) => p.id === s.projectId);
    setOpen(false);
    if (!project) return false;
    // Reading only: with full storage the download must still work (the time of the backup is
    // noted after it, and a failure there does not stop it).
    const backup = await repo.backupProject(appDb(), project.id).catch((e: unknown) => {
      notify(t('backupFailed', { error: e instanceof Error ? e.message : String(e) }), 'error');
      return null;
    });
    if (!backup) return false;
    const name = downloadBackup(backup);
    notify(t('exported', { file: name }));
    setLastBackup(backup.exportedAt);
    // Only the menu's "last backup" line depends on it: the file is what matters.
    await repo.noteBackup(appDb(), backup).catch(() => undefined);
    return true;
  };

  const stageBackup = async (f: File) => {
    setOpen(false);
    const refused = tooBig(f, MAX_BACKUP_SIZE);
    if (refused) return setStaged(refused);
    const read = readBackupFile(await f.text());
    if (!read.ok) return setStaged({ kind: 'refused', file: f.name, errors: read.errors });
    const copy = useApp.getState().projects.some((p) => p.id === read.value.project.id);
    setStaged({ kind: 'backup', file: f.name, backup: read.value, copy, note: null });
  };

  const exportMapping = (full: boolean) => {
    const s = useApp.getState();
    const variable = s.variables.find((v) => v.id === s.variableId);
    if (!variable) return;
    const top = new Map<string, Suggestion>();
    for (const [raw, list] of s.suggestions) if (list[0]) top.set(raw, list[0]);
    const file = buildMappingFile({
      variable: variable.id,
      codebook: variable.codebook,
      split: variable.split,
      values: s.values,
      suggestions: top,
      full,
      exportedAt: new Date().toISOString(),
    });
    const name = `${safeName(variable.id)}-mapping-${full ? 'full' : 'approved'}-${new Date().toISOString().slice(0, 10)}.json`;
    download(name, writeMappingFile(file), 'application/json');
    notify(t('exported', { file: name }));
    setOpen(false);
  };

  const exportCodebook = () => {
    const s = useApp.getState();
    const variable = s.variables.find((v) => v.id === s.variableId);
    if (!variable) return;
    const name = `${safeName(variable.codebook.id)}-codebook-${safeName(variable.codebook.version ?? 'v')}.json`;
    download(name, writeCodebookFile(variable.codebook), 'application/json');
    notify(t('exported', { file: name }));
    setOpen(false);
  };

  /** Reads, validates and plans; nothing is stored until the user confirms the preview. */
  const stage = async (kind: 'mapping' | 'codebook', f: File) => {
    setOpen(false);
    const refused = tooBig(f, MAX_JSON_SIZE);
    if (refused) return setStaged(refused);
    // Bytes, not f.text(): a file that is not UTF-8 is refused, never read as lossy UTF-8.
    const bytes = new Uint8Array(await f.arrayBuffer());
    const s = useApp.getState();
    const read = kind === 'mapping' ? readMappingBytes(bytes) : readCodebookBytes(bytes);
    if (!read.ok) return setStaged({ kind: 'refused', file: f.name, errors: read.errors });
    // A file names its variable; it goes to that variable of the project, whichever is open.
    const target = s.variables.find((v) => v.id === read.value.variable);
    if (!target) {
      const has = s.variables.map((v) => v.id).join(', ');
      return setStaged({
        kind: 'refused',
        file: f.name,
        errors: [
          {
            path: '/variable',
            message: t('importNoVariable', { file: read.value.variable, has }),
          },
        ],
      });
    }
    const note =
      target.id !== s.variableId
        ? t('importOtherVariable', { file: target.id, current: s.variableId ?? '' })
        : null;
    const values = await repo.loadValues(appDb(), s.projectId ?? '', target.id);
    if (kind === 'mapping') {
      const mapping = read.value as MappingFile;
      setBackupFirst(true);
      setStaged({
        kind: 'mapping',
        file: f.name,
        mapping,
        variable: target.id,
        plan: planMappingImport(repo.byRaw(values), mapping, target.codebook),
        note,
      });
    } else {
      const codebook = read.value as Codebook;
      setBackupFirst(true);
      setStaged({
        kind: 'codebook',
        file: f.name,
        codebook,
        variable: target.id,
        plan: planCodebookReplace(target.codebook, codebook, values),
        note,
      });
    }
  };

  const commit = async () => {
    const s = useApp.getState();
    const st = staged;
    if (!st || st.kind === 'refused') return;
    if (st.kind === 'backup') {
      setStaged(null);
      const restored = await restoreBackup(st.backup, (name) => t('backupCopyName', { name }));
      if (restored) notify(t('backupRestored', { name: restored.name }));
      return;
    }
    if (!s.projectId) return;
    const project = s.projectId;
    setStaged(null);
    if (backupFirst && replacesData(st) && !(await exportBackup())) return;
    const changed = await commitImport(async () => {
      if (st.kind === 'mapping')
        return repo.importMapping(appDb(), project, st.variable, st.mapping, s.user);
      await repo.replaceCodebook(appDb(), project, st.variable, st.codebook, s.user);
      return st.plan.added.length + st.plan.removed.length + st.plan.changed.length;
    });
    // A codebook's count is of categories (added, removed, changed), a mapping's of values.
    if (changed !== undefined)
      notify(t(st.kind === 'codebook' ? 'codebookImportDone' : 'importDone', { n: changed }));
  };

  const onFile = (kind: 'mapping' | 'codebook') => (e: React.ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (f) void stage(kind, f);
  };

  return (
    <div className="menu" ref={menu}>
      <button aria-expanded={open} onClick={toggle} data-testid="export-menu">
        {t('exportImport')} ▾
      </button>
      {open && (
        <div className="menu-list" role="menu">
          <button
            role="menuitem"
            onClick={() => {
              setOpen(false);
              openImportDialog();
            }}
            data-testid="import-files"
          >
            {t('impButton')}
          </button>
          <hr />
          <button
            role="menuitem"
            onClick={() => exportMapping(false)}
            data-testid="export-approved"
          >
            {t('exportApproved')}
          </button>
          <button role="menuitem" onClick={() => exportMapping(true)} data-testid="export-full">
            {t('exportFull')}
          </button>
          <button role="menuitem" onClick={exportCodebook} data-testid="export-codebook">
            {t('exportCodebook')}
          </button>
          <button
            role="menuitem"
            onClick={() => {
              setOpen(false);
              setExporting(true);
            }}
            data-testid="export-tables"
          >
            {t('expMenu')}
          </button>
          <hr />
          <button
            role="menuitem"
            onClick={() => mappingInput.current?.click()}
            data-testid="import-mapping"
          >
            {t('importMapping')}
          </button>
          <button
            role="menuitem"
            onClick={() => codebookInput.current?.click()}
            data-testid="import-codebook"
          >
            {t('importCodebook')}
          </button>
          <hr />
          <button role="menuitem" onClick={() => void exportBackup()} data-testid="export-backup">
            {t('backupExport')}
            <small className="muted" data-testid="last-backup">
              {lastBackup
                ? t('backupLast', { at: new Date(lastBackup).toLocaleString() })
                : t('backupNever')}
            </small>
          </button>
          <button
            role="menuitem"
            onClick={() => backupInput.current?.click()}
            data-testid="import-backup"
          >
            {t('backupRestore')}
          </button>
          {kept.length > 0 && (
            <div data-testid="upgrade-backups">
              <hr />
              <small className="muted">{t('upgradeBackupsTitle')}</small>
              {kept.map((b) => (
                <div key={b.id} className="menu-row" data-testid="upgrade-backup">
                  <span>
                    {t('upgradeBackupItem', {
                      name: b.name,
                      from: b.from,
                      to: b.to,
                      at: new Date(b.at).toLocaleString(),
                    })}
                    {b.unreadable.length > 0 && (
                      <small className="warn">
                        {' '}
                        {t('upgradeBackupPartial', { stores: b.unreadable.join(', ') })}
                      </small>
                    )}
                  </span>
                  <button
                    role="menuitem"
                    onClick={() => downloadKept(b)}
                    data-testid="upgrade-backup-download"
                  >
                    {t('upgradeBackupDownload')}
                  </button>
                  <button
                    role="menuitem"
                    onClick={() => void deleteKept(b)}
                    data-testid="upgrade-backup-delete"
                  >
                    {t('upgradeBackupDelete')}
                  </button>
                </div>
              ))}
            </div>
          )}
        </div>
      )}
      <input
        ref={backupInput}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void stageBackup(f);
        }}
        data-testid="backup-file"
      />
      <input
        ref={mappingInput}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={onFile('mapping')}
        data-testid="mapping-file"
      />
      <input
        ref={codebookInput}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={onFile('codebook')}
        data-testid="codebook-file"
      />
      {exporting && (
        <Suspense fallback={null}>
          <ExportDialog onClose={() => setExporting(false)} />
        </Suspense>
      )}
      {staged && (
        <StagedDialog
          staged={staged}
          backupFirst={backupFirst}
          onBackupFirst={setBackupFirst}
          onCancel={() => setStaged(null)}
          onCommit={() => void commit()}
        />
      )}
    </div>
  );
}

/** Whether committing the staged file recodes or removes anything the project holds. */
function replacesData(staged: Staged): boolean {
  if (staged.kind === 'mapping') return staged.plan.change.length > 0;
  if (staged.kind === 'codebook')
    return staged.plan.removed.length + staged.plan.changed.length > 0;
  return false;
}

function StagedDialog({
  staged,
  backupFirst,
  onBackupFirst,
  onCancel,
  onCommit,
}: {
  staged: Staged;
  backupFirst: boolean;
  onBackupFirst: (on: boolean) => void;
  onCancel: () => void;
  onCommit: () => void;
}) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const box = useRef<HTMLDivElement>(null);
  useDismiss(box, onCancel);
  const empty =
    (staged.kind === 'mapping' && staged.plan.add.length + staged.plan.change.length === 0) ||
    (staged.kind === 'codebook' &&
      staged.plan.added.length + staged.plan.removed.length + staged.plan.changed.length === 0);
  return (
    <div className="modal-backdrop">
      <div
        ref={box}
        className="modal staged"
        role="dialog"
        aria-label={
          staged.kind === 'refused'
            ? t('importRefused', { file: staged.file })
            : t(staged.kind === 'backup' ? 'backupPreviewTitle' : 'importPreviewTitle', {
                file: staged.file,
              })
        }
      >
        {staged.kind === 'refused' ? (
          <>
            <h2 className="error">{t('importRefused', { file: staged.file })}</h2>
            <ul className="errors" data-testid="import-errors">
              {staged.errors.slice(0, 30).map((e, i) => (
                <li key={i}>
                  {e.path && <code>{e.path}</code>}{' '}
                  {/* A syntax error (a CSV or Excel file opened as JSON, most often) carries
                      its line and column: said in the user's language, not the parser's. */}
                  {describeFormatError(t, lang, e)}
                </li>
              ))}
              {staged.errors.length > 30 && <li>… +{staged.errors.length - 30}</li>}
            </ul>
          </>
        ) : (
          <>
            <h2>
              {t(staged.kind === 'backup' ? 'backupPreviewTitle' : 'importPreviewTitle', {
                file: staged.file,
              })}
            </h2>
            {staged.note && <p className="warn">{staged.note}</p>}
            {staged.kind === 'backup' ? (
              <ul data-testid="import-plan">
                <li>
                  {t('backupSummary', {
                    name: staged.backup.project.name,
                    at: new Date(staged.backup.exportedAt).toLocaleString(),
                  })}
                </li>
                <li>
                  {t('backupCounts', {
                    variables: staged.backup.variables.length,
                    values: staged.backup.values.length,
                    actions: staged.backup.history.length,
                    imports: staged.backup.imports.length,
                  })}
                </li>
                <li className={staged.copy ? 'warn' : undefined}>
                  {staged.copy ? t('backupAsCopy') : t('backupAsItself')}
                </li>
              </ul>
            ) : staged.kind === 'mapping' ? (
              <ul data-testid="import-plan">
                <li>{t('importWillAdd', { n: staged.plan.add.length })}</li>
                <li>{t('importWillChange', { n: staged.plan.change.length })}</li>
                <li>{t('importWillKeep', { n: staged.plan.same })}</li>
                {staged.plan.conflicts.length > 0 && (
                  <li className="warn">
                    {t('importConflicts', { n: staged.plan.conflicts.length })}
                    <ul>
                      {staged.plan.conflicts.slice(0, 10).map((c) => (
                        <li key={c.raw}>
                          <RawText raw={c.raw} />: {c.from?.code} → {c.to.code}
                        </li>
                      ))}
                    </ul>
                  </li>
                )}
                {staged.plan.unknownCodes.length > 0 && (
                  <li className="warn">
                    {t('importUnknownCodes', { n: staged.plan.unknownCodes.length })}{' '}
                    {staged.plan.unknownCodes
                      .slice(0, 10)
                      .map((e) => e.code)
                      .join(', ')}
                  </li>
                )}
              </ul>
            ) : (
              <ul data-testid="import-plan">
                <li>
                  {t('importCodebookSummary', {
                    added: staged.plan.added.length,
                    removed: staged.plan.removed.length,
                    changed: staged.plan.changed.length,
                  })}
                </li>
                {staged.plan.orphans > 0 && (
                  <li className="warn">{t('importCodebookOrphans', { n: staged.plan.orphans })}</li>
                )}
              </ul>
            )}
            {empty && <p>{t('importNothing')}</p>}
            {replacesData(staged) && (
              <label className="backup-first">
                <input
                  type="checkbox"
                  checked={backupFirst}
                  onChange={(e) => onBackupFirst(e.target.checked)}
                  data-testid="backup-first"
                />{' '}
                {t('backupFirst')}
              </label>
            )}
          </>
        )}
        <div className="modal-actions">
          <button onClick={onCancel}>{staged.kind === 'refused' ? t('close') : t('cancel')}</button>
          {staged.kind !== 'refused' && !empty && (
            <button className="btn-primary" onClick={onCommit} data-testid="import-commit">
              {staged.kind === 'backup' ? t('backupApply') : t('importApply')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
