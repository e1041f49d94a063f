// The recoded data set: the imported rows with the code (and label) of a coded variable beside
// its raw value. Wide (default): `NAME_code` and, when asked, `NAME_label` added at the end, a
// multi-value cell's codes joined by `|` (each once, in the order of its values). Without
// labels this is exactly `kodbok apply`'s table (FORMATS.md; tested byte for byte). Long: one
// row per single value, with `NAME_value` beside the code and label; an empty cell keeps one
// row, with empty value and code.

import { compileSplitter } from '../split';
import type { SplitConfig } from '../types';

export interface RecodeSpec {
  /** The coded column's header. */
  readonly column: string;
  /** Approved code of each single value (a Map: raw values can be `__proto__`). */
  readonly codes: ReadonlyMap<string, string>;
  readonly split: SplitConfig;
  /** Label of each code; given: a `NAME_label` column is added. */
  readonly labels?: ReadonlyMap<string, string>;
  readonly long?: boolean;
}

export class RecodeError extends Error {
  constructor(
    readonly kind: 'no-column' | 'duplicate-column' | 'column-exists' | 'long-row',
    /** The column name, or the 0-based data row. */
    readonly at: string | number,
  ) {
    super(`${kind} ${at}`);
    this.name = 'RecodeError';
  }
}

export interface RecodedTable {
  readonly headers: string[];
  readonly rows: string[][];
}

export function recodeTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  spec: RecodeSpec,
): RecodedTable {
  const at = headers.flatMap((h, i) => (h === spec.column ? [i] : []));
  if (at.length === 0) throw new RecodeError('no-column', spec.column);
  if (at.length > 1) throw new RecodeError('duplicate-column', spec.column);
  const added = spec.long
    ? [`${spec.column}_value`, `${spec.column}_code`]
    : [`${spec.column}_code`];
  if (spec.labels) added.push(`${spec.column}_label`);
  for (const name of added)
    if (headers.includes(name)) throw new RecodeError('column-exists', name);
  const index = at[0] as number;
  const width = headers.length;
  const split = compileSplitter(spec.split);
  const label = (code: string) => spec.labels?.get(code) ?? '';

  const out: string[][] = [];
  rows.forEach((source, r) => {
    let row = [...source];
    if (row.length > width) {
      if (row.slice(width).some((cell) => cell !== '')) throw new RecodeError('long-row', r);
      row = row.slice(0, width);
    } else if (row.length < width) {
      row.push(...new Array<string>(width - row.length).fill(''));
    }
    const atoms = split(row[index] as string);
    if (spec.long) {
      for (const atom of atoms.length === 0 ? [''] : atoms) {
        const code = atom === '' ? '' : (spec.codes.get(atom) ?? '');
        out.push(spec.labels ? [...row, atom, code, label(code)] : [...row, atom, code]);
      }
      return;
    }
    const codes: string[] = [];
    for (const atom of atoms) {
      const code = spec.codes.get(atom);
      if (code !== undefined && !codes.includes(code)) codes.push(code);
    }
    const cells = [codes.join('|')];
    if (spec.labels) cells.push(codes.map(label).join('|'));
    out.push([...row, ...cells]);
  });
  return { headers: [...headers, ...added], rows: out };
}
