// Text that is not valid in its encoding, and where: a UTF-16 file with a lone surrogate or an
// odd byte count (a file cut short) is refused naming the line and byte, wherever it happens
// (the start of a streamed file is decoded apart from the rest, to find the delimiter).

import { TableReadError } from './table';

/**
 * Where UTF-16 bytes are first not valid: the byte offset (in `data`) of the first unit that is
 * a lone surrogate, or of the odd byte at the end; and the line feeds before it. Null if valid.
 */
export function firstInvalidUtf16(
  data: Uint8Array,
  unit: 'utf-16le' | 'utf-16be',
): { byte: number; lineFeeds: number } | null {
  const units = data.length >> 1;
  const at = (k: number): number => {
    const [a, b] = [data[2 * k] as number, data[2 * k + 1] as number];
    return unit === 'utf-16le' ? a | (b << 8) : (a << 8) | b;
  };
  let lineFeeds = 0;
  for (let k = 0; k < units; k++) {
    const code = at(k);
    if (code === 0x0a) lineFeeds++;
    else if (code >= 0xd800 && code <= 0xdbff && k + 1 < units) {
      const next = at(k + 1);
      if (next >= 0xdc00 && next <= 0xdfff) k++;
      else return { byte: 2 * k, lineFeeds };
    } else if (code >= 0xd800 && code <= 0xdfff) return { byte: 2 * k, lineFeeds };
  }
  return data.length % 2 === 1 ? { byte: data.length - 1, lineFeeds } : null;
}

/**
 * Text that is not valid in the encoding it was decoded as: where, counted from the first byte
 * given to the decoder (`byte`, 0-based) and in lines (`line`, 1-based).
 */
export class InvalidText extends Error {
  constructor(
    readonly byte: number,
    readonly line: number,
  ) {
    super(`invalid text at byte ${byte} (line ${line})`);
    this.name = 'InvalidText';
  }
}

/**
 * The refusal of a UTF-16 file that is not valid UTF-16 (UTF-8 is validated before decoding,
 * Windows-1252 is always valid): one message wherever the bad character is, so a broken
 * character at the start reads like one further on. `bomLength` makes `byte` count from the
 * start of the file, as a hex editor does.
 */
export function invalidTextRefusal(
  e: InvalidText,
  encoding: string,
  bomLength: number,
): TableReadError {
  const name = encoding.toUpperCase();
  const byte = bomLength + e.byte;
  return new TableReadError(
    'encoding',
    `the file is not valid ${name} on line ${e.line} (byte ${byte}): a character there is broken or cut short`,
    {},
    { variant: 'line', encoding: name, line: e.line, byte },
  );
}
