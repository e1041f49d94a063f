import { useEffect, useMemo, useRef, useState } from 'react';
import { groupCodes } from '../../core/codebook';
import type { Category, Codebook } from '../../core/types';
import type { T } from '../i18n';

interface Props {
  readonly codebook: Codebook;
  readonly t: T;
  readonly count: number;
  readonly onPick: (code: string) => void;
  readonly onClose: () => void;
}

function matches(c: Category, q: string): boolean {
  if (q === '') return true;
  const hay = [c.code, c.label, ...(c.synonyms ?? [])].map((s) => s.toLocaleLowerCase('sv'));
  return hay.some((h) => h.includes(q));
}

/**
 * A searchable picker over the codebook: groups are shown as groups, only leaves can be picked.
 * Searching finds a category by code, label or synonym; a group matching the search shows all its leaves.
 */
export function CategoryPicker({ codebook, t, count, onPick, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const groups = useMemo(() => groupCodes(codebook), [codebook]);
  const q = query.trim().toLocaleLowerCase('sv');
  const list = useMemo(() => {
    const byCode = new Map(codebook.categories.map((c) => [c.code, c]));
    const ancestorMatches = (c: Category): boolean => {
      for (let p = c.parent ? byCode.get(c.parent) : undefined, n = 0; p && n < 50; n++) {
        if (matches(p, q)) return true;
        p = p.parent ? byCode.get(p.parent) : undefined;
      }
      return false;
    };
    const leaves = codebook.categories.filter(
      (c) => !groups.has(c.code) && (matches(c, q) || ancestorMatches(c)),
    );
    const out: { group: Category | null; leaves: Category[] }[] = [];
    for (const leaf of leaves) {
      const group = leaf.parent ? (byCode.get(leaf.parent) ?? null) : null;
      const last = out[out.length - 1];
      if (last && last.group === group) last.leaves.push(leaf);
      else out.push({ group, leaves: [leaf] });
    }
    return out;
  }, [codebook, groups, q]);
  const flat = list.flatMap((g) => g.leaves);
  const activeIndex = Math.min(active, Math.max(0, flat.length - 1));

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown') setActive(Math.min(activeIndex + 1, flat.length - 1));
    else if (e.key === 'ArrowUp') setActive(Math.max(activeIndex - 1, 0));
    else if (e.key === 'Enter') {
      const c = flat[activeIndex];
      if (c) onPick(c.code);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="modal-backdrop" onMouseDown={onClose}>
      <div
        className="modal picker"
        role="dialog"
        aria-label={t('pickCategory')}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <h2>
          {t('pickCategory')} <span className="muted">({t('selected', { n: count })})</span>
        </h2>
        <input
          ref={input}
          className="picker-search"
          placeholder={t('pickerSearch')}
          aria-label={t('pickerSearch')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
        />
        <div className="picker-list" role="listbox">
          {flat.length === 0 && <p className="muted">{t('pickerNoMatch')}</p>}
          {list.map((g, gi) => (
            <div key={g.group?.code ?? `top-${gi}`} className="picker-group">
              {g.group && (
                <div className="picker-group-label">
                  {g.group.code} · {g.group.label}
                </div>
              )}
              {g.leaves.map((c) => {
                const i = flat.indexOf(c);
                return (
                  <button
                    key={c.code}
                    role="option"
                    aria-selected={i === activeIndex}
                    className={i === activeIndex ? 'picker-item active' : 'picker-item'}
                    onMouseEnter={() => setActive(i)}
                    onClick={() => onPick(c.code)}
                    title={c.definition ?? ''}
                  >
                    <b className="code">{c.code}</b> {c.label}
                    {c.synonyms && c.synonyms.length > 0 && (
                      <span className="muted synonyms"> — {c.synonyms.join(', ')}</span>
                    )}
                  </button>
                );
              })}
            </div>
          ))}
        </div>
        <div className="modal-actions">
          <button onClick={onClose}>{t('cancel')}</button>
        </div>
      </div>
    </div>
  );
}
