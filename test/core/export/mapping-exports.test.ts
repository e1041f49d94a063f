// A researcher exports the mapping to open it at once in Excel, R or an ontology tool: every
// column named in docs/formats.md, the UI's words beside the stable status codes, labels and
// groups from the codebook, and SSSOM with the metadata its readers require.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codeGuid, sha1Hex, uuidV5 } from '../../../src/core/export/guid';
import { MAPPING_COLUMNS, mappingTable } from '../../../src/core/export/mapping-table';
import { SSSOM_UNSPECIFIED_LICENSE, writeSssom } from '../../../src/core/export/sssom';
import { exportWords } from '../../../src/i18n/export-words';
import { tableToCsv } from '../../../src/io/table-export';
import { CODEBOOK, MAPPING } from './fixtures';

describe('the mapping as a table', () => {
  it('has the documented columns, label and group beside the code, and the status in the UI’s words and as a code', () => {
    const table = mappingTable(MAPPING, CODEBOOK, { words: exportWords('sv') });
    expect(table.headers).toEqual(MAPPING_COLUMNS);
    expect(table.rows[0]).toEqual([
      'Missbruk förälder',
      'H07',
      'Skadligt bruk hos förälder',
      'HEM',
      'Hemmiljö',
      'Godkänd',
      'approved',
      120,
      14,
      'anna',
      'erik',
      '2026-11-20T09:12:00Z',
      'VH',
      '2025.1',
      '',
    ]);
    // The mapping names the saved version of the codebook it was made with (issue 11 item 2).
    const named = { ...MAPPING, codebook: { ...MAPPING.codebook, revision: 5 } };
    expect(mappingTable(named, CODEBOOK, { words: exportWords('sv') }).rows[0]?.at(-1)).toBe(5);
    expect(table.rows.map((r) => [r[5], r[6]])).toEqual([
      ['Godkänd', 'approved'],
      ['Kodad', 'coded'],
      ['Föreslagen', 'suggested'],
      ['Tillbakaskickad', 'rejected'],
      ['Flaggad', 'flagged'],
    ]);
    const en = mappingTable(MAPPING, CODEBOOK, { words: exportWords('en') });
    expect(en.rows.map((r) => r[5])).toEqual([
      'Approved',
      'Coded',
      'Suggested',
      'Sent back',
      'Flagged',
    ]);
  });

  it('neutralises formulas in both CSV variants; the Excel one has a BOM, ";" and the same cells', () => {
    const table = mappingTable(MAPPING, CODEBOOK, { words: exportWords('sv') });
    const plain = tableToCsv(table, 'csv', { neutraliseCsv: true });
    const excel = tableToCsv(table, 'csv-excel', { neutraliseCsv: true });
    expect(plain.startsWith('raw,code,label,')).toBe(true);
    expect(plain).toContain("\r\n'=1+1,B11,");
    expect(excel.startsWith('\ufeffraw;code;label;')).toBe(true);
    expect(excel).toContain("\r\n'=1+1;B11;");
  });

  it('speaks another codebook’s codes through the crosswalk; a category without one gets an empty code', () => {
    const table = mappingTable(MAPPING, CODEBOOK, {
      words: exportWords('sv'),
      crosswalk: 'skr-basinformation',
    });
    expect(table.rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['Missbruk förälder', 'SKR-4', ''],
      ['=1+1', 'SKR-9', ''],
      ['skolk', '', ''],
      ['Hemmiljö: missbruk', 'SKR-9', ''],
      ['__proto__', '', ''],
    ]);
  });
});

/** The `#` metadata block as key → raw YAML value lines, and the TSV part. */
function splitSssom(text: string): { meta: string[]; tsv: string[][] } {
  const lines = text.split('\n').filter((l) => l !== '');
  return {
    meta: lines.filter((l) => l.startsWith('#')).map((l) => l.slice(2)),
    tsv: lines.filter((l) => !l.startsWith('#')).map((l) => l.split('\t')),
  };
}

describe('the mapping as SSSOM', () => {
  it('starts with the required metadata, then one row per entry with CURIEs, predicate and justification', () => {
    const { meta, tsv } = splitSssom(writeSssom(MAPPING, CODEBOOK));
    expect(meta).toContain('curie_map:');
    expect(meta).toContain('  kodbokraw: "urn:kodbok:value:aktualiseringsorsak:"');
    expect(meta).toContain('  nuso-orsak: "urn:kodbok:codebook:nuso-orsak:"');
    expect(meta).toContain('  semapv: "https://w3id.org/semapv/vocab/"');
    expect(meta).toContain(
      'mapping_set_id: "urn:kodbok:mapping:nuso-orsak:aktualiseringsorsak:2025.1"',
    );
    expect(meta).toContain(`license: "${SSSOM_UNSPECIFIED_LICENSE}"`);
    // Saved in the app: the codebook's revision beside its version label (issue 11 item 2).
    const named = { ...MAPPING, codebook: { ...MAPPING.codebook, revision: 5 } };
    expect(writeSssom(named, CODEBOOK)).toContain('object_source_version: "2025.1, revision 5"');
    expect(meta).toContain('mapping_date: "2026-11-23"');
    const [header, ...rows] = tsv;
    expect(header).toEqual([
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
    ]);
    expect(rows[0]).toEqual([
      'kodbokraw:Missbruk%20f%C3%B6r%C3%A4lder',
      'Missbruk förälder',
      'skos:broadMatch',
      '',
      'nuso-orsak:H07',
      'Skadligt bruk hos förälder',
      'semapv:ManualMappingCuration',
      '',
      'anna',
      'erik',
      '2026-11-20',
      'VH',
    ]);
    const bySubject = new Map(rows.map((r) => [r[1], r]));
    // A suggestion is lexical matching with its score as confidence.
    expect(bySubject.get('skolk')?.slice(6, 8)).toEqual(['semapv:LexicalMatching', '0.8123']);
    // A value sent back is a negative mapping.
    expect(bySubject.get('Hemmiljö: missbruk')?.[3]).toBe('Not');
    expect(bySubject.get('Hemmiljö: missbruk')?.[0]).toBe('kodbokraw:Hemmilj%C3%B6%3A%20missbruk');
    expect(bySubject.get('__proto__')?.[11]).toBe('status: flagged');
  });

  it('takes a license and a crosswalk; entries whose category has no crosswalk code are left out', () => {
    const text = writeSssom(MAPPING, CODEBOOK, {
      license: 'https://creativecommons.org/licenses/by/4.0/',
      crosswalk: 'skr-basinformation',
    });
    const { meta, tsv } = splitSssom(text);
    expect(meta).toContain('license: "https://creativecommons.org/licenses/by/4.0/"');
    expect(meta).toContain('  skr-basinformation: "urn:kodbok:codebook:skr-basinformation:"');
    expect(tsv.slice(1).map((r) => [r[1], r[4], r[5]])).toEqual([
      ['Missbruk förälder', 'skr-basinformation:SKR-4', 'SKR-4'],
      ['=1+1', 'skr-basinformation:SKR-9', 'SKR-9'],
      ['Hemmiljö: missbruk', 'skr-basinformation:SKR-9', 'SKR-9'],
    ]);
    // Titled with both codebooks, as the codebook through the crosswalk is.
    expect(meta).toContain(
      'mapping_set_title: "aktualiseringsorsak → skr-basinformation via Aktualiseringsorsaker"',
    );
  });
});

describe('GUIDs of codes', () => {
  it('computes SHA-1 as Node does, for short, block-sized and long UTF-8 input', () => {
    for (const text of [
      '',
      'abc',
      'å'.repeat(27),
      'x'.repeat(55),
      'y'.repeat(64),
      'z'.repeat(1000),
    ]) {
      expect(sha1Hex(text)).toBe(createHash('sha1').update(text, 'utf8').digest('hex'));
    }
  });

  it('are RFC 9562 version 5 UUIDs (the RFC’s own example) and stable per codebook and code', () => {
    // RFC 9562 appendix A.4: "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    expect(codeGuid('nuso-orsak', 'H07')).toBe(codeGuid('nuso-orsak', 'H07'));
    expect(codeGuid('nuso-orsak', 'H07')).not.toBe(codeGuid('nuso-orsak', 'H08'));
    expect(codeGuid('nuso-orsak', 'H07')).not.toBe(codeGuid('other', 'H07'));
    expect(codeGuid('a', 'b:c')).not.toBe(codeGuid('a:b', 'c'));
  });
});
