import { useMemo, useState } from 'react';
import type { StoredTally } from '../../core/import-merge';
import { yearTable } from '../../core/year';
import { formatNumber, type Language } from '../../i18n';
import type { T } from '../i18n';

interface Props {
  readonly t: T;
  readonly lang: Language;
  /** The value's rows per municipality (and year where known); undefined: none imported. */
  readonly tally: StoredTally | undefined;
}

/** Municipalities shown before "show all". */
const FIRST = 12;

/**
 * Where a value comes from: its rows per municipality and year, with the rows without a year
 * (files imported without one, cells whose year could not be read) in a column of their own
 * (issue 10 item 2).
 */
export function Sources({ t, lang, tally }: Props) {
  const [all, setAll] = useState(false);
  const table = useMemo(() => tally && yearTable(tally.munis, tally.years), [tally]);
  const n = (x: number) => formatNumber(lang, x);
  // Without any year a column of the rows without one would only repeat the total.
  const noYear = table !== undefined && table.years.length > 0 && table.noYear > 0;
  return (
    <section aria-label={t('sideSources')} data-testid="value-sources">
      <h3>{t('sideSources')}</h3>
      {!table || table.lines.length === 0 ? (
        <p className="muted">{t('sideSourcesNone')}</p>
      ) : (
        <>
          <table className="side-sources">
            <thead>
              <tr>
                <th>{t('sideSourcesMunicipality')}</th>
                {table.years.map((y) => (
                  <th key={y} className="num">
                    {y}
                  </th>
                ))}
                {noYear && <th className="num">{t('sideSourcesNoYear')}</th>}
                <th className="num">{t('sideSourcesTotal')}</th>
              </tr>
            </thead>
            <tbody>
              {(all ? table.lines : table.lines.slice(0, FIRST)).map((l) => (
                <tr
                  key={l.municipality}
                  data-testid="value-source"
                  data-municipality={l.municipality}
                >
                  <td>{l.municipality}</td>
                  {l.byYear.map((x, i) => (
                    <td key={table.years[i]} className="num">
                      {x === 0 ? '' : n(x)}
                    </td>
                  ))}
                  {noYear && <td className="num">{l.noYear === 0 ? '' : n(l.noYear)}</td>}
                  <td className="num">{n(l.rows)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="value-sources-total">
                <th>{t('sideSourcesTotal')}</th>
                {table.byYear.map((x, i) => (
                  <th key={table.years[i]} className="num">
                    {n(x)}
                  </th>
                ))}
                {noYear && <th className="num">{n(table.noYear)}</th>}
                <th className="num">{n(table.rows)}</th>
              </tr>
            </tfoot>
          </table>
          {!all && table.lines.length > FIRST && (
            <button onClick={() => setAll(true)} data-testid="value-sources-all">
              {t('sideSourcesMore', { n: table.lines.length })}
            </button>
          )}
          {table.years.length === 0 && <p className="muted">{t('sideSourcesOnlyNoYear')}</p>}
        </>
      )}
    </section>
  );
}
