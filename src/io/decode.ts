// Bytes → text. We decode files ourselves (RELIABILITY.md rule 4): Excel on a Swedish Windows
// writes CSV in Windows-1252 and reads UTF-8 only with a BOM, so a file is UTF-8 only if every
// byte says so; otherwise it is Windows-1252, and the preview says which was used.
// Runs in a Worker and in Node: TextDecoder only.

import { firstInvalidUtf16, InvalidText, invalidTextRefusal } from './invalid-text';
import { chunksOf, type ByteSource } from './source';
import { TableReadError } from './table';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DetectedEncoding {
  readonly encoding: TextEncoding;
  /** Bytes of the byte-order mark to skip (0 when there is none). */
  readonly bomLength: number;
  /** UTF-8 but for some lines, which are read as Windows-1252 and named (issue 13). */
  readonly mixed?: boolean;
}

/** The WHATWG label of each encoding (the WHATWG `iso-8859-1` label is windows-1252 too). */
export function encodingLabel(
  encoding: TextEncoding,
): 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' {
  return encoding === 'utf-8-bom' ? 'utf-8' : encoding;
}

// How much of the start of a file is inspected for binary content, bytes.
const SNIFF_BYTES = 8192;
// Text has almost no C0 controls besides tab, CR, LF (and form feed); binaries are full of them.
const MAX_CONTROL_SHARE = 0.1;

// Known binary formats, named so the user knows what they dropped.
const SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; what: string; code: string }> = [
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: 'a ZIP archive (a workbook? save it as .xlsx)',
    code: 'zip',
  },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0],
    what: 'an Office document (.xls, .doc or a password-protected workbook)',
    code: 'office',
  },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document', code: 'pdf' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', code: 'png' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image', code: 'jpeg' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive', code: 'gzip' },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function isControl(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) ||
    code === 0x7f
  );
}

/** `what` names the content in English; `code` names it for the UI (tblBinary_…). */
function refuseBinary(what: string, code: string): never {
  throw new TableReadError(
    'binary',
    `the file is ${what}, not text: it cannot be read as a table`,
    {},
    { what: code },
  );
}

/**
 * UTF-16 without a BOM (rare, but some exports do it): text in Latin script has a NUL in
 * every other byte. Returns the byte order, or null.
 */
function bomlessUtf16(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  if (oddNul > pairs * 0.9 && evenNul === 0) return 'utf-16le';
  if (evenNul > pairs * 0.9 && oddNul === 0) return 'utf-16be';
  return null;
}

function checkControls(text: string): void {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) refuseBinary('binary data (it holds NUL characters)', 'nul-characters');
    if (isControl(c)) controls++;
  }
  if (text.length > 0 && controls / text.length > MAX_CONTROL_SHARE) {
    refuseBinary('binary data (it is full of control characters)', 'controls');
  }
}

/** The line (1-based) of the first character U+FFFD a lenient decoder puts where bytes are invalid. */
function lineOfFirstInvalid(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  const at = text.indexOf('\ufffd');
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Where a slice of `data` may end without cutting a character in two: before an incomplete
 * UTF-8 sequence, or before an odd byte or a high surrogate in UTF-16.
 */
function characterEnd(data: Uint8Array, unit: 'utf-8' | 'utf-16le' | 'utf-16be'): number {
  if (unit === 'utf-8') {
    let i = data.length - 1;
    while (i >= 0 && i > data.length - 4 && ((data[i] as number) & 0xc0) === 0x80) i--;
    if (i < 0) return data.length;
    const lead = data[i] as number;
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    return i + length > data.length ? i : data.length;
  }
  let end = data.length - (data.length % 2);
  if (end >= 2) {
    const [a, b] = [data[end - 2] as number, data[end - 1] as number];
    const code = unit === 'utf-16le' ? a | (b << 8) : (a << 8) | b;
    if (code >= 0xd800 && code <= 0xdbff) end -= 2;
  }
  return end;
}

/** The bytes held back from the last slice, then the new ones. */
function joinBytes(pending: Uint8Array, bytes: Uint8Array): Uint8Array {
  if (pending.length === 0) return bytes;
  const data = new Uint8Array(pending.length + bytes.length);
  data.set(pending);
  data.set(bytes, pending.length);
  return data;
}

/**
 * A strict decoder fed slice by slice. It cuts slices at character boundaries itself and
 * decodes each whole, instead of `{ stream: true }`: in Node a streaming fatal TextDecoder
 * takes a slow path (about 4× slower on a 70 MB file). Bytes that are not valid UTF-16 throw
 * InvalidText naming where (UTF-8 is validated before it is decoded, so it only throws here).
 */
class SliceDecoder implements ChunkDecoder {
  private pending = new Uint8Array(0);
  private readonly decoder: TextDecoder;
  /** Bytes decoded before `pending`, and the line feeds in them (UTF-16 only). */
  private decoded = 0;
  private lineFeeds = 0;

  constructor(private readonly unit: 'utf-8' | 'utf-16le' | 'utf-16be') {
    this.decoder = new TextDecoder(unit, { fatal: true, ignoreBOM: true });
  }

  decode(bytes: Uint8Array, options: { stream?: boolean } = {}): string {
    const data = joinBytes(this.pending, bytes);
    const end = options.stream ? characterEnd(data, this.unit) : data.length;
    this.pending = data.slice(end);
    const piece = data.subarray(0, end);
    if (this.unit === 'utf-8') return this.decoder.decode(piece);
    let text: string;
    try {
      text = this.decoder.decode(piece);
    } catch (e) {
      const bad = firstInvalidUtf16(piece, this.unit);
      if (bad === null) throw e;
      throw new InvalidText(this.decoded + bad.byte, this.lineFeeds + bad.lineFeeds + 1);
    }
    this.decoded += end;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineFeeds++;
    return text;
  }
}

/**
 * UTF-8 line by line: a line that is not valid UTF-8 is read as Windows-1252 and reported, so
 * one stray byte does not turn every å of the file into `Ã¥` (issue 13). Slices end at a line
 * feed (0x0A is never part of a multi-byte character in UTF-8 or a character in Windows-1252).
 */
class LineFallbackDecoder implements ChunkDecoder {
  private pending = new Uint8Array(0);
  /** Lines decoded so far. */
  private lines = 0;
  private readonly strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  constructor(private readonly onBadLine: (line: number, text: string) => void) {}

  decode(bytes: Uint8Array, options: { stream?: boolean } = {}): string {
    const data = joinBytes(this.pending, bytes);
    // A slice without a line feed waits for the next one, up to a slice's worth.
    const cut = options.stream ? data.lastIndexOf(0x0a) + 1 : data.length;
    const end = options.stream && cut === 0 && data.length < SLICE ? 0 : cut || data.length;
    this.pending = data.slice(end);
    const piece = data.subarray(0, end);
    try {
      const text = this.strict.decode(piece);
      for (let i = piece.indexOf(0x0a); i >= 0; i = piece.indexOf(0x0a, i + 1)) this.lines++;
      return text;
    } catch {
      return this.byLine(piece);
    }
  }

  private byLine(piece: Uint8Array): string {
    const parts: string[] = [];
    for (let start = 0; start < piece.length;) {
      const lf = piece.indexOf(0x0a, start);
      const end = lf < 0 ? piece.length : lf + 1;
      const line = piece.subarray(start, end);
      this.lines++;
      try {
        parts.push(this.strict.decode(line));
      } catch {
        const text = decodeWindows1252(line);
        this.onBadLine(this.lines, text.replace(/\r?\n$/, ''));
        parts.push(text);
      }
      start = end;
    }
    return parts.join('');
  }
}

const SLICE = 16 * 1024 * 1024;

function isValidUtf8(body: Uint8Array): boolean {
  // In slices, so a big file does not become one more big string.
  const decoder = new SliceDecoder('utf-8');
  try {
    for (let i = 0; i < body.length || i === 0; i += SLICE) {
      decoder.decode(body.subarray(i, i + SLICE), { stream: i + SLICE < body.length });
    }
    return true;
  } catch {
    return false;
  }
}

interface Utf8Census {
  multiByte: number;
  invalid: number;
}

/**
 * Counts UTF-8 multi-byte characters and invalid sequences (added to `into`). A Windows-1252
 * file almost never holds a valid multi-byte sequence (`Ã¥` would be one), so a file with many
 * of them and a few invalid bytes is UTF-8 with a few stray bytes, e.g. one line pasted from an
 * Excel CSV.
 */
function utf8Census(
  bytes: Uint8Array,
  into: Utf8Census = { multiByte: 0, invalid: 0 },
): Utf8Census {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length =
      b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let j = 1; ok && j < length; j++) ok = ((bytes[i + j] as number) & 0xc0) === 0x80;
    if (ok) {
      into.multiByte++;
      i += length;
    } else {
      into.invalid++;
      i++;
    }
  }
  return into;
}

/** How a caller may override detection (`kodbok apply --encoding`). */
export type EncodingChoice = 'utf-8' | 'windows-1252';

/**
 * What the start of a file decides: a BOM, binary data (refused), BOM-less UTF-16; null for
 * text without a BOM, whose encoding the whole file decides.
 */
function sniffStart(start: Uint8Array): DetectedEncoding | null {
  if (startsWith(start, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8-bom', bomLength: 3 };
  // Excel's "Unicode text" is UTF-16LE with a BOM.
  if (startsWith(start, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(start, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2 };

  const sample = start.subarray(0, SNIFF_BYTES);
  for (const { bytes: signature, what, code } of SIGNATURES) {
    if (startsWith(start, signature)) refuseBinary(what, code);
  }
  if (sample.includes(0)) {
    const utf16 = bomlessUtf16(sample);
    if (utf16) return { encoding: utf16, bomLength: 0 };
    refuseBinary('binary data (it holds NUL bytes)', 'nul-bytes');
  }
  let controls = 0;
  for (const b of sample) if (isControl(b)) controls++;
  if (sample.length > 0 && controls / sample.length > MAX_CONTROL_SHARE) {
    refuseBinary('binary data (it is full of control characters)', 'controls');
  }
  return null;
}

function invalidAfterBom(line: number): TableReadError {
  return new TableReadError(
    'encoding',
    `the file starts with a UTF-8 byte-order mark but is not valid UTF-8 (line ${line}); save it again as "CSV UTF-8"`,
    {},
    { variant: 'bom', line },
  );
}

const WINDOWS_1252: DetectedEncoding = { encoding: 'windows-1252', bomLength: 0 };
const UTF8: DetectedEncoding = { encoding: 'utf-8', bomLength: 0 };
const UTF8_MIXED: DetectedEncoding = { encoding: 'utf-8', bomLength: 0, mixed: true };

/** Text that is not all valid UTF-8: mostly UTF-8 with a few stray bytes, or Windows-1252. */
function byCensus({ multiByte, invalid }: Utf8Census): DetectedEncoding {
  return multiByte > 0 && invalid <= multiByte ? UTF8_MIXED : WINDOWS_1252;
}

/**
 * Decides the encoding: a BOM first; then binary data is refused; then UTF-8 if every byte is
 * valid UTF-8; UTF-8 with `mixed` when it is UTF-8 but for a few bytes (those lines are read as
 * Windows-1252 and named, see createDecoder); else Windows-1252 (every byte sequence is valid
 * Windows-1252, so that is always possible: the preview shows the result so the user can see
 * å ä ö come out right). `choice` overrides the guess for text that has no BOM.
 */
export function detectEncoding(bytes: Uint8Array, choice?: EncodingChoice): DetectedEncoding {
  const start = sniffStart(bytes);
  if (start?.encoding === 'utf-8-bom' && !isValidUtf8(bytes.subarray(3))) {
    throw invalidAfterBom(lineOfFirstInvalid(bytes.subarray(3)));
  }
  if (start) return start;
  if (choice === 'windows-1252') return WINDOWS_1252;
  if (isValidUtf8(bytes)) return UTF8;
  return choice === 'utf-8' ? UTF8_MIXED : byCensus(utf8Census(bytes));
}

/**
 * Where a source's bytes from `from` are first not valid UTF-8: the 1-based line, or null
 * when they all are. One pass, one chunk (and ≤ 3 carried bytes) in memory at a time.
 */
async function firstInvalidLine(
  source: ByteSource,
  from: number,
  chunk: number,
): Promise<number | null> {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let pending = new Uint8Array(0);
  let lines = 0;
  for await (const bytes of chunksOf(source, from, chunk)) {
    const data = joinBytes(pending, bytes);
    const end = characterEnd(data, 'utf-8');
    const piece = data.subarray(0, end);
    try {
      strict.decode(piece);
    } catch {
      return lines + lineOfFirstInvalid(piece);
    }
    for (let i = piece.indexOf(0x0a); i >= 0; i = piece.indexOf(0x0a, i + 1)) lines++;
    pending = data.slice(end);
  }
  // A character cut short at the end of the file.
  return pending.length > 0 ? lines + 1 : null;
}

/** `utf8Census` of a source's bytes, chunk by chunk (a sequence cut by a chunk is carried). */
async function sourceCensus(source: ByteSource, chunk: number): Promise<Utf8Census> {
  const census: Utf8Census = { multiByte: 0, invalid: 0 };
  let pending = new Uint8Array(0);
  for await (const bytes of chunksOf(source, 0, chunk)) {
    const data = joinBytes(pending, bytes);
    const end = characterEnd(data, 'utf-8');
    utf8Census(data.subarray(0, end), census);
    pending = data.slice(end);
  }
  return utf8Census(pending, census);
}

/**
 * `detectEncoding` for a file read from disk chunk by chunk (`kodbok apply` on millions of
 * rows): the start decides a BOM and refuses binary data; then the whole file is read once
 * for UTF-8 (and, when it is not, once more to tell mixed from Windows-1252), one chunk in
 * memory at a time. The same answer as `detectEncoding` on the whole file.
 */
export async function detectSourceEncoding(
  source: ByteSource,
  chunk: number,
  choice?: EncodingChoice,
): Promise<DetectedEncoding> {
  const start = sniffStart(await source.read(0, SNIFF_BYTES));
  if (start?.encoding === 'utf-8-bom') {
    const line = await firstInvalidLine(source, 3, chunk);
    if (line !== null) throw invalidAfterBom(line);
  }
  if (start) return start;
  if (choice === 'windows-1252') return WINDOWS_1252;
  if ((await firstInvalidLine(source, 0, chunk)) === null) return UTF8;
  return choice === 'utf-8' ? UTF8_MIXED : byCensus(await sourceCensus(source, chunk));
}

// Windows-1252 is Latin-1 except 0x80–0x9F (WHATWG Encoding Standard; the five unassigned
// bytes stay C1 controls). We decode it ourselves: Node ≥ 20.18.3 decodes `windows-1252` as
// Latin-1 (`–` 0x96 becomes U+0096; nodejs/node#56542, #60888) and returns nothing for 0xFF
// with `ignoreBOM`, while browsers are right; one implementation gives the same text everywhere.
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

// The platform's decoder does the bulk: browsers decode `latin1` as Windows-1252 (WHATWG), Node
// as Latin-1 (the bug above); either way only 0x80–0x9F can differ, and those are mapped here.
// 3–4× faster than a JavaScript loop over the bytes (kodbok apply on a million rows).
const LATIN1 = new TextDecoder('latin1');
const C1 = /[\x80-\x9f]/g;
const fromC1 = (c: string) => String.fromCharCode(CP1252_80_9F[c.charCodeAt(0) - 0x80] as number);

export function decodeWindows1252(bytes: Uint8Array): string {
  return LATIN1.decode(bytes).replace(C1, fromC1);
}

/** Decodes a file slice by slice (`{ stream: true }` keeps a character cut at a slice boundary). */
export interface ChunkDecoder {
  decode(bytes: Uint8Array, options?: { stream?: boolean }): string;
}

/**
 * A decoder for the detected encoding. The BOM is skipped by the caller (`bomLength`), so
 * `ignoreBOM` keeps a second one as data. UTF-8 and UTF-16 are strict (`fatal`).
 */
export function createDecoder(
  encoding: TextEncoding,
  mixed?: { onBadLine(line: number, text: string): void },
): ChunkDecoder {
  if (mixed) return new LineFallbackDecoder(mixed.onBadLine);
  if (encoding === 'windows-1252') return { decode: (bytes) => decodeWindows1252(bytes) };
  return new SliceDecoder(encodingLabel(encoding) as 'utf-8' | 'utf-16le' | 'utf-16be');
}

/** A line that was not UTF-8 in a UTF-8 file: its 1-based line number and how it was read. */
export interface BadLine {
  readonly line: number;
  readonly text: string;
}

/**
 * Decodes a whole file: BOM, then strict UTF-8, then Windows-1252; binary data is refused. A
 * file that is UTF-8 but for a few lines gets those lines as Windows-1252, listed in `badLines`.
 */
export function decodeText(
  bytes: Uint8Array,
  choice?: EncodingChoice,
): { text: string; encoding: TextEncoding; badLines?: BadLine[] } {
  const { encoding, bomLength, mixed } = detectEncoding(bytes, choice);
  if (mixed) {
    const badLines: BadLine[] = [];
    const decoder = createDecoder(encoding, {
      onBadLine: (line, text) => badLines.push({ line, text }),
    });
    return { text: decoder.decode(bytes.subarray(bomLength)), encoding, badLines };
  }
  let text: string;
  try {
    text = createDecoder(encoding).decode(bytes.subarray(bomLength));
  } catch (e) {
    // Only UTF-16 can get here (UTF-8 was validated): an odd byte count or a lone surrogate.
    if (e instanceof InvalidText) throw invalidTextRefusal(e, encoding, bomLength);
    throw e;
  }
  // UTF-16 text was not inspected byte by byte; look at its first characters.
  if (encoding === 'utf-16le' || encoding === 'utf-16be') checkControls(text.slice(0, SNIFF_BYTES));
  return { text, encoding };
}

/** Checks the first decoded characters of a UTF-16 file streamed in slices. */
export function checkDecodedSample(text: string): void {
  checkControls(text.slice(0, SNIFF_BYTES));
}
