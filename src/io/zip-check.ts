// Does every part of a workbook inflate to the size its zip directory declares? inspectZip
// (xlsx.ts) refuses a bomb by its declared sizes, but declared sizes can lie: a 300 KB file
// declaring 1 000 bytes per part inflates to hundreds of megabytes, and SheetJS then read it
// as "the sheet is empty" (issue 13). Inflating each part as a stream and stopping at the first
// byte past its declared size refuses such a file as damaged, in bounded memory, before SheetJS
// sees it. Async (DecompressionStream): the CLI and the import worker call it before readSheet.

import { DEFAULT_LIMITS, TableReadError, resolveLimits, type ReadOptions } from './table';
import { corrupt, inspectZip, sniffContainer, type ZipPart } from './xlsx';

const LOCAL_HEADER = 0x04034b50;

/** The compressed bytes of one part, found through its local file header. */
function partData(bytes: Uint8Array, part: ZipPart): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = part.offset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) {
    corrupt(`the part ${JSON.stringify(part.name)} is not where the ZIP directory says`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + part.compressedBytes > bytes.length) {
    corrupt(`the part ${JSON.stringify(part.name)} runs past the end of the file`);
  }
  return bytes.subarray(start, start + part.compressedBytes);
}

/** Bytes a deflated part inflates to, counting no further than `stopAfter`. */
async function inflatedSize(data: Uint8Array, stopAfter: number): Promise<number> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return size;
      size += value.byteLength;
      if (size > stopAfter) return size;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Refuses a ZIP workbook whose parts do not inflate to their declared sizes (a lying zip bomb,
 * or a file cut short) as damaged. Other files pass unchanged.
 */
export async function verifyZipSizes(bytes: Uint8Array, options: ReadOptions = {}): Promise<void> {
  if (sniffContainer(bytes) !== 'zip') return;
  const limits = resolveLimits({ ...DEFAULT_LIMITS, ...options });
  for (const part of inspectZip(bytes, limits).parts) {
    const data = partData(bytes, part);
    let size: number;
    if (part.method === 0) size = data.length;
    else if (part.method === 8) {
      try {
        size = await inflatedSize(data, part.uncompressedBytes);
      } catch (e) {
        if (e instanceof TableReadError) throw e;
        corrupt(`the part ${JSON.stringify(part.name)} cannot be inflated`);
      }
    } else continue; // SheetJS refuses unknown methods itself
    if (size > part.uncompressedBytes) {
      corrupt(
        `the part ${JSON.stringify(part.name)} inflates to more than the ${part.uncompressedBytes} bytes its ZIP directory declares`,
      );
    }
    if (size < part.uncompressedBytes) {
      corrupt(
        `the part ${JSON.stringify(part.name)} inflates to ${size} bytes, not the ${part.uncompressedBytes} its ZIP directory declares`,
      );
    }
  }
}
