// The red team's kinds of bad input (issue 13), generated: JSON that is deep, huge, truncated,
// of the wrong types, with prototype payloads, non-finite numbers and giant values; text in the
// wrong or mixed encodings, with NUL bytes; workbooks that are zip bombs (honest and lying) or
// cut short; folders, devices and FIFOs where a file is expected. test/cli/corpus.test.ts runs
// every command over all of it. Generated, not committed: the giants are tens of megabytes.
import { execFileSync } from 'node:child_process';
import { mkdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

/** What a command expects at the place the file is given. */
export type Slot = 'json' | 'table' | 'values';

export interface HostileInput {
  readonly name: string;
  /** Absolute path (a file written here, or a device or folder). */
  readonly path: string;
  /** The places it is tried in: a JSON argument, apply's --input, suggest's --values. */
  readonly slots: readonly Slot[];
}

const ALL: readonly Slot[] = ['json', 'table', 'values'];

interface ZipPart {
  readonly name: string;
  readonly data: Uint8Array;
  /** The uncompressed size written in the headers; the true size when absent. */
  readonly declared?: number;
}

/** A deflated ZIP of the parts, with the sizes each part declares (they may lie). */
export function zip(parts: readonly ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const data = deflateRawSync(part.data);
    const size = part.declared ?? part.data.length;
    const crc = crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(entry, name);
    offset += local.length + name.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

const text = (s: string) => new TextEncoder().encode(s);

/** The parts of a one-sheet workbook whose sheet XML is `sheet`. */
function workbookParts(sheet: Uint8Array, declared?: number): ZipPart[] {
  const ns = 'http://schemas.openxmlformats.org';
  return [
    {
      name: '[Content_Types].xml',
      data: text(
        `<?xml version="1.0"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: text(
        `<?xml version="1.0"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: text(
        `<?xml version="1.0"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: text(
        `<?xml version="1.0"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: sheet,
      ...(declared === undefined ? {} : { declared }),
    },
  ];
}

function sheetXml(padding: number, rows: number): Uint8Array {
  const body = Array.from(
    { length: rows },
    (_, i) =>
      `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${i === 0 ? 'orsak' : 'Våld'}</t></is></c></row>`,
  ).join('');
  return text(
    `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><!--${' '.repeat(padding)}-->${body}</sheetData></worksheet>`,
  );
}

/** A workbook of a few hundred KB whose sheet inflates to 64 MB but declares 1 000 bytes. */
export function lyingZipBomb(): Uint8Array {
  return zip(workbookParts(sheetXml(64 * 1024 * 1024, 3), 1000));
}

/** A workbook that declares its 600 MB sheet honestly. */
function honestZipBomb(): Uint8Array {
  const parts = workbookParts(sheetXml(10, 3));
  return zip(
    parts.map((p) => (p.name.endsWith('sheet1.xml') ? { ...p, declared: 600 * 1024 * 1024 } : p)),
  );
}

const MAPPING_HEAD =
  '{"format":"kodbok/mapping","formatVersion":1,"variable":"v","codebook":{"id":"c"},"entries":';

function mappingWith(entry: string): string {
  return `${MAPPING_HEAD}[${entry}]}`;
}

/** Windows-1252 bytes of Latin-1 text (enough for å ä ö é). */
function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** Writes the corpus into `dir` and lists it. Takes a second or two. */
export async function writeCorpus(dir: string): Promise<HostileInput[]> {
  await mkdir(dir, { recursive: true });
  const inputs: HostileInput[] = [];
  const add = async (name: string, data: string | Uint8Array, slots: readonly Slot[] = ALL) => {
    const path = join(dir, name);
    await writeFile(path, data);
    inputs.push({ name, path, slots });
  };
  // JSON: syntax and size.
  await add('empty.json', '');
  await add('truncated.json', mappingWith('{"raw":"a","code":"H01","status":"appr'));
  await add('deep.json', '['.repeat(200_000) + ']'.repeat(200_000));
  await add('deep-object.json', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000));
  await add(
    'nul.json',
    mappingWith('{"raw":"a\u0000b","code":"H01","status":"approved"}').replace('\\u0000', '\u0000'),
  );
  await add('oversize.json', `${MAPPING_HEAD}[],"pad":"${'x'.repeat(51 * 1024 * 1024)}"}`);
  await add(
    'lone-surrogate-key.json',
    `${MAPPING_HEAD}[{"\\ud800":1,"raw":"a","code":"H01","status":"approved"}]}`,
  );
  // JSON: wrong shapes and values.
  await add('array.json', '[1,2,3]');
  await add('string.json', '"kodbok/mapping"');
  await add(
    'wrong-types.json',
    '{"format":"kodbok/mapping","formatVersion":"1","variable":7,"codebook":[],"entries":{}}',
  );
  await add(
    'proto.json',
    mappingWith(
      '{"raw":"__proto__","code":"H01","status":"approved","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
    ),
  );
  await add(
    'proto-codebook.json',
    '{"format":"kodbok/codebook","formatVersion":1,"id":"c","variable":"v","categories":[{"code":"__proto__","label":"x","parent":null,"crosswalk":{"__proto__":"x","constructor":"y"}}],"__proto__":{"polluted":1}}',
  );
  await add(
    'infinite.json',
    mappingWith('{"raw":"a","code":"H01","status":"approved","frequency":1e400}'),
  );
  await add(
    'negative.json',
    mappingWith('{"raw":"a","code":"H01","status":"approved","frequency":-1}'),
  );
  await add(
    'giant-raw.json',
    mappingWith(`{"raw":"${'x'.repeat(30_000_000)}","code":"H01","status":"approved"}`),
  );
  await add(
    'giant-label.json',
    `{"format":"kodbok/codebook","formatVersion":1,"id":"c","variable":"v","categories":[{"code":"A","label":"${'l'.repeat(5000)}","parent":null}]}`,
  );
  await add(
    'newer.json',
    '{"format":"kodbok/mapping","formatVersion":2,"variable":"v","codebook":{"id":"c"},"entries":[]}',
  );
  // Encodings.
  await add(
    'cp1252.json',
    latin1(
      mappingWith('{"raw":"Våld","code":"H01","status":"approved","note":"Missbruk förälder"}'),
    ),
  );
  await add(
    'utf16.json',
    Uint8Array.from([
      0xff,
      0xfe,
      ...Array.from('{"format":1}', (c) => [c.charCodeAt(0), 0]).flat(),
    ]),
  );
  await add(
    'mixed.csv',
    new Uint8Array([
      ...text('orsak\nMissbruk förälder\n'),
      ...latin1('Våld\n'),
      ...text('Skolproblem\n'),
    ]),
  );
  await add('mixed.txt', new Uint8Array([...text('Missbruk förälder\n'), ...latin1('Våld\n')]));
  await add(
    'bom-bad.csv',
    new Uint8Array([0xef, 0xbb, 0xbf, ...text('orsak\n'), ...latin1('Våld\n')]),
  );
  await add('nul.csv', text('orsak\nVå\u0000ld\n'));
  await add(
    'binary.csv',
    Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256),
  );
  // Tables.
  await add('empty.csv', '');
  await add('unterminated.csv', 'orsak\n"Våld\nSkolproblem\n');
  await add('giant-cell.csv', `orsak\n${'v'.repeat(200_000)}\n`);
  await add('giant-value.csv', `orsak\n${'v'.repeat(5000)}\n`);
  await add('lying-bomb.xlsx', lyingZipBomb());
  await add('honest-bomb.xlsx', honestZipBomb());
  await add('cut-short.xlsx', zip(workbookParts(sheetXml(0, 3))).subarray(0, 400));
  await add('pdf.csv', text('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'));
  // Sizes and kinds of path.
  const sparse = join(dir, 'sparse.csv');
  await writeFile(sparse, '');
  await truncate(sparse, 1900 * 1024 * 1024);
  inputs.push({ name: 'sparse.csv', path: sparse, slots: ALL });
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  inputs.push({ name: 'fifo', path: fifo, slots: ALL });
  inputs.push({ name: 'folder', path: dir, slots: ALL });
  inputs.push({ name: '/dev/zero', path: '/dev/zero', slots: ALL });
  inputs.push({ name: 'missing', path: join(dir, 'no-such-file.json'), slots: ALL });
  return inputs;
}
