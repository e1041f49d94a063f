import { describe, expect, it } from 'vitest';
import { measureAgreement, type CoderCodes } from '../../src/core/agreement';

/** A coder from a row of codes per unit (`null`: the coder did not code that unit). */
function coder(name: string, row: readonly (string | number | null)[]): CoderCodes {
  const codes = new Map<string, string>();
  row.forEach((c, i) => {
    if (c !== null) codes.set(`u${i + 1}`, String(c));
  });
  return { name, codes };
}

describe('measureAgreement', () => {
  it("gives Krippendorff's own nominal example: 4 coders, 12 units, missing codes, alpha 0.743", () => {
    // Krippendorff (2011), Computing Krippendorff's Alpha-Reliability, section C; R's
    // irr::kripp.alpha(method = "nominal") gives 0.743 on the same matrix.
    const r = measureAgreement([
      coder('A', [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null]),
      coder('B', [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3]),
      coder('C', [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null]),
      coder('D', [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]),
    ]);
    expect(r.n).toBe(11); // unit 12 has one code only
    expect(r.coders).toBe(4);
    expect(r.krippendorffAlpha).toBeCloseTo(0.743, 3);
    expect(r.cohenKappa).toBeNull();
  });

  it("gives Krippendorff's two-observer binary example: alpha 0.095", () => {
    const r = measureAgreement([
      coder('A', [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]),
      coder('B', [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]),
    ]);
    expect(r.krippendorffAlpha).toBeCloseTo(0.095, 3);
    expect(r.percentAgreement).toBeCloseTo(0.6, 10);
    // po 0.6, pe 0.2·0.4 + 0.8·0.6 = 0.56, kappa (0.6 − 0.56) / 0.44
    expect(r.cohenKappa).toBeCloseTo(0.04 / 0.44, 10);
  });

  it("gives Cohen's kappa 0.4 on the textbook 2 × 2 table (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no)", () => {
    const a: string[] = [];
    const b: string[] = [];
    const cell = (n: number, x: string, y: string) => {
      for (let i = 0; i < n; i++) {
        a.push(x);
        b.push(y);
      }
    };
    cell(20, 'yes', 'yes');
    cell(5, 'yes', 'no');
    cell(10, 'no', 'yes');
    cell(15, 'no', 'no');
    const r = measureAgreement([coder('A', a), coder('B', b)]);
    expect(r.n).toBe(50);
    expect(r.cohenKappa).toBeCloseTo(0.4, 10);
    expect(r.percentAgreement).toBeCloseTo(0.7, 10);
    expect(r.confusion).toEqual({
      codes: ['no', 'yes'],
      counts: [
        [15, 10],
        [5, 20],
      ],
    });
  });

  it('weighs a value by its rows as if it occurred that many times', () => {
    const weights = new Map([
      ['u1', 3],
      ['u2', 1],
      ['u3', 2],
    ]);
    const weighted = measureAgreement([coder('A', ['x', 'y', 'x']), coder('B', ['x', 'x', 'y'])], {
      weight: (raw) => weights.get(raw) ?? 0,
    });
    const repeated = measureAgreement([
      coder('A', ['x', 'x', 'x', 'y', 'x', 'x']),
      coder('B', ['x', 'x', 'x', 'x', 'y', 'y']),
    ]);
    expect(weighted.n).toBe(3); // n counts values, not rows
    expect(weighted.percentAgreement).toBeCloseTo(repeated.percentAgreement!, 10);
    expect(weighted.cohenKappa).toBeCloseTo(repeated.cohenKappa!, 10);
    expect(weighted.krippendorffAlpha).toBeCloseTo(repeated.krippendorffAlpha!, 10);
  });

  it('is perfect when coders agree, and undefined (null) where chance agreement is certain', () => {
    const same = measureAgreement([coder('A', ['x', 'y']), coder('B', ['x', 'y'])]);
    expect(same.percentAgreement).toBe(1);
    expect(same.cohenKappa).toBe(1);
    expect(same.krippendorffAlpha).toBe(1);
    const one = measureAgreement([coder('A', ['x', 'x']), coder('B', ['x', 'x'])]);
    expect(one.percentAgreement).toBe(1);
    expect(one.cohenKappa).toBeNull();
    expect(one.krippendorffAlpha).toBeNull();
  });

  it('compares nothing when no value has two codes, and keeps __proto__ as a value', () => {
    const none = measureAgreement([coder('A', ['x', null]), coder('B', [null, 'y'])]);
    expect(none).toMatchObject({
      n: 0,
      percentAgreement: null,
      cohenKappa: null,
      krippendorffAlpha: null,
    });
    const proto = measureAgreement([
      {
        name: 'A',
        codes: new Map([
          ['__proto__', 'x'],
          ['constructor', 'y'],
        ]),
      },
      {
        name: 'B',
        codes: new Map([
          ['__proto__', 'x'],
          ['constructor', 'x'],
        ]),
      },
    ]);
    expect(proto.n).toBe(2);
    expect(proto.percentAgreement).toBe(0.5);
  });

  it('counts pairs of three coders in the confusion table in coder order', () => {
    const r = measureAgreement([coder('A', ['x']), coder('B', ['y']), coder('C', ['x'])]);
    // pairs (A,B) x→y, (A,C) x→x, (B,C) y→x
    expect(r.confusion).toEqual({
      codes: ['x', 'y'],
      counts: [
        [1, 1],
        [1, 0],
      ],
    });
    expect(r.percentAgreement).toBeCloseTo(1 / 3, 10);
  });
});
