// The best hits of a Dice search so far: a bounded binary heap with the worst hit on top, so a
// search knows the score a new hit must beat. Without a limit it only collects, sorted once at the end.

import type { DiceHit } from './dice';

export type Order = (a: DiceHit, b: DiceHit) => number;

export function makeOrder(tieBreak: ((a: number, b: number) => number) | undefined): Order {
  return (a, b) => b.score - a.score || (tieBreak ? tieBreak(a.id, b.id) : a.id - b.id);
}

/** The best `limit` hits seen so far: a bounded binary heap with the worst hit on top. */
export class TopHits {
  private readonly heap: DiceHit[] = [];

  constructor(
    private readonly limit: number,
    private readonly order: Order,
  ) {}

  /** The score a new hit must reach to enter (0 until the heap is full). */
  floor(): number {
    return Number.isFinite(this.limit) && this.heap.length >= this.limit
      ? (this.heap[0] as DiceHit).score
      : 0;
  }

  offer(id: number, score: number, shared: number): void {
    const hit = { id, score, shared };
    if (!Number.isFinite(this.limit)) {
      this.heap.push(hit); // no limit: nothing to evict, sorted once at the end
    } else if (this.heap.length < this.limit) {
      this.heap.push(hit);
      this.up(this.heap.length - 1);
    } else if (this.order(hit, this.heap[0] as DiceHit) < 0) {
      this.heap[0] = hit;
      this.down(0);
    }
  }

  sorted(): DiceHit[] {
    return [...this.heap].sort(this.order);
  }

  // Heap order: the WORST hit (last in `order`) at the root.
  private worse(i: number, j: number): boolean {
    return this.order(this.heap[i] as DiceHit, this.heap[j] as DiceHit) > 0;
  }

  private swap(i: number, j: number): void {
    const t = this.heap[i] as DiceHit;
    this.heap[i] = this.heap[j] as DiceHit;
    this.heap[j] = t;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < this.heap.length && this.worse(l, worst)) worst = l;
      if (r < this.heap.length && this.worse(r, worst)) worst = r;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }
}

/**
 * The first `k` of `items` in `order`, exactly as `[...items].sort(order).slice(0, k)` gives them
 * (a stable sort: equal items keep their order), without sorting the rest: a suggestion keeps the
 * best three of a few dozen categories.
 */
export function firstK<T>(items: readonly T[], k: number, order: (a: T, b: T) => number): T[] {
  const out: T[] = [];
  if (k <= 0) return out;
  for (const item of items) {
    let i = out.length;
    if (i === k) {
      // Not before the last kept: a stable sort places it after (an equal one too, being later).
      if (order(item, out[k - 1] as T) >= 0) continue;
      i = k - 1;
    } else out.push(item);
    while (i > 0 && order(out[i - 1] as T, item) > 0) {
      out[i] = out[i - 1] as T;
      i--;
    }
    out[i] = item;
  }
  return out;
}
