import { describe, expect, it } from 'vitest';
import { UsageError, type CliIo } from '../../../src/cli/io';
import { suggest } from '../../../src/cli/suggest';
import type { Suggestion } from '../../../src/core/types';
import { reasons } from './codebooks';

/** An in-memory CliIo: files by name, what was written. */
function memoryIo(
  files: Record<string, string | Uint8Array>,
): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    async readFile(path: string) {
      const f = files[path];
      if (f === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
    async writeFile() {
      throw new Error('suggest writes no files');
    },
  };
  return io;
}

const codebookFile = JSON.stringify({ format: 'kodbok/codebook', formatVersion: 1, ...reasons });
const mappingFile = (variable = 'aktualiseringsorsak') =>
  JSON.stringify({
    format: 'kodbok/mapping',
    formatVersion: 1,
    variable,
    codebook: { id: reasons.id },
    entries: [
      { raw: 'Gängtillhörighet', code: 'O22', status: 'approved' },
      { raw: 'Hot', code: 'H01', status: 'coded' },
    ],
  });

async function run(argv: string[], files: Record<string, string | Uint8Array>) {
  const io = memoryIo({ 'cb.json': codebookFile, ...files });
  const status = await suggest(argv, io);
  return { status, io, result: JSON.parse(io.out) as { raw: string; suggestions: Suggestion[] }[] };
}

describe('kodbok suggest', () => {
  it('prints one JSON array in input order, at most 3 suggestions each by default', async () => {
    const { status, result } = await run(['--codebook', 'cb.json', '--values', 'v.txt'], {
      'v.txt': 'Missbruk förälder\r\nMissbruk barnet\n\nMissbruk förälder\n',
    });
    expect(status).toBe(0);
    expect(result.map((r) => r.raw)).toEqual([
      'Missbruk förälder',
      'Missbruk barnet',
      'Missbruk förälder',
    ]);
    expect(result[0]?.suggestions[0]).toEqual({
      code: 'H07',
      score: 1,
      via: 'synonym: missbruk förälder',
    });
    expect(result[1]?.suggestions[0]?.code).toBe('B11');
    for (const r of result) expect(r.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('learns from the approved entries of a mapping, not from the others', async () => {
    const { result } = await run(
      ['--codebook', 'cb.json', '--values', 'v.txt', '--mapping', 'm.json', '--top=1'],
      {
        'v.txt': 'Gängtillhörighet\nHot\n',
        'm.json': mappingFile(),
      },
    );
    expect(result[0]?.suggestions).toEqual([
      { code: 'O22', score: 1, via: 'approved: Gängtillhörighet' },
    ]);
    expect(result[1]?.suggestions.some((s) => s.via.startsWith('coded'))).toBe(false);
  });

  it('reads the raw column of a CSV (quotes, ; as Excel writes it) or a TSV', async () => {
    const csv = await run(['--codebook', 'cb.json', '--values', 'v.csv', '--top', '2'], {
      'v.csv':
        '\ufeffid;raw;n\n1;"Missbruk; förälder";3\n2;"Sa ""ja"" till stöd";1\n3;;0\n4;"två\nrader";1\n',
    });
    expect(csv.result.map((r) => r.raw)).toEqual([
      'Missbruk; förälder',
      'Sa "ja" till stöd',
      'två\nrader',
    ]);
    expect(csv.result[0]?.suggestions.length).toBe(2);
    const tsv = await run(['--codebook', 'cb.json', '--values', 'v.tsv'], {
      'v.tsv': 'raw\tcode\nVåld mot barnet\tH02\n',
    });
    expect(tsv.result[0]?.suggestions[0]?.code).toBe('H02');
  });

  it.each([
    [[], /--codebook is required/],
    [['--codebook', 'cb.json'], /--values is required/],
    [['--codebook', 'cb.json', '--values'], /--values needs a value/],
    [['--codebook', 'cb.json', '--values', 'v.txt', '--top', '0'], /--top must be/],
    [['--codebook', 'cb.json', '--values', 'v.txt', '--top', 'x'], /--top must be/],
    [['--codebook', 'cb.json', '--values', 'v.txt', '--colour'], /unknown option --colour/],
    [['--codebook', 'cb.json', '--values', 'v.txt', 'extra'], /unexpected argument/],
    [
      ['--codebook', 'missing.json', '--values', 'v.txt'],
      /cannot read codebook missing.json: no such file/,
    ],
    [['--codebook', 'v.txt', '--values', 'v.txt'], /codebook v.txt is not valid/],
    [['--codebook', 'cb.json', '--values', 'v.xlsx'], /must end in .txt, .csv or .tsv/],
    [['--codebook', 'cb.json', '--values', 'nohead.csv'], /no column named "raw"/],
    [['--codebook', 'cb.json', '--values', 'latin1.txt'], /not UTF-8/],
    [
      ['--codebook', 'cb.json', '--values', 'v.txt', '--mapping', 'other.json'],
      /mapping other.json is for variable "åtgärd"/,
    ],
    [
      ['--codebook', 'cb.json', '--values', 'v.txt', '--mapping', 'cb.json'],
      /mapping cb.json is not valid/,
    ],
    // Issue 12: a profile is read through its format's restore step; the first error names its place.
    [
      ['--codebook', 'cb.json', '--values', 'v.txt', '--profile', 'cb.json'],
      /profile cb.json is not valid: \/format: this is a codebook file/,
    ],
    [
      ['--codebook', 'cb.json', '--values', 'v.txt', '--profile', 'bad-profile.json'],
      /profile bad-profile.json is not valid: \/words\/negation: must be a list/,
    ],
    [
      ['--codebook', 'cb.json', '--values', 'v.txt', '--profile', 'missing.json'],
      /cannot read profile missing.json/,
    ],
  ])('refuses %j with one line naming the problem, and writes nothing', async (argv, message) => {
    const io = memoryIo({
      'cb.json': codebookFile,
      'v.txt': 'Våld\n',
      'v.xlsx': 'x',
      'nohead.csv': 'värde\nVåld\n',
      'latin1.txt': new Uint8Array([0x56, 0xe5, 0x6c, 0x64]),
      'other.json': mappingFile('åtgärd'),
      'bad-profile.json': JSON.stringify({
        format: 'kodbok/profile',
        formatVersion: 1,
        id: 'p',
        words: { negation: 'ej' },
      }),
    });
    const failure = suggest(argv, io);
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow(message);
    await failure.catch((e: Error) => expect(e.message).not.toContain('\n'));
    expect(io.out).toBe('');
  });

  it('uses --profile: a built-in one by name, or a file', async () => {
    const argv = ['--codebook', 'cb.json', '--values', 'v.txt'];
    const files = {
      'v.txt': 'Pappa dricker\n',
      'sv.json': JSON.stringify({
        format: 'kodbok/profile',
        formatVersion: 1,
        id: 'mine',
        base: 'sv-barn-och-unga',
      }),
    };
    const plain = await run(argv, files);
    const swedish = await run([...argv, '--profile', 'sv.json'], files);
    const neutral = await run([...argv, '--profile', 'neutral'], files);
    // `dricker` is misuse and `pappa` a caregiver only to a profile that knows Swedish.
    expect(plain.result[0]?.suggestions[0]?.code).toBe('H07');
    expect(swedish.result).toEqual(plain.result);
    expect(neutral.result[0]?.suggestions[0]?.code).not.toBe('H07');
  });
});
