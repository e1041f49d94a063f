// Synthetic raw values for the suggestion benchmarks (scripts/bench-suggest.ts in Node, the worker
// benchmark in the browser): codebook labels and synonyms dressed deterministically as
// municipalities write them (prefixes, age ranges, persons, typos, extra words). The same seed
// gives the same values everywhere, so Node and browser figures are of the same work.

import { leaves } from '../../src/core/codebook';
import type { Codebook } from '../../src/core/types';

/** mulberry32: a small deterministic generator, so every run benchmarks the same values. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PREFIXES = ['', '', '', 'B/U ', 'BoU ', 'B&U ', 'BoF ', 'Barn/ungdom ', 'IFO '];
const PERSONS = [
  '',
  '',
  '',
  ' barnet',
  ' förälder',
  ' VH',
  ' F/O',
  ' eget',
  ' den unge',
  ' annan',
  ' ungdom',
];
const AGES = ['', '', '', ' 0-12 år', ' 13-17 år', ' 0-17'];
// Words case workers add to a reason, as free text after the category.
const QUALIFIERS = [
  '',
  '',
  '',
  '',
  '',
  '',
  'misstänkt',
  'upprepad',
  'akut',
  'allvarlig',
  'enligt skola',
  'enligt polis',
  'från BUP',
  'från förskola',
  'tidigare känd',
  'ny anmälan',
  'pågående',
  'oklart',
  'se journal',
  'uppgift från sjukvård',
  'inkommen via mejl',
  'anonym',
  'flera anmälare',
  'återkommande',
  'kvällstid',
];
// freeText: a nonsense word on most values, as an adversary: nearly every value is unique and
// shares most of its bigrams with hundreds of others.
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ser',
  'ta',
  'vik',
  'ber',
  'ul',
  'an',
  'dra',
  'sko',
  'ning',
  'het',
  'or',
];

export interface Labelled {
  readonly raw: string;
  readonly code: string;
}

/**
 * `n` distinct raw values, each a codebook label or synonym dressed as municipalities write them.
 * Each has 0–2 typing slips; `minSlips` adds that many more to every value (a workload of values
 * typed in a hurry; 0 gives exactly the values earlier benchmarks used).
 */
export function syntheticValues(
  codebook: Codebook,
  n: number,
  seed: number,
  freeText = false,
  minSlips = 0,
): Labelled[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const bases = leaves(codebook).flatMap((c) =>
    [c.label, ...(c.synonyms ?? [])].map((text) => ({ text, code: c.code })),
  );
  const out: Labelled[] = [];
  const seen = new Set<string>();
  while (out.length < n) {
    const base = pick(bases);
    let text = base.text;
    // Typing slips: a dropped, doubled or swapped letter.
    for (let t = minSlips + Math.floor(next() * 3); t > 0; t--) {
      const i = 1 + Math.floor(next() * Math.max(1, text.length - 2));
      const kind = next();
      if (kind < 0.33) text = text.slice(0, i) + text.slice(i + 1);
      else if (kind < 0.66) text = text.slice(0, i) + (text[i] ?? '') + text.slice(i);
      else text = text.slice(0, i - 1) + (text[i] ?? '') + (text[i - 1] ?? '') + text.slice(i + 1);
    }
    const qualifier = pick(QUALIFIERS);
    const extra =
      freeText && next() < 0.7 ? ` ${pick(SYLLABLES)}${pick(SYLLABLES)}${pick(SYLLABLES)}` : '';
    const cased = next() < 0.2 ? text.toUpperCase() : next() < 0.3 ? text.toLowerCase() : text;
    const raw = `${pick(PREFIXES)}${cased}${pick(PERSONS)}${qualifier ? ` ${qualifier}` : ''}${extra}${pick(AGES)}`;
    if (seen.has(raw)) continue;
    seen.add(raw);
    out.push({ raw, code: base.code });
  }
  return out;
}
