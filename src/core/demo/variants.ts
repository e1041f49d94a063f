// The small ways one phrasing turns into many raw values: case, diacritics, typing slips.
// Only toLowerCase/toUpperCase (never the locale variants), so output is the same everywhere.
import type { Rng } from '../random';

/** How a system or a person writes the case of a value. */
export type CaseStyle = 'as-is' | 'lower' | 'upper' | 'first-lower' | 'title';

export function applyCase(s: string, style: CaseStyle): string {
  switch (style) {
    case 'as-is':
      return s;
    case 'lower':
      return s.toLowerCase();
    case 'upper':
      return s.toUpperCase();
    case 'first-lower':
      return s.charAt(0).toLowerCase() + s.slice(1);
    case 'title':
      return s.replace(
        /(^|[\s/])(\p{Ll})/gu,
        (_m, sep: string, c: string) => sep + c.toUpperCase(),
      );
  }
}

const ASCII: Readonly<Record<string, string>> = {
  å: 'a',
  ä: 'a',
  ö: 'o',
  Å: 'A',
  Ä: 'A',
  Ö: 'O',
  é: 'e',
  '§': 'par',
};

/** Older exports that lost the Swedish letters: `Overlamnas`, `Missbruk foralder`. */
export function foldAscii(s: string): string {
  return s.replace(/[åäöÅÄÖé§]/g, (c) => ASCII[c] ?? c);
}

/** Characters that split reason cells; a typing slip must never introduce one. */
const SEPARATOR_CHARS = /[,;–]/;

const LETTER = /\p{L}/u;

/**
 * One hand-typed slip of a value: swapped or dropped letter, doubled letter, double space,
 * missing diacritic, trailing full stop, a first letter in the other case. Returns `null` when
 * the value offers no place for the chosen slip. `edgeSpace` allows a trailing space, which is
 * a distinct value only where cells are not split (and so not trimmed).
 */
export function typingSlip(s: string, rng: Rng, edgeSpace = false): string | null {
  const kind = rng.int(0, edgeSpace ? 7 : 6);
  const letters: number[] = [];
  for (let i = 0; i < s.length; i++) if (LETTER.test(s.charAt(i))) letters.push(i);
  if (letters.length < 3) return null;
  let out: string | null = null;
  switch (kind) {
    case 0: {
      // Swap two adjacent letters inside a word.
      const i = rng.pick(letters);
      if (i + 1 < s.length && LETTER.test(s.charAt(i + 1)) && s.charAt(i) !== s.charAt(i + 1)) {
        out = s.slice(0, i) + s.charAt(i + 1) + s.charAt(i) + s.slice(i + 2);
      }
      break;
    }
    case 1: {
      // Drop a letter (not the first, so the value still starts like the original).
      const i = rng.pick(letters.slice(1));
      out = s.slice(0, i) + s.slice(i + 1);
      break;
    }
    case 2: {
      const i = rng.pick(letters);
      out = s.slice(0, i + 1) + s.charAt(i) + s.slice(i + 1);
      break;
    }
    case 3: {
      const spaces: number[] = [];
      for (let i = 1; i < s.length - 1; i++) if (s.charAt(i) === ' ') spaces.push(i);
      if (spaces.length > 0) {
        const i = rng.pick(spaces);
        out = s.slice(0, i) + ' ' + s.slice(i);
      }
      break;
    }
    case 4: {
      const marked: number[] = [];
      for (let i = 0; i < s.length; i++) if ('åäöÅÄÖ'.includes(s.charAt(i))) marked.push(i);
      if (marked.length > 0) {
        const i = rng.pick(marked);
        out = s.slice(0, i) + foldAscii(s.charAt(i)) + s.slice(i + 1);
      }
      break;
    }
    case 5:
      out = s.endsWith('.') ? null : s + '.';
      break;
    case 6: {
      const first = s.charAt(0);
      const flipped = first === first.toLowerCase() ? first.toUpperCase() : first.toLowerCase();
      out = flipped === first ? null : flipped + s.slice(1);
      break;
    }
    case 7:
      out = s + ' ';
      break;
  }
  if (
    out === null ||
    out === s ||
    out.trim() === '' ||
    SEPARATOR_CHARS.test(out) !== SEPARATOR_CHARS.test(s)
  ) {
    return null;
  }
  return out;
}

/**
 * The raw values of one variable and their true codes. The first claim of a string wins:
 * a later phrasing of another category that happens to produce the same string is dropped,
 * so no raw value ever has two true codes.
 */
export class VariantPool {
  private readonly codes = new Map<string, string>();

  /** True when `raw` may be used with `code` (new, or already claimed by the same code). */
  claim(raw: string, code: string): boolean {
    const existing = this.codes.get(raw);
    if (existing === undefined) {
      this.codes.set(raw, code);
      return true;
    }
    return existing === code;
  }

  has(raw: string): boolean {
    return this.codes.has(raw);
  }

  codeOf(raw: string): string | undefined {
    return this.codes.get(raw);
  }
}
