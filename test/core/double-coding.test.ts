// An admin draws a sample for double coding; two coders code it blind; Kodbok says how well they
// agree, with the same figures as `kodbok agreement`, and lists where they differ.
import { describe, expect, it } from 'vitest';
import { measureAgreement } from '../../src/core/agreement';
import {
  blindView,
  codesByCoder,
  disagreements,
  drawSample,
  mayCompare,
  sampleAgreement,
  sampleComplete,
  type BlindCode,
  type DoubleSample,
} from '../../src/core/double-coding';
import { CODEBOOK } from './export/fixtures';

const VALUES = Array.from({ length: 40 }, (_, i) => ({ raw: `v${i}`, frequency: 1000 - i * 20 }));

describe('drawing a sample', () => {
  it('draws the same values from the same seed, whatever order the values come in', () => {
    const request = { size: 10, mode: 'random' as const, seed: 42 };
    const a = drawSample(VALUES, request);
    const b = drawSample([...VALUES].reverse(), request);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(10);
    expect(drawSample(VALUES, { ...request, seed: 43 })).not.toEqual(a);
  });

  it('stratified by frequency: each quarter of the values by rows gives its share', () => {
    const sample = drawSample(VALUES, { size: 8, mode: 'stratified', seed: 7 });
    const quarter = (raw: string) => Math.floor(Number(raw.slice(1)) / 10);
    expect(sample.map(quarter)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    // 9 values: the extra one from the most frequent quarter.
    const nine = drawSample(VALUES, { size: 9, mode: 'stratified', seed: 7 });
    expect(nine.map(quarter).filter((q) => q === 0)).toHaveLength(3);
  });

  it('takes every value when asked for more than there are', () => {
    expect(drawSample(VALUES.slice(0, 3), { size: 10, mode: 'stratified', seed: 1 })).toEqual([
      'v0',
      'v1',
      'v2',
    ]);
  });
});

const SAMPLE: DoubleSample = {
  id: 's1',
  variable: 'aktualiseringsorsak',
  mode: 'random',
  seed: 1,
  size: 4,
  raws: ['missbruk mamma', 'knark', 'skolk', '__proto__'],
  coders: ['anna', 'erik'],
  by: 'lena',
  at: '2026-12-05T10:00:00Z',
};
let n = 0;
const code = (by: string, raw: string, c: string, at = '2026-12-05T11:00:00Z'): BlindCode => ({
  id: `e${n++}`,
  sample: 's1',
  raw,
  code: c,
  by,
  at,
});
const EVENTS = [
  code('anna', 'missbruk mamma', 'B11'),
  code('anna', 'missbruk mamma', 'H07', '2026-12-05T12:00:00Z'), // changed her mind
  code('anna', 'knark', 'B11'),
  code('anna', 'skolk', 'B15'),
  code('anna', '__proto__', 'B15'),
  code('erik', 'missbruk mamma', 'H07'),
  code('erik', 'knark', 'B15'),
  code('erik', 'skolk', 'B15'),
  code('erik', 'utanför', 'B15'), // not in the sample: ignored
];

describe('coding blind', () => {
  it('shows a coder her own latest codes only', () => {
    expect(blindView(SAMPLE, EVENTS, 'erik')).toEqual([
      { raw: 'missbruk mamma', code: 'H07' },
      { raw: 'knark', code: 'B15' },
      { raw: 'skolk', code: 'B15' },
      { raw: '__proto__', code: null },
    ]);
    expect(codesByCoder(SAMPLE, EVENTS).get('anna')?.get('missbruk mamma')).toBe('H07');
  });

  it('keeps the comparison from a coder until she has coded every value', () => {
    expect(mayCompare(SAMPLE, EVENTS, 'erik')).toBe(false);
    expect(mayCompare(SAMPLE, EVENTS, 'anna')).toBe(true);
    expect(mayCompare(SAMPLE, EVENTS, 'lena')).toBe(true);
    expect(sampleComplete(SAMPLE, EVENTS)).toBe(false);
    const done = [...EVENTS, code('erik', '__proto__', 'B15')];
    expect(sampleComplete(SAMPLE, done)).toBe(true);
    expect(mayCompare(SAMPLE, done, 'erik')).toBe(true);
  });
});

describe('agreement on the sample', () => {
  const done = [...EVENTS, code('erik', '__proto__', 'H07')];

  it('is measureAgreement on the coders’ latest codes (the figures of kodbok agreement)', () => {
    const report = sampleAgreement(SAMPLE, done, {
      codebook: CODEBOOK,
      level: 'leaf',
      weight: 'values',
      frequencies: new Map(),
    });
    const direct = measureAgreement([
      {
        name: 'anna',
        codes: new Map([
          ['missbruk mamma', 'H07'],
          ['knark', 'B11'],
          ['skolk', 'B15'],
          ['__proto__', 'B15'],
        ]),
      },
      {
        name: 'erik',
        codes: new Map([
          ['missbruk mamma', 'H07'],
          ['knark', 'B15'],
          ['skolk', 'B15'],
          ['__proto__', 'H07'],
        ]),
      },
    ]);
    expect(report).toEqual(direct);
    expect(report.n).toBe(4);
    expect(report.percentAgreement).toBe(0.5);
  });

  it('at group level, B11 and B15 agree (both BRN); weighted by rows', () => {
    const frequencies = new Map([
      ['missbruk mamma', 10],
      ['knark', 1],
      ['skolk', 5],
      ['__proto__', 4],
    ]);
    const group = sampleAgreement(SAMPLE, done, {
      codebook: CODEBOOK,
      level: 'group',
      weight: 'rows',
      frequencies,
    });
    // Only __proto__ (BRN vs HEM, 4 of 20 rows) disagrees.
    expect(group.percentAgreement).toBeCloseTo(16 / 20, 10);
    expect(disagreements(SAMPLE, done, CODEBOOK, 'group').map((d) => d.raw)).toEqual(['__proto__']);
  });

  it('lists the disagreements with each coder’s code', () => {
    expect(disagreements(SAMPLE, done, CODEBOOK, 'leaf')).toEqual([
      {
        raw: 'knark',
        codes: [
          { coder: 'anna', code: 'B11' },
          { coder: 'erik', code: 'B15' },
        ],
      },
      {
        raw: '__proto__',
        codes: [
          { coder: 'anna', code: 'B15' },
          { coder: 'erik', code: 'H07' },
        ],
      },
    ]);
  });
});
