// `kodbok suggest --codebook CODEBOOK.json --values VALUES [--mapping MAPPING.json] [--top N]`
// exactly as FORMATS.md says: one JSON array on stdout, in input order, at most N distinct leaf
// codes per value, best first. The same engine as the app's suggestion worker.

import { restoreCodebook } from '../core/formats/codebook';
import { MAX_JSON_SIZE, parseJsonBytes } from '../core/formats/json';
import { checkMappingAgainstCodebook, restoreMapping } from '../core/formats/mapping';
import { restoreProfile } from '../core/formats/profile';
import { formatErrorLine, type Result } from '../core/formats/result';
import { MAX_TEXT_LENGTH, textTooLongMessage } from '../core/limits';
import { createEngine, type KnownValue } from '../core/suggest/engine';
import { variableProfile } from '../core/suggest/choose';
import {
  BUILT_IN_PROFILES,
  builtInProfile,
  type BuiltInProfileId,
  type SuggestProfile,
} from '../core/suggest/profile';
import type { Codebook, Suggestion } from '../core/types';
import { parseCsv } from '../io/csv';
import { decodeText, type BadLine } from '../io/decode';
import { DEFAULT_LIMITS, TableReadError } from '../io/table';
import { UsageError, type CliIo, type Command, readProblem } from './io';
import { loadWordVectors } from './word-vectors';
import { SUGGEST_SUMMARY, SUGGEST_USAGE } from './usage';

export { SUGGEST_SUMMARY, SUGGEST_USAGE };

const DEFAULT_TOP = 3;

interface SuggestArgs {
  readonly codebook: string;
  readonly values: string;
  readonly mapping?: string;
  /** A `kodbok/profile` file, or the name of a built-in profile (`neutral`, `sv-barn-och-unga`, `en`). */
  readonly profile?: string;
  readonly top: number;
}

const OPTIONS = new Set(['--codebook', '--values', '--mapping', '--profile', '--top']);

function parseArgs(argv: readonly string[]): SuggestArgs {
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!OPTIONS.has(name)) {
      const what = arg.startsWith('-') ? `unknown option ${arg}` : `unexpected argument "${arg}"`;
      throw new UsageError(`suggest: ${what}; usage: ${SUGGEST_USAGE}`);
    }
    const value = eq > 0 && name !== arg ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || OPTIONS.has(value)) {
      throw new UsageError(`suggest: ${name} needs a value; usage: ${SUGGEST_USAGE}`);
    }
    if (given.has(name)) throw new UsageError(`suggest: ${name} given twice`);
    given.set(name, value);
  }
  const codebook = given.get('--codebook');
  const values = given.get('--values');
  if (codebook === undefined)
    throw new UsageError(`suggest: --codebook is required; usage: ${SUGGEST_USAGE}`);
  if (values === undefined)
    throw new UsageError(`suggest: --values is required; usage: ${SUGGEST_USAGE}`);
  const topText = given.get('--top');
  let top = DEFAULT_TOP;
  if (topText !== undefined) {
    if (!/^\d+$/.test(topText) || Number(topText) < 1 || Number(topText) > 1000) {
      throw new UsageError(
        `suggest: --top must be a whole number from 1 to 1000, not "${topText}"`,
      );
    }
    top = Number(topText);
  }
  const mapping = given.get('--mapping');
  const profile = given.get('--profile');
  return {
    codebook,
    values,
    top,
    ...(mapping === undefined ? {} : { mapping }),
    ...(profile === undefined ? {} : { profile }),
  };
}

async function readBytes(
  io: CliIo,
  what: string,
  path: string,
  maxBytes = MAX_JSON_SIZE,
): Promise<Uint8Array> {
  try {
    return await io.readFile(path, maxBytes);
  } catch (e) {
    throw new UsageError(`suggest: cannot read ${what} ${path}: ${readProblem(e)}`);
  }
}

/** The first error of a failed read, as one line naming the file. */
function orFail<T>(
  result: Result<T>,
  what: string,
  path: string,
): { value: T; warnings: string[] } {
  if (result.ok) return result;
  const [first] = result.errors;
  const more =
    result.errors.length > 1
      ? ` (and ${result.errors.length - 1} more; run kodbok validate ${path})`
      : '';
  throw new UsageError(
    `suggest: ${what} ${path} is not valid: ${first ? formatErrorLine(first) : 'unknown error'}${more}`,
  );
}

function decodeUtf8(bytes: Uint8Array, path: string): string {
  try {
    // A byte-order mark is not part of the first value.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Name the lines, so a file that is UTF-8 but for a pasted line can be fixed there.
    let lines: readonly BadLine[] = [];
    try {
      lines = decodeText(bytes, 'utf-8').badLines ?? [];
    } catch {
      // binary or UTF-16: the general message says enough
    }
    const where =
      lines.length > 0
        ? ` (line${lines.length > 1 ? 's' : ''} ${lines
            .slice(0, 10)
            .map((l) => l.line)
            .join(', ')}${lines.length > 10 ? ' and more' : ''})`
        : '';
    throw new UsageError(
      `suggest: values file ${path} is not UTF-8 text${where}; save it as UTF-8 and try again`,
    );
  }
}

/** A value over the limit is refused with its place: the engine would stall on it (issue 13). */
function checkLength(value: string, path: string, row: number): void {
  if (value.length > MAX_TEXT_LENGTH) {
    throw new UsageError(
      `suggest: values file ${path}:${row}: the value ${textTooLongMessage(value.length)}`,
    );
  }
}

/**
 * The raw values of a VALUES file, in order. Empty lines and empty cells are no value; anything else
 * is kept exactly as written (raw values are never trimmed beyond what the splitter did).
 */
export function readValuesFile(bytes: Uint8Array, path: string): string[] {
  const text = decodeUtf8(bytes, path);
  const ext = /\.([^./\\]+)$/.exec(path.toLowerCase())?.[1] ?? '';
  if (ext === 'txt') {
    const lines = text.split(/\r?\n|\r/);
    lines.forEach((line, i) => checkLength(line, path, i + 1));
    return lines.filter((line) => line !== '');
  }
  if (ext !== 'csv' && ext !== 'tsv') {
    throw new UsageError(`suggest: values file ${path} must end in .txt, .csv or .tsv`);
  }
  // The project's CSV reader (src/io): quotes, `,` `;` or tab as Excel writes them.
  let headers: string[];
  let rows: string[][];
  let rowNumbers: number[];
  try {
    ({ headers, rows, rowNumbers } = parseCsv(
      text,
      ext === 'tsv' ? { delimiter: '\t' } : { preferredDelimiter: ';' },
    ));
  } catch (e) {
    if (e instanceof TableReadError)
      throw new UsageError(`suggest: values file ${path}: ${e.message}`);
    throw e;
  }
  const column = headers.findIndex((name) => name.trim() === 'raw');
  if (column < 0) {
    throw new UsageError(`suggest: values file ${path} has no column named "raw" in its header`);
  }
  const out: string[] = [];
  rows.forEach((row, i) => {
    const cell = row[column];
    if (cell === undefined || cell === '') return;
    checkLength(cell, path, rowNumbers[i] ?? i + 2);
    out.push(cell);
  });
  return out;
}

async function readCodebookArg(io: CliIo, path: string): Promise<Codebook> {
  const parsed = parseJsonBytes(await readBytes(io, 'codebook', path));
  const json = orFail(parsed, 'codebook', path).value;
  return orFail(restoreCodebook(json), 'codebook', path).value;
}

/**
 * The profile: a built-in one by name, else a `kodbok/profile` file; without one, the profile the
 * codebook fits, as the app chooses it for a variable with none saved (choose.ts).
 */
async function readProfileArg(
  io: CliIo,
  arg: string | undefined,
  codebook: Codebook,
): Promise<SuggestProfile> {
  if (arg === undefined) return variableProfile(undefined, codebook).profile;
  if ((BUILT_IN_PROFILES as readonly string[]).includes(arg))
    return builtInProfile(arg as BuiltInProfileId);
  const parsed = parseJsonBytes(await readBytes(io, 'profile', arg));
  const read = orFail(restoreProfile(orFail(parsed, 'profile', arg).value), 'profile', arg);
  for (const w of read.warnings) io.stderr(`kodbok: warning: profile ${arg}: ${w}\n`);
  return read.value;
}

async function readKnown(
  io: CliIo,
  path: string,
  codebook: Codebook,
  codebookPath: string,
): Promise<Map<string, KnownValue>> {
  const parsed = parseJsonBytes(await readBytes(io, 'mapping', path));
  const mapping = orFail(
    restoreMapping(orFail(parsed, 'mapping', path).value),
    'mapping',
    path,
  ).value;
  if (mapping.variable !== codebook.variable) {
    throw new UsageError(
      `suggest: mapping ${path} is for variable "${mapping.variable}" but the codebook is for "${codebook.variable}"`,
    );
  }
  if (mapping.codebook.id !== codebook.id) {
    io.stderr(
      `kodbok: note: mapping ${path} was made with codebook "${mapping.codebook.id}", not "${codebook.id}"\n`,
    );
  }
  // An approved entry coded to a group or to a code the codebook lacks cannot be learnt from;
  // ignoring it silently would hide that the mapping and the codebook disagree (issue 13).
  const misfits = checkMappingAgainstCodebook(mapping, codebook, 'approved').errors;
  if (misfits.length > 0) {
    const [first] = misfits;
    const more = misfits.length > 1 ? ` (and ${misfits.length - 1} more)` : '';
    throw new UsageError(
      `suggest: mapping ${path} does not fit codebook ${codebookPath}: an approved entry at ${first ? formatErrorLine(first) : ''}${more}`,
    );
  }
  // FORMATS.md: a mapping's approved entries are the known answers.
  const known = new Map<string, KnownValue>();
  for (const e of mapping.entries)
    if (e.status === 'approved') known.set(e.raw, { code: e.code, status: 'approved' });
  return known;
}

/** Three decimals are plenty to rank by and keep the output short; rounding stays in [0, 1]. */
function roundScore(s: Suggestion): Suggestion {
  return { code: s.code, score: Math.round(s.score * 1000) / 1000, via: s.via };
}

export const suggest: Command = async (argv, io) => {
  const args = parseArgs(argv);
  // Everything is read and checked before anything is written: a bad file leaves stdout empty.
  const codebook = await readCodebookArg(io, args.codebook);
  const profile = await readProfileArg(io, args.profile, codebook);
  const known =
    args.mapping === undefined
      ? new Map<string, KnownValue>()
      : await readKnown(io, args.mapping, codebook, args.codebook);
  const values = readValuesFile(
    await readBytes(io, 'values file', args.values, DEFAULT_LIMITS.maxBytes),
    args.values,
  );

  const vectors = profile.wordVectors ? loadWordVectors(profile.wordVectors) : undefined;
  const engine = createEngine({ codebook, known, profile, vectors });
  // A value repeated in the file is suggested once.
  const cache = new Map<string, Suggestion[]>();
  const lines: string[] = [];
  for (const raw of values) {
    let suggestions = cache.get(raw);
    if (!suggestions) {
      suggestions = engine.suggest(raw, args.top).map(roundScore);
      cache.set(raw, suggestions);
    }
    lines.push(JSON.stringify({ raw, suggestions }));
  }
  io.stdout(lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`);
  return 0;
};
