// The overview (issue 11 item 4): coverage per variable and over time, rows per category and
// coverage per municipality, each downloadable as SVG and PNG. Loaded when first opened: the
// chart library (Observable Plot, with d3) never weighs on the first screen.

import { useEffect, useMemo, useRef, useState } from 'react';
import { crosswalkTargets } from '../../core/export/crosswalk';
import { yearsOfCells } from '../../core/export/frequencies';
import { appDb } from '../../db/db';
import { loadOverview, type OverviewSource } from '../../db/overview';
import { notify, reportError, useApp } from '../../state/app';
import { download, safeName } from '../download';
import { useT, type T } from '../i18n';
import { CrosswalkSelect } from '../export/CrosswalkSelect';
import { Modal } from '../review/Modal';
import { pngFile, svgFile } from './chart-files';
import { CHART_IDS, overviewCharts, type ChartId } from './charts-of';
import type { Chart } from './draw';

/** Reads the open project once when opened; the charts follow the language and the variable. */
export function OverviewDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const projectId = useApp((s) => s.projectId);
  const projects = useApp((s) => s.projects);
  const lang = useApp((s) => s.lang);
  const current = useApp((s) => s.variableId);
  const [source, setSource] = useState<OverviewSource | null>(null);
  const [variableId, setVariableId] = useState(current ?? '');
  // '' : the codebook's own categories; else another codebook's, through the crosswalk.
  const [crosswalk, setCrosswalk] = useState('');
  // 'all': every row; 'none': the rows without a year; else one year (issue 10 item 2).
  const [yearChoice, setYearChoice] = useState('all');
  useEffect(() => {
    if (!projectId) return;
    let live = true;
    loadOverview(appDb(), projectId)
      .then((s) => live && setSource(s))
      .catch(reportError);
    return () => {
      live = false;
    };
  }, [projectId]);
  const variable = source?.variables.find((v) => v.id === variableId);
  const targets = variable ? crosswalkTargets(variable.codebook) : [];
  const via = targets.includes(crosswalk) ? crosswalk : undefined;
  const yearsHeld = useMemo(
    () => yearsOfCells(source?.counts.get(variableId)?.combinations ?? []),
    [source, variableId],
  );
  const year =
    yearChoice === 'none' && yearsHeld.noYear
      ? null
      : yearsHeld.years.includes(Number(yearChoice))
        ? Number(yearChoice)
        : undefined;
  const noYearLabel = t('sideSourcesNoYear');
  const charts = useMemo(
    () =>
      source &&
      overviewCharts(
        source,
        variableId,
        { lang, document },
        new Date().toISOString(),
        via,
        year,
        noYearLabel,
      ),
    [source, variableId, lang, via, year, noYearLabel],
  );
  const project = projects.find((p) => p.id === projectId)?.name ?? 'kodbok';

  const save = async (id: ChartId, chart: Chart, format: 'svg' | 'png') => {
    const date = new Date().toISOString().slice(0, 10);
    const inYear = year === undefined ? '' : `-${year ?? 'no-year'}`;
    const about =
      id === 'municipalities'
        ? `-${variableId}${inYear}`
        : id === 'categories'
          ? `-${variableId}${via === undefined ? '' : `-${via}`}${inYear}`
          : '';
    const name = `${safeName(project)}-${id}${safeName(about)}-${date}.${format}`;
    try {
      if (format === 'svg') download(name, svgFile(chart.svg), 'image/svg+xml');
      else download(name, await pngFile(chart.svg), 'image/png');
      notify(t('exported', { file: name }));
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <Modal label={t('ovTitle')} onCancel={onClose} testId="overview" className="overview">
      <div className="overview-head">
        <h2>{t('ovTitle')}</h2>
        {source && source.variables.length > 0 && (
          <label>
            {t('ovVariable')}{' '}
            <select
              value={variableId}
              onChange={(e) => setVariableId(e.target.value)}
              // The keyboard starts in the dialog: Tab goes on to the download buttons.
              autoFocus
              data-testid="overview-variable"
            >
              {source.variables.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <CrosswalkSelect
          t={t}
          label={t('ovCrosswalk')}
          codebookId={variable?.codebook.id ?? ''}
          targets={targets}
          value={via ?? ''}
          onChange={setCrosswalk}
          testId="overview-crosswalk"
        />
        {yearsHeld.years.length > 0 && (
          <label>
            {t('ovYear')}{' '}
            <select
              value={year === undefined ? 'all' : year === null ? 'none' : String(year)}
              onChange={(e) => setYearChoice(e.target.value)}
              data-testid="overview-year"
            >
              <option value="all">{t('ovYearAll')}</option>
              {yearsHeld.years.map((y) => (
                <option key={y} value={String(y)}>
                  {y}
                </option>
              ))}
              {yearsHeld.noYear && <option value="none">{noYearLabel}</option>}
            </select>
          </label>
        )}
      </div>
      <div className="overview-body">
        {!charts && <p className="muted">{t('ovLoading')}</p>}
        {charts &&
          CHART_IDS.map((id) => {
            const chart = charts[id];
            if (chart)
              return (
                <ChartFigure
                  key={id}
                  id={id}
                  t={t}
                  chart={chart}
                  note={id === 'progress' ? t('ovProgressNote') : null}
                  onSave={(format) => void save(id, chart, format)}
                />
              );
            const empty =
              id === 'progress'
                ? t('ovNoHistory')
                : id === 'categories'
                  ? t('ovNoCells', { variable: variable?.label ?? variableId })
                  : null;
            return (
              empty && (
                <p key={id} className="muted" data-testid={`chart-${id}-empty`}>
                  {empty}
                </p>
              )
            );
          })}
      </div>
      <div className="modal-actions">
        <button onClick={onClose} data-testid="overview-close">
          {t('close')}
        </button>
      </div>
    </Modal>
  );
}

interface FigureProps {
  readonly id: ChartId;
  readonly t: T;
  readonly chart: Chart;
  readonly note: string | null;
  readonly onSave: (format: 'svg' | 'png') => void;
}

/** One chart: the SVG as it will be downloaded, its buttons, and a note on how it was made. */
function ChartFigure({ id, t, chart, note, onSave }: FigureProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.replaceChildren(chart.svg);
  }, [chart]);
  return (
    <figure className="chart" data-testid={`chart-${id}`}>
      <div ref={box} className="chart-svg" />
      <figcaption>
        {note && <small className="muted">{note}</small>}
        {(['svg', 'png'] as const).map((format) => (
          <button
            key={format}
            title={t('ovDownloadTitle', { chart: chart.title, format: format.toUpperCase() })}
            onClick={() => onSave(format)}
            data-testid={`chart-${id}-${format}`}
          >
            {t('ovDownload', { format: format.toUpperCase() })}
          </button>
        ))}
      </figcaption>
    </figure>
  );
}
