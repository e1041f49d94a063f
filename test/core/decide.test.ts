import { describe, expect, it } from 'vitest';
import { decide, newRawValue, restore, type DecisionContext } from '../../src/core/decide';
import { coverageOf } from '../../src/core/coverage';

const ctx = (by = 'anna'): DecisionContext => ({
  by,
  at: '2026-11-23T10:00:00.000Z',
  batch: 'b1',
  leaves: new Set(['H01', 'H07']),
});
const v = newRawValue('aktualiseringsorsak', 'Missbruk förälder', 10, 2);

describe('decisions on a value', () => {
  it('assigning codes the value and forgets an earlier review', () => {
    const approved = {
      ...v,
      code: 'H01',
      status: 'approved' as const,
      reviewedBy: 'erik',
      reviewedAt: 'x',
    };
    const out = decide(
      approved,
      { kind: 'assign', code: 'H07' },
      {
        ...ctx(),
        changeApproved: true,
      },
    );
    expect(out).toMatchObject({
      value: { code: 'H07', status: 'coded', codedBy: 'anna', reviewedBy: null },
    });
  });

  it('a value needs a category before it can be approved or sent back', () => {
    expect(decide(v, { kind: 'approve' }, ctx())).toBe('no-code');
    expect(decide(v, { kind: 'reject' }, ctx())).toBe('no-code');
  });

  it('records the state before, so it can be restored', () => {
    const out = decide(v, { kind: 'assign', code: 'H07' }, ctx());
    if (typeof out === 'string') throw new Error(out);
    expect(out.decision.before).toMatchObject({ code: null, status: 'uncoded' });
    const back = restore(out.value, out.decision.before, ctx('erik'));
    if (typeof back === 'string') throw new Error(back);
    expect(back.value).toMatchObject({ code: null, status: 'uncoded', codedBy: null });
    expect(back.decision.kind).toBe('undo');
  });

  it('an action that changes nothing is not recorded', () => {
    const flagged = { ...v, status: 'flagged' as const };
    expect(decide(flagged, { kind: 'flag' }, ctx())).toBe('unchanged');
  });

  it('clearing keeps the note', () => {
    const coded = { ...v, code: 'H01', status: 'coded' as const, note: 'ask Erik' };
    expect(decide(coded, { kind: 'clear' }, ctx())).toMatchObject({
      value: { code: null, status: 'uncoded', note: 'ask Erik' },
    });
  });
});

describe('coverage', () => {
  it('counts rows, not values', () => {
    const c = coverageOf([
      { raw: 'a', frequency: 90, status: 'approved' },
      { raw: 'b', frequency: 5, status: 'coded' },
      { raw: 'c', frequency: 5, status: 'uncoded' },
    ]);
    expect(c.approvedRowShare).toBeCloseTo(0.9);
    expect(c.valuesLeft).toBe(2);
  });

  it('counts a row with several values once, approved only when all its values are', () => {
    const values = [
      { raw: 'Missbruk förälder', frequency: 10, status: 'approved' as const },
      { raw: 'Skolproblem', frequency: 4, status: 'uncoded' as const },
    ];
    const cells = [
      { atoms: ['Missbruk förälder'], rows: 6 },
      { atoms: ['Missbruk förälder', 'Skolproblem'], rows: 4 },
    ];
    const c = coverageOf(values, cells);
    expect(c.totalRows).toBe(10);
    expect(c.approvedRows).toBe(6);
    expect(c.approvedRowShare).toBeCloseTo(0.6);
  });
});
