import { formatNumber, formatPercent } from '../../i18n';
import { selectVariable, useApp } from '../../state/app';
import { useT } from '../i18n';

/** One tab per variable, each with its coverage: the share of ROWS whose value is approved. */
export function VariableTabs() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const variables = useApp((s) => s.variables);
  const current = useApp((s) => s.variableId);
  const coverage = useApp((s) => s.coverage);
  return (
    <nav className="variable-tabs" role="tablist" aria-label={t('variable')}>
      {variables.map((v) => {
        const c = coverage.get(v.id);
        const share = c?.approvedRowShare ?? 0;
        return (
          <button
            key={v.id}
            role="tab"
            aria-selected={v.id === current}
            className={v.id === current ? 'tab active' : 'tab'}
            onClick={() => void selectVariable(v.id)}
            data-variable={v.id}
          >
            <span className="tab-label">{v.label}</span>
            <span className="meter" aria-hidden="true">
              <span className="meter-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
            </span>
            <span className="tab-coverage" data-testid={`coverage-${v.id}`}>
              {t('coverage', { share: formatPercent(lang, share) })}
              {c && (
                <>
                  {' · '}
                  {t('valuesLeft', { n: c.valuesLeft })}
                </>
              )}
            </span>
            {c && (
              <span className="tab-rows muted">
                {t('ofRows', {
                  approved: formatNumber(lang, c.approvedRows),
                  total: formatNumber(lang, c.totalRows),
                })}
              </span>
            )}
          </button>
        );
      })}
    </nav>
  );
}
