// The full-project backup (RELIABILITY.md rule 8): everything one project holds — its variables
// with their codebooks and splits, every value with its counts and coding, the whole history, the
// imports and what each added, the merged counts and the project's settings — as one JSON file
// that restores exactly. Read like the other formats: envelope, schema, semantic checks, then
// fresh objects built field by field (nothing unknown, no `__proto__` keys carried over).

import { readVersionCause, type CodebookStep, type CodebookVersion } from '../codebook-versions';
import type { NoteEvent } from '../notes';
import type { ResolveRecord } from '../team/fold';
import { SAMPLE_MODES, type BlindCode, type DoubleSample } from '../double-sample';
import type { ImportPart, StoredCombination, StoredTally } from '../import-merge';
import { PROJECT_SETTINGS, isProjectSettingName } from '../settings';
import { MIN_YEAR } from '../year';
import {
  STATUSES,
  type Coding,
  type Codebook,
  type RawValue,
  type Status,
  type Variable,
} from '../types';
import { checkBackup } from './backup-check';
import { restoreCodebook, writeCodebookFile } from './codebook';
import { isJsonRecord, ownField, type JsonRecord } from './json';
import {
  BACKUP_FORMAT,
  FORMAT_VERSION,
  compileSchema,
  readWith,
  records,
  restoreWith,
  stringField,
  type SchemaNode,
} from './restore';
import { pointer, under, type FormatError, type Result } from './result';

export interface BackupProject {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly demo: boolean;
}

/** One history row (an action on a batch of values), without its storage key. */
export interface BackupHistory {
  readonly variable: string;
  readonly batch: string;
  readonly kind: string;
  readonly by: string;
  readonly at: string;
  readonly changes: readonly {
    readonly raw: string;
    readonly code: string | null;
    readonly status: Status;
    readonly note: string;
    readonly before: Coding;
  }[];
  readonly undoes?: string;
  readonly redoes?: string;
  readonly note?: string;
  readonly codebook?: CodebookStep;
  /** A resolved team disagreement (kind `resolve`): the side kept and the sides it settled. */
  readonly resolve?: ResolveRecord;
}

/**
 * One version of a variable's codebook (core/codebook-versions.ts). Optional in a backup: a
 * backup written before versions were kept restores with each codebook as its version 1.
 */
export interface BackupCodebookVersion extends CodebookVersion {
  readonly variable: string;
}

/**
 * A note event (core/notes.ts) as stored, without its project. Optional in a backup: backups
 * written before notes existed have none and restore as before.
 */
export type BackupNote = NoteEvent;

/** An import record as stored (files read, what it did per variable, whether undone). */
export interface BackupImport {
  readonly id: string;
  readonly at: string;
  readonly seq?: number;
  readonly by: string;
  readonly files: readonly unknown[];
  readonly variables: readonly unknown[];
  readonly undone: { readonly at: string; readonly by: string } | null;
}

export interface BackupImportPart extends ImportPart {
  readonly import: string;
  readonly variable: string;
}

export interface BackupCounts {
  readonly variable: string;
  readonly tallies: readonly StoredTally[];
  readonly combinations: readonly StoredCombination[];
}

/** A setting of the project, its key without the project (`normalise:<variable>`). */
export interface BackupSetting {
  readonly key: string;
  readonly value: unknown;
}

export interface ProjectBackup {
  readonly exportedAt: string;
  readonly project: BackupProject;
  readonly variables: readonly Variable[];
  readonly values: readonly RawValue[];
  readonly history: readonly BackupHistory[];
  readonly imports: readonly BackupImport[];
  readonly importParts: readonly BackupImportPart[];
  readonly counts: readonly BackupCounts[];
  readonly settings: readonly BackupSetting[];
  readonly notes: readonly BackupNote[];
  /** Blind double coding (core/double-coding.ts): optional in a file, absent in older backups. */
  readonly doubleSamples: readonly DoubleSample[];
  readonly doubleCodes: readonly BlindCode[];
  readonly codebookVersions: readonly BackupCodebookVersion[];
}

const str: SchemaNode = { type: 'string' };
const strOrNull: SchemaNode = { type: ['string', 'null'] };
const count: SchemaNode = { type: 'integer', minimum: 0 };
const strings: SchemaNode = { type: 'array', items: str };
// [municipality, rows] pairs; a municipality without rows is not kept.
const tally: SchemaNode = {
  type: 'array',
  items: {
    type: 'array',
    prefixItems: [str, { type: 'integer', minimum: 1 }],
    minItems: 2,
    maxItems: 2,
  },
};
// [year, tally] pairs: of a value's or cell's rows, those with a year (issue 10 item 2).
const years: SchemaNode = {
  type: 'array',
  items: {
    type: 'array',
    prefixItems: [{ type: 'integer', minimum: MIN_YEAR }, tally],
    minItems: 2,
    maxItems: 2,
  },
};
/** What a decision changes on a value (types.ts `Coding`). */
const CODING_KEYS: readonly (keyof Coding)[] = [
  'code',
  'status',
  'codedBy',
  'codedAt',
  'reviewedBy',
  'reviewedAt',
  'note',
  'updatedAt',
];
/** Every field of a note event (core/notes.ts), all required in a backup's `notes`. */
const NOTE_KEYS: readonly (keyof NoteEvent)[] = [
  'id',
  'kind',
  'thread',
  'variable',
  'raw',
  'by',
  'at',
  'text',
  'code',
  'status',
];
/** Every field of a double-coding sample and of a coder's blind decision, all required. */
const SAMPLE_KEYS: readonly (keyof DoubleSample)[] = [
  'id',
  'variable',
  'mode',
  'seed',
  'size',
  'raws',
  'coders',
  'by',
  'at',
];
const BLIND_CODE_KEYS: readonly (keyof BlindCode)[] = ['id', 'sample', 'raw', 'code', 'by', 'at'];
const coding: SchemaNode = {
  type: 'object',
  required: CODING_KEYS,
  properties: {
    code: strOrNull,
    status: { enum: STATUSES },
    codedBy: strOrNull,
    codedAt: strOrNull,
    reviewedBy: strOrNull,
    reviewedAt: strOrNull,
    note: str,
    updatedAt: strOrNull,
  },
};
// One side of a resolved team disagreement (core/team/fold.ts DisagreementSide).
const side: SchemaNode = {
  type: 'object',
  required: ['event', 'by', 'at', 'code', 'status', 'note'],
  properties: {
    event: strOrNull,
    by: strOrNull,
    at: strOrNull,
    code: strOrNull,
    status: { enum: STATUSES },
    note: str,
  },
};

const schema: SchemaNode = {
  type: 'object',
  required: [
    'format',
    'formatVersion',
    'exportedAt',
    'project',
    'variables',
    'values',
    'history',
    'imports',
    'importParts',
    'counts',
    'settings',
  ],
  properties: {
    format: { const: BACKUP_FORMAT },
    formatVersion: { const: FORMAT_VERSION },
    exportedAt: str,
    project: {
      type: 'object',
      required: ['id', 'name', 'createdAt', 'demo'],
      properties: {
        id: { type: 'string', minLength: 1 },
        name: str,
        createdAt: str,
        demo: { type: 'boolean' },
      },
    },
    variables: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'label', 'codebook', 'split', 'order'],
        properties: {
          id: { type: 'string', minLength: 1 },
          label: str,
          codebook: { type: 'object' },
          split: {
            type: 'object',
            required: ['separators'],
            properties: { separators: strings, protect: strings },
          },
          order: { type: 'number' },
        },
      },
    },
    values: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'variable',
          'raw',
          'frequency',
          'municipalities',
          ...(coding.required ?? []),
          'combinations',
          'firstImport',
        ],
        properties: {
          variable: str,
          raw: str,
          frequency: count,
          municipalities: count,
          ...coding.properties,
          combinations: { type: ['integer', 'null'], minimum: 0 },
          firstImport: strOrNull,
        },
      },
    },
    history: {
      type: 'array',
      items: {
        type: 'object',
        required: ['variable', 'batch', 'kind', 'by', 'at', 'changes'],
        properties: {
          variable: str,
          batch: str,
          kind: str,
          by: str,
          at: str,
          undoes: str,
          redoes: str,
          note: str,
          codebook: {
            type: 'object',
            required: ['edit', 'code', 'from', 'to'],
            properties: { edit: str, code: str, into: str, from: count, to: count },
          },
          resolve: {
            type: 'object',
            required: ['kept', 'sides'],
            properties: { kept: side, sides: { type: 'array', items: side } },
          },
          changes: {
            type: 'array',
            items: {
              type: 'object',
              required: ['raw', 'code', 'status', 'note', 'before'],
              properties: {
                raw: str,
                code: strOrNull,
                status: { enum: STATUSES },
                note: str,
                before: coding,
                updatedAt: strOrNull,
              },
            },
          },
        },
      },
    },
    imports: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'at', 'by', 'files', 'variables', 'undone'],
        properties: {
          id: { type: 'string', minLength: 1 },
          at: str,
          seq: count,
          by: str,
          files: { type: 'array', items: { type: 'object' } },
          variables: { type: 'array', items: { type: 'object' } },
          undone: { type: ['object', 'null'] },
        },
      },
    },
    notes: {
      type: 'array',
      items: {
        type: 'object',
        required: NOTE_KEYS,
        properties: {
          id: { type: 'string', minLength: 1 },
          kind: { enum: ['note', 'reply', 'resolve'] },
          thread: str,
          variable: str,
          raw: str,
          by: str,
          at: str,
          text: str,
          code: strOrNull,
          status: { enum: STATUSES },
        },
      },
    },
    doubleSamples: {
      type: 'array',
      items: {
        type: 'object',
        required: SAMPLE_KEYS,
        properties: {
          id: { type: 'string', minLength: 1 },
          variable: str,
          mode: { enum: SAMPLE_MODES },
          seed: { type: 'integer', minimum: 0 },
          size: count,
          raws: strings,
          coders: strings,
          by: str,
          at: str,
        },
      },
    },
    doubleCodes: {
      type: 'array',
      items: {
        type: 'object',
        required: BLIND_CODE_KEYS,
        properties: {
          id: { type: 'string', minLength: 1 },
          sample: str,
          raw: str,
          code: { type: 'string', minLength: 1 },
          by: str,
          at: str,
        },
      },
    },
    codebookVersions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['variable', 'number', 'at', 'by', 'codebook', 'cause'],
        properties: {
          variable: str,
          number: { type: 'integer', minimum: 1 },
          at: str,
          by: str,
          codebook: { type: 'object' },
          cause: { type: 'object', required: ['kind'], properties: { kind: str } },
        },
      },
    },
    importParts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['import', 'variable', 'values', 'cells', 'added'],
        properties: {
          import: str,
          variable: str,
          values: { type: 'array', items: { type: 'array' } },
          cells: { type: 'array', items: { type: 'array' } },
          added: strings,
          years: {
            type: 'object',
            required: ['values', 'cells'],
            properties: {
              values: { type: 'array', items: { type: 'array', prefixItems: [str, years] } },
              cells: { type: 'array', items: { type: 'array', prefixItems: [str, years] } },
            },
          },
        },
      },
    },
    counts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['variable', 'tallies', 'combinations'],
        properties: {
          variable: str,
          tallies: {
            type: 'array',
            items: {
              type: 'object',
              required: ['raw', 'munis', 'baseRows', 'baseMunicipalities'],
              properties: {
                raw: str,
                munis: tally,
                baseRows: count,
                baseMunicipalities: count,
                years,
              },
            },
          },
          combinations: {
            type: 'array',
            items: {
              type: 'object',
              required: ['cell', 'atoms', 'rows', 'municipalities', 'munis'],
              properties: {
                cell: str,
                atoms: strings,
                rows: count,
                municipalities: count,
                munis: tally,
                years,
              },
            },
          },
        },
      },
    },
    settings: {
      type: 'array',
      items: { type: 'object', required: ['key', 'value'], properties: { key: str } },
    },
  },
};

const checkSchema = compileSchema(schema, 'values');

/** Writes a backup as JSON text; codebooks are written as codebook files (FORMATS.md). */
export function writeBackupFile(backup: ProjectBackup): string {
  return JSON.stringify({
    format: BACKUP_FORMAT,
    formatVersion: FORMAT_VERSION,
    ...backup,
    variables: backup.variables.map((v) => ({
      ...v,
      codebook: JSON.parse(writeCodebookFile(v.codebook)) as unknown,
    })),
    codebookVersions: backup.codebookVersions.map((v) => ({
      ...v,
      codebook: JSON.parse(writeCodebookFile(v.codebook)) as unknown,
    })),
  });
}

/**
 * A backup holds a whole project (tens of thousands of values, their history and counts per
 * municipality): it may be larger than the exchange formats' 50 MB.
 */
export const MAX_BACKUP_SIZE = 500 * 1024 * 1024;

/** Reads a backup's text: parse, envelope, schema, semantic checks, then fresh objects. */
export function readBackupFile(text: string): Result<ProjectBackup> {
  return readWith(text, restoreBackup, MAX_BACKUP_SIZE);
}

export function restoreBackup(data: unknown): Result<ProjectBackup> {
  // The codebooks are files of their own, read by their own restore step first.
  const codebookErrors: FormatError[] = [];
  const readCodebooks = (list: 'variables' | 'codebookVersions'): (Codebook | null)[] => {
    const rows = isJsonRecord(data) ? ownField(data, list) : undefined;
    if (!Array.isArray(rows)) return [];
    return rows.map((v: unknown, i) => {
      const read = restoreCodebook(isJsonRecord(v) ? ownField(v, 'codebook') : undefined);
      if (!read.ok)
        for (const e of read.errors) codebookErrors.push(under(pointer(list, i, 'codebook'), e));
      return read.ok ? read.value : null;
    });
  };
  const codebooks = readCodebooks('variables');
  const versionCodebooks = readCodebooks('codebookVersions');
  return restoreWith(data, {
    format: BACKUP_FORMAT,
    schema,
    checkSchema: (d) => [...checkSchema(d), ...codebookErrors],
    build: (d) => buildBackup(d, codebooks, versionCodebooks),
    check: checkBackup,
    warnings: (d) => restoreSettings(d).warnings,
  });
}

/** A deep copy of validated JSON: arrays and plain records, own keys only, as data. */
function copyJson(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(copyJson);
  if (isJsonRecord(x)) {
    // Object.fromEntries defines own properties: a key `__proto__` stays a key.
    return Object.fromEntries(Object.keys(x).map((k) => [k, copyJson(ownField(x, k))]));
  }
  return x;
}

function pick<T>(data: JsonRecord, keys: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = ownField(data, k);
    if (v !== undefined) out[k] = copyJson(v);
  }
  return out as T;
}

function buildBackup(
  data: JsonRecord,
  codebooks: readonly (Codebook | null)[],
  versionCodebooks: readonly (Codebook | null)[],
): ProjectBackup {
  const project = ownField(data, 'project') as JsonRecord;
  return {
    exportedAt: stringField(data, 'exportedAt'),
    project: pick<BackupProject>(project, ['id', 'name', 'createdAt', 'demo']),
    variables: records(ownField(data, 'variables')).map((v, i) => ({
      ...pick<Omit<Variable, 'codebook'>>(v, ['id', 'label', 'split', 'order']),
      codebook: codebooks[i] as Codebook,
    })),
    values: records(ownField(data, 'values')).map((v) =>
      pick<RawValue>(v, [
        'variable',
        'raw',
        'frequency',
        'municipalities',
        ...CODING_KEYS,
        'combinations',
        'firstImport',
      ]),
    ),
    history: records(ownField(data, 'history')).map((h) =>
      pick<BackupHistory>(h, [
        'variable',
        'batch',
        'kind',
        'by',
        'at',
        'changes',
        'undoes',
        'redoes',
        'note',
        'codebook',
        'resolve',
      ]),
    ),
    imports: records(ownField(data, 'imports')).map((m) =>
      pick<BackupImport>(m, ['id', 'at', 'seq', 'by', 'files', 'variables', 'undone']),
    ),
    importParts: records(ownField(data, 'importParts')).map((p) =>
      pick<BackupImportPart>(p, ['import', 'variable', 'values', 'cells', 'added', 'years']),
    ),
    counts: records(ownField(data, 'counts')).map((c) =>
      pick<BackupCounts>(c, ['variable', 'tallies', 'combinations']),
    ),
    settings: restoreSettings(data).settings,
    // Absent in backups written before notes existed.
    notes: records(ownField(data, 'notes')).map((n) => pick<BackupNote>(n, NOTE_KEYS)),
    // Absent in backups written before blind double coding existed.
    doubleSamples: records(ownField(data, 'doubleSamples')).map((d) =>
      pick<DoubleSample>(d, SAMPLE_KEYS),
    ),
    doubleCodes: records(ownField(data, 'doubleCodes')).map((c) =>
      pick<BlindCode>(c, BLIND_CODE_KEYS),
    ),
    // Absent in backups written before versions were kept: each codebook is then version 1.
    codebookVersions: records(ownField(data, 'codebookVersions')).map((v, i) => ({
      ...pick<Omit<BackupCodebookVersion, 'codebook' | 'cause'>>(v, [
        'variable',
        'number',
        'at',
        'by',
      ]),
      codebook: versionCodebooks[i] as Codebook,
      cause: readVersionCause(copyJson(ownField(v, 'cause'))),
    })),
  };
}

/**
 * A backup's settings, each read by its own reader (core/settings.ts): a field of the wrong type
 * takes its default, so no setting can break a screen once restored. Settings this Kodbok does
 * not know, or of variables the backup does not have, are left out (and said so).
 */
function restoreSettings(data: JsonRecord): { settings: BackupSetting[]; warnings: string[] } {
  const variables = new Set(records(ownField(data, 'variables')).map((v) => stringField(v, 'id')));
  const settings: BackupSetting[] = [];
  const warnings: string[] = [];
  records(ownField(data, 'settings')).forEach((s, i) => {
    const key = stringField(s, 'key');
    const at = key.indexOf(':');
    const name = at < 0 ? key : key.slice(0, at);
    const spec = isProjectSettingName(name) ? PROJECT_SETTINGS[name] : null;
    const known =
      spec !== null && (spec.perVariable ? at >= 0 && variables.has(key.slice(at + 1)) : at < 0);
    if (!spec || !known) {
      warnings.push(
        `ignored the setting "${key}" (${pointer('settings', i)}): not one this Kodbok knows`,
      );
      return;
    }
    settings.push({ key, value: spec.read(copyJson(ownField(s, 'value'))) });
  });
  return { settings, warnings };
}
