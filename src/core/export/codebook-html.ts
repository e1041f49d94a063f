// The codebook as a readable, printable HTML document: groups as sections, each category
// with its definition, inclusions, exclusions, synonyms, examples (its most frequent approved
// values) and counts. Everything from files is escaped; the document loads nothing (its own
// Content Security Policy forbids it) and prints on A4 without the screen's colours.

import type { Category, Codebook } from '../types';
import type { CategoryStats } from './codebook-stats';
import { childrenOf } from './qdc';
import type { ExportWords } from './words';

/** Text for HTML content or a double-quoted attribute. */
export function htmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
body { font: 11pt/1.45 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #999; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.3rem; }
.code { font-family: ui-monospace, monospace; color: #444; margin-right: 0.4em; }
.meta, .counts { color: #444; }
dl { margin: 0; display: grid; grid-template-columns: 9.5rem 1fr; gap: 0.15rem 0.8rem; }
dt { font-weight: 600; }
dd { margin: 0; white-space: pre-wrap; }
ul.examples { margin: 0; padding-left: 1.1rem; }
ul.examples li { white-space: pre-wrap; }
nav ol { columns: 2; }
section.category { break-inside: avoid; }
@media print { body { margin: 0; max-width: none; } nav { display: none; } a { color: inherit; text-decoration: none; } }
`;

/** Code and label; a label that is the code (through a crosswalk, crosswalkCodebook) once. */
function name(c: Category): string {
  const label = htmlText(c.label);
  return c.label === c.code ? label : `<span class="code">${htmlText(c.code)}</span>${label}`;
}

function anchor(code: string): string {
  return `c-${encodeURIComponent(code).replace(/%/g, '_')}`;
}

function details(
  c: Category,
  words: ExportWords,
  stats: CategoryStats | undefined,
  withStats: boolean,
): string {
  const rows: string[] = [];
  const row = (term: string, value: string) =>
    rows.push(`<dt>${htmlText(term)}</dt><dd>${value}</dd>`);
  if (c.definition) row(words.definition, htmlText(c.definition));
  if (c.include) row(words.include, htmlText(c.include));
  if (c.exclude) row(words.exclude, htmlText(c.exclude));
  if (c.synonyms && c.synonyms.length > 0) row(words.synonyms, htmlText(c.synonyms.join(', ')));
  const cross = Object.entries(c.crosswalk ?? {});
  if (cross.length > 0)
    row(words.crosswalk, htmlText(cross.map(([id, code]) => `${id}: ${code}`).join(', ')));
  if (withStats) {
    const examples = stats?.examples ?? [];
    row(
      words.examples,
      examples.length === 0
        ? htmlText(words.noValues)
        : `<ul class="examples">${examples.map((e) => `<li>${htmlText(e)}</li>`).join('')}</ul>`,
    );
  }
  const counts =
    withStats && stats !== undefined && stats.values > 0
      ? `<p class="counts">${htmlText(words.counts(stats.values, stats.rows))}</p>`
      : '';
  return (rows.length > 0 ? `<dl>${rows.join('')}</dl>` : '') + counts;
}

/**
 * The document. `stats` (from an approved mapping) adds examples and counts per category;
 * without it they are left out, not shown as zero.
 */
export function writeCodebookHtml(
  codebook: Codebook,
  words: ExportWords,
  stats?: ReadonlyMap<string, CategoryStats>,
): string {
  const children = childrenOf(codebook);
  const title = codebook.title ?? codebook.id;
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${htmlText(words.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlText(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${htmlText(title)}</h1>`,
    `<p class="meta">${htmlText(
      [
        `${words.variable}: ${codebook.variable}`,
        codebook.version ? `${words.version}: ${codebook.version}` : '',
        `id: ${codebook.id}`,
      ]
        .filter((s) => s !== '')
        .join(' · '),
    )}</p>`,
  ];
  if (stats !== undefined) out.push(`<p class="meta">${htmlText(words.examplesNote)}</p>`);
  const top = children.get(null) ?? [];
  out.push(
    `<nav><h2>${htmlText(words.contents)}</h2><ol>${top
      .map((c) => `<li><a href="#${anchor(c.code)}">${name(c)}</a></li>`)
      .join('')}</ol></nav>`,
  );
  const seen = new Set<string>();
  const write = (c: Category, depth: number) => {
    if (seen.has(c.code)) return;
    seen.add(c.code);
    const kids = children.get(c.code) ?? [];
    const level = Math.min(2 + depth, 6);
    const heading = `<h${level} id="${anchor(c.code)}">${name(c)}</h${level}>`;
    if (kids.length > 0) {
      out.push(`<section class="group">${heading}`);
      out.push(details(c, words, undefined, false));
      for (const k of kids) write(k, depth + 1);
      out.push('</section>');
    } else {
      out.push(
        `<section class="category">${heading}${details(c, words, stats?.get(c.code), stats !== undefined)}</section>`,
      );
    }
  };
  for (const c of top) write(c, 0);
  out.push('</body>', '</html>');
  return out.join('\n') + '\n';
}
