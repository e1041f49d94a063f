// The shape every tabular export shares before it becomes bytes (src/io/table-export.ts
// writes CSV or XLSX from it). Pure data: the same table gives the same bytes in the app and
// on the command line.

/** A cell: text, or a number that a spreadsheet should see as a number (counts, shares). */
export type ExportCell = string | number;

export interface ExportTable {
  /** The XLSX sheet's name (at most 31 characters, no `[]:*?/\`). */
  readonly sheet: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly ExportCell[])[];
}
