import { useMemo, useRef, useState } from 'react';
import { previewAcceptAbove } from '../../core/accept';
import type { RawValue, Suggestion } from '../../core/types';
import type { Language } from '../../i18n';
import { formatNumber } from '../../i18n';
import type { T } from '../i18n';
import { useDismiss } from '../useDismiss';

interface Props {
  readonly values: readonly RawValue[];
  readonly suggestions: ReadonlyMap<string, readonly Suggestion[]>;
  readonly t: T;
  readonly lang: Language;
  readonly onAccept: (raws: readonly string[]) => void;
  readonly onClose: () => void;
}

/** "Accept all above a threshold": one action, with a live preview of what it would code. */
export function AcceptAboveDialog({ values, suggestions, t, lang, onAccept, onClose }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useDismiss(box, onClose);
  const [threshold, setThreshold] = useState(0.9);
  const preview = useMemo(
    () => previewAcceptAbove(values, suggestions, threshold),
    [values, suggestions, threshold],
  );
  const n = {
    values: formatNumber(lang, preview.raws.length),
    rows: formatNumber(lang, preview.rows),
  };
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-label={t('acceptAboveTitle')} ref={box}>
        <h2>{t('acceptAboveTitle')}</h2>
        <label className="threshold">
          <input
            type="range"
            min={0.5}
            max={1}
            step={0.01}
            value={threshold}
            onChange={(e) => setThreshold(Number(e.target.value))}
            aria-label={t('colScore')}
            data-testid="threshold"
          />
          <b>
            {threshold.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', {
              minimumFractionDigits: 2,
            })}
          </b>
        </label>
        <p data-testid="accept-preview">{t('acceptAbovePreview', n)}</p>
        <p className="muted">{t('acceptAboveNote')}</p>
        <div className="modal-actions">
          <button onClick={onClose}>{t('cancel')}</button>
          <button
            className="btn-primary"
            disabled={preview.raws.length === 0}
            onClick={() => onAccept(preview.raws)}
            data-testid="accept-above-apply"
          >
            {t('acceptAboveApply', n)}
          </button>
        </div>
      </div>
    </div>
  );
}
