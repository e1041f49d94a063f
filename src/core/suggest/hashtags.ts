// Hashtags written as one run of words (`#ingenutredning`, `#pappaslårmamma`, `#missedvisit`), as
// a case app's tags are typed: each is split into the words it runs together, when the words the
// engine knows (the codebook's and the profile's) cover it whole. A tag that is a word itself, or
// that the known words do not cover, stays as it is: nothing is guessed.

/** A tag's run of letters and digits after `#`. */
const TAG = /#([\p{L}\p{N}]+)/gu;
/** Shortest piece a tag is split into: shorter runs are too often parts of other words. */
const MIN_PIECE = 2;
/** Longest tag split: beyond it the search is not worth its time. */
const MAX_TAG = 60;

/**
 * The fewest known words that make up `tag` (lower case) whole, in order; null when there are none
 * or the tag is one word. Ties go to the split whose first word is longest (deterministic).
 */
export function segment(tag: string, isWord: (word: string) => boolean): string[] | null {
  const n = tag.length;
  if (n < 2 * MIN_PIECE || n > MAX_TAG || isWord(tag)) return null;
  // best[i]: fewest pieces covering tag[i..]; next[i]: where the first of them ends.
  const best = new Int32Array(n + 1).fill(-1);
  const next = new Int32Array(n + 1);
  best[n] = 0;
  for (let i = n - MIN_PIECE; i >= 0; i--) {
    for (let j = n; j >= i + MIN_PIECE; j--) {
      const rest = best[j] as number;
      if (rest < 0 || !isWord(tag.slice(i, j))) continue;
      const pieces = rest + 1;
      const had = best[i] as number;
      if (had < 0 || pieces < had) {
        best[i] = pieces;
        next[i] = j;
      }
    }
  }
  if ((best[0] as number) < 2) return null;
  const out: string[] = [];
  for (let i = 0; i < n; i = next[i] as number) out.push(tag.slice(i, next[i] as number));
  return out;
}

/** The text with each hashtag the known words cover split into them (`#ingen utredning`). */
export function splitHashtags(text: string, isWord: (word: string) => boolean): string {
  if (!text.includes('#')) return text;
  return text.replace(TAG, (whole: string, tag: string) => {
    const pieces = segment(tag.toLowerCase(), isWord);
    return pieces === null ? whole : `#${pieces.join(' ')}`;
  });
}
