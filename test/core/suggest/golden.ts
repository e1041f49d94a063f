// What the engine suggests on every labelled set, as one digest per set: the default profile must
// give exactly the suggestions the code's word lists gave before they became data (issue 12,
// item 1). Digests, not the suggestions themselves: the sets' values are not copied elsewhere.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCodebookFile } from '../../../src/core/formats/codebook';
import type { EngineInput, KnownValue, SuggestionEngine } from '../../../src/core/suggest/engine';
import type { Codebook } from '../../../src/core/types';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DEV_SET = resolve(HERE, '../../../../shared/dev-set');
const FIXTURES = resolve(HERE, '../../fixtures/suggest');

export function codebookAt(path: string): Codebook {
  const r = readCodebookFile(readFileSync(path, 'utf8'));
  if (!r.ok) throw new Error(`${path}: not a codebook`);
  return r.value;
}

function labelled(path: string): { raw: string; code: string }[] {
  const [header, ...lines] = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const columns = (header ?? '').split('\t');
  const rawAt = columns.indexOf('raw');
  const codeAt = columns.indexOf('code');
  return lines.map((l) => {
    const cells = l.split('\t');
    return { raw: cells[rawAt] ?? '', code: cells[codeAt] ?? '' };
  });
}

/** A labelled fixture's codebook (`NAME-codebook.json`). */
export function fixtureCodebook(name: string): Codebook {
  return codebookAt(resolve(FIXTURES, `${name}-codebook.json`));
}

/**
 * A labelled fixture's values at even rows, approved with their codes: the decisions the few-shot
 * measure (scripts/quality.ts) makes.
 */
export function fewShotDecisions(name: string): Map<string, KnownValue> {
  const rows = labelled(resolve(FIXTURES, `${name}-values.tsv`));
  return new Map(
    rows
      .filter((_, i) => i % 2 === 0)
      .map(({ raw, code }) => [raw, { code, status: 'approved' } satisfies KnownValue]),
  );
}

export interface LabelledSet {
  readonly name: string;
  readonly codebook: Codebook;
  readonly rows: readonly { raw: string; code: string }[];
}

/** The dev set and every labelled fixture with its codebook, by name. */
export function labelledSets(): LabelledSet[] {
  const orsak = codebookAt(resolve(DEV_SET, 'orsak_codebook.json'));
  const atgard = codebookAt(resolve(DEV_SET, 'atgard_codebook.json'));
  const sets: LabelledSet[] = [
    { name: 'dev-orsak', codebook: orsak, rows: labelled(resolve(DEV_SET, 'orsak_dev.tsv')) },
    { name: 'dev-atgard', codebook: atgard, rows: labelled(resolve(DEV_SET, 'atgard_dev.tsv')) },
  ];
  for (const file of readdirSync(FIXTURES).sort()) {
    const m = /^(.+)-(orsak|atgard|values)\.tsv$/.exec(file);
    if (!m) continue;
    const codebook =
      m[2] === 'orsak'
        ? orsak
        : m[2] === 'atgard'
          ? atgard
          : codebookAt(resolve(FIXTURES, `${m[1]}-codebook.json`));
    sets.push({
      name: file.replace(/\.tsv$/, ''),
      codebook,
      rows: labelled(resolve(FIXTURES, file)),
    });
  }
  return sets;
}

export const haveDevSet = existsSync(DEV_SET);

/** Zero-shot (all rows) and few-shot (even rows approved, odd rows suggested), top 3 each. */
export function suggestionDigest(
  set: LabelledSet,
  factory: (input: EngineInput) => SuggestionEngine,
): string {
  const hash = createHash('sha256');
  const zero = factory({ codebook: set.codebook, known: new Map() });
  for (const row of set.rows) hash.update(JSON.stringify(zero.suggest(row.raw, 3)));
  const known = new Map<string, KnownValue>();
  set.rows.forEach((row, i) => {
    if (i % 2 === 0) known.set(row.raw, { code: row.code, status: 'approved' });
  });
  const few = factory({ codebook: set.codebook, known });
  set.rows.forEach((row, i) => {
    if (i % 2 === 1) hash.update(JSON.stringify(few.suggest(row.raw, 3)));
  });
  return hash.digest('hex').slice(0, 16);
}
