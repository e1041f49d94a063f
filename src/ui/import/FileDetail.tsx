import { useEffect, useState } from 'react';
import {
  columnTargets,
  headerSignature,
  reshape,
  retarget,
  type ColumnMapping,
  type ColumnTarget,
  type FileShape,
} from '../../core/import-columns';
import { MAX_YEAR, MIN_YEAR } from '../../core/year';
import type { Delimiter } from '../../io/csv';
import { useApp } from '../../state/app';
import {
  setFileMunicipality,
  setFileSettings,
  setFileYear,
  setMapping,
  signatureOf,
  useImport,
  type ImportFileState,
} from '../../state/import';
import { useT } from '../i18n';
import { RawText } from '../RawText';
import { describeIssue, describeProblem } from './describe-problem';
import { delimiterName, encodingName, noYearMessage } from './labels';

const DELIMITERS: readonly Delimiter[] = [';', ',', '\t'];

function targetValue(t: ColumnTarget): string {
  return t.kind === 'variable' ? `v:${t.variable}` : t.kind;
}

function parseTarget(value: string): ColumnTarget {
  if (value.startsWith('v:')) return { kind: 'variable', variable: value.slice(2) };
  if (value === 'municipality' || value === 'count' || value === 'year') return { kind: value };
  return { kind: 'skip' };
}

/** Above each column of the preview: what it is, for every file with this header. */
function ColumnSelect({
  header,
  index,
  mapping,
  width,
  onChange,
}: {
  header: string;
  index: number;
  mapping: ColumnMapping;
  width: number;
  onChange: (m: ColumnMapping) => void;
}) {
  const t = useT();
  const variables = useApp((s) => s.variables);
  const target = columnTargets(mapping, width)[index] ?? { kind: 'skip' };
  const newId = header.trim();
  const known = variables.some((v) => v.id === newId);
  const isNew = target.kind === 'variable' && !variables.some((v) => v.id === target.variable);
  return (
    <select
      value={targetValue(target)}
      onChange={(e) => onChange(retarget(mapping, width, index, parseTarget(e.target.value)))}
      aria-label={t('impColumnTarget', { column: header || String(index + 1) })}
      data-testid="import-column-target"
      data-column={index}
      className={target.kind === 'skip' ? 'muted' : ''}
    >
      <option value="skip">{t('impTargetSkip')}</option>
      {variables.map((v) => (
        <option key={v.id} value={`v:${v.id}`}>
          {v.label}
        </option>
      ))}
      {isNew && target.kind === 'variable' && (
        <option value={`v:${target.variable}`}>
          {t('impTargetNew', { name: target.variable })}
        </option>
      )}
      {!isNew && !known && newId !== '' && (
        <option value={`v:${newId}`}>{t('impTargetNew', { name: newId })}</option>
      )}
      <option value="municipality">{t('impTargetMunicipality')}</option>
      <option value="year">{t('impTargetYear')}</option>
      {mapping.shape === 'frequencies' && <option value="count">{t('impTargetCount')}</option>}
    </select>
  );
}

/** The year of every row of the file when no column holds one (prefilled from its name). */
function YearInput({ f, fromColumn }: { f: ImportFileState; fromColumn: boolean }) {
  const t = useT();
  const stored = f.year === null ? '' : String(f.year);
  const [draft, setDraft] = useState(stored);
  // A year set elsewhere (another file chosen, the name's year) replaces what was typed.
  useEffect(() => setDraft(stored), [f.id, stored]);
  return (
    <label className="field">
      {t('impYear')}
      <input
        inputMode="numeric"
        className="imp-number"
        placeholder={fromColumn ? '' : t('impYearsNone')}
        value={fromColumn ? '' : draft}
        disabled={fromColumn}
        title={fromColumn ? t('impYearFromColumn') : t('impYearHint')}
        onChange={(e) => {
          const text = e.target.value.trim();
          setDraft(e.target.value);
          if (text === '') setFileYear(f.id, null);
          else if (/^\d{4}$/.test(text) && Number(text) >= MIN_YEAR && Number(text) <= MAX_YEAR)
            setFileYear(f.id, Number(text));
        }}
        onBlur={() => setDraft(stored)}
        data-testid="import-year"
      />
    </label>
  );
}

/** One file: how it was read (changeable), which column holds what, its first rows, its issues. */
export function FileDetail({ f }: { f: ImportFileState }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const signature = signatureOf(f);
  const mapping = useImport((s) => (signature ? s.mappings.get(signature) : undefined));
  const remembered = useImport((s) => (signature ? s.remembered.has(signature) : false));
  const sharing = useImport(
    (s) => s.files.filter((x) => signature !== null && signatureOf(x) === signature).length,
  );
  const i = f.inspection;
  if (f.problem && !i) {
    return (
      <section className="imp-detail" data-testid="import-detail">
        <h3>{f.file.name}</h3>
        <p className="error" data-testid="import-problem">
          {describeProblem(t, lang, f.problem)}
        </p>
        <p className="muted">{t('impProblemHint')}</p>
      </section>
    );
  }
  if (!i) return <section className="imp-detail muted">{t('impInspecting')}</section>;
  const width = i.headers.length;
  // What the first rows showed, and what reading the whole file added (each once).
  const issues = [
    ...new Set([...i.issues, ...(f.read?.issues ?? [])].map((x) => describeIssue(t, lang, x))),
  ];
  const change = (m: ColumnMapping) => signature && setMapping(signature, m);
  return (
    <section className="imp-detail" data-testid="import-detail">
      <div className="imp-settings">
        <h3>{f.file.name}</h3>
        {i.format === 'csv' ? (
          <>
            <span className="imp-fact" data-testid="import-encoding">
              {t('impEncoding')}: <b>{encodingName(t, i.encoding)}</b>
            </span>
            <label className={`field${i.delimiterAmbiguous ? ' imp-confirm' : ''}`}>
              {t('impDelimiter')}
              <select
                value={f.settings.delimiter ?? i.delimiter ?? ';'}
                onChange={(e) => setFileSettings(f.id, { delimiter: e.target.value as Delimiter })}
                data-testid="import-delimiter"
              >
                {DELIMITERS.map((d) => (
                  <option key={d} value={d}>
                    {delimiterName(t, d)}
                  </option>
                ))}
              </select>
              {i.delimiterAmbiguous && (
                <button
                  onClick={() => i.delimiter && setFileSettings(f.id, { delimiter: i.delimiter })}
                  data-testid="import-confirm-delimiter"
                >
                  {t('impConfirm')}
                </button>
              )}
            </label>
          </>
        ) : (
          i.sheets.length > 0 && (
            <label className="field">
              {t('impSheet')}
              <select
                value={i.sheet ?? ''}
                onChange={(e) => setFileSettings(f.id, { sheet: e.target.value })}
                data-testid="import-sheet"
              >
                {i.sheets.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          )
        )}
        <label className="field">
          {t('impHeaderRow')}
          <input
            type="number"
            min={1}
            className="imp-number"
            value={i.headerRow}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1) setFileSettings(f.id, { headerRow: n });
            }}
            data-testid="import-header-row"
          />
        </label>
        <label className="field">
          {t('impMunicipality')}
          <input
            value={f.municipality}
            disabled={mapping?.municipality != null}
            title={mapping?.municipality != null ? t('impMunicipalityFromColumn') : ''}
            onChange={(e) => setFileMunicipality(f.id, e.target.value)}
            data-testid="import-municipality"
          />
        </label>
        <YearInput f={f} fromColumn={mapping?.year != null} />
      </div>
      {i.delimiterAmbiguous && <p className="warn">{t('impAmbiguous')}</p>}
      {mapping && (
        <div className="imp-shape">
          <label>
            <input
              type="radio"
              checked={mapping.shape === 'rows'}
              onChange={() => change(reshape(mapping, width, 'rows' as FileShape))}
              data-testid="import-shape-rows"
            />{' '}
            {t('impShapeRows')}
          </label>
          <label>
            <input
              type="radio"
              checked={mapping.shape === 'frequencies'}
              onChange={() => change(reshape(mapping, width, 'frequencies'))}
              data-testid="import-shape-frequencies"
            />{' '}
            {t('impShapeFrequencies')}
          </label>
          <span className="muted">
            {sharing > 1 ? t('impSameHeader', { n: sharing }) : ''}
            {remembered ? ` ${t('impRemembered')}` : ''}
          </span>
        </div>
      )}
      <div className="imp-preview">
        <table data-testid="import-preview" data-header={headerSignature(i.headers)}>
          <thead>
            {mapping && (
              <tr className="imp-targets">
                <th />
                {i.headers.map((h, c) => (
                  <th key={c}>
                    <ColumnSelect
                      header={h}
                      index={c}
                      mapping={mapping}
                      width={width}
                      onChange={change}
                    />
                  </th>
                ))}
              </tr>
            )}
            <tr>
              <th className="num muted">{i.headerRow}</th>
              {i.headers.map((h, c) => (
                <th key={c}>
                  <RawText raw={h} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {i.preview.map((row, r) => (
              <tr key={r}>
                <td className="num muted">{i.previewRowNumbers[r]}</td>
                {row.map((cell, c) => (
                  <td key={c}>{cell === '' ? '' : <RawText raw={cell} />}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {i.truncated && <p className="muted">{t('impPreviewMore', { n: i.preview.length })}</p>}
      </div>
      {f.read?.noYear && (
        <p className="warn" data-testid="import-no-year">
          {noYearMessage(t, f.file.name, f.read.noYear)}
        </p>
      )}
      {(issues.length > 0 || f.problem) && (
        <ul className="imp-issues" data-testid="import-issues">
          {f.problem && <li className="error">{describeProblem(t, lang, f.problem)}</li>}
          {issues.map((message) => (
            <li key={message} className="warn">
              {message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
