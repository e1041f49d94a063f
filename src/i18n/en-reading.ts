// The English of sv-reading.ts: the readers' own words (what the command line prints), so the
// English screen says what it always said.
import type { ReadingMessages } from './sv-reading';

export const enReading: ReadingMessages = {
  tblErr_empty: 'the file holds no table: no row has a value',
  tblErr_empty_zero: 'the file is empty',
  tblErr_empty_sheet: 'the sheet {sheet} is empty',
  tblErr_binary: 'the file is {what}, not text: it cannot be read as a table',
  tblBinary_zip: 'a ZIP archive (a workbook? save it as .xlsx)',
  tblBinary_office: 'an Office document (.xls, .doc or a password-protected workbook)',
  tblBinary_pdf: 'a PDF document',
  tblBinary_png: 'a PNG image',
  tblBinary_jpeg: 'a JPEG image',
  tblBinary_gzip: 'a gzip archive',
  'tblBinary_nul-characters': 'binary data (it holds NUL characters)',
  'tblBinary_nul-bytes': 'binary data (it holds NUL bytes)',
  tblBinary_controls: 'binary data (it is full of control characters)',
  tblErr_encoding: 'the encoding of the file cannot be read',
  tblErr_encoding_bom:
    'the file starts with a UTF-8 byte-order mark but is not valid UTF-8 (line {line}); save it again as "CSV UTF-8"',
  tblErr_encoding_line:
    'the file is not valid {encoding} on line {line} (byte {byte}): a character there is broken or cut short',
  'tblErr_too-large': 'the file is {sizeBytes}; the limit is {maxBytes}',
  'tblErr_too-large_split':
    'the file is {sizeBytes}; Kodbok reads files up to {maxBytes} (split it, or save only the columns you need)',
  'tblErr_too-large_workbook': 'the workbook is {sizeBytes}; the limit is {maxBytes}',
  'tblErr_too-many-rows':
    'more than {limit} data rows (row {row}); split the file or raise the limit',
  'tblErr_too-many-rows_sheet': 'the sheet {sheet} has {rows} rows; the limit is {limit} data rows',
  'tblErr_cell-too-long':
    'row {row}, column {column} holds {length} characters; the limit is {limit} (a missing closing quote, or not a table of values?)',
  'tblErr_cell-too-long_no-break':
    'row {row} is longer than {limit} characters without a line break',
  'tblErr_unterminated-quote':
    'row {row}: a quoted cell is never closed, so the rest of the file would become one cell; check the quote marks on that row',
  'tblErr_unterminated-quote_line':
    'row {row} (line {line}): a quoted cell is never closed, so the rest of the file would become one cell; check the quote marks on that row',
  'tblErr_header-row': 'row {row}, chosen as the header, is empty',
  'tblErr_header-row_missing': 'the file has no row {headerRow} to use as the header',
  tblErr_encrypted:
    'the workbook is password-protected; remove the password in Excel (File › Info › Protect Workbook) and save again',
  tblErr_corrupt:
    'the workbook is damaged or incomplete ({reason}); was the file cut short? Save it again from Excel',
  'tblCorrupt_no-directory': 'no ZIP directory',
  'tblCorrupt_no-zip64-locator': 'no ZIP64 directory locator',
  'tblCorrupt_no-zip64-directory': 'no ZIP64 directory',
  'tblCorrupt_directory-outside': 'the ZIP directory lies outside the file',
  'tblCorrupt_broken-entry': 'a broken ZIP directory entry',
  'tblCorrupt_broken-container': 'a broken Office container',
  'tblCorrupt_part-missing': 'the part {part} is not where the ZIP directory says',
  'tblCorrupt_part-past-end': 'the part {part} runs past the end of the file',
  'tblCorrupt_part-inflate': 'the part {part} cannot be inflated',
  'tblCorrupt_part-larger':
    'the part {part} inflates to more than the {declared} bytes its ZIP directory declares',
  'tblCorrupt_part-smaller':
    'the part {part} inflates to {size} bytes, not the {declared} its ZIP directory declares',
  tblCorrupt_parser: '{why}',
  'tblErr_zip-bomb':
    'the workbook would expand to {totalBytes}; the limit is {maxBytes} (save the sheet as CSV instead)',
  'tblErr_zip-bomb_parts': 'the workbook has {parts} parts; a real workbook has a few dozen',
  'tblErr_zip-bomb_ratio':
    'the workbook would expand {ratio} times ({sizeBytes} to {totalBytes}); real workbooks expand less than {maxRatio} times, so it is refused as a possible zip bomb',
  'tblErr_not-a-table': 'the file is not a workbook (.xlsx or .xls)',
  'tblErr_not-a-table_zip': 'the file is a ZIP archive but not a workbook',
  'tblErr_no-such-sheet': 'the workbook has no sheet {sheet}; its sheets are {sheets}',
  'tblErr_no-such-sheet_number':
    'the workbook has no sheet number {number}; its sheets are {sheets}',
  tblSheetsNone: 'none',
  'tblErr_old-format':
    'the file is an Excel 2.x–4.0 workbook (BIFF2–4, from before 1994), a format Kodbok does not read; open it in Excel or LibreOffice and save it as .xlsx',
  tblErr_cancelled: 'reading was cancelled',

  'tblIssue_duplicate-header':
    'The header {header} occurs {n} times (columns {columns}); it is kept as it is',
  'tblIssue_empty-header': 'Column {column} has no header',
  'tblIssue_odd-header': 'The header of column {column}, {header}, begins or ends with spaces',
  'tblIssue_ragged-row': 'Row {row} has {cells} cells but the header has {width}',
  'tblIssue_ragged-row_one': 'Row {row} has {cells} cell but the header has {width}',
  'tblIssue_malformed-quote':
    'Row {row}: a quote mark inside a quoted cell is not doubled; check how that cell was read',
  'tblIssue_malformed-quote_line':
    'Row {row} (line {line}): a quote mark inside a quoted cell is not doubled; check how that cell was read',
  'tblIssue_ambiguous-delimiter':
    'More than one delimiter splits the rows evenly; {delimiter} was used: confirm it',
  'tblIssue_skipped-rows': 'Some rows were skipped',
  'tblIssue_skipped-rows_before': '{n} rows before the header (row {headerRow}) were skipped',
  'tblIssue_skipped-rows_before_one': '{n} row before the header (row {headerRow}) was skipped',
  'tblIssue_skipped-rows_blank': '{n} empty rows were skipped',
  'tblIssue_skipped-rows_blank_one': '{n} empty row was skipped',
  'tblIssue_skipped-rows_no-municipality':
    '{n} rows have no municipality (first: row {row}); they count as {municipality}',
  'tblIssue_skipped-rows_no-municipality_one':
    '{n} row has no municipality (row {row}); it counts as {municipality}',
  'tblIssue_wrong-extension': 'The name of the file does not match its content',
  'tblIssue_wrong-extension_workbook': 'Named .{ext} but is a workbook',
  'tblIssue_wrong-extension_text': 'Named .{ext} but is delimited text',
  'tblIssue_not-utf8':
    'Line {line} holds bytes that are not UTF-8 and was read as Windows-1252: {text}; check it',
  'tblIssue_more-issues': '{n} more warnings of the kind: {of}',
  'tblIssue_more-issues_one': '{n} more warning of the kind: {of}',
  'tblIssueName_duplicate-header': 'header that occurs more than once',
  'tblIssueName_empty-header': 'column without a header',
  'tblIssueName_odd-header': 'header beginning or ending with spaces',
  'tblIssueName_ragged-row': 'row with the wrong number of cells',
  'tblIssueName_malformed-quote': 'quote mark not doubled',
  'tblIssueName_ambiguous-delimiter': 'uncertain delimiter',
  'tblIssueName_skipped-rows': 'skipped rows',
  'tblIssueName_wrong-extension': 'wrong file extension',
  'tblIssueName_not-utf8': 'line that is not UTF-8',
  'tblIssueName_more-issues': 'more warnings',

  'impProblem_ragged-row':
    'row {row} has {cells} cells but the header has {width}: its values may sit in the wrong columns; correct the file (or save it again from Excel) and import it again',
  'impProblem_ragged-row_one':
    'row {row} has {cells} cell but the header has {width}: its values may sit in the wrong columns; correct the file (or save it again from Excel) and import it again',
  'impProblem_value-too-long':
    'row {row}, column {header} holds {length} characters; a value has at most {limit} (is the column a free-text note?)',
  'impProblem_bad-count': 'row {row}: the count {count} in column {header} is not a whole number',
  'impProblem_header-changed':
    'the header is now {headers}, not the one the columns were chosen for; look at the file again',
  impProblem_mapping: 'the columns are not mapped ({problem}): choose them first',
  'impMapping_no-variable': 'no column is chosen as a variable',
  'impMapping_no-count': 'no column is chosen as the count',
  'impMapping_one-variable': 'a frequency list has exactly one variable column',
  'impMapping_column-missing': 'a chosen column is not in the file',
  'impMapping_column-twice': 'a column or variable is chosen twice',
  impProblem_timeout:
    'reading took longer than {seconds} s and was stopped (the import worker was terminated); save the sheet as CSV and import that',
  impProblem_crashed: 'the file could not be read ({why})',
  impProblem_crashed_worker:
    'the import worker stopped while reading the file ({why}); the file may be too big for this browser',
};
