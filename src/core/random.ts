// Seeded randomness for demo data, benchmarks and property tests.
//
// Same seed → same numbers on every machine and in every JavaScript engine: only 32-bit
// integer arithmetic (Math.imul, >>>, ^) and exactly rounded float operations (+, *, /) are
// used. No Math.random, no Date, nothing locale-dependent.

/** A deterministic source of random numbers (sfc32, seeded through splitmix32). */
export interface Rng {
  /** The seed this generator was created from (after coercion to an unsigned 32-bit integer). */
  readonly seed: number;
  /** Uniform integer in [0, 2^32). */
  uint32(): number;
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element, uniformly. Throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** One element, with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[];
  /**
   * An independent generator for one purpose, derived from this generator's seed and a label
   * (not from its position): what one part draws never shifts what another part draws.
   */
  fork(label: string): Rng;
}

/** FNV-1a over UTF-16 code units: a stable 32-bit hash for deriving seeds from labels. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines a seed and a label into a new 32-bit seed. */
export function deriveSeed(seed: number, label: string): number {
  return splitmix32(((seed >>> 0) ^ hashString(label)) >>> 0);
}

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const TWO_POW_32 = 4294967296;

/** Creates a generator. Any number is accepted as a seed; it is coerced with `>>> 0`. */
export function createRng(seed: number): Rng {
  const s = seed >>> 0;
  // splitmix32 spreads a small seed (0, 1, 2 …) over all four words of sfc32's state.
  let a = splitmix32(s);
  let b = splitmix32(a);
  let c = splitmix32(b);
  let d = 1;

  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up: the first outputs of sfc32 still show the seed's structure.
  for (let i = 0; i < 12; i++) uint32();

  const next = (): number => uint32() / TWO_POW_32;

  const rng: Rng = {
    seed: s,
    uint32,
    next,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`int(${min}, ${max}): need integers with min ≤ max`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    chance(p) {
      return next() < p;
    },
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick: the list is empty');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(items: readonly T[], weights: readonly number[]): T {
      if (items.length !== weights.length) {
        throw new RangeError(`weighted: ${items.length} items but ${weights.length} weights`);
      }
      return items[new WeightedSampler(weights).sample(rng)] as T;
    },
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i] as T;
        items[i] = items[j] as T;
        items[j] = tmp;
      }
      return items;
    },
    fork(label) {
      return createRng(deriveSeed(s, label));
    },
  };
  return rng;
}

/**
 * Draws indices with probability proportional to fixed weights. The cumulative weights are
 * computed once; each draw is one random number and a binary search (O(log n)), so it is cheap
 * enough to call once per row of a 220 000-row table.
 */
export class WeightedSampler {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(weights: ArrayLike<number>) {
    const cumulative = new Float64Array(weights.length);
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] as number;
      if (!(w >= 0) || !Number.isFinite(w)) {
        throw new RangeError(
          `WeightedSampler: weight ${i} is ${w}; weights must be finite and ≥ 0`,
        );
      }
      total += w;
      cumulative[i] = total;
    }
    if (!(total > 0)) throw new RangeError('WeightedSampler: the weights sum to 0');
    this.cumulative = cumulative;
    this.total = total;
  }

  get size(): number {
    return this.cumulative.length;
  }

  /** An index in [0, size); a zero weight is never drawn. */
  sample(rng: Rng): number {
    const x = rng.next() * this.total;
    const cum = this.cumulative;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/**
 * Zipf–Mandelbrot weights `1 / (rank + offset)^exponent` for ranks 1…n: a few very frequent
 * items and a long tail, as raw values in real registers are. Integer exponents are computed by
 * multiplication, so they are identical in every engine; other exponents use Math.pow, whose
 * last bit the language leaves to the engine.
 */
export function zipfWeights(n: number, exponent = 1, offset = 0): Float64Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`zipfWeights: n = ${n}`);
  if (!(exponent >= 0) || !(offset > -1)) {
    throw new RangeError(`zipfWeights: exponent ${exponent}, offset ${offset}`);
  }
  const out = new Float64Array(n);
  const integral = Number.isInteger(exponent);
  for (let k = 0; k < n; k++) {
    const base = k + 1 + offset;
    let p = 1;
    if (integral) for (let e = 0; e < exponent; e++) p *= base;
    else p = Math.pow(base, exponent);
    out[k] = 1 / p;
  }
  return out;
}

/** A sampler over ranks 0…n-1 with Zipf–Mandelbrot weights (rank 0 the most frequent). */
export function zipfSampler(n: number, exponent = 1, offset = 0): WeightedSampler {
  return new WeightedSampler(zipfWeights(n, exponent, offset));
}
