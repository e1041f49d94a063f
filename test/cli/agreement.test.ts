// `kodbok agreement` as a reviewer of double-coded data uses it: mapping files in, one JSON object out.
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/main';

function memoryIo(files: Record<string, string>) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    readFile: async (p) => {
      const d = new Map(Object.entries(files)).get(p);
      if (d === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return new TextEncoder().encode(d);
    },
    writeFile: async () => {
      throw new Error('agreement writes no file');
    },
  };
  return { io, out };
}

const CODEBOOK = JSON.stringify({
  format: 'kodbok/codebook',
  formatVersion: 1,
  id: 'cb',
  variable: 'v',
  categories: [
    { code: 'HEM', label: 'Hemmiljö', parent: null },
    { code: 'H01', label: 'Omsorg', parent: 'HEM' },
    { code: 'H02', label: 'Våld', parent: 'HEM' },
    { code: 'BAR', label: 'Barnet', parent: null },
    { code: 'B01', label: 'Missbruk', parent: 'BAR' },
  ],
});

type Entry = [raw: string, code: string, status?: string, frequency?: number];
const mapping = (entries: Entry[], variable = 'v') =>
  JSON.stringify({
    format: 'kodbok/mapping',
    formatVersion: 1,
    variable,
    codebook: { id: 'cb' },
    entries: entries.map(([raw, code, status = 'coded', frequency]) => ({
      raw,
      code,
      status,
      ...(frequency === undefined ? {} : { frequency }),
    })),
  });

const A = mapping([
  ['a', 'H01', 'coded', 10],
  ['b', 'H02', 'approved', 1],
  ['c', 'B01', 'coded', 5],
  ['d', 'H01', 'suggested', 7],
]);
const B = mapping([
  ['a', 'H01'],
  ['b', 'H01'],
  ['c', 'B01'],
  ['d', 'B01'],
]);

async function run(argv: string[], files: Record<string, string>) {
  const { io, out } = memoryIo(files);
  const status = await runCli(['agreement', ...argv], io);
  return { status, ...out };
}

describe('kodbok agreement', () => {
  it('prints n, coders, the three figures and the confusion table; a suggestion is not a code', async () => {
    const r = await run(['A.json', 'B.json'], { 'A.json': A, 'B.json': B });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual([
      'n',
      'coders',
      'percentAgreement',
      'cohenKappa',
      'krippendorffAlpha',
      'confusion',
    ]);
    expect(report.n).toBe(3); // d was only suggested to A
    expect(report.coders).toBe(2);
    expect(report.percentAgreement).toBeCloseTo(2 / 3, 10);
    expect(report.confusion).toEqual({
      codes: ['B01', 'H01', 'H02'],
      counts: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 1, 0],
      ],
    });
  });

  it('compares top-level groups with --level group and weighs rows with --weight rows', async () => {
    const files = { 'A.json': A, 'B.json': B, 'cb.json': CODEBOOK };
    const group = JSON.parse(
      (await run(['A.json', 'B.json', '--codebook', 'cb.json', '--level', 'group'], files)).stdout,
    );
    expect(group.percentAgreement).toBe(1);
    expect(group.confusion.codes).toEqual(['BAR', 'HEM']);
    const rows = JSON.parse((await run(['A.json', 'B.json', '--weight=rows'], files)).stdout);
    // a (10 rows) and c (5) agree, b (1) does not
    expect(rows.percentAgreement).toBeCloseTo(15 / 16, 10);
    expect(rows.n).toBe(3);
  });

  it('refuses bad input with one line and exit 2', async () => {
    const files = {
      'A.json': A,
      'B.json': B,
      'cb.json': CODEBOOK,
      'other.json': mapping([['a', 'H01']], 'w'),
      'nope.json': mapping([['a', 'NOPE']]),
      'broken.json': '{"format": "kodbok/mapping",',
    };
    const cases: [string[], RegExp][] = [
      [['A.json'], /at least two mapping files/],
      [['A.json', 'B.json', '--level', 'group'], /--level group needs --codebook/],
      [['A.json', 'B.json', '--level', 'top'], /--level must be/],
      [['A.json', 'missing.json'], /cannot read mapping missing\.json: no such file/],
      [['A.json', 'broken.json'], /mapping broken\.json is not valid/],
      [['A.json', 'other.json'], /codes variable "w"/],
      [
        ['A.json', 'nope.json', '--codebook', 'cb.json'],
        /"a" is coded NOPE, which is not in the codebook/,
      ],
      [['A.json', 'B.json', '--weight', 'rows', '--weight', 'values'], /given twice/],
      [['A.json', 'B.json', '--kappa'], /unknown option --kappa/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv, files);
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('needs the frequency of every compared value to weigh rows', async () => {
    const r = await run(['B.json', 'B2.json', '--weight', 'rows'], { 'B.json': B, 'B2.json': B });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no file gives the frequency of "a"/);
  });
});
