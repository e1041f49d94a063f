// One bigram's postings for the Dice index: for each target holding the bigram its size, its id and
// the bigram's count in it, in three parallel Int32Arrays sorted by size, so that a search reads only
// the sizes that can still reach its threshold, and its hot loop reads ids one after another. Adding
// appends; the order is restored before the next search — by inserting the few new postings after
// an approval, or by one sort after a bulk load.

// Packs a posting's position beside its size for sorting (see sort): exact while sizes and list
// lengths stay below 2^26 (a value of 67 million characters; a list of 67 million postings).
const POSITIONS = 2 ** 26;

// Up to this many new postings are inserted one by one; more are sorted together.
const INSERT_AT_MOST = 32;

export class PostingList {
  /** Target sizes (bigram counts), ascending over [0, length) once sorted. */
  sizes = new Int32Array(4);
  ids = new Int32Array(4);
  /** The bigram's count in each target. */
  counts = new Int32Array(4);
  /** Number of postings. */
  length = 0;
  /** Postings [0, sortedUpTo) are in size order; those after were appended since. */
  private sortedUpTo = 0;

  add(size: number, id: number, count: number): void {
    if (this.length === this.ids.length) this.grow(this.length * 2);
    const inOrder =
      this.sortedUpTo === this.length &&
      (this.length === 0 || (this.sizes[this.length - 1] as number) <= size);
    this.sizes[this.length] = size;
    this.ids[this.length] = id;
    this.counts[this.length] = count;
    this.length++;
    if (inOrder) this.sortedUpTo = this.length;
  }

  remove(id: number): void {
    for (let k = this.length - 1; k >= 0; k--) {
      if (this.ids[k] !== id) continue;
      this.sizes.copyWithin(k, k + 1, this.length);
      this.ids.copyWithin(k, k + 1, this.length);
      this.counts.copyWithin(k, k + 1, this.length);
      this.length--;
      if (k < this.sortedUpTo) this.sortedUpTo--;
      return;
    }
  }

  /** Restores size order (stable: equal sizes keep their order). */
  sort(): void {
    if (this.sortedUpTo >= this.length) return;
    const { sizes, ids, counts } = this;
    if (this.length - this.sortedUpTo <= INSERT_AT_MOST) {
      for (let k = this.sortedUpTo; k < this.length; k++) {
        const size = sizes[k] as number;
        const id = ids[k] as number;
        const count = counts[k] as number;
        const at = this.firstLarger(size, k);
        sizes.copyWithin(at + 1, at, k);
        ids.copyWithin(at + 1, at, k);
        counts.copyWithin(at + 1, at, k);
        sizes[at] = size;
        ids[at] = id;
        counts[at] = count;
      }
    } else {
      // One numeric sort of (size, position) packed in a double; positions break ties (stable).
      const keys = new Float64Array(this.length);
      for (let k = 0; k < this.length; k++) keys[k] = (sizes[k] as number) * POSITIONS + k;
      keys.sort();
      const capacity = ids.length;
      const s = new Int32Array(capacity);
      const i = new Int32Array(capacity);
      const c = new Int32Array(capacity);
      for (let to = 0; to < this.length; to++) {
        const from = (keys[to] as number) % POSITIONS;
        s[to] = sizes[from] as number;
        i[to] = ids[from] as number;
        c[to] = counts[from] as number;
      }
      this.sizes = s;
      this.ids = i;
      this.counts = c;
    }
    this.sortedUpTo = this.length;
  }

  /** The first posting whose size is at least `size` (binary search; the list must be sorted). */
  firstAtLeast(size: number): number {
    const sizes = this.sizes;
    // Most ranges start before the first posting or end after the last.
    if (this.length === 0 || (sizes[0] as number) >= size) return 0;
    if ((sizes[this.length - 1] as number) < size) return this.length;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sizes[mid] as number) < size) lo = mid + 1;
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
      if ((this.sizes[mid] as number) <= size) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private grow(capacity: number): void {
    const s = new Int32Array(capacity);
    s.set(this.sizes);
    this.sizes = s;
    const i = new Int32Array(capacity);
    i.set(this.ids);
    this.ids = i;
    const c = new Int32Array(capacity);
    c.set(this.counts);
    this.counts = c;
  }
}
