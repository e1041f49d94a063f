// Reading the files `kodbok export` and `kodbok frequencies` take, each failure a UsageError
// naming the file and the problem (exit 2, nothing written), and writing the result.

import { readCodebookFile } from '../core/formats/codebook';
import { MAX_JSON_SIZE } from '../core/formats/json';
import { readMappingFile, type MappingFile } from '../core/formats/mapping';
import { formatErrorLine, type Result } from '../core/formats/result';
import type { Codebook } from '../core/types';
import { DEFAULT_LIMITS, TableReadError, readTableFile, type Table } from '../io/table';
import { UsageError, readProblem, type CliIo } from './io';

export async function readBytes(
  io: CliIo,
  command: string,
  path: string,
  maxBytes: number = MAX_JSON_SIZE,
): Promise<Uint8Array> {
  try {
    return await io.readFile(path, maxBytes);
  } catch (e) {
    throw new UsageError(`${command}: cannot read ${path}: ${readProblem(e)}`);
  }
}

function readJson<T>(
  command: string,
  path: string,
  bytes: Uint8Array,
  kind: string,
  read: (text: string) => Result<T>,
): T {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${command}: ${path} is not UTF-8 text; a ${kind} file is JSON in UTF-8`);
  }
  const result = read(text);
  if (!result.ok) {
    const [first] = result.errors;
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more errors)` : '';
    throw new UsageError(
      `${command}: ${path} is not a valid ${kind} file: ${first ? formatErrorLine(first) : 'unknown error'}${more}`,
    );
  }
  return result.value;
}

export async function readMapping(io: CliIo, command: string, path: string): Promise<MappingFile> {
  return readJson(command, path, await readBytes(io, command, path), 'mapping', readMappingFile);
}

export async function readCodebook(io: CliIo, command: string, path: string): Promise<Codebook> {
  return readJson(command, path, await readBytes(io, command, path), 'codebook', readCodebookFile);
}

export async function readTable(io: CliIo, command: string, path: string): Promise<Table> {
  const bytes = await readBytes(io, command, path, DEFAULT_LIMITS.maxBytes);
  try {
    return readTableFile(path, bytes);
  } catch (e) {
    if (e instanceof TableReadError) throw new UsageError(`${command}: ${e.message}`);
    throw e;
  }
}

/** To `out` (whole or nothing), else to stdout; binary output needs `out`. */
export async function writeOutput(
  io: CliIo,
  command: string,
  out: string | undefined,
  data: string | Uint8Array,
): Promise<void> {
  if (out === undefined) {
    if (typeof data !== 'string')
      throw new UsageError(
        `${command}: an XLSX file cannot go to the terminal; name it with --out FILE`,
      );
    io.stdout(data);
    return;
  }
  try {
    await io.writeFile(out, data);
  } catch (e) {
    throw new UsageError(`${command}: cannot write ${out}: ${readProblem(e)}`);
  }
}
