// `kodbok agreement A.json B.json [C.json …] [--codebook C.json] [--level leaf|group]
// [--weight values|rows]`: how well coders agree, from the mapping files each coded blind.
// Prints one JSON object: n, coders, percentAgreement, cohenKappa, krippendorffAlpha, confusion.

import { measureAgreement, type CoderCodes } from '../core/agreement';
import { categoryIndex } from '../core/codebook';
import { codeAtLevel } from '../core/double-coding';
import { restoreCodebook } from '../core/formats/codebook';
import { MAX_JSON_SIZE, parseJsonBytes } from '../core/formats/json';
import { restoreMapping, type MappingFile } from '../core/formats/mapping';
import { formatErrorLine, type Result } from '../core/formats/result';
import type { Codebook } from '../core/types';
import { UsageError, type CliIo, type Command, readProblem } from './io';
import { AGREEMENT_USAGE, AGREEMENT_SUMMARY } from './usage';

type Level = 'leaf' | 'group';
type Weight = 'values' | 'rows';

interface AgreementArgs {
  readonly files: readonly string[];
  readonly codebook?: string;
  readonly level: Level;
  readonly weight: Weight;
}

const VALUED = new Set(['--codebook', '--level', '--weight']);

function fail(message: string): never {
  throw new UsageError(`agreement: ${message}`);
}

function parseArgs(argv: readonly string[]): AgreementArgs {
  const files: string[] = [];
  const given = new Map<string, string>();
  let options = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (options && arg === '--') {
      options = false;
      continue;
    }
    if (!options || !arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUED.has(name)) fail(`unknown option ${arg}; usage: ${AGREEMENT_USAGE}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || VALUED.has(value))
      fail(`${name} needs a value; usage: ${AGREEMENT_USAGE}`);
    if (given.has(name)) fail(`${name} given twice`);
    given.set(name, value);
  }
  if (files.length < 2)
    fail(`name at least two mapping files, one per coder; usage: ${AGREEMENT_USAGE}`);
  const level = given.get('--level') ?? 'leaf';
  if (level !== 'leaf' && level !== 'group')
    fail(`--level must be "leaf" or "group", not "${level}"`);
  const weight = given.get('--weight') ?? 'values';
  if (weight !== 'values' && weight !== 'rows')
    fail(`--weight must be "values" or "rows", not "${weight}"`);
  const codebook = given.get('--codebook');
  if (level === 'group' && codebook === undefined)
    fail('--level group needs --codebook, which says which group each code belongs to');
  return { files, level, weight, ...(codebook === undefined ? {} : { codebook }) };
}

/** Reads and restores one JSON file; any problem is one line naming the file. */
async function readJson<T>(
  io: CliIo,
  what: string,
  path: string,
  restore: (data: unknown) => Result<T>,
): Promise<T> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path, MAX_JSON_SIZE);
  } catch (e) {
    fail(`cannot read ${what} ${path}: ${readProblem(e)}`);
  }
  const parsed = parseJsonBytes(bytes);
  const result = parsed.ok ? restore(parsed.value) : parsed;
  if (!result.ok) {
    const [first] = result.errors;
    fail(`${what} ${path} is not valid: ${first ? formatErrorLine(first) : 'unknown error'}`);
  }
  return result.value;
}

/**
 * The code each coder gave: every entry a person decided (not `suggested`, which is the machine's),
 * at leaf level as given, or mapped to its top-level group. A code the codebook does not know is
 * an error, never silently compared or dropped.
 */
function codesOf(
  path: string,
  file: MappingFile,
  codebook: Codebook | undefined,
  level: Level,
): Map<string, string> {
  const index = codebook ? categoryIndex(codebook) : undefined;
  const codes = new Map<string, string>();
  for (const e of file.entries) {
    if (e.status === 'suggested') continue;
    let code = e.code;
    if (index) {
      if (!index.has(code))
        fail(`mapping ${path}: "${e.raw}" is coded ${code}, which is not in the codebook`);
      code = codeAtLevel(index, code, level);
    }
    codes.set(e.raw, code);
  }
  return codes;
}

export const agreement: Command = async (argv, io) => {
  const args = parseArgs(argv);
  const codebook =
    args.codebook === undefined
      ? undefined
      : await readJson(io, 'codebook', args.codebook, restoreCodebook);
  const files: MappingFile[] = [];
  for (const path of args.files) files.push(await readJson(io, 'mapping', path, restoreMapping));
  const variable = files[0]!.variable;
  files.forEach((f, i) => {
    if (f.variable !== variable)
      fail(`${args.files[i]} codes variable "${f.variable}", ${args.files[0]} codes "${variable}"`);
    if (codebook && f.codebook.id !== codebook.id)
      fail(`${args.files[i]} was coded with codebook "${f.codebook.id}", not "${codebook.id}"`);
  });
  const coders: CoderCodes[] = files.map((f, i) => ({
    name: args.files[i]!,
    codes: codesOf(args.files[i]!, f, codebook, args.level),
  }));

  let weight: ((raw: string) => number) | undefined;
  if (args.weight === 'rows') {
    // A value's rows, from the first file that states them (the files come from one project).
    const rows = new Map<string, number>();
    for (const f of files)
      for (const e of f.entries)
        if (e.frequency !== undefined && !rows.has(e.raw)) rows.set(e.raw, e.frequency);
    weight = (raw) => {
      const n = rows.get(raw);
      if (n === undefined)
        fail(`--weight rows: no file gives the frequency of "${raw}"; export the full mapping`);
      return n;
    };
  }
  const report = measureAgreement(coders, weight ? { weight } : {});
  io.stdout(JSON.stringify(report, null, 2) + '\n');
  return 0;
};

export { AGREEMENT_USAGE, AGREEMENT_SUMMARY };
