// `kodbok apply`: the recoded data set from an approved mapping, exactly per FORMATS.md.
// Every input row and column is written back, plus a column `NAME_code`.
//
// Decisions (documented here because scripts depend on them):
// - Only `approved` entries are applied; the lookup is a Map (a raw value may be `__proto__`).
// - A multi-value cell gets the codes of its atoms that have an approved code, in the order
//   the atoms appear, each code once, joined by `|`. Atoms without an approved code add
//   nothing, so such a cell is counted as "partly coded" in the summary, not fully coded.
// - The output is plain UTF-8 CSV, `,`, RFC 4180 (CRLF), no BOM, and formula triggers are NOT
//   neutralised: the file is for R, Stata, SPSS and Python, which must get the values exactly
//   (`-5` stays `-5`). The app's CSV export for people opening files in Excel neutralises them.
// - An ambiguous delimiter is resolved by the most consistent candidate (tab, `;`, `,` on ties).
// - A row shorter than the header is padded with empty cells; a row with extra non-empty cells
//   is refused (its `NAME_code` would land under the wrong header).
// - Bad arguments or files throw UsageError before anything is written (runCli: exit 2).

import { compileSplitter } from '../core/split';
import { readMappingFile } from '../core/formats/mapping';
import { formatErrorLine } from '../core/formats/result';
import type { SplitConfig } from '../core/types';
import { TableReadError } from '../io/table';
import { openInput, openSink, streamApply } from './apply-stream';
import { UsageError, type CliIo, type Command, readProblem } from './io';
import { APPLY_USAGE } from './usage';

export { APPLY_USAGE };

const OPTIONS = ['--mapping', '--input', '--column', '--split', '--header-row', '--out'] as const;
type Option = (typeof OPTIONS)[number];

function usageError(message: string): UsageError {
  return new UsageError(`apply: ${message}; usage: ${APPLY_USAGE}`);
}

/** `--name value` or `--name=value`; every option at most once; no positional arguments. */
export function parseApplyArgs(argv: readonly string[]): Map<Option, string> {
  const values = new Map<Option, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!(OPTIONS as readonly string[]).includes(name)) {
      throw usageError(
        arg.startsWith('-')
          ? `unknown option ${name}`
          : `unexpected argument ${JSON.stringify(arg)}`,
      );
    }
    const option = name as Option;
    if (values.has(option)) throw usageError(`${option} is given twice`);
    let value: string | undefined;
    if (name !== arg) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined) throw usageError(`${option} needs a value`);
    values.set(option, value);
  }
  for (const required of ['--mapping', '--input', '--column'] as const) {
    if (!values.get(required)) throw usageError(`${required} is missing`);
  }
  if (values.get('--out') === '') throw usageError('--out needs a file name');
  headerRowOption(values.get('--header-row'));
  return values;
}

async function read(io: CliIo, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (e) {
    throw new UsageError(`apply: cannot read ${path}: ${readProblem(e)}`);
  }
}

interface Mapping {
  readonly codes: ReadonlyMap<string, string>;
  readonly split: SplitConfig | undefined;
}

function readMapping(path: string, bytes: Uint8Array): Mapping {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`apply: ${path} is not UTF-8 text; a mapping file is JSON in UTF-8`);
  }
  const result = readMappingFile(text);
  if (!result.ok) {
    const [first] = result.errors;
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more errors)` : '';
    throw new UsageError(
      `apply: ${path} is not a valid mapping file: ${first ? formatErrorLine(first) : 'unknown error'}${more}`,
    );
  }
  const codes = new Map<string, string>();
  for (const entry of result.value.entries) {
    if (entry.status === 'approved') codes.set(entry.raw, entry.code);
  }
  return { codes, split: result.value.split };
}

/** `--split "; ,"`: separators separated by spaces; the mapping's protected values still hold. */
function splitConfig(option: string | undefined, mapping: Mapping): SplitConfig {
  const protect = mapping.split?.protect ?? [];
  if (option === undefined) return { separators: mapping.split?.separators ?? [], protect };
  return { separators: option.split(' ').filter((s) => s !== ''), protect };
}

/** `--header-row N`: the row (1, 2, …) that holds the header, as chosen in the app's import. */
export function headerRowOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]{0,8}$/.test(value))
    throw usageError(`--header-row must be a row number (1, 2, …), not ${JSON.stringify(value)}`);
  return Number(value);
}

function findColumn(
  table: { readonly headers: readonly string[] },
  inputPath: string,
  name: string,
): number {
  const at: number[] = [];
  table.headers.forEach((h, i) => h === name && at.push(i));
  if (at.length === 0) {
    const available = table.headers.map((h) => JSON.stringify(h)).join(', ');
    throw new UsageError(
      `apply: ${inputPath} has no column ${JSON.stringify(name)}; its columns are ${available}`,
    );
  }
  if (at.length > 1) {
    throw new UsageError(
      `apply: ${inputPath} has ${at.length} columns named ${JSON.stringify(name)} (columns ${at.map((i) => i + 1).join(', ')}); rename one`,
    );
  }
  const target = `${name}_code`;
  if (table.headers.includes(target)) {
    throw new UsageError(
      `apply: ${inputPath} already has a column ${JSON.stringify(target)}; remove it and run apply again`,
    );
  }
  return at[0] as number;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`;
}

export const apply: Command = async (argv, io) => {
  const args = parseApplyArgs(argv);
  const mappingPath = args.get('--mapping') as string;
  const inputPath = args.get('--input') as string;
  const column = args.get('--column') as string;
  const out = args.get('--out');

  const mapping = readMapping(mappingPath, await read(io, mappingPath));
  const headerRow = headerRowOption(args.get('--header-row'));
  const split = compileSplitter(splitConfig(args.get('--split'), mapping));
  // Rows are streamed in and out (apply-stream.ts): memory flat in the number of rows.
  const input = await openInput(io, inputPath).catch((e: unknown) => {
    throw new UsageError(`apply: cannot read ${inputPath}: ${readProblem(e)}`);
  });
  const sink = await openSink(io, out).catch(async (e: unknown) => {
    await input.close();
    throw new UsageError(`apply: cannot write ${out ?? 'stdout'}: ${readProblem(e)}`);
  });
  let result: Awaited<ReturnType<typeof streamApply>>;
  try {
    result = await streamApply({
      inputPath,
      input: input.input,
      options: headerRow === undefined ? {} : { headerRow },
      findColumn: (headers) => findColumn({ headers }, inputPath, column),
      column,
      codes: mapping.codes,
      split,
      sink,
    });
  } catch (e) {
    await sink.abort();
    if (e instanceof TableReadError) throw new UsageError(`apply: ${e.message}`);
    throw e;
  } finally {
    await input.close();
  }
  try {
    await sink.commit();
  } catch (e) {
    throw new UsageError(`apply: cannot write ${out ?? 'stdout'}: ${readProblem(e)}`);
  }
  const { summary: table, counts } = result;
  const { full, partly, none, empty, padded, cellCoded } = counts;

  const MAX_WARNINGS = 5;
  for (const issue of table.issues.slice(0, MAX_WARNINGS)) {
    io.stderr(
      `kodbok apply: warning: ${inputPath}: ${issue.message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`,
    );
  }
  if (table.issues.length > MAX_WARNINGS) {
    io.stderr(
      `kodbok apply: warning: ${inputPath}: and ${table.issues.length - MAX_WARNINGS} more warnings\n`,
    );
  }
  const source = table.source;
  const how =
    source.format === 'csv'
      ? `${source.encoding ?? 'text'}, delimiter ${JSON.stringify(source.delimiter)}${source.delimiterAmbiguous ? ' (ambiguous: the most consistent was used)' : ''}`
      : `sheet ${JSON.stringify(source.sheet)}`;
  const fullCells = [...cellCoded.values()].filter(Boolean).length;
  const notes: string[] = [];
  if (padded > 0) notes.push(`${padded} short row(s) padded with empty cells`);
  if (mapping.codes.size === 0) notes.push('the mapping has no approved entries');
  io.stderr(
    `kodbok apply: ${inputPath} (${how}): ${counts.rows} rows, ${full} fully coded (${percent(full, counts.rows)}), ` +
      `${partly} partly coded, ${none} not coded, ${empty} with an empty ${JSON.stringify(column)}; ` +
      `${cellCoded.size} distinct cells, ${fullCells} fully coded (${percent(fullCells, cellCoded.size)})` +
      (notes.length > 0 ? `; ${notes.join('; ')}` : '') +
      '\n',
  );
  return 0;
};
