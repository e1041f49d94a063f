// The words an export writes for people (status names, headings of the codebook document), in
// the chosen language. The core takes them as data; src/i18n/export-words.ts builds them from
// the UI's catalogues, so the app and the command line write the same words.

import type { Status } from '../types';

export interface ExportWords {
  /** `sv` or `en`: the HTML document's `lang`. */
  readonly lang: string;
  readonly status: (status: Status) => string;
  readonly definition: string;
  readonly include: string;
  readonly exclude: string;
  readonly synonyms: string;
  readonly crosswalk: string;
  readonly examples: string;
  /** A line under the title saying what the examples are. */
  readonly examplesNote: string;
  readonly group: string;
  readonly version: string;
  readonly variable: string;
  readonly contents: string;
  /** E.g. `12 godkända värden i 3 400 rader`. */
  readonly counts: (values: number, rows: number) => string;
  readonly noValues: string;
  /** The uncoded line of a frequency table (rows without an approved code). */
  readonly uncoded: string;
}
