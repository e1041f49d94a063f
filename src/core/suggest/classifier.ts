// A classifier learnt from the team's decisions (issue 12, item 2): multinomial logistic regression
// over hashed word and character n-grams of a value's match text. Nearest neighbours see one
// decision at a time; the model sees what all decisions of a category share (`dricker`, `super`,
// `alkohol` approved as a parent's misuse make the parent's misuse of any drink-word likelier).
// Deterministic: the same decisions in the same order give the same weights, bit for bit.

/** Hashed feature space: 2^15 buckets, few collisions for the few thousand n-grams of a variable. */
const DIMENSIONS = 1 << 15;

/** FNV-1a over UTF-16 code units, into the feature space. */
function bucket(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & (DIMENSIONS - 1);
}

/**
 * The features of a match text: its words, word pairs and character trigrams (with word
 * boundaries), each hashed. Negated and affirmed values share no feature: an approved `ingen
 * utredning` teaches nothing about `utredning`, and the other way round.
 */
export function textFeatures(matchText: string, negated: boolean): Int32Array {
  const seed = negated ? 0x9e3779b9 : 0;
  const words = matchText.split(' ').filter((w) => w !== '');
  const out = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    out.add(bucket(`w:${w}`, seed));
    if (i > 0) out.add(bucket(`b:${words[i - 1]} ${w}`, seed));
    const padded = ` ${w} `;
    for (let j = 0; j + 3 <= padded.length; j++)
      out.add(bucket(`c:${padded.slice(j, j + 3)}`, seed));
  }
  if (out.size === 0) out.add(bucket('empty', seed));
  return Int32Array.from([...out].sort((a, b) => a - b));
}

export interface Example {
  readonly features: Int32Array;
  /** Index of the class (category). */
  readonly label: number;
  /** An approved decision weighs 1, a coded one less. */
  readonly weight: number;
  /** An approved decision (not merely coded): only these measure the model (engine.ts). */
  readonly approved?: boolean;
}

export interface TrainOptions {
  readonly epochs: number;
  /** Learning rate of the first epoch; it falls as 1 / (1 + epoch). */
  readonly rate: number;
  /** L2 penalty per step, applied lazily to the weights a step touches. */
  readonly l2: number;
}

export const defaultTrainOptions: TrainOptions = { epochs: 8, rate: 0.5, l2: 1e-4 };

/** Weights of a multinomial logistic regression: one row of DIMENSIONS per class, and biases. */
export class LogisticModel {
  private readonly weights: Float32Array;
  private readonly bias: Float64Array;
  private readonly scratch: Float64Array;

  constructor(readonly classes: number) {
    this.weights = new Float32Array(classes * DIMENSIONS);
    this.bias = new Float64Array(classes);
    this.scratch = new Float64Array(classes);
  }

  /** Stochastic gradient descent over the examples in their order (no shuffling: deterministic). */
  static train(
    classes: number,
    examples: readonly Example[],
    options: TrainOptions = defaultTrainOptions,
  ): LogisticModel {
    const model = new LogisticModel(classes);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const rate = options.rate / (1 + epoch);
      for (const e of examples) model.step(e, rate * e.weight, options.l2);
    }
    return model;
  }

  private step(e: Example, rate: number, l2: number): void {
    const p = this.probabilities(e.features);
    // Features are binary: the gradient of a class's row is (p − y) on each present feature.
    const scale = rate / Math.sqrt(e.features.length);
    for (let c = 0; c < this.classes; c++) {
      const g = (p[c] as number) - (c === e.label ? 1 : 0);
      this.bias[c] = (this.bias[c] as number) - rate * g;
      const row = c * DIMENSIONS;
      for (const f of e.features) {
        const w = this.weights[row + f] as number;
        this.weights[row + f] = w - scale * g - rate * l2 * w;
      }
    }
  }

  /** The probability of each class for these features (reused array: copy to keep). */
  probabilities(features: Int32Array): Float64Array {
    const z = this.scratch;
    const norm = 1 / Math.sqrt(Math.max(1, features.length));
    let max = -Infinity;
    for (let c = 0; c < this.classes; c++) {
      let s = this.bias[c] as number;
      const row = c * DIMENSIONS;
      for (const f of features) s += (this.weights[row + f] as number) * norm;
      z[c] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let c = 0; c < this.classes; c++) {
      const v = Math.exp((z[c] as number) - max);
      z[c] = v;
      sum += v;
    }
    for (let c = 0; c < this.classes; c++) z[c] = (z[c] as number) / sum;
    return z;
  }
}
