// The codebook as a REFI-QDA codebook (`.qdc`, QDA-XML codebook 1.0, the exchange format of
// MAXQDA, NVivo, ATLAS.ti and others), valid against its schema (Codebook.xsd): one `Code` per
// category, a group's categories nested in it (a group is not codable), the definition,
// inclusions, exclusions and synonyms as the code's description. GUIDs are name-based, so
// exporting the same codebook again gives the same GUIDs.

import type { Category, Codebook } from '../types';
import { codeGuid } from './guid';
import type { ExportWords } from './words';

// XML 1.0 forbids most control characters even as references: they become U+FFFD.
const XML_FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for an XML element or a double-quoted attribute. */
export function xmlText(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** The parts of a category's description, as plain text lines. */
export function describeCategory(c: Category, words: ExportWords): string {
  const parts: string[] = [];
  if (c.definition) parts.push(c.definition);
  if (c.include) parts.push(`${words.include}: ${c.include}`);
  if (c.exclude) parts.push(`${words.exclude}: ${c.exclude}`);
  if (c.synonyms && c.synonyms.length > 0)
    parts.push(`${words.synonyms}: ${c.synonyms.join(', ')}`);
  return parts.join('\n');
}

/** Children of each code, in file order; `null` holds the top level. */
export function childrenOf(codebook: Codebook): Map<string | null, Category[]> {
  const codes = new Set(codebook.categories.map((c) => c.code));
  const children = new Map<string | null, Category[]>();
  for (const c of codebook.categories) {
    // A parent that is not in the codebook (an invalid file) puts the category at the top.
    const parent = c.parent !== null && codes.has(c.parent) ? c.parent : null;
    const list = children.get(parent) ?? [];
    list.push(c);
    children.set(parent, list);
  }
  return children;
}

export function writeQdc(codebook: Codebook, words: ExportWords): string {
  const children = childrenOf(codebook);
  const lines: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="${xmlText(
      `Kodbok: ${codebook.title ?? codebook.id}${codebook.version ? ` ${codebook.version}` : ''}`,
    )}">`,
    '  <Codes>',
  ];
  const seen = new Set<string>();
  const write = (c: Category, depth: number) => {
    if (seen.has(c.code)) return; // a cycle in an invalid file: each code once
    seen.add(c.code);
    const pad = '  '.repeat(depth);
    const kids = children.get(c.code) ?? [];
    const description = describeCategory(c, words);
    const open = `${pad}<Code guid="${codeGuid(codebook.id, c.code)}" name="${xmlText(
      // Through a crosswalk the label is the code (crosswalkCodebook): named once.
      c.label === c.code ? c.code : `${c.code} ${c.label}`,
    )}" isCodable="${kids.length === 0 ? 'true' : 'false'}"`;
    if (kids.length === 0 && description === '') {
      lines.push(`${open}/>`);
      return;
    }
    lines.push(`${open}>`);
    if (description !== '')
      lines.push(`${pad}  <Description>${xmlText(description)}</Description>`);
    for (const k of kids) write(k, depth + 1);
    lines.push(`${pad}</Code>`);
  };
  for (const c of children.get(null) ?? []) write(c, 2);
  lines.push('  </Codes>', '</CodeBook>');
  return lines.join('\n') + '\n';
}
