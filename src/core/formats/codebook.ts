// The codebook file (FORMATS.md): read untrusted text into a valid Codebook, write one back.

import type { Category, Codebook } from '../types';
import { textLimitErrors, type TextField } from '../limits';
import codebookSchema from './codebook.schema.json';
import { isJsonRecord, ownField, restoreJsonBytes, type JsonRecord } from './json';
import {
  CODEBOOK_FORMAT,
  FORMAT_VERSION,
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

const schema: SchemaNode = codebookSchema;
const checkSchema = compileSchema(schema, 'categories');

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Reads a codebook file's text: parse, envelope, schema, semantic checks, then a fresh Codebook. */
export function readCodebookFile(text: string): Result<Codebook> {
  return readWith(text, restoreCodebook);
}

/**
 * Reads a file's bytes, as the app's import does: UTF-8 (with or without a BOM) or refused with
 * the line of the first other byte. Never `File.text()`, which turns a Windows-1252 `å` into
 * U+FFFD without a word (issue 13: `V\ufffdld` was stored as an approved value).
 */
export function readCodebookBytes(bytes: Uint8Array): Result<Codebook> {
  return restoreJsonBytes(bytes, restoreCodebook);
}

/** The restore step on already-parsed JSON (the CLI parses once to detect the format). */
export function restoreCodebook(data: unknown): Result<Codebook> {
  return restoreWith(data, {
    format: CODEBOOK_FORMAT,
    schema,
    checkSchema,
    build: buildCodebook,
    // Over-long texts first and alone: the other messages quote codes.
    check: (codebook) => {
      const tooLong = textLimitErrors(codebookTexts(codebook));
      return tooLong.length > 0 ? tooLong : validateCodebook(codebook);
    },
  });
}

/** Every text field of a codebook file, for the length limit (docs/formats.md, Limits). */
function* codebookTexts(codebook: Codebook): Generator<TextField> {
  for (const key of ['id', 'title', 'version', 'variable'] as const) yield [[key], codebook[key]];
  for (let i = 0; i < codebook.categories.length; i++) {
    const c = codebook.categories[i] as Category;
    for (const key of ['code', 'label', 'parent', 'definition', 'include', 'exclude'] as const) {
      yield [['categories', i, key], c[key] ?? undefined];
    }
    const synonyms = c.synonyms ?? [];
    for (let j = 0; j < synonyms.length; j++) yield [['categories', i, 'synonyms', j], synonyms[j]];
    for (const [other, text] of Object.entries(c.crosswalk ?? {})) {
      yield [['categories', i, 'crosswalk', other], text];
    }
  }
}

// Field by field from the validated JSON: nothing unknown (and no `__proto__`) is carried over.
function buildCodebook(data: JsonRecord): Codebook {
  const codebook: Mutable<Codebook> = {
    id: stringField(data, 'id'),
    variable: stringField(data, 'variable'),
    categories: records(ownField(data, 'categories')).map(buildCategory),
  };
  const title = optionalString(data, 'title');
  if (title !== undefined) codebook.title = title;
  const version = optionalString(data, 'version');
  if (version !== undefined) codebook.version = version;
  const revision = ownField(data, 'revision');
  if (isJsonRecord(revision))
    codebook.revision = {
      number: ownField(revision, 'number') as number,
      at: stringField(revision, 'at'),
      by: stringField(revision, 'by'),
    };
  return codebook;
}

function buildCategory(data: JsonRecord): Category {
  const parent = ownField(data, 'parent');
  const category: Mutable<Category> = {
    code: stringField(data, 'code'),
    label: stringField(data, 'label'),
    parent: typeof parent === 'string' ? parent : null,
  };
  for (const key of ['definition', 'include', 'exclude'] as const) {
    const text = optionalString(data, key);
    if (text !== undefined) category[key] = text;
  }
  const synonyms = optionalStrings(data, 'synonyms');
  if (synonyms !== undefined) category.synonyms = synonyms;
  const crosswalk = ownField(data, 'crosswalk');
  if (isJsonRecord(crosswalk)) {
    // Object.fromEntries defines own properties: a codebook id `__proto__` stays a key, not a prototype.
    category.crosswalk = Object.fromEntries(
      Object.entries(crosswalk).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  }
  // The editor's state of a category (issue 11): optional, absent in files made elsewhere.
  if (ownField(data, 'deprecated') === true) category.deprecated = true;
  const recodeSince = optionalString(data, 'recodeSince');
  if (recodeSince !== undefined) category.recodeSince = recodeSince;
  return category;
}

/**
 * The rules a schema cannot express: unique codes, parents that exist, no cycles, at least one
 * leaf. Also run when a user edits a codebook in the app, so paths are those of the file.
 */
export function validateCodebook(codebook: Codebook): FormatError[] {
  const errors: FormatError[] = [];
  const cats = codebook.categories;
  const indexOf = new Map<string, number>();
  cats.forEach((c, i) => {
    const first = indexOf.get(c.code);
    if (c.code.trim() === '') {
      errors.push({
        path: pointer('categories', i, 'code'),
        code: 'code-empty',
        message: 'a code must not be empty',
      });
    } else if (first !== undefined) {
      errors.push({
        path: pointer('categories', i, 'code'),
        code: 'duplicate-code',
        params: { code: c.code, at: pointer('categories', first, 'code') },
        message: `duplicate code "${c.code}" (also at ${pointer('categories', first, 'code')}); codes must be unique`,
      });
    } else {
      indexOf.set(c.code, i);
    }
  });
  cats.forEach((c, i) => {
    if (c.parent !== null && !indexOf.has(c.parent)) {
      errors.push({
        path: pointer('categories', i, 'parent'),
        code: 'parent-missing',
        params: { parent: c.parent },
        message: `parent "${c.parent}" is not a code in this codebook (use null for a top-level category)`,
      });
    }
  });
  errors.push(...cycleErrors(cats, indexOf));
  if (cats.length === 0) {
    errors.push({
      path: '/categories',
      code: 'no-categories',
      message: 'no categories: a codebook needs at least one category to code values to',
    });
  } else if (errors.length === 0 && leafCodes(codebook).length === 0) {
    errors.push({
      path: '/categories',
      code: 'no-leaf',
      message: 'no leaf category: values are coded to categories without children',
    });
  }
  return errors;
}

/** Follows parent links from every category; a walk that meets itself is a cycle, reported once. */
function cycleErrors(
  cats: readonly Category[],
  indexOf: ReadonlyMap<string, number>,
): FormatError[] {
  const errors: FormatError[] = [];
  const done = new Set<string>();
  for (const start of cats) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let code: string | null = start.code;
    while (code !== null && !done.has(code) && indexOf.has(code)) {
      const seenAt = onPath.get(code);
      if (seenAt !== undefined) {
        const cycle = path.slice(seenAt);
        // Report at the cycle's first category in file order, so the message is stable.
        const at = Math.min(...cycle.map((c) => indexOf.get(c) ?? 0));
        const from = cats[at]?.code ?? code;
        const rotated = [
          ...cycle.slice(cycle.indexOf(from)),
          ...cycle.slice(0, cycle.indexOf(from)),
          from,
        ];
        errors.push({
          path: pointer('categories', at, 'parent'),
          code: 'cycle',
          params: { cycle: rotated.join(' → ') },
          message: `cycle: ${rotated.join(' → ')}; a category cannot be inside itself`,
        });
        break;
      }
      onPath.set(code, path.length);
      path.push(code);
      code = cats[indexOf.get(code) ?? -1]?.parent ?? null;
    }
    for (const c of path) done.add(c);
  }
  return errors;
}

/** Codes of the categories without children (values are coded to these), in file order. */
export function leafCodes(codebook: Codebook): string[] {
  const parents = new Set<string>();
  for (const c of codebook.categories) if (c.parent !== null) parents.add(c.parent);
  return codebook.categories.filter((c) => !parents.has(c.code)).map((c) => c.code);
}

/** Whether `code` is a category of the codebook that has no children. */
export function isLeaf(codebook: Codebook, code: string): boolean {
  return (
    codebook.categories.some((c) => c.code === code) &&
    !codebook.categories.some((c) => c.parent === code)
  );
}

/** The file text: the envelope, then fields in FORMATS.md's order; absent optional fields omitted. */
export function writeCodebookFile(codebook: Codebook): string {
  const file = {
    format: CODEBOOK_FORMAT,
    formatVersion: FORMAT_VERSION,
    id: codebook.id,
    title: codebook.title,
    version: codebook.version,
    revision: codebook.revision
      ? { number: codebook.revision.number, at: codebook.revision.at, by: codebook.revision.by }
      : undefined,
    variable: codebook.variable,
    categories: codebook.categories.map((c) => ({
      code: c.code,
      label: c.label,
      parent: c.parent,
      definition: c.definition,
      include: c.include,
      exclude: c.exclude,
      synonyms: c.synonyms ? [...c.synonyms] : undefined,
      // Own keys only, defined (not assigned): a key `__proto__` must be written as a key.
      crosswalk: c.crosswalk ? Object.fromEntries(Object.entries(c.crosswalk)) : undefined,
      deprecated: c.deprecated === true ? true : undefined,
      recodeSince: c.recodeSince,
    })),
  };
  // JSON.stringify leaves out undefined properties: absent optional fields are omitted.
  return JSON.stringify(file, null, 2) + '\n';
}
