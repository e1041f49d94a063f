import type { SplitConfig } from './types';

// Characters of Unicode's private use area stand in for protected values while a cell is
// split; raw values from case-management systems never contain them (checked below).
const PLACEHOLDER_BASE = 0xe000;
const PLACEHOLDER_MAX = 0xf8ff;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A splitter compiled once for a variable's configuration and used for every cell. */
export interface Splitter {
  (cell: string): string[];
}

/**
 * Compiles a split configuration. Separators are literal strings; the longest is tried
 * first (so ` – ` wins over `–`). Protected values are kept whole: `Missbruk BoU – Barnet/den unge`
 * is ONE reason, a dash is not always a separator.
 *
 * Cells are read exactly: without separators a cell is one value, untouched. With separators
 * each atom is trimmed (and only trimmed). Empty and whitespace-only cells or atoms are no value.
 */
export function compileSplitter(config: SplitConfig): Splitter {
  const separators = [...new Set(config.separators.filter((s) => s.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  if (separators.length === 0) {
    return (cell) => (cell.trim() === '' ? [] : [cell]);
  }
  const sepRe = new RegExp(separators.map(escapeRegExp).join('|'), 'g');
  const protect = [...new Set((config.protect ?? []).filter((p) => p.trim() !== ''))]
    .sort((a, b) => b.length - a.length)
    .slice(0, PLACEHOLDER_MAX - PLACEHOLDER_BASE);
  const protectRe =
    protect.length > 0 ? new RegExp(protect.map(escapeRegExp).join('|'), 'g') : null;
  const placeholderOf = new Map(
    protect.map((p, i) => [p, String.fromCharCode(PLACEHOLDER_BASE + i)]),
  );
  const placeholderRe = /[\ue000-\uf8ff]/g;

  return (cell) => {
    if (cell.trim() === '') return [];
    let masked = cell;
    const usesPrivate = placeholderRe.test(cell);
    placeholderRe.lastIndex = 0;
    if (protectRe && !usesPrivate) {
      masked = cell.replace(protectRe, (m) => placeholderOf.get(m) ?? m);
    }
    const out: string[] = [];
    for (const part of masked.split(sepRe)) {
      const restored =
        protectRe && !usesPrivate
          ? part.replace(placeholderRe, (c) => protect[c.charCodeAt(0) - PLACEHOLDER_BASE] ?? c)
          : part;
      const atom = restored.trim();
      if (atom !== '') out.push(atom);
    }
    return out;
  };
}

/** Splits one cell; prefer `compileSplitter` when splitting many. */
export function splitCell(cell: string, config: SplitConfig): string[] {
  return compileSplitter(config)(cell);
}
