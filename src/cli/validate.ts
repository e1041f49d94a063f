// `kodbok validate FILE.json`: the same restore step as the app's imports, run on one file.

import { leafCodes, restoreCodebook } from '../core/formats/codebook';
import { MAX_JSON_SIZE, parseJsonBytes, isJsonRecord } from '../core/formats/json';
import { restoreMapping } from '../core/formats/mapping';
import { restoreProfile } from '../core/formats/profile';
import {
  CODEBOOK_FORMAT,
  MAPPING_FORMAT,
  PROFILE_FORMAT,
  detectFormat,
} from '../core/formats/restore';
import { failure, formatErrorLine, success, type Result } from '../core/formats/result';
import { FILE_STATUSES } from '../core/types';
import { UsageError, type CliIo, type Command, readProblem } from './io';

import { VALIDATE_USAGE } from './usage';

export { VALIDATE_USAGE };

/** More errors than this are counted, not listed: a broken 50 000-entry file should not flood the terminal. */
const MAX_ERROR_LINES = 100;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The file's one positional argument; options are refused (`--` lets a file name start with `-`). */
function fileArgument(argv: readonly string[]): string {
  const files: string[] = [];
  let options = true;
  for (const a of argv) {
    if (options && a === '--') options = false;
    else if (options && a.startsWith('-') && a !== '-')
      throw new UsageError(`validate: unknown option ${a}; usage: ${VALIDATE_USAGE}`);
    else files.push(a);
  }
  const [file, ...more] = files;
  if (file === undefined || file === '')
    throw new UsageError(`validate: name the file to check; usage: ${VALIDATE_USAGE}`);
  if (more.length > 0)
    throw new UsageError(
      `validate: one file at a time (got ${files.length}); usage: ${VALIDATE_USAGE}`,
    );
  return file;
}

/** Checks the file against its format and describes it in one line. */
function check(bytes: Uint8Array): Result<string> {
  const parsed = parseJsonBytes(bytes);
  if (!parsed.ok) return parsed;
  const data = parsed.value;
  const format = detectFormat(data);
  if (format === CODEBOOK_FORMAT) {
    const r = restoreCodebook(data);
    if (!r.ok) return r;
    const leaves = leafCodes(r.value).length;
    const summary = `valid ${CODEBOOK_FORMAT} v1, ${plural(r.value.categories.length, 'category', 'categories')} (${plural(leaves, 'leaf', 'leaves')})`;
    return success(summary, r.warnings);
  }
  if (format === MAPPING_FORMAT) {
    const r = restoreMapping(data);
    if (!r.ok) return r;
    const byStatus = FILE_STATUSES.map(
      (s) => [s, r.value.entries.filter((e) => e.status === s).length] as const,
    )
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`);
    const counts = byStatus.length > 0 ? ` (${byStatus.join(', ')})` : '';
    return success(
      `valid ${MAPPING_FORMAT} v1, ${plural(r.value.entries.length, 'entry', 'entries')}${counts}`,
      r.warnings,
    );
  }
  if (format === PROFILE_FORMAT) {
    const r = restoreProfile(data);
    if (!r.ok) return r;
    const p = r.value;
    const classes = Object.values(p.words).filter((list) => list.length > 0).length;
    return success(
      `valid ${PROFILE_FORMAT} v1, ${plural(p.vocabulary.length, 'concept', 'concepts')}, ${plural(classes, 'word class', 'word classes')}, ${plural(p.categories.length, 'declared category', 'declared categories')}${p.wordVectors ? `, word vectors ${p.wordVectors}` : ''}`,
      r.warnings,
    );
  }
  const found = isJsonRecord(data) && Object.hasOwn(data, 'format');
  return failure([
    {
      path: found ? '/format' : '',
      message: `not a Kodbok file: "format" must be "${CODEBOOK_FORMAT}", "${MAPPING_FORMAT}" or "${PROFILE_FORMAT}"`,
    },
  ]);
}

export const validateCommand: Command = async (argv, io: CliIo) => {
  const file = fileArgument(argv);
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file, MAX_JSON_SIZE);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${readProblem(e)}`);
  }
  const result = check(bytes);
  if (!result.ok) {
    const lines = result.errors
      .slice(0, MAX_ERROR_LINES)
      .map((e) => `${file}: ${formatErrorLine(e)}`);
    const rest = result.errors.length - MAX_ERROR_LINES;
    if (rest > 0) lines.push(`${file}: … and ${plural(rest, 'more error', 'more errors')}`);
    io.stderr(lines.join('\n') + '\n');
    return 1;
  }
  for (const w of result.warnings) io.stderr(`${file}: warning: ${w}\n`);
  io.stdout(`${file}: ${result.value}\n`);
  return 0;
};
