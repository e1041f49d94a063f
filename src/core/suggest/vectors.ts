// Word vectors: what a word means, as a point in space, learnt from a large text corpus (GloVe).
// A value and a category's texts are near in meaning when their words are, even with no letters in
// common (`tonsillitis` and `illness`, `cockroaches` and `pests`, `tardy` and `late`). A profile
// names a table (`wordVectors`); the app's worker and the command line read the same file, so they
// give the same suggestions. Pure: no file or network access here (the callers read the bytes).
//
// The file (`kodbok/word-vectors`, built by scripts/build-vectors.mjs):
//   - one line of JSON, the header: format, formatVersion 1, name, language, source, words (N),
//     dimensions (D), scale, wordBytes, sha256 (of everything after the header line);
//   - the words, UTF-8, separated by `\n`, `wordBytes` bytes, in order of their frequency in the
//     corpus (the most frequent first);
//   - N × D signed bytes: each word's vector, of length `scale`.

export interface WordVectors {
  readonly name: string;
  readonly language: string;
  readonly dimensions: number;
  /** Words, most frequent first. */
  readonly size: number;
  /** A word's position (its frequency rank, 0 the most frequent), or undefined if it has none. */
  rankOf(word: string): number | undefined;
  /** Adds `weight` × the word's unit vector to `sum`. */
  addTo(sum: Float32Array, rank: number, weight: number): void;
}

export type VectorsRead = { ok: true; value: WordVectors } | { ok: false; error: string };

const NEWLINE = 0x0a;
const MAX_HEADER = 4096;

/** Reads a `kodbok/word-vectors` file; an error names what is wrong with it. */
export function readWordVectors(bytes: Uint8Array): VectorsRead {
  const end = bytes.subarray(0, MAX_HEADER).indexOf(NEWLINE);
  if (end < 0) return { ok: false, error: 'no header line (not a kodbok/word-vectors file)' };
  let header: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes.subarray(0, end)));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return { ok: false, error: 'the header is not a JSON object' };
    header = parsed as Record<string, unknown>;
  } catch {
    return { ok: false, error: 'the header is not JSON (not a kodbok/word-vectors file)' };
  }
  if (header.format !== 'kodbok/word-vectors')
    return {
      ok: false,
      error: `format is ${JSON.stringify(header.format)}, not "kodbok/word-vectors"`,
    };
  if (header.formatVersion !== 1)
    return { ok: false, error: `formatVersion ${JSON.stringify(header.formatVersion)} is not 1` };
  const count = (key: string): number | null => {
    const n = header[key];
    return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
  };
  const words = count('words');
  const dimensions = count('dimensions');
  const scale = count('scale');
  const wordBytes = count('wordBytes');
  if (words === null || dimensions === null || scale === null || wordBytes === null)
    return { ok: false, error: 'the header lacks words, dimensions, scale or wordBytes' };
  const body = bytes.subarray(end + 1);
  if (body.length !== wordBytes + words * dimensions)
    return {
      ok: false,
      error: `the file has ${body.length} bytes after its header, not ${wordBytes + words * dimensions} (cut short or damaged)`,
    };
  const list = new TextDecoder().decode(body.subarray(0, wordBytes)).split('\n');
  if (list.length !== words)
    return { ok: false, error: `the file lists ${list.length} words, not ${words}` };
  const ranks = new Map<string, number>();
  list.forEach((w, i) => {
    if (!ranks.has(w)) ranks.set(w, i);
  });
  const start = body.byteOffset + wordBytes;
  const data = new Int8Array(body.buffer, start, words * dimensions);
  const unit = 1 / scale;
  return {
    ok: true,
    value: {
      name: typeof header.name === 'string' ? header.name : '',
      language: typeof header.language === 'string' ? header.language : 'und',
      dimensions,
      size: words,
      rankOf: (word) => ranks.get(word),
      addTo(sum, rank, weight) {
        const w = weight * unit;
        const at = rank * dimensions;
        for (let d = 0; d < dimensions; d++)
          sum[d] = (sum[d] as number) + w * (data[at + d] as number);
      },
    },
  };
}

/**
 * Weight of a word by its frequency rank: the most frequent words (`the`, `of`, `och`) say almost
 * nothing of a text's meaning and weigh almost nothing; a word ranked 100th weighs log 2, one
 * ranked 10 000th log 101. No list of small words is needed.
 */
const RANK_SCALE = 100;
const weightOf = (rank: number): number => Math.log(1 + rank / RANK_SCALE);

const WORD = /\p{L}[\p{L}'’-]*/gu;

/** The rank of a word as written, or of its plain form (`carer's`, `pests`, `well-being`). */
function ranksOfWord(word: string, vectors: WordVectors): number[] {
  const as = vectors.rankOf(word);
  if (as !== undefined) return [as];
  const w = word.replace(/’/g, "'").replace(/^[-']+|[-']+$/g, '');
  const whole = vectors.rankOf(w);
  if (whole !== undefined) return [whole];
  const bare = w.replace(/'s$/, '');
  // An English plural the table lacks (`cockroaches`, `carers`): the singular.
  const plain =
    vectors.rankOf(bare) ??
    (bare.endsWith('s') ? vectors.rankOf(bare.slice(0, -1)) : undefined) ??
    (bare.endsWith('es') ? vectors.rankOf(bare.slice(0, -2)) : undefined);
  if (plain !== undefined) return [plain];
  if (!bare.includes('-')) return [];
  return bare.split('-').flatMap((part) => {
    const r = part === '' ? undefined : vectors.rankOf(part);
    return r === undefined ? [] : [r];
  });
}

/**
 * A text's meaning: the weighted mean of its words' vectors, of length 1; null when none of its
 * words is in the table.
 */
export function meaningOf(text: string, vectors: WordVectors): Float32Array | null {
  const sum = new Float32Array(vectors.dimensions);
  let found = false;
  for (const word of text.toLowerCase().match(WORD) ?? [])
    for (const rank of ranksOfWord(word, vectors)) {
      vectors.addTo(sum, rank, weightOf(rank));
      found = true;
    }
  if (!found) return null;
  let norm = 0;
  for (const x of sum) norm += x * x;
  if (norm === 0) return null;
  const inv = 1 / Math.sqrt(norm);
  for (let d = 0; d < sum.length; d++) sum[d] = (sum[d] as number) * inv;
  return sum;
}

/**
 * Cosine of two meanings (both of length 1): `a` against the meaning at `at` in `b` (a row of a
 * matrix of meanings, as the engine keeps a codebook's texts). Four sums at once: about a third
 * faster than one, at 11 000 products a value for a codebook of 111 texts.
 */
export function closeness(a: Float32Array, b: Float32Array, at = 0): number {
  const d = a.length;
  const fours = d - (d % 4);
  let x0 = 0;
  let x1 = 0;
  let x2 = 0;
  let x3 = 0;
  let i = 0;
  for (; i < fours; i += 4) {
    x0 += (a[i] as number) * (b[at + i] as number);
    x1 += (a[i + 1] as number) * (b[at + i + 1] as number);
    x2 += (a[i + 2] as number) * (b[at + i + 2] as number);
    x3 += (a[i + 3] as number) * (b[at + i + 3] as number);
  }
  for (; i < d; i++) x0 += (a[i] as number) * (b[at + i] as number);
  return x0 + x1 + x2 + x3;
}

/**
 * `closeness(a, matrix, t × d)` for each of the first `rows` rows of a matrix of meanings, into
 * `out`: two rows at a time, each of `a`'s components read once for both, and each row summed in
 * the same order as `closeness` (the same result, bit for bit). A third faster than row by row.
 */
export function closenessRows(
  a: Float32Array,
  matrix: Float32Array,
  rows: number,
  out: Float64Array,
): void {
  const d = a.length;
  const fours = d - (d % 4);
  let t = 0;
  for (; t + 2 <= rows; t += 2) {
    const r = t * d;
    const s = r + d;
    let x0 = 0;
    let x1 = 0;
    let x2 = 0;
    let x3 = 0;
    let y0 = 0;
    let y1 = 0;
    let y2 = 0;
    let y3 = 0;
    let i = 0;
    for (; i < fours; i += 4) {
      const a0 = a[i] as number;
      const a1 = a[i + 1] as number;
      const a2 = a[i + 2] as number;
      const a3 = a[i + 3] as number;
      x0 += a0 * (matrix[r + i] as number);
      x1 += a1 * (matrix[r + i + 1] as number);
      x2 += a2 * (matrix[r + i + 2] as number);
      x3 += a3 * (matrix[r + i + 3] as number);
      y0 += a0 * (matrix[s + i] as number);
      y1 += a1 * (matrix[s + i + 1] as number);
      y2 += a2 * (matrix[s + i + 2] as number);
      y3 += a3 * (matrix[s + i + 3] as number);
    }
    for (; i < d; i++) {
      x0 += (a[i] as number) * (matrix[r + i] as number);
      y0 += (a[i] as number) * (matrix[s + i] as number);
    }
    out[t] = x0 + x1 + x2 + x3;
    out[t + 1] = y0 + y1 + y2 + y3;
  }
  if (t < rows) out[t] = closeness(a, matrix, t * d);
}
