// The values the benchmarks of other codebooks suggest (scripts/bench-values.ts in Node, the
// browser's worker benchmark): a labelled set's own values, then made-up pairs of their words, so
// that every value is new to the engine. Pure: the callers read the set.

/** `size` values: the set's own, then pairs of their first and last words, each numbered. */
export function madeUpValues(raws: readonly string[], size: number): string[] {
  const values: string[] = [];
  for (let i = 0; values.length < size && raws.length > 0; i++) {
    const a = raws[i % raws.length] ?? '';
    const b = raws[(i * 7 + 3) % raws.length] ?? '';
    values.push(i < raws.length ? a : `${a.split(' ')[0]} ${b.split(' ').at(-1)} ${i}`);
  }
  return values;
}

/** The raw values of a labelled set's TSV (`raw<TAB>code` under a header line). */
export function rawsOfTsv(text: string): string[] {
  return text
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t')[0] ?? '');
}
