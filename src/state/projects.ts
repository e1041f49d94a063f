import { starterCodebooks } from '../core/demo/codebooks';
import type { SplitConfig, Variable, VariableId } from '../core/types';
import type { KodbokDb, ProjectRow } from '../db/db';
import { createProject, createProjectFromImport } from '../db/repo';
import { importWorker } from '../workers/client';

/** Display labels of the four variables of the study. */
const LABELS: Readonly<Record<string, string>> = {
  aktualiseringsorsak: 'Aktualiseringsorsak',
  åtgärd: 'Åtgärd',
  kön: 'Kön',
  aktualiseringstyp: 'Aktualiseringstyp',
};

/** The study's order: the reason first, since it is most of the work. */
const ORDER: readonly VariableId[] = ['aktualiseringsorsak', 'åtgärd', 'kön', 'aktualiseringstyp'];

function starterVariables(split: ReadonlyMap<VariableId, SplitConfig>): Variable[] {
  return starterCodebooks.map((codebook) => ({
    id: codebook.variable,
    label: LABELS[codebook.variable] ?? codebook.variable,
    codebook,
    split: split.get(codebook.variable) ?? { separators: [] },
    order:
      ORDER.indexOf(codebook.variable) === -1 ? ORDER.length : ORDER.indexOf(codebook.variable),
  }));
}

/**
 * The embedded demo: generated (seeded) in the import worker, counted like an import (cells and
 * municipalities kept, so next year's files merge into it exactly), stored in one transaction.
 */
export async function createDemoProject(db: KodbokDb, name: string): Promise<ProjectRow> {
  // The worker's work finishes before the transaction opens (RELIABILITY.md rule 2).
  const demo = await importWorker().makeDemoImport();
  return createProjectFromImport(db, {
    name,
    demo: true,
    variables: starterVariables(demo.split),
    counted: demo.counted,
    by: 'Kodbok',
    files: [
      {
        name: `demo (seed ${demo.seed})`,
        size: 0,
        municipality: null,
        shape: 'rows',
        format: 'generated',
        encoding: null,
        delimiter: null,
        sheet: null,
        headerRow: 0,
        rows: demo.rows,
      },
    ],
  });
}

/** A project with the four starter codebooks and no values yet. */
export async function createEmptyProject(db: KodbokDb, name: string): Promise<ProjectRow> {
  return createProject(db, {
    name,
    demo: false,
    variables: starterVariables(new Map()),
    values: new Map(),
  });
}
