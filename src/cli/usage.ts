// Each command's synopsis and summary, apart from the commands themselves: `kodbok --help`
// lists them without loading any command (the compiled CLI loads a command's code, SheetJS
// for `apply` say, only when that command runs).

export const VALIDATE_USAGE = 'kodbok validate FILE.json';
export const VALIDATE_SUMMARY = 'check a codebook or mapping file; exit 1 with the errors';

export const SUGGEST_USAGE =
  'kodbok suggest --codebook CODEBOOK.json --values VALUES [--mapping MAPPING.json] [--top N]';
export const SUGGEST_SUMMARY =
  'suggest codes for raw values (VALUES: .txt one per line, or .csv/.tsv with a "raw" column)';

export const APPLY_USAGE =
  'kodbok apply --mapping MAPPING.json --input DATA.(csv|tsv|xlsx) --column NAME [--split "; ,"] [--header-row N] [--out FILE]';
export const APPLY_SUMMARY =
  'write the data set as UTF-8 CSV with NAME_code added from the approved mapping';
