// The codebook's own words: each leaf's label, synonyms, definition and inclusions as one
// document, searched by TF-IDF over words and character n-grams (as OHDSI Usagi searches concept
// names and definitions). It knows no language: inflections and compounds (`familjehem`,
// `familjehemsplacering`, `placerad`) share n-grams, and words every category uses (`barnet`,
// `insats`) weigh little because every document has them. Inclusions also become phrases of their
// own (`inclusionPhrases`), matched like synonyms, and exclusions count against a category.

/** Length of the character n-grams taken inside each word (padded with a space at both ends). */
const GRAM = 4;
/** Shortest word counted as a word feature (shorter ones still give n-grams). */
const MIN_WORD = 2;

/** Words of a normalised text: runs of letters and digits. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Feature counts of a text: its words (`w:`) and the n-grams inside them (`g:`). */
function features(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (f: string) => out.set(f, (out.get(f) ?? 0) + 1);
  for (const w of wordsOf(text)) forEachFeature(w, add);
  return out;
}

/** The features of one word, in order, repeats included. */
function forEachFeature(w: string, add: (feature: string) => void): void {
  if (w.length >= MIN_WORD) add(`w:${w}`);
  const padded = ` ${w} `;
  if (padded.length <= GRAM) add(`g:${padded}`);
  else for (let i = 0; i + GRAM <= padded.length; i++) add(`g:${padded.slice(i, i + GRAM)}`);
}

// Words whose features are kept (each a few numbers).
const CACHED_WORDS = 50_000;

/** A document per category, searched by cosine of TF-IDF vectors. */
export class DocumentIndex {
  private readonly idf = new Map<string, number>();
  /**
   * Per feature: the documents that have it, ascending, with its weight in each (the documents'
   * vectors, L2-normalised, inverted). A query reads only the documents of its own features, and
   * each document's dot product adds the same terms in the same order as a scan of the documents
   * would (the terms of features a document lacks are zero), so scores are exactly the same.
   */
  private readonly postings = new Map<string, { docs: number[]; weights: number[] }>();
  private readonly documents: number;
  /**
   * The features of the documents numbered (in the order of `idf`), with their idf and postings:
   * `scores` counts a query's features by number, each word's read once (`featuresOfWord`).
   */
  private readonly featureIds = new Map<string, number>();
  private readonly featureIdf: number[] = [];
  private readonly featurePostings: { docs: number[]; weights: number[] }[] = [];
  /** Per word: the numbers of its features that some document has, in order, repeats included. */
  private readonly wordFeatures = new Map<string, Int32Array>();
  // Per query scratch: each feature's count, valid where its stamp is the current query's.
  private stamps: Int32Array;
  private counts: Int32Array;
  private stamp = 0;
  private readonly order: number[] = [];

  constructor(documents: readonly string[]) {
    const counted = documents.map(features);
    const df = new Map<string, number>();
    for (const doc of counted) for (const f of doc.keys()) df.set(f, (df.get(f) ?? 0) + 1);
    const n = documents.length;
    // Smoothed idf: a feature in every document still counts a little, never negatively.
    for (const [f, d] of df) this.idf.set(f, Math.log(1 + n / d));
    counted.forEach((doc, i) => {
      for (const [f, w] of this.weigh(doc)) {
        const p = this.postings.get(f);
        if (p) {
          p.docs.push(i);
          p.weights.push(w);
        } else this.postings.set(f, { docs: [i], weights: [w] });
      }
    });
    this.documents = n;
    for (const [f, idf] of this.idf) {
      this.featureIds.set(f, this.featureIdf.length);
      this.featureIdf.push(idf);
      this.featurePostings.push(this.postings.get(f) as { docs: number[]; weights: number[] });
    }
    this.stamps = new Int32Array(this.featureIdf.length);
    this.counts = new Int32Array(this.featureIdf.length);
  }

  get size(): number {
    return this.documents;
  }

  private weigh(counts: ReadonlyMap<string, number>, normalise = true): Map<string, number> {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [f, c] of counts) {
      const idf = this.idf.get(f);
      if (idf === undefined) continue; // in no document: cannot match anything
      const w = (1 + Math.log(c)) * idf;
      v.set(f, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (normalise && norm > 0) for (const [f, w] of v) v.set(f, w / norm);
    return v;
  }

  /** Per word: its unnormalised dot product with every document, and its squared norm. */
  private readonly wordCache = new Map<string, { dots: Float64Array; norm2: number }>();

  /**
   * A word's unnormalised dot product with every document and its squared norm, kept once (a few
   * thousand distinct words are asked for again and again). Summed over several words and divided
   * by the root of their summed squared norms, they give `scores` of the words joined, as if the
   * words shared no n-gram (words seldom do).
   */
  wordScores(word: string): { readonly dots: Float64Array; readonly norm2: number } {
    let cached = this.wordCache.get(word);
    if (!cached) {
      const q = this.weigh(features(word), false);
      let norm2 = 0;
      for (const w of q.values()) norm2 += w * w;
      cached = { dots: this.dots(q), norm2 };
      if (this.wordCache.size >= 50_000) this.wordCache.clear();
      this.wordCache.set(word, cached);
    }
    return cached;
  }

  /**
   * Cosine similarity of the text to every document, in document order. The same sums in the same
   * order as `dots(weigh(features(text)))`: features in order of first occurrence (those of no
   * document left out), each weighed by its count in the whole text.
   */
  scores(text: string): Float64Array {
    if (++this.stamp > 0x7fffffff - 1) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    const { stamps, counts, order, stamp } = this;
    order.length = 0;
    for (const w of wordsOf(text)) {
      const ids = this.featuresOfWord(w);
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k] as number;
        if (stamps[id] === stamp) counts[id] = (counts[id] as number) + 1;
        else {
          stamps[id] = stamp;
          counts[id] = 1;
          order.push(id);
        }
      }
    }
    const weights = new Float64Array(order.length);
    let norm = 0;
    for (let k = 0; k < order.length; k++) {
      const id = order[k] as number;
      const w = (1 + Math.log(counts[id] as number)) * (this.featureIdf[id] as number);
      weights[k] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < order.length; k++) weights[k] = (weights[k] as number) / norm;
    const out = new Float64Array(this.documents);
    for (let k = 0; k < order.length; k++) {
      const w = weights[k] as number;
      const { docs, weights: dw } = this.featurePostings[order[k] as number] as {
        docs: number[];
        weights: number[];
      };
      for (let j = 0; j < docs.length; j++) {
        const i = docs[j] as number;
        out[i] = (out[i] as number) + w * (dw[j] as number);
      }
    }
    return out;
  }

  private featuresOfWord(word: string): Int32Array {
    let ids = this.wordFeatures.get(word);
    if (!ids) {
      const found: number[] = [];
      forEachFeature(word, (f) => {
        const id = this.featureIds.get(f);
        if (id !== undefined) found.push(id);
      });
      ids = Int32Array.from(found);
      if (this.wordFeatures.size >= CACHED_WORDS) this.wordFeatures.clear();
      this.wordFeatures.set(word, ids);
    }
    return ids;
  }

  /** A weighed query's dot product with every document, in document order. */
  private dots(q: ReadonlyMap<string, number>): Float64Array {
    const out = new Float64Array(this.documents);
    for (const [f, w] of q) {
      const p = this.postings.get(f);
      if (p === undefined) continue;
      const { docs, weights } = p;
      for (let k = 0; k < docs.length; k++) {
        const i = docs[k] as number;
        out[i] = (out[i] as number) + w * (weights[k] as number);
      }
    }
    return out;
  }
}

// Lead-ins of example lists that are not themselves examples (Swedish and English). The dotted
// ones go before the text is split at sentence ends (`t.ex.` is no sentence end).
const DOTTED_LEAD_IN = /(^|[\s,;:(])(?:t\.\s?ex\.?|bl\.\s?a\.?|e\.g\.?|i\.e\.?|incl\.)(?=\s)/giu;
const LEAD_IN =
  /^(?:till exempel|exempelvis|bland annat|såsom|som|även|också|for example|for instance|such as|including|includes?|also)\s+/iu;
/** An abbreviation of two capitals (`KP`, `FB`) is a phrase; other two-letter scraps are not. */
const SHORT_ABBREVIATION = /^\p{Lu}{2}$/u;

/** Words before which a list's closing `or` stands (`stödfamilj eller KP`, `truancy or absence`). */
const CLOSING_OR = /\s+(?:eller|or|samt|och\/eller)\s+/iu;

/**
 * A list item's alternatives: split at its closing `or` (`stödfamilj eller KP`), unless a long
 * head ends in a word or two that only complete it (`SFI på heltid eller deltid`, `sjukskriven
 * från arbete eller som arbetssökande`): that tail names the head's variant, not an item of its
 * own, so the item stays whole.
 */
function alternatives(item: string): string[] {
  const parts = item.split(CLOSING_OR);
  if (parts.length !== 2) return parts;
  const words = (t: string) =>
    t
      .trim()
      .split(/\s+/u)
      .filter((w) => w !== '').length;
  const [head = '', tail = ''] = parts;
  return words(head) >= 3 && words(tail) <= 2 ? [item] : parts;
}

/**
 * The phrases of an inclusion or exclusion text: a list of examples (`Kontaktperson enligt SoL,
 * stödfamilj, KP; även …`) split at `, ; :` and sentence ends and at a closing `or`/`eller`, with
 * lead-ins (`t.ex.`, `such as`) dropped. Scraps of one or two letters (but an abbreviation in
 * capitals) and texts longer than a short sentence are not phrases worth matching.
 */
export function inclusionPhrases(text: string): string[] {
  const out: string[] = [];
  const plain = text.replace(DOTTED_LEAD_IN, '$1');
  // A bracketed aside (`Parental mental health (MH) concerns`) is phrases of its own (`MH`), and
  // the text around it one phrase without it (`Parental mental health concerns`): a bracket does
  // not end a phrase, or its tail (`concerns`) would stand alone as if it named the category.
  const asides: string[] = [];
  const outer = plain.replace(/\(([^()]*)\)/gu, (_m, inner: string) => {
    asides.push(inner);
    return ' ';
  });
  for (const part of [outer, ...asides].flatMap((t) =>
    t.split(/[,;:()\n]|\.(?=\s|$)/u).flatMap(alternatives),
  )) {
    let phrase = part.trim();
    for (let m = LEAD_IN.exec(phrase); m; m = LEAD_IN.exec(phrase))
      phrase = phrase.slice(m[0].length);
    // Quotation marks name a word (`"eget"`), they are not part of it.
    phrase = phrase
      .replace(/\s{2,}/gu, ' ')
      .replace(/["“”«»]/gu, '')
      .replace(/^[-–•*']+|[-–'.]+$/gu, '')
      .trim();
    if ((phrase.length < 3 && !SHORT_ABBREVIATION.test(phrase)) || phrase.length > 60) continue;
    // A number without a word (`75 %` of `(25, 50, 75 %)`) names nothing.
    if (!/\p{L}/u.test(phrase)) continue;
    if (!out.includes(phrase)) out.push(phrase);
  }
  return out;
}

/** What an exclusion says belongs to another category: its phrases, with that category's code. */
export interface Referral {
  readonly code: string;
  readonly phrase: string;
}

// A code an exclusion refers to: `(E03)`, `(see E03)`, `(kod 12)`, or after an arrow (`→ S01`).
const REFERENCE =
  /\(\s*(?:see|se|code|kod|use|jfr|cf\.?)?\s*([^\s(),;/]+)\s*\)|(?:→|->)\s*([^\s(),;]+?)(?=[\s(),;]|\.(?:\s|$)|$)/giu;
// Words that join a referred item to the one before it (`Self-harm (R05) or suicidal …`).
const JOINER = /^(?:[\s,–-]|or\b|and\b|eller\b|och\b|samt\b|but\b|men\b)+/iu;

/**
 * The phrases an exclusion text refers to other categories, as ICD's exclusion notes do
 * (`Obsessions or compulsions (E03); trauma-related fear and flashbacks (E04)`): a codebook that
 * says a phrase is excluded here and coded there says that it is coded there. Each item (split at
 * `;` and sentence ends) is read left to right: the text before a reference, back to the item's
 * start or the reference before, is that code's (`Self-harm (R05) or suicidal thoughts (R06) when
 * …`: `Self-harm` is R05's, `suicidal thoughts` R06's, and the text after the last reference
 * nobody's). A reference to several codes (`(A02, S01)`), to no leaf, or to the category itself
 * refers nothing.
 */
export function exclusionReferrals(
  text: string,
  isLeaf: (code: string) => boolean,
  own: string,
): Referral[] {
  const out: Referral[] = [];
  for (const item of text.replace(DOTTED_LEAD_IN, '$1').split(/;|\n|\.(?=\s|$)/u)) {
    let from = 0;
    for (const m of item.matchAll(REFERENCE)) {
      const code = m[1] ?? m[2] ?? '';
      const before = item.slice(from, m.index);
      from = (m.index ?? 0) + m[0].length;
      if (code === own || !isLeaf(code)) continue;
      for (const phrase of inclusionPhrases(before.replace(JOINER, '')))
        if (!out.some((r) => r.code === code && r.phrase === phrase)) out.push({ code, phrase });
    }
  }
  return out;
}

/** An exclusion text without its references to codes (`ADHD alone (N07)` is `ADHD alone`). */
export function withoutReferences(text: string, isLeaf: (code: string) => boolean): string {
  return text.replace(REFERENCE, (whole, a?: string, b?: string) =>
    isLeaf(a ?? b ?? '') ? ' ' : whole,
  );
}
