// Does every part of a workbook inflate to the size its zip directory declares? inspectZip
// (xlsx.ts) refuses a bomb by its declared sizes, but declared sizes can lie: a 300 KB file
// declaring 1 000 bytes per part inflates to hundreds of megabytes, and SheetJS then read it
// as "the sheet is empty" (issue 13). Inflating each part as a stream and stopping at the first
// byte past its declared size refuses such a file as damaged, in bounded memory, before SheetJS
// sees it. Async (DecompressionStream): the CLI and the import worker call it before readSheet,
// which then parses the parts inflated here instead of inflating them again.

import { DEFAULT_LIMITS, TableReadError, resolveLimits, type ReadOptions } from './table';
import {
  corrupt,
  inspectZip,
  sniffContainer,
  type InflatedPart,
  type InflatedWorkbook,
  type ZipPart,
} from './xlsx';

const LOCAL_HEADER = 0x04034b50;

/** The compressed bytes of one part, found through its local file header. */
function partData(bytes: Uint8Array, part: ZipPart): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = part.offset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) {
    corrupt(`the part ${JSON.stringify(part.name)} is not where the ZIP directory says`, {
      reason: 'part-missing',
      part: JSON.stringify(part.name),
    });
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + part.compressedBytes > bytes.length) {
    corrupt(`the part ${JSON.stringify(part.name)} runs past the end of the file`, {
      reason: 'part-past-end',
      part: JSON.stringify(part.name),
    });
  }
  return bytes.subarray(start, start + part.compressedBytes);
}

/**
 * Inflates a deflated part natively (DecompressionStream), reading no further than one chunk past
 * `declared` bytes: the bytes it inflates to when it keeps to its declared size, and how many it
 * reached.
 */
async function inflatePart(
  data: Uint8Array,
  declared: number,
): Promise<{ size: number; content: Uint8Array | null }> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const content = new Uint8Array(declared);
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { size, content };
      if (size + value.byteLength <= declared) content.set(value, size);
      size += value.byteLength;
      if (size > declared) return { size, content: null };
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Refuses a ZIP workbook whose parts do not inflate to their declared sizes (a lying zip bomb,
 * or a file cut short) as damaged, and keeps what each part inflated to: the native inflate is
 * several times faster than SheetJS's own, which then has nothing left to inflate (issue 14).
 * Null for a file that is not a ZIP (it passes unchanged), or one with a part SheetJS must judge
 * itself (an unknown compression method).
 */
export async function inflateWorkbook(
  bytes: Uint8Array,
  options: ReadOptions = {},
): Promise<InflatedWorkbook | null> {
  if (sniffContainer(bytes) !== 'zip') return null;
  const limits = resolveLimits({ ...DEFAULT_LIMITS, ...options });
  const parts: InflatedPart[] = [];
  for (const part of inspectZip(bytes, limits).parts) {
    const data = partData(bytes, part);
    let size: number;
    let content: Uint8Array | null = null;
    if (part.method === 0) {
      size = data.length;
      content = data;
    } else if (part.method === 8) {
      try {
        ({ size, content } = await inflatePart(data, part.uncompressedBytes));
      } catch (e) {
        if (e instanceof TableReadError) throw e;
        corrupt(`the part ${JSON.stringify(part.name)} cannot be inflated`, {
          reason: 'part-inflate',
          part: JSON.stringify(part.name),
        });
      }
    } else return null; // SheetJS refuses unknown methods itself, from the file's own bytes
    if (size > part.uncompressedBytes) {
      corrupt(
        `the part ${JSON.stringify(part.name)} inflates to more than the ${part.uncompressedBytes} bytes its ZIP directory declares`,
        {
          reason: 'part-larger',
          part: JSON.stringify(part.name),
          declared: part.uncompressedBytes,
        },
      );
    }
    if (size < part.uncompressedBytes) {
      corrupt(
        `the part ${JSON.stringify(part.name)} inflates to ${size} bytes, not the ${part.uncompressedBytes} its ZIP directory declares`,
        {
          reason: 'part-smaller',
          part: JSON.stringify(part.name),
          size,
          declared: part.uncompressedBytes,
        },
      );
    }
    if (content) parts.push({ name: part.name, content });
  }
  return { bytes, parts };
}
