// `kodbok frequencies`: a frequency table of a coded column of one or more data files, from an
// approved mapping: rows per category, optionally by another column (municipality, …) or by the
// year of a year or date column (`--by-year`), counts and shares. Rows without an approved code are counted under an empty `code`.
// The table is the app's (src/core/export/frequencies.ts); the files are read as `apply` reads
// them, and the cells split as `apply` splits them.

import { frequencyTable, type Observation } from '../core/export/frequencies';
import { compileSplitter } from '../core/split';
import { readYear } from '../core/year';
import { checkMappingAgainstCodebook, type MappingFile } from '../core/formats/mapping';
import type { Codebook, SplitConfig } from '../core/types';
import { LANGUAGES, type Language } from '../i18n';
import { exportWords } from '../i18n/export-words';
import { TABLE_FORMATS, tableToCsv, tablesToXlsx, type TableFormat } from '../io/table-export';
import type { Table } from '../io/table';
import { checkCrosswalk } from './export';
import { readCodebook, readMapping, readTable, writeOutput } from './files';
import type { Command } from './io';
import { choice, commandError, option, parseOptions, type OptionSpec } from './options';
import { FREQUENCIES_USAGE, FREQUENCIES_SUMMARY } from './usage';

const SPEC: OptionSpec = {
  command: 'frequencies',
  usage: FREQUENCIES_USAGE,
  names: [
    '--mapping',
    '--input',
    '--column',
    '--by',
    '--by-mapping',
    '--by-year',
    '--split',
    '--codebook',
    '--crosswalk',
    '--format',
    '--lang',
    '--out',
  ],
  many: ['--input'],
  empty: ['--split'],
};

/** A cell as its approved codes, split by the mapping's own `split`, joined by `|` (as `apply`). */
function codedCell(mapping: MappingFile): (cell: string) => string {
  const split = compileSplitter({
    separators: mapping.split?.separators ?? [],
    protect: mapping.split?.protect ?? [],
  });
  const codes = approvedCodes(mapping);
  return (cell) => {
    const found: string[] = [];
    for (const atom of split(cell)) {
      const code = codes.get(atom);
      if (code !== undefined && !found.includes(code)) found.push(code);
    }
    return found.join('|');
  };
}

/** Approved code by raw value (a Map: raw values can be `__proto__`). */
function approvedCodes(mapping: MappingFile): Map<string, string> {
  const codes = new Map<string, string>();
  for (const e of mapping.entries) if (e.status === 'approved') codes.set(e.raw, e.code);
  return codes;
}

function columnIndex(table: Table, path: string, name: string): number {
  const at = table.headers.flatMap((h, i) => (h === name ? [i] : []));
  if (at.length === 0) {
    throw commandError(
      SPEC,
      `${path} has no column ${JSON.stringify(name)}; its columns are ${table.headers.map((h) => JSON.stringify(h)).join(', ')}`,
    );
  }
  if (at.length > 1) {
    throw commandError(
      SPEC,
      `${path} has ${at.length} columns named ${JSON.stringify(name)}; rename one`,
    );
  }
  return at[0] as number;
}

export const frequencies: Command = async (argv, io) => {
  const args = parseOptions(argv, SPEC);
  const mappingPath = option(args, '--mapping');
  const inputs = args.get('--input') ?? [];
  const column = option(args, '--column');
  const byColumn = option(args, '--by');
  const byYear = option(args, '--by-year');
  const by = byColumn ?? byYear;
  const byMappingPath = option(args, '--by-mapping');
  const codebookPath = option(args, '--codebook');
  const crosswalk = option(args, '--crosswalk');
  const format = choice<TableFormat>(
    SPEC,
    '--format',
    option(args, '--format'),
    TABLE_FORMATS,
    'csv',
  );
  const lang = choice<Language>(SPEC, '--lang', option(args, '--lang'), LANGUAGES, 'sv');
  const out = option(args, '--out');
  if (mappingPath === undefined) throw commandError(SPEC, '--mapping is missing');
  if (inputs.length === 0) throw commandError(SPEC, '--input is missing');
  if (column === undefined) throw commandError(SPEC, '--column is missing');
  if (byColumn !== undefined && byYear !== undefined)
    throw commandError(SPEC, '--by and --by-year cannot both be given; choose one breakdown');
  if (byMappingPath !== undefined && byColumn === undefined)
    throw commandError(SPEC, '--by-mapping needs --by (the column it codes)');
  if (crosswalk !== undefined && codebookPath === undefined)
    throw commandError(SPEC, '--crosswalk needs --codebook (the crosswalk is in the codebook)');
  if (format === 'xlsx' && out === undefined)
    throw commandError(SPEC, 'an XLSX file cannot go to the terminal; name it with --out FILE');

  const mapping = await readMapping(io, 'frequencies', mappingPath);
  // A second coded variable (e.g. kön): its cells are counted by their approved codes.
  const byMapping =
    byMappingPath === undefined ? undefined : await readMapping(io, 'frequencies', byMappingPath);
  const byValue = byMapping === undefined ? (cell: string) => cell : codedCell(byMapping);
  const codebook: Codebook =
    codebookPath === undefined
      ? { id: mapping.codebook.id, variable: mapping.variable, categories: [] }
      : await readCodebook(io, 'frequencies', codebookPath);
  checkCrosswalk(SPEC, codebook, crosswalk, io);
  if (codebookPath !== undefined) {
    for (const w of checkMappingAgainstCodebook(mapping, codebook).warnings)
      io.stderr(`kodbok frequencies: warning: ${w}\n`);
  }
  const splitOption = option(args, '--split');
  const protect = mapping.split?.protect ?? [];
  const split: SplitConfig =
    splitOption === undefined
      ? { separators: mapping.split?.separators ?? [], protect }
      : { separators: splitOption.split(' ').filter((s) => s !== ''), protect };
  const splitter = compileSplitter(split);

  // Every file is read and checked before anything is counted or written.
  const tables: { table: Table; path: string; at: number; byAt: number | null }[] = [];
  for (const path of inputs) {
    const table = await readTable(io, 'frequencies', path);
    const at = columnIndex(table, path, column);
    // As `apply`: a row with more non-empty cells than the header is misaligned; never guess.
    table.rows.forEach((row, r) => {
      if (
        row.length > table.headers.length &&
        row.slice(table.headers.length).some((c) => c !== '')
      )
        throw commandError(
          SPEC,
          `${path}: row ${table.rowNumbers[r]} has ${row.length} cells but the header has ${table.headers.length}; fix the row first`,
        );
    });
    tables.push({ table, path, at, byAt: by === undefined ? null : columnIndex(table, path, by) });
  }
  const codes = approvedCodes(mapping);
  // `--by-year`: the year a cell names (a year or a date in any form the readers write); a cell
  // naming none is counted under an empty year, and its rows are named on stderr.
  const yearless: string[] = [];
  const yearOf = (cell: string, path: string, rowNumber: number | undefined): string => {
    const year = readYear(cell);
    if (year === null) yearless.push(`${path}:${rowNumber ?? '?'}`);
    return year === null ? '' : String(year);
  };

  function* observations(): Generator<Observation> {
    for (const { table, path, at, byAt } of tables) {
      for (const [r, row] of table.rows.entries()) {
        const cell = byAt === null ? '' : (row[byAt] ?? '');
        yield {
          by:
            byAt === null
              ? null
              : byYear !== undefined
                ? yearOf(cell, path, table.rowNumbers[r])
                : byValue(cell),
          atoms: splitter(row[at] ?? ''),
          rows: 1,
        };
      }
    }
  }
  const table = frequencyTable(observations(), {
    codebook,
    codes,
    byName:
      byYear !== undefined
        ? `${byYear}_year`
        : by === undefined || byMapping === undefined
          ? by
          : `${by}_code`,
    crosswalk,
    uncodedLabel: exportWords(lang).uncoded,
  });
  // For programs (R, pandas): values exact in plain CSV, neutralised in the Excel variants.
  const data =
    format === 'xlsx' ? tablesToXlsx([table]) : tableToCsv(table, format, { neutraliseCsv: false });
  if (yearless.length > 0) {
    const shown = yearless.slice(0, 5).join(', ');
    const more = yearless.length > 5 ? ` and ${yearless.length - 5} more` : '';
    io.stderr(
      `kodbok frequencies: warning: ${yearless.length} row(s) name no year in column ${JSON.stringify(byYear)} (${shown}${more}); counted under an empty year\n`,
    );
  }
  await writeOutput(io, 'frequencies', out, data);
  const rows = tables.reduce((sum, t) => sum + t.table.rows.length, 0);
  io.stderr(`kodbok frequencies: ${rows} rows of ${inputs.length} file(s) counted\n`);
  return 0;
};

export { FREQUENCIES_USAGE, FREQUENCIES_SUMMARY };
