// The demo data as one workbook with a municipality column, written by SheetJS as Excel would
// save it (Node and the browser alike): for the XLSX benchmark and the worker's time cap.
import * as XLSX from '@e965/xlsx';
import type { DemoData } from '../../src/core/demo/generate';
import { DEMO_HEADERS } from './demo-csv';

export function demoXlsx(data: DemoData): Uint8Array<ArrayBuffer> {
  const rows: (string | number)[][] = [['kommun', ...DEMO_HEADERS]];
  for (let i = 0; i < data.rows; i++) {
    rows.push([
      data.municipalities[data.municipality[i] as number] as string,
      data.sex[i] as string,
      data.age[i] as number,
      data.type[i] as string,
      data.reason[i] as string,
      data.action[i] as string,
    ]);
  }
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Aktualiseringar');
  const out = XLSX.write(book, {
    type: 'array',
    bookType: 'xlsx',
    compression: true,
  }) as ArrayBuffer;
  return new Uint8Array(out);
}
