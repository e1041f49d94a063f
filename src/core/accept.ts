import type { RawValue, Suggestion } from './types';

export interface AcceptPreview {
  /** Values that would get their top suggestion. */
  readonly raws: readonly string[];
  /** Rows (referrals) those values cover. */
  readonly rows: number;
}

/**
 * What "accept every suggestion scoring at least `threshold`" would code: only values nobody has
 * decided on yet (uncoded or merely suggested), never over a researcher's or reviewer's decision.
 */
export function previewAcceptAbove(
  values: readonly RawValue[],
  suggestions: ReadonlyMap<string, readonly Suggestion[]>,
  threshold: number,
): AcceptPreview {
  const raws: string[] = [];
  let rows = 0;
  for (const v of values) {
    if (v.status !== 'uncoded' && v.status !== 'suggested') continue;
    const top = suggestions.get(v.raw)?.[0];
    if (!top || top.score < threshold) continue;
    raws.push(v.raw);
    rows += v.frequency;
  }
  return { raws, rows };
}
