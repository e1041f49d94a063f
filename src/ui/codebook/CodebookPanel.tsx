import { useMemo, useState } from 'react';
import { categoryIndex, groupCodes, treeOrder } from '../../core/codebook';
import { awaitsRecoding, codeUses } from '../../core/codebook-edit';
import type { Category, RawValue } from '../../core/types';
import { formatNumber } from '../../i18n';
import { currentVariable, useApp } from '../../state/app';
import { useCodebookVersions } from '../../state/codebook';
import { useT, type T } from '../i18n';
import { RawText } from '../RawText';
import { plural } from '../review/format';
import { CategoryEditor, NewCategory } from './CategoryEditor';
import { CodebookVersions } from './CodebookVersions';

const NO_VALUES: readonly RawValue[] = [];

/**
 * The variable's codebook beside the grid, and its editor (issue 11 items 1, 2, 5): every
 * category with its counts (values, rows), its most frequent approved values and the values
 * waiting to be coded again after a split; _Ändra_ opens its fields and the changes of its
 * place; new categories; the versions and the difference between two.
 */
export function CodebookPanel({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const t = useT();
  const variable = useApp(() => currentVariable());
  // Closed, the panel follows no value: the grid's keystrokes do not pay for its counts.
  const values = useApp((s) => (open ? s.values : NO_VALUES));
  const lang = useApp((s) => s.lang);
  const projectId = useApp((s) => s.projectId);
  const variableId = useApp((s) => s.variableId);
  const versions = useCodebookVersions(open ? projectId : null, variableId);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const cb = variable?.codebook;
  const uses = useMemo(() => codeUses(values), [values]);
  const queued = useMemo(() => {
    const out = new Map<string, number>();
    if (!cb) return out;
    const index = categoryIndex(cb);
    for (const v of values)
      if (v.code !== null && awaitsRecoding(v, index)) out.set(v.code, (out.get(v.code) ?? 0) + 1);
    return out;
  }, [cb, values]);
  if (!variable || !cb) return null;
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
          {adding ? (
            <NewCategory codebook={cb} t={t} onDone={() => setAdding(false)} />
          ) : (
            <button onClick={() => setAdding(true)} data-testid="cb-new">
              {t('cbNew')}
            </button>
          )}
          {treeOrder(cb).map(({ category: c, depth }) => (
            <div
              key={c.code}
              className={groups.has(c.code) ? 'cb-group' : 'cb-leaf'}
              style={{ marginLeft: depth * 10 }}
              data-code={c.code}
              data-testid="cb-category"
            >
              <div className="cb-head">
                <span>
                  <b className="code">{c.code}</b> {c.label}{' '}
                  {c.deprecated && <span className="badge">{t('cbDeprecatedBadge')}</span>}
                </span>
                <button
                  className="link"
                  onClick={() => setEditing(editing === c.code ? null : c.code)}
                  aria-expanded={editing === c.code}
                  data-testid="cb-edit"
                >
                  {t('cbEditTitle')}
                </button>
              </div>
              {editing === c.code ? (
                <CategoryEditor
                  key={JSON.stringify(c)}
                  codebook={cb}
                  category={c}
                  t={t}
                  onDone={() => setEditing(null)}
                />
              ) : (
                <CategoryText c={c} t={t} />
              )}
              <CategoryUse
                t={t}
                lang={lang}
                use={uses.get(c.code)}
                queued={queued.get(c.code) ?? 0}
              />
            </div>
          ))}
          <CodebookVersions codebook={cb} versions={versions} t={t} lang={lang} />
        </div>
      )}
    </aside>
  );
}

function CategoryText({ c, t }: { c: Category; t: T }) {
  return (
    <>
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
    </>
  );
}

/** Counts of a category's values and rows, its examples, the values to code again. */
function CategoryUse({
  t,
  lang,
  use,
  queued,
}: {
  t: T;
  lang: Parameters<typeof formatNumber>[0];
  use: ReturnType<ReturnType<typeof codeUses>['get']>;
  queued: number;
}) {
  if (!use) return null;
  return (
    <div className="cb-use" data-testid="cb-use">
      <span className="muted">
        {plural(t, 'cbUses', use.values, { rows: formatNumber(lang, use.rows) })}
      </span>
      {queued > 0 && (
        <span className="badge warn" data-testid="cb-queued">
          {plural(t, 'cbQueued', queued)}
        </span>
      )}
      {use.examples.length > 0 && (
        <p className="muted cb-examples">
          {t('cbExamples')}:{' '}
          {use.examples.map((raw, i) => (
            <span key={raw}>
              {i > 0 && ', '}
              <RawText raw={raw} />
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
