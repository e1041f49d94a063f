// Which codes an export or a chart speaks: the codebook's own, or another codebook's through the
// categories' crosswalk (issue 11 item 5). Props only; shown when the codebook has a crosswalk.

import type { T } from '../i18n';

interface Props {
  readonly t: T;
  readonly label: string;
  /** The codebook's own id, for the first choice. */
  readonly codebookId: string;
  /** The codebooks its categories have crosswalks to (crosswalkTargets). */
  readonly targets: readonly string[];
  /** `''`: the codebook's own codes. */
  readonly value: string;
  readonly onChange: (crosswalk: string) => void;
  readonly testId: string;
}

export function CrosswalkSelect({ t, label, codebookId, targets, value, onChange, testId }: Props) {
  if (targets.length === 0) return null;
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{t('expCrosswalkNone', { id: codebookId })}</option>
        {targets.map((id) => (
          <option key={id} value={id}>
            {t('expCrosswalkTo', { id })}
          </option>
        ))}
      </select>
    </label>
  );
}
