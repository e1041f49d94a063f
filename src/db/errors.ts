/** A storage failure the user can act on. */
export interface StorageProblem {
  readonly kind: 'quota' | 'closed' | 'version' | 'unknown';
  readonly message: string;
}

/**
 * Classifies an IndexedDB/Dexie failure. A full disk surfaces as QuotaExceededError, sometimes
 * wrapped in an AbortError (`inner`).
 */
export function describeStorageError(e: unknown): StorageProblem {
  const names: string[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const o = cur as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof o.name === 'string') names.push(o.name);
    cur = o.inner ?? o.cause;
  }
  const message = e instanceof Error ? e.message : String(e);
  if (names.includes('QuotaExceededError')) return { kind: 'quota', message };
  if (names.includes('DatabaseClosedError')) return { kind: 'closed', message };
  if (names.includes('VersionError') || names.includes('VersionChangeError'))
    return { kind: 'version', message };
  return { kind: 'unknown', message };
}
