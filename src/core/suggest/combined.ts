// Values that name two reasons in one (`Eget missbruk, kriminalitet`, `Misshandel av barnet;
// missbruk förälder`) because the file was not split on import (issue 12, item 6). Such a value is
// flagged as probably combined when each of its parts, suggested on its own, gets a confident
// suggestion, the parts' categories differ, and every part is better explained on its own than the
// whole value is. A single reason written with a comma is not flagged: its parts agree (`Våld i
// nära relation, barnet bevittnat`), a part says too little to be suggested on its own (`Missbruk,
// förälder`), or the whole is explained at least as well (`Kriminalitet, annan`: the other's crime).

import type { Suggestion } from '../types';

/** One part of a probably combined value, with what it would be coded as on its own. */
export interface CombinedPart {
  readonly text: string;
  readonly suggestion: Suggestion;
}

// Separators of reasons written in one cell; ` – ` and `/` are left out: within one reason they
// are more often a qualifier (`Missbruk – förälder`) or an alternative (`alkohol/droger`).
const SEPARATOR = /[;,+]/u;
const LETTER = /\p{L}/u;

/** A part must be suggested at least this confidently on its own to count as a reason. */
export const COMBINED_MIN_SCORE = 0.6;

/**
 * The parts of a value that probably names several reasons, each with its own best suggestion;
 * `null` when the value is probably one reason.
 */
export function combinedParts(
  raw: string,
  suggest: (text: string) => readonly Suggestion[],
  minScore = COMBINED_MIN_SCORE,
): CombinedPart[] | null {
  if (!SEPARATOR.test(raw)) return null;
  const whole = suggest(raw)[0]?.score ?? 0;
  const texts = raw
    .split(SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => LETTER.test(p));
  if (texts.length < 2) return null;
  const parts: CombinedPart[] = [];
  for (const text of texts) {
    const best = suggest(text)[0];
    if (!best || best.score < minScore || best.score <= whole) return null;
    parts.push({ text, suggestion: best });
  }
  return new Set(parts.map((p) => p.suggestion.code)).size >= 2 ? parts : null;
}
