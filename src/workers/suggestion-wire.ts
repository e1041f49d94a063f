import type { Suggestion } from '../core/types';

// Suggestions as they cross from the suggestion worker to the page. Structured cloning writes every
// suggestion as an object with its keys and strings spelled out, and the page builds each one back
// through the generic path: for 1 300 values × 3 that was 13 ms of a 1 300-value round trip, and
// an import's 50 000 values pay it on the page's own thread. Packed, each distinct code and `via`
// text crosses once, the rest as typed arrays that are transferred, not copied.

export interface PackedSuggestions {
  /** The distinct codes and `via` texts, each once. */
  readonly texts: readonly string[];
  /** Per value, how many suggestions it has. */
  readonly counts: Uint32Array<ArrayBuffer>;
  /** Per suggestion, in order: its code and its `via` as indexes into `texts`, and its score. */
  readonly codes: Uint32Array<ArrayBuffer>;
  readonly vias: Uint32Array<ArrayBuffer>;
  readonly scores: Float64Array<ArrayBuffer>;
}

export function packSuggestions(lists: readonly (readonly Suggestion[])[]): PackedSuggestions {
  const texts: string[] = [];
  const index = new Map<string, number>();
  const indexOf = (text: string): number => {
    let i = index.get(text);
    if (i === undefined) {
      i = texts.length;
      texts.push(text);
      index.set(text, i);
    }
    return i;
  };
  let total = 0;
  for (const list of lists) total += list.length;
  const counts = new Uint32Array(lists.length);
  const codes = new Uint32Array(total);
  const vias = new Uint32Array(total);
  const scores = new Float64Array(total);
  let at = 0;
  lists.forEach((list, i) => {
    counts[i] = list.length;
    for (const s of list) {
      codes[at] = indexOf(s.code);
      vias[at] = indexOf(s.via);
      scores[at] = s.score;
      at++;
    }
  });
  return { texts, counts, codes, vias, scores };
}

export function unpackSuggestions(packed: PackedSuggestions): Suggestion[][] {
  const { texts, counts, codes, vias, scores } = packed;
  const out: Suggestion[][] = new Array<Suggestion[]>(counts.length);
  let at = 0;
  for (let i = 0; i < counts.length; i++) {
    const list: Suggestion[] = [];
    for (let n = counts[i] as number; n > 0; n--, at++)
      list.push({
        code: texts[codes[at] as number] as string,
        score: scores[at] as number,
        via: texts[vias[at] as number] as string,
      });
    out[i] = list;
  }
  return out;
}

/** The buffers to transfer with a packed answer. */
export function transferablesOf(packed: PackedSuggestions): ArrayBuffer[] {
  return [packed.counts.buffer, packed.codes.buffer, packed.vias.buffer, packed.scores.buffer];
}
