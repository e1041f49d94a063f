// The reference point of FORMATS.md "Measuring suggestion quality": plain string-similarity
// findBestMatch on lower-cased text against every leaf's label and synonyms and the known values; a
// category scores its best target's Dice. Kept beside the engine so the gain is always measured.

import { leaves as leafCategories } from '../codebook';
import type { Suggestion } from '../types';
import { diceCoefficient } from './dice';
import type { EngineInput, KnownValue, SuggestionEngine } from './engine';

interface ReferenceTarget {
  readonly code: string;
  readonly text: string;
  readonly via: string;
}

export function createReferenceEngine(input: EngineInput): SuggestionEngine {
  const leaves = leafCategories(input.codebook);
  const leafCodes = new Set(leaves.map((c) => c.code));
  const codebookTargets: ReferenceTarget[] = [];
  for (const c of leaves) {
    codebookTargets.push({ code: c.code, text: c.label.toLowerCase(), via: `label: ${c.label}` });
    for (const s of c.synonyms ?? []) {
      codebookTargets.push({ code: c.code, text: s.toLowerCase(), via: `synonym: ${s}` });
    }
  }
  const known = new Map<string, KnownValue>();
  for (const [raw, value] of input.known) if (leafCodes.has(value.code)) known.set(raw, value);
  // Every known value is a target of every value: any change may move any suggestion.
  const suggested = new Set<string>();
  let changed = false;

  return {
    suggest(raw, k) {
      suggested.add(raw);
      const text = raw.toLowerCase();
      const best = new Map<string, Suggestion>();
      const consider = (t: ReferenceTarget): void => {
        const score = diceCoefficient(text, t.text);
        const current = best.get(t.code);
        // Strictly greater: like findBestMatch, the first of equal targets wins.
        if (!current || score > current.score)
          best.set(t.code, { code: t.code, score, via: t.via });
      };
      codebookTargets.forEach(consider);
      for (const [r, v] of known) {
        consider({ code: v.code, text: r.toLowerCase(), via: `${v.status}: ${r}` });
      }
      return stableTop([...best.values()], k);
    },
    learn(raw, value) {
      if (leafCodes.has(value.code)) known.set(raw, value);
      else known.delete(raw);
      changed = true;
    },
    forget(raw) {
      changed ||= known.delete(raw);
    },
    affected() {
      const out = changed ? [...suggested] : [];
      changed = false;
      return out;
    },
  };
}

/** Top k by score; among equal scores the earlier (as findBestMatch would report it) first. */
function stableTop(suggestions: Suggestion[], k: number): Suggestion[] {
  return suggestions
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.score - a.s.score || a.i - b.i)
    .slice(0, Math.max(0, k))
    .map((x) => x.s);
}
