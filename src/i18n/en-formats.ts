// The English of sv-formats.ts: the readers' own words (what the command line prints), so the
// English screen says what it always said.
import type { FormatMessages } from './sv-formats';

export const enFormats: FormatMessages = {
  'fmtErr_not-an-object':
    'expected a {format} file: a JSON object { "format": "{formatId}", … }; found {found}',
  'fmtErr_format-missing':
    'missing: not a Kodbok {format} file (it must have "format": "{formatId}")',
  'fmtErr_format-other':
    'this is a {other} file ({otherId}), not a {format} file; open it as a {other}',
  'fmtErr_format-unknown': 'unknown format {found}; a {format} file has "format": "{formatId}"',
  'fmtErr_version-missing': 'missing: a {format} file has "formatVersion": {supported}',
  'fmtErr_version-newer':
    'written by a newer Kodbok (formatVersion {version}); this version reads {supported}',
  'fmtErr_version-wrong': 'must be {supported}, found {found}',
  fmtErr_required: 'missing: "{property}" is required',
  fmtErr_required_parent: 'missing: "{property}" is required (null for a top-level category)',
  fmtErr_type: 'must be {types}; found {found}',
  fmtErr_const: 'must be {expected}; found {found}',
  fmtErr_enum: 'must be one of {allowed}; found {found}',
  'fmtErr_min-length': 'must not be empty',
  fmtErr_minimum: 'must be {limit} or more; found {found}',
  fmtErr_maximum: 'must be {limit} or less; found {found}',
  'fmtErr_min-items': 'must have at least {limit} items; found {n}',
  'fmtErr_max-items': 'must have at most {limit} items; found {n}',
  'fmtErr_unicode-key':
    'a field name is not valid Unicode (a lone surrogate escape such as \\ud800); correct it and try again',
  'fmtErr_not-checked': 'could not be checked: {reason}',
  'fmtErr_text-too-long':
    'is {length} characters long; Kodbok reads values, labels and notes of up to {max} characters',
  'fmtErr_bad-count': 'must be a whole number from 0 to {max}; found {found}',
  'fmtErr_bad-count_infinite':
    'must be a whole number from 0 to {max}; found a number too large to hold (e.g. 1e400)',
  'fmtErr_code-empty': 'a code must not be empty',
  'fmtErr_duplicate-code': 'duplicate code "{code}" (also at {at}); codes must be unique',
  'fmtErr_parent-missing':
    'parent "{parent}" is not a code in this codebook (use null for a top-level category)',
  'fmtErr_no-categories': 'no categories: a codebook needs at least one category to code values to',
  'fmtErr_no-leaf': 'no leaf category: values are coded to categories without children',
  fmtErr_cycle: 'cycle: {cycle}; a category cannot be inside itself',
  'fmtErr_duplicate-raw':
    'duplicate raw value "{raw}" (also at {at}); a value has one code per mapping',
  'fmtErr_code-not-in-codebook': 'code "{code}" is not in codebook "{codebook}"',
  'fmtErr_code-is-group':
    'code "{code}" ({label}) is a group; values are coded to its subcategories',
  'fmtErr_duplicate-attributes':
    'duplicate code "{code}" (also at {at}); declare a category\'s attributes once',
  'fmtErr_whole-from-one': 'must be a whole number of 1 or more; found {found}',
  'fmtErr_not-finite': 'must be a finite number',
  'fmtErr_endings-need-empty': 'must include "" (a stem without an ending is a form of itself)',
  'fmtErr_unknown-reference': 'no {what} "{id}" in the backup',
  'fmtErr_listed-twice': '{what} "{id}" is listed twice',
  'fmtErr_value-twice': 'the same value is listed twice for its variable',
  'fmtErr_needs-code': 'missing: a value that is {status} needs a code',
  'fmtErr_group-of-variable':
    '"{code}" is a group of the codebook of "{variable}"; values are coded to its leaves only',
  'fmtErr_not-category-of-variable': '"{code}" is not a category of the codebook of "{variable}"',
  'fmtErr_history-unknown-value': 'names a value that "{variable}" does not have',
  'fmtErr_year-out-of-range': 'the year {year} is not one from {from} to {to}',
  'fmtErr_years-exceed-rows':
    '"{municipality}" has {dated} rows with a year but {rows} rows in all',
  'fmtErr_frequency-mismatch':
    "is {frequency}, but the value's rows per municipality ({at}) add up to {rows}",
  'fmtErr_version-twice': 'version {number} of "{variable}" is listed twice',
  'fmtErr_version-not-listed':
    'names version {number} of "{variable}", which is not in codebookVersions',
  'fmtErr_no-sample': 'no sample "{sample}"',
  'fmtErr_not-in-sample': 'is not a value of sample "{sample}"',

  fmtFormat_codebook: 'codebook',
  fmtFormat_mapping: 'mapping',
  fmtFormat_backup: 'project backup',
  fmtFormat_profile: 'suggestion profile',
  fmtType_null: 'null',
  fmtType_array: 'an array',
  fmtType_string: 'a string',
  fmtType_integer: 'a whole number',
  fmtType_number: 'a number',
  fmtType_true: 'true',
  fmtType_false: 'false',
  fmtType_object: 'an object',
  fmtType_nothing: 'nothing',
  fmtTypes_string: 'text',
  fmtTypes_null: 'null',
  fmtTypes_integer: 'a whole number',
  fmtTypes_number: 'a number',
  fmtTypes_array: 'a list [ … ]',
  fmtTypes_object: 'an object { … }',
  fmtTypes_boolean: 'true or false',
  fmtOr: ' or ',
  fmtWhat_variable: 'variable',
  fmtWhat_import: 'import',
  fmtWhat_note: 'note',
  fmtWhat_sample: 'sample',
  'fmtWhat_blind code': 'blind code',
  fmtStatus_coded: 'coded',
  fmtStatus_approved: 'approved',
  fmtStatus_rejected: 'rejected',
};
