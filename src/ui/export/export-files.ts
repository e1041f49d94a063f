// What the export dialog downloads, as pure functions of what the app holds: the same core
// functions and byte writers as `kodbok export` / `kodbok frequencies`, so a file from the app
// and one from the command line are the same bytes (test/ui/export-files.test.ts).

import { writeCodebookHtml } from '../../core/export/codebook-html';
import { codebookTable } from '../../core/export/codebook-table';
import { crosswalkCode, crosswalkCodebook, documentedCodebook } from '../../core/export/crosswalk';
import {
  approvedCodes,
  frequencyTable,
  observationsByYear,
  observationsOf,
} from '../../core/export/frequencies';
import { mappingTable } from '../../core/export/mapping-table';
import type { RecodeSpec, RecodedTable } from '../../core/export/recode';
import { writeQdc } from '../../core/export/qdc';
import { writeSssom } from '../../core/export/sssom';
import type { ExportTable } from '../../core/export/table';
import { writeCodebookFile } from '../../core/formats/codebook';
import { buildMappingFile, type MappingFile } from '../../core/formats/mapping';
import { categoryIndex } from '../../core/codebook';
import type { StoredCombination, StoredTally } from '../../core/import-merge';
import { sourcesTable } from '../../core/export/sources';
import type { RawValue, Suggestion, Variable } from '../../core/types';
import type { Language } from '../../i18n';
import { exportWords } from '../../i18n/export-words';
import { tableBytes, type TableFormat } from '../../io/table-export';
import { safeName } from '../download';

export const EXPORT_KINDS = [
  'mapping',
  'mapping-full',
  'sssom',
  'codebook',
  'frequencies',
  'sources',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExportFormat = TableFormat | 'sssom' | 'json' | 'qdc' | 'html';

/** The formats each kind can be written in, the first the default. */
export const FORMATS_OF: Readonly<Record<ExportKind, readonly ExportFormat[]>> = {
  mapping: ['csv-excel', 'csv', 'xlsx'],
  'mapping-full': ['csv-excel', 'csv', 'xlsx'],
  sssom: ['sssom'],
  codebook: ['html', 'qdc', 'csv-excel', 'csv', 'xlsx', 'json'],
  frequencies: ['csv-excel', 'csv', 'xlsx'],
  sources: ['csv-excel', 'csv', 'xlsx'],
};

export interface ExportSource {
  readonly variable: Variable;
  readonly values: readonly RawValue[];
  /** Top suggestions per raw value (the full mapping carries them as `suggested`). */
  readonly suggestions: ReadonlyMap<string, Suggestion>;
  /** The variable's stored cells, for frequency tables. */
  readonly cells: readonly StoredCombination[];
  /** The variable's rows per value, municipality and year, for the sources table. */
  readonly tallies?: readonly StoredTally[];
  readonly lang: Language;
  /** ISO 8601; passed in so this stays free of clocks. */
  readonly exportedAt: string;
}

export interface ExportChoice {
  readonly kind: ExportKind;
  readonly format: ExportFormat;
  readonly crosswalk?: string;
  /** Frequency tables: by municipality. */
  readonly byMunicipality?: boolean;
  /** Frequency tables: by year (rows without a year on lines of their own); wins over municipality. */
  readonly byYear?: boolean;
}

export interface ExportedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly type: string;
}

/** The mapping file the app exports as JSON: the input of every mapping table. */
export function mappingOf(source: ExportSource, full: boolean): MappingFile {
  return buildMappingFile({
    variable: source.variable.id,
    codebook: source.variable.codebook,
    split: source.variable.split,
    values: source.values,
    suggestions: source.suggestions,
    full,
    exportedAt: source.exportedAt,
  });
}

function tableFile(
  table: ExportTable,
  format: TableFormat,
  base: string,
  neutraliseCsv: boolean,
): ExportedFile {
  const { bytes, type, extension } = tableBytes(table, format, { neutraliseCsv });
  const suffix = format === 'csv-excel' ? '-excel' : '';
  return { name: `${base}${suffix}.${extension}`, bytes, type };
}

function textFile(name: string, text: string, type: string): ExportedFile {
  return { name, bytes: new TextEncoder().encode(text), type };
}

export function makeExport(source: ExportSource, choice: ExportChoice): ExportedFile {
  const { variable } = source;
  const codebook = variable.codebook;
  const words = exportWords(source.lang);
  const { crosswalk } = choice;
  const date = source.exportedAt.slice(0, 10);
  const via = crosswalk === undefined ? '' : `-${safeName(crosswalk)}`;
  const bookBase = `${safeName(codebook.id)}-codebook-${safeName(codebook.version ?? 'v')}`;
  switch (choice.kind) {
    case 'mapping':
    case 'mapping-full': {
      const full = choice.kind === 'mapping-full';
      const table = mappingTable(mappingOf(source, full), codebook, { words, crosswalk });
      const base = `${safeName(variable.id)}-mapping-${full ? 'full' : 'approved'}${via}-${date}`;
      return tableFile(table, choice.format as TableFormat, base, true);
    }
    case 'sssom':
      return textFile(
        `${safeName(variable.id)}-mapping${via}-${date}.sssom.tsv`,
        writeSssom(mappingOf(source, true), codebook, { crosswalk }),
        'text/tab-separated-values;charset=utf-8',
      );
    case 'frequencies': {
      const byYear = choice.byYear === true;
      const by = !byYear && choice.byMunicipality === true;
      const observations = byYear
        ? observationsByYear(source.cells)
        : observationsOf(source.cells, by);
      const table = frequencyTable(observations, {
        codebook,
        codes: approvedCodes(source.values),
        byName: byYear ? 'year' : by ? 'municipality' : undefined,
        crosswalk,
        uncodedLabel: words.uncoded,
      });
      const split = byYear ? '-by-year' : by ? '-by-municipality' : '';
      const base = `${safeName(variable.id)}-frequencies${split}${via}-${date}`;
      return tableFile(table, choice.format as TableFormat, base, false);
    }
    case 'sources': {
      const table = sourcesTable(source.values, source.tallies ?? [], codebook, {
        words,
        crosswalk,
      });
      const base = `${safeName(variable.id)}-sources${via}-${date}`;
      return tableFile(table, choice.format as TableFormat, base, true);
    }
    case 'codebook': {
      // Through a crosswalk the documents are the other codebook as seen from this one.
      const html = choice.format === 'html';
      const { codebook: book, stats } = documentedCodebook(
        codebook,
        crosswalk,
        html ? mappingOf(source, false) : undefined,
      );
      if (choice.format === 'json')
        return textFile(`${bookBase}${via}.json`, writeCodebookFile(book), 'application/json');
      if (choice.format === 'qdc')
        return textFile(`${bookBase}${via}.qdc`, writeQdc(book, words), 'application/xml');
      if (html)
        return textFile(
          `${bookBase}${via}.html`,
          writeCodebookHtml(book, words, stats),
          'text/html;charset=utf-8',
        );
      return tableFile(
        codebookTable(codebook, { crosswalk }),
        choice.format as TableFormat,
        `${bookBase}${via}`,
        true,
      );
    }
  }
}

export interface RecodeChoice {
  /** The header of the column holding the variable's raw cells. */
  readonly column: string;
  readonly format: TableFormat;
  readonly long: boolean;
  readonly labels: boolean;
  readonly crosswalk?: string;
}

/** What recoding a source file takes: approved codes (through a crosswalk), labels, split. */
export function recodeSpecOf(
  source: Pick<ExportSource, 'variable' | 'values'>,
  choice: RecodeChoice,
): RecodeSpec {
  const { codebook } = source.variable;
  const index = categoryIndex(codebook);
  const codes = new Map<string, string>();
  for (const [raw, code] of approvedCodes(source.values)) {
    const target = crosswalkCode(index, code, choice.crosswalk);
    if (target !== '') codes.set(raw, target);
  }
  // Through a crosswalk, the labels of the other codebook as seen from this one.
  const labelled =
    choice.crosswalk === undefined
      ? codebook
      : crosswalkCodebook(codebook, choice.crosswalk).codebook;
  const labels = choice.labels
    ? new Map(labelled.categories.map((c) => [c.code, c.label]))
    : undefined;
  return {
    column: choice.column,
    codes,
    split: source.variable.split,
    labels,
    long: choice.long,
  };
}

/**
 * A recoded source file (read and recoded in the import worker with `recodeSpecOf`'s spec) as
 * a download. Plain CSV without labels, long format or crosswalk is byte for byte
 * `kodbok apply`'s output; the Excel variants neutralise formulas.
 */
export function recodedFile(
  sourceName: string,
  recoded: RecodedTable,
  choice: RecodeChoice,
): ExportedFile {
  const table: ExportTable = { sheet: 'data', headers: recoded.headers, rows: recoded.rows };
  const stem = sourceName.replace(/\.[^.]*$/, '');
  const via = choice.crosswalk === undefined ? '' : `-${safeName(choice.crosswalk)}`;
  const base = `${safeName(stem)}-recoded${via}${choice.long ? '-long' : ''}`;
  return tableFile(table, choice.format, base, false);
}
