// Where a file's bytes come from: all in memory (the app: a File's ArrayBuffer), or read from
// disk chunk by chunk (the command line: `kodbok apply` on a file of millions of rows keeps
// one chunk in memory, not the file). The CSV reader takes either (issue 14 item 2).

export interface ByteSource {
  /** The file's size, bytes. */
  readonly size: number;
  /** Up to `length` bytes from `start` (fewer at the end of the file). */
  read(start: number, length: number): Promise<Uint8Array>;
}

/** The bytes of a source from `start` to its end, in chunks of `chunk` bytes (the last shorter). */
export async function* chunksOf(
  source: ByteSource,
  start: number,
  chunk: number,
): AsyncGenerator<Uint8Array> {
  for (let at = start; at < source.size; at += chunk) yield source.read(at, chunk);
}

/** A source over bytes in memory: reads are views, nothing is copied. */
export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.byteLength,
    read: async (start, length) => bytes.subarray(start, start + length),
  };
}

/** All of a source's bytes (a workbook is parsed whole). */
export async function readAll(source: ByteSource): Promise<Uint8Array> {
  return source.read(0, source.size);
}
