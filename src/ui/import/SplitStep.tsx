import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { toggleProtect, type CutWarning } from '../../core/split-preview';
import type { SplitConfig } from '../../core/types';
import { formatNumber } from '../../i18n';
import { useApp } from '../../state/app';
import { importVariables, useImport } from '../../state/import';
import { selectSplitVariable, setSplit } from '../../state/import-run';
import { useT } from '../i18n';
import { RawText } from '../RawText';
import { separatorLabel } from './labels';

function Atoms({ atoms }: { atoms: readonly string[] }) {
  return (
    <span className="imp-atoms">
      {atoms.map((a, i) => (
        <span key={i} className="imp-atom">
          <RawText raw={a} />
        </span>
      ))}
    </span>
  );
}

function CutRow({ cut, onProtect }: { cut: CutWarning; onProtect: () => void }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  return (
    <tr data-testid="import-cut" data-value={cut.value}>
      <td>
        <RawText raw={cut.value} />
        <div className="muted imp-small">
          {t('impCutInto')} <Atoms atoms={cut.pieces} />
        </div>
      </td>
      <td className="num">{formatNumber(lang, cut.wholeRows)}</td>
      <td className="num">{formatNumber(lang, cut.cutRows)}</td>
      <td>
        <button onClick={onProtect} data-testid="import-protect">
          {t('impProtect')}
        </button>
      </td>
    </tr>
  );
}

/** Step 2: how multi-value cells of each variable are split, with a live preview. */
export function SplitStep() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const projectVariables = useApp((s) => s.variables);
  const variables = useImport(useShallow(importVariables));
  const current = useImport((s) => s.splitVariable);
  const splits = useImport((s) => s.splits);
  const separators = useImport((s) => s.separators);
  const previews = useImport((s) => s.previews);
  const [custom, setCustom] = useState('');
  const variable = current ?? variables[0] ?? null;
  if (!variable) return null;
  const config: SplitConfig = splits.get(variable) ?? { separators: [] };
  const stats = separators.get(variable) ?? [];
  const preview = previews.get(variable);
  const label = (id: string) => projectVariables.find((v) => v.id === id)?.label ?? id;
  const shown = [
    ...stats.map((s) => s.separator),
    ...config.separators.filter((s) => !stats.some((x) => x.separator === s)),
  ];
  const toggle = (sep: string, on: boolean) =>
    setSplit(variable, {
      ...config,
      separators: on ? [...config.separators, sep] : config.separators.filter((s) => s !== sep),
    });
  const n = (x: number) => formatNumber(lang, x);
  return (
    <div className="imp-split">
      <nav className="imp-split-vars">
        {variables.map((v) => (
          <button
            key={v}
            className={v === variable ? 'active' : ''}
            onClick={() => selectSplitVariable(v)}
            data-testid="import-split-variable"
            data-variable={v}
          >
            {label(v)}
            {(splits.get(v)?.separators.length ?? 0) > 0 && (
              <span className="muted">
                {' '}
                · {splits.get(v)?.separators.map(separatorLabel).join(' ')}
              </span>
            )}
          </button>
        ))}
      </nav>
      <div className="imp-split-main">
        <section>
          <h3>{t('impSeparators', { variable: label(variable) })}</h3>
          <div className="imp-seps">
            {shown.map((sep) => {
              const s = stats.find((x) => x.separator === sep);
              return (
                <label
                  key={sep}
                  className="imp-sep"
                  data-testid="import-separator"
                  data-separator={sep}
                >
                  <input
                    type="checkbox"
                    checked={config.separators.includes(sep)}
                    onChange={(e) => toggle(sep, e.target.checked)}
                  />{' '}
                  <code>{separatorLabel(sep)}</code>{' '}
                  <span className="muted">
                    {s ? t('impSeparatorStat', { cells: n(s.cells), rows: n(s.rows) }) : ''}
                    {s?.proposed ? ` · ${t('impProposed')}` : ''}
                  </span>
                </label>
              );
            })}
            <form
              className="imp-sep-add"
              onSubmit={(e) => {
                e.preventDefault();
                if (custom !== '' && !config.separators.includes(custom)) toggle(custom, true);
                setCustom('');
              }}
            >
              <input
                value={custom}
                onChange={(e) => setCustom(e.target.value)}
                placeholder={t('impOtherSeparator')}
                aria-label={t('impOtherSeparator')}
                size={16}
              />
              <button type="submit">{t('impAdd')}</button>
            </form>
          </div>
          {preview ? (
            <p className="imp-funnel" data-testid="import-funnel">
              {t('impFunnel', {
                rows: n(preview.rows),
                cells: n(preview.distinctCells),
                values: n(preview.singleValues),
              })}{' '}
              <span className="muted">
                {t('impMulti', { cells: n(preview.multiCells), rows: n(preview.multiRows) })}
              </span>
            </p>
          ) : (
            <p className="muted">{t('impComputing')}</p>
          )}
        </section>
        {preview && preview.cuts.length > 0 && (
          <section>
            <h3 className="warn">{t('impCuts', { n: n(preview.cutCount) })}</h3>
            <p className="muted imp-small">{t('impCutsHint')}</p>
            <div className="imp-table-wrap">
              <table className="imp-table" data-testid="import-cuts">
                <thead>
                  <tr>
                    <th>{t('impCutValue')}</th>
                    <th className="num">{t('impWholeRows')}</th>
                    <th className="num">{t('impCutRows')}</th>
                    <th>
                      <button
                        onClick={() =>
                          setSplit(variable, {
                            ...config,
                            protect: [
                              ...(config.protect ?? []),
                              ...preview.cuts.map((c) => c.value),
                            ],
                          })
                        }
                        data-testid="import-protect-all"
                      >
                        {t('impProtectAll', { n: n(preview.cuts.length) })}
                      </button>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {preview.cuts.map((c) => (
                    <CutRow
                      key={c.value}
                      cut={c}
                      onProtect={() => setSplit(variable, toggleProtect(config, c.value, true))}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}
        {(config.protect ?? []).length > 0 && (
          <section>
            <h3>{t('impProtected', { n: n(config.protect?.length ?? 0) })}</h3>
            <div className="imp-protected" data-testid="import-protected">
              {(config.protect ?? []).map((p) => (
                <span key={p} className="imp-atom">
                  <RawText raw={p} />{' '}
                  <button
                    className="imp-remove"
                    aria-label={t('impUnprotect', { value: p })}
                    onClick={() => setSplit(variable, toggleProtect(config, p, false))}
                  >
                    ×
                  </button>
                </span>
              ))}
            </div>
          </section>
        )}
        {preview && preview.topSplits.length > 0 && (
          <section>
            <h3>{t('impTopSplits')}</h3>
            <div className="imp-table-wrap">
              <table className="imp-table" data-testid="import-top-splits">
                <thead>
                  <tr>
                    <th>{t('impCell')}</th>
                    <th className="num">{t('colFrequency')}</th>
                    <th>{t('impValues')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.topSplits.map((s) => (
                    <tr key={s.cell}>
                      <td>
                        <RawText raw={s.cell} />
                      </td>
                      <td className="num">{n(s.rows)}</td>
                      <td>
                        <Atoms atoms={s.atoms} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
