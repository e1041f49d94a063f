// Each command's synopsis and summary, apart from the commands themselves: `kodbok --help`
// lists them without loading any command (the compiled CLI loads a command's code, SheetJS
// for `apply` say, only when that command runs).

export const VALIDATE_USAGE = 'kodbok validate FILE.json';
export const VALIDATE_SUMMARY =
  'check a codebook, mapping or suggestion profile file; exit 1 with the errors';

export const SUGGEST_USAGE =
  'kodbok suggest --codebook CODEBOOK.json --values VALUES [--mapping MAPPING.json] [--profile PROFILE.json|neutral|sv-barn-och-unga|en] [--top N]';
export const SUGGEST_SUMMARY =
  'suggest codes for raw values (VALUES: .txt one per line, or .csv/.tsv with a "raw" column)';

export const APPLY_USAGE =
  'kodbok apply --mapping MAPPING.json --input DATA.(csv|tsv|xlsx) --column NAME [--split "; ,"] [--header-row N] [--encoding utf-8|windows-1252] [--codebook CODEBOOK.json --crosswalk CODEBOOK-ID] [--out FILE]';
export const APPLY_SUMMARY =
  'write the data set as UTF-8 CSV with NAME_code added from the approved mapping';

export const EXPORT_USAGE =
  'kodbok export [--mapping MAPPING.json] --codebook CODEBOOK.json --format csv|csv-excel|xlsx|sssom|qdc|html|json [--lang sv|en] [--crosswalk CODEBOOK-ID] [--license URL] [--out FILE]';
export const EXPORT_SUMMARY =
  'the mapping as CSV, Excel or SSSOM; the codebook as REFI-QDA (.qdc), CSV, Excel, HTML or JSON';

export const FREQUENCIES_USAGE =
  'kodbok frequencies --mapping MAPPING.json --input DATA.(csv|tsv|xlsx)… --column NAME [--by COLUMN [--by-mapping MAPPING.json] | --by-year COLUMN] [--split "; ,"] [--codebook CODEBOOK.json] [--crosswalk CODEBOOK-ID] [--format csv|csv-excel|xlsx] [--lang sv|en] [--out FILE]';
export const FREQUENCIES_SUMMARY =
  'rows per category of a coded column (by another column or by year when asked), counts and shares, as UTF-8 CSV';

export const AGREEMENT_USAGE =
  'kodbok agreement A.json B.json [C.json …] [--codebook C.json] [--level leaf|group] [--weight values|rows]';
export const AGREEMENT_SUMMARY =
  "agreement between coders' mapping files: percent agreement, Cohen's kappa, Krippendorff's alpha";
