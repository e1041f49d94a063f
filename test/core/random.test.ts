import { describe, expect, it } from 'vitest';
import {
  WeightedSampler,
  createRng,
  deriveSeed,
  hashString,
  zipfSampler,
  zipfWeights,
} from '../../src/core/random';

describe('seeded randomness', () => {
  it('gives the same numbers for the same seed, on every machine', () => {
    // Pinned values: if these change, every demo data set and benchmark changes with them.
    const rng = createRng(1);
    expect([rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()]).toEqual([
      3117325731, 466411961, 754613687, 2952617948,
    ]);
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
  });

  it('gives different numbers for different seeds, also for small neighbouring seeds', () => {
    const a = createRng(0);
    const b = createRng(1);
    const xs = Array.from({ length: 8 }, () => a.uint32());
    const ys = Array.from({ length: 8 }, () => b.uint32());
    expect(xs).not.toEqual(ys);
    expect(createRng(-1).seed).toBe(0xffffffff);
  });

  it('forks streams by label, whatever has been drawn before', () => {
    const a = createRng(42);
    const early = a.fork('rows');
    for (let i = 0; i < 100; i++) a.next();
    const late = a.fork('rows');
    expect(Array.from({ length: 5 }, () => early.uint32())).toEqual(
      Array.from({ length: 5 }, () => late.uint32()),
    );
    expect(a.fork('rows').uint32()).not.toBe(a.fork('dialects').uint32());
    expect(deriveSeed(42, 'rows')).toBe(deriveSeed(42, 'rows'));
  });

  it('draws floats in [0, 1) and integers in an inclusive range', () => {
    const rng = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const k = rng.int(-2, 2);
      expect(Number.isInteger(k) && k >= -2 && k <= 2).toBe(true);
      seen.add(k);
    }
    expect([...seen].sort()).toEqual([-1, -2, 0, 1, 2]);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(rng.chance(0)).toBe(false);
    expect(rng.chance(1)).toBe(true);
  });

  it('shuffles into a permutation', () => {
    const rng = createRng(3);
    const items = Array.from({ length: 50 }, (_v, i) => i);
    const shuffled = rng.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
  });
});

describe('WeightedSampler', () => {
  it('draws in proportion to the weights and never a zero weight', () => {
    const rng = createRng(11);
    const sampler = new WeightedSampler([1, 0, 3, 0, 6]);
    const counts = [0, 0, 0, 0, 0];
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[sampler.sample(rng)]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[3]).toBe(0);
    expect(counts[0]! / n).toBeCloseTo(0.1, 1);
    expect(counts[2]! / n).toBeCloseTo(0.3, 1);
    expect(counts[4]! / n).toBeCloseTo(0.6, 1);
  });

  it('rejects weights that cannot be sampled', () => {
    expect(() => new WeightedSampler([])).toThrow(RangeError);
    expect(() => new WeightedSampler([0, 0])).toThrow(RangeError);
    expect(() => new WeightedSampler([1, -1])).toThrow(RangeError);
    expect(() => new WeightedSampler([1, Number.NaN])).toThrow(RangeError);
    expect(() => new WeightedSampler([1, Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });

  it('chooses by weight with rng.weighted', () => {
    const rng = createRng(5);
    for (let i = 0; i < 100; i++) expect(rng.weighted(['a', 'b'], [0, 1])).toBe('b');
    expect(() => rng.weighted(['a'], [1, 2])).toThrow(RangeError);
  });
});

describe('Zipf-like sampling', () => {
  it('computes integer exponents exactly', () => {
    expect([...zipfWeights(3, 2)]).toEqual([1, 1 / 4, 1 / 9]);
    expect([...zipfWeights(3, 1, 1)]).toEqual([1 / 2, 1 / 3, 1 / 4]);
  });

  it('makes a few ranks frequent and leaves a long tail', () => {
    const rng = createRng(9);
    const n = 1000;
    const sampler = zipfSampler(n, 1);
    const counts = new Array<number>(n).fill(0);
    const draws = 50_000;
    for (let i = 0; i < draws; i++) counts[sampler.sample(rng)]! += 1;
    expect(counts[0]!).toBeGreaterThan(counts[1]!);
    expect(counts[1]!).toBeGreaterThan(counts[10]!);
    const top50 = counts.slice(0, 50).reduce((a, b) => a + b, 0);
    expect(top50 / draws).toBeGreaterThan(0.5);
    expect(counts.filter((c) => c > 0).length).toBeGreaterThan(800);
  });
});
