import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentIndex, wordsOf } from '../../../src/core/suggest/retrieval';

/** Feature counts as the index defines them: words (`w:`) and padded 4-grams inside them (`g:`). */
function plainFeatures(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (f: string) => out.set(f, (out.get(f) ?? 0) + 1);
  for (const w of wordsOf(text)) {
    if (w.length >= 2) add(`w:${w}`);
    const padded = ` ${w} `;
    if (padded.length <= 4) add(`g:${padded}`);
    else for (let i = 0; i + 4 <= padded.length; i++) add(`g:${padded.slice(i, i + 4)}`);
  }
  return out;
}

/** The plain cosine of TF-IDF vectors, each document scanned in full, in the index's order of sums. */
function plainScores(documents: readonly string[], text: string): number[] {
  const counted = documents.map(plainFeatures);
  const df = new Map<string, number>();
  for (const doc of counted) for (const f of doc.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const idf = new Map([...df].map(([f, d]) => [f, Math.log(1 + documents.length / d)]));
  const weigh = (counts: Map<string, number>): Map<string, number> => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [f, c] of counts) {
      const i = idf.get(f);
      if (i === undefined) continue;
      const w = (1 + Math.log(c)) * i;
      v.set(f, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [f, w] of v) v.set(f, w / norm);
    return v;
  };
  const vectors = counted.map(weigh);
  const q = weigh(plainFeatures(text));
  return vectors.map((d) => {
    let s = 0;
    for (const [f, w] of q) s += w * (d.get(f) ?? 0);
    return s;
  });
}

describe('DocumentIndex.scores', () => {
  it('gives exactly the plain cosines, bit for bit, query after query', () => {
    // Few letters, so that words share n-grams and repeat within a text.
    const word = fc.stringMatching(/^[abnrå]{1,7}$/);
    const text = fc.array(word, { maxLength: 6 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 5 }),
        fc.array(text, { maxLength: 4 }),
        (documents, queries) => {
          const index = new DocumentIndex(documents);
          for (const q of queries) expect([...index.scores(q)]).toEqual(plainScores(documents, q));
        },
      ),
    );
  });
});
