// The demo data written as the municipalities' own files would be: one CSV per municipality
// (Excel on a Swedish Windows: Windows-1252 and `;`; Excel's "CSV UTF-8": a BOM and `,`), or
// one big file with a municipality column. Pure: returns text and bytes (e2e tests write them
// to disk, benchmarks hand them to the reader in the browser).
import type { DemoData } from '../../src/core/demo/generate';

export const DEMO_HEADERS = ['kön', 'ålder', 'aktualiseringstyp', 'aktualiseringsorsak', 'åtgärd'];

function field(value: string, delimiter: string): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) || value !== value.trim()
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

function line(cells: readonly string[], delimiter: string): string {
  return `${cells.map((c) => field(c, delimiter)).join(delimiter)}\r\n`;
}

function rowCells(data: DemoData, i: number): string[] {
  return [
    data.sex[i] as string,
    String(data.age[i]),
    data.type[i] as string,
    data.reason[i] as string,
    data.action[i] as string,
  ];
}

/** One CSV text per municipality (file name → text), rows in demo order. */
export function demoCsvPerMunicipality(data: DemoData, delimiter = ';'): Map<string, string> {
  const parts = new Map<number, string[]>();
  for (let i = 0; i < data.rows; i++) {
    const m = data.municipality[i] as number;
    let p = parts.get(m);
    if (!p) parts.set(m, (p = [line(DEMO_HEADERS, delimiter)]));
    p.push(line(rowCells(data, i), delimiter));
  }
  return new Map(
    [...parts].map(([m, p]) => [`${data.municipalities[m] as string}.csv`, p.join('')]),
  );
}

/** The whole demo as one CSV with a `kommun` column, as chunks of text (a big file is many). */
export function demoCsvChunks(data: DemoData, delimiter = ';', rowsPerChunk = 50_000): string[] {
  const out: string[] = [];
  let chunk: string[] = [line(['kommun', ...DEMO_HEADERS], delimiter)];
  for (let i = 0; i < data.rows; i++) {
    chunk.push(
      line(
        [data.municipalities[data.municipality[i] as number] as string, ...rowCells(data, i)],
        delimiter,
      ),
    );
    if (chunk.length >= rowsPerChunk) {
      out.push(chunk.join(''));
      chunk = [];
    }
  }
  if (chunk.length > 0) out.push(chunk.join(''));
  return out;
}

// Windows-1252 0x80–0x9F (WHATWG), the rest is Latin-1.
const CP1252_HIGH = new Map<number, number>(
  [
    0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039,
    0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc,
    0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
  ].map((code, i) => [code, 0x80 + i]),
);

/** Text as Windows-1252 bytes (as Excel writes CSV on a Swedish Windows). */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const b = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : CP1252_HIGH.get(c);
    if (b === undefined) throw new RangeError(`U+${c.toString(16)} has no Windows-1252 byte`);
    out[i] = b;
  }
  return out;
}

/** Text as UTF-8 with a byte-order mark (Excel's "CSV UTF-8"). */
export function encodeUtf8Bom(text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
