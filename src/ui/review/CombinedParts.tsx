import { categoryIndex } from '../../core/codebook';
import type { CombinedPart } from '../../core/suggest/combined';
import type { Codebook } from '../../core/types';
import type { T } from '../i18n';
import { RawText } from '../RawText';

interface Props {
  readonly t: T;
  readonly codebook: Codebook;
  readonly parts: readonly CombinedPart[];
  /** Codes the value as one part's category. */
  readonly onPick: (code: string) => void;
}

/**
 * The parts of a value that probably names several reasons, each with its own suggestion and a
 * button that codes the value as that part (issue 12 item 6). A stored value cannot be split
 * without importing it again: the text says so and where the split is set.
 */
export function CombinedParts({ t, codebook, parts, onPick }: Props) {
  const index = categoryIndex(codebook);
  return (
    <section className="combined" aria-label={t('combinedTitle')} data-testid="combined-parts">
      <h3>{t('combinedTitle')}</h3>
      <ul>
        {parts.map((p) => (
          <li key={p.text} data-testid="combined-part">
            <RawText raw={p.text} />
            <span className="muted">
              {' → '}
              {p.suggestion.code} {index.get(p.suggestion.code)?.label ?? ''}
            </span>{' '}
            <button onClick={() => onPick(p.suggestion.code)}>
              {t('combinedPick', { code: p.suggestion.code })}
            </button>
          </li>
        ))}
      </ul>
      <p className="muted">{t('combinedHelp')}</p>
    </section>
  );
}
