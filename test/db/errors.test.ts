import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { describeStorageError } from '../../src/db/errors';
import { loadValues } from '../../src/db/repo';
import { translate } from '../../src/i18n';
import { decideAs, failWritesTo, freshDb, projectWith, variable } from './helpers';

// Issue 13 item 5: a full disk is recognised however the browser reports it, and the user is
// told plainly that nothing was saved.

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/**
 * Tries to code two values on a database whose values table fails every row with `failure`, as
 * Chrome fails a bulk write when the disk fills mid-transaction.
 */
async function decisionOnFullDisk(failure: () => Error) {
  const db = freshDb();
  const p = await projectWith(db, [
    ['a', 1],
    ['b', 1],
  ]);
  const before = await loadValues(db, p.id, variable.id);
  // A second connection to the same database, with the failing disk under it.
  const tab = new (db.constructor as new (name: string) => typeof db)(db.name);
  tab.use(failWritesTo('valuePages', failure, 'each-operation'));
  const error = await decideAs(tab, p.id, 'anna', ['a', 'b'], {
    kind: 'assign',
    code: 'H01',
  }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(await loadValues(db, p.id, variable.id)).toEqual(before);
  return error;
}

describe('a full disk, however it is reported', () => {
  it('a BulkError of AbortErrors whose inner error is the quota error: quota', async () => {
    const error = await decisionOnFullDisk(() => new Dexie.AbortError('aborted', quota()));
    expect((error as Error).message).toMatch(/2 of 2 operations failed/u);
    expect(describeStorageError(error).kind).toBe('quota');
  });

  it('a BulkError of bare QuotaExceededErrors: quota', async () => {
    const error = await decisionOnFullDisk(quota);
    expect(describeStorageError(error)).toEqual({
      kind: 'quota',
      detail: 'QuotaExceededError: The quota has been exceeded.',
    });
  });

  it('a BulkError of AbortErrors with no reason: aborted, and nothing of it was saved', async () => {
    const error = await decisionOnFullDisk(
      () => new DOMException('The transaction was aborted.', 'AbortError'),
    );
    const problem = describeStorageError(error);
    expect(problem.kind).toBe('aborted');
    // Not Dexie's summary, which reads like a partial write.
    expect(problem.detail).not.toMatch(/operations failed/u);
    expect(translate('sv', 'saveAborted')).toMatch(/^Inget av ändringen sparades/u);
    expect(translate('en', 'saveAborted')).toMatch(/^Nothing of the change was saved/u);
  });

  it('an AbortError around a quota error, and an error of another kind', () => {
    expect(describeStorageError(new Dexie.AbortError('x', quota())).kind).toBe('quota');
    const other = describeStorageError(new Dexie.ConstraintError('Key already exists'));
    expect(other).toEqual({ kind: 'unknown', detail: 'ConstraintError: Key already exists' });
    expect(translate('en', 'saveFailed', { message: other.detail })).toMatch(
      /nothing of the change was saved/u,
    );
  });
});
