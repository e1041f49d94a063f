// A researcher exports from the command line and opens the files in the programs they use:
// pandas reads the CSVs and the SSSOM table, openpyxl the workbook, xmllint checks the QDC
// against REFI-QDA's schema. Bad input: one line on stderr, exit 2, nothing written.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/main';
import { nodeIo } from '../../src/cli/node-io';
import { writeMappingFile } from '../../src/core/formats/mapping';
import { writeCodebookFile } from '../../src/core/formats/codebook';
import { aktualiseringsorsak } from '../../src/core/demo/codebook-orsak';
import { CODEBOOK, MAPPING } from '../core/export/fixtures';
import { python3, qdcSchemaErrors, scratchDir, writeScratch } from '../support/readers';

const DEV_SET = new URL('../../../shared/dev-set/', import.meta.url).pathname;

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function kodbok(...argv: string[]): Promise<Run> {
  const run: Run = { status: 0, stdout: '', stderr: '' };
  const io: CliIo = {
    ...nodeIo,
    stdout: (t) => void (run.stdout += t),
    stderr: (t) => void (run.stderr += t),
  };
  run.status = await runCli(argv, io);
  return run;
}

/** `kodbok export` of the test mapping and codebook to a file in the scratch folder. */
function exportMapping(format: string, file: string, ...more: string[]): Promise<Run> {
  return kodbok(
    'export',
    '--mapping',
    mapping,
    '--codebook',
    codebook,
    '--format',
    format,
    '--out',
    out(file),
    ...more,
  );
}

let dir: string;
let mapping: string;
let codebook: string;
beforeAll(() => {
  dir = scratchDir();
  mapping = writeScratch(dir, 'mapping.json', writeMappingFile(MAPPING));
  codebook = writeScratch(dir, 'codebook.json', writeCodebookFile(CODEBOOK));
});

const out = (name: string) => join(dir, name);

describe('kodbok export: the mapping', () => {
  it('writes CSV that pandas reads with the documented columns, formulas neutralised, å ä ö intact', async () => {
    for (const [format, file] of [
      ['csv', 'm.csv'],
      ['csv-excel', 'm-excel.csv'],
    ] as const) {
      const r = await exportMapping(format, file);
      expect(r.status, r.stderr).toBe(0);
    }
    const frames = python3<Record<string, string>[][]>(
      `import sys, json, pandas as pd
a = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
b = pd.read_csv(sys.argv[2], sep=';', encoding='utf-8-sig', dtype=str, keep_default_na=False)
print(json.dumps([a.to_dict('records'), b.to_dict('records')]))`,
      out('m.csv'),
      out('m-excel.csv'),
    );
    const [plain, excel] = frames;
    expect(excel).toEqual(plain);
    expect(Object.keys(plain?.[0] ?? {})).toEqual([
      'raw',
      'code',
      'label',
      'group_code',
      'group_label',
      'status',
      'status_code',
      'frequency',
      'municipalities',
      'coded_by',
      'reviewed_by',
      'updated',
      'note',
      'codebook_version',
      'codebook_revision',
    ]);
    expect(plain?.[0]).toMatchObject({
      raw: 'Missbruk förälder',
      code: 'H07',
      label: 'Skadligt bruk hos förälder',
      group_label: 'Hemmiljö',
      status: 'Godkänd',
      status_code: 'approved',
      frequency: '120',
      municipalities: '14',
      codebook_version: '2025.1',
    });
    expect(plain?.map((row) => row.raw)).toEqual([
      'Missbruk förälder',
      "'=1+1",
      'skolk',
      'Hemmiljö: missbruk',
      '__proto__',
    ]);
  });

  it('writes a workbook openpyxl reads: text stays text (no formula), counts are numbers', async () => {
    const r = await exportMapping('xlsx', 'm.xlsx', '--lang', 'en');
    expect(r.status, r.stderr).toBe(0);
    const sheet = python3<{ title: string; rows: unknown[][]; types: string[] }>(
      `import sys, json, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = [[c.value for c in row] for row in ws.iter_rows()]
print(json.dumps({'title': ws.title, 'rows': rows, 'types': [c.data_type for c in ws[3]]}))`,
      out('m.xlsx'),
    );
    expect(sheet.title).toBe('mapping');
    expect(sheet.rows[0]?.slice(0, 3)).toEqual(['raw', 'code', 'label']);
    expect(sheet.rows[1]?.slice(5, 9)).toEqual(['Approved', 'approved', 120, 14]);
    expect(sheet.rows[2]?.[0]).toBe('=1+1');
    expect(sheet.types[0]).toBe('s'); // a string cell, not a formula ('f')
  });

  it('writes SSSOM TSV whose metadata block and columns SSSOM requires, read by PyYAML and pandas', async () => {
    const r = await exportMapping('sssom', 'm.sssom.tsv');
    expect(r.status, r.stderr).toBe(0);
    const read = python3<{
      meta: Record<string, unknown>;
      columns: string[];
      rows: Record<string, string>[];
    }>(
      `import sys, json, yaml, pandas as pd
text = open(sys.argv[1], encoding='utf-8').read()
meta = yaml.safe_load('\\n'.join(l[2:] for l in text.splitlines() if l.startswith('#')))
df = pd.read_csv(sys.argv[1], sep='\\t', comment='#', dtype=str, keep_default_na=False)
print(json.dumps({'meta': meta, 'columns': list(df.columns), 'rows': df.to_dict('records')}))`,
      out('m.sssom.tsv'),
    );
    expect(read.meta).toMatchObject({
      mapping_set_id: 'urn:kodbok:mapping:nuso-orsak:aktualiseringsorsak:2025.1',
      license: 'https://w3id.org/sssom/license/unspecified',
    });
    const curies = read.meta.curie_map as Record<string, string>;
    for (const column of ['subject_id', 'predicate_id', 'object_id', 'mapping_justification'])
      expect(read.columns).toContain(column);
    for (const row of read.rows) {
      for (const id of [
        row.subject_id,
        row.predicate_id,
        row.object_id,
        row.mapping_justification,
      ]) {
        const prefix = (id ?? '').split(':')[0] ?? '';
        expect(curies[prefix], `${id} has a prefix of curie_map`).toBeDefined();
      }
      expect(decodeURIComponent((row.subject_id ?? '').slice('kodbokraw:'.length))).toBe(
        row.subject_label,
      );
    }
    expect(read.rows.map((row) => row.mapping_justification)).toEqual([
      'semapv:ManualMappingCuration',
      'semapv:ManualMappingCuration',
      'semapv:LexicalMatching',
      'semapv:ManualMappingCuration',
      'semapv:ManualMappingCuration',
    ]);
  });
});

describe('kodbok export: the codebook', () => {
  it('writes REFI-QDA codebooks valid against Codebook.xsd, for the test codebook and both dev-set codebooks', async () => {
    const books = [
      codebook,
      join(DEV_SET, 'orsak_codebook.json'),
      join(DEV_SET, 'atgard_codebook.json'),
    ];
    for (const [i, book] of books.entries()) {
      const file = out(`c${i}.qdc`);
      const r = await kodbok('export', '--codebook', book, '--format', 'qdc', '--out', file);
      expect(r.status, r.stderr).toBe(0);
      expect(qdcSchemaErrors(file)).toBeNull();
    }
    // Exported again: the same file, so a QDA program recognises the same codes.
    const again = await kodbok('export', '--codebook', codebook, '--format', 'qdc');
    expect(again.stdout).toBe(readFileSync(out('c0.qdc'), 'utf8'));
  });

  it('writes the codebook as CSV that pandas reads, and as HTML with examples from the mapping', async () => {
    const csv = await kodbok(
      'export',
      '--codebook',
      codebook,
      '--format',
      'csv',
      '--out',
      out('c.csv'),
    );
    expect(csv.status, csv.stderr).toBe(0);
    const rows = python3<Record<string, string>[]>(
      `import sys, json, pandas as pd
print(json.dumps(pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False).to_dict('records')))`,
      out('c.csv'),
    );
    expect(rows.map((r) => [r.code, r.is_group, r.group_code])).toEqual([
      ['HEM', 'yes', ''],
      ['H07', 'no', 'HEM'],
      ['BRN', 'yes', ''],
      ['B11', 'no', 'BRN'],
      ['B15', 'no', 'BRN'],
    ]);
    const html = await kodbok(
      'export',
      '--codebook',
      codebook,
      '--mapping',
      mapping,
      '--format',
      'html',
      '--lang',
      'en',
    );
    expect(html.status, html.stderr).toBe(0);
    expect(html.stdout).toContain('<li>Missbruk förälder</li>');
    expect(html.stdout).toContain('one approved value in 120 rows');
  });
});

describe('kodbok export: the codebook through a crosswalk (issue 11 item 5)', () => {
  it('writes the other codebook as seen from this one: REFI-QDA valid against Codebook.xsd, JSON that validates, HTML', async () => {
    const demo = writeScratch(dir, 'orsak.json', writeCodebookFile(aktualiseringsorsak));
    for (const [i, book] of [codebook, demo].entries()) {
      const file = out(`x${i}.qdc`);
      const r = await kodbok(
        ...['export', '--codebook', book, '--format', 'qdc', '--crosswalk', 'skr-basinformation'],
        ...['--out', file],
      );
      expect(r.status, r.stderr).toBe(0);
      expect(qdcSchemaErrors(file)).toBeNull();
      // Categories without a code there are left out, and said so.
      expect(r.stderr).toMatch(
        /warning: \d+ categor(y has|ies have) no code in "skr-basinformation" \(.*B15.*\); left out of the file/,
      );
    }
    const qdc = readFileSync(out('x1.qdc'), 'utf8');
    expect(qdc).toContain('name="Utsatt för våld/övergrepp" isCodable="true"');
    expect(qdc).toMatch(
      /<Description>H02 Fysiskt\/psykiskt våld mot barnet: [^\n]*\nH03 Sexuellt våld/,
    );

    const json = await kodbok(
      ...['export', '--codebook', demo, '--format', 'json', '--crosswalk', 'skr-basinformation'],
      ...['--out', out('x.json')],
    );
    expect(json.status, json.stderr).toBe(0);
    const valid = await kodbok('validate', out('x.json'));
    expect(valid.status, valid.stdout + valid.stderr).toBe(0);
    const read = JSON.parse(readFileSync(out('x.json'), 'utf8')) as {
      id: string;
      categories: { code: string }[];
    };
    expect(read.id).toBe('skr-basinformation-via-kodbok-orsak');
    expect(read.categories).toHaveLength(8);

    const html = await kodbok(
      ...['export', '--codebook', codebook, '--mapping', mapping, '--format', 'html'],
      ...['--crosswalk', 'skr-basinformation', '--lang', 'en'],
    );
    expect(html.status, html.stderr).toBe(0);
    expect(html.stdout).toContain('<h2 id="c-SKR-4">SKR-4</h2>');
    expect(html.stdout).toContain('<li>Missbruk förälder</li>');
    expect(html.stdout).toContain('one approved value in 120 rows');
  });
});

describe('kodbok apply through a crosswalk (issue 11 item 5)', () => {
  it('writes the other codebook’s codes and names the categories without one', async () => {
    const data = writeScratch(dir, 'x.csv', 'orsak\nMissbruk förälder\nskolk\n');
    const approved = writeScratch(
      dir,
      'approved.json',
      writeMappingFile({
        ...MAPPING,
        entries: [
          { raw: 'Missbruk förälder', code: 'H07', status: 'approved' },
          { raw: 'skolk', code: 'B15', status: 'approved' },
        ],
      }),
    );
    const r = await kodbok(
      ...['apply', '--mapping', approved, '--codebook', codebook, '--input', data],
      ...['--column', 'orsak', '--crosswalk', 'skr-basinformation'],
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('orsak,orsak_code\r\nMissbruk förälder,SKR-4\r\nskolk,\r\n');
    expect(r.stderr).toContain(
      'kodbok apply: warning: 1 category has no code in "skr-basinformation" (B15); values so coded get an empty code',
    );
  });
});

describe('kodbok frequencies', () => {
  it('counts rows per category by a column as named in the input, uncoded rows under an empty code', async () => {
    const data = writeScratch(
      dir,
      'data.csv',
      'kommun;orsak\r\nGävle;Missbruk förälder\r\nGävle;"knark; Missbruk förälder"\r\nÅre;okänt\r\nÅre;\r\n',
    );
    const r = await kodbok(
      'frequencies',
      '--mapping',
      mapping,
      '--input',
      data,
      '--column',
      'orsak',
      '--by',
      'kommun',
      '--split',
      ';',
      '--out',
      out('f.csv'),
    );
    expect(r.status, r.stderr).toBe(0);
    const rows = python3<Record<string, unknown>[]>(
      `import sys, json, pandas as pd
df = pd.read_csv(sys.argv[1], keep_default_na=False)
print(json.dumps(df.to_dict('records')))`,
      out('f.csv'),
    );
    expect(Object.keys(rows[0] ?? {}).slice(0, 5)).toEqual([
      'kommun',
      'code',
      'label',
      'rows',
      'share',
    ]);
    const counted = rows
      .filter((row) => row.rows !== 0)
      .map((row) => [row.kommun, row.code, row.rows, row.share]);
    // `knark` is not in the mapping: Gävle's second row counts under H07 and as uncoded.
    expect(counted).toEqual([
      ['Gävle', 'H07', 2, 1],
      ['Gävle', '', 1, 0.5],
      ['Åre', '', 2, 1],
    ]);
  });

  it('reads several files, with labels and zero lines from --codebook', async () => {
    const a = writeScratch(dir, 'a.csv', 'orsak\nMissbruk förälder\n');
    const b = writeScratch(dir, 'b.csv', 'orsak\n=1+1\n');
    const r = await kodbok(
      'frequencies',
      '--mapping',
      mapping,
      '--codebook',
      codebook,
      '--input',
      a,
      b,
      '--column',
      'orsak',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
    // `=1+1` is only coded, not approved: uncoded.
    expect(r.stdout).toBe(
      'code,label,rows,share,group_code,group_label\r\n' +
        'H07,Skadligt bruk hos förälder,1,0.5,HEM,Hemmiljö\r\n' +
        'B11,Skadligt bruk och beroende,0,0,BRN,Barnets eget beteende\r\n' +
        'B15,Skolproblematik,0,0,BRN,Barnets eget beteende\r\n' +
        ',(utan godkänd kod),1,0.5,,\r\n',
    );
  });
});

describe('kodbok frequencies by year', () => {
  it('groups by the year a date column names, and names the rows that name none', async () => {
    const data = writeScratch(
      dir,
      'dated.csv',
      'datum;orsak\r\n2023-01-15;Missbruk förälder\r\n2023-11-02;Missbruk förälder\r\n' +
        '1/5/2024;Missbruk förälder\r\nokänt;Missbruk förälder\r\n',
    );
    const r = await kodbok(
      ...['frequencies', '--mapping', mapping, '--input', data, '--column', 'orsak'],
      ...['--by-year', 'datum', '--split', ';'],
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe('datum_year,code,label,rows,share,group_code,group_label');
    // The lines that count rows (each year also has an uncoded line of 0 rows).
    expect(lines.filter((l) => /^[^,]*,H07,/u.test(l))).toEqual([
      ',H07,,1,1,,',
      '2023,H07,,2,1,,',
      '2024,H07,,1,1,,',
    ]);
    expect(r.stderr).toContain(
      `kodbok frequencies: warning: 1 row(s) name no year in column "datum" (${data}:5); counted under an empty year`,
    );
  });

  it('refuses --by and --by-year together', async () => {
    const data = writeScratch(dir, 'both.csv', 'datum,orsak\n2023,x\n');
    const r = await kodbok(
      ...['frequencies', '--mapping', mapping, '--input', data, '--column', 'orsak'],
      ...['--by', 'datum', '--by-year', 'datum'],
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--by and --by-year cannot both be given');
  });
});

describe('kodbok frequencies with another codebook', () => {
  it('warns when the mapping was made for another codebook, and still counts', async () => {
    const a = writeScratch(dir, 'other.csv', 'orsak\nMissbruk förälder\n');
    const other = join(DEV_SET, 'orsak_codebook.json');
    const r = await kodbok(
      'frequencies',
      '--mapping',
      mapping,
      '--codebook',
      other,
      '--input',
      a,
      '--column',
      'orsak',
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /^kodbok frequencies: warning: the mapping was made for codebook "nuso-orsak", not "ref-orsak"\n/,
    );
    expect(r.stdout).toContain('H07,');
  });
});

describe('kodbok frequencies by a second coded variable', () => {
  it('counts by the approved codes of the --by column when --by-mapping is given', async () => {
    const kon = writeScratch(
      dir,
      'kon.json',
      writeMappingFile({
        variable: 'kön',
        codebook: { id: 'kon' },
        entries: [
          { raw: 'f', code: 'F', status: 'approved' },
          { raw: 'flicka', code: 'F', status: 'approved' },
          { raw: 'P', code: 'P', status: 'approved' },
        ],
      }),
    );
    const data = writeScratch(
      dir,
      'kon.csv',
      'kön,orsak\nf,Missbruk förälder\nflicka,Missbruk förälder\nP,okänt\n?,Missbruk förälder\n',
    );
    const r = await kodbok(
      'frequencies',
      '--mapping',
      mapping,
      '--input',
      data,
      '--column',
      'orsak',
      '--by',
      'kön',
      '--by-mapping',
      kon,
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('kön_code,code,label,rows,share,group_code,group_label');
    expect(r.stderr).toBe('kodbok frequencies: 4 rows of 1 file(s) counted\n');
    // `?` has no approved code: its rows are under an empty kön_code, not dropped.
    expect(lines.slice(1).filter((l) => !l.includes(',0,0,'))).toEqual([
      ',H07,,1,1,,',
      'F,H07,,2,1,,',
      'P,,(utan godkänd kod),1,1,,',
    ]);
  });
});

describe('bad input', () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      'an unknown format',
      () => ['export', '--codebook', codebook, '--format', 'pdf', '--out', out('bad')],
      /--format must be one of/,
    ],
    [
      'no codebook',
      () => ['export', '--mapping', mapping, '--format', 'csv', '--out', out('bad')],
      /--codebook is missing/,
    ],
    [
      'a missing file',
      () => [
        'export',
        '--codebook',
        join(dir, 'nope.json'),
        '--format',
        'qdc',
        '--out',
        out('bad'),
      ],
      /cannot read .*nope\.json: no such file/,
    ],
    [
      'a mapping given as codebook',
      () => ['export', '--codebook', mapping, '--format', 'qdc', '--out', out('bad')],
      /is not a valid codebook file/,
    ],
    [
      'XLSX to the terminal',
      () => ['export', '--mapping', mapping, '--codebook', codebook, '--format', 'xlsx'],
      /cannot go to the terminal/,
    ],
    [
      'an unknown crosswalk',
      () => [
        'export',
        '--mapping',
        mapping,
        '--codebook',
        codebook,
        '--format',
        'csv',
        '--crosswalk',
        'nope',
        '--out',
        out('bad'),
      ],
      /has no crosswalk to "nope"; it has crosswalks to skr-basinformation/,
    ],
    [
      'a crosswalk for the codebook as REFI-QDA to a codebook it has none to',
      () => [
        'export',
        '--codebook',
        codebook,
        '--format',
        'qdc',
        '--crosswalk',
        'nope',
        '--out',
        out('bad'),
      ],
      /has no crosswalk to "nope"/,
    ],
    [
      'apply through a crosswalk without the codebook that holds it',
      () => [
        'apply',
        '--mapping',
        mapping,
        '--input',
        join(dir, 'a.csv'),
        '--column',
        'orsak',
        '--crosswalk',
        'skr-basinformation',
        '--out',
        out('bad'),
      ],
      /--crosswalk needs --codebook/,
    ],
    [
      'apply through an unknown crosswalk',
      () => [
        'apply',
        '--mapping',
        mapping,
        '--codebook',
        codebook,
        '--input',
        join(dir, 'a.csv'),
        '--column',
        'orsak',
        '--crosswalk',
        'nope',
        '--out',
        out('bad'),
      ],
      /apply: codebook "nuso-orsak" has no crosswalk to "nope"/,
    ],
    [
      'SSSOM without a mapping',
      () => ['export', '--codebook', codebook, '--format', 'sssom', '--out', out('bad')],
      /give --mapping too/,
    ],
    [
      'a column the input lacks',
      () => [
        'frequencies',
        '--mapping',
        mapping,
        '--input',
        join(dir, 'a.csv'),
        '--column',
        'kön',
        '--out',
        out('bad'),
      ],
      /has no column "kön"; its columns are "orsak"/,
    ],
    [
      'frequencies without --input',
      () => ['frequencies', '--mapping', mapping, '--column', 'orsak', '--out', out('bad')],
      /--input is missing/,
    ],
  ];
  for (const [what, argv, message] of cases) {
    it(`refuses ${what}: one line, exit 2, nothing written`, async () => {
      writeScratch(dir, 'a.csv', 'orsak\nMissbruk förälder\n');
      const r = await kodbok(...argv());
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
      expect(existsSync(out('bad'))).toBe(false);
    });
  }
});
