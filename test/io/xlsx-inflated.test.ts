// Workbooks read from parts inflated natively while their sizes are checked (zip-check.ts
// inflateWorkbook, the import worker's path), and previews cut after their first rows: exactly
// what SheetJS reads from the file's own bytes (issue 14: the XLSX read at national scale).
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import type { ReadOptions } from '../../src/io/table';
import { readSheet } from '../../src/io/xlsx';
import { inflateWorkbook } from '../../src/io/zip-check';
import {
  rewriteZip,
  xlsxAstralRefs,
  xlsxDatesAndErrors,
  xlsxRelocated,
} from '../support/faithful-workbooks';
import { fixture } from '../support/io-fixtures';

/** A deflated workbook as Excel saves one: a title row, the header in row 2, then `n` rows. */
function bigWorkbook(n: number): Uint8Array {
  const rows: (string | number)[][] = [['Aktualiseringar 2024'], ['kommun', 'ålder', 'orsak']];
  for (let i = 0; i < n; i++) rows.push([`Kommun ${i % 7}`, i % 90, `Orsak ${i} – BoU; våld`]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Blad1');
  return new Uint8Array(
    XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer,
  );
}

/** The same workbook with its sheet's elements in a prefixed namespace (`<x:row>`). */
function prefixedSheet(bytes: Uint8Array): Uint8Array {
  return rewriteZip(bytes, (path, content) => {
    if (!/worksheets\/sheet1\.xml$/.test(path)) return [path, content];
    const xml = new TextDecoder()
      .decode(content)
      .replace(/<(\/?)(?!\?)(\w+)([ >/])/g, '<$1x:$2$3')
      .replace('xmlns=', 'xmlns:x=');
    return [path, new TextEncoder().encode(xml)];
  });
}

async function bothWays(bytes: Uint8Array, options: ReadOptions = {}) {
  const inflated = await inflateWorkbook(bytes);
  expect(inflated).not.toBeNull();
  return { own: readSheet(bytes, options), inflated: readSheet(bytes, options, inflated!) };
}

const WORKBOOKS: [string, () => Uint8Array][] = [
  ['LibreOffice’s .xlsx', () => fixture('libreoffice.xlsx')],
  ['characters above U+FFFF as references', xlsxAstralRefs],
  ['dates and error cells', xlsxDatesAndErrors],
  ['parts not under xl/', xlsxRelocated],
  ['3 000 deflated rows under a title row', () => bigWorkbook(3000)],
  ['a sheet in a prefixed namespace', () => prefixedSheet(bigWorkbook(3000))],
];

describe('a workbook read from its natively inflated parts', () => {
  it.each(WORKBOOKS)('%s: the same table, whole and as a preview', async (_, make) => {
    const bytes = make();
    const whole = await bothWays(bytes);
    expect(whole.inflated).toEqual(whole.own);
    const preview = await bothWays(bytes, { previewRows: 20 });
    expect(preview.inflated).toEqual(preview.own);
  });

  it('a preview cut after its first rows: the header row chosen, more rows said to follow', async () => {
    const bytes = bigWorkbook(3000);
    const { own, inflated } = await bothWays(bytes, { previewRows: 20, headerRow: 2 });
    expect(inflated).toEqual(own);
    expect(inflated.headers).toEqual(['kommun', 'ålder', 'orsak']);
    expect(inflated.rows[0]).toEqual(['Kommun 0', '0', 'Orsak 0 – BoU; våld']);
    expect(inflated.rows).toHaveLength(20);
    expect(inflated.truncated).toBe(true);
    // The prefixed sheet is cut and closed in its own namespace.
    const prefixed = await bothWays(prefixedSheet(bytes), { previewRows: 20, headerRow: 2 });
    expect(prefixed.inflated.rows).toEqual(inflated.rows);
    expect(prefixed.inflated.truncated).toBe(true);
  });

  it('the second sheet, picked by name', async () => {
    const { own, inflated } = await bothWays(fixture('libreoffice.xlsx'), { sheet: 'Blad2' });
    expect(inflated.rows).toEqual([['Utredning inleds ej']]);
    expect(inflated).toEqual(own);
  });

  it('a file that is not a zip has nothing to inflate', async () => {
    expect(await inflateWorkbook(fixture('libreoffice.xls'))).toBeNull();
  });
});
