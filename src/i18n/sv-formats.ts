// Why a codebook, mapping, profile or backup file is refused, after the JSON pointer of the place:
// one template per FormatErrorCode (src/core/formats/result.ts) and `_variant`, filled from the
// error's params by src/ui/format-error.ts. Every key here must exist in en-formats.ts
// (typechecked). They follow the pointer, so they begin in lower case.
export const svFormats = {
  // The envelope: {format} is the kind of file (fmtFormat_…), {formatId} its id as written.
  'fmtErr_not-an-object':
    'väntade en {format}: ett JSON-objekt { "format": "{formatId}", … }; filen är {found}',
  'fmtErr_format-missing':
    'saknas: filen är inte en {format} från Kodbok (den måste ha "format": "{formatId}")',
  'fmtErr_format-other':
    'filen är en {other} ({otherId}), inte en {format}; öppna den som en {other}',
  'fmtErr_format-unknown': 'okänt format {found}; en {format} har "format": "{formatId}"',
  'fmtErr_version-missing': 'saknas: en {format} har "formatVersion": {supported}',
  'fmtErr_version-newer':
    'skriven av en nyare Kodbok (formatVersion {version}); den här versionen läser {supported}',
  'fmtErr_version-wrong': 'ska vara {supported}, inte {found}',
  // The schema.
  fmtErr_required: 'saknas: fältet "{property}" måste finnas',
  fmtErr_required_parent:
    'saknas: fältet "{property}" måste finnas (null för en kategori på översta nivån)',
  fmtErr_type: 'ska vara {types}, inte {found}',
  fmtErr_const: 'ska vara {expected}, inte {found}',
  fmtErr_enum: 'ska vara något av {allowed}, inte {found}',
  'fmtErr_min-length': 'får inte vara tom',
  fmtErr_minimum: 'ska vara {limit} eller mer, inte {found}',
  fmtErr_maximum: 'ska vara {limit} eller mindre, inte {found}',
  'fmtErr_min-items': 'ska ha minst {limit} delar, inte {n}',
  'fmtErr_max-items': 'ska ha högst {limit} delar, inte {n}',
  'fmtErr_unicode-key':
    'ett fältnamn är inte giltig Unicode (ett ensamt surrogat som \\ud800); rätta det och försök igen',
  'fmtErr_not-checked': 'filen kunde inte kontrolleras ({reason})',
  // The limits.
  'fmtErr_text-too-long':
    'är {length} tecken lång; Kodbok läser värden, etiketter och anteckningar på högst {max} tecken',
  'fmtErr_bad-count': 'ska vara ett heltal från 0 till {max}, inte {found}',
  'fmtErr_bad-count_infinite':
    'ska vara ett heltal från 0 till {max}, inte ett tal som är för stort att lagra (t.ex. 1e400)',
  // Codebooks.
  'fmtErr_code-empty': 'en kod får inte vara tom',
  'fmtErr_duplicate-code':
    'koden "{code}" finns två gånger (också på {at}); koder måste vara unika',
  'fmtErr_parent-missing':
    'överkategorin "{parent}" är ingen kod i den här kodboken (skriv null för en kategori på översta nivån)',
  'fmtErr_no-categories':
    'inga kategorier: en kodbok behöver minst en kategori att koda värden till',
  'fmtErr_no-leaf':
    'ingen kategori utan underkategorier: värden kodas till kategorier som inte har några underkategorier',
  fmtErr_cycle: 'en cirkel: {cycle}; en kategori kan inte ligga i sig själv',
  // Mappings.
  'fmtErr_duplicate-raw':
    'värdet "{raw}" finns två gånger (också på {at}); ett värde har en kod per mappning',
  'fmtErr_code-not-in-codebook': 'koden "{code}" finns inte i kodboken "{codebook}"',
  'fmtErr_code-is-group':
    'koden "{code}" ({label}) är en grupp; värden kodas till dess underkategorier',
  // Profiles.
  'fmtErr_duplicate-attributes':
    'koden "{code}" finns två gånger (också på {at}); ange en kategoris egenskaper en gång',
  'fmtErr_whole-from-one': 'ska vara ett heltal, 1 eller mer, inte {found}',
  'fmtErr_not-finite': 'ska vara ett ändligt tal',
  'fmtErr_endings-need-empty':
    'måste innehålla "" (en ordstam utan ändelse är en form av sig själv)',
  // Backups.
  'fmtErr_unknown-reference': '{what} "{id}" finns inte i säkerhetskopian',
  'fmtErr_listed-twice': '{what} "{id}" finns två gånger',
  'fmtErr_value-twice': 'samma värde finns två gånger för sin variabel',
  'fmtErr_needs-code': 'saknas: ett värde som är {status} behöver en kod',
  'fmtErr_group-of-variable':
    '"{code}" är en grupp i kodboken för "{variable}"; värden kodas bara till kategorier utan underkategorier',
  'fmtErr_not-category-of-variable': '"{code}" är ingen kategori i kodboken för "{variable}"',
  'fmtErr_history-unknown-value': 'gäller ett värde som "{variable}" inte har',
  'fmtErr_year-out-of-range': 'året {year} ligger inte mellan {from} och {to}',
  'fmtErr_years-exceed-rows':
    '"{municipality}" har {dated} rader med år men bara {rows} rader i allt',
  'fmtErr_frequency-mismatch':
    'är {frequency}, men värdets rader per kommun ({at}) blir tillsammans {rows}',
  'fmtErr_version-twice': 'version {number} av "{variable}" finns två gånger',
  'fmtErr_version-not-listed':
    'gäller version {number} av "{variable}", som inte finns i codebookVersions',
  'fmtErr_no-sample': 'urvalet "{sample}" finns inte',
  'fmtErr_not-in-sample': 'är inte ett värde i urvalet "{sample}"',

  // Words the templates name. The kinds of file ({format}, {other}).
  fmtFormat_codebook: 'kodbok',
  fmtFormat_mapping: 'mappning',
  fmtFormat_backup: 'säkerhetskopia av ett projekt',
  fmtFormat_profile: 'förslagsprofil',
  // A value found ({found} from foundType).
  fmtType_null: 'null',
  fmtType_array: 'en lista',
  fmtType_string: 'en text',
  fmtType_integer: 'ett heltal',
  fmtType_number: 'ett tal',
  fmtType_true: 'true',
  fmtType_false: 'false',
  fmtType_object: 'ett objekt',
  fmtType_nothing: 'ingenting',
  // What a field must be ({types}, joined by fmtOr).
  fmtTypes_string: 'en text',
  fmtTypes_null: 'null',
  fmtTypes_integer: 'ett heltal',
  fmtTypes_number: 'ett tal',
  fmtTypes_array: 'en lista [ … ]',
  fmtTypes_object: 'ett objekt { … }',
  fmtTypes_boolean: 'true eller false',
  fmtOr: ' eller ',
  // What a backup lists ({what}).
  fmtWhat_variable: 'variabeln',
  fmtWhat_import: 'importen',
  fmtWhat_note: 'anteckningen',
  fmtWhat_sample: 'urvalet',
  'fmtWhat_blind code': 'blindkodningen',
  // A value's status ({status}).
  fmtStatus_coded: 'kodat',
  fmtStatus_approved: 'godkänt',
  fmtStatus_rejected: 'tillbakaskickat',
};

export type FormatMessages = { [K in keyof typeof svFormats]: string };
