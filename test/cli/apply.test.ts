// A researcher recodes a municipality's file from the team's approved mapping, then reads the
// result in R. `kodbok apply` per FORMATS.md: every column kept, NAME_code added, a summary on
// stderr; bad input gives one line on stderr, exit 2, and writes nothing.
import { describe, expect, it } from 'vitest';
import { APPLY_USAGE, apply } from '../../src/cli/apply';
import { UsageError, type CliIo } from '../../src/cli/io';
import { parseCsv } from '../../src/io/csv';
import { fixture } from '../support/io-fixtures';

const utf8 = (text: string) => new TextEncoder().encode(text);

interface Run {
  status: number;
  stdout: string;
  stderr: string;
  written: Map<string, string>;
}

/** Runs apply as runCli does (UsageError → one line on stderr, exit 2) on in-memory files. */
async function run(argv: string[], files: Record<string, Uint8Array | string>): Promise<Run> {
  const out: Run = { status: 0, stdout: '', stderr: '', written: new Map() };
  const io: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    readFile: async (path) => {
      const f = Object.hasOwn(files, path) ? files[path] : undefined;
      if (f === undefined)
        throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), {
          code: 'ENOENT',
        });
      return typeof f === 'string' ? utf8(f) : f;
    },
    writeFile: async (path, data) =>
      void out.written.set(path, typeof data === 'string' ? data : new TextDecoder().decode(data)),
  };
  try {
    out.status = await apply(argv, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`kodbok: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
    out.status = 2;
  }
  return out;
}

type Entry = { raw: string; code: string; status: string };
function mapping(entries: Entry[], split?: { separators: string[]; protect?: string[] }): string {
  return JSON.stringify({
    format: 'kodbok/mapping',
    formatVersion: 1,
    variable: 'aktualiseringsorsak',
    codebook: { id: 'nuso-orsak', version: '2025.1' },
    exportedAt: '2026-11-23T10:00:00Z',
    ...(split ? { split } : {}),
    entries,
  });
}

const ORSAK = mapping(
  [
    { raw: 'Missbruk förälder', code: 'H07', status: 'approved' },
    { raw: 'Missbruk BoU – Barnet/den unge', code: 'B11', status: 'approved' },
    { raw: 'Skolproblem', code: 'B15', status: 'approved' },
    { raw: 'ÅÄÖ åäö: Bristande omsorg', code: 'H01', status: 'suggested' },
  ],
  { separators: [';', '–'], protect: ['Missbruk BoU – Barnet/den unge'] },
);

describe('kodbok apply', () => {
  it('recodes an Excel-on-Windows CSV (Windows-1252, ";"), splitting as the mapping says and keeping protected values whole', async () => {
    const r = await run(['--mapping', 'm.json', '--input', 'gavle.csv', '--column', 'orsak'], {
      'm.json': ORSAK,
      'gavle.csv': fixture('cp1252-semicolon.csv'),
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      'kommun,orsak,antal,orsak_code\r\n' +
        'Gävle,Missbruk förälder,12,H07\r\n' +
        'Åre,Missbruk BoU – Barnet/den unge; Skolproblem,3,B11|B15\r\n' +
        // Only approved entries count: the suggested H01 is not applied.
        'Örebro,ÅÄÖ åäö: Bristande omsorg,1,\r\n',
    );
    expect(r.stderr).toMatch(
      /^kodbok apply: gavle\.csv \(windows-1252, delimiter ";"\): 3 rows, 2 fully coded \(66\.7%\), 0 partly coded, 1 not coded, 0 with an empty "orsak"; 3 distinct cells, 2 fully coded/,
    );
    expect(r.written.size).toBe(0);
  });

  it('lets --split override the mapping’s separators, still honouring its protected values', async () => {
    const files = {
      'm.json': ORSAK,
      'd.csv':
        'id,orsak\n1,"Skolproblem, Missbruk BoU – Barnet/den unge"\n2,Missbruk förälder – Skolproblem\n',
    };
    const r = await run(
      ['--mapping', 'm.json', '--input', 'd.csv', '--column', 'orsak', '--split', ', ;'],
      files,
    );
    expect(r.status).toBe(0);
    // `–` is no separator now: row 2 is one value, unknown to the mapping.
    expect(parseCsv(r.stdout).rows.map((row) => row[2])).toEqual(['B15|B11', '']);
    const unsplit = await run(
      ['--mapping', 'm.json', '--input', 'd.csv', '--column', 'orsak', '--split='],
      files,
    );
    expect(parseCsv(unsplit.stdout).rows.map((row) => row[2])).toEqual(['', '']);
  });

  it('does not split cells when neither the mapping nor --split says how', async () => {
    const m = mapping([
      { raw: 'a;b', code: 'X', status: 'approved' },
      { raw: 'a', code: 'Y', status: 'approved' },
    ]);
    const r = await run(['--mapping', 'm.json', '--input', 'd.csv', '--column', 'v'], {
      'm.json': m,
      'd.csv': 'v\n"a;b"\na\n',
    });
    expect(parseCsv(r.stdout, { delimiter: ',' }).rows).toEqual([
      ['a;b', 'X'],
      ['a', 'Y'],
    ]);
  });

  it('writes the codes of the coded atoms of a partly coded cell, each code once, and counts the cell as partly coded', async () => {
    const m = mapping(
      [
        { raw: 'Missbruk förälder', code: 'H07', status: 'approved' },
        { raw: 'Missbruk VH', code: 'H07', status: 'approved' },
        { raw: 'Skolproblem', code: 'B15', status: 'approved' },
      ],
      { separators: [';'] },
    );
    const data =
      'orsak\nMissbruk förälder; Okänt\nMissbruk förälder; Missbruk VH; Skolproblem\nOkänt\n\n;\n';
    const r = await run(['--mapping', 'm.json', '--input', 'd.csv', '--column', 'orsak'], {
      'm.json': m,
      'd.csv': data,
    });
    expect(parseCsv(r.stdout).rows.map((row) => row[1])).toEqual(['H07', 'H07|B15', '', '']);
    expect(r.stderr).toMatch(
      /4 rows, 1 fully coded \(25\.0%\), 1 partly coded, 1 not coded, 1 with an empty "orsak"; 3 distinct cells, 1 fully coded/,
    );
  });

  it('reads the first sheet of an XLSX, keeps 007 and every column, and writes --out instead of stdout', async () => {
    const m = mapping([
      { raw: 'constructor', code: 'C', status: 'approved' },
      { raw: 'Missbruk förälder', code: 'H07', status: 'approved' },
    ]);
    const r = await run(
      ['--mapping=m.json', '--input=kommun.xlsx', '--column=orsak', '--out=ut.csv'],
      {
        'm.json': m,
        'kommun.xlsx': fixture('libreoffice.xlsx'),
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.written.get('ut.csv')).toBe(
      'id,kommun,orsak,antal,orsak_code\r\n' +
        '007,Gävle,Missbruk förälder,12,H07\r\n' +
        '1e5,Åre,Missbruk BoU – Barnet/den unge; Skolproblem,3,\r\n' +
        '"  x  ",__proto__,constructor,0.5,C\r\n',
    );
    expect(r.stderr).toMatch(/kommun\.xlsx \(sheet "Orsaker"\)/);
  });

  it('codes the raw values __proto__ and constructor (a Map, never an object) and keeps formula-like data exact for R', async () => {
    const m = mapping([
      { raw: '__proto__', code: 'P', status: 'approved' },
      { raw: '=1+1', code: 'F', status: 'approved' },
    ]);
    const r = await run(['--mapping', 'm.json', '--input', 'd.tsv', '--column', 'v'], {
      'm.json': m,
      'd.tsv': 'v\tn\n__proto__\t-5\nconstructor\t@x\n=1+1\t1\n',
    });
    expect(r.stdout).toBe('v,n,v_code\r\n__proto__,-5,P\r\nconstructor,@x,\r\n=1+1,1,F\r\n');
  });

  it('takes the header from --header-row N, as the app’s import does (issue 14 item 5)', async () => {
    const m = mapping([{ raw: 'a', code: 'A', status: 'approved' }]);
    const files = { 'm.json': m, 'd.csv': 'Rapport 2025;;\nid;v;n\n1;a;2\n' };
    const r = await run(
      ['--mapping', 'm.json', '--input', 'd.csv', '--column', 'v', '--header-row', '2'],
      files,
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('id,v,n,v_code\r\n1,a,2,A\r\n');
    const wrong = await run(
      ['--mapping', 'm.json', '--input', 'd.csv', '--column', 'v', '--header-row=0'],
      files,
    );
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/--header-row must be a row number \(1, 2, …\), not "0"/);
  });

  it('pads short rows, and says so', async () => {
    const m = mapping([{ raw: 'a', code: 'A', status: 'approved' }]);
    const r = await run(['--mapping', 'm.json', '--input', 'd.csv', '--column', 'v'], {
      'm.json': m,
      'd.csv': 'id,v,n\n1,a\n2,a,3\n',
    });
    expect(r.stdout).toBe('id,v,n,v_code\r\n1,a,,A\r\n2,a,3,A\r\n');
    expect(r.stderr).toMatch(/warning: d\.csv: row 2 has 2 cells/);
    expect(r.stderr).toMatch(/1 short row\(s\) padded/);
  });
});

describe('kodbok apply refuses bad input: one line on stderr, exit 2, nothing written', () => {
  const good = { 'm.json': ORSAK, 'd.csv': 'id,orsak\n1,Skolproblem\n' };
  const cases: Array<[string, string[], Record<string, Uint8Array | string>, RegExp]> = [
    ['no options', [], good, /--mapping is missing/],
    ['a missing option', ['--mapping', 'm.json', '--input', 'd.csv'], good, /--column is missing/],
    [
      'an unknown option',
      ['--mapping', 'm.json', '--input', 'd.csv', '--column', 'orsak', '--sheet', '2'],
      good,
      /unknown option --sheet/,
    ],
    [
      'an option twice',
      ['--mapping', 'm.json', '--mapping', 'm.json', '--input', 'd.csv', '--column', 'orsak'],
      good,
      /--mapping is given twice/,
    ],
    [
      'an option without its value',
      ['--mapping', 'm.json', '--input', 'd.csv', '--column'],
      good,
      /--column needs a value/,
    ],
    [
      'a stray argument',
      ['--mapping', 'm.json', '--input', 'd.csv', '--column', 'orsak', 'extra'],
      good,
      /unexpected argument "extra"/,
    ],
    [
      'a missing mapping file',
      ['--mapping', 'nej.json', '--input', 'd.csv', '--column', 'orsak'],
      good,
      /cannot read nej\.json: no such file/,
    ],
    [
      'a missing input file',
      ['--mapping', 'm.json', '--input', 'nej.csv', '--column', 'orsak'],
      good,
      /cannot read nej\.csv: no such file/,
    ],
    [
      'a column that is not there',
      ['--mapping', 'm.json', '--input', 'd.csv', '--column', 'Orsak'],
      good,
      /d\.csv has no column "Orsak"; its columns are "id", "orsak"/,
    ],
    [
      'an invalid mapping',
      ['--mapping', 'm.json', '--input', 'd.csv', '--column', 'orsak'],
      { ...good, 'm.json': '{"format":"kodbok/codebook","formatVersion":1}' },
      /m\.json is not a valid mapping file/,
    ],
    [
      'a mapping that is not JSON',
      ['--mapping', 'm.json', '--input', 'd.csv', '--column', 'orsak'],
      { ...good, 'm.json': '{nej' },
      /m\.json is not a valid mapping file: not valid JSON/,
    ],
    [
      'an input with an unterminated quote',
      ['--mapping', 'm.json', '--input', 'k.csv', '--column', 'namn', '--out', 'ut.csv'],
      { ...good, 'k.csv': fixture('unterminated-quote.csv') },
      /k\.csv: row 3: a quoted cell is never closed/,
    ],
    [
      'a password-protected workbook',
      ['--mapping', 'm.json', '--input', 'h.xlsx', '--column', 'orsak'],
      { ...good, 'h.xlsx': fixture('password.xlsx') },
      /h\.xlsx: the workbook is password-protected/,
    ],
    [
      'a binary file',
      ['--mapping', 'm.json', '--input', 'b.csv', '--column', 'orsak'],
      { ...good, 'b.csv': Uint8Array.of(0, 1, 2, 3, 0, 0, 9) },
      /b\.csv: the file is binary data/,
    ],
    [
      'a row with extra non-empty cells',
      ['--mapping', 'm.json', '--input', 'd.csv', '--column', 'orsak', '--out', 'ut.csv'],
      { ...good, 'd.csv': 'id,orsak\n1,a\n2,b,c\n' },
      /row 3 has 3 cells but the header has 2/,
    ],
    [
      'an input that already has the code column',
      ['--mapping', 'm.json', '--input', 'd.csv', '--column', 'orsak'],
      { ...good, 'd.csv': 'orsak,orsak_code\na,\n' },
      /already has a column "orsak_code"/,
    ],
    [
      'two columns of that name',
      ['--mapping', 'm.json', '--input', 'd.csv', '--column', 'orsak'],
      { ...good, 'd.csv': 'orsak,orsak\na,b\n' },
      /2 columns named "orsak" \(columns 1, 2\)/,
    ],
  ];

  it.each(cases)('%s', async (_name, argv, files, message) => {
    const r = await run(argv, files);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.written.size).toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr.endsWith('\n')).toBe(true);
  });

  it('names the usage in argument errors', async () => {
    expect((await run(['--input', 'd.csv'], good)).stderr).toContain(APPLY_USAGE);
  });
});
