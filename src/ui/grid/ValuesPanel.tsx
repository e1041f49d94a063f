import type { GridApi } from 'ag-grid-community';
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { FILE_STATUSES, type Status } from '../../core/types';
import {
  acceptSuggestions,
  currentVariable,
  decideOn,
  notify,
  setClusterMode,
  setView,
  takeOutOfCluster,
  useApp,
} from '../../state/app';
import { latestImportId } from '../../state/import-run';
import { useImport } from '../../state/import-store';
import { actions, type Action, type ActionContext } from '../actions';
import { CategoryPicker } from '../codebook/CategoryPicker';
import { AcceptAboveDialog } from './AcceptAboveDialog';
import { ActionButton } from '../review/ActionButton';
import { useT } from '../i18n';
import { describeReport } from '../report';
import { buildRows, codesUnder, type GridRow } from './rows';
import { ValuesGrid } from './ValuesGrid';

// Loaded when first opened, not with the first screen.
const RulesPanel = lazy(() =>
  import('../rules/RulesPanel').then((m) => ({ default: m.RulesPanel })),
);

const STATUSES: readonly Status[] = ['uncoded', ...FILE_STATUSES];

/** The data container of the values grid: reads the store, runs actions; ValuesGrid only renders. */
export function ValuesPanel() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const values = useApp((s) => s.values);
  const suggestions = useApp((s) => s.suggestions);
  const suggesting = useApp((s) => s.suggesting);
  const clusters = useApp((s) => s.clusters);
  // New values are those of the newest import, once a project has more than its first one.
  const newImport = useImport((s) => (s.imports.length > 1 ? latestImportId(s) : null));
  const view = useApp((s) => s.view);
  const variableKey = useApp((s) => `${s.projectId}/${s.variableId}`);
  const variable = useApp(() => currentVariable());
  const [selected, setSelected] = useState<string[]>([]);
  const [shown, setShown] = useState(0);
  const [picker, setPicker] = useState<readonly string[] | null>(null);
  const [acceptAbove, setAcceptAbove] = useState(false);
  const [rulesOpen, setRulesOpen] = useState(false);
  const apiRef = useRef<GridApi<GridRow> | null>(null);

  const codebook = variable?.codebook;
  const rows = useMemo(
    () => (codebook ? buildRows(values, suggestions, codebook, t, clusters, newImport) : []),
    [values, suggestions, codebook, t, clusters, newImport],
  );
  const categories = useMemo(
    () =>
      view.category === null || !codebook
        ? null
        : view.category === ''
          ? ('none' as const)
          : codesUnder(codebook, view.category),
    [view.category, codebook],
  );

  /** The values an action applies to: the selection, or else the focused row. */
  const targets = useCallback((): string[] => {
    if (selected.length > 0) return selected;
    const api = apiRef.current;
    const focused = api?.getFocusedCell();
    const row = focused ? api?.getDisplayedRowAtIndex(focused.rowIndex) : undefined;
    return row?.data ? [row.data.raw] : [];
  }, [selected]);

  const run = useCallback(
    async (action: Action) => {
      const raws = targets();
      if (action.needsSelection && raws.length === 0) {
        notify(t('nothingSelected'));
        return;
      }
      const ctx: ActionContext = { raws, openPicker: () => setPicker(raws) };
      const report = await action.perform(ctx);
      if (report === null) notify(t(action.name === 'redo' ? 'nothingToRedo' : 'nothingToUndo'));
      else if (report) notify(describeReport(t, report));
    },
    [targets, t],
  );

  const onKey = useCallback(
    (e: KeyboardEvent) => {
      const action = actions.find((a) => a.keyTest(e));
      if (!action) return false;
      void run(action);
      return true;
    },
    [run],
  );

  if (!variable || !codebook) return null;

  return (
    <section className="values-panel" aria-label={variable.label}>
      <div className="toolbar" role="toolbar">
        <input
          type="search"
          className="quick"
          placeholder={t('search')}
          aria-label={t('searchLabel')}
          value={view.quick}
          onChange={(e) => setView({ quick: e.target.value })}
        />
        <select
          aria-label={t('statusFilter')}
          value={view.statuses.length === 1 ? view.statuses[0] : ''}
          onChange={(e) => setView({ statuses: e.target.value ? [e.target.value as Status] : [] })}
        >
          <option value="">{t('allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status_${s}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('categoryFilter')}
          value={view.category ?? '*'}
          onChange={(e) => setView({ category: e.target.value === '*' ? null : e.target.value })}
        >
          <option value="*">{t('allCategories')}</option>
          <option value="">{t('noCategory')}</option>
          {codebook.categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.parent ? '\u2003' : ''}
              {c.code} {c.label}
            </option>
          ))}
        </select>
        {newImport && (
          <label className="field">
            <input
              type="checkbox"
              checked={view.onlyNew ?? false}
              onChange={(e) => setView({ onlyNew: e.target.checked })}
              data-testid="only-new"
            />
            {t('onlyNew')}
          </label>
        )}
        {(view.quick !== '' ||
          view.statuses.length > 0 ||
          view.category !== null ||
          view.filterModel !== null) && (
          <button
            onClick={() => {
              setView({ quick: '', statuses: [], category: null, filterModel: null });
              apiRef.current?.setFilterModel(null);
            }}
          >
            {t('clearFilters')}
          </button>
        )}
        <span className="spacer" />
        <span className="muted" data-testid="selection-count">
          {t('selected', { n: selected.length })}
        </span>
        <button onClick={() => apiRef.current?.selectAll('filtered')} data-testid="select-filtered">
          {t('selectFiltered', { n: shown })}
        </button>
        {selected.length > 0 && (
          <button onClick={() => apiRef.current?.deselectAll()}>{t('selectNone')}</button>
        )}
      </div>
      <div className="toolbar actions" role="toolbar">
        {actions.map((a) => (
          <ActionButton key={a.name} action={a} onRun={() => void run(a)} />
        ))}
        <button onClick={() => setAcceptAbove(true)} data-testid="accept-above">
          {t('acceptAbove')}
        </button>
        <button onClick={() => setRulesOpen(true)} data-testid="rules">
          {t('rules')}
        </button>
        <select
          aria-label={t('cluster')}
          value={String(view.cluster ?? 'off')}
          onChange={(e) => {
            const v = e.target.value;
            setClusterMode(v === 'off' || v === 'key' ? v : Number(v));
          }}
          data-testid="cluster-mode"
        >
          <option value="off">{t('clusterOff')}</option>
          <option value="key">{t('clusterKey')}</option>
          {[0.9, 0.8, 0.7].map((th) => (
            <option key={th} value={String(th)}>
              {t('clusterNear', { t: th.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB') })}
            </option>
          ))}
        </select>
        {clusters && (
          <>
            <button
              data-testid="select-cluster"
              onClick={() => {
                const raws = targets();
                const keys = new Set(
                  raws.map((r) => clusters.get(r)?.key).filter((k) => k !== undefined),
                );
                const api = apiRef.current;
                api?.forEachNodeAfterFilter((node) => {
                  if (node.data && keys.has(node.data.cluster)) node.setSelected(true);
                });
              }}
            >
              {t('selectCluster')}
            </button>
            <button data-testid="take-out" onClick={() => takeOutOfCluster(targets())}>
              {t('takeOutOfCluster')}
            </button>
          </>
        )}
        <span className="spacer" />
        {suggesting && (
          <span className="muted" role="status">
            {t('suggesting', { done: suggesting.done, total: suggesting.total })}
          </span>
        )}
      </div>
      {values.length === 0 ? (
        <p className="empty">{t('noValues')}</p>
      ) : (
        <ValuesGrid
          key={variableKey + lang}
          rows={rows}
          t={t}
          lang={lang}
          quick={view.quick}
          statuses={view.statuses}
          categories={categories}
          onlyNew={(view.onlyNew ?? false) && newImport !== null}
          showNew={newImport !== null}
          filterModel={view.filterModel}
          sortModel={view.sortModel}
          clustered={clusters !== null}
          onApi={(api) => (apiRef.current = api)}
          onSelection={setSelected}
          onShown={setShown}
          onFilterModel={(m) => setView({ filterModel: Object.keys(m).length > 0 ? m : null })}
          onSortModel={(s) => setView({ sortModel: s })}
          onNote={(raw, note) => void decideOn([raw], { kind: 'note', note })}
          onKey={onKey}
        />
      )}
      <p className="hint muted">
        {t('shortcuts')} · {t('whitespaceHint')}
      </p>
      {rulesOpen && (
        <Suspense fallback={null}>
          <RulesPanel
            variableLabel={variable.label}
            codebook={variable.codebook}
            onClose={() => setRulesOpen(false)}
          />
        </Suspense>
      )}
      {acceptAbove && (
        <AcceptAboveDialog
          values={values}
          suggestions={suggestions}
          t={t}
          lang={lang}
          onClose={() => setAcceptAbove(false)}
          onAccept={(raws) => {
            setAcceptAbove(false);
            void acceptSuggestions(raws).then((r) => r && notify(describeReport(t, r)));
          }}
        />
      )}
      {picker && (
        <CategoryPicker
          codebook={codebook}
          t={t}
          count={picker.length}
          onClose={() => setPicker(null)}
          onPick={(code) => {
            const raws = picker;
            setPicker(null);
            void decideOn(raws, { kind: 'assign', code }).then(
              (r) => r && notify(describeReport(t, r)),
            );
          }}
        />
      )}
    </section>
  );
}
