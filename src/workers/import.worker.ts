import * as Comlink from 'comlink';
import { demoCounted } from '../core/demo/counted';
import { demoVariableValues, generateDemo } from '../core/demo/generate';
import type { SplitConfig, VariableId } from '../core/types';
import {
  ImportSession,
  inspectFile,
  type FileSettings,
  type ReadPlan,
  type ReadProgress,
} from './import-session';
import type { RecodeSpec } from '../core/export/recode';
import { recodeSource, sourceHeaders } from './recode-source';

// Reading, counting and splitting files (and generating the demo) take a moment: never on the
// UI thread. One worker per import dialog holds one session; cancel aborts the read in
// progress, and the page terminates the worker when that does not answer (a workbook being
// parsed) or when a cap is overrun (RELIABILITY.md rule 5).

const session = new ImportSession();
let reading: AbortController | null = null;

export const importHandlers = {
  makeDemo(seed?: number) {
    const data = generateDemo(seed === undefined ? {} : { seed });
    return { values: demoVariableValues(data), split: data.split };
  },
  /** The demo counted like an import: cells and municipalities kept, for later merges. */
  makeDemoImport(seed?: number) {
    const data = generateDemo(seed === undefined ? {} : { seed });
    return {
      counted: demoCounted(data),
      split: data.split,
      rows: data.rows,
      seed: data.seed,
      municipalities: data.municipalities.length,
    };
  },
  inspect(file: File, settings: FileSettings) {
    return inspectFile(file, file.name, settings);
  },
  async read(id: string, file: File, plan: ReadPlan, onProgress?: (p: ReadProgress) => void) {
    reading = new AbortController();
    try {
      return await session.read(id, file, file.name, plan, onProgress, reading.signal);
    } finally {
      reading = null;
    }
  },
  /** Stops the read in progress at its next chunk (it resolves as a `cancelled` refusal). */
  cancel() {
    reading?.abort();
  },
  forget(id: string) {
    session.forget(id);
  },
  clear() {
    session.clear();
  },
  propose(variable: VariableId, current?: SplitConfig) {
    return session.propose(variable, current);
  },
  preview(variable: VariableId, config: SplitConfig) {
    return session.preview(variable, config);
  },
  build(splits: ReadonlyMap<VariableId, SplitConfig>, skip: readonly string[] = []) {
    return session.build(splits, skip);
  },
  /** Export of recoded data: a source file read again as the import reads it, and recoded. */
  async recodeSource(file: File, spec: RecodeSpec) {
    return recodeSource(file.name, new Uint8Array(await file.arrayBuffer()), spec);
  },
  async sourceHeaders(file: File) {
    return sourceHeaders(file.name, new Uint8Array(await file.arrayBuffer()));
  },
};

export type ImportHandlers = typeof importHandlers;

Comlink.expose(importHandlers);
