import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { lyingZipBomb } from '../hostile/corpus';
import { guessColumns, type ColumnMapping } from '../../src/core/import-columns';
import { valueCounts } from '../../src/core/import-count';
import {
  ImportSession,
  MAX_VALUE_CHARS,
  inspectFile,
  type FileInspection,
  type Outcome,
  type ReadPlan,
} from '../../src/workers/import-session';

// The import worker's handlers as plain functions, on files other tools wrote (Python's csv
// module in cp1252, Excel-style UTF-8 with BOM, LibreOffice) and on broken ones: each is read
// exactly, or refused with a message naming the file (and the row).

const fixture = (name: string) =>
  new Blob([readFileSync(new URL(`../fixtures/io/${name}`, import.meta.url))]);
const text = (s: string) => new Blob([new TextEncoder().encode(s)]);
const variables = [
  { id: 'aktualiseringsorsak', label: 'Aktualiseringsorsak' },
  { id: 'åtgärd', label: 'Åtgärd' },
];

function ok<T>(o: Outcome<T>): T {
  if (!o.ok) throw new Error(o.problem.message);
  return o.value;
}

function plan(inspection: FileInspection, mapping: ColumnMapping, municipality: string): ReadPlan {
  return { settings: {}, mapping, municipality, headers: inspection.headers };
}

describe('inspecting files', () => {
  it('reads a cp1252 `;` CSV written by Python: å ä ö right, the quoted `;` kept in its cell', async () => {
    const i = ok(await inspectFile(fixture('cp1252-semicolon.csv'), 'Gävle.csv'));
    expect(i).toMatchObject({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
      delimiterAmbiguous: false,
      headers: ['kommun', 'orsak', 'antal'],
      headerRow: 1,
      truncated: false,
    });
    expect(i.preview).toEqual([
      ['Gävle', 'Missbruk förälder', '12'],
      ['Åre', 'Missbruk BoU – Barnet/den unge; Skolproblem', '3'],
      ['Örebro', 'ÅÄÖ åäö: Bristande omsorg', '1'],
    ]);
  });

  it('reads UTF-8 with a BOM and a LibreOffice workbook (its sheets listed)', async () => {
    const bom = ok(await inspectFile(fixture('utf8-bom-comma.csv'), 'a.csv'));
    expect(bom).toMatchObject({ encoding: 'utf-8-bom', delimiter: ',' });
    expect(bom.preview[1]?.[1]).toBe('Missbruk BoU – Barnet/den unge; Skolproblem');
    const book = ok(await inspectFile(fixture('libreoffice.xlsx'), 'b.xlsx'));
    expect(book).toMatchObject({
      format: 'workbook',
      sheets: ['Orsaker', 'Blad2'],
      sheet: 'Orsaker',
    });
    expect(book.preview[0]).toEqual(['007', 'Gävle', 'Missbruk förälder', '12']);
    const second = ok(await inspectFile(fixture('libreoffice.xlsx'), 'b.xlsx', { sheet: 'Blad2' }));
    expect(second.headers).toEqual(['åtgärd']);
  });

  it('asks to confirm an ambiguous delimiter, and takes the one chosen; a chosen header row too', async () => {
    const i = ok(await inspectFile(fixture('ambiguous.csv'), 'x.csv'));
    expect(i.delimiterAmbiguous).toBe(true);
    const chosen = ok(await inspectFile(fixture('ambiguous.csv'), 'x.csv', { delimiter: ',' }));
    expect(chosen).toMatchObject({
      delimiter: ',',
      delimiterAmbiguous: false,
      headers: ['kod;namn', 'kort'],
    });
    const second = ok(
      await inspectFile(fixture('cp1252-semicolon.csv'), 'x.csv', { headerRow: 2 }),
    );
    expect(second.headers).toEqual(['Gävle', 'Missbruk förälder', '12']);
  });

  it('refuses what is not a table, naming the file', async () => {
    const cases: [string, Blob, string][] = [
      ['tom.csv', text(''), 'empty'],
      ['trasig.xlsx', fixture('truncated.xlsx'), 'corrupt'],
      ['hemlig.xlsx', fixture('password.xlsx'), 'encrypted'],
      ['hemlig.xls', fixture('password.xls'), 'encrypted'],
      ['bomb.xlsx', fixture('zip-bomb.xlsx'), 'zip-bomb'],
      // Issue 13: parts that declare 1 000 bytes and inflate to 64 MB; was "the sheet is empty".
      ['lögn.xlsx', new Blob([lyingZipBomb() as Uint8Array<ArrayBuffer>]), 'corrupt'],
      ['bild.csv', new Blob([Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0)]), 'binary'],
      ['data.bin', new Blob([new Uint8Array(4096).map((_, i) => (i * 7) % 32)]), 'binary'],
      ['citat.csv', fixture('unterminated-quote.csv'), 'unterminated-quote'],
    ];
    for (const [name, blob, kind] of cases) {
      const out = await inspectFile(blob, name);
      expect(out.ok, name).toBe(false);
      if (!out.ok) {
        expect(out.problem.kind, name).toBe(kind);
        expect(out.problem.message.startsWith(`${name}: `), out.problem.message).toBe(true);
      }
    }
  });

  it('reads a UTF-8 file with one Windows-1252 line as UTF-8 and names the line in the preview', async () => {
    const latin1 = (t: string) => Uint8Array.from(t, (c) => c.charCodeAt(0));
    const utf8 = (t: string) => new TextEncoder().encode(t);
    const blob = new Blob([
      utf8('kommun;orsak\nGävle;Missbruk förälder\n'),
      latin1('Åre;Våld\n'),
      utf8('Umeå;Skolproblem\n'),
    ]);
    const i = ok(await inspectFile(blob, 'blandad.csv'));
    expect(i.encoding).toBe('utf-8');
    expect(i.preview).toEqual([
      ['Gävle', 'Missbruk förälder'],
      ['Åre', 'Våld'],
      ['Umeå', 'Skolproblem'],
    ]);
    expect(i.issues.map((x) => x.message)).toContain(
      'line 3 holds bytes that are not UTF-8 and was read as Windows-1252: "Åre;Våld"; check it',
    );
  });

  it('refuses a 300 MB file before reading it', async () => {
    const huge = {
      size: 300 * 1024 * 1024,
      arrayBuffer: () => Promise.reject(new Error('must not be read')),
    } as unknown as Blob;
    const out = await inspectFile(huge, 'stor.csv');
    expect(out).toMatchObject({ ok: false, problem: { kind: 'too-large', file: 'stor.csv' } });
    expect(!out.ok && out.problem.message).toMatch(/^stor\.csv: the file is 300\.0 MB/);
  });
});

describe('reading and counting files', () => {
  it('keeps the SHA-256 of a file read, and leaves a file out of the build when asked (issue 9 item 7)', async () => {
    const bytes = readFileSync(new URL('../fixtures/io/cp1252-semicolon.csv', import.meta.url));
    const blob = new Blob([bytes]);
    const i = ok(await inspectFile(blob, 'Gävle.csv'));
    const mapping = guessColumns(i.headers, variables);
    const s = new ImportSession();
    const a = ok(await s.read('a', blob, 'Gävle.csv', plan(i, mapping, 'Gävle')));
    const b = ok(await s.read('b', new Blob([bytes]), 'kopia.csv', plan(i, mapping, 'Gävle')));
    // Node's own hash of the same bytes.
    const { createHash } = await import('node:crypto');
    expect(a.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(b.sha256).toBe(a.sha256);
    const splits = new Map([['aktualiseringsorsak', { separators: [';'] }]]);
    const both = valueCounts(s.build(splits)[0]!);
    const one = valueCounts(s.build(splits, ['b'])[0]!);
    expect(both.get('Skolproblem')?.frequency).toBe(6);
    expect(one.get('Skolproblem')?.frequency).toBe(3);
  });

  it('counts a frequency list (value column + count column) per municipality', async () => {
    const blob = fixture('cp1252-semicolon.csv');
    const i = ok(await inspectFile(blob, 'Gävle.csv'));
    const mapping = guessColumns(i.headers, variables);
    expect(mapping.shape).toBe('frequencies');
    const s = new ImportSession();
    const read = ok(await s.read('f1', blob, 'Gävle.csv', plan(i, mapping, 'Gävle')));
    expect(read).toMatchObject({ shape: 'frequencies', rows: 3, weight: 16, municipalities: 3 });
    const [counted] = s.build(new Map([['aktualiseringsorsak', { separators: [';'] }]]));
    expect(valueCounts(counted!)).toEqual(
      new Map([
        ['Missbruk förälder', { frequency: 12, municipalities: 1, combinations: 1 }],
        ['Missbruk BoU – Barnet/den unge', { frequency: 3, municipalities: 1, combinations: 1 }],
        ['Skolproblem', { frequency: 3, municipalities: 1, combinations: 1 }],
        ['ÅÄÖ åäö: Bristande omsorg', { frequency: 1, municipalities: 1, combinations: 1 }],
      ]),
    );
  });

  it('counts row-level files, municipality from the file name, and previews the split over all of them', async () => {
    const s = new ImportSession();
    const files: [string, string][] = [
      [
        'Gävle.csv',
        'orsak;åtgärd\r\nMisshandel;Utredning inleds\r\n"Misshandel, Skolproblem";Utredning inleds ej\r\nMissbruk BoU – Barnet/den unge;\r\n',
      ],
      [
        'Åre.csv',
        'orsak;åtgärd\r\nSkolproblem;Utredning inleds\r\nMissbruk BoU – Barnet/den unge;Utredning inleds\r\n',
      ],
    ];
    for (const [name, body] of files) {
      const blob = text(body);
      const i = ok(await inspectFile(blob, name));
      ok(
        await s.read(
          name,
          blob,
          name,
          plan(i, guessColumns(i.headers, variables), name.replace('.csv', '')),
        ),
      );
    }
    expect(s.cells('åtgärd').get('Utredning inleds')).toBe(3);
    const proposal = s.propose('aktualiseringsorsak');
    expect(proposal.config.separators).toEqual([',']);
    const preview = s.preview('aktualiseringsorsak', { separators: [',', ' – '] });
    expect(preview.cuts.map((c) => c.value)).toEqual(['Missbruk BoU – Barnet/den unge']);
    const [orsak, atgard] = s.build(
      new Map([
        ['aktualiseringsorsak', { separators: [','] }],
        ['åtgärd', { separators: [] }],
      ]),
    );
    expect(valueCounts(orsak!).get('Missbruk BoU – Barnet/den unge')).toEqual({
      frequency: 2,
      municipalities: 2,
      combinations: 1,
    });
    expect(atgard!.emptyRows).toBe(1);
    s.forget('Åre.csv');
    expect(s.cells('åtgärd').get('Utredning inleds')).toBe(1);
  });

  it('takes the municipality from a column when mapped, and reads a workbook', async () => {
    const blob = fixture('libreoffice.xlsx');
    const i = ok(await inspectFile(blob, 'b.xlsx'));
    const s = new ImportSession();
    const mapping: ColumnMapping = {
      shape: 'rows',
      variables: [[2, 'aktualiseringsorsak']],
      municipality: 1,
      count: null,
    };
    const read = ok(await s.read('b', blob, 'b.xlsx', plan(i, mapping, 'b')));
    expect(read).toMatchObject({
      format: 'workbook',
      sheet: 'Orsaker',
      rows: 3,
      municipalities: 3,
    });
    // `__proto__` is a municipality like any other; `constructor` a value like any other.
    const [counted] = s.build(new Map([['aktualiseringsorsak', { separators: [] }]]));
    expect(counted!.values.get('constructor')).toEqual(new Map([['__proto__', 1]]));
  });

  it('counts each row under the year of its date column (CSV and an Excel date), and names the rows without one (issue 10 item 2)', async () => {
    const s = new ImportSession();
    const csv = text(
      'datum;orsak\r\n2022-03-01;Misshandel\r\n2023;Misshandel\r\n1.5.2023;Misshandel\r\nokänt;Misshandel\r\n;Skolproblem\r\n',
    );
    const i = ok(await inspectFile(csv, 'Gävle.csv'));
    const mapping = guessColumns(i.headers, variables);
    expect(mapping.year).toBe(0);
    const read = ok(await s.read('g', csv, 'Gävle.csv', plan(i, mapping, 'Gävle')));
    expect(read.years).toEqual([2022, 2023]);
    expect(read.noYear).toEqual({ rows: 2, first: [5, 6] });
    // An Excel date cell (a number formatted as a date) is read as its ISO date.
    const sheet = XLSX.utils.aoa_to_sheet([
      ['Aktualiseringsdatum', 'orsak'],
      [45200, 'Misshandel'],
    ]);
    (sheet.A2 as XLSX.CellObject).z = 'yyyy-mm-dd';
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Blad1');
    const xlsx = new Blob([XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer]);
    const j = ok(await inspectFile(xlsx, 'Åre.xlsx'));
    expect(j.preview[0]?.[0]).toBe('2023-10-01');
    ok(await s.read('a', xlsx, 'Åre.xlsx', plan(j, guessColumns(j.headers, variables), 'Åre')));
    // One year for a whole file when no column holds one.
    const plain = text('orsak\r\nMisshandel\r\n');
    const k = ok(await inspectFile(plain, 'Umeå_2021.csv'));
    const fileYear = { ...plan(k, guessColumns(k.headers, variables), 'Umeå'), year: 2021 };
    expect(ok(await s.read('u', plain, 'Umeå_2021.csv', fileYear)).years).toEqual([2021]);
    const [orsak] = s.build(new Map([['aktualiseringsorsak', { separators: [] }]]));
    expect(orsak!.values.get('Misshandel')).toEqual(
      new Map([
        ['Gävle', 4],
        ['Åre', 1],
        ['Umeå', 1],
      ]),
    );
    const years = orsak!.years?.values.get('Misshandel');
    expect(years).toEqual(
      new Map([
        [2022, new Map([['Gävle', 1]])],
        [
          2023,
          new Map([
            ['Gävle', 2],
            ['Åre', 1],
          ]),
        ],
        [2021, new Map([['Umeå', 1]])],
      ]),
    );
    expect(orsak!.years?.cells.has('Skolproblem')).toBe(false);
  });

  it('refuses ragged rows, over-long values, bad counts and a changed header, with the row', async () => {
    const s = new ImportSession();
    const ragged = fixture('ragged.csv');
    const ri = await inspectFile(ragged, 'ragged.csv');
    expect(ri).toMatchObject({
      ok: false,
      problem: { kind: 'ragged-row', row: 3, file: 'ragged.csv' },
    });
    expect(!ri.ok && ri.problem.message).toMatch(
      /^ragged\.csv: row 3 has 2 cells but the header has 3/,
    );
    // A ragged row after the preview's rows is refused when the file is read.
    const late = text(`orsak;kommun\r\n${'a;Gävle\r\n'.repeat(40)}b;Gävle;x\r\n`);
    const lti = ok(await inspectFile(late, 'sen.csv'));
    const lt = await s.read(
      'r',
      late,
      'sen.csv',
      plan(lti, guessColumns(lti.headers, variables), 'x'),
    );
    expect(lt).toMatchObject({
      ok: false,
      problem: { kind: 'ragged-row', row: 42, file: 'sen.csv' },
    });

    const long = text(`orsak;kommun\r\nkort;Gävle\r\n${'x'.repeat(100_000)};Gävle\r\n`);
    const li = ok(await inspectFile(long, 'lång.csv'));
    const lr = await s.read(
      'l',
      long,
      'lång.csv',
      plan(li, guessColumns(li.headers, variables), 'x'),
    );
    expect(lr).toMatchObject({ ok: false, problem: { kind: 'value-too-long', row: 3, column: 1 } });
    expect(!lr.ok && lr.problem.message).toContain(`at most ${MAX_VALUE_CHARS}`);

    const counts = text('orsak;antal\r\na;12\r\nb;tolv\r\n');
    const ci = ok(await inspectFile(counts, 'antal.csv'));
    const cr = await s.read(
      'c',
      counts,
      'antal.csv',
      plan(ci, guessColumns(ci.headers, variables), 'x'),
    );
    expect(cr).toMatchObject({ ok: false, problem: { kind: 'bad-count', row: 3 } });

    const changed = await s.read('h', counts, 'antal.csv', {
      ...plan(ci, guessColumns(ci.headers, variables), 'x'),
      headers: ['orsak', 'antal', 'kommun'],
    });
    expect(changed).toMatchObject({ ok: false, problem: { kind: 'header-changed' } });
    // Nothing of the refused files was kept.
    expect(s.size).toBe(0);
  });

  it('stops when cancelled, and keeps nothing of the file', async () => {
    const s = new ImportSession();
    const body = `orsak\r\n${'Misshandel\r\n'.repeat(200_000)}`;
    const blob = text(body);
    const i = ok(await inspectFile(blob, 'stor.csv'));
    const controller = new AbortController();
    let progressed = 0;
    const out = await s.read(
      'x',
      blob,
      'stor.csv',
      plan(i, guessColumns(i.headers, variables), 'x'),
      (p) => {
        progressed = p.rows;
        if (p.rows > 0) controller.abort();
      },
      controller.signal,
    );
    expect(out).toMatchObject({ ok: false, problem: { kind: 'cancelled', file: 'stor.csv' } });
    expect(progressed).toBeGreaterThan(0);
    expect(s.size).toBe(0);
  });
});
