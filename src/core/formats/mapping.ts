// The mapping file (FORMATS.md): raw values of one variable and their codes, for the app's
// imports, the CLI's `apply`, and other tools (R, Stata, SPSS, Python, Excel).

import type { Codebook, FileStatus, RawValue, SplitConfig, Suggestion, VariableId } from '../types';
import { countError, shortQuote, shortText, textLimitErrors, type TextField } from '../limits';
import { leafCodes } from './codebook';
import mappingSchema from './mapping.schema.json';
import { isJsonRecord, ownField, restoreJsonBytes, type JsonRecord } from './json';
import {
  FORMAT_VERSION,
  MAPPING_FORMAT,
  compileSchema,
  optionalString,
  optionalStrings,
  records,
  stringField,
  type SchemaNode,
  readWith,
  restoreWith,
} from './restore';
import { pointer, type FormatError, type Result } from './result';

/** One raw value's coding as written in a mapping file. */
export interface MappingEntry {
  /** The single value exactly as it appeared after splitting. May be `__proto__`: key Maps by it, never objects. */
  readonly raw: string;
  readonly code: string;
  readonly status: FileStatus;
  readonly frequency?: number;
  /** Distinct municipalities the value occurs in (a Kodbok extension, optional). */
  readonly municipalities?: number;
  /** On `suggested` entries: the suggestion's score in [0, 1] (a Kodbok extension, optional). */
  readonly score?: number;
  readonly codedBy?: string;
  readonly reviewedBy?: string;
  readonly updatedAt?: string;
  readonly note?: string;
}

export interface MappingFile {
  readonly variable: VariableId;
  /** `revision`: the saved version of the codebook (its `revision.number`) it was made with. */
  readonly codebook: { readonly id: string; readonly version?: string; readonly revision?: number };
  readonly exportedAt?: string;
  /** Absent: cells are not split. */
  readonly split?: SplitConfig;
  /** Raw values are unique. Use `indexMappingEntries` to look them up. */
  readonly entries: readonly MappingEntry[];
  /**
   * Kodbok extension, full export only: the values with neither a code nor a suggestion, so
   * that the file lists every value of the variable. Optional; readers may ignore it.
   */
  readonly uncoded?: readonly UncodedEntry[];
}

/** A value of the full export without a code or suggestion (`flagged` when flagged so). */
export interface UncodedEntry {
  readonly raw: string;
  readonly frequency: number;
  readonly flagged?: boolean;
  readonly note?: string;
}

const schema: SchemaNode = mappingSchema;
const checkSchema = compileSchema(schema, 'entries');
const STATUSES: ReadonlySet<string> = new Set<FileStatus>([
  'suggested',
  'coded',
  'approved',
  'rejected',
  'flagged',
]);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Reads a mapping file's text: parse, envelope, schema, unique raw values, then a fresh MappingFile. */
export function readMappingFile(text: string): Result<MappingFile> {
  return readWith(text, restoreMapping);
}

/**
 * Reads a file's bytes, as the app's import does: UTF-8 (with or without a BOM) or refused with
 * the line of the first other byte. Never `File.text()`, which turns a Windows-1252 `å` into
 * U+FFFD without a word (issue 13: `V\ufffdld` was stored as an approved value).
 */
export function readMappingBytes(bytes: Uint8Array): Result<MappingFile> {
  return restoreJsonBytes(bytes, restoreMapping);
}

/** The restore step on already-parsed JSON. */
export function restoreMapping(data: unknown): Result<MappingFile> {
  return restoreWith(data, {
    format: MAPPING_FORMAT,
    schema,
    checkSchema,
    build: buildMapping,
    check: (file) => {
      const outside = limitErrors(file);
      return outside.length > 0 ? outside : duplicateRawErrors(file.entries);
    },
  });
}

/** Every text field within MAX_TEXT_LENGTH, every frequency a finite count (docs/formats.md, Limits). */
function* mappingTexts(file: MappingFile): Generator<TextField> {
  yield [['variable'], file.variable];
  yield [['codebook', 'id'], file.codebook.id];
  yield [['codebook', 'version'], file.codebook.version];
  yield [['exportedAt'], file.exportedAt];
  for (const key of ['separators', 'protect'] as const) {
    const list = file.split?.[key] ?? [];
    for (let i = 0; i < list.length; i++) yield [['split', key, i], list[i]];
  }
  for (let i = 0; i < file.entries.length; i++) {
    const e = file.entries[i] as MappingEntry;
    for (const key of ['raw', 'code', 'codedBy', 'reviewedBy', 'updatedAt', 'note'] as const) {
      yield [['entries', i, key], e[key]];
    }
  }
}

function limitErrors(file: MappingFile): FormatError[] {
  const errors = textLimitErrors(mappingTexts(file));
  file.entries.forEach((e, i) =>
    errors.push(...countError(['entries', i, 'frequency'], e.frequency)),
  );
  return errors;
}

function buildMapping(data: JsonRecord): MappingFile {
  const book = ownField(data, 'codebook');
  const codebook: Mutable<MappingFile['codebook']> = {
    id: isJsonRecord(book) ? stringField(book, 'id') : '',
  };
  const bookVersion = isJsonRecord(book) ? optionalString(book, 'version') : undefined;
  if (bookVersion !== undefined) codebook.version = bookVersion;
  const revision = isJsonRecord(book) ? ownField(book, 'revision') : undefined;
  if (typeof revision === 'number') codebook.revision = revision;

  const file: Mutable<MappingFile> = {
    variable: stringField(data, 'variable'),
    codebook,
    entries: records(ownField(data, 'entries')).map(buildEntry),
  };
  const exportedAt = optionalString(data, 'exportedAt');
  if (exportedAt !== undefined) file.exportedAt = exportedAt;
  const uncoded = ownField(data, 'uncoded');
  if (Array.isArray(uncoded)) file.uncoded = records(uncoded).map(buildUncoded);
  const split = ownField(data, 'split');
  if (isJsonRecord(split)) {
    const config: Mutable<SplitConfig> = { separators: optionalStrings(split, 'separators') ?? [] };
    const protect = optionalStrings(split, 'protect');
    if (protect !== undefined) config.protect = protect;
    file.split = config;
  }
  return file;
}

function buildUncoded(data: JsonRecord): UncodedEntry {
  const frequency = ownField(data, 'frequency');
  const entry: Mutable<UncodedEntry> = {
    raw: stringField(data, 'raw'),
    frequency: typeof frequency === 'number' ? frequency : 0,
  };
  if (ownField(data, 'flagged') === true) entry.flagged = true;
  const note = optionalString(data, 'note');
  if (note !== undefined) entry.note = note;
  return entry;
}

function buildEntry(data: JsonRecord): MappingEntry {
  const status = stringField(data, 'status');
  const entry: Mutable<MappingEntry> = {
    raw: stringField(data, 'raw'),
    code: stringField(data, 'code'),
    // The schema's enum has admitted only file statuses; the guard keeps the type honest.
    status: STATUSES.has(status) ? (status as FileStatus) : 'flagged',
  };
  const frequency = ownField(data, 'frequency');
  if (typeof frequency === 'number') entry.frequency = frequency;
  const municipalities = ownField(data, 'municipalities');
  if (typeof municipalities === 'number') entry.municipalities = municipalities;
  const score = ownField(data, 'score');
  if (typeof score === 'number') entry.score = score;
  for (const key of ['codedBy', 'reviewedBy', 'updatedAt', 'note'] as const) {
    const text = optionalString(data, key);
    if (text !== undefined) entry[key] = text;
  }
  return entry;
}

/** A raw value has one coding per mapping; a second one is an error naming both places. */
function duplicateRawErrors(entries: readonly MappingEntry[]): FormatError[] {
  const errors: FormatError[] = [];
  const first = new Map<string, number>();
  entries.forEach((e, i) => {
    const at = first.get(e.raw);
    if (at === undefined) first.set(e.raw, i);
    else {
      errors.push({
        path: pointer('entries', i, 'raw'),
        code: 'duplicate-raw',
        params: { raw: shortText(e.raw), at: pointer('entries', at, 'raw') },
        message: `duplicate raw value ${shortQuote(e.raw)} (also at ${pointer('entries', at, 'raw')}); a value has one code per mapping`,
      });
    }
  });
  return errors;
}

/** Entries keyed by raw value (a Map: raw values can be `__proto__` or `constructor`), optionally of one status. */
export function indexMappingEntries(
  file: MappingFile,
  status?: FileStatus,
): Map<string, MappingEntry> {
  const index = new Map<string, MappingEntry>();
  for (const e of file.entries)
    if (status === undefined || e.status === status) index.set(e.raw, e);
  return index;
}

export interface MappingCheck {
  /** Codes that are not leaves of the codebook, at their entry's path. */
  readonly errors: FormatError[];
  /** The mapping names another codebook, version or variable: worth knowing, not wrong by itself. */
  readonly warnings: string[];
}

/** Checks a mapping (the entries of one status, when given) against the codebook it is used with. */
export function checkMappingAgainstCodebook(
  file: MappingFile,
  codebook: Codebook,
  only?: FileStatus,
): MappingCheck {
  const warnings: string[] = [];
  if (file.codebook.id !== codebook.id) {
    warnings.push(`the mapping was made for codebook "${file.codebook.id}", not "${codebook.id}"`);
  } else if (
    file.codebook.version !== undefined &&
    codebook.version !== undefined &&
    file.codebook.version !== codebook.version
  ) {
    warnings.push(
      `the mapping was made for version ${file.codebook.version} of codebook "${codebook.id}", this is version ${codebook.version}`,
    );
  }
  if (file.variable !== codebook.variable) {
    warnings.push(
      `the mapping is for variable "${file.variable}", the codebook for "${codebook.variable}"`,
    );
  }
  const labels = new Map(codebook.categories.map((c) => [c.code, c.label]));
  const leaves = new Set(leafCodes(codebook));
  const errors: FormatError[] = [];
  file.entries.forEach((e, i) => {
    if (only !== undefined && e.status !== only) return;
    const label = labels.get(e.code);
    if (label === undefined) {
      errors.push({
        path: pointer('entries', i, 'code'),
        code: 'code-not-in-codebook',
        params: { code: shortText(e.code), codebook: codebook.id },
        message: `code ${shortQuote(e.code)} is not in codebook "${codebook.id}"`,
      });
    } else if (!leaves.has(e.code)) {
      errors.push({
        path: pointer('entries', i, 'code'),
        code: 'code-is-group',
        params: { code: shortText(e.code), label },
        message: `code ${shortQuote(e.code)} (${label}) is a group; values are coded to its subcategories`,
      });
    }
  });
  return { errors, warnings };
}

export interface BuildMappingInput {
  readonly variable: VariableId;
  readonly codebook: Codebook;
  readonly split: SplitConfig;
  /** The variable's unique single values with their codings. */
  readonly values: readonly RawValue[];
  /** Top suggestion per raw value, for the full export. */
  readonly suggestions?: ReadonlyMap<string, Suggestion>;
  /** false: approved entries only (the default export); true: every coding and top suggestion. */
  readonly full: boolean;
  /** ISO 8601 date-time; passed in so the core stays free of clocks. */
  readonly exportedAt: string;
}

/**
 * The mapping file of one variable. The default export is the agreed answer key (approved only);
 * the full export also carries work in progress: every value with a code in any status, and
 * values without a code whose top suggestion is exported as `suggested`. Most frequent first.
 */
export function buildMappingFile(input: BuildMappingInput): MappingFile {
  const byRaw = new Map<string, MappingEntry>();
  // The full export holds every value: those without code or suggestion in `uncoded`.
  const uncoded = new Map<string, UncodedEntry>();
  for (const v of input.values) {
    if (byRaw.has(v.raw) || uncoded.has(v.raw)) continue;
    const entry = entryOf(v, input);
    if (entry) byRaw.set(v.raw, entry);
    else if (input.full) uncoded.set(v.raw, uncodedOf(v));
  }
  const entries = [...byRaw.values()].sort(
    (a, b) =>
      (b.frequency ?? 0) - (a.frequency ?? 0) || (a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0),
  );
  const split: Mutable<SplitConfig> = { separators: [...input.split.separators] };
  if (input.split.protect && input.split.protect.length > 0)
    split.protect = [...input.split.protect];
  const codebook: Mutable<MappingFile['codebook']> = { id: input.codebook.id };
  if (input.codebook.version !== undefined) codebook.version = input.codebook.version;
  if (input.codebook.revision !== undefined) codebook.revision = input.codebook.revision.number;
  const file: Mutable<MappingFile> = {
    variable: input.variable,
    codebook,
    exportedAt: input.exportedAt,
    split,
    entries,
  };
  if (uncoded.size > 0)
    file.uncoded = [...uncoded.values()].sort(
      (a, b) => b.frequency - a.frequency || (a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0),
    );
  return file;
}

function uncodedOf(v: RawValue): UncodedEntry {
  const entry: Mutable<UncodedEntry> = { raw: v.raw, frequency: v.frequency };
  if (v.status === 'flagged') entry.flagged = true;
  if (v.note !== '') entry.note = v.note;
  return entry;
}

function entryOf(v: RawValue, input: BuildMappingInput): MappingEntry | null {
  let code: string;
  let status: FileStatus;
  let score: number | undefined;
  if (v.code !== null && v.status !== 'uncoded') {
    if (!input.full && v.status !== 'approved') return null;
    code = v.code;
    status = v.status;
  } else {
    const top = input.full && v.code === null ? input.suggestions?.get(v.raw) : undefined;
    if (!top) return null;
    code = top.code;
    status = 'suggested';
    score = top.score;
  }
  const entry: Mutable<MappingEntry> = {
    raw: v.raw,
    code,
    status,
    frequency: v.frequency,
    municipalities: v.municipalities,
  };
  if (score !== undefined) entry.score = score;
  if (v.codedBy !== null) entry.codedBy = v.codedBy;
  if (v.reviewedBy !== null) entry.reviewedBy = v.reviewedBy;
  if (v.updatedAt !== null) entry.updatedAt = v.updatedAt;
  if (v.note !== '') entry.note = v.note;
  return entry;
}

/** The file text: envelope, then fields in FORMATS.md's order; absent optional fields omitted. */
export function writeMappingFile(file: MappingFile): string {
  const out = {
    format: MAPPING_FORMAT,
    formatVersion: FORMAT_VERSION,
    variable: file.variable,
    codebook: {
      id: file.codebook.id,
      version: file.codebook.version,
      revision: file.codebook.revision,
    },
    exportedAt: file.exportedAt,
    split: file.split
      ? {
          separators: [...file.split.separators],
          protect: file.split.protect ? [...file.split.protect] : undefined,
        }
      : undefined,
    entries: file.entries.map((e) => ({
      raw: e.raw,
      code: e.code,
      status: e.status,
      frequency: e.frequency,
      municipalities: e.municipalities,
      score: e.score,
      codedBy: e.codedBy,
      reviewedBy: e.reviewedBy,
      updatedAt: e.updatedAt,
      note: e.note,
    })),
    uncoded: file.uncoded?.map((u) => ({
      raw: u.raw,
      frequency: u.frequency,
      flagged: u.flagged,
      note: u.note,
    })),
  };
  // JSON.stringify leaves out undefined properties: absent optional fields are omitted.
  return JSON.stringify(out, null, 2) + '\n';
}
