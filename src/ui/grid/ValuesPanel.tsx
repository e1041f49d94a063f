import type { GridApi } from 'ag-grid-community';
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import type { Suggestion } from '../../core/types';
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
import { useVariableNotes } from '../../state/notes';
import { openNoteRaws } from '../../core/notes';
import { awaitsRecoding } from '../../core/codebook-edit';
import { categoryIndex } from '../../core/codebook';
import { SidePanel } from '../review/SidePanel';
import { ProjectLog } from '../review/ProjectLog';
import { useImport } from '../../state/import-store';
import { actions, type Action, type ActionContext } from '../actions';
import { CategoryPicker } from '../codebook/CategoryPicker';
import { AcceptAboveDialog } from './AcceptAboveDialog';
import { ActionButton } from '../review/ActionButton';
import { useT } from '../i18n';
import { describeReport } from '../report';
import { buildRows, codesUnder, type GridRow } from './rows';
import { KeyFlow, type FlowGrid } from './keyflow';
import { SearchBox } from './SearchBox';
import { ValuesGrid } from './ValuesGrid';

// Loaded when first opened, not with the first screen.
const RulesPanel = lazy(() =>
  import('../rules/RulesPanel').then((m) => ({ default: m.RulesPanel })),
);

const STATUSES: readonly Status[] = ['uncoded', ...FILE_STATUSES];

/** The grid as the keyboard flow sees it: displayed order and focus, by raw value. */
function flowGrid(api: () => GridApi<GridRow> | null): FlowGrid {
  return {
    focusedRaw: () => {
      const a = api();
      const f = a?.getFocusedCell();
      return f ? (a?.getDisplayedRowAtIndex(f.rowIndex)?.data?.raw ?? null) : null;
    },
    indexOf: (raw) => {
      const node = api()?.getRowNode(raw);
      return node?.displayed && typeof node.rowIndex === 'number' ? node.rowIndex : null;
    },
    rawAt: (i) => (i < 0 ? undefined : api()?.getDisplayedRowAtIndex(i)?.data?.raw),
    focusIndex: (i) => {
      const a = api();
      if (!a) return;
      a.ensureIndexVisible(i);
      a.setFocusedCell(i, a.getFocusedCell()?.column ?? 'raw');
    },
  };
}

const ignoreFocus = () => undefined;

/** Where the picker must not come: the focused row on screen (top and bottom, px). */
function rowBand(index: number | null): { top: number; bottom: number } | null {
  if (index === null) return null;
  const el = document.querySelector(`.values-panel .ag-row[row-index="${index}"]`);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom };
}

interface PickerState {
  readonly raws: readonly string[];
  readonly band: { top: number; bottom: number } | null;
}

/** The data container of the values grid: reads the store, runs actions; ValuesGrid only renders. */
export function ValuesPanel() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const values = useApp((s) => s.values);
  const suggestions = useApp((s) => s.suggestions);
  const combined = useApp((s) => s.combined);
  const suggesting = useApp((s) => s.suggesting);
  const clusters = useApp((s) => s.clusters);
  // New values are those of the newest import, once a project has more than its first one.
  const newImport = useImport((s) => (s.imports.length > 1 ? latestImportId(s) : null));
  const view = useApp((s) => s.view);
  const variableKey = useApp((s) => `${s.projectId}/${s.variableId}`);
  const variable = useApp(() => currentVariable());
  const [selected, setSelected] = useState<string[]>([]);
  const [shown, setShown] = useState(0);
  const [picker, setPicker] = useState<PickerState | null>(null);
  const [acceptAbove, setAcceptAbove] = useState(false);
  const [rulesOpen, setRulesOpen] = useState(false);
  const [focusedRaw, setFocusedRaw] = useState<string | null>(null);
  const [logOpen, setLogOpen] = useState(false);
  const projectId = useApp((s) => s.projectId);
  const variableId = useApp((s) => s.variableId);
  const notes = useVariableNotes(projectId, variableId);
  const openNotes = useMemo(() => openNoteRaws(notes), [notes]);
  const focusedValue = useMemo(
    () => (focusedRaw === null ? null : (values.find((v) => v.raw === focusedRaw) ?? null)),
    [values, focusedRaw],
  );
  const apiRef = useRef<GridApi<GridRow> | null>(null);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const [flow] = useState(
    () =>
      new KeyFlow(
        flowGrid(() => apiRef.current),
        () => selectedRef.current,
      ),
  );

  const codebook = variable?.codebook;
  const rows = useMemo(
    () =>
      codebook ? buildRows(values, suggestions, codebook, t, clusters, newImport, combined) : [],
    [values, suggestions, codebook, t, clusters, newImport, combined],
  );
  // Values waiting to be coded again after a split (issue 11 item 1): marked, and a filter.
  const toRecode = useMemo(() => {
    if (!codebook || !codebook.categories.some((c) => c.recodeSince !== undefined)) return null;
    const index = categoryIndex(codebook);
    const out = new Set(values.filter((v) => awaitsRecoding(v, index)).map((v) => v.raw));
    return out.size > 0 ? out : null;
  }, [codebook, values]);
  const only = useMemo(() => {
    const notesOnly = view.openNotes ? openNotes : null;
    const recodeOnly = view.recodeOnly ? (toRecode ?? new Set<string>()) : null;
    if (!notesOnly || !recodeOnly) return notesOnly ?? recodeOnly;
    return new Set([...notesOnly].filter((raw) => recodeOnly.has(raw)));
  }, [view.openNotes, view.recodeOnly, openNotes, toRecode]);
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
    const raw = flow.current();
    return raw === null ? [] : [raw];
  }, [selected, flow]);

  /** Queues an action behind the keys pressed before it; it runs on the values of its turn. */
  const run = useCallback(
    (action: Action) =>
      flow.push({
        kind: 'act',
        run: async (raws) => {
          if (action.needsSelection && raws.length === 0) {
            notify(t('nothingSelected'));
            return;
          }
          const ctx: ActionContext = {
            raws,
            openPicker: () =>
              setPicker({
                raws,
                band: rowBand(
                  raws.length === 1 && raws[0] !== undefined
                    ? flowGrid(() => apiRef.current).indexOf(raws[0])
                    : null,
                ),
              }),
          };
          const report = await action.perform(ctx);
          if (report === null)
            notify(t(action.name === 'redo' ? 'nothingToRedo' : 'nothingToUndo'));
          else if (report) notify(describeReport(t, report));
        },
      }),
    [flow, t],
  );

  const onKey = useCallback(
    (e: KeyboardEvent) => {
      const plain = !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey;
      if (plain && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        flow.push({ kind: 'move', delta: e.key === 'ArrowDown' ? 1 : -1 });
        return true;
      }
      const action = actions.find((a) => a.keyTest(e));
      if (!action) return false;
      run(action);
      return true;
    },
    [run, flow],
  );

  /** A dialog closed: focus goes back to the grid row it came from. */
  const backToGrid = useCallback(() => flow.refocus(), [flow]);

  const pickerSuggestions = useMemo((): readonly Suggestion[] => {
    if (!picker) return [];
    // Each value's own suggestions first; for several values, the codes most of them share.
    const score = new Map<string, Suggestion & { votes: number }>();
    for (const raw of picker.raws.slice(0, 500)) {
      for (const sg of suggestions.get(raw) ?? []) {
        const had = score.get(sg.code);
        score.set(sg.code, had ? { ...had, votes: had.votes + 1 } : { ...sg, votes: 1 });
      }
    }
    return [...score.values()].sort((a, b) => b.votes - a.votes || b.score - a.score).slice(0, 3);
  }, [picker, suggestions]);
  /** The sort, when it is not the default (most rows first): shown, with a way back. */
  const sortShown = useMemo(() => {
    const model = Array.isArray(view.sortModel)
      ? (view.sortModel as { colId: string; sort: 'asc' | 'desc'; sortIndex?: number | null }[])
      : [];
    const only = model[0];
    if (
      model.length === 0 ||
      (model.length === 1 && only?.colId === 'frequency' && only.sort === 'desc')
    )
      return [];
    const header = (colId: string) =>
      apiRef.current?.getColumn(colId)?.getColDef().headerName ?? colId;
    return [...model]
      .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
      .map((c) => `${header(c.colId)} ${c.sort === 'asc' ? '↑' : '↓'}`);
  }, [view.sortModel]);
  const statusOptions = useMemo(
    // Föreslagen only where a value has it (from a mapping file): the grid shows a suggestion
    // beside an uncoded value, which this filter would not find.
    () => STATUSES.filter((s) => s !== 'suggested' || values.some((v) => v.status === s)),
    [values],
  );

  if (!variable || !codebook) return null;

  return (
    <section className="values-panel" aria-label={variable.label}>
      <div className="toolbar" role="toolbar">
        <SearchBox
          value={view.quick}
          onSearch={(quick) => setView({ quick })}
          placeholder={t('search')}
          label={t('searchLabel')}
          // Filtering and drawing the rows takes about as long as the gap between typed keys
          // (longer beyond ~10 000 values): the grid follows when typing pauses.
          settleMs={values.length > 10_000 ? 150 : 100}
        />
        <select
          aria-label={t('statusFilter')}
          value={view.statuses.length === 1 ? view.statuses[0] : ''}
          onChange={(e) => setView({ statuses: e.target.value ? [e.target.value as Status] : [] })}
        >
          <option value="">{t('allStatuses')}</option>
          {statusOptions.map((s) => (
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
        <label className="field">
          <input
            type="checkbox"
            checked={view.openNotes ?? false}
            onChange={(e) => setView({ openNotes: e.target.checked })}
            data-testid="open-notes"
          />
          {t('withOpenNotes')}
        </label>
        {(toRecode !== null || (view.recodeOnly ?? false)) && (
          <label className="field">
            <input
              type="checkbox"
              checked={view.recodeOnly ?? false}
              onChange={(e) => setView({ recodeOnly: e.target.checked })}
              data-testid="recode-only"
            />
            {t('onlyRecode')} ({toRecode?.size ?? 0})
          </label>
        )}
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
        {(view.quick !== '' ||
          view.statuses.length > 0 ||
          (view.openNotes ?? false) ||
          (view.recodeOnly ?? false) ||
          view.category !== null ||
          view.filterModel !== null) && (
          <button
            onClick={() => {
              setView({
                quick: '',
                statuses: [],
                category: null,
                filterModel: null,
                openNotes: false,
                recodeOnly: false,
              });
              apiRef.current?.setFilterModel(null);
            }}
          >
            {t('clearFilters')}
          </button>
        )}
        {sortShown.length > 0 && (
          <span
            className="sort-chip"
            data-testid="sort-shown"
            title={t('sortShown', { columns: sortShown.join(', ') })}
          >
            ↕ {sortShown.join(', ')}
            <button
              aria-label={t('sortClear')}
              title={t('sortClear')}
              data-testid="sort-clear"
              onClick={() =>
                apiRef.current?.applyColumnState({
                  state: [{ colId: 'frequency', sort: 'desc' }],
                  defaultState: { sort: null },
                })
              }
            >
              ×
            </button>
          </span>
        )}
        {!(view.side ?? false) && (
          <button
            onClick={() => {
              setFocusedRaw(flow.current());
              setView({ side: true });
            }}
            data-testid="side-open"
          >
            {t('sidePanelShow')}
          </button>
        )}
        <span className="spacer" />
        {selected.length > 0 && (
          <span className="muted" data-testid="selection-count">
            {t('selected', { n: selected.length })}
          </span>
        )}
        <button
          onClick={() => apiRef.current?.selectAll('filtered')}
          title={t('selectFilteredTitle', { n: shown })}
          data-testid="select-filtered"
        >
          {t('selectFiltered', { n: shown })}
        </button>
        {selected.length > 0 && (
          <button onClick={() => apiRef.current?.deselectAll()}>{t('selectNone')}</button>
        )}
      </div>
      <div className="toolbar actions" role="toolbar">
        {actions
          .filter((a) => !a.keyOnly)
          .map((a) => (
            <ActionButton key={a.name} action={a} onRun={() => void run(a)} />
          ))}
        <label className="field">
          <input
            type="checkbox"
            checked={view.allSuggestions ?? false}
            onChange={(e) => setView({ allSuggestions: e.target.checked })}
            data-testid="all-suggestions"
          />
          {t('showAllSuggestions')}
        </label>
        <button onClick={() => setAcceptAbove(true)} data-testid="accept-above">
          {t('acceptAbove')}
        </button>
        <button onClick={() => setRulesOpen(true)} data-testid="rules">
          {t('rules')}
        </button>
        <button onClick={() => setLogOpen(true)} data-testid="log">
          {t('logButton')}
        </button>
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
      </div>
      <div className="grid-row">
        {suggesting && (
          // Over the grid's corner, never in a toolbar: its text would wrap a full toolbar to a
          // second line at 1280 px while suggestions are computed (the layout would jump).
          <span className="suggesting-status muted" role="status">
            {t('suggesting', { done: suggesting.done, total: suggesting.total })}
          </span>
        )}
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
            allSuggestions={view.allSuggestions ?? false}
            flow={flow}
            // Only the side panel needs the focused value: no re-render per ↓ while it is closed.
            onFocusRow={view.side ? setFocusedRaw : ignoreFocus}
            onApi={(api) => (apiRef.current = api)}
            onSelection={setSelected}
            onShown={setShown}
            onFilterModel={(m) => setView({ filterModel: Object.keys(m).length > 0 ? m : null })}
            onSortModel={(s) => setView({ sortModel: s })}
            onNote={(raw, note) => void decideOn([raw], { kind: 'note', note })}
            onKey={onKey}
            openNotes={only}
          />
        )}
        {(view.side ?? false) && (
          <SidePanel
            t={t}
            lang={lang}
            project={projectId}
            variable={variableId}
            value={focusedValue}
            notes={notes}
            codebook={codebook}
            combined={focusedValue ? combined.get(focusedValue.raw) : undefined}
            onPickPart={(code) => {
              if (!focusedValue) return;
              void decideOn([focusedValue.raw], { kind: 'assign', code }).then(
                (r) => r && notify(describeReport(t, r)),
              );
            }}
            onClose={() => {
              setView({ side: false });
              backToGrid();
            }}
          />
        )}
      </div>
      <p className="hint muted">
        {t('shortcuts')} · {t('whitespaceHint')}
      </p>
      {logOpen && (
        <ProjectLog
          t={t}
          lang={lang}
          variables={useApp.getState().variables}
          onClose={() => {
            setLogOpen(false);
            backToGrid();
          }}
        />
      )}
      {rulesOpen && (
        <Suspense fallback={null}>
          <RulesPanel
            variableLabel={variable.label}
            codebook={variable.codebook}
            onClose={() => {
              setRulesOpen(false);
              backToGrid();
            }}
          />
        </Suspense>
      )}
      {acceptAbove && (
        <AcceptAboveDialog
          values={values}
          suggestions={suggestions}
          t={t}
          lang={lang}
          onClose={() => {
            setAcceptAbove(false);
            backToGrid();
          }}
          onAccept={(raws) => {
            setAcceptAbove(false);
            backToGrid();
            void acceptSuggestions(raws).then((r) => r && notify(describeReport(t, r)));
          }}
        />
      )}
      {picker && (
        <CategoryPicker
          codebook={codebook}
          t={t}
          raws={picker.raws}
          suggestions={pickerSuggestions}
          combined={picker.raws.length === 1 ? combined.get(picker.raws[0] ?? '') : undefined}
          band={picker.band}
          onClose={() => {
            setPicker(null);
            backToGrid();
          }}
          onPick={(code) => {
            const raws = picker.raws;
            setPicker(null);
            backToGrid();
            // In the queue: keys pressed after the pick wait for the assignment.
            flow.push({
              kind: 'act',
              run: async () => {
                const r = await decideOn(raws, { kind: 'assign', code });
                if (r) notify(describeReport(t, r));
              },
            });
          }}
        />
      )}
    </section>
  );
}
