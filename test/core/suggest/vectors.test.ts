// Word vectors (vectors.ts): the file is read whole or refused with what is wrong, and a value is
// matched to the category nearest in meaning, also with no letters in common.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wordVectorsPath } from '../../../src/cli/word-vectors';
import { createEngine } from '../../../src/core/suggest/engine';
import { englishProfile, neutralProfile } from '../../../src/core/suggest/profile';
import {
  closeness,
  closenessRows,
  meaningOf,
  readWordVectors,
  type WordVectors,
} from '../../../src/core/suggest/vectors';
import type { Codebook } from '../../../src/core/types';

/** A `kodbok/word-vectors` file of these words and vectors (most frequent first). */
function vectorFile(
  table: readonly [string, readonly number[]][],
  header: object = {},
): Uint8Array {
  const dimensions = table[0]?.[1].length ?? 0;
  const words = new TextEncoder().encode(table.map(([w]) => w).join('\n'));
  const data = new Int8Array(table.length * dimensions);
  table.forEach(([, v], i) => {
    const norm = Math.hypot(...v) || 1;
    v.forEach((x, d) => (data[i * dimensions + d] = Math.round((127 * x) / norm)));
  });
  const head = {
    format: 'kodbok/word-vectors',
    formatVersion: 1,
    name: 'test',
    language: 'en',
    words: table.length,
    dimensions,
    scale: 127,
    wordBytes: words.length,
    ...header,
  };
  const top = new TextEncoder().encode(`${JSON.stringify(head)}\n`);
  const out = new Uint8Array(top.length + words.length + data.length);
  out.set(top, 0);
  out.set(words, top.length);
  out.set(new Uint8Array(data.buffer), top.length + words.length);
  return out;
}

// Three directions of meaning: sickness, vermin, lateness; small words point nowhere in particular.
// A thousand words between the small words and the others, as in a real table.
const TABLE: [string, number[]][] = [
  ['the', [0.3, 0.3, 0.3, 1]],
  ['of', [0.3, 0.3, 0.3, 1]],
  ...Array.from({ length: 1000 }, (_, i): [string, number[]] => [`filler${i}`, [0, 0, 0, 1]]),
  ['illness', [1, 0, 0, 0.1]],
  ['pests', [0, 1, 0, 0.1]],
  ['late', [0, 0, 1, 0.1]],
  ['fever', [0.9, 0.1, 0, 0.2]],
  ['cockroach', [0.1, 0.95, 0, 0.1]],
  ['tardy', [0, 0.1, 0.9, 0.2]],
  ['flu', [0.95, 0, 0.05, 0.1]],
];

function table(): WordVectors {
  const read = readWordVectors(vectorFile(TABLE));
  if (!read.ok) throw new Error(read.error);
  return read.value;
}

const codebook: Codebook = {
  id: 'absence',
  variable: 'reason',
  version: '1',
  title: 'Absence',
  categories: [
    { code: 'ILL', label: 'Illness', parent: null },
    { code: 'PST', label: 'Pests', parent: null },
    { code: 'LAT', label: 'Late', parent: null },
  ],
};

describe('a word vectors file', () => {
  it('is read: each word by its rank, each vector of length 1', () => {
    const v = table();
    expect(v.size).toBe(TABLE.length);
    expect(v.dimensions).toBe(4);
    expect(v.rankOf('pests')).toBe(1003);
    expect(v.rankOf('unknown')).toBeUndefined();
    const sum = new Float32Array(4);
    v.addTo(sum, 1002, 1);
    expect(Math.hypot(...sum)).toBeCloseTo(1, 2);
  });

  it('is refused with what is wrong: not the format, another version, cut short, a wrong count', () => {
    const whole = vectorFile(TABLE);
    const problems = [
      [new TextEncoder().encode('<!doctype html><html></html>'), /no header line/],
      [new TextEncoder().encode('not json\n'), /not JSON/],
      [vectorFile(TABLE, { format: 'kodbok/codebook' }), /not "kodbok\/word-vectors"/],
      [vectorFile(TABLE, { formatVersion: 2 }), /formatVersion 2 is not 1/],
      [whole.subarray(0, whole.length - 7), /cut short or damaged/],
      [vectorFile(TABLE, { words: TABLE.length + 1 }), /not \d+ \(cut short or damaged\)/],
      [vectorFile(TABLE, { dimensions: 'four' }), /lacks words, dimensions/],
    ] as const;
    for (const [bytes, message] of problems) {
      const read = readWordVectors(bytes);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.error).toMatch(message);
    }
  });
});

describe('the meaning of a text', () => {
  it('is the weighted mean of its words; the most frequent words weigh next to nothing', () => {
    const v = table();
    const fever = meaningOf('Fever', v) as Float32Array;
    const theFever = meaningOf('the fever of the', v) as Float32Array;
    expect(closeness(fever, theFever)).toBeGreaterThan(0.99);
    expect(closeness(fever, meaningOf('illness', v) as Float32Array)).toBeGreaterThan(0.9);
    expect(closeness(fever, meaningOf('pests', v) as Float32Array)).toBeLessThan(0.3);
  });

  it('reads plurals, possessives and hyphens; a text with no known word has none', () => {
    const v = table();
    const one = meaningOf('cockroach', v) as Float32Array;
    expect(closeness(one, meaningOf('Cockroaches', v) as Float32Array)).toBeGreaterThan(0.99);
    expect(closeness(one, meaningOf('cockroach’s', v) as Float32Array)).toBeGreaterThan(0.99);
    expect(meaningOf('flu-like', v)).not.toBeNull();
    expect(meaningOf('xyzzy 123', v)).toBeNull();
  });
});

describe('the engine with word vectors', () => {
  it('suggests the category nearest in meaning when no letters are shared, and says so', () => {
    const vectors = table();
    const engine = createEngine({ codebook, known: new Map(), profile: englishProfile, vectors });
    for (const [raw, code] of [
      ['Fever', 'ILL'],
      ['cockroaches', 'PST'],
      ['Tardy', 'LAT'],
    ] as const) {
      const [top] = engine.suggest(raw, 3);
      expect(top?.code, raw).toBe(code);
      expect(top?.via, raw).toMatch(/^meaning: /);
      expect(top?.score).toBeGreaterThan(0);
      expect(top?.score).toBeLessThanOrEqual(1);
    }
  });

  it('without vectors, or with the neutral profile, matches by letters alone', () => {
    const vectors = table();
    const none = createEngine({ codebook, known: new Map(), profile: englishProfile });
    const neutral = createEngine({ codebook, known: new Map(), profile: neutralProfile, vectors });
    for (const engine of [none, neutral])
      expect(engine.suggest('Tardy', 3).every((s) => !s.via.startsWith('meaning:'))).toBe(true);
  });

  it('keeps a match of the words first: meaning adds to it, never takes it over', () => {
    const vectors = table();
    const engine = createEngine({ codebook, known: new Map(), profile: englishProfile, vectors });
    const [top] = engine.suggest('Late', 3);
    expect(top?.code).toBe('LAT');
    expect(top?.via).toBe('label: Late');
  });
});

// The vectors the app and the command line carry (built by `npm install`: scripts/build-vectors.mjs).
const built = wordVectorsPath('en-glove-100k');
describe.runIf(built !== null && existsSync(built))('the English vectors as built', () => {
  it('read, and hold the words a coder meets', () => {
    const read = readWordVectors(new Uint8Array(readFileSync(built as string)));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.size).toBe(100_000);
    const near = (a: string, b: string) =>
      closeness(meaningOf(a, read.value) as Float32Array, meaningOf(b, read.value) as Float32Array);
    expect(near('cockroaches', 'pests')).toBeGreaterThan(near('cockroaches', 'late'));
    expect(near('fever', 'illness')).toBeGreaterThan(near('fever', 'holiday'));
  });
});

describe('closenessRows', () => {
  it('gives each row what closeness gives it, bit for bit, whatever the dimensions and rows', () => {
    // A deterministic spread of values (no Math.random: a failure must repeat).
    let seed = 7;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    for (const d of [1, 3, 4, 7, 100]) {
      for (const rows of [0, 1, 2, 5, 12]) {
        const a = Float32Array.from({ length: d }, next);
        const matrix = Float32Array.from({ length: rows * d }, next);
        const out = new Float64Array(rows + 1).fill(Number.NaN);
        closenessRows(a, matrix, rows, out);
        for (let t = 0; t < rows; t++) expect(out[t]).toBe(closeness(a, matrix, t * d));
        // Nothing past the rows asked for is written.
        expect(out[rows]).toBeNaN();
      }
    }
  });
});
