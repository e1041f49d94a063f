import { MAX_TEXT_LENGTH } from '../../core/limits';
import type {
  ColDef,
  ColumnState,
  FilterModel,
  GridApi,
  GridReadyEvent,
  ICellRendererComp,
  ICellRendererParams,
  IRowNode,
  ValueFormatterParams,
} from 'ag-grid-community';
import { themeQuartz } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Status } from '../../core/types';
import type { Language } from '../../i18n';
import { formatNumber, formatPercent } from '../../i18n';
import type { T } from '../i18n';
import { rawSegments } from '../RawText';
import type { KeyFlow } from './keyflow';
import { passesQuick, passesViewFilter, quickWords, type GridRow } from './rows';

const theme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  rowHeight: 30,
  headerHeight: 34,
  spacing: 6,
  accentColor: '#1f4e79',
});

export interface ValuesGridProps {
  readonly rows: readonly GridRow[];
  readonly t: T;
  readonly lang: Language;
  readonly quick: string;
  readonly statuses: readonly Status[];
  readonly categories: ReadonlySet<string> | 'none' | null;
  readonly onlyNew: boolean;
  /** Show the column marking new values (the project has had more than one import). */
  readonly showNew: boolean;
  readonly filterModel: unknown;
  readonly sortModel: unknown;
  /** Show the cluster columns and sort members next to each other. */
  readonly clustered: boolean;
  /** Show the second and third suggestions as columns of their own. */
  readonly allSuggestions: boolean;
  /** The keyboard flow: queued keys, focus by raw value, decided rows kept in view. */
  readonly flow: KeyFlow;
  readonly onApi: (api: GridApi<GridRow> | null) => void;
  readonly onSelection: (raws: string[]) => void;
  readonly onShown: (count: number) => void;
  readonly onFilterModel: (model: FilterModel) => void;
  readonly onSortModel: (state: ColumnState[]) => void;
  readonly onNote: (raw: string, note: string) => void;
  /** A key pressed on a row (not while editing). Returns true when it was handled. */
  readonly onKey: (e: KeyboardEvent) => boolean;
  /** Only these values (the filter "with open notes"), or null for all. */
  readonly openNotes: ReadonlySet<string> | null;
  /** The focused row changed (by keyboard, click or the flow). */
  readonly onFocusRow: (raw: string | null) => void;
}

/**
 * The raw value as text with its whitespace made visible. A plain DOM renderer, not a React
 * component: it is created for every row scrolled into view, and text nodes can never be HTML.
 */
class RawCellRenderer implements ICellRendererComp<GridRow> {
  private el = document.createElement('span');
  init(p: ICellRendererParams<GridRow, string>): void {
    this.el.className = 'raw';
    this.render(p.value ?? '');
  }
  getGui(): HTMLElement {
    return this.el;
  }
  refresh(p: ICellRendererParams<GridRow, string>): boolean {
    this.render(p.value ?? '');
    return true;
  }
  private render(raw: string): void {
    this.el.title = raw;
    this.el.replaceChildren(
      ...rawSegments(raw).map((seg) => {
        if (!seg.visible) return document.createTextNode(seg.text);
        const ws = document.createElement('span');
        ws.className = 'ws';
        ws.textContent = seg.text;
        return ws;
      }),
    );
  }
}

/** What changed from one rows array to the next: by place when only rows were replaced or added. */
function rowChanges(
  prev: readonly GridRow[],
  next: readonly GridRow[],
): { add: GridRow[]; update: GridRow[]; remove: GridRow[] } {
  const add: GridRow[] = [];
  const update: GridRow[] = [];
  let byPlace = next.length >= prev.length;
  for (let i = 0; byPlace && i < prev.length; i++) {
    if (prev[i] === next[i]) continue;
    if (prev[i]!.raw === next[i]!.raw) update.push(next[i]!);
    else byPlace = false;
  }
  if (byPlace) return { add: next.slice(prev.length), update, remove: [] };
  // Rows removed or moved: compare by raw value.
  const before = new Map(prev.map((r) => [r.raw, r]));
  const after = new Set<string>();
  update.length = 0;
  for (const r of next) {
    after.add(r.raw);
    const p = before.get(r.raw);
    if (!p) add.push(r);
    else if (p !== r) update.push(r);
  }
  return { add, update, remove: prev.filter((r) => !after.has(r.raw)) };
}

const STOP_KEYS = new Set(['Enter', 'Delete', 'Backspace']);

/** A suggestion column beyond the first: its code and label, with the score. */
function moreSuggestion(rank: 1 | 2, t: T, lang: Language): ColDef<GridRow> {
  return {
    colId: `suggestion${rank + 1}`,
    headerName: t('colSuggestionN', { n: rank + 1 }),
    width: 210,
    filter: 'agTextColumnFilter',
    valueGetter: (p) => {
      const s = p.data?.more[rank - 1];
      return s ? `${s.label} (${formatScore(lang, s.score)})` : '';
    },
    tooltipValueGetter: (p) => p.data?.more[rank - 1]?.via ?? '',
  };
}

function formatScore(lang: Language, score: number): string {
  return score.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

export function ValuesGrid(props: ValuesGridProps) {
  const { t, lang, clustered, showNew, allSuggestions, flow } = props;
  const apiRef = useRef<GridApi<GridRow> | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  // The search box is this grid's own filter, not ag-grid's quick filter: that one rebuilt and
  // walked every column of every row on each keystroke (328 ms at 50 000 values); this one
  // reads one lower-cased text per row, kept while the row is unchanged (rows.ts quickText).
  const words = useMemo(() => quickWords(props.quick), [props.quick]);
  const filters = {
    statuses: props.statuses,
    categories: props.categories,
    onlyNew: props.onlyNew,
    openNotes: props.openNotes,
    words,
  };
  const filterRef = useRef(filters);
  filterRef.current = filters;

  const columnDefs = useMemo<ColDef<GridRow>[]>(
    () => [
      {
        field: 'raw',
        headerName: t('colRaw'),
        flex: 2,
        minWidth: 220,
        cellRenderer: RawCellRenderer,
        filter: 'agTextColumnFilter',
        // Sorting and searching use the text exactly, whitespace included.
        comparator: (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0),
      },
      {
        field: 'frequency',
        headerName: t('colFrequency'),
        width: 100,
        filter: 'agNumberColumnFilter',
        sort: 'desc',
        valueFormatter: (p: ValueFormatterParams<GridRow, number>) =>
          formatNumber(lang, p.value ?? 0),
        cellClass: 'num',
      },
      // Value, rows, status and note first: all in view at 1280 px, also beside the side panel.
      {
        field: 'statusLabel',
        colId: 'status',
        headerName: t('colStatus'),
        width: 130,
        cellClass: (p) => `st st-${p.data?.status ?? 'uncoded'}`,
        filter: 'agTextColumnFilter',
      },
      {
        field: 'note',
        headerName: t('colNote'),
        width: 160,
        editable: true,
        cellEditor: 'agLargeTextCellEditor',
        // ag-grid's default is 200 characters; a note may be as long as in a mapping file.
        cellEditorParams: { maxLength: MAX_TEXT_LENGTH },
        cellEditorPopup: true,
        filter: 'agTextColumnFilter',
        // Enter and Delete belong to the value actions; F2 or a double click edits the note.
        suppressKeyboardEvent: (p) => !p.editing && STOP_KEYS.has(p.event.key),
      },
      {
        field: 'category',
        colId: 'category',
        headerName: t('colCategory'),
        flex: 2,
        minWidth: 200,
        cellClass: (p) => (p.data?.unknownCode ? 'unknown-code' : undefined),
        filter: 'agTextColumnFilter',
        valueGetter: (p) => (p.data?.code ? `${p.data.code} ${p.data.category}` : ''),
      },
      {
        field: 'suggestionLabel',
        colId: 'suggestion',
        headerName: t('colSuggestion'),
        flex: 2,
        minWidth: 200,
        filter: 'agTextColumnFilter',
        tooltipField: 'suggestionVia',
      },
      {
        // A value that probably names several reasons: a word, not only a colour (issue 12 item 6).
        field: 'combined',
        colId: 'combined',
        headerName: t('colCombined'),
        width: 120,
        filter: 'agTextColumnFilter',
        cellClass: (p) => (p.value ? 'combined-cell' : undefined),
      },
      ...(allSuggestions ? [moreSuggestion(1, t, lang), moreSuggestion(2, t, lang)] : []),
      {
        field: 'share',
        headerName: t('colShare'),
        width: 90,
        filter: 'agNumberColumnFilter',
        valueFormatter: (p: ValueFormatterParams<GridRow, number>) =>
          formatPercent(lang, p.value ?? 0, 2),
        cellClass: 'num',
      },
      {
        field: 'municipalities',
        headerName: t('colMunicipalities'),
        width: 110,
        filter: 'agNumberColumnFilter',
        cellClass: 'num',
      },
      {
        field: 'score',
        headerName: t('colScore'),
        width: 90,
        filter: 'agNumberColumnFilter',
        valueFormatter: (p: ValueFormatterParams<GridRow, number | null>) =>
          p.value === null || p.value === undefined ? '' : formatScore(lang, p.value),
        cellClass: 'num',
      },
      {
        field: 'cluster',
        headerName: t('colCluster'),
        width: 200,
        filter: 'agTextColumnFilter',
        hide: !clustered,
        cellClass: 'cluster-cell',
        valueFormatter: (p: ValueFormatterParams<GridRow, string>) =>
          p.value ? `${p.value} (${p.data?.clusterSize ?? 0})` : '',
      },
      {
        field: 'clusterSize',
        headerName: `${t('colCluster')} n`,
        width: 90,
        hide: true,
        filter: 'agNumberColumnFilter',
      },
      {
        colId: 'isNew',
        headerName: t('colNew'),
        width: 80,
        hide: !showNew,
        // Text, not ag-grid's inferred boolean checkbox: a mark a researcher can read and filter on.
        valueGetter: (p) => (p.data?.isNew ? t('newBadge') : ''),
        filter: 'agTextColumnFilter',
        cellClass: 'new-cell',
      },
      { field: 'codedBy', headerName: t('colCodedBy'), width: 110, filter: 'agTextColumnFilter' },
      {
        field: 'reviewedBy',
        headerName: t('colReviewedBy'),
        width: 110,
        filter: 'agTextColumnFilter',
      },
      {
        field: 'updatedAt',
        headerName: t('colUpdated'),
        width: 170,
        filter: 'agTextColumnFilter',
        hide: true,
      },
    ],
    [t, lang, clustered, showNew, allSuggestions],
  );

  const defaultColDef = useMemo<ColDef<GridRow>>(
    () => ({
      sortable: true,
      resizable: true,
      suppressHeaderMenuButton: false,
      filterParams: { buttons: ['reset'] },
    }),
    [],
  );

  // Rows follow the store as change sets: the grid starts from the first rows and then gets a
  // transaction of the rows that are new objects (the store and buildRows keep an unchanged
  // row's identity), so it re-sorts and re-filters those, not all 50 000.
  const [initialRows] = useState(props.rows);
  const latestRows = useRef(props.rows);
  latestRows.current = props.rows;
  const shownRows = useRef<readonly GridRow[]>(initialRows);
  const syncRows = useCallback((api: GridApi<GridRow>, rows: readonly GridRow[]) => {
    const tx = rowChanges(shownRows.current, rows);
    shownRows.current = rows;
    const n = tx.add.length + tx.update.length + tx.remove.length;
    if (n === 0) return;
    // A user's own action shows at once; big updates (suggestions arriving in chunks) are
    // batched by the grid, so each does not re-run its whole-model work on every chunk.
    if (n > 50) api.applyTransactionAsync(tx);
    else {
      // A batched older version of a row must not land after this newer one.
      api.flushAsyncTransactions();
      api.applyTransaction(tx);
    }
  }, []);
  useEffect(() => {
    if (apiRef.current) syncRows(apiRef.current, props.rows);
  }, [props.rows, syncRows]);

  const onGridReady = useCallback(
    (e: GridReadyEvent<GridRow>) => {
      apiRef.current = e.api;
      syncRows(e.api, latestRows.current);
      props.onApi(e.api);
      // A new grid (another variable or language): the flow starts from its focus.
      props.flow.resync();
      props.flow.releaseKept();
      if (props.filterModel) e.api.setFilterModel(props.filterModel as FilterModel);
      if (Array.isArray(props.sortModel) && props.sortModel.length > 0) {
        e.api.applyColumnState({
          state: props.sortModel as ColumnState[],
          defaultState: { sort: null },
        });
      }
      props.onShown(e.api.getDisplayedRowCount());
    },
    // Restoring the stored view happens once, when the grid is created.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  // Tell the container when the grid goes away (the latest onApi, not the first one).
  const onApiRef = useRef(props.onApi);
  onApiRef.current = props.onApi;
  useEffect(() => () => onApiRef.current(null), []);

  // Grouping by clusters: biggest clusters first, members together, most frequent first within.
  useEffect(() => {
    const api = apiRef.current;
    if (!api || !clustered) return;
    api.applyColumnState({
      state: [
        { colId: 'clusterSize', sort: 'desc', sortIndex: 0 },
        { colId: 'cluster', sort: 'asc', sortIndex: 1 },
        { colId: 'frequency', sort: 'desc', sortIndex: 2 },
      ],
      defaultState: { sort: null },
    });
  }, [clustered]);

  // The status and category filters live outside ag-grid; tell it when they change. Rows kept
  // in view after a decision go with the old filter.
  useEffect(() => {
    flow.releaseKept();
    apiRef.current?.onFilterChanged();
    // The search the rows now shown were filtered by (tests and the benchmark wait for it).
    if (wrapRef.current) wrapRef.current.dataset.search = props.quick;
  }, [flow, props.statuses, props.categories, props.onlyNew, words, props.openNotes, props.quick]);

  // Keys on a row go to the flow before ag-grid sees them (capture phase), so none is handled
  // twice or out of order; a click or another navigation key hands focus back to the grid.
  const onKeyRef = useRef(props.onKey);
  onKeyRef.current = props.onKey;
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const onKeyDown = (e: KeyboardEvent) => {
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (!target?.closest('.ag-row')) return;
      if (target.closest('.ag-popup-editor, textarea, input:not([type="checkbox"])')) return;
      if ((apiRef.current?.getEditingCells().length ?? 0) > 0) return;
      if (onKeyRef.current(e)) {
        e.preventDefault();
        e.stopPropagation();
      } else flow.resync();
    };
    const onPointer = () => flow.resync();
    el.addEventListener('keydown', onKeyDown, true);
    el.addEventListener('mousedown', onPointer, true);
    return () => {
      el.removeEventListener('keydown', onKeyDown, true);
      el.removeEventListener('mousedown', onPointer, true);
    };
  }, [flow]);

  const isExternalFilterPresent = useCallback(
    () =>
      filterRef.current.statuses.length > 0 ||
      filterRef.current.categories !== null ||
      filterRef.current.onlyNew ||
      filterRef.current.openNotes !== null ||
      filterRef.current.words.length > 0,
    [],
  );
  const doesExternalFilterPass = useCallback(
    (node: IRowNode<GridRow>) =>
      node.data
        ? flow.kept.has(node.data.raw) ||
          ((filterRef.current.openNotes?.has(node.data.raw) ?? true) &&
            passesQuick(node.data, filterRef.current.words) &&
            passesViewFilter(
              node.data,
              filterRef.current.statuses,
              filterRef.current.categories,
              filterRef.current.onlyNew,
            ))
        : false,
    [flow],
  );

  return (
    <div className="grid-wrap" data-testid="values-grid" ref={wrapRef}>
      <AgGridReact<GridRow>
        theme={theme}
        rowData={initialRows as GridRow[]}
        deltaSort={true}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        getRowId={(p) => p.data.raw}
        rowSelection={{
          mode: 'multiRow',
          checkboxes: true,
          // No select-all box in the header: ag-grid walks every shown row to draw its state
          // after each update (a search, a save), the largest cost left at 50 000 values. The
          // toolbar's "Markera alla n som visas" and "Avmarkera" do the same.
          headerCheckbox: false,
          selectAll: 'filtered',
          enableClickSelection: false,
        }}
        isExternalFilterPresent={isExternalFilterPresent}
        doesExternalFilterPass={doesExternalFilterPass}
        animateRows={false}
        // Sorting 50 000 rows asks each row's value ~16 times; cached until the row changes.
        valueCache={true}
        suppressCellFocus={false}
        tooltipShowDelay={400}
        onGridReady={onGridReady}
        onSelectionChanged={(e) => props.onSelection(e.api.getSelectedRows().map((r) => r.raw))}
        onModelUpdated={(e) => {
          props.onShown(e.api.getDisplayedRowCount());
          // A save came back or a re-sort moved rows: focus stays on the value, not the index.
          if (wrapRef.current?.contains(document.activeElement)) flow.follow();
        }}
        onCellFocused={(e) =>
          props.onFocusRow(
            typeof e.rowIndex === 'number'
              ? (e.api.getDisplayedRowAtIndex(e.rowIndex)?.data?.raw ?? null)
              : null,
          )
        }
        onFilterChanged={(e) => props.onFilterModel(e.api.getFilterModel())}
        onSortChanged={(e) =>
          props.onSortModel(
            e.api
              .getColumnState()
              .filter((c) => c.sort)
              .map((c) => ({ colId: c.colId, sort: c.sort, sortIndex: c.sortIndex })),
          )
        }
        onCellValueChanged={(e) => {
          if (e.colDef.field === 'note' && e.data)
            props.onNote(e.data.raw, String(e.newValue ?? ''));
        }}
        localeText={lang === 'sv' ? SV_GRID : undefined}
      />
    </div>
  );
}

/** The few ag-grid texts a user meets in filters and menus, in Swedish. */
const SV_GRID: Record<string, string> = {
  filterOoo: 'Filtrera…',
  equals: 'Lika med',
  notEqual: 'Inte lika med',
  contains: 'Innehåller',
  notContains: 'Innehåller inte',
  startsWith: 'Börjar med',
  endsWith: 'Slutar med',
  blank: 'Tom',
  notBlank: 'Inte tom',
  lessThan: 'Mindre än',
  greaterThan: 'Större än',
  lessThanOrEqual: 'Mindre än eller lika med',
  greaterThanOrEqual: 'Större än eller lika med',
  inRange: 'Mellan',
  inRangeStart: 'Från',
  inRangeEnd: 'Till',
  andCondition: 'OCH',
  orCondition: 'ELLER',
  resetFilter: 'Återställ',
  applyFilter: 'Använd',
  clearFilter: 'Rensa',
  noRowsToShow: 'Inga rader att visa',
  noMatchingRows: 'Inga rader matchar filtren',
  invalidNumber: 'Ogiltigt tal',
  invalidDate: 'Ogiltigt datum',
  thousandSeparator: '\u00a0',
  decimalSeparator: ',',
  ariaFilterInput: 'Filtervärde',
  ariaFilterValue: 'Filtervärde',
  ariaFilterFromValue: 'Filtrera från värde',
  ariaFilterToValue: 'Filtrera till värde',
  ariaFilteringOperator: 'Filtervillkor',
  ariaFilterMenuOpen: 'Öppna filtermenyn',
  ariaFilterColumn: 'Tryck Ctrl+Enter för att öppna filtret',
  ariaColumnFiltered: 'Kolumnen är filtrerad',
  ariaLabelColumnFilter: 'Kolumnfilter',
  ariaLabelColumnMenu: 'Kolumnmeny',
  ariaLabelInputClear: 'Rensa',
  ariaMenuColumn: 'Tryck Alt+Nedåtpil för att öppna kolumnmenyn',
  ariaRowSelectAll: 'Tryck mellanslag för att markera alla rader',
  ariaSortableColumn: 'Tryck Enter för att sortera',
  ariaHeaderSelection: 'Kolumn för markering',
  loadingOoo: 'Laddar…',
  sortAscending: 'Sortera stigande',
  sortDescending: 'Sortera fallande',
  sortUnSort: 'Ta bort sortering',
  pinColumn: 'Fäst kolumn',
  autosizeThisColumn: 'Anpassa bredd',
  resetColumns: 'Återställ kolumner',
  columnFilter: 'Kolumnfilter',
  ariaChecked: 'markerad',
  ariaUnchecked: 'omarkerad',
};
