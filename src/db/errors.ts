/**
 * A storage failure the user can act on. `quota`: storage is full. `aborted`: the browser
 * stopped the transaction without saying why (on a full disk Chrome aborts a bulk write: each
 * row fails with an AbortError and the quota error itself may be lost). Every action is one
 * transaction, so in all of these nothing of the action was saved.
 */
export interface StorageProblem {
  readonly kind: 'quota' | 'aborted' | 'closed' | 'version' | 'unknown';
  /** The underlying error in one line (its name and message), for the curious; not Dexie's summary. */
  readonly detail: string;
}

interface ErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly inner?: unknown;
  readonly cause?: unknown;
  /** Dexie's BulkError: the error of each failed operation. */
  readonly failures?: unknown;
}

/** The error and every error inside it (inner, cause, a BulkError's failures), breadth first. */
function errorsWithin(e: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const queue: unknown[] = [e];
  while (queue.length > 0 && out.length < 50) {
    const cur = queue.shift();
    if (!cur || typeof cur !== 'object' || out.includes(cur as ErrorLike)) continue;
    const o = cur as ErrorLike;
    out.push(o);
    queue.push(o.inner, o.cause);
    if (Array.isArray(o.failures)) queue.push(...(o.failures as unknown[]).slice(0, 10));
  }
  return out;
}

const nameOf = (e: ErrorLike) => (typeof e.name === 'string' ? e.name : '');

/**
 * Classifies an IndexedDB/Dexie failure, however the browser reports it: QuotaExceededError,
 * an AbortError whose `inner` is one, or Dexie's BulkError ("N of M operations failed") around
 * either.
 */
export function describeStorageError(e: unknown): StorageProblem {
  const all = errorsWithin(e);
  const names = all.map(nameOf);
  // The innermost error that is not a Dexie wrapper says what happened.
  const cause =
    [...all].reverse().find((x) => nameOf(x) !== 'BulkError' && nameOf(x) !== 'AbortError') ??
    all[all.length - 1];
  const detail = cause
    ? [nameOf(cause), typeof cause.message === 'string' ? firstLine(cause.message) : '']
        .filter((s) => s !== '')
        .join(': ')
    : String(e);
  const kind: StorageProblem['kind'] =
    names.includes('QuotaExceededError') || all.some(isQuotaCode)
      ? 'quota'
      : names.includes('DatabaseClosedError')
        ? 'closed'
        : names.includes('VersionError') || names.includes('VersionChangeError')
          ? 'version'
          : names.includes('AbortError') &&
              all.every((x) => ['BulkError', 'AbortError'].includes(nameOf(x)))
            ? 'aborted'
            : 'unknown';
  return { kind, detail: detail || String(e) };
}

/** A DOMException of the legacy QUOTA_EXCEEDED_ERR code (older Safari names it differently). */
function isQuotaCode(e: ErrorLike): boolean {
  return (e as { code?: unknown }).code === 22;
}

function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? '';
  return line.length > 200 ? line.slice(0, 197) + '…' : line;
}
