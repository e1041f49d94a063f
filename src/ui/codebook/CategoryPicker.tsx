import { useEffect, useMemo, useRef, useState } from 'react';
import { groupCodes } from '../../core/codebook';
import type { CombinedPart } from '../../core/suggest/combined';
import type { Category, Codebook, Suggestion } from '../../core/types';
import type { T } from '../i18n';
import { CombinedParts } from '../review/CombinedParts';
import { RawText } from '../RawText';
import { useDismiss } from '../useDismiss';

interface Props {
  readonly codebook: Codebook;
  readonly t: T;
  /** The values being coded, shown as text at the top. */
  readonly raws: readonly string[];
  /** Their suggestions, listed first. */
  readonly suggestions: readonly Suggestion[];
  /** The focused row on screen: the picker opens above or below it, never over it. */
  readonly band: { readonly top: number; readonly bottom: number } | null;
  /** The parts of the one value being coded when it probably names several reasons. */
  readonly combined?: readonly CombinedPart[] | undefined;
  readonly onPick: (code: string) => void;
  readonly onClose: () => void;
}

const SHOWN_RAWS = 3;

/** Fixed position that leaves the row's band free: below it if there is room, else above. */
function placement(band: Props['band']): React.CSSProperties | undefined {
  if (!band) return undefined;
  const below = window.innerHeight - band.bottom;
  const across = { position: 'fixed', left: '50%', transform: 'translateX(-50%)' } as const;
  return below >= band.top
    ? { ...across, top: band.bottom + 6, maxHeight: below - 14 }
    : { ...across, bottom: window.innerHeight - band.top + 6, maxHeight: band.top - 14 };
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
export function CategoryPicker({
  codebook,
  t,
  raws,
  suggestions,
  band,
  combined,
  onPick,
  onClose,
}: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => input.current?.focus(), []);
  useDismiss(box, onClose);

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
    // A deprecated category is no longer given to values (issue 11 item 1).
    const leaves = codebook.categories.filter(
      (c) => !groups.has(c.code) && !c.deprecated && (matches(c, q) || ancestorMatches(c)),
    );
    const out: { group: Category | null; suggested?: boolean; leaves: Category[] }[] = [];
    for (const leaf of leaves) {
      const group = leaf.parent ? (byCode.get(leaf.parent) ?? null) : null;
      const last = out[out.length - 1];
      if (last && last.group === group) last.leaves.push(leaf);
      else out.push({ group, leaves: [leaf] });
    }
    // The values' own suggestions come first, as long as they match the search.
    const suggested = suggestions
      .map((sg) => byCode.get(sg.code))
      .filter(
        (c): c is Category =>
          c !== undefined && !groups.has(c.code) && !c.deprecated && matches(c, q),
      );
    return suggested.length > 0
      ? [{ group: null, suggested: true, leaves: suggested }, ...out]
      : out;
  }, [codebook, groups, q, suggestions]);
  const flat = list.flatMap((g) => g.leaves);
  const starts = list.map((_, gi) => list.slice(0, gi).reduce((n, g) => n + g.leaves.length, 0));
  const activeIndex = Math.min(active, Math.max(0, flat.length - 1));

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive(Math.min(activeIndex + 1, flat.length - 1));
    else if (e.key === 'ArrowUp') setActive(Math.max(activeIndex - 1, 0));
    else if (e.key === 'Enter') {
      const c = flat[activeIndex];
      if (c) onPick(c.code);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="modal-backdrop picker-backdrop">
      <div
        ref={box}
        className="modal picker"
        role="dialog"
        aria-label={t('pickCategory')}
        style={placement(band)}
        onKeyDown={onKeyDown}
      >
        <h2>
          {t('pickCategory')} <span className="muted">({t('selected', { n: raws.length })})</span>
        </h2>
        <ul className="picker-values" aria-label={t('pickerValues')} data-testid="picker-values">
          {raws.slice(0, SHOWN_RAWS).map((raw) => (
            <li key={raw}>
              <RawText raw={raw} />
            </li>
          ))}
          {raws.length > SHOWN_RAWS && (
            <li className="muted">{t('pickerMoreValues', { n: raws.length - SHOWN_RAWS })}</li>
          )}
        </ul>
        {combined && <CombinedParts t={t} codebook={codebook} parts={combined} onPick={onPick} />}
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
            <div
              key={g.suggested ? 'suggested' : (g.group?.code ?? `top-${gi}`)}
              className="picker-group"
            >
              {g.suggested && <div className="picker-group-label">{t('pickerSuggested')}</div>}
              {g.group && (
                <div className="picker-group-label">
                  {g.group.code} · {g.group.label}
                </div>
              )}
              {g.leaves.map((c, li) => {
                // A suggested leaf is listed twice (first, and in its group): index by place.
                const i = (starts[gi] ?? 0) + li;
                return (
                  <button
                    key={`${g.suggested ? 's' : 'c'}-${c.code}`}
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
