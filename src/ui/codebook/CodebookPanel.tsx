import { groupCodes } from '../../core/codebook';
import { currentVariable, useApp } from '../../state/app';
import { useT } from '../i18n';

/** The variable's codebook to read beside the grid: definitions, inclusions, exclusions, synonyms. */
export function CodebookPanel({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const t = useT();
  const variable = useApp(() => currentVariable());
  if (!variable) return null;
  const cb = variable.codebook;
  const groups = groupCodes(cb);
  return (
    <aside className={open ? 'codebook-panel open' : 'codebook-panel'} aria-label={t('codebook')}>
      <button className="codebook-toggle" onClick={onToggle} aria-expanded={open}>
        {open ? '›' : '‹'} {t('codebook')}
      </button>
      {open && (
        <div className="codebook-body">
          <h2>
            {cb.title ?? cb.id} <span className="muted">{cb.version}</span>
          </h2>
          {cb.categories.map((c) => (
            <div key={c.code} className={groups.has(c.code) ? 'cb-group' : 'cb-leaf'}>
              <div>
                <b className="code">{c.code}</b> {c.label}
              </div>
              {c.definition && <p>{c.definition}</p>}
              {c.include && (
                <p className="muted">
                  {t('include')}: {c.include}
                </p>
              )}
              {c.exclude && (
                <p className="muted">
                  {t('exclude')}: {c.exclude}
                </p>
              )}
              {c.synonyms && c.synonyms.length > 0 && (
                <p className="muted">
                  {t('synonyms')}: {c.synonyms.join(', ')}
                </p>
              )}
            </div>
          ))}
        </div>
      )}
    </aside>
  );
}
