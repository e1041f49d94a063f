// Every command of the command line over the hostile-input corpus (test/hostile/corpus.ts):
// each run ends with exit 2 (validate: 1 for a file with errors), one line on stderr naming the
// problem, nothing on stdout and nothing written, within a bounded time and memory, and no
// prototype polluted. Prototype payloads that are otherwise valid files are read as data.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus, type HostileInput } from '../hostile/corpus';
import { runInProcess, type CliRun } from '../support/cli-run';

// Valid files whose content is hostile only as data (raw value `__proto__`, keys `__proto__`,
// `constructor` and a lone surrogate, which are unknown fields): read like any other file.
const VALID_AS_JSON = new Set(['proto.json', 'proto-codebook.json', 'lone-surrogate-key.json']);

let dir: string;
let corpus: HostileInput[];
const good = (name: string) => join(dir, 'good', name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kodbok-corpus-'));
  corpus = await writeCorpus(join(dir, 'hostile'));
  await mkdir(join(dir, 'good'));
  await mkdir(join(dir, 'out'));
  await writeFile(
    good('codebook.json'),
    JSON.stringify({
      format: 'kodbok/codebook',
      formatVersion: 1,
      id: 'c',
      variable: 'v',
      categories: [
        { code: 'HEM', label: 'Hemmiljö', parent: null },
        { code: 'H01', label: 'Bristande omsorg', parent: 'HEM' },
        { code: '__proto__', label: 'Våld', parent: null },
      ],
    }),
  );
  await writeFile(
    good('mapping.json'),
    JSON.stringify({
      format: 'kodbok/mapping',
      formatVersion: 1,
      variable: 'v',
      codebook: { id: 'c' },
      entries: [{ raw: 'Våld', code: 'H01', status: 'approved' }],
    }),
  );
  await writeFile(good('data.csv'), 'orsak\nVåld\n');
  await writeFile(good('values.txt'), 'Våld\n');
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The command lines that put `path` where a command expects a file of kind `slot`. */
function commands(input: HostileInput, out: string): string[][] {
  const p = input.path;
  const lines: string[][] = [];
  if (input.slots.includes('json')) {
    lines.push(
      ['validate', p],
      ['suggest', '--codebook', p, '--values', good('values.txt')],
      [
        'suggest',
        '--codebook',
        good('codebook.json'),
        '--values',
        good('values.txt'),
        '--mapping',
        p,
      ],
      ['apply', '--mapping', p, '--input', good('data.csv'), '--column', 'orsak', '--out', out],
    );
  }
  if (input.slots.includes('table')) {
    lines.push([
      'apply',
      '--mapping',
      good('mapping.json'),
      '--input',
      p,
      '--column',
      'orsak',
      '--out',
      out,
    ]);
  }
  if (input.slots.includes('values')) {
    lines.push(['suggest', '--codebook', good('codebook.json'), '--values', p]);
  }
  return lines;
}

/**
 * Exit statuses a run may end with: refused (2), or for validate a file with errors (1). A
 * valid file is valid to validate; a command may still refuse it in a place it does not fit
 * (a codebook given as a mapping, a mapping for another variable).
 */
function allowed(input: HostileInput, argv: string[]): number[] {
  const asJson = argv.includes(input.path) && argv[argv.indexOf(input.path) - 1] !== '--input';
  if (VALID_AS_JSON.has(input.name) && asJson) return argv[0] === 'validate' ? [0] : [0, 2];
  return argv[0] === 'validate' ? [1, 2] : [2];
}

describe('the hostile-input corpus', () => {
  it('every command refuses every bad input with one line and exit 2 (validate 1), writes nothing, in bounded time and memory', async () => {
    const baseline = process.memoryUsage().rss;
    const failures: string[] = [];
    let runs = 0;
    for (const input of corpus) {
      for (const argv of commands(input, join(dir, 'out', 'coded.csv'))) {
        let r: CliRun;
        try {
          r = await runInProcess(argv);
        } catch (e) {
          failures.push(
            `${input.name}: ${argv[0]} threw ${e instanceof Error ? e.message : String(e)}`,
          );
          continue;
        }
        runs++;
        const what = `${input.name}: kodbok ${argv[0]}${argv.includes('--mapping') && argv[argv.indexOf('--mapping') + 1] === input.path ? ' --mapping' : ''}`;
        const ok = allowed(input, argv);
        if (!ok.includes(r.status))
          failures.push(`${what}: exit ${r.status} (${r.stderr.trim().slice(0, 200)})`);
        if (r.status === 2) {
          const lines = r.stderr.trimEnd().split('\n');
          if (lines.length !== 1 || !lines[0]?.startsWith('kodbok: ')) {
            failures.push(`${what}: not one line: ${JSON.stringify(r.stderr.slice(0, 300))}`);
          }
          if (/\n\s+at /.test(r.stderr)) failures.push(`${what}: a stack trace`);
        }
        if (r.status !== 0 && r.stdout !== '') failures.push(`${what}: wrote to stdout`);
        if (r.stderr.length > 20_000)
          failures.push(`${what}: ${r.stderr.length} characters on stderr`);
        if (r.ms > 15_000) failures.push(`${what}: took ${Math.round(r.ms)} ms`);
        const rss = process.memoryUsage().rss - baseline;
        if (rss > 1536 * 1024 * 1024)
          failures.push(`${what}: memory grew by ${Math.round(rss / 2 ** 20)} MB`);
        const left = await readdir(join(dir, 'out'));
        if (left.length > 0 && r.status !== 0) failures.push(`${what}: left ${left.join(', ')}`);
        await rm(join(dir, 'out', 'coded.csv'), { force: true });
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }
    }
    expect(failures).toEqual([]);
    expect(runs).toBeGreaterThan(100);
  }, 120_000);
});
