// ExportTable → bytes: CSV in two variants and XLSX. The app's downloads and `kodbok export`
// / `kodbok frequencies` call these, so both give the same bytes for the same table.
//
// - `csv`: UTF-8 without BOM, `,`, numbers with a decimal point: for R, Stata, SPSS, Python
//   and LibreOffice.
// - `csv-excel`: UTF-8 with BOM (Excel reads å ä ö right only with it), `;` and a decimal
//   comma, as Swedish Excel reads them; formula triggers always neutralised.
// - `xlsx`: one sheet, text as text cells (a text cell is never a formula, so `=1+1` stays
//   text without a leading `'`), counts and shares as numbers.
// Whether plain CSV neutralises formulas is the caller's choice (RELIABILITY.md rule 7): files
// for people do, the recoded data (equal to `kodbok apply`, for programs) does not.

import * as XLSX from '@e965/xlsx';
import type { ExportCell, ExportTable } from '../core/export/table';
import { writeCsv } from './csv-export';

export const TABLE_FORMATS = ['csv', 'csv-excel', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export interface TableBytesOptions {
  /** Neutralise formula triggers in the plain `csv` variant too. `csv-excel` always does. */
  readonly neutraliseCsv: boolean;
}

/** A number as text: integers as they are, others with at most 6 decimals, `.` or `,`. */
function numberText(n: number, decimalComma: boolean): string {
  const text = Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6)));
  return decimalComma ? text.replace('.', ',') : text;
}

function cellText(cell: ExportCell, decimalComma: boolean): string {
  return typeof cell === 'number' ? numberText(cell, decimalComma) : cell;
}

export function tableToCsv(
  table: ExportTable,
  variant: 'csv' | 'csv-excel',
  options: TableBytesOptions,
): string {
  const excel = variant === 'csv-excel';
  const rows = table.rows.map((row) => row.map((cell) => cellText(cell, excel)));
  return writeCsv(table.headers, rows, {
    delimiter: excel ? ';' : ',',
    bom: excel,
    neutraliseFormulas: excel || options.neutraliseCsv,
  });
}

// Excel refuses sheet names over 31 characters or with any of these.
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'Sheet1';
}

/** One workbook with one sheet per table (a frequency table by two variables has two). */
export function tablesToXlsx(tables: readonly ExportTable[]): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const table of tables) {
    const aoa: ExportCell[][] = [[...table.headers], ...table.rows.map((r) => [...r])];
    // aoa_to_sheet types strings as text cells ('s') and numbers as numbers; it never makes a
    // formula from a string.
    const sheet = XLSX.utils.aoa_to_sheet(aoa);
    XLSX.utils.book_append_sheet(book, sheet, sheetName(table.sheet));
  }
  const out: ArrayBuffer = XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true });
  return new Uint8Array(out);
}

/** The file's bytes (CSV as UTF-8) and its media type. */
export function tableBytes(
  table: ExportTable,
  format: TableFormat,
  options: TableBytesOptions,
): { bytes: Uint8Array; type: string; extension: string } {
  if (format === 'xlsx') {
    return {
      bytes: tablesToXlsx([table]),
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
    };
  }
  return {
    bytes: new TextEncoder().encode(tableToCsv(table, format, options)),
    type: 'text/csv;charset=utf-8',
    extension: 'csv',
  };
}
