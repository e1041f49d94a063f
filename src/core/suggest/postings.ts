// One bigram's postings for the Dice index: (target size, target id, count in the target) triples
// in one Int32Array, sorted by size so that a search reads only the sizes that can still reach its
// threshold. Adding appends; the order is restored before the next search — by inserting the few
// new postings after an approval, or by one sort after a bulk load.

export const STRIDE = 3;

// Up to this many new postings are inserted one by one; more are sorted together.
const INSERT_AT_MOST = 32;

export class PostingList {
  data = new Int32Array(STRIDE * 4);
  /** Number of postings (not Int32Array elements). */
  length = 0;
  /** Postings [0, sortedUpTo) are in size order; those after were appended since. */
  private sortedUpTo = 0;

  add(size: number, id: number, count: number): void {
    if ((this.length + 1) * STRIDE > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const inOrder =
      this.sortedUpTo === this.length &&
      (this.length === 0 || (this.data[(this.length - 1) * STRIDE] as number) <= size);
    const o = this.length * STRIDE;
    this.data[o] = size;
    this.data[o + 1] = id;
    this.data[o + 2] = count;
    this.length++;
    if (inOrder) this.sortedUpTo = this.length;
  }

  remove(id: number): void {
    for (let k = this.length - 1; k >= 0; k--) {
      if (this.data[k * STRIDE + 1] !== id) continue;
      this.data.copyWithin(k * STRIDE, (k + 1) * STRIDE, this.length * STRIDE);
      this.length--;
      if (k < this.sortedUpTo) this.sortedUpTo--;
      return;
    }
  }

  /** Restores size order (stable: equal sizes keep their order). */
  sort(): void {
    if (this.sortedUpTo >= this.length) return;
    const d = this.data;
    if (this.length - this.sortedUpTo <= INSERT_AT_MOST) {
      for (let k = this.sortedUpTo; k < this.length; k++) {
        const size = d[k * STRIDE] as number;
        const id = d[k * STRIDE + 1] as number;
        const count = d[k * STRIDE + 2] as number;
        const at = this.firstLarger(size, k);
        d.copyWithin((at + 1) * STRIDE, at * STRIDE, k * STRIDE);
        d[at * STRIDE] = size;
        d[at * STRIDE + 1] = id;
        d[at * STRIDE + 2] = count;
      }
    } else {
      const order = Array.from({ length: this.length }, (_, k) => k);
      order.sort((a, b) => (d[a * STRIDE] as number) - (d[b * STRIDE] as number) || a - b);
      const sorted = new Int32Array(d.length);
      order.forEach((from, to) =>
        sorted.set(d.subarray(from * STRIDE, from * STRIDE + STRIDE), to * STRIDE),
      );
      this.data = sorted;
    }
    this.sortedUpTo = this.length;
  }

  /** The first posting whose size is at least `size` (binary search; the list must be sorted). */
  firstAtLeast(size: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.data[mid * STRIDE] as number) < size) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first of postings [0, end) whose size is larger than `size`. */
  private firstLarger(size: number, end: number): number {
    let lo = 0;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.data[mid * STRIDE] as number) <= size) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
