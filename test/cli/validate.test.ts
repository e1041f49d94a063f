// `kodbok validate` as a script or a colleague uses it: exit 0 with one line, 1 with the errors,
// 2 for bad arguments or files, and nothing on stdout unless the file is valid.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/main';
import { nodeIo } from '../../src/cli/node-io';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DEV_SET = fileURLToPath(new URL('../../../shared/dev-set/', import.meta.url));

/** An in-memory CliIo: files by path (a Map: paths are data), everything written kept for asserts. */
function memoryIo(files: Record<string, string | Uint8Array> = {}) {
  const store = new Map<string, Uint8Array>(
    Object.entries(files).map(([p, d]) => [
      p,
      typeof d === 'string' ? new TextEncoder().encode(d) : d,
    ]),
  );
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    readFile: async (p) => {
      const d = store.get(p);
      if (!d)
        throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), {
          code: 'ENOENT',
        });
      return d;
    },
    writeFile: async (p, d) =>
      void store.set(p, typeof d === 'string' ? new TextEncoder().encode(d) : d),
  };
  return { io, out, store };
}

const codebook = (categories: unknown[]): string =>
  JSON.stringify({
    format: 'kodbok/codebook',
    formatVersion: 1,
    id: 'cb',
    variable: 'v',
    categories,
  });
const GOOD_MAPPING = JSON.stringify({
  format: 'kodbok/mapping',
  formatVersion: 1,
  variable: 'v',
  codebook: { id: 'cb' },
  entries: [
    { raw: 'a', code: 'A1', status: 'approved' },
    { raw: 'b', code: 'A1', status: 'approved' },
    { raw: 'c', code: 'A1', status: 'flagged' },
  ],
});

async function run(argv: string[], files: Record<string, string | Uint8Array> = {}) {
  const { io, out } = memoryIo(files);
  const status = await runCli(argv, io);
  return { status, ...out };
}

describe('kodbok validate (in memory)', () => {
  it('prints one line for a valid codebook and exits 0', async () => {
    const r = await run(['validate', 'cb.json'], {
      'cb.json': codebook([
        { code: 'A', label: 'a', parent: null },
        { code: 'A1', label: 'a1', parent: 'A' },
      ]),
    });
    expect(r).toEqual({
      status: 0,
      stdout: 'cb.json: valid kodbok/codebook v1, 2 categories (1 leaf)\n',
      stderr: '',
    });
  });

  it('describes a valid mapping by status', async () => {
    const r = await run(['validate', 'm.json'], { 'm.json': GOOD_MAPPING });
    expect(r).toEqual({
      status: 0,
      stdout: 'm.json: valid kodbok/mapping v1, 3 entries (2 approved, 1 flagged)\n',
      stderr: '',
    });
  });

  it('describes a valid suggestion profile (issue 12)', async () => {
    const r = await run(['validate', 'p.json'], {
      'p.json': JSON.stringify({
        format: 'kodbok/profile',
        formatVersion: 1,
        id: 'p',
        words: { negation: ['no', 'not'], stopwords: ['the'] },
        vocabulary: [{ concept: 'school', stems: ['truan'] }],
        categories: [{ code: 'N1', negated: true }],
      }),
    });
    expect(r).toEqual({
      status: 0,
      // The two it names and the neutral base's three (`exclusions`, `contrasts`, `contrastAdditives`).
      stdout: 'p.json: valid kodbok/profile v1, 1 concept, 5 word classes, 1 declared category\n',
      stderr: '',
    });
    // The English profile as base: its word vectors are named.
    const english = await run(['validate', 'p.json'], {
      'p.json': JSON.stringify({ format: 'kodbok/profile', formatVersion: 1, id: 'p', base: 'en' }),
    });
    expect(english.stdout).toBe(
      'p.json: valid kodbok/profile v1, 0 concepts, 3 word classes, 0 declared categories, word vectors en-glove-100k\n',
    );
    const bad = await run(['validate', 'p.json'], {
      'p.json': JSON.stringify({ format: 'kodbok/profile', formatVersion: 1, id: 'p', endings: 5 }),
    });
    expect(bad).toEqual({
      status: 1,
      stdout: '',
      stderr: 'p.json: /endings: must be a list [ … ]; found a whole number\n',
    });
  });

  it('prints the errors with their JSON pointers on stderr and exits 1', async () => {
    const r = await run(['validate', 'bad.json'], {
      'bad.json': codebook([
        { code: 'A', label: 'a', parent: 'X' },
        { code: 'A', label: 'b', parent: null },
      ]),
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      'bad.json: /categories/1/code: duplicate code "A" (also at /categories/0/code); codes must be unique',
      'bad.json: /categories/0/parent: parent "X" is not a code in this codebook (use null for a top-level category)',
      '',
    ]);
  });

  it.each([
    [
      'broken JSON',
      '{"format": "kodbok/codebook",\n "id": }',
      /^x\.json: not valid JSON at line 2, column 8: /,
    ],
    [
      'a newer format version',
      '{"format": "kodbok/mapping", "formatVersion": 2}',
      /^x\.json: \/formatVersion: written by a newer Kodbok \(formatVersion 2\); this version reads 1\n$/,
    ],
    [
      'an unknown format',
      '{"format": "other", "formatVersion": 1}',
      /^x\.json: \/format: not a Kodbok file/,
    ],
    ['JSON that is not an object', '[]', /^x\.json: not a Kodbok file/],
    [
      'a duplicate raw value',
      GOOD_MAPPING.replace('"raw":"b"', '"raw":"a"'),
      /^x\.json: \/entries\/1\/raw: duplicate raw value "a" \(also at \/entries\/0\/raw\)/,
    ],
    [
      'Windows-1252 bytes',
      new Uint8Array([0x7b, 0x22, 0xe5, 0x22, 0x7d]),
      /^x\.json: the file is not UTF-8 text/,
    ],
  ])('refuses %s with exit 1 and nothing on stdout', async (_what, content, stderr) => {
    const r = await run(['validate', 'x.json'], { 'x.json': content });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(stderr);
  });

  it('lists at most 100 errors and counts the rest', async () => {
    const entries = Array.from({ length: 150 }, (_, i) => ({
      raw: String(i),
      code: 'A',
      status: 'done',
    }));
    const r = await run(['validate', 'x.json'], {
      'x.json': GOOD_MAPPING.replace(/"entries":\[.*\]/, `"entries":${JSON.stringify(entries)}`),
    });
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(101);
    expect(lines[100]).toBe('x.json: … and 50 more errors');
  });

  it('reports ignored unknown fields as warnings on stderr, still valid', async () => {
    const r = await run(['validate', 'm.json'], {
      'm.json': GOOD_MAPPING.replace('{', '{"exportedBy":"R script",'),
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('m.json: warning: ignored unknown field /exportedBy\n');
  });

  it.each([
    [['validate'], /^kodbok: validate: name the file to check/],
    [['validate', 'a.json', 'b.json'], /^kodbok: validate: one file at a time/],
    [['validate', '--strict', 'a.json'], /^kodbok: validate: unknown option --strict/],
    [['validate', 'missing.json'], /^kodbok: cannot read missing\.json: no such file\n$/],
    [[], /^kodbok: no command given/],
    [
      ['frobnicate'],
      /^kodbok: unknown command "frobnicate"; the commands are: validate, suggest, apply(, [a-z]+)*\n$/,
    ],
    [['constructor'], /^kodbok: unknown command "constructor"/],
    [['__proto__'], /^kodbok: unknown command "__proto__"/],
  ])('exits 2 with one line on stderr for %j', async (argv, stderr) => {
    const r = await run(argv);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(stderr);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('accepts a file name that starts with a dash after --', async () => {
    const r = await run(['validate', '--', '-m.json'], { '-m.json': GOOD_MAPPING });
    expect(r.status).toBe(0);
  });

  it('prints usage for --help and exits 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await run(argv);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Usage: kodbok COMMAND/);
      expect(r.stdout).toContain('kodbok validate FILE.json');
      expect(r.stderr).toBe('');
    }
    const r = await run(['validate', '--help']);
    expect(r).toEqual({
      status: 0,
      stdout: expect.stringMatching(/^Usage: kodbok validate FILE\.json\n/),
      stderr: '',
    });
  });
});

describe('the real io', () => {
  let dir = '';
  beforeAll(async () => {
    // The command runs the JavaScript built ahead (dist-cli), built by test/global-setup.ts.
    dir = await mkdtemp(join(tmpdir(), 'kodbok-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replaces a file whole and leaves no temporary file behind', async () => {
    const path = join(dir, 'out.csv');
    await nodeIo.writeFile(path, 'old');
    await nodeIo.writeFile(path, 'new;ä\n');
    expect(await readFile(path, 'utf8')).toBe('new;ä\n');
    expect(await readdir(dir)).toEqual(['out.csv']);
    await expect(nodeIo.writeFile(join(dir, 'no-such-dir', 'x.csv'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['out.csv']);
  });

  function spawn(
    args: string[],
    nodeFlags: string[] = [],
  ): Promise<{ status: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [...nodeFlags, join(REPO, 'bin/kodbok.mjs'), ...args],
        { cwd: REPO, maxBuffer: 64 << 20 },
        (error, stdout, stderr) => {
          const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ status, stdout, stderr });
        },
      );
    });
  }

  it('runs as `node bin/kodbok.mjs validate` with exit statuses 0, 1 and 2', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(
      bad,
      '{"format": "kodbok/codebook", "formatVersion": 1, "id": "x", "variable": "v", "categories": [{"code": "A", "label": "a", "parent": "A"}]}',
    );
    const [ok, invalid, missing] = await Promise.all([
      spawn(['validate', join(DEV_SET, 'orsak_codebook.json')]),
      spawn(['validate', bad]),
      spawn(['validate', join(dir, 'missing.json')]),
    ]);
    expect(ok).toEqual({
      status: 0,
      stdout: `${join(DEV_SET, 'orsak_codebook.json')}: valid kodbok/codebook v1, 25 categories (22 leaves)\n`,
      stderr: '',
    });
    expect(invalid).toEqual({
      status: 1,
      stdout: '',
      stderr: `${bad}: /categories/0/parent: cycle: A → A; a category cannot be inside itself\n`,
    });
    expect(missing).toEqual({
      status: 2,
      stdout: '',
      stderr: `kodbok: cannot read ${join(dir, 'missing.json')}: no such file\n`,
    });
  });

  /** An approved mapping of the variable `orsak` in the test folder; returns its path. */
  async function writeMapping(codes: Record<string, string>, separators: string[]) {
    const path = join(dir, 'm.json');
    const entries = Object.entries(codes).map(([raw, code]) => ({ raw, code, status: 'approved' }));
    const file = {
      format: 'kodbok/mapping',
      formatVersion: 1,
      variable: 'orsak',
      codebook: { id: 'x' },
    };
    await writeFile(path, JSON.stringify({ ...file, split: { separators }, entries }));
    return path;
  }

  it('streams apply from a file on disk to a file or stdout; a refusal midway leaves nothing written (issue 14 item 2)', async () => {
    const mapping = await writeMapping(
      { Skolproblem: 'B15', 'Missbruk BoU – Barnet/den unge': 'B11' },
      [','],
    );
    // 30 000 rows in Windows-1252: several 1 MiB chunks, a – (0x96) in every other row.
    const rows = Array.from({ length: 30_000 }, (_, i) =>
      i % 2 ? `${i};Missbruk BoU – Barnet/den unge, Skolproblem` : `${i};Övrigt`,
    );
    const text = `id;orsak\r\n${rows.join('\r\n')}\r\n`;
    const bytes = Uint8Array.from([...text], (c) =>
      c === '–' ? 0x96 : (c.codePointAt(0) as number),
    );
    const input = join(dir, 'data.csv');
    await writeFile(input, bytes);
    const expected =
      'id,orsak,orsak_code\r\n' +
      rows
        .map((r) => {
          const [id, orsak] = r.split(';') as [string, string];
          return `${id},${orsak.includes(',') ? `"${orsak}"` : orsak},${orsak === 'Övrigt' ? '' : 'B11|B15'}`;
        })
        .join('\r\n') +
      '\r\n';
    const args = ['apply', '--mapping', mapping, '--input', input, '--column', 'orsak'];
    const toStdout = await spawn(args);
    expect(toStdout.status).toBe(0);
    expect(toStdout.stdout).toBe(expected);
    const out = join(dir, 'ut.csv');
    const toFile = await spawn([...args, '--out', out]);
    expect(toFile).toMatchObject({ status: 0, stdout: '' });
    expect(await readFile(out, 'utf8')).toBe(expected);
    // Row 29 001 has a third, non-empty cell: refused after 29 000 rows were written.
    await writeFile(input, Buffer.concat([bytes, Buffer.from('29999;a;b\r\n')]));
    const refused = join(dir, 'nej.csv');
    const bad = await spawn([...args, '--out', refused]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/row 30002 has 3 cells but the header has 2/);
    const badStdout = await spawn(args);
    expect(badStdout).toMatchObject({ status: 2, stdout: '' });
    expect((await readdir(dir)).filter((f) => f.includes('nej') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('reads a streamed input only as a regular file of at most the limit, and refuses one that changes while read (issue 14 item 2)', async () => {
    const openInput = nodeIo.openInput!;
    await expect(openInput(dir, 1 << 20)).rejects.toMatchObject({ code: 'EISDIR' });
    await expect(openInput('/dev/zero', 1 << 20)).rejects.toMatchObject({
      code: 'KODBOK_NOT_A_FILE',
    });
    const path = join(dir, 'växer.csv');
    await writeFile(path, 'a;b\r\n1;2\r\n');
    await expect(openInput(path, 4)).rejects.toMatchObject({ code: 'KODBOK_TOO_LARGE' });
    const grows = await openInput(path, 1 << 20);
    try {
      expect(new TextDecoder().decode(await grows.read(0, 4))).toBe('a;b\r');
      await writeFile(path, 'a;b\r\n1;2\r\n3;4\r\n');
      await expect(grows.read(4, 100)).rejects.toMatchObject({ code: 'KODBOK_CHANGED' });
      await writeFile(path, 'a;b\r\n');
      await expect(grows.read(4, 100)).rejects.toMatchObject({ code: 'KODBOK_CHANGED' });
    } finally {
      await grows.close();
    }
  });

  it('streams a 3 MB UTF-8 file with one Windows-1252 line far past the first chunk: refused with its line, nothing written; --encoding utf-8 codes it (issue 14 item 2)', async () => {
    const mapping = await writeMapping({ Skolproblem: 'B15', Våld: 'B20' }, []);
    const head = ['id;orsak'];
    for (let i = 0; i < 100_000; i++) head.push(`${i};${i % 2 ? 'Skolproblem' : 'Våld'}`);
    // Line 100 002 (after ~1.3 MB of UTF-8): "Våld" saved by Excel in Windows-1252.
    const bad = Uint8Array.from([...'x;V\u00e5ld\r\n'], (c) => c.codePointAt(0) as number);
    const tail = Array.from({ length: 60_000 }, (_, i) => `t${i};Våld`);
    const input = join(dir, 'blandad.csv');
    await writeFile(
      input,
      Buffer.concat([
        Buffer.from(head.join('\r\n') + '\r\n'),
        bad,
        Buffer.from(tail.join('\r\n') + '\r\n'),
      ]),
    );
    const args = ['apply', '--mapping', mapping, '--input', input, '--column', 'orsak'];
    const out = join(dir, 'blandad-ut.csv');
    const refused = await spawn([...args, '--out', out]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      `${input} is UTF-8 except line 100002, which holds bytes that are not UTF-8`,
    );
    const refusedStdout = await spawn(args);
    expect(refusedStdout).toMatchObject({ status: 2, stdout: '' });
    expect(
      (await readdir(dir)).filter((f) => f.includes('blandad-ut') || f.endsWith('.tmp')),
    ).toEqual([]);
    const coded = await spawn([...args, '--encoding', 'utf-8']);
    expect(coded.status).toBe(0);
    const rows = coded.stdout.split('\r\n');
    expect(rows[100_001]).toBe('x,Våld,B20');
    expect(rows[160_001]).toBe('t59999,Våld,B20');
    expect(coded.stderr).toMatch(/line 100002 holds bytes that are not UTF-8/);
  });

  it('applies a mapping to a 12 MB file with a 64 MB heap: rows are streamed, not held (issue 14 item 2)', async () => {
    const mapping = await writeMapping({ Skolproblem: 'B15' }, []);
    const reasons = ['Skolproblem', 'Missbruk förälder', 'Våld i nära relation'];
    const lines = ['kommun;kön;ålder;orsak'];
    for (let i = 0; i < 300_000; i++) lines.push(`Gävle;Pojke;${i % 18};${reasons[i % 3]}`);
    const input = join(dir, 'stor.csv');
    await writeFile(input, Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'));
    const out = join(dir, 'stor-ut.csv');
    const r = await spawn(
      ['apply', '--mapping', mapping, '--input', input, '--column', 'orsak', '--out', out],
      ['--max-old-space-size=64'],
    );
    // Holding the table (the command before streaming) took 1.3–1.8 GB for a million rows, about
    // 400 MB here; 64 MB (not less: a loaded machine collects late) is room for chunks only.
    expect(r.stderr).toMatch(/300000 rows, 100000 fully coded/);
    expect(r.status).toBe(0);
    const written = await readFile(out, 'utf8');
    expect(written.slice(0, 60)).toBe(
      'kommun,kön,ålder,orsak,orsak_code\r\nGävle,Pojke,0,Skolproblem,B15\r\n'.slice(0, 60),
    );
    expect(written.split('\r\n')).toHaveLength(300_002);
  });

  it('runs JavaScript built ahead, never TypeScript: no .ts file is loaded (issue 14 item 1)', async () => {
    // A loader hook that records every module Node resolves, then the real command.
    const hook = join(dir, 'record.mjs');
    await writeFile(
      hook,
      "export async function resolve(s, c, next) { const r = await next(s, c); if (/\\.[cm]?tsx?$/.test(r.url)) process.stderr.write('TS ' + r.url + '\\n'); return r; }",
    );
    const register = join(dir, 'register.mjs');
    await writeFile(
      register,
      `import { register } from 'node:module'; register(${JSON.stringify(new URL(`file://${hook}`).href)});`,
    );
    const out = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
      execFile(
        process.execPath,
        [
          '--import',
          register,
          join(REPO, 'bin/kodbok.mjs'),
          'validate',
          join(DEV_SET, 'orsak_codebook.json'),
        ],
        { cwd: REPO },
        (error, stdout, stderr) => (error ? reject(error) : resolve({ stdout, stderr })),
      ),
    );
    expect(out.stdout).toMatch(/valid kodbok\/codebook v1/);
    expect(out.stderr).toBe('');
  });
});
