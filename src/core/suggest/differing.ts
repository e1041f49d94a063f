// The words a value and an approved neighbour do not share, as the engine weighs them
// (EngineWeights.differing): each text's words read once, with the codebook retrieval's scores of
// each distinct word, and the codebook's own texts found whole in a value's words through an index
// by their first word. Per suggestion these run for every neighbour, so nothing here rebuilds a
// string or a set per neighbour; the results are the same as joining the words with spaces and
// searching the joined text.

import { wordsOf, type DocumentIndex } from './retrieval';

/** One word's codebook retrieval (DocumentIndex.wordScores). */
export interface WordScores {
  readonly dots: Float64Array;
  readonly norm2: number;
}

/** A normalised text's words, read once for many neighbours. */
export interface TextWords {
  /** Its words in order (retrieval.ts wordsOf), repeats kept: runs are searched in these. */
  readonly all: readonly string[];
  /** Its distinct words in order of first occurrence (the order their scores are summed in). */
  readonly distinct: readonly string[];
  /** The codebook retrieval of each of `distinct`. */
  readonly scores: readonly WordScores[];
}

export function textWords(normalised: string, documents: DocumentIndex): TextWords {
  const all = wordsOf(normalised);
  const distinct: string[] = [];
  const scores: WordScores[] = [];
  for (const w of all) {
    if (distinct.includes(w)) continue;
    distinct.push(w);
    scores.push(documents.wordScores(w));
  }
  return { all, distinct, scores };
}

/**
 * How far the codebook retrieval of the words of `words` not in `without` puts `leaf` above (> 0)
 * or below (< 0) the best other leaf; 0 when every word is shared. `sums` is scratch of one slot
 * per leaf.
 */
export function margin(
  words: TextWords,
  without: TextWords,
  leaf: number,
  sums: Float64Array,
): number {
  sums.fill(0);
  let norm2 = 0;
  const { distinct, scores } = words;
  for (let k = 0; k < distinct.length; k++) {
    if (without.distinct.includes(distinct[k] as string)) continue;
    const s = scores[k] as WordScores;
    norm2 += s.norm2;
    const dots = s.dots;
    for (let i = 0; i < sums.length; i++) sums[i] = (sums[i] as number) + (dots[i] as number);
  }
  if (norm2 === 0) return 0;
  let other = 0;
  for (let i = 0; i < sums.length; i++)
    if (i !== leaf && (sums[i] as number) > other) other = sums[i] as number;
  return ((sums[leaf] as number) - other) / Math.sqrt(norm2);
}

/** A codebook text as its words (`cp`, `ej medlem i a kassa`), with the categories that have it. */
export interface CodebookRun {
  readonly words: readonly string[];
  readonly codes: ReadonlySet<string>;
}

/** Whether `words` holds `run` whole, its words one after another, starting at `at`. */
function runAt(words: readonly string[], at: number, run: readonly string[]): boolean {
  if (at + run.length > words.length) return false;
  for (let j = 0; j < run.length; j++) if (words[at + j] !== run[j]) return false;
  return true;
}

/** Whether `words` holds `run` whole anywhere. */
export function hasRun(words: readonly string[], run: readonly string[]): boolean {
  for (let at = 0; at + run.length <= words.length; at++) if (runAt(words, at, run)) return true;
  return false;
}

/** The codebook's texts as runs of words, found in a text by their first word. */
export class CodebookRuns {
  private readonly byFirst = new Map<string, { words: string[]; codes: Set<string> }[]>();

  /** `texts`: each codebook text's normalised form and its category's code. */
  constructor(texts: Iterable<{ readonly normalised: string; readonly code: string }>) {
    const byText = new Map<string, { words: string[]; codes: Set<string> }>();
    for (const t of texts) {
      const words = wordsOf(t.normalised);
      if (words.length === 0) continue;
      const key = words.join(' ');
      let run = byText.get(key);
      if (!run) {
        byText.set(key, (run = { words, codes: new Set() }));
        const first = words[0] as string;
        const list = this.byFirst.get(first);
        if (list) list.push(run);
        else this.byFirst.set(first, [run]);
      }
      run.codes.add(t.code);
    }
  }

  /** The codebook texts found whole in these words, each once. */
  in(words: readonly string[]): CodebookRun[] {
    const out: CodebookRun[] = [];
    for (let at = 0; at < words.length; at++) {
      const runs = this.byFirst.get(words[at] as string);
      if (runs === undefined) continue;
      for (const run of runs) if (!out.includes(run) && runAt(words, at, run.words)) out.push(run);
    }
    return out;
  }
}
