// The app's downloads and the command line give the same bytes for the same data: the mapping
// as CSV, Excel and SSSOM, the codebook in every format, and frequency tables by municipality
// (the app counts its stored cells, the command line the rows of a file holding those cells).
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/main';
import { recodeTable } from '../../src/core/export/recode';
import { readCodebookFile, writeCodebookFile } from '../../src/core/formats/codebook';
import { writeMappingFile } from '../../src/core/formats/mapping';
import type { StoredCombination } from '../../src/core/import-merge';
import type { RawValue, Status, Variable } from '../../src/core/types';
import { writeCsv } from '../../src/io/csv-export';
import { readTableFile } from '../../src/io/table';
import {
  FORMATS_OF,
  makeExport,
  mappingOf,
  recodeSpecOf,
  recodedFile,
  type ExportChoice,
  type ExportSource,
} from '../../src/ui/export/export-files';
import { CODEBOOK } from '../core/export/fixtures';

function value(raw: string, code: string | null, status: Status, frequency: number): RawValue {
  return {
    variable: CODEBOOK.variable,
    raw,
    frequency,
    municipalities: 2,
    code,
    status,
    codedBy: code ? 'anna' : null,
    codedAt: null,
    reviewedBy: status === 'approved' ? 'erik' : null,
    reviewedAt: null,
    note: raw === '=1+1' ? 'formel' : '',
    updatedAt: code ? '2026-11-20T09:12:00Z' : null,
    combinations: 1,
    firstImport: null,
  };
}

const variable: Variable = {
  id: CODEBOOK.variable,
  label: 'Orsak',
  codebook: CODEBOOK,
  split: { separators: [';'] },
  order: 0,
};
const cells: StoredCombination[] = [
  {
    cell: 'Missbruk förälder',
    atoms: ['Missbruk förälder'],
    rows: 5,
    municipalities: 2,
    munis: [
      ['Gävle', 3],
      ['Åre', 2],
    ],
  },
  { cell: 'knark;=1+1', atoms: ['knark', '=1+1'], rows: 2, municipalities: 1, munis: [['Åre', 2]] },
  { cell: 'skolk', atoms: ['skolk'], rows: 1, municipalities: 1, munis: [['Gävle', 1]] },
];
const source: ExportSource = {
  variable,
  values: [
    value('Missbruk förälder', 'H07', 'approved', 5),
    value('knark', 'B11', 'approved', 2),
    value('=1+1', 'B11', 'coded', 2),
    value('skolk', null, 'uncoded', 1),
  ],
  suggestions: new Map([['skolk', { code: 'B15', score: 0.61, via: 'synonym: skolk' }]]),
  cells,
  lang: 'sv',
  exportedAt: '2026-12-05T20:00:00.000Z',
};

/** Runs the command line on in-memory files; returns what it wrote to --out. */
async function cli(argv: string[], files: Record<string, string>): Promise<Uint8Array> {
  let written: Uint8Array | undefined;
  const io: CliIo = {
    stdout: () => undefined,
    stderr: () => undefined,
    readFile: async (p) => new TextEncoder().encode(files[p] ?? ''),
    writeFile: async (_p, data) => {
      written = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    },
  };
  const status = await runCli([...argv, '--out', 'out'], io);
  expect(status).toBe(0);
  return written as Uint8Array;
}

const files = (full: boolean) => ({
  'm.json': writeMappingFile(mappingOf(source, full)),
  'c.json': writeCodebookFile(CODEBOOK),
});

describe('the same bytes from the app and from kodbok', () => {
  it('for the mapping, approved and full, in every table format, and as SSSOM', async () => {
    for (const kind of ['mapping', 'mapping-full'] as const) {
      for (const format of FORMATS_OF[kind]) {
        const app = makeExport(source, { kind, format });
        const line = await cli(
          ['export', '--mapping', 'm.json', '--codebook', 'c.json', '--format', format],
          files(kind === 'mapping-full'),
        );
        expect(app.bytes, `${kind} ${format}`).toEqual(line);
      }
    }
    const sssom = makeExport(source, { kind: 'sssom', format: 'sssom' });
    expect(sssom.bytes).toEqual(
      await cli(
        ['export', '--mapping', 'm.json', '--codebook', 'c.json', '--format', 'sssom'],
        files(true),
      ),
    );
    expect(new TextDecoder().decode(sssom.bytes)).toContain('semapv:LexicalMatching\t0.61');
  });

  it('for the codebook in every format (the HTML with the approved mapping’s examples)', async () => {
    for (const format of FORMATS_OF.codebook) {
      const app = makeExport(source, { kind: 'codebook', format });
      const argv = ['export', '--codebook', 'c.json', '--format', format];
      if (format === 'html') argv.push('--mapping', 'm.json');
      expect(app.bytes, format).toEqual(await cli(argv, files(false)));
    }
  });

  it('for the codebook as a table through a crosswalk: the other codebook’s codes (issue 11 item 5)', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const app = makeExport(source, { kind: 'codebook', format, crosswalk: 'skr-basinformation' });
      expect(app.name).toContain('-skr-basinformation');
      const argv = ['export', '--codebook', 'c.json', '--format', format];
      argv.push('--crosswalk', 'skr-basinformation');
      expect(app.bytes, format).toEqual(await cli(argv, files(false)));
    }
    const csv = new TextDecoder().decode(
      makeExport(source, { kind: 'codebook', format: 'csv', crosswalk: 'skr-basinformation' })
        .bytes,
    );
    expect(csv.split('\r\n')[2]?.startsWith('SKR-4,Skadligt bruk hos förälder,')).toBe(true);
  });

  it('for the codebook as JSON, REFI-QDA and HTML through a crosswalk: the other codebook as seen from this one', async () => {
    // Failed before: the app wrote its own codes and the command line refused --crosswalk.
    const crosswalk = 'skr-basinformation';
    for (const format of ['json', 'qdc', 'html'] as const) {
      const app = makeExport(source, { kind: 'codebook', format, crosswalk });
      expect(app.name).toBe(`nuso-orsak-codebook-2025.1-${crosswalk}.${format}`);
      const argv = ['export', '--codebook', 'c.json', '--format', format, '--crosswalk', crosswalk];
      if (format === 'html') argv.push('--mapping', 'm.json');
      expect(app.bytes, format).toEqual(await cli(argv, files(false)));
    }
    const text = (format: 'json' | 'qdc' | 'html') =>
      new TextDecoder().decode(makeExport(source, { kind: 'codebook', format, crosswalk }).bytes);
    const json = readCodebookFile(text('json'));
    expect(json.ok && json.value.categories.map((c) => [c.code, c.parent])).toEqual([
      ['SKR-4', null],
      ['SKR-9', null],
    ]);
    expect(text('qdc')).toContain('name="SKR-9" isCodable="true"');
    // The document: B11's approved value as SKR-9's example; B15 (no code there) left out.
    const html = text('html');
    expect(html).toContain('<li>knark</li>');
    expect(html).not.toContain('Skolproblematik');
  });

  it('for the recoded data through a crosswalk: kodbok apply --codebook --crosswalk', async () => {
    const data = 'kommun,orsak\r\nGävle,Missbruk förälder\r\nÅre,knark;=1+1\r\nUmeå,skolk\r\n';
    const choice = {
      column: 'orsak',
      format: 'csv',
      long: false,
      labels: false,
      crosswalk: 'skr-basinformation',
    } as const;
    const table = readTableFile('d.csv', new TextEncoder().encode(data));
    const spec = recodeSpecOf(source, choice);
    const app = recodedFile('d.csv', recodeTable(table.headers, table.rows, spec), choice);
    expect(app.name).toBe('d-recoded-skr-basinformation.csv');
    const argv = ['apply', '--mapping', 'm.json', '--codebook', 'c.json', '--input', 'd.csv'];
    argv.push('--column', 'orsak', '--crosswalk', 'skr-basinformation');
    const line = await cli(argv, { ...files(false), 'd.csv': data });
    expect(app.bytes).toEqual(line);
    expect(new TextDecoder().decode(line).split('\r\n').slice(1, 4)).toEqual([
      'Gävle,Missbruk förälder,SKR-4',
      'Åre,knark;=1+1,SKR-9',
      'Umeå,skolk,',
    ]);
    // With labels: those of the other codebook as seen from this one (its codes).
    const labelled = recodeTable(
      table.headers,
      table.rows,
      recodeSpecOf(source, { ...choice, labels: true }),
    );
    expect(labelled.rows[0]?.slice(2)).toEqual(['SKR-4', 'SKR-4']);
  });

  it('for frequency tables by municipality, through a crosswalk too', async () => {
    // The rows the stored cells stand for, as a file the command line reads.
    const rows: string[][] = [];
    for (const c of cells)
      for (const [m, n] of c.munis) for (let i = 0; i < n; i++) rows.push([m, c.cell]);
    const data = writeCsv(['municipality', 'orsak'], rows, { neutraliseFormulas: false });
    const approved = { ...files(false), 'd.csv': data };
    for (const choice of [
      { kind: 'frequencies', format: 'csv', byMunicipality: true },
      {
        kind: 'frequencies',
        format: 'xlsx',
        byMunicipality: true,
        crosswalk: 'skr-basinformation',
      },
    ] satisfies ExportChoice[]) {
      const argv = [
        'frequencies',
        '--mapping',
        'm.json',
        '--codebook',
        'c.json',
        '--input',
        'd.csv',
      ];
      argv.push('--column', 'orsak', '--by', 'municipality', '--format', choice.format);
      if (choice.crosswalk) argv.push('--crosswalk', choice.crosswalk);
      expect(makeExport(source, choice).bytes, choice.format).toEqual(await cli(argv, approved));
    }
  });
});
