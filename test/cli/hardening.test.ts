// What the red team did to the command line (issue 13 items 3 and 6), as a researcher's shell
// would see it: giant values and impossible numbers refused with their place, mappings that do
// not fit the codebook refused, closed pipes, devices, folders, FIFOs, sparse giants and zip
// bombs with lying sizes — each a one-line error and exit 2 (or validate's 1), nothing written.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '../../src/core/limits';
import { runBin, runInProcess } from '../support/cli-run';
import { lyingZipBomb } from '../hostile/corpus';

let dir: string;
const at = (name: string) => join(dir, name);

const CODEBOOK = JSON.stringify({
  format: 'kodbok/codebook',
  formatVersion: 1,
  id: 'nuso-orsak',
  variable: 'aktualiseringsorsak',
  categories: [
    { code: 'HEM', label: 'Hemmiljö', parent: null },
    { code: 'H01', label: 'Bristande omsorg', parent: 'HEM' },
    { code: 'H07', label: 'Missbruk förälder', parent: 'HEM' },
    { code: 'B11', label: 'Missbruk barn o ungdom', parent: null },
  ],
});

function mapping(entries: object[]): string {
  return JSON.stringify({
    format: 'kodbok/mapping',
    formatVersion: 1,
    variable: 'aktualiseringsorsak',
    codebook: { id: 'nuso-orsak' },
    entries,
  });
}

const OK_MAPPING = mapping([{ raw: 'Missbruk förälder', code: 'H07', status: 'approved' }]);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kodbok-hardening-'));
  await writeFile(at('codebook.json'), CODEBOOK);
  await writeFile(at('mapping.json'), OK_MAPPING);
  await writeFile(at('data.csv'), 'kommun;orsak\nGävle;Missbruk förälder\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Files in the folder other than the inputs: a refused run must leave none (no partial --out). */
async function written(): Promise<string[]> {
  const inputs = new Set(['codebook.json', 'mapping.json', 'data.csv']);
  return (await readdir(dir)).filter((f) => !inputs.has(f) && !f.startsWith('in-'));
}

function oneLine(stderr: string): void {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('limits: the same in validate, apply and suggest (docs/formats.md, Limits)', () => {
  it('a mapping with one 30 000 000-character raw value is refused by validate within seconds, with its path', async () => {
    await writeFile(
      at('in-giant.json'),
      mapping([{ raw: 'x'.repeat(30_000_000), code: 'H07', status: 'approved' }]),
    );
    const r = await runInProcess(['validate', at('in-giant.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `${at('in-giant.json')}: /entries/0/raw: is 30000000 characters long; Kodbok reads values, labels and notes of up to ${MAX_TEXT_LENGTH} characters\n`,
    );
    expect(r.ms).toBeLessThan(10_000);
    // apply refuses the same file the same way, before reading the data.
    const a = await runInProcess([
      'apply',
      '--mapping',
      at('in-giant.json'),
      '--input',
      at('data.csv'),
      '--column',
      'orsak',
      '--out',
      at('out.csv'),
    ]);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('/entries/0/raw: is 30000000 characters long');
    expect(await written()).toEqual([]);
  });

  it('"frequency": 1e400 is not a count', async () => {
    await writeFile(
      at('in-inf.json'),
      OK_MAPPING.replace('"status":"approved"', '"status":"approved","frequency":1e400'),
    );
    const r = await runInProcess(['validate', at('in-inf.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      '/entries/0/frequency: must be a whole number from 0 to 9007199254740991',
    );
  });

  it('a codebook label over the limit is refused with its path', async () => {
    await writeFile(
      at('in-label.json'),
      CODEBOOK.replace('"Bristande omsorg"', JSON.stringify('b'.repeat(MAX_TEXT_LENGTH + 1))),
    );
    const r = await runInProcess(['validate', at('in-label.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`/categories/1/label: is ${MAX_TEXT_LENGTH + 1} characters long`);
  });

  it('suggest refuses approved entries coded to an unknown code or to a group, naming the entry', async () => {
    await writeFile(at('in-values.txt'), 'Missbruk förälder\n');
    const suggestWithMisfit = () =>
      runInProcess([
        'suggest',
        '--codebook',
        at('codebook.json'),
        '--values',
        at('in-values.txt'),
        '--mapping',
        at('in-misfit.json'),
      ]);
    for (const [code, why] of [
      ['NOPE', 'code "NOPE" is not in codebook "nuso-orsak"'],
      ['HEM', 'code "HEM" (Hemmiljö) is a group'],
    ] as const) {
      await writeFile(
        at('in-misfit.json'),
        mapping([
          { raw: 'Skolproblem', code: 'B11', status: 'approved' },
          { raw: 'Våld', code, status: 'approved' },
        ]),
      );
      const r = await suggestWithMisfit();
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      oneLine(r.stderr);
      expect(r.stderr).toContain(`/entries/1/code: ${why}`);
    }
    // Entries that are not approved are not learnt from, so they do not stop suggest.
    await writeFile(
      at('in-misfit.json'),
      mapping([{ raw: 'Våld', code: 'NOPE', status: 'suggested' }]),
    );
    const ok = await suggestWithMisfit();
    expect(ok.status).toBe(0);
  });

  it("a value over the limit in a values file or in apply's column is refused with file:row", async () => {
    await writeFile(at('in-long.txt'), `Våld\n\n${'v'.repeat(MAX_TEXT_LENGTH + 1)}\n`);
    const s = await runInProcess([
      'suggest',
      '--codebook',
      at('codebook.json'),
      '--values',
      at('in-long.txt'),
    ]);
    expect(s.status).toBe(2);
    expect(s.stderr).toContain(
      `${at('in-long.txt')}:3: the value is ${MAX_TEXT_LENGTH + 1} characters long`,
    );
    await writeFile(
      at('in-long.csv'),
      `kommun;orsak\nGävle;Våld\nÅre;"Våld; ${'v'.repeat(MAX_TEXT_LENGTH + 1)}"\n`,
    );
    await writeFile(
      at('in-split.json'),
      OK_MAPPING.replace('"entries"', '"split":{"separators":[";"]},"entries"'),
    );
    const a = await runInProcess([
      'apply',
      '--mapping',
      at('in-split.json'),
      '--input',
      at('in-long.csv'),
      '--column',
      'orsak',
      '--out',
      at('out.csv'),
    ]);
    expect(a.status).toBe(2);
    oneLine(a.stderr);
    expect(a.stderr).toContain(
      `${at('in-long.csv')}: row 3, column "orsak" holds ${MAX_TEXT_LENGTH + 7} characters; a value has at most ${MAX_TEXT_LENGTH}`,
    );
    expect(await written()).toEqual([]);
  });
});

describe('encodings: mojibake is never written', () => {
  const cp1252 = (t: string) => Uint8Array.from(t, (c) => c.charCodeAt(0));
  const utf8 = (t: string) => new TextEncoder().encode(t);
  const mixed = new Uint8Array([
    ...utf8('kommun;orsak\nGävle;Missbruk förälder\n'),
    ...cp1252('Åre;Våld\n'),
    ...utf8('Umeå;Missbruk förälder\n'),
  ]);
  const applyTo = (file: string, ...more: string[]) =>
    runInProcess([
      'apply',
      '--mapping',
      at('mapping.json'),
      '--input',
      file,
      '--column',
      'orsak',
      ...more,
    ]);

  it('apply refuses a CSV that is UTF-8 but for a line, naming the line, unless --encoding says how to read it', async () => {
    await writeFile(at('in-mixed.csv'), mixed);
    const refused = await applyTo(at('in-mixed.csv'), '--out', at('out.csv'));
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    oneLine(refused.stderr);
    expect(refused.stderr).toContain(
      `${at('in-mixed.csv')} is UTF-8 except line 3, which holds bytes that are not UTF-8`,
    );
    expect(refused.stderr).toContain('--encoding utf-8');
    expect(await written()).toEqual([]);

    const asUtf8 = await applyTo(at('in-mixed.csv'), '--encoding', 'utf-8');
    expect(asUtf8.status).toBe(0);
    expect(asUtf8.stdout).toBe(
      'kommun,orsak,orsak_code\r\nGävle,Missbruk förälder,H07\r\nÅre,Våld,\r\nUmeå,Missbruk förälder,H07\r\n',
    );
    expect(asUtf8.stderr).toContain(
      'warning: ' + at('in-mixed.csv') + ': line 3 holds bytes that are not UTF-8',
    );

    const asCp1252 = await applyTo(at('in-mixed.csv'), '--encoding=windows-1252');
    expect(asCp1252.status).toBe(0);
    expect(asCp1252.stdout).toContain('GÃ¤vle');

    const bad = await applyTo(at('in-mixed.csv'), '--encoding', 'latin9');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--encoding must be utf-8 or windows-1252, not "latin9"');
  });

  it('suggest names the lines of a values file that are not UTF-8', async () => {
    await writeFile(
      at('in-mixed.txt'),
      new Uint8Array([...utf8('Missbruk förälder\n'), ...cp1252('Våld\n')]),
    );
    const r = await runInProcess([
      'suggest',
      '--codebook',
      at('codebook.json'),
      '--values',
      at('in-mixed.txt'),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `kodbok: suggest: values file ${at('in-mixed.txt')} is not UTF-8 text (line 2); save it as UTF-8 and try again\n`,
    );
  });

  it('validate refuses a Windows-1252 mapping with its line', async () => {
    await writeFile(at('in-cp1252.json'), cp1252(OK_MAPPING));
    const r = await runInProcess(['validate', at('in-cp1252.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the file is not UTF-8 text: line 1 holds a byte that is not UTF-8');
  });
});

describe('only regular files of a bounded size are read', () => {
  it('/dev/zero, a folder and a FIFO are refused at once, without reading them', async () => {
    execFileSync('mkfifo', [at('in-fifo')]);
    for (const [path, why] of [
      ['/dev/zero', 'it is not a regular file'],
      [dir, 'it is a folder, not a file'],
      [at('in-fifo'), 'it is not a regular file'],
    ] as const) {
      for (const argv of [
        ['validate', path],
        [
          'apply',
          '--mapping',
          at('mapping.json'),
          '--input',
          path,
          '--column',
          'orsak',
          '--out',
          at('out.csv'),
        ],
        ['suggest', '--codebook', path, '--values', at('data.csv')],
      ]) {
        const r = await runInProcess(argv);
        expect(r.status, argv.join(' ')).toBe(2);
        oneLine(r.stderr);
        expect(r.stderr).toContain(why);
        expect(r.ms).toBeLessThan(5_000);
      }
    }
    expect(await written()).toEqual([]);
  });

  it('a 1.9 GB sparse CSV is refused by its size before a byte is read', async () => {
    await writeFile(at('in-sparse.csv'), '');
    await truncate(at('in-sparse.csv'), 1900 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const r = await runInProcess([
      'apply',
      '--mapping',
      at('mapping.json'),
      '--input',
      at('in-sparse.csv'),
      '--column',
      'orsak',
      '--out',
      at('out.csv'),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `kodbok: apply: cannot read ${at('in-sparse.csv')}: the file is 1900.0 MB; Kodbok reads files of this kind up to 256.0 MB\n`,
    );
    expect(r.ms).toBeLessThan(2_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expect(await written()).toEqual([]);
  });

  it('a zip bomb whose parts lie about their sizes is refused as a damaged workbook, not as an empty sheet', async () => {
    await writeFile(at('in-bomb.xlsx'), lyingZipBomb());
    const r = await runInProcess([
      'apply',
      '--mapping',
      at('mapping.json'),
      '--input',
      at('in-bomb.xlsx'),
      '--column',
      'orsak',
      '--out',
      at('out.csv'),
    ]);
    expect(r.status).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toContain('the workbook is damaged or incomplete');
    expect(r.stderr).toContain('xl/worksheets/sheet1.xml');
    expect(r.stderr).not.toContain('empty');
    expect(await written()).toEqual([]);
  });
});

describe('a closed pipe', () => {
  it('`apply … | head -2` and `suggest … | head -1` end quietly: no EPIPE, no stack trace', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `K${i};Missbruk förälder`).join('\n');
    await writeFile(at('in-many.csv'), `kommun;orsak\n${rows}\n`);
    const values = Array.from({ length: 1000 }, (_, i) => `Missbruk förälder ${i}`).join('\n');
    await writeFile(at('in-many.txt'), values);
    const [apply, suggest] = await Promise.all([
      runBin(
        [
          'apply',
          '--mapping',
          at('mapping.json'),
          '--input',
          at('in-many.csv'),
          '--column',
          'orsak',
        ],
        40,
      ),
      runBin(['suggest', '--codebook', at('codebook.json'), '--values', at('in-many.txt')], 10),
    ]);
    for (const r of [apply, suggest]) {
      expect(r.stderr).not.toMatch(/EPIPE|internal error|\n\s+at /);
      expect(r.status).toBe(0);
    }
    expect(apply.stdout.startsWith('kommun,orsak,orsak_code\r\n')).toBe(true);
  }, 60_000);
});
