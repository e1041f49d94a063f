// Why a file is refused or what is odd about it, when it is read for an import: one template per
// kind (src/io/table-kinds.ts, src/workers/import-problem.ts) and `_variant`, filled from the
// message's parameters by src/ui/import/describe-problem.ts. Every key here must exist in
// en-reading.ts (typechecked). Refusals follow `file: `, so they begin in lower case.
export const svReading = {
  // Refusals by the readers (TableErrorKind).
  tblErr_empty: 'filen innehåller ingen tabell: ingen rad har något värde',
  tblErr_empty_zero: 'filen är tom',
  tblErr_empty_sheet: 'bladet {sheet} är tomt',
  tblErr_binary: 'filen är {what}, inte text: den kan inte läsas som en tabell',
  tblBinary_zip: 'ett ZIP-arkiv (en arbetsbok? spara den som .xlsx)',
  tblBinary_office: 'ett Office-dokument (.xls, .doc eller en lösenordsskyddad arbetsbok)',
  tblBinary_pdf: 'ett PDF-dokument',
  tblBinary_png: 'en PNG-bild',
  tblBinary_jpeg: 'en JPEG-bild',
  tblBinary_gzip: 'ett gzip-arkiv',
  'tblBinary_nul-characters': 'binärdata (den innehåller NUL-tecken)',
  'tblBinary_nul-bytes': 'binärdata (den innehåller NUL-byte)',
  tblBinary_controls: 'binärdata (den är full av styrtecken)',
  tblErr_encoding: 'filens teckenkodning går inte att läsa',
  tblErr_encoding_bom:
    'filen börjar med en UTF-8-markering (BOM) men är inte giltig UTF-8 (textrad {line}); spara den igen som ”CSV UTF-8”',
  tblErr_encoding_line:
    'filen är inte giltig {encoding} på textrad {line} (byte {byte}): ett tecken där är trasigt eller avkortat',
  'tblErr_too-large': 'filen är {sizeBytes}; största tillåtna är {maxBytes}',
  'tblErr_too-large_split':
    'filen är {sizeBytes}; största tillåtna är {maxBytes} (dela upp den, eller spara bara de kolumner du behöver)',
  'tblErr_too-large_workbook': 'arbetsboken är {sizeBytes}; största tillåtna är {maxBytes}',
  'tblErr_too-many-rows': 'fler än {limit} datarader (rad {row}); dela upp filen eller höj gränsen',
  'tblErr_too-many-rows_sheet':
    'bladet {sheet} har {rows} rader; största tillåtna är {limit} datarader',
  'tblErr_cell-too-long':
    'rad {row}, kolumn {column} innehåller {length} tecken; största tillåtna är {limit} (saknas ett avslutande citattecken, eller är det inte en tabell med värden?)',
  'tblErr_cell-too-long_no-break': 'rad {row} är längre än {limit} tecken utan radbrytning',
  'tblErr_unterminated-quote':
    'rad {row}: en cell inom citattecken avslutas aldrig, så resten av filen skulle bli en enda cell; kontrollera citattecknen på den raden',
  'tblErr_unterminated-quote_line':
    'rad {row} (textrad {line}): en cell inom citattecken avslutas aldrig, så resten av filen skulle bli en enda cell; kontrollera citattecknen på den raden',
  'tblErr_header-row': 'rad {row}, som är vald som rubrikrad, är tom',
  'tblErr_header-row_missing': 'filen har ingen rad {headerRow} att använda som rubrikrad',
  tblErr_encrypted:
    'arbetsboken är lösenordsskyddad; ta bort lösenordet i Excel (Arkiv › Info › Skydda arbetsbok) och spara igen',
  tblErr_corrupt:
    'arbetsboken är skadad eller ofullständig ({reason}); är filen avklippt? Spara den igen från Excel',
  'tblCorrupt_no-directory': 'ZIP-katalogen saknas',
  'tblCorrupt_no-zip64-locator': 'ZIP64-katalogens hänvisning saknas',
  'tblCorrupt_no-zip64-directory': 'ZIP64-katalogen saknas',
  'tblCorrupt_directory-outside': 'ZIP-katalogen ligger utanför filen',
  'tblCorrupt_broken-entry': 'en trasig post i ZIP-katalogen',
  'tblCorrupt_broken-container': 'en trasig Office-behållare',
  'tblCorrupt_part-missing': 'delen {part} ligger inte där ZIP-katalogen anger',
  'tblCorrupt_part-past-end': 'delen {part} fortsätter förbi filens slut',
  'tblCorrupt_part-inflate': 'delen {part} går inte att packa upp',
  'tblCorrupt_part-larger':
    'delen {part} packas upp till mer än de {declared} byte som ZIP-katalogen anger',
  'tblCorrupt_part-smaller':
    'delen {part} packas upp till {size} byte, inte de {declared} som ZIP-katalogen anger',
  // The words of the program that parses workbooks (SheetJS): quoted as they are.
  tblCorrupt_parser: 'läsaren svarade: {why}',
  'tblErr_zip-bomb':
    'arbetsboken skulle packas upp till {totalBytes}; största tillåtna är {maxBytes} (spara bladet som CSV i stället)',
  'tblErr_zip-bomb_parts': 'arbetsboken har {parts} delar; en riktig arbetsbok har några dussin',
  'tblErr_zip-bomb_ratio':
    'arbetsboken skulle bli {ratio} gånger större när den packas upp ({sizeBytes} till {totalBytes}); riktiga arbetsböcker blir mindre än {maxRatio} gånger större, så den avvisas som en möjlig zip-bomb',
  'tblErr_not-a-table': 'filen är ingen arbetsbok (.xlsx eller .xls)',
  'tblErr_not-a-table_zip': 'filen är ett ZIP-arkiv men ingen arbetsbok',
  'tblErr_no-such-sheet': 'arbetsboken har inget blad {sheet}; dess blad är {sheets}',
  'tblErr_no-such-sheet_number':
    'arbetsboken har inget blad nummer {number}; dess blad är {sheets}',
  tblSheetsNone: 'inga',
  'tblErr_old-format':
    'filen är en arbetsbok från Excel 2.x–4.0 (BIFF2–4, från före 1994), ett format som Kodbok inte läser; öppna den i Excel eller LibreOffice och spara den som .xlsx',
  tblErr_cancelled: 'läsningen avbröts',

  // Warnings (TableIssueKind): a sentence of their own under the file's name.
  'tblIssue_duplicate-header':
    'Rubriken {header} förekommer {n} gånger (kolumnerna {columns}); den behålls som den är',
  'tblIssue_empty-header': 'Kolumn {column} har ingen rubrik',
  'tblIssue_odd-header': 'Rubriken i kolumn {column}, {header}, börjar eller slutar med mellanslag',
  'tblIssue_ragged-row': 'Rad {row} har {cells} celler men rubrikraden har {width}',
  'tblIssue_ragged-row_one': 'Rad {row} har {cells} cell men rubrikraden har {width}',
  'tblIssue_malformed-quote':
    'Rad {row}: ett citattecken inuti en cell inom citattecken är inte dubblerat; kontrollera hur cellen lästes',
  'tblIssue_malformed-quote_line':
    'Rad {row} (textrad {line}): ett citattecken inuti en cell inom citattecken är inte dubblerat; kontrollera hur cellen lästes',
  'tblIssue_ambiguous-delimiter':
    'Flera avgränsare delar raderna jämnt; {delimiter} användes: bekräfta den',
  'tblIssue_skipped-rows': 'Några rader hoppades över',
  'tblIssue_skipped-rows_before': '{n} rader före rubrikraden (rad {headerRow}) hoppades över',
  'tblIssue_skipped-rows_before_one': '{n} rad före rubrikraden (rad {headerRow}) hoppades över',
  'tblIssue_skipped-rows_blank': '{n} tomma rader hoppades över',
  'tblIssue_skipped-rows_blank_one': '{n} tom rad hoppades över',
  'tblIssue_skipped-rows_no-municipality':
    '{n} rader saknar kommun (första: rad {row}); de räknas till {municipality}',
  'tblIssue_skipped-rows_no-municipality_one':
    '{n} rad saknar kommun (rad {row}); den räknas till {municipality}',
  'tblIssue_wrong-extension': 'Filens namn stämmer inte med innehållet',
  'tblIssue_wrong-extension_workbook': 'Filen har ändelsen .{ext} men är en arbetsbok',
  'tblIssue_wrong-extension_text': 'Filen har ändelsen .{ext} men är avgränsad text',
  'tblIssue_not-utf8':
    'Textrad {line} innehåller byte som inte är UTF-8 och lästes som Windows-1252: {text}; kontrollera den',
  'tblIssue_more-issues': '{n} varningar till av slaget: {of}',
  'tblIssue_more-issues_one': '{n} varning till av slaget: {of}',
  'tblIssueName_duplicate-header': 'rubrik som förekommer flera gånger',
  'tblIssueName_empty-header': 'kolumn utan rubrik',
  'tblIssueName_odd-header': 'rubrik med mellanslag i början eller slutet',
  'tblIssueName_ragged-row': 'rad med fel antal celler',
  'tblIssueName_malformed-quote': 'citattecken som inte är dubblerat',
  'tblIssueName_ambiguous-delimiter': 'osäker avgränsare',
  'tblIssueName_skipped-rows': 'rader som hoppades över',
  'tblIssueName_wrong-extension': 'fel filändelse',
  'tblIssueName_not-utf8': 'textrad som inte är UTF-8',
  'tblIssueName_more-issues': 'fler varningar',

  // Refusals by the import itself (ImportProblemKind).
  'impProblem_ragged-row':
    'rad {row} har {cells} celler men rubrikraden har {width}: värdena kan hamna i fel kolumner; rätta filen (eller spara den igen från Excel) och importera den igen',
  'impProblem_ragged-row_one':
    'rad {row} har {cells} cell men rubrikraden har {width}: värdena kan hamna i fel kolumner; rätta filen (eller spara den igen från Excel) och importera den igen',
  'impProblem_value-too-long':
    'rad {row}, kolumnen {header} innehåller {length} tecken; ett värde har högst {limit} (är kolumnen en fritextanteckning?)',
  'impProblem_bad-count': 'rad {row}: antalet {count} i kolumnen {header} är inte ett heltal',
  'impProblem_header-changed':
    'rubrikraden är nu {headers}, inte den som kolumnerna valdes för; titta på filen igen',
  impProblem_mapping: 'kolumnerna är inte valda ({problem}): välj dem först',
  'impMapping_no-variable': 'ingen kolumn är vald som variabel',
  'impMapping_no-count': 'ingen kolumn är vald som antal',
  'impMapping_one-variable': 'en frekvenslista har exakt en variabelkolumn',
  'impMapping_column-missing': 'en vald kolumn finns inte i filen',
  'impMapping_column-twice': 'en kolumn eller variabel är vald två gånger',
  impProblem_timeout:
    'läsningen tog längre än {seconds} s och stoppades (importens arbetsprocess avslutades); spara bladet som CSV och importera det',
  impProblem_crashed: 'filen kunde inte läsas ({why})',
  impProblem_crashed_worker:
    'importens arbetsprocess stannade medan filen lästes ({why}); filen kan vara för stor för den här webbläsaren',
};

export type ReadingMessages = { [K in keyof typeof svReading]: string };
