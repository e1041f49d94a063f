// The export dialog: what (mapping, SSSOM, codebook, frequency table, recoded data), in which
// format, through which crosswalk. A data container reads what the app holds; the form is
// props-only. Files are made by export-files.ts, the same functions as `kodbok export`.

import { useEffect, useRef, useState } from 'react';
import { crosswalkTargets, missingCrosswalk, someCodes } from '../../core/export/crosswalk';
import type { StoredCombination, StoredTally } from '../../core/import-merge';
import type { Suggestion, Variable } from '../../core/types';
import { appDb } from '../../db/db';
import * as repo from '../../db/repo';
import type { HeadersOutcome, RecodeOutcome } from '../../workers/recode-source';
import type { TableFormat } from '../../io/table-export';
import { notify, useApp } from '../../state/app';
import { stoppedProblem } from '../../state/import-worker';
import { withExportWorker } from '../../state/recode-worker';
import { useT, type T } from '../i18n';
import type { Language } from '../../i18n';
import { describeProblem } from '../import/describe-problem';
import { download } from '../download';
import { CrosswalkSelect } from './CrosswalkSelect';
import { recodeProblem, recodeStopped } from './recode-problem';
import {
  EXPORT_KINDS,
  FORMATS_OF,
  makeExport,
  recodeSpecOf,
  recodedFile,
  type ExportFormat,
  type ExportKind,
} from './export-files';

type Kind = ExportKind | 'recoded';
const KINDS: readonly Kind[] = [...EXPORT_KINDS, 'recoded'];
const KIND_LABEL = {
  mapping: 'expWhatMapping',
  'mapping-full': 'expWhatMappingFull',
  sssom: 'expWhatSssom',
  codebook: 'expWhatCodebook',
  frequencies: 'expWhatFrequencies',
  sources: 'expWhatSources',
  recoded: 'expWhatRecoded',
} as const;
const FORMAT_LABEL = {
  'csv-excel': 'expFormatCsvExcel',
  csv: 'expFormatCsv',
  xlsx: 'expFormatXlsx',
  json: 'expFormatJson',
  qdc: 'expFormatQdc',
  html: 'expFormatHtml',
  sssom: 'expWhatSssom',
} as const;
const RECODED_FORMATS: readonly TableFormat[] = ['csv-excel', 'csv', 'xlsx'];
const DOCUMENTS: readonly ExportFormat[] = ['html', 'qdc', 'json'];

export interface ExportForm {
  readonly kind: Kind;
  readonly format: ExportFormat;
  readonly crosswalk: string;
  readonly byMunicipality: boolean;
  readonly byYear: boolean;
  readonly long: boolean;
  readonly labels: boolean;
  readonly column: string;
}

const INITIAL: ExportForm = {
  kind: 'mapping',
  format: 'csv-excel',
  crosswalk: '',
  byMunicipality: true,
  byYear: false,
  long: false,
  labels: true,
  column: '',
};

function formatsOf(kind: Kind): readonly ExportFormat[] {
  return kind === 'recoded' ? RECODED_FORMATS : FORMATS_OF[kind];
}

/** Reads the open variable's values and cells, and downloads what the form asks for. */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const s = useApp();
  const variable = s.variables.find((v) => v.id === s.variableId);
  const [cells, setCells] = useState<readonly StoredCombination[] | null>(null);
  const [tallies, setTallies] = useState<readonly StoredTally[]>([]);
  const [sources, setSources] = useState<readonly File[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!s.projectId || !variable) return;
    let live = true;
    void repo.loadCells(appDb(), s.projectId, variable.id).then((c) => live && setCells(c));
    void repo.loadTallies(appDb(), s.projectId, variable.id).then((t) => live && setTallies(t));
    return () => {
      live = false;
    };
  }, [s.projectId, variable]);
  if (!variable) return null;

  const exportedAt = () => new Date().toISOString();
  const topSuggestions = () => {
    const top = new Map<string, Suggestion>();
    for (const [raw, list] of s.suggestions) if (list[0]) top.set(raw, list[0]);
    return top;
  };

  const run = async (form: ExportForm) => {
    setProblem(null);
    const crosswalk = form.crosswalk === '' ? undefined : form.crosswalk;
    if (form.kind !== 'recoded') {
      const file = makeExport(
        {
          variable,
          values: s.values,
          suggestions: topSuggestions(),
          cells: cells ?? [],
          tallies,
          lang: s.lang,
          exportedAt: exportedAt(),
        },
        {
          kind: form.kind,
          format: form.format,
          crosswalk,
          byMunicipality: form.byMunicipality,
          byYear: form.byYear,
        },
      );
      download(file.name, file.bytes, file.type);
      notify(t('exported', { file: file.name }));
      onClose();
      return;
    }
    // Every file is read and recoded (in a worker, as the import reads it) before the first
    // download: a broken one stops them all.
    const choice = {
      column: form.column,
      format: form.format as TableFormat,
      long: form.long,
      labels: form.labels,
      crosswalk,
    };
    const spec = recodeSpecOf({ variable, values: s.values }, choice);
    const made = [];
    setBusy(true);
    try {
      for (const f of sources) {
        // Comlink's Remote distributes the union over Promise; the worker returns one RecodeOutcome.
        const outcome = await withExportWorker<RecodeOutcome>(
          (w) => w.recodeSource(f, spec) as Promise<RecodeOutcome>,
        );
        if (!outcome.ok) return setProblem(recodeProblem(t, s.lang, f.name, form.column, outcome));
        made.push(recodedFile(f.name, outcome, choice));
      }
    } catch (e) {
      return setProblem(recodeStopped(t, s.lang, sources[made.length]?.name ?? '', e));
    } finally {
      setBusy(false);
    }
    for (const file of made) download(file.name, file.bytes, file.type);
    notify(t('exported', { file: made.map((f) => f.name).join(', ') }));
    onClose();
  };

  return (
    <ExportDialogView
      t={t}
      lang={s.lang}
      variable={variable}
      hasApproved={s.values.some((v) => v.status === 'approved')}
      hasCells={cells === null || cells.length > 0}
      sources={sources}
      problem={problem}
      busy={busy}
      onSources={setSources}
      onExport={(form) => void run(form)}
      onClose={onClose}
    />
  );
}

interface ViewProps {
  readonly t: T;
  readonly lang: Language;
  readonly variable: Variable;
  readonly hasApproved: boolean;
  readonly hasCells: boolean;
  readonly sources: readonly File[];
  readonly problem: string | null;
  readonly busy: boolean;
  readonly onSources: (files: readonly File[]) => void;
  readonly onExport: (form: ExportForm) => void;
  readonly onClose: () => void;
}

/** The form: props only. */
export function ExportDialogView(props: ViewProps) {
  const { t, variable, sources } = props;
  const [form, setForm] = useState<ExportForm>({ ...INITIAL, column: variable.id });
  const [headers, setHeaders] = useState<readonly string[]>([]);
  const [unreadable, setUnreadable] = useState<readonly string[]>([]);
  const set = (patch: Partial<ExportForm>) => setForm((f) => ({ ...f, ...patch }));
  const targets = crosswalkTargets(variable.codebook);
  const missing = form.crosswalk === '' ? [] : missingCrosswalk(variable.codebook, form.crosswalk);
  // The codebook's documents through a crosswalk leave such categories out; tables give them an empty code.
  const leftOut =
    form.kind === 'sssom' || (form.kind === 'codebook' && DOCUMENTS.includes(form.format));
  const recoded = form.kind === 'recoded';

  // The latest choice of files: a slower read of an earlier choice must not overwrite it.
  const picking = useRef(0);
  const pickSources = async (list: FileList | null) => {
    const files = [...(list ?? [])];
    const turn = ++picking.current;
    props.onSources(files);
    setUnreadable([]);
    if (files.length === 0) return setHeaders([]);
    // Every file is read (not only the first): each one the reader refuses is named at once, with
    // why, and the column offered is one that every readable file has.
    const problems: string[] = [];
    let common: string[] | null = null;
    for (const file of files) {
      let read: HeadersOutcome;
      try {
        read = await withExportWorker((w) => w.sourceHeaders(file) as Promise<HeadersOutcome>);
      } catch (e) {
        // Too slow, or the worker itself stopped: named as the import names it, never passed over.
        problems.push(describeProblem(t, props.lang, stoppedProblem({ file }, e)));
        continue;
      }
      if (!read.ok) problems.push(describeProblem(t, props.lang, read.problem));
      else {
        const have = read.headers;
        common = common === null ? [...have] : common.filter((h) => have.includes(h));
      }
    }
    if (turn !== picking.current) return;
    if (problems.length === 0 && common !== null && common.length === 0)
      problems.push(t('expNoCommonColumn'));
    setUnreadable(problems);
    const headers: readonly string[] = common ?? [];
    setHeaders(headers);
    if (headers.length === 0) return;
    const guess =
      headers.find((h) => h === variable.id) ??
      headers.find((h) => h.toLowerCase() === variable.label.toLowerCase()) ??
      headers[0] ??
      '';
    set({ column: guess });
  };

  const nothing =
    (form.kind === 'mapping' && !props.hasApproved) ||
    ((form.kind === 'frequencies' || form.kind === 'sources') && !props.hasCells) ||
    // A source file the reader refuses: Ladda ner would only repeat why, so it waits for one it reads.
    (recoded && (sources.length === 0 || form.column === '' || unreadable.length > 0));

  return (
    <div className="modal-backdrop" onMouseDown={props.onClose}>
      <div
        className="modal export-dialog"
        role="dialog"
        aria-label={t('expTitle', { variable: variable.label })}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <h2>{t('expTitle', { variable: variable.label })}</h2>
        <fieldset>
          <legend>{t('expWhat')}</legend>
          {KINDS.map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name="export-kind"
                checked={form.kind === kind}
                onChange={() => set({ kind, format: formatsOf(kind)[0] as ExportFormat })}
                data-testid={`export-kind-${kind}`}
              />{' '}
              {t(KIND_LABEL[kind])}
            </label>
          ))}
        </fieldset>
        {formatsOf(form.kind).length > 1 && (
          <fieldset>
            <legend>{t('expFormat')}</legend>
            {formatsOf(form.kind).map((format) => (
              <label key={format}>
                <input
                  type="radio"
                  name="export-format"
                  checked={form.format === format}
                  onChange={() => set({ format })}
                  data-testid={`export-format-${format}`}
                />{' '}
                {t(FORMAT_LABEL[format])}
              </label>
            ))}
          </fieldset>
        )}
        {form.kind === 'frequencies' && (
          <fieldset>
            <legend>{t('expBy')}</legend>
            <label>
              <input
                type="radio"
                name="export-by"
                checked={!form.byMunicipality && !form.byYear}
                onChange={() => set({ byMunicipality: false, byYear: false })}
              />{' '}
              {t('expByNone')}
            </label>
            <label>
              <input
                type="radio"
                name="export-by"
                checked={form.byMunicipality && !form.byYear}
                onChange={() => set({ byMunicipality: true, byYear: false })}
                data-testid="export-by-municipality"
              />{' '}
              {t('expByMunicipality')}
            </label>
            <label>
              <input
                type="radio"
                name="export-by"
                checked={form.byYear}
                onChange={() => set({ byMunicipality: false, byYear: true })}
                data-testid="export-by-year"
              />{' '}
              {t('expByYear')}
            </label>
            <small className="muted">{t('expByNote')}</small>
          </fieldset>
        )}
        {recoded && (
          <fieldset>
            <small className="muted">{t('expRecodedNote')}</small>
            <label>
              {t('expRecodedFiles')}{' '}
              <input
                type="file"
                multiple
                accept=".csv,.tsv,.txt,.xlsx,.xls"
                onChange={(e) => void pickSources(e.target.files)}
                data-testid="export-recoded-files"
              />
            </label>
            {unreadable.map((problem) => (
              <p key={problem} className="error" data-testid="export-recoded-unreadable">
                {problem}
              </p>
            ))}
            {headers.length > 0 && (
              <label>
                {t('expRecodedColumn', { variable: variable.label })}{' '}
                <select
                  value={form.column}
                  onChange={(e) => set({ column: e.target.value })}
                  data-testid="export-recoded-column"
                >
                  {headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              <input
                type="checkbox"
                checked={form.labels}
                onChange={(e) => set({ labels: e.target.checked })}
                data-testid="export-labels"
              />{' '}
              {t('expLabels')}
            </label>
            <label>
              <input
                type="checkbox"
                checked={form.long}
                onChange={(e) => set({ long: e.target.checked })}
                data-testid="export-long"
              />{' '}
              {t('expLong')}
            </label>
          </fieldset>
        )}
        <CrosswalkSelect
          t={t}
          label={t('expCrosswalk')}
          codebookId={variable.codebook.id}
          targets={targets}
          value={form.crosswalk}
          onChange={(crosswalk) => set({ crosswalk })}
          testId="export-crosswalk"
        />
        {missing.length > 0 && (
          <p className="warn">
            {t(leftOut ? 'expCrosswalkLeftOut' : 'expCrosswalkMissing', {
              n: missing.length,
              id: form.crosswalk,
              codes: someCodes(missing),
            })}
          </p>
        )}
        {form.kind === 'mapping' && !props.hasApproved && <p className="warn">{t('expNothing')}</p>}
        {props.problem && (
          <p className="error" role="alert" data-testid="export-problem">
            {props.problem}
          </p>
        )}
        <div className="modal-actions">
          <button onClick={props.onClose}>{t('cancel')}</button>
          <button
            className="btn-primary"
            disabled={nothing || props.busy}
            onClick={() => props.onExport(form)}
            data-testid="export-download"
          >
            {t('expDownload')}
          </button>
        </div>
      </div>
    </div>
  );
}
