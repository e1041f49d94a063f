import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { guessColumns, type ColumnMapping } from '../../src/core/import-columns';
import { translate, type Language, type MessageKey } from '../../src/i18n';
import { en } from '../../src/i18n/en';
import { sv } from '../../src/i18n/sv';
import { decodeText } from '../../src/io/decode';
import {
  TABLE_ERROR_KINDS,
  TABLE_ISSUE_KINDS,
  readTableFile,
  streamTableFile,
  type ReadOptions,
  type TableIssue,
} from '../../src/io/table';
import { readSheet } from '../../src/io/xlsx';
import { inflateWorkbook } from '../../src/io/zip-check';
import { stoppedProblem } from '../../src/state/import-worker';
import type { ImportFileState } from '../../src/state/import-store';
import { describeIssue, describeProblem } from '../../src/ui/import/describe-problem';
import {
  IMPORT_PROBLEM_KINDS,
  ImportSession,
  inspectFile,
  problemOf,
  type ImportProblem,
} from '../../src/workers/import-session';
import { lyingZipBomb, zip } from '../hostile/corpus';

// A refused file and a warning read in the user's language (issue: the Swedish import dialog
// showed `the file is empty`): every kind the readers and the import give, made by the real
// readers from real bytes, says in Swedish which file, row and column, with no English left.

const t = (lang: Language) => (key: MessageKey, p?: Record<string, string | number>) =>
  translate(lang, key, p);
const bytes = (s: string) => new TextEncoder().encode(s);
const blob = (b: Uint8Array) => new Blob([b as Uint8Array<ArrayBuffer>]);
const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/io/${name}`, import.meta.url)));

function workbook(rows: unknown[][]): Uint8Array {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Blad1');
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** What the import dialog gets when `read` refuses the file `file`. */
async function refusal(file: string, read: () => unknown): Promise<ImportProblem> {
  try {
    await read();
  } catch (e) {
    return problemOf(file, e);
  }
  throw new Error(`${file}: expected a refusal`);
}

async function refused(file: string, b: Uint8Array | Blob): Promise<ImportProblem> {
  const out = await inspectFile(b instanceof Uint8Array ? blob(b) : b, file);
  if (out.ok) throw new Error(`${file}: expected a refusal`);
  return out.problem;
}

function issues(file: string, text: string, options: ReadOptions = {}): TableIssue[] {
  return readTableFile(file, bytes(text), options).issues;
}

/** Reads a whole file in the import session with the columns guessed (as the dialog does). */
async function readWhole(
  file: string,
  text: string,
  change: (m: ColumnMapping) => ColumnMapping = (m) => m,
  headers?: string[],
) {
  const i = await inspectFile(blob(bytes(text)), file);
  if (!i.ok) throw new Error(i.problem.message);
  const variables = [{ id: 'orsak', label: 'Orsak' }];
  const mapping = change(guessColumns(i.value.headers, variables));
  return new ImportSession().read('x', blob(bytes(text)), file, {
    settings: {},
    mapping,
    municipality: 'Gävle',
    headers: headers ?? i.value.headers,
  });
}

async function problemOfRead(...args: Parameters<typeof readWhole>): Promise<ImportProblem> {
  const out = await readWhole(...args);
  if (out.ok) throw new Error('expected a refusal');
  return out.problem;
}

const UTF16LE_BOM = [0xff, 0xfe];

/** UTF-16LE lines `a`, then a lone surrogate after the first 64 Ki characters. */
function lateSurrogate(): Uint8Array {
  const lines = 70_000;
  const b = new Uint8Array(2 + lines * 4 + 4);
  b.set(UTF16LE_BOM);
  for (let i = 0; i < lines; i++) b.set([0x61, 0, 0x0a, 0], 2 + i * 4);
  b.set([0x00, 0xd8, 0x62, 0], 2 + lines * 4);
  return b;
}

/** Every refusal, as a case: what it is and the problem the dialog gets. */
const refusals: [string, () => Promise<ImportProblem>][] = [
  ['empty', () => refusal('Gävle.csv', () => readTableFile('Gävle.csv', bytes('\n;\n\n')))],
  ['empty_zero', () => refused('tom.csv', new Uint8Array(0))],
  ['empty_sheet', () => refusal('Blad.xlsx', () => readTableFile('Blad.xlsx', workbook([])))],
  ...(
    [
      ['zip', [0x50, 0x4b, 0x03, 0x04, 1, 2]],
      ['office', [0xd0, 0xcf, 0x11, 0xe0, 1, 2]],
      ['pdf', [0x25, 0x50, 0x44, 0x46, 1]],
      ['png', [0x89, 0x50, 0x4e, 0x47, 0, 0]],
      ['jpeg', [0xff, 0xd8, 0xff, 0xe0]],
      ['gzip', [0x1f, 0x8b, 8, 0]],
      ['nul-bytes', [0x61, 0x3b, 0x62, 0x0a, 0, 0x63]],
      ['controls', Array.from({ length: 200 }, (_, i) => (i % 2 ? 0x01 : 0x61))],
      ['nul-characters', [...UTF16LE_BOM, 0x61, 0, 0, 0, 0x62, 0]],
    ] as const
  ).map(([code, b]): [string, () => Promise<ImportProblem>] => [
    `binary ${code}`,
    () => refusal('bild.csv', () => decodeText(Uint8Array.from(b))),
  ]),
  [
    'encoding_bom',
    () => refusal('bom.csv', () => decodeText(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61, 0x0a, 0xff))),
  ],
  [
    'encoding_line',
    () => refusal('u16.txt', () => decodeText(Uint8Array.of(...UTF16LE_BOM, 0x00, 0xd8, 0x61, 0))),
  ],
  [
    'encoding_line in the first 64 Ki characters',
    () =>
      refusal('u16.txt', () =>
        streamTableFile(
          'u16.txt',
          Uint8Array.of(...UTF16LE_BOM, 0x61, 0, 0x0a, 0, 0x00, 0xdc, 0x62, 0),
          {},
          { onRows: () => undefined },
        ),
      ),
  ],
  [
    'encoding_line after them',
    () =>
      refusal('u16.txt', () =>
        streamTableFile(
          'u16.txt',
          // A lone surrogate after the first 64 Ki characters (the sample the delimiter is found in).
          lateSurrogate(),
          {},
          { onRows: () => undefined },
        ),
      ),
  ],
  [
    'too-large',
    () =>
      refusal('Gävle.csv', () => readTableFile('Gävle.csv', bytes('a;b\n1;2\n'), { maxBytes: 4 })),
  ],
  [
    'too-large_split',
    () =>
      refused('stor.csv', {
        size: 300 * 1024 * 1024,
        arrayBuffer: () => Promise.reject(new Error('must not be read')),
      } as unknown as Blob),
  ],
  [
    'too-large_workbook',
    () => refusal('Blad.xlsx', () => readSheet(workbook([['a'], ['b']]), { maxBytes: 100 })),
  ],
  [
    'too-many-rows',
    () =>
      refusal('Gävle.csv', () => readTableFile('Gävle.csv', bytes('a\n1\n2\n3\n'), { maxRows: 2 })),
  ],
  [
    'too-many-rows_sheet',
    () =>
      refusal('Blad.xlsx', () =>
        readSheet(workbook([['id'], ...Array.from({ length: 2000 }, (_, i) => [i])]), {
          maxRows: 50,
        }),
      ),
  ],
  [
    'cell-too-long',
    () =>
      refusal('Gävle.csv', () =>
        readTableFile('Gävle.csv', bytes('a;b\n1;123456789\n'), { maxCellLength: 5 }),
      ),
  ],
  [
    'cell-too-long_no-break',
    () =>
      refusal('Gävle.csv', () =>
        streamTableFile(
          'Gävle.csv',
          bytes(`a;b\n${'x'.repeat(3000)};1\n`),
          { maxCellLength: 100 },
          { onRows: () => undefined, chunkBytes: 64 },
        ),
      ),
  ],
  [
    'unterminated-quote',
    () => refusal('citat.csv', () => readTableFile('citat.csv', fixture('unterminated-quote.csv'))),
  ],
  [
    'unterminated-quote_line',
    () =>
      refusal('citat.csv', () =>
        readTableFile('citat.csv', bytes('a;b\n"två\nrader";1\n"öppen;2\n3;4\n')),
      ),
  ],
  [
    'header-row',
    () =>
      refusal('Gävle.csv', () =>
        readTableFile('Gävle.csv', bytes('a;b\n;\nc;d\n'), { headerRow: 2 }),
      ),
  ],
  [
    'header-row_missing',
    () => refusal('Gävle.csv', () => readTableFile('Gävle.csv', bytes('a;b\n'), { headerRow: 9 })),
  ],
  ['encrypted', () => refused('hemlig.xlsx', fixture('password.xlsx'))],
  ['corrupt', () => refused('trasig.xlsx', fixture('truncated.xlsx'))],
  ['corrupt part-larger', () => refused('lögn.xlsx', lyingZipBomb())],
  [
    'corrupt part-smaller',
    () =>
      refusal('kort.xlsx', () =>
        inflateWorkbook(zip([{ name: 'xl/blad.xml', data: bytes('<w/>'), declared: 5000 }])),
      ),
  ],
  [
    'zip-bomb',
    () =>
      refusal('bomb.xlsx', () =>
        readSheet(fixture('zip-bomb.xlsx'), {
          maxCompressionRatio: 10_000,
          maxUncompressedBytes: 100 * 1024 * 1024,
        }),
      ),
  ],
  ['zip-bomb_ratio', () => refused('bomb.xlsx', fixture('zip-bomb.xlsx'))],
  [
    'zip-bomb_parts',
    () =>
      refusal('delar.xlsx', () =>
        readSheet(
          zip(Array.from({ length: 10_001 }, (_, i) => ({ name: `p${i}`, data: bytes('x') }))),
        ),
      ),
  ],
  ['not-a-table', () => refusal('Blad.xlsx', () => readSheet(bytes('a;b\n1;2\n')))],
  [
    'not-a-table_zip',
    () => refusal('Blad.xlsx', () => readSheet(zip([{ name: 'hej.txt', data: bytes('hej') }]))),
  ],
  [
    'no-such-sheet',
    () => refusal('Blad.xlsx', () => readSheet(workbook([['a']]), { sheet: 'Blad9' })),
  ],
  [
    'no-such-sheet_number',
    () => refusal('Blad.xlsx', () => readSheet(workbook([['a']]), { sheet: 4 })),
  ],
  [
    'old-format',
    () => refusal('gammal.xls', () => readSheet(Uint8Array.of(0x09, 0, 4, 0, 0, 0, 0x10, 0))),
  ],
  [
    'cancelled',
    () =>
      refusal('Gävle.csv', () =>
        streamTableFile(
          'Gävle.csv',
          bytes('a;b\n1;2\n'),
          {},
          {
            onRows: () => undefined,
            signal: AbortSignal.abort(),
          },
        ),
      ),
  ],
  ['import ragged-row', () => refused('ojämn.csv', bytes('a;b;c\n1;2;3\n4;5\n'))],
  ['import ragged-row of one cell', () => refused('ojämn.csv', bytes('a;b;c\n1;2;3\n4\n'))],
  [
    'import value-too-long',
    () => problemOfRead('lång.csv', `orsak;kommun\nkort;Gävle\n${'x'.repeat(20_000)};Gävle\n`),
  ],
  [
    'import bad-count',
    () =>
      problemOfRead('antal.csv', 'orsak;antal\nMissbruk;12\nVåld;tolv\n', (m) => ({
        ...m,
        shape: 'frequencies',
        count: 1,
      })),
  ],
  [
    'import header-changed',
    () => problemOfRead('antal.csv', 'orsak;kommun\nVåld;Gävle\n', undefined, ['orsak', 'län']),
  ],
  [
    'import mapping',
    () =>
      problemOfRead('antal.csv', 'orsak;kommun\nVåld;Gävle\n', (m) => ({ ...m, variables: [] })),
  ],
  ['import crashed', () => refusal('Gävle.csv', () => Promise.reject(new Error('E_OOM')))],
  [
    'import crashed_worker',
    async () => stoppedProblem({ file: { name: 'Gävle.csv' } } as ImportFileState, 'E_OOM'),
  ],
];

/** Every warning, as a case: what it is and the issues the file gives. */
const warnings: [string, () => readonly TableIssue[] | Promise<readonly TableIssue[]>][] = [
  ['duplicate-header', () => issues('a.csv', 'kön;kön;ålder\n1;2;3\n')],
  ['empty-header', () => issues('a.csv', 'kön;;ålder\n1;2;3\n')],
  ['odd-header', () => issues('a.csv', ' <b>kön</b> ;ålder\n1;2\n')],
  ['ragged-row', () => issues('a.csv', 'a;b;c\n1;2;3\n4;5\n')],
  ['malformed-quote', () => issues('a.csv', 'a;b\n"x"y";1\n2;3\n')],
  ['ambiguous-delimiter', () => readTableFile('a.csv', fixture('ambiguous.csv')).issues],
  ['skipped-rows_before', () => issues('a.csv', '\n;\na;b\n1;2\n')],
  ['skipped-rows_blank', () => issues('a.csv', 'a;b\n1;2\n;\n3;4\n')],
  [
    'skipped-rows_no-municipality',
    async () => {
      const out = await readWhole('kommun.csv', 'orsak;kommun\nVåld;\nMissbruk;Umeå\n');
      if (!out.ok) throw new Error(out.problem.message);
      return out.value.issues;
    },
  ],
  ['wrong-extension_workbook', () => readTableFile('a.csv', workbook([['a'], ['b']])).issues],
  ['wrong-extension_text', () => issues('a.xlsx', 'a;b\n1;2\n')],
  [
    'not-utf8',
    () =>
      readTableFile('a.csv', Uint8Array.of(...bytes('kommun;orsak\nGävle;Våld\nÅ'), 0xe5, 0x0a))
        .issues,
  ],
  ['more-issues', () => issues('a.csv', `a;b;c\n${'1;2\n'.repeat(25)}`)],
];

// Words of the readers' English that must not reach a Swedish screen (the raw values above
// hold none of them).
const ENGLISH =
  /\b(the|is|are|not|has|have|holds?|and|of|was|were|row|rows|column|file|header|cells|sheet|workbook|limit|line|characters|empty|check|save|it|its)\b/i;

/** The row and column as the English message names them (a column may be named by its header). */
function place(x: { row?: number; column?: number; message: string }): RegExp[] {
  return [x.row, x.column]
    .filter((n) => n !== undefined)
    .map((n) => new RegExp(`\\b${n}\\b`))
    .filter((n) => n.test(x.message));
}

describe('a refused file in the user’s language', () => {
  it.each(refusals)('%s', async (name, make) => {
    // As the import worker posts it (a structured clone): kind and parameters are plain values.
    const problem = structuredClone(await make());
    const [kind = '', variant] = name
      .replace(/^import /, '')
      .split(' ')[0]!
      .split('_');
    expect(problem.kind).toBe(kind);
    expect(problem.params?.variant).toBe(variant);
    expect(problem.message.startsWith(`${problem.file}: `)).toBe(true);
    const swedish = describeProblem(t('sv'), 'sv', problem);
    const english = describeProblem(t('en'), 'en', problem);
    for (const text of [swedish, english]) {
      expect(text.startsWith(`${problem.file}: `)).toBe(true);
      expect(text).not.toMatch(/[{}]/);
      for (const n of place(problem)) expect(text).toMatch(n);
    }
    expect(swedish).not.toBe(problem.message);
    expect(swedish.slice(problem.file.length)).not.toMatch(ENGLISH);
    expect(english.slice(problem.file.length)).toMatch(ENGLISH);
  });

  it('says the examples as a Swedish researcher would read them', async () => {
    const sv_ = (p: ImportProblem) => describeProblem(t('sv'), 'sv', p);
    expect(sv_(await refused('tom.csv', new Uint8Array(0)))).toBe('tom.csv: filen är tom');
    expect(sv_(await refused('ojämn.csv', bytes('a;b;c\n1;2;3\n4;5\n')))).toMatch(
      /^ojämn\.csv: rad 3 har 2 celler men rubrikraden har 3: /,
    );
    expect(sv_(await refused('ojämn.csv', bytes('a;b;c\n1;2;3\n4\n')))).toMatch(
      /^ojämn\.csv: rad 3 har 1 cell men/,
    );
    const [, big] = refusals.find(([k]) => k === 'too-large_split') ?? [];
    expect(sv_(await big!())).toMatch(
      /^stor\.csv: filen är 300,0 MB; största tillåtna är 256,0 MB/,
    );
    // Row numbers as the file shows them (never grouped); counts the Swedish way.
    const rows = await refusal('Gävle.csv', () =>
      readTableFile('Gävle.csv', bytes(`a\n${'1\n'.repeat(12_345)}`), { maxRows: 12_000 }),
    );
    expect(sv_(rows)).toBe(
      'Gävle.csv: fler än 12\u00a0000 datarader (rad 12002); dela upp filen eller höj gränsen',
    );
  });

  it('keeps the English of the readers for a kind it has no words for', () => {
    const problem = {
      kind: 'crashed',
      file: 'a.csv',
      message: 'a.csv: something new',
      params: { variant: 'unheard-of' },
    } as const;
    expect(describeProblem(t('sv'), 'sv', problem)).toBe('a.csv: something new');
  });
});

describe('a warning about a file in the user’s language', () => {
  it.each(warnings)('%s', async (kind, make) => {
    const [base = '', variant] = kind.split('_');
    const found = (await make()).filter(
      (x) => x.kind === base && (variant === undefined || x.params?.variant === variant),
    );
    expect(found.length, kind).toBeGreaterThan(0);
    for (const issue of found) {
      const swedish = describeIssue(t('sv'), 'sv', issue);
      const english = describeIssue(t('en'), 'en', issue);
      for (const text of [swedish, english]) {
        expect(text).not.toMatch(/[{}]/);
        for (const n of place(issue)) expect(text).toMatch(n);
      }
      expect(swedish).not.toMatch(ENGLISH);
      expect(swedish).not.toBe(issue.message);
    }
  });

  it('shows a value from the file exactly as it is: the text, never markup', () => {
    const [odd] = issues('a.csv', ' <b>kön</b> ;ålder\n1;2\n');
    expect(describeIssue(t('sv'), 'sv', odd!)).toBe(
      'Rubriken i kolumn 1, " <b>kön</b> ", börjar eller slutar med mellanslag',
    );
    const [more] = issues('a.csv', `a;b;c\n${'1;2\n'.repeat(25)}`).filter(
      (x) => x.kind === 'more-issues',
    );
    expect(describeIssue(t('sv'), 'sv', more!)).toBe(
      '5 varningar till av slaget: rad med fel antal celler',
    );
  });
});

describe('the catalogs', () => {
  const keys = (prefix: string) =>
    Object.keys(sv)
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(prefix.length));

  it('have Swedish and English words for every kind, so a new kind cannot be forgotten', () => {
    const need = [
      ...TABLE_ERROR_KINDS.map((k) => `tblErr_${k}`),
      ...TABLE_ISSUE_KINDS.flatMap((k) => [`tblIssue_${k}`, `tblIssueName_${k}`]),
      ...IMPORT_PROBLEM_KINDS.map((k) => `impProblem_${k}`),
    ];
    for (const key of need) {
      expect(sv, key).toHaveProperty([key]);
      expect(en, key).toHaveProperty([key]);
      expect((sv as Record<string, string>)[key]).not.toBe((en as Record<string, string>)[key]);
    }
  });

  it('name no kind that does not exist', () => {
    const kinds = (list: readonly string[]) => (rest: string) =>
      list.some((k) => rest === k || rest.startsWith(`${k}_`));
    expect(keys('tblErr_').filter((k) => !kinds(TABLE_ERROR_KINDS)(k))).toEqual([]);
    expect(keys('tblIssue_').filter((k) => !kinds(TABLE_ISSUE_KINDS)(k))).toEqual([]);
    expect(keys('impProblem_').filter((k) => !kinds(IMPORT_PROBLEM_KINDS)(k))).toEqual([]);
  });
});
