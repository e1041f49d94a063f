// The similarity at the core of suggestions: the Dice coefficient exactly as string-similarity's
// compareTwoStrings defines it (whitespace removed; multiset of adjacent UTF-16 code-unit pairs;
// 2·|A∩B| / (|a|+|b|−2); equal strings score 1, otherwise a string shorter than 2 scores 0), made
// fast by a bigram inverted index. Scores are EXACT, not approximate: pruning only skips targets
// that provably cannot reach the current threshold (a property test compares with the library).

import { PostingList } from './postings';
import { TopHits, makeOrder } from './top-hits';

/** A string prepared once for many comparisons: its bigram multiset as sorted ids and counts. */
export interface DiceProfile {
  /** The string with all whitespace removed, as compareTwoStrings compares it. */
  readonly text: string;
  /** Number of bigram occurrences: `text.length - 1` (0 for strings shorter than 2). */
  readonly size: number;
  /** Distinct bigrams, ascending, each as its two UTF-16 code units packed into an int32 (bigramKey). */
  readonly ids: readonly number[];
  readonly counts: readonly number[];
}

export interface DiceHit {
  readonly id: number;
  readonly score: number;
  /** Bigram occurrences the two strings share (|A∩B|), for containment measures. */
  readonly shared: number;
}

export interface DiceSearchOptions {
  /** Hits score at least this; must be > 0 (every target scores ≥ 0). */
  readonly minScore: number;
  /** At most this many hits, best first (default: all above `minScore`). */
  readonly limit?: number;
  /**
   * Orders hits of equal score (negative: `a` first). Give one that does not depend on insertion
   * order and the result depends only on the set of targets, as `learn`/`forget` need.
   */
  readonly tieBreak?: (a: number, b: number) => number;
}

const WHITESPACE = /\s+/g;
const HAS_WHITESPACE = /\s/;

/** Reference implementation without an index, for targets scored one by one and for tests. */
export function diceCoefficient(first: string, second: string): number {
  const a = first.replace(WHITESPACE, '');
  const b = second.replace(WHITESPACE, '');
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<number, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const key = a.charCodeAt(i) * 65536 + a.charCodeAt(i + 1);
    grams.set(key, (grams.get(key) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const key = b.charCodeAt(i) * 65536 + b.charCodeAt(i + 1);
    const left = grams.get(key) ?? 0;
    if (left > 0) {
      grams.set(key, left - 1);
      shared++;
    }
  }
  return (2 * shared) / (a.length + b.length - 2);
}

/** Two UTF-16 code units as one signed 32-bit integer, ordered as the pair is. */
function bigramKey(text: string, i: number): number {
  return (text.charCodeAt(i) << 16) | text.charCodeAt(i + 1) | 0;
}

/** Prepares a string for many comparisons (diceOfProfiles, DiceIndex). Any two profiles compare. */
export function diceProfile(text: string): DiceProfile {
  const stripped = HAS_WHITESPACE.test(text) ? text.replace(WHITESPACE, '') : text;
  const size = stripped.length < 2 ? 0 : stripped.length - 1;
  // The bigrams, sorted, in a buffer reused between calls (profiles are made for every query).
  if (scratch.length < size) scratch = new Int32Array(2 * size);
  const keys = scratch.subarray(0, size);
  for (let i = 0; i < size; i++) keys[i] = bigramKey(stripped, i);
  if (size <= SMALL) {
    // Insertion sort: for the few bigrams of most values, quicker than a typed-array sort call.
    for (let i = 1; i < size; i++) {
      const key = keys[i] as number;
      let j = i - 1;
      while (j >= 0 && (keys[j] as number) > key) {
        keys[j + 1] = keys[j] as number;
        j--;
      }
      keys[j + 1] = key;
    }
  } else keys.sort();
  // Run-length: distinct bigrams ascending with their counts. (Plain arrays: allocating a small
  // typed array costs more than the few comparisons it would save.)
  const ids: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < size; i++) {
    const key = keys[i] as number;
    if (i === 0 || key !== keys[i - 1]) {
      ids.push(key);
      counts.push(1);
    } else counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1;
  }
  return { text: stripped, size, ids, counts };
}

let scratch = new Int32Array(64);
const SMALL = 48;

/** Dice of two prepared profiles: a merge of two sorted id lists, no allocation. */
export function diceOfProfiles(a: DiceProfile, b: DiceProfile): number {
  if (a.text === b.text) return 1;
  if (a.size < 1 || b.size < 1) return 0;
  return (2 * sharedBigrams(a, b)) / (a.size + b.size);
}

/** Bigrams two prepared profiles share (each counted as often as both have it). */
export function sharedBigrams(a: DiceProfile, b: DiceProfile): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  const ai = a.ids;
  const bi = b.ids;
  while (i < ai.length && j < bi.length) {
    const x = ai[i] as number;
    const y = bi[j] as number;
    if (x === y) {
      shared += Math.min(a.counts[i] as number, b.counts[j] as number);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/** Per-query marks pack the query stamp and the overlap so far in one number (one memory access). */
const OVERLAP_BITS = 12;
const OVERLAP_MASK = (1 << OVERLAP_BITS) - 1;
// `stamp << OVERLAP_BITS` must stay a positive 32-bit integer for the bit operations below.
const MAX_STAMP = 2 ** (31 - OVERLAP_BITS) - 1;
// A hair below a threshold, so that floating point never prunes an exact tie.
const SLACK = 1e-9;

// Count into a dense array when the postings to read are at least 1/DENSE_VISITS of the targets:
// clearing and scanning every slot then costs less than marking the targets one by one.
const DENSE_VISITS = 4;

/**
 * The postings to read for one query, reused between queries: for range r, postings [from, to) of
 * `lists[r]`, whose bigram occurs `counts[r]` times in the query. Parallel arrays: no object per
 * query bigram.
 */
class PostingRanges {
  lists: PostingList[] = [];
  from = new Int32Array(64);
  to = new Int32Array(64);
  counts = new Int32Array(64);

  set(r: number, list: PostingList, from: number, to: number, count: number): void {
    if (r >= this.from.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.from = grow(this.from);
      this.to = grow(this.to);
      this.counts = grow(this.counts);
    }
    this.lists[r] = list;
    this.from[r] = from;
    this.to[r] = to;
    this.counts[r] = count;
  }
}

/**
 * An inverted index from bigrams to the targets containing them. Targets are identified by small
 * non-negative integers chosen by the caller (dense ids keep the per-target arrays small).
 */
export class DiceIndex {
  // Bigram key → the targets holding it (postings.ts), sorted by target size.
  private readonly lists = new Map<number, PostingList>();
  private readonly profiles: (DiceProfile | undefined)[] = [];
  // Strings shorter than 2 have no bigrams; compareTwoStrings scores them 1 only against themselves.
  private readonly shortTexts = new Map<string, Set<number>>();
  private live = 0;
  // Per query: stamp << OVERLAP_BITS | overlap, so nothing needs clearing between queries.
  private marks = new Uint32Array(0);
  // Per-query scratch reused between queries: the targets met.
  private touched = new Int32Array(64);
  // Each target's bigram count, read without touching its profile.
  private sizes = new Int32Array(0);
  // Per query, dense: each target's overlap (see countDense).
  private overlaps = new Int32Array(0);
  // Per query: the posting ranges to read.
  private readonly ranges = new PostingRanges();
  private round = 0;

  get size(): number {
    return this.live;
  }

  /** Prepares a string for search (the same as diceProfile). */
  profile(text: string): DiceProfile {
    return diceProfile(text);
  }

  has(id: number): boolean {
    return this.profiles[id] !== undefined;
  }

  /** Adds (or replaces) target `id` with string `text`. */
  add(id: number, text: string): void {
    if (this.profiles[id] !== undefined) this.remove(id);
    if (this.marks.length <= id) {
      const size = Math.max(id + 1, this.marks.length * 2, 64);
      const marks = new Uint32Array(size);
      marks.set(this.marks);
      this.marks = marks;
      const sizes = new Int32Array(size);
      sizes.set(this.sizes);
      this.sizes = sizes;
    }
    const p = diceProfile(text);
    this.profiles[id] = p;
    this.sizes[id] = p.size;
    this.live++;
    for (let i = 0; i < p.ids.length; i++) {
      const key = p.ids[i] as number;
      let list = this.lists.get(key);
      if (!list) this.lists.set(key, (list = new PostingList()));
      // Overlaps are counted in OVERLAP_BITS; a bigram repeated more often is merged exactly.
      list.add(p.size, id, Math.min(p.counts[i] as number, OVERLAP_MASK));
    }
    if (p.size === 0) {
      const set = this.shortTexts.get(p.text);
      if (set) set.add(id);
      else this.shortTexts.set(p.text, new Set([id]));
    }
  }

  /** Removes target `id` from its postings (a scan of each: removals are one user action at a time). */
  remove(id: number): void {
    const p = this.profiles[id];
    if (p === undefined) return;
    this.profiles[id] = undefined;
    this.shortTexts.get(p.text)?.delete(id);
    this.live--;
    for (let i = 0; i < p.ids.length; i++) {
      const key = p.ids[i] as number;
      const list = this.lists.get(key);
      list?.remove(id);
      if (list?.length === 0) this.lists.delete(key);
    }
  }

  /** The exact score of one target against a prepared query, or 0 if the target is absent. */
  score(id: number, query: DiceProfile): number {
    const p = this.profiles[id];
    return p ? diceOfProfiles(query, p) : 0;
  }

  /** Score and shared bigrams of one target against a prepared query (absent: score 0). */
  hit(id: number, query: DiceProfile): DiceHit {
    const p = this.profiles[id];
    if (!p) return { id, score: 0, shared: 0 };
    return { id, score: diceOfProfiles(query, p), shared: sharedBigrams(query, p) };
  }

  /**
   * Calls `visit` for every target sharing at least one bigram with `query` (Dice > 0), in no
   * particular order: every posting of the query's bigrams is counted, so overlaps are exact and no
   * target is merged or sorted. For small indexes scored in full, such as a codebook's labels.
   */
  forEachMatch(
    query: DiceProfile,
    visit: (id: number, score: number, shared: number) => void,
  ): void {
    const q = query;
    if (q.size === 0) {
      for (const id of this.shortTexts.get(q.text) ?? []) visit(id, 1, 0);
      return;
    }
    const stamp = this.nextStamp() << OVERLAP_BITS;
    let met = 0;
    for (let i = 0; i < q.ids.length; i++) {
      const list = this.lists.get(q.ids[i] as number);
      if (list) met = this.count(list, 0, list.length, q.counts[i] as number, stamp, met);
    }
    for (let k = 0; k < met; k++) {
      const id = this.touched[k] as number;
      const p = this.profiles[id] as DiceProfile;
      const overlap = (this.marks[id] as number) & OVERLAP_MASK;
      const shared = overlap < OVERLAP_MASK ? overlap : sharedBigrams(q, p);
      visit(id, p.text === q.text ? 1 : (2 * shared) / (q.size + p.size), shared);
    }
  }

  /**
   * Adds the postings [from, to) of `list` to the overlaps of this query (stamp); returns the new
   * number of met targets. The hot loop of every suggestion.
   */
  private count(
    list: PostingList,
    from: number,
    to: number,
    qc: number,
    stamp: number,
    met: number,
  ): number {
    const ids = list.ids;
    const counts = list.counts;
    const marks = this.marks;
    let touched = this.touched;
    for (let k = from; k < to; k++) {
      const id = ids[k] as number;
      const c = counts[k] as number;
      const add = c < qc ? c : qc;
      const mark = marks[id] as number;
      if ((mark & ~OVERLAP_MASK) !== stamp) {
        marks[id] = stamp | add;
        if (met === touched.length) {
          const grown = new Int32Array(touched.length * 2);
          grown.set(touched);
          this.touched = touched = grown;
        }
        touched[met++] = id;
      } else {
        // Saturates rather than overflow into the stamp: a saturated count is merged exactly instead.
        marks[id] = (mark & OVERLAP_MASK) + add < OVERLAP_MASK ? mark + add : stamp | OVERLAP_MASK;
      }
    }
    return met;
  }

  /**
   * Targets scoring at least `minScore` against `query`, best first, at most `limit`.
   *
   * Every posting of the query's bigrams is counted — but only of targets whose size can reach
   * `minScore`: a target of m bigrams scores at most 2·min(n, m)/(n + m) (n = the query's), so only
   * sizes in [θn/(2−θ), (2−θ)n/θ] are read, found by binary search in the size-sorted postings. The
   * counts are then the exact overlaps, and one pass over the targets scores them; a target is
   * offered only if it beats the `limit`-th best so far. When the postings to read are many for the
   * number of targets (as with a few thousand known values of one variable), they are counted into a
   * dense array; otherwise only the targets met are marked.
   */
  search(query: DiceProfile | string, options: DiceSearchOptions): DiceHit[] {
    const q = typeof query === 'string' ? diceProfile(query) : query;
    const minScore = options.minScore;
    if (!(minScore > 0)) throw new RangeError('DiceIndex.search: minScore must be > 0');
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    if (limit <= 0) return [];
    if (q.size === 0) {
      const hits = new TopHits(limit, makeOrder(options.tieBreak));
      for (const id of this.shortTexts.get(q.text) ?? []) hits.offer(id, 1, 0);
      return hits.sorted();
    }
    const n = q.size;
    const t = minScore - SLACK;
    const minSize = t > 0 ? Math.ceil((t * n) / (2 - t) - SLACK) : 0;
    const maxSize = t > 0 ? Math.floor(((2 - t) * n) / t + SLACK) : Number.MAX_SAFE_INTEGER;
    // The postings to read: per query bigram, the range of sizes that can reach `minScore`.
    const ranges = this.ranges;
    let lists = 0;
    let visits = 0;
    let repeated = false;
    for (let i = 0; i < q.ids.length; i++) {
      const list = this.lists.get(q.ids[i] as number);
      if (!list) continue;
      list.sort();
      const from = list.firstAtLeast(minSize);
      const to = list.firstAtLeast(maxSize + 1);
      if (from === to) continue;
      ranges.set(lists++, list, from, to, q.counts[i] as number);
      visits += to - from;
      repeated ||= (q.counts[i] as number) >= OVERLAP_MASK;
    }
    const hits = new TopHits(limit, makeOrder(options.tieBreak));
    // Reads most of the targets anyway: count into a dense array, no branch per posting.
    if (!repeated && visits * DENSE_VISITS >= this.sizes.length)
      this.countDense(q, ranges, lists, minScore, hits);
    else this.countSparse(q, ranges, lists, minScore, hits);
    return hits.sorted();
  }

  /** Overlaps counted per target id in a dense array cleared per query; then every slot scored. */
  private countDense(
    q: DiceProfile,
    ranges: PostingRanges,
    lists: number,
    minScore: number,
    hits: TopHits,
  ): void {
    const slots = this.sizes.length;
    if (this.overlaps.length < slots) this.overlaps = new Int32Array(slots);
    const overlaps = this.overlaps;
    overlaps.fill(0, 0, slots);
    for (let r = 0; r < lists; r++) {
      const list = ranges.lists[r] as PostingList;
      const from = ranges.from[r] as number;
      const to = ranges.to[r] as number;
      const qc = ranges.counts[r] as number;
      const ids = list.ids;
      if (qc === 1) {
        // A bigram once in the query (nearly all): every target holding it shares exactly one.
        for (let k = from; k < to; k++) {
          const id = ids[k] as number;
          overlaps[id] = (overlaps[id] as number) + 1;
        }
      } else {
        const counts = list.counts;
        for (let k = from; k < to; k++) {
          const id = ids[k] as number;
          const c = counts[k] as number;
          overlaps[id] = (overlaps[id] as number) + (c < qc ? c : qc);
        }
      }
    }
    const n = q.size;
    const sizes = this.sizes;
    let floor = minScore - SLACK;
    for (let id = 0; id < slots; id++) {
      const shared = overlaps[id] as number;
      if (shared === 0) continue;
      const m = sizes[id] as number;
      if (2 * shared < floor * (n + m)) continue;
      // Postings count at most OVERLAP_MASK of one bigram; a target at the cap is merged exactly.
      const exact =
        shared < OVERLAP_MASK ? shared : sharedBigrams(q, this.profiles[id] as DiceProfile);
      const score = (2 * exact) / (n + m);
      if (score < minScore) continue;
      hits.offer(id, score, exact);
      floor = Math.max(floor, hits.floor() - SLACK);
    }
  }

  /** Overlaps counted only for the targets met, marked with a per-query stamp. */
  private countSparse(
    q: DiceProfile,
    ranges: PostingRanges,
    lists: number,
    minScore: number,
    hits: TopHits,
  ): void {
    const stamp = this.nextStamp() << OVERLAP_BITS;
    let met = 0;
    for (let r = 0; r < lists; r++) {
      met = this.count(
        ranges.lists[r] as PostingList,
        ranges.from[r] as number,
        ranges.to[r] as number,
        ranges.counts[r] as number,
        stamp,
        met,
      );
    }
    const n = q.size;
    const marks = this.marks;
    const touched = this.touched;
    const sizes = this.sizes;
    let floor = minScore - SLACK;
    for (let k = 0; k < met; k++) {
      const id = touched[k] as number;
      const m = sizes[id] as number;
      const overlap = (marks[id] as number) & OVERLAP_MASK;
      // Most met targets share too little to matter: decided from two numbers. (Equal strings
      // share all n = m bigrams and score 1 by the same formula.)
      if (overlap < OVERLAP_MASK && 2 * overlap < floor * (n + m)) continue;
      const shared =
        overlap < OVERLAP_MASK ? overlap : sharedBigrams(q, this.profiles[id] as DiceProfile);
      const score = (2 * shared) / (n + m);
      if (score < minScore) continue;
      hits.offer(id, score, shared);
      floor = Math.max(floor, hits.floor() - SLACK);
    }
  }

  private nextStamp(): number {
    this.round++;
    if (this.round > MAX_STAMP) {
      this.marks.fill(0);
      this.round = 1;
    }
    return this.round;
  }
}
