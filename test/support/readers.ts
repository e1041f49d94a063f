// The real readers the export tests check files with: pandas (CSV, TSV), openpyxl (XLSX), PyYAML
// (SSSOM's metadata block) and xmllint (QDC against REFI-QDA's Codebook.xsd). .ci/run installs
// them (Debian packages); a missing reader fails the test with what to install, never skips it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL =
  'apt-get install -y python3-pandas python3-openpyxl python3-yaml libxml2-utils (see .ci/run)';

let python: string | null = null;

/** A Python 3 that has pandas, openpyxl and yaml: Debian's first (a pyenv shim may shadow it). */
function pythonWithReaders(): string {
  if (python) return python;
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(candidate, ['-c', 'import pandas, openpyxl, yaml'], { stdio: 'ignore' });
      python = candidate;
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error(`no python3 with pandas, openpyxl and yaml: ${INSTALL}`);
}

/** Runs a Python script with the files' paths as sys.argv[1:]; returns what it printed as JSON. */
export function python3<T>(script: string, ...files: string[]): T {
  const out = execFileSync(pythonWithReaders(), ['-c', script, ...files], { encoding: 'utf8' });
  return JSON.parse(out) as T;
}

/** A fresh folder for files a test writes. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'kodbok-export-'));
}

export function writeScratch(dir: string, name: string, data: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** REFI-QDA's codebook schema, beside the repository as the dev set is (../shared/ref). */
export const CODEBOOK_XSD = new URL('../../../shared/ref/Codebook.xsd', import.meta.url).pathname;

/** xmllint's verdict on a file against Codebook.xsd: null when valid, else its messages. */
export function qdcSchemaErrors(path: string): string | null {
  if (!existsSync(CODEBOOK_XSD)) throw new Error(`Codebook.xsd is not at ${CODEBOOK_XSD}`);
  try {
    execFileSync('xmllint', ['--noout', '--schema', CODEBOOK_XSD, path], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return null;
  } catch (e) {
    const err = e as { code?: string; stderr?: string };
    if (err.code === 'ENOENT') throw new Error(`xmllint is missing: ${INSTALL}`);
    return err.stderr ?? String(e);
  }
}
