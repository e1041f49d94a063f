import type { KnownValue } from './suggest/engine';
import type { RawValue } from './types';

/** What the suggestion engine learns from: approved values fully, coded ones with less weight. */
export function knownValuesOf(values: Iterable<RawValue>): Map<string, KnownValue> {
  const known = new Map<string, KnownValue>();
  for (const v of values) {
    if (v.code === null) continue;
    if (v.status === 'approved') known.set(v.raw, { code: v.code, status: 'approved' });
    else if (v.status === 'coded') known.set(v.raw, { code: v.code, status: 'coded' });
  }
  return known;
}

/** The changes from one known set to the next: a new or changed value, or null where it left. */
export function diffKnown(
  prev: ReadonlyMap<string, KnownValue>,
  next: ReadonlyMap<string, KnownValue>,
): Map<string, KnownValue | null> {
  const diff = new Map<string, KnownValue | null>();
  for (const [raw, k] of next) {
    const p = prev.get(raw);
    if (!p || p.code !== k.code || p.status !== k.status) diff.set(raw, k);
  }
  for (const raw of prev.keys()) if (!next.has(raw)) diff.set(raw, null);
  return diff;
}
