import { describe, expect, it } from 'vitest';
import {
  decide,
  newRawValue,
  restore,
  reviewRules,
  seenOf,
  type DecisionContext,
  type DecisionInput,
} from '../../src/core/decide';
import { canReview, defaultPeople, readPeople, withMember } from '../../src/core/members';
import type { RawValue } from '../../src/core/types';

// The rules that make a review trustworthy, on one value: a decision applies to what the person
// saw; approved work is left alone unless she said otherwise; four eyes and roles.

const ctx = (by = 'erik', more: Partial<DecisionContext> = {}): DecisionContext => ({
  by,
  at: '2026-12-05T19:12:00.000Z',
  batch: 'b1',
  leaves: new Set(['H04', 'H06', 'H07']),
  ...more,
});

const coded: RawValue = {
  ...newRawValue('aktualiseringsorsak', 'Våld i hemmet', 12, 3),
  code: 'H04',
  status: 'coded',
  codedBy: 'anna',
  codedAt: '2026-12-05T18:00:00.000Z',
  updatedAt: '2026-12-05T18:00:00.000Z',
};
const approved: RawValue = {
  ...coded,
  status: 'approved',
  reviewedBy: 'erik',
  reviewedAt: '2026-12-05T18:30:00.000Z',
  updatedAt: '2026-12-05T18:30:00.000Z',
};

describe('a decision applies to the value the person saw', () => {
  it('approves a value that is as it was seen', () => {
    expect(decide(coded, { kind: 'approve' }, ctx(), seenOf(coded))).toMatchObject({
      value: { status: 'approved', reviewedBy: 'erik' },
    });
  });

  it('skips a value recoded since it was seen (H04 seen, H06 now), for every kind of decision', () => {
    const recoded: RawValue = { ...coded, code: 'H06', updatedAt: '2026-12-05T19:10:00.000Z' };
    const seen = seenOf(coded);
    const inputs: DecisionInput[] = [
      { kind: 'approve' },
      { kind: 'reject', reason: 'fel' },
      { kind: 'assign', code: 'H07' },
      { kind: 'accept-suggestion', codes: new Map([[coded.raw, 'H07']]) },
      { kind: 'flag' },
      { kind: 'clear' },
      { kind: 'note', note: 'x' },
    ];
    for (const input of inputs) expect(decide(recoded, input, ctx(), seen)).toBe('stale');
  });

  it('a change of status or of the time alone is a change too', () => {
    const flagged = { ...coded, status: 'flagged' as const };
    expect(decide(flagged, { kind: 'approve' }, ctx(), seenOf(coded))).toBe('stale');
    const touched = { ...coded, updatedAt: '2026-12-05T19:00:00.000Z' };
    expect(decide(touched, { kind: 'approve' }, ctx(), seenOf(coded))).toBe('stale');
  });
});

describe('approved work is protected', () => {
  it('leaves an approved value as it is under assign, accept, reject, flag and clear', () => {
    const inputs: DecisionInput[] = [
      { kind: 'assign', code: 'H07' },
      { kind: 'accept-suggestion', codes: new Map([[approved.raw, 'H07']]) },
      { kind: 'reject' },
      { kind: 'flag' },
      { kind: 'clear' },
    ];
    for (const input of inputs) expect(decide(approved, input, ctx('anna'))).toBe('approved');
  });

  it('changes it when the person said so, and a note never needs asking', () => {
    expect(
      decide(approved, { kind: 'assign', code: 'H07' }, ctx('anna', { changeApproved: true })),
    ).toMatchObject({ value: { code: 'H07', status: 'coded', reviewedBy: null } });
    expect(decide(approved, { kind: 'note', note: 'ok' }, ctx('anna'))).toMatchObject({
      value: { status: 'approved', note: 'ok' },
    });
  });

  it('reopening is its own action: back to coded, the review forgotten, the code kept', () => {
    const out = decide(approved, { kind: 'reopen' }, ctx('anna'));
    expect(out).toMatchObject({
      value: { code: 'H04', status: 'coded', codedBy: 'anna', reviewedBy: null },
      decision: { kind: 'reopen', before: { status: 'approved', reviewedBy: 'erik' } },
    });
    expect(decide(coded, { kind: 'reopen' }, ctx('anna'))).toBe('unchanged');
  });
});

describe('four eyes and roles', () => {
  const team = withMember(withMember(defaultPeople, { name: 'anna', role: 'both' }), {
    name: 'kim',
    role: 'coder',
  });

  it('refuses an approval of a value whose current code the approver set herself', () => {
    expect(decide(coded, { kind: 'approve' }, ctx('anna', reviewRules(team, 'anna')))).toBe(
      'own-coding',
    );
    expect(
      decide(
        coded,
        { kind: 'approve' },
        ctx('anna', reviewRules({ ...team, fourEyes: false }, 'anna')),
      ),
    ).toMatchObject({ value: { status: 'approved', reviewedBy: 'anna' } });
  });

  it('refuses approving and sending back by a member who is not a reviewer', () => {
    const kim = reviewRules(team, 'kim');
    expect(kim.reviewer).toBe(false);
    expect(decide(coded, { kind: 'approve' }, ctx('kim', kim))).toBe('not-a-reviewer');
    expect(decide(coded, { kind: 'reject' }, ctx('kim', kim))).toBe('not-a-reviewer');
    expect(decide(coded, { kind: 'assign', code: 'H07' }, ctx('kim', kim))).not.toBe(
      'not-a-reviewer',
    );
  });

  it('a project without members lets anyone review; four eyes is on by default', () => {
    expect(canReview(defaultPeople, 'vem som helst')).toBe(true);
    expect(readPeople(undefined)).toEqual({ members: [], fourEyes: true });
  });

  it('repairs stored people: wrong types, blank and repeated names, unknown roles', () => {
    expect(
      readPeople({
        members: [
          { name: ' AL ', role: 'reviewer' },
          { name: 'AL', role: 'coder' },
          { name: '', role: 'coder' },
          { name: 7 },
          'x',
          { name: 'EK', role: 'boss' },
        ],
        fourEyes: 'yes',
      }),
    ).toEqual({
      members: [
        { name: 'AL', role: 'reviewer' },
        { name: 'EK', role: 'both' },
      ],
      fourEyes: true,
    });
    expect(readPeople({ members: 5, fourEyes: false })).toEqual({ members: [], fourEyes: false });
  });
});

describe('sending back with a reason', () => {
  it('the reason becomes the value’s note; an earlier note stays above it', () => {
    expect(decide(coded, { kind: 'reject', reason: ' Fel kategori ' }, ctx())).toMatchObject({
      value: { status: 'rejected', note: 'Fel kategori' },
      decision: { note: 'Fel kategori' },
    });
    const noted = { ...coded, note: 'ask Erik' };
    expect(decide(noted, { kind: 'reject', reason: 'H06?' }, ctx())).toMatchObject({
      value: { note: 'ask Erik\nH06?' },
    });
  });
});

describe('undo and redo restore exactly', () => {
  it('redo after undo gives back code, status, who and when, and the note', () => {
    const out = decide(coded, { kind: 'approve' }, ctx());
    if (typeof out === 'string') throw new Error(out);
    const undone = restore(
      out.value,
      out.decision.before,
      ctx('erik', { at: '2026-12-05T19:13:00.000Z' }),
    );
    if (typeof undone === 'string') throw new Error(undone);
    expect(undone.value).toEqual(coded);
    const redone = restore(
      undone.value,
      undone.decision.before,
      ctx('erik', { at: '2026-12-05T19:14:00.000Z' }),
      'redo',
    );
    if (typeof redone === 'string') throw new Error(redone);
    expect(redone.value).toEqual(out.value);
    expect(redone.decision.kind).toBe('redo');
  });
});
