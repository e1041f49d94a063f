// Values that name two reasons in one (`Eget missbruk, kriminalitet`, `Misshandel av barnet;
// missbruk förälder`) because the file was not split on import (issue 12, item 6). Such a value is
// flagged as probably combined when each of its parts, suggested on its own, gets a confident
// suggestion, the parts' categories differ, and every part is better explained on its own than the
// whole value is. A part that only restates the group of another part's category is not a reason of
// its own (`Ingen utredning, hänvisning`: "no investigation" is the group of "referral", a leaf that
// already says no investigation). A single reason written with a comma is not flagged: its parts agree (`Våld i
// nära relation, barnet bevittnat`), a part says too little to be suggested on its own (`Missbruk,
// förälder`), or the whole is explained at least as well (`Kriminalitet, annan`: the other's crime).

import type { Codebook, Suggestion } from '../types';

/** One part of a probably combined value, with what it would be coded as on its own. */
export interface CombinedPart {
  readonly text: string;
  readonly suggestion: Suggestion;
}

// Separators of reasons written in one cell; ` – ` and `/` are left out: within one reason they
// are more often a qualifier (`Missbruk – förälder`) or an alternative (`alkohol/droger`).
const SEPARATOR = /[;,+]/u;
const LETTER = /\p{L}/u;

/** Whether a value is written with a separator of reasons at all (only those can be combined). */
export const mayBeCombined = (raw: string): boolean => SEPARATOR.test(raw);

/**
 * Whether a variable's values are checked for several reasons in one value: only a variable whose
 * cells are split on import (reasons) can hold a combined value that was not split. A single-valued
 * variable (the action taken) writes one answer, often with a comma in it (`Förhandsbedömning,
 * ingen utredning`): checking it only finds false alarms.
 */
export const checksCombined = (split: { readonly separators: readonly unknown[] }): boolean =>
  split.separators.length > 0;

/** A part must be suggested at least this confidently on its own to count as a reason. */
export const COMBINED_MIN_SCORE = 0.6;

/**
 * The parts of a value that probably names several reasons, each with its own best suggestion;
 * `null` when the value is probably one reason. `suggest` gives a text's suggestions, best first
 * (the first three are read); with the codebook, a part that only restates the group of another
 * part's category is read as part of that one reason.
 */
export function combinedParts(
  raw: string,
  suggest: (text: string) => readonly Suggestion[],
  minScore = COMBINED_MIN_SCORE,
  codebook?: Codebook,
): CombinedPart[] | null {
  if (!mayBeCombined(raw)) return null;
  const whole = suggest(raw)[0]?.score ?? 0;
  const texts = raw
    .split(SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => LETTER.test(p));
  if (texts.length < 2) return null;
  const parts: (CombinedPart & { readonly others: readonly Suggestion[] })[] = [];
  for (const text of texts) {
    const [best, ...others] = suggest(text);
    if (!best || best.score < minScore || best.score <= whole) return null;
    parts.push({ text, suggestion: best, others });
  }
  const restates = codebook ? restatesGroup(codebook, minScore) : () => false;
  const reasons = parts.filter(
    (p) => !parts.some((q) => q !== p && q.suggestion.code !== p.suggestion.code && restates(p, q)),
  );
  if (new Set(reasons.map((p) => p.suggestion.code)).size < 2) return null;
  return parts.map(({ text, suggestion }) => ({ text, suggestion }));
}

const WORD = /\p{L}+/gu;
const words = (text: string): string[] => text.toLocaleLowerCase('sv').match(WORD) ?? [];

/**
 * Whether part `p` only restates the group of part `q`'s category: their categories are in the same
 * group, and `p`'s category is that group said again (its label holds every word of the group's
 * label: `Ingen utredning inleds` in `Ingen utredning`) or `p` reads as `q`'s category too.
 */
function restatesGroup(
  codebook: Codebook,
  minScore: number,
): (p: CombinedPart & { readonly others: readonly Suggestion[] }, q: CombinedPart) => boolean {
  const byCode = new Map(codebook.categories.map((c) => [c.code, c]));
  return (p, q) => {
    const pc = byCode.get(p.suggestion.code);
    const qc = byCode.get(q.suggestion.code);
    if (!pc || !qc || pc.parent === null || pc.parent !== qc.parent) return false;
    if (p.others.some((s) => s.code === qc.code && s.score >= minScore)) return true;
    const group = byCode.get(pc.parent);
    if (!group) return false;
    const label = new Set(words(pc.label));
    const groupWords = words(group.label);
    return groupWords.length > 0 && groupWords.every((w) => label.has(w));
  };
}
