// `kodbok export`: the mapping or the codebook as files people and other programs open at once
// (docs/formats.md). The same core functions as the app's export dialog, so the same bytes.
//
//   kodbok export --mapping M.json --codebook C.json --format csv|csv-excel|xlsx|sssom
//   kodbok export --codebook C.json --format qdc|csv|csv-excel|xlsx|html|json [--mapping M.json]
//
// With --mapping and a table format (or sssom) the mapping is exported; qdc, html and json are
// always the codebook (html takes its examples and counts from --mapping's approved entries).
// --crosswalk ID: every format in the other codebook's codes; qdc, html and json are then the
// other codebook as seen from this one (crosswalkCodebook).

import { writeCodebookHtml } from '../core/export/codebook-html';
import { codebookTable } from '../core/export/codebook-table';
import {
  crosswalkTargets,
  documentedCodebook,
  missingCrosswalk,
  someCodes,
} from '../core/export/crosswalk';
import { mappingTable } from '../core/export/mapping-table';
import { writeQdc } from '../core/export/qdc';
import { writeSssom } from '../core/export/sssom';
import type { ExportTable } from '../core/export/table';
import { writeCodebookFile } from '../core/formats/codebook';
import { checkMappingAgainstCodebook } from '../core/formats/mapping';
import type { Codebook } from '../core/types';
import { LANGUAGES, type Language } from '../i18n';
import { exportWords } from '../i18n/export-words';
import { tableToCsv, tablesToXlsx, type TableFormat } from '../io/table-export';
import type { Command, CliIo } from './io';
import { readCodebook, readMapping, writeOutput } from './files';
import { choice, commandError, option, parseOptions, type OptionSpec } from './options';
import { EXPORT_USAGE, EXPORT_SUMMARY } from './usage';

const FORMATS = ['csv', 'csv-excel', 'xlsx', 'sssom', 'qdc', 'html', 'json'] as const;
type Format = (typeof FORMATS)[number];
const MAPPING_FORMATS: readonly Format[] = ['csv', 'csv-excel', 'xlsx', 'sssom'];
const CODEBOOK_ONLY: readonly Format[] = ['qdc', 'html', 'json'];

const SPEC: OptionSpec = {
  command: 'export',
  usage: EXPORT_USAGE,
  names: ['--mapping', '--codebook', '--format', '--lang', '--crosswalk', '--license', '--out'],
};

/** The crosswalk's codebook id, refused when no category has a crosswalk to it. */
export function checkCrosswalk(
  spec: Pick<OptionSpec, 'command' | 'usage'>,
  codebook: Codebook,
  crosswalk: string | undefined,
  io: CliIo,
  /** What happens to the values of a category without a code there. */
  consequence = 'values so coded get an empty code',
): void {
  if (crosswalk === undefined) return;
  const targets = crosswalkTargets(codebook);
  if (!targets.includes(crosswalk)) {
    throw commandError(
      spec,
      `codebook "${codebook.id}" has no crosswalk to "${crosswalk}"${
        targets.length > 0
          ? `; it has crosswalks to ${targets.join(', ')}`
          : '; none of its categories has a crosswalk'
      }`,
    );
  }
  const missing = missingCrosswalk(codebook, crosswalk);
  if (missing.length > 0) {
    io.stderr(
      `kodbok ${spec.command}: warning: ${missing.length} ${missing.length === 1 ? 'category has' : 'categories have'} no code in "${crosswalk}" (${someCodes(missing)}); ${consequence}\n`,
    );
  }
}

export const exportCommand: Command = async (argv, io) => {
  const args = parseOptions(argv, SPEC);
  const format = choice(SPEC, '--format', option(args, '--format'), FORMATS);
  const lang = choice<Language>(SPEC, '--lang', option(args, '--lang'), LANGUAGES, 'sv');
  const codebookPath = option(args, '--codebook');
  const mappingPath = option(args, '--mapping');
  const crosswalk = option(args, '--crosswalk');
  const license = option(args, '--license');
  const out = option(args, '--out');
  if (codebookPath === undefined) throw commandError(SPEC, '--codebook is missing');
  const exportsMapping = mappingPath !== undefined && !CODEBOOK_ONLY.includes(format);
  if (format === 'sssom' && mappingPath === undefined)
    throw commandError(SPEC, 'sssom is a mapping format: give --mapping too');
  if (license !== undefined && format !== 'sssom')
    throw commandError(SPEC, '--license is for --format sssom');
  if (format === 'xlsx' && out === undefined)
    throw commandError(SPEC, 'an XLSX file cannot go to the terminal; name it with --out FILE');

  const codebook = await readCodebook(io, 'export', codebookPath);
  const mapping =
    mappingPath === undefined ? undefined : await readMapping(io, 'export', mappingPath);
  const document = !exportsMapping && CODEBOOK_ONLY.includes(format);
  checkCrosswalk(
    SPEC,
    codebook,
    crosswalk,
    io,
    document
      ? 'left out of the file'
      : format === 'sssom'
        ? 'entries so coded are left out'
        : undefined,
  );
  const words = exportWords(lang);

  let data: string | Uint8Array;
  if (exportsMapping && mapping !== undefined) {
    const check = checkMappingAgainstCodebook(mapping, codebook);
    for (const w of check.warnings) io.stderr(`kodbok export: warning: ${w}\n`);
    if (check.errors.length > 0) {
      io.stderr(
        `kodbok export: warning: ${check.errors.length} entries have a code that is not a category of "${codebook.id}" (first: ${check.errors[0]?.message}); their label and group are empty\n`,
      );
    }
    if (format === 'sssom') {
      data = writeSssom(mapping, codebook, { license, crosswalk });
    } else {
      const table = mappingTable(mapping, codebook, { words, crosswalk });
      data = bytesOf(table, format as TableFormat);
    }
  } else if (document) {
    // Through a crosswalk: the other codebook as seen from this one.
    const book = documentedCodebook(codebook, crosswalk, format === 'html' ? mapping : undefined);
    data =
      format === 'qdc'
        ? writeQdc(book.codebook, words)
        : format === 'html'
          ? writeCodebookHtml(book.codebook, words, book.stats)
          : writeCodebookFile(book.codebook);
  } else if (MAPPING_FORMATS.includes(format)) {
    data = bytesOf(codebookTable(codebook, { crosswalk }), format as TableFormat);
  } else {
    throw commandError(SPEC, `--format ${format} is not a codebook format`);
  }
  await writeOutput(io, 'export', out, data);
  return 0;
};

/** CSV as text (stdout takes text), XLSX as bytes. Mapping and codebook tables are for people: formulas neutralised. */
function bytesOf(table: ExportTable, format: TableFormat): string | Uint8Array {
  return format === 'xlsx'
    ? tablesToXlsx([table])
    : tableToCsv(table, format, { neutraliseCsv: true });
}

export { EXPORT_USAGE, EXPORT_SUMMARY };
