// A team hands its codebook to people and to QDA programs: a table, a REFI-QDA codebook whose
// GUIDs stay the same from one export to the next, and a readable document in which nothing
// from a file can become markup.
import { describe, expect, it } from 'vitest';
import { categoryStats } from '../../../src/core/export/codebook-stats';
import { writeCodebookHtml } from '../../../src/core/export/codebook-html';
import { CODEBOOK_COLUMNS, codebookTable } from '../../../src/core/export/codebook-table';
import { codeGuid } from '../../../src/core/export/guid';
import { writeQdc } from '../../../src/core/export/qdc';
import type { Codebook } from '../../../src/core/types';
import { exportWords } from '../../../src/i18n/export-words';
import { CODEBOOK, MAPPING } from './fixtures';

describe('the codebook as a table', () => {
  it('has one row per category, groups marked, synonyms and crosswalk readable', () => {
    const table = codebookTable(CODEBOOK);
    expect(table.headers).toEqual(CODEBOOK_COLUMNS);
    expect(table.rows).toHaveLength(CODEBOOK.categories.length);
    expect(table.rows[0]?.slice(0, 5)).toEqual(['HEM', 'Hemmiljö', '', '', 'yes']);
    expect(table.rows[1]).toEqual([
      'H07',
      'Skadligt bruk hos förälder',
      'HEM',
      'Hemmiljö',
      'no',
      'Förälderns <missbruk> & beroende',
      'alkohol, droger',
      'barnets eget bruk',
      'missbruk förälder',
      'skr-basinformation=SKR-4',
      'nuso-orsak',
      '2025.1',
      '',
    ]);
    // Saved in the app: the table names the version it is (issue 11 item 2).
    const saved = { ...CODEBOOK, revision: { number: 3, at: '2026-12-06T00:00:00Z', by: 'AL' } };
    expect(codebookTable(saved).rows[1]?.at(-1)).toBe(3);
  });
});

describe('the codebook as REFI-QDA', () => {
  it('nests categories in their group, only leaves codable, definitions as escaped descriptions', () => {
    const qdc = writeQdc(CODEBOOK, exportWords('sv'));
    expect(
      qdc.startsWith(
        '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"',
      ),
    ).toBe(true);
    const hem = codeGuid('nuso-orsak', 'HEM');
    const h07 = codeGuid('nuso-orsak', 'H07');
    expect(qdc).toContain(`<Code guid="${hem}" name="HEM Hemmiljö" isCodable="false">`);
    expect(qdc).toContain(
      `<Code guid="${h07}" name="H07 Skadligt bruk hos förälder" isCodable="true">`,
    );
    expect(qdc.indexOf(h07)).toBeGreaterThan(qdc.indexOf(hem));
    expect(qdc).toContain(
      '<Description>Förälderns &lt;missbruk&gt; &amp; beroende\nInkluderar: alkohol, droger\nExkluderar: barnets eget bruk\nSynonymer: missbruk förälder</Description>',
    );
    // The same codebook exported again: the same bytes, so the same GUIDs.
    expect(writeQdc(CODEBOOK, exportWords('sv'))).toBe(qdc);
  });

  it('keeps text XML cannot hold from breaking the file', () => {
    const odd: Codebook = {
      ...CODEBOOK,
      categories: [{ code: 'X"1', label: 'a\u0001b </Code> & "q"', parent: null }],
    };
    const qdc = writeQdc(odd, exportWords('en'));
    expect(qdc).toContain('name="X&quot;1 a\ufffdb &lt;/Code&gt; &amp; &quot;q&quot;"');
  });
});

describe('the codebook as a readable document', () => {
  it('shows definitions, inclusions, exclusions, examples (most frequent approved values) and counts', () => {
    const html = writeCodebookHtml(CODEBOOK, exportWords('sv'), categoryStats(MAPPING));
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toContain(
      '<dt>Definition</dt><dd>Förälderns &lt;missbruk&gt; &amp; beroende</dd>',
    );
    expect(html).toContain('<dt>Inkluderar</dt><dd>alkohol, droger</dd>');
    expect(html).toContain('<dt>Exkluderar</dt><dd>barnets eget bruk</dd>');
    // Only approved values are examples: H07 has one, B11's `=1+1` is merely coded.
    expect(html).toContain('<ul class="examples"><li>Missbruk förälder</li></ul>');
    expect(html).toContain('ett godkänt värde i 120 rader');
    expect(html).toContain('inga godkända värden än');
  });

  it('escapes whatever a codebook holds, and leaves examples and counts out without a mapping', () => {
    const hostile: Codebook = {
      ...CODEBOOK,
      title: '<script>alert(1)</script>',
      categories: [
        { code: 'G', label: 'Grupp', parent: null },
        {
          code: 'A"><img src=x onerror=alert(1)>',
          label: '<b>fet</b>',
          parent: 'G',
          definition: "'",
        },
      ],
    };
    const html = writeCodebookHtml(hostile, exportWords('en'));
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;fet&lt;/b&gt;');
    expect(html).not.toContain('Examples');
  });
});
