// Which families of the domain vocabulary a codebook can use (see termsOfCodebook): shared by the
// engine and the rules panel, which shows the families a variable does not use.

import type { Category } from '../types';
import { normaliseValue, type NormaliseConfig } from './normalise';
import type { DomainTerm } from './terms';

// The vocabulary families a codebook can use, per list and codebook (engines are rebuilt often).
const scopedTerms = new WeakMap<readonly DomainTerm[], Map<string, readonly DomainTerm[]>>();

/**
 * The families the codebook's labels and synonyms speak of: a concept word, stem or form of the
 * family occurs in them (whole, or as part of a compound: `beroende` in `Skadligt bruk och
 * beroende` is the `missbruk` family). Mapping a value's words to a concept no category mentions
 * (`BUP` as psychic ill-health in an action) only adds noise, so for the actions codebook the
 * reasons' families are left out, and the other way round. A string check, not a compiled
 * matcher: cheap enough for every engine build.
 */
export function termsOfCodebook(
  leaves: readonly Category[],
  all: readonly DomainTerm[],
  config: NormaliseConfig,
): readonly DomainTerm[] {
  const key = JSON.stringify(leaves.map((c) => [c.label, c.synonyms ?? []]));
  let byCodebook = scopedTerms.get(all);
  if (!byCodebook) scopedTerms.set(all, (byCodebook = new Map()));
  const cached = byCodebook.get(key);
  if (cached) return cached;
  const words = new Set<string>();
  for (const c of leaves)
    for (const text of [c.label, ...(c.synonyms ?? [])])
      for (const w of normaliseValue(text, config)
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u))
        if (w !== '') words.add(w);
  const labelWords = [...words];
  const inside = (part: string): boolean => labelWords.some((w) => w.includes(part));
  const kept = all.filter(
    (t) =>
      t.concept.split(' ').every((w) => inside(w.toLowerCase())) ||
      t.stems.some((stem) => stem.length >= 4 && inside(stem.toLowerCase())) ||
      (t.forms ?? []).some((form) => words.has(form.toLowerCase())),
  );
  byCodebook.set(key, kept);
  return kept;
}
