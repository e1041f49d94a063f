// The mapping as SSSOM TSV (Simple Standard for Sharing Ontological Mappings, w3id.org/sssom):
// a `#`-prefixed YAML metadata block, then one TSV row per mapping.
//
// - subject: the raw value, as a CURIE `kodbokraw:<percent-encoded value>` whose prefix
//   expands to `urn:kodbok:value:<variable>:`; `subject_label` holds the value as it is.
// - object: the category, as a CURIE `<prefix>:<code>` whose prefix expands to
//   `urn:kodbok:codebook:<codebook id>:`; `object_label` its label.
// - predicate: `skos:broadMatch`: a category is broader than each raw value coded to it.
// - justification: a person's coding (approved, coded, flagged, sent back) is
//   `semapv:ManualMappingCuration`; a suggestion is `semapv:LexicalMatching` with `confidence`
//   (the suggestion's score). A value sent back (`rejected`) is a negative mapping:
//   `predicate_modifier: Not`.
// - `urn:` URIs need no web domain, and nothing here names a server: nothing leaves the browser.
// TSV cells are quoted as Python's csv module and pandas read them (a tab, a line break or a
// quote inside a value), so every raw value survives exactly.

import { categoryIndex } from '../codebook';
import type { MappingFile } from '../formats/mapping';
import type { Codebook } from '../types';
import { crosswalkCode, crosswalkedTitle } from './crosswalk';

/** SSSOM's own placeholder when no license was chosen (as sssom-py writes). */
export const SSSOM_UNSPECIFIED_LICENSE = 'https://w3id.org/sssom/license/unspecified';

export const SSSOM_COLUMNS = [
  'subject_id',
  'subject_label',
  'predicate_id',
  'predicate_modifier',
  'object_id',
  'object_label',
  'mapping_justification',
  'confidence',
  'author_label',
  'reviewer_label',
  'mapping_date',
  'comment',
] as const;

export interface SssomOptions {
  /** A URL; default SSSOM_UNSPECIFIED_LICENSE. */
  readonly license?: string;
  /** Another codebook's id: objects become its codes, through each category's `crosswalk`. */
  readonly crosswalk?: string;
}

/** A CURIE prefix from an id: letters, digits, `_` and `-`, starting with a letter. */
function prefixOf(id: string): string {
  const clean = id.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[^A-Za-z]+/, '');
  return clean === '' || clean === 'kodbokraw' ? `cb_${clean}` : clean;
}

/** A CURIE's local part: percent-encoded so a raw value with spaces or `:` stays one token. */
function localPart(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A YAML scalar in double quotes: always valid, whatever the text holds. */
function yamlString(text: string): string {
  return JSON.stringify(text);
}

/** A TSV cell, quoted only when a reader would otherwise split or misread it. */
function tsvCell(text: string): string {
  return /[\t\r\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function uriPart(text: string): string {
  return text.replace(/[^A-Za-z0-9._~-]/g, (c) => localPart(c));
}

export function writeSssom(
  file: MappingFile,
  codebook: Codebook,
  options: SssomOptions = {},
): string {
  const index = categoryIndex(codebook);
  const targetId = options.crosswalk ?? file.codebook.id;
  const objectPrefix = prefixOf(targetId);
  const version =
    options.crosswalk === undefined ? (file.codebook.version ?? codebook.version) : undefined;
  const setId = `urn:kodbok:mapping:${uriPart(file.codebook.id)}:${uriPart(file.variable)}${
    version !== undefined ? `:${uriPart(version)}` : ''
  }${options.crosswalk !== undefined ? `:crosswalk:${uriPart(options.crosswalk)}` : ''}`;

  const meta: string[] = [
    'curie_map:',
    `  kodbokraw: ${yamlString(`urn:kodbok:value:${uriPart(file.variable)}:`)}`,
    `  ${objectPrefix}: ${yamlString(`urn:kodbok:codebook:${uriPart(targetId)}:`)}`,
    `  semapv: "https://w3id.org/semapv/vocab/"`,
    `  skos: "http://www.w3.org/2004/02/skos/core#"`,
    `mapping_set_id: ${yamlString(setId)}`,
    `license: ${yamlString(options.license ?? SSSOM_UNSPECIFIED_LICENSE)}`,
    `mapping_set_title: ${yamlString(
      `${file.variable} → ${
        options.crosswalk === undefined
          ? (codebook.title ?? targetId)
          : crosswalkedTitle(codebook, options.crosswalk)
      }`,
    )}`,
    `subject_type: "rdfs literal"`,
    `object_source: ${yamlString(`urn:kodbok:codebook:${uriPart(targetId)}`)}`,
  ];
  // The saved version of the codebook the mapping was made with (issue 11 item 2), beside its label.
  const revision =
    options.crosswalk === undefined
      ? (file.codebook.revision ?? codebook.revision?.number)
      : undefined;
  const sourceVersion =
    revision === undefined
      ? version
      : `${version !== undefined ? `${version}, ` : ''}revision ${revision}`;
  if (sourceVersion !== undefined) meta.push(`object_source_version: ${yamlString(sourceVersion)}`);
  if (file.exportedAt !== undefined)
    meta.push(`mapping_date: ${yamlString(file.exportedAt.slice(0, 10))}`);
  meta.push(`mapping_tool: "kodbok"`);

  const lines: string[] = [...meta.map((m) => `# ${m}`), SSSOM_COLUMNS.join('\t')];
  for (const e of file.entries) {
    const code = crosswalkCode(index, e.code, options.crosswalk);
    if (code === '') continue;
    const suggested = e.status === 'suggested';
    const comment = [e.status !== 'approved' ? `status: ${e.status}` : '', e.note ?? '']
      .filter((s) => s !== '')
      .join('; ');
    const row = [
      `kodbokraw:${localPart(e.raw)}`,
      e.raw,
      'skos:broadMatch',
      e.status === 'rejected' ? 'Not' : '',
      `${objectPrefix}:${localPart(code)}`,
      // Through a crosswalk: the other codebook's label as we know it, its code (crosswalkCodebook).
      options.crosswalk === undefined ? (index.get(e.code)?.label ?? '') : code,
      suggested ? 'semapv:LexicalMatching' : 'semapv:ManualMappingCuration',
      suggested && e.score !== undefined ? String(Number(e.score.toFixed(4))) : '',
      e.codedBy ?? '',
      e.reviewedBy ?? '',
      e.updatedAt?.slice(0, 10) ?? '',
      comment,
    ];
    lines.push(row.map(tsvCell).join('\t'));
  }
  return lines.join('\n') + '\n';
}
