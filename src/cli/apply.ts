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
// - `--codebook C.json --crosswalk ID` (an addition to v1): the codes written are the other
//   codebook's, through the categories' `crosswalk`; a value whose category has none there gets
//   no code (a warning names those categories), as the app's recoded export through a crosswalk.

import { categoryIndex } from '../core/codebook';
import { crosswalkCode } from '../core/export/crosswalk';
import { compileSplitter } from '../core/split';
import { MAX_JSON_SIZE } from '../core/formats/json';
import { readMappingFile } from '../core/formats/mapping';
import { formatErrorLine } from '../core/formats/result';
import type { SplitConfig } from '../core/types';
import type { EncodingChoice } from '../io/decode';
import { DEFAULT_LIMITS, TableReadError, type TableSummary } from '../io/table';
import { openInput, openSink, streamApply, type ApplyCounts } from './apply-stream';
import { checkCrosswalk } from './export';
import { readCodebook } from './files';
import { UsageError, type CliIo, type Command, readProblem } from './io';
import { APPLY_USAGE } from './usage';

export { APPLY_USAGE };

const OPTIONS = [
  '--mapping',
  '--input',
  '--column',
  '--split',
  '--header-row',
  '--encoding',
  '--codebook',
  '--crosswalk',
  '--out',
] as const;
const ENCODINGS: ReadonlySet<string> = new Set<EncodingChoice>(['utf-8', 'windows-1252']);
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
  if (values.has('--crosswalk') && !values.has('--codebook'))
    throw usageError('--crosswalk needs --codebook (the crosswalk is in the codebook)');
  headerRowOption(values.get('--header-row'));
  const encoding = values.get('--encoding');
  if (encoding !== undefined && !ENCODINGS.has(encoding)) {
    throw usageError(`--encoding must be utf-8 or windows-1252, not ${JSON.stringify(encoding)}`);
  }
  return values;
}

async function read(io: CliIo, path: string, maxBytes: number): Promise<Uint8Array> {
  try {
    return await io.readFile(path, maxBytes);
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

/**
 * UTF-8 but for some lines: which reading is right is the user's call, never a guess written
 * into the output (mojibake either way if it is wrong). Throws before the output is committed.
 */
function refuseMixed(path: string, table: TableSummary, encoding?: EncodingChoice): void {
  const bad = table.issues.filter((i) => i.kind === 'not-utf8');
  if (encoding !== undefined || bad.length === 0) return;
  const more = table.issues.find((i) => i.kind === 'more-issues' && i.message.includes('not-utf8'));
  const lines = bad.map((i) => i.row).join(', ') + (more ? ' and more' : '');
  throw new UsageError(
    `apply: ${path} is UTF-8 except line${bad.length > 1 ? 's' : ''} ${lines}, which ${bad.length > 1 ? 'hold' : 'holds'} bytes that are not UTF-8 (Windows-1252?); fix ${bad.length > 1 ? 'them' : 'it'}, or run again with --encoding utf-8 (read such lines as Windows-1252) or --encoding windows-1252 (the whole file)`,
  );
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

interface CodeRowsRequest {
  readonly inputPath: string;
  readonly out: string | undefined;
  readonly column: string;
  readonly encoding: EncodingChoice | undefined;
  readonly headerRow: number | undefined;
  readonly codes: ReadonlyMap<string, string>;
  readonly split: (cell: string) => readonly string[];
}

/**
 * Streams the input's rows through the coding into the output (apply-stream.ts: memory flat
 * in the number of rows). The output is committed only when every row was read and coded and
 * the file was not refused: a refusal anywhere leaves nothing written.
 */
async function codeRows(
  io: CliIo,
  req: CodeRowsRequest,
): Promise<{ table: TableSummary; counts: ApplyCounts }> {
  const { inputPath, out, column, encoding, headerRow } = req;
  // A refusal of the file's content names it; anything else is the file system's problem.
  const refusal = (e: unknown) =>
    e instanceof UsageError
      ? e
      : e instanceof TableReadError
        ? new UsageError(`apply: ${e.inFile(inputPath).message}`)
        : new UsageError(`apply: cannot read ${inputPath}: ${readProblem(e)}`);
  const input = await openInput(io, inputPath, DEFAULT_LIMITS.maxBytes).catch((e: unknown) => {
    throw refusal(e);
  });
  let sink: Awaited<ReturnType<typeof openSink>>;
  try {
    sink = await openSink(io, out);
  } catch (e) {
    await input.close();
    throw new UsageError(`apply: cannot write ${out ?? 'stdout'}: ${readProblem(e)}`);
  }
  let result: Awaited<ReturnType<typeof streamApply>>;
  try {
    result = await streamApply({
      inputPath,
      input: input.input,
      options: {
        ...(headerRow === undefined ? {} : { headerRow }),
        ...(encoding === undefined ? {} : { encoding }),
      },
      findColumn: (headers) => findColumn({ headers }, inputPath, column),
      column,
      codes: req.codes,
      split: req.split,
      sink,
    });
    refuseMixed(inputPath, result.summary, encoding);
  } catch (e) {
    await sink.abort();
    throw refusal(e);
  } finally {
    await input.close();
  }
  try {
    await sink.commit();
  } catch (e) {
    throw new UsageError(`apply: cannot write ${out ?? 'stdout'}: ${readProblem(e)}`);
  }
  return { table: result.summary, counts: result.counts };
}

/** The mapping's approved codes in the crosswalk's codebook (`--codebook`, `--crosswalk`). */
async function throughCrosswalk(
  io: CliIo,
  mapping: Mapping,
  codebookPath: string | undefined,
  crosswalk: string | undefined,
): Promise<Mapping> {
  if (codebookPath === undefined) return mapping;
  const codebook = await readCodebook(io, 'apply', codebookPath);
  checkCrosswalk({ command: 'apply', usage: APPLY_USAGE }, codebook, crosswalk, io);
  if (crosswalk === undefined) return mapping;
  const index = categoryIndex(codebook);
  const codes = new Map<string, string>();
  for (const [raw, code] of mapping.codes) {
    const target = crosswalkCode(index, code, crosswalk);
    if (target !== '') codes.set(raw, target);
  }
  return { ...mapping, codes };
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

  const mapping = await throughCrosswalk(
    io,
    readMapping(mappingPath, await read(io, mappingPath, MAX_JSON_SIZE)),
    args.get('--codebook'),
    args.get('--crosswalk'),
  );
  const headerRow = headerRowOption(args.get('--header-row'));
  const encoding = args.get('--encoding') as EncodingChoice | undefined;
  const split = compileSplitter(splitConfig(args.get('--split'), mapping));
  const { table, counts } = await codeRows(io, {
    inputPath,
    out,
    column,
    encoding,
    headerRow,
    codes: mapping.codes,
    split,
  });
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
