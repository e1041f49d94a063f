// The one restore/validate step every imported file goes through (like Excalidraw's
// data/restore.ts): envelope first, then the JSON Schema, then the format's own semantic checks,
// then a fresh object built field by field. This module holds the parts both formats share.

import { Validator, type Schema } from '@cfworker/json-schema';
import {
  describeJsonType,
  isJsonRecord,
  jsonTypeOf,
  ownField,
  parseJson,
  type JsonRecord,
} from './json';
import { failure, pointer, success, under, type FormatError, type Result } from './result';

export const CODEBOOK_FORMAT = 'kodbok/codebook';
export const MAPPING_FORMAT = 'kodbok/mapping';
export const BACKUP_FORMAT = 'kodbok/backup';
export const PROFILE_FORMAT = 'kodbok/profile';
export type KodbokFormat =
  typeof CODEBOOK_FORMAT | typeof MAPPING_FORMAT | typeof BACKUP_FORMAT | typeof PROFILE_FORMAT;
const FORMATS: readonly unknown[] = [
  CODEBOOK_FORMAT,
  MAPPING_FORMAT,
  BACKUP_FORMAT,
  PROFILE_FORMAT,
];
/** The only formatVersion this Kodbok writes and reads. */
export const FORMAT_VERSION = 1;

const FORMAT_NAMES: Readonly<Record<KodbokFormat, string>> = {
  [CODEBOOK_FORMAT]: 'codebook',
  [MAPPING_FORMAT]: 'mapping',
  [BACKUP_FORMAT]: 'project backup',
  [PROFILE_FORMAT]: 'suggestion profile',
};

/** The part of JSON Schema our two schemas use; enough to word errors and find unknown fields. */
export interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly prefixItems?: readonly SchemaNode[];
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** The `format` of a parsed file, if it is one of ours. */
export function detectFormat(data: unknown): KodbokFormat | null {
  if (!isJsonRecord(data)) return null;
  const format = ownField(data, 'format');
  return FORMATS.includes(format) ? (format as KodbokFormat) : null;
}

/** A found value for a message: primitives as written in the file, containers by their type. */
function quote(value: unknown): string {
  const s =
    typeof value === 'object' && value !== null
      ? describeJsonType(value)
      : (JSON.stringify(value) ?? 'nothing');
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

/** The found value as the params of a message: as `quote` writes it, or its type's code. */
function found(value: unknown): Record<string, string> {
  return (typeof value === 'object' && value !== null) || value === undefined
    ? { foundType: jsonTypeOf(value) }
    : { found: quote(value) };
}

/**
 * Checks `{format, formatVersion}` before anything else, so a mapping opened as a codebook or a
 * file from a newer Kodbok gets one clear sentence instead of a page of schema errors.
 */
export function checkEnvelope(data: unknown, expected: KodbokFormat): FormatError[] {
  const kind = FORMAT_NAMES[expected];
  if (!isJsonRecord(data)) {
    return [
      {
        path: '',
        code: 'not-an-object',
        params: { format: expected, foundType: jsonTypeOf(data) },
        message: `expected a ${kind} file: a JSON object { "format": "${expected}", … }; found ${describeJsonType(data)}`,
      },
    ];
  }
  const format = ownField(data, 'format');
  if (format === undefined) {
    return [
      {
        path: '/format',
        code: 'format-missing',
        params: { format: expected },
        message: `missing: not a Kodbok ${kind} file (it must have "format": "${expected}")`,
      },
    ];
  }
  if (format !== expected) {
    const other = FORMATS.includes(format) ? FORMAT_NAMES[format as KodbokFormat] : null;
    return [
      {
        path: '/format',
        ...(other
          ? { code: 'format-other', params: { format: expected, other: format as string } }
          : { code: 'format-unknown', params: { format: expected, ...found(format) } }),
        message: other
          ? `this is a ${other} file (${format}), not a ${kind} file; open it as a ${other}`
          : `unknown format ${quote(format)}; a ${kind} file has "format": "${expected}"`,
      },
    ];
  }
  const version = ownField(data, 'formatVersion');
  if (version === undefined) {
    return [
      {
        path: '/formatVersion',
        code: 'version-missing',
        params: { format: expected, supported: FORMAT_VERSION },
        message: `missing: a ${kind} file has "formatVersion": ${FORMAT_VERSION}`,
      },
    ];
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > FORMAT_VERSION) {
    return [
      {
        path: '/formatVersion',
        code: 'version-newer',
        params: { version, supported: FORMAT_VERSION },
        message: `written by a newer Kodbok (formatVersion ${version}); this version reads ${FORMAT_VERSION}`,
      },
    ];
  }
  if (version !== FORMAT_VERSION) {
    return [
      {
        path: '/formatVersion',
        code: 'version-wrong',
        params: { supported: FORMAT_VERSION, ...found(version) },
        message: `must be ${FORMAT_VERSION}, found ${quote(version)}`,
      },
    ];
  }
  return [];
}

/**
 * A validator for one of our schemas. @cfworker/json-schema interprets, never evals: it runs
 * under the app's CSP. The long list (`categories`, `entries`) is checked item by item: the
 * validator gathers a failing array's errors with `push(...errors)`, which overflows the stack
 * when tens of thousands of entries are wrong.
 */
export function compileSchema(
  schema: SchemaNode,
  listKey: string,
): (data: unknown) => FormatError[] {
  const list = schema.properties?.[listKey] ?? {};
  const itemSchema = list.items ?? {};
  const listWithoutItems = Object.fromEntries(Object.entries(list).filter(([k]) => k !== 'items'));
  const fileSchema: SchemaNode = {
    ...schema,
    properties: { ...schema.properties, [listKey]: listWithoutItems },
  };
  const fileValidator = new Validator(fileSchema as Schema, '2020-12', false);
  const itemValidator = new Validator(itemSchema as Schema, '2020-12', false);
  return (data) => {
    try {
      const errors = schemaErrors(data, fileSchema, fileValidator.validate(data).errors);
      const items = isJsonRecord(data) ? ownField(data, listKey) : undefined;
      if (Array.isArray(items)) {
        items.forEach((item: unknown, i) => {
          const result = itemValidator.validate(item);
          if (result.valid) return;
          for (const e of schemaErrors(item, itemSchema, result.errors))
            errors.push(under(pointer(listKey, i), e));
        });
      }
      return errors;
    } catch (e) {
      // The validator builds pointers with encodeURI, which throws on a lone surrogate in a key.
      if (e instanceof URIError)
        return [
          {
            path: '',
            code: 'unicode-key',
            message:
              'a field name is not valid Unicode (a lone surrogate escape such as \\ud800); correct it and try again',
          },
        ];
      const reason = e instanceof Error ? e.message : String(e);
      return [
        {
          path: '',
          code: 'not-checked',
          params: { reason },
          message: `could not be checked: ${reason}`,
        },
      ];
    }
  };
}

// Keywords that only say "something below failed"; the error below says what.
const WRAPPERS = new Set([
  'properties',
  'items',
  'prefixItems',
  'additionalProperties',
  'patternProperties',
  'allOf',
  '$ref',
]);

function splitPointer(p: string): string[] {
  return p === '' ? [] : p.slice(1).split('/');
}

function unescapeSegment(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** cfworker's locations are URI fragments (`#/categories/3/parent`, keys through encodeURI). */
function fragmentToPointer(fragment: string): string {
  const p = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  return splitPointer(p)
    .map((s) => {
      try {
        return '/' + decodeURIComponent(s);
      } catch {
        return '/' + s;
      }
    })
    .join('');
}

function valueAt(data: unknown, p: string): unknown {
  let node = data;
  for (const seg of splitPointer(p)) {
    const key = unescapeSegment(seg);
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isJsonRecord(node)) node = ownField(node, key);
    else return undefined;
  }
  return node;
}

function schemaAt(schema: SchemaNode, p: string): SchemaNode | undefined {
  let node: unknown = schema;
  for (const seg of splitPointer(p)) {
    node = isJsonRecord(node) ? ownField(node, unescapeSegment(seg)) : undefined;
  }
  return isJsonRecord(node) ? (node as SchemaNode) : undefined;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  null: 'null',
  integer: 'a whole number',
  number: 'a number',
  array: 'a list [ … ]',
  object: 'an object { … }',
  boolean: 'true or false',
};

type Params = Readonly<Record<string, string | number>>;

/** A schema's `type` as the `types` param of a message: `string,null`. */
function typeList(type: string | readonly string[] | undefined): string {
  return (typeof type === 'string' ? [type] : (type ?? [])).join(',');
}

function typeWords(type: string | readonly string[] | undefined): string {
  const types = typeof type === 'string' ? [type] : (type ?? []);
  return types.map((t) => TYPE_WORDS[t] ?? t).join(' or ');
}

/** Turns the validator's output into one actionable error per failing value. */
function schemaErrors(
  data: unknown,
  schema: SchemaNode,
  units: ReadonlyArray<{
    keyword: string;
    keywordLocation: string;
    instanceLocation: string;
    error: string;
  }>,
): FormatError[] {
  const out: FormatError[] = [];
  const seen = new Set<string>();
  const add = (path: string, message: string, code: FormatError['code'], params?: Params): void => {
    const key = path + '\n' + message;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(code === undefined ? { path, message } : { path, code, params, message });
    }
  };
  for (const unit of units) {
    if (WRAPPERS.has(unit.keyword)) continue;
    const path = fragmentToPointer(unit.instanceLocation);
    const keywordPath = fragmentToPointer(unit.keywordLocation);
    const node = schemaAt(schema, keywordPath.slice(0, keywordPath.lastIndexOf('/')));
    const value = valueAt(data, path);
    switch (unit.keyword) {
      case 'required':
        for (const key of node?.required ?? []) {
          if (isJsonRecord(value) && !Object.hasOwn(value, key)) {
            const parent = key === 'parent';
            const hint = parent ? ' (null for a top-level category)' : '';
            add(path + pointer(key), `missing: "${key}" is required${hint}`, 'required', {
              property: key,
              ...(parent ? { variant: 'parent' } : {}),
            });
          }
        }
        break;
      case 'type':
        add(path, `must be ${typeWords(node?.type)}; found ${describeJsonType(value)}`, 'type', {
          types: typeList(node?.type),
          foundType: jsonTypeOf(value),
        });
        break;
      case 'const':
        add(path, `must be ${JSON.stringify(node?.const)}; found ${quote(value)}`, 'const', {
          expected: JSON.stringify(node?.const) ?? '',
          ...found(value),
        });
        break;
      case 'enum': {
        const allowed = (node?.enum ?? []).map((v) => JSON.stringify(v)).join(', ');
        add(path, `must be one of ${allowed}; found ${quote(value)}`, 'enum', {
          allowed,
          ...found(value),
        });
        break;
      }
      case 'minLength':
        add(path, 'must not be empty', 'min-length', { limit: String(node?.minLength) });
        break;
      case 'minimum':
        add(path, `must be ${String(node?.minimum)} or more; found ${quote(value)}`, 'minimum', {
          limit: String(node?.minimum),
          ...found(value),
        });
        break;
      // The validator's own English is the message (the command line prints it as before).
      case 'maximum':
        add(path, unit.error, 'maximum', { limit: String(node?.maximum), ...found(value) });
        break;
      case 'minItems':
      case 'maxItems': {
        const limit = unit.keyword === 'minItems' ? node?.minItems : node?.maxItems;
        const n = Array.isArray(value) ? value.length : 0;
        add(path, unit.error, unit.keyword === 'minItems' ? 'min-items' : 'max-items', {
          limit: String(limit),
          n,
        });
        break;
      }
      default:
        add(path, unit.error, undefined);
    }
  }
  return out;
}

/**
 * Fields the schema does not know are allowed (a newer Kodbok or another tool may add
 * optional ones) but not kept. Say so once per kind of field, not once per entry.
 */
export function unknownFieldWarnings(data: unknown, schema: SchemaNode): string[] {
  const counts = new Map<string, number>();
  const walk = (value: unknown, node: SchemaNode, at: string): void => {
    if (node.items && Array.isArray(value)) {
      for (const item of value) walk(item, node.items, at + '/*');
    } else if (node.properties && isJsonRecord(value)) {
      const known = node.properties;
      for (const key of Object.keys(value)) {
        const child = Object.hasOwn(known, key) ? known[key] : undefined;
        if (child) walk(ownField(value, key), child, at + pointer(key));
        else if (node.additionalProperties === undefined) {
          const p = at + pointer(key);
          counts.set(p, (counts.get(p) ?? 0) + 1);
        }
      }
    }
  };
  walk(data, schema, '');
  return [...counts].map(([p, n]) => `ignored unknown field ${p}${n > 1 ? ` (${n} times)` : ''}`);
}

/** Reads a field the schema has already checked to be a string. */
export function stringField(record: JsonRecord, key: string): string {
  const v = ownField(record, key);
  return typeof v === 'string' ? v : '';
}

/** An optional string field: present only if it is a string. */
export function optionalString(record: JsonRecord, key: string): string | undefined {
  const v = ownField(record, key);
  return typeof v === 'string' ? v : undefined;
}

/** An optional list of strings, copied element by element. */
export function optionalStrings(record: JsonRecord, key: string): string[] | undefined {
  const v = ownField(record, key);
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined;
}

/** The objects of a list the schema has already checked. */
export function records(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.filter(isJsonRecord) : [];
}

/** What a file format's restore step needs: its name, schema and how to build and check a value. */
export interface RestoreSpec<T> {
  readonly format: KodbokFormat;
  readonly schema: SchemaNode;
  readonly checkSchema: (data: unknown) => FormatError[];
  /** Field by field from the validated JSON: nothing unknown is carried over. */
  readonly build: (data: JsonRecord) => T;
  /** Rules a schema cannot say (references, uniqueness); errors point into the file. */
  readonly check: (value: T) => FormatError[];
  /** What the build left out or changed, for the user (besides unknown fields). */
  readonly warnings?: (data: JsonRecord) => string[];
}

/**
 * The restore step every format shares, on already-parsed JSON: envelope, schema, build, checks;
 * unknown fields become warnings. Nothing of a file that fails a step is returned.
 */
export function restoreWith<T>(data: unknown, spec: RestoreSpec<T>): Result<T> {
  const envelope = checkEnvelope(data, spec.format);
  if (envelope.length > 0) return failure(envelope);
  const schemaErrors = spec.checkSchema(data);
  if (schemaErrors.length > 0 || !isJsonRecord(data)) return failure(schemaErrors);
  const value = spec.build(data);
  const errors = spec.check(value);
  if (errors.length > 0) return failure(errors);
  return success(value, [
    ...unknownFieldWarnings(data, spec.schema),
    ...(spec.warnings?.(data) ?? []),
  ]);
}

/** Parses a file's text and restores it; a parse error is reported as such. */
export function readWith<T>(
  text: string,
  restore: (data: unknown) => Result<T>,
  maxSize?: number,
): Result<T> {
  const parsed = parseJson(text, maxSize);
  return parsed.ok ? restore(parsed.value) : parsed;
}
