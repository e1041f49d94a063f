import type { ValueCount } from '../core/count';
import { starterCodebooks } from '../core/demo/codebooks';
import type { SplitConfig, Variable, VariableId } from '../core/types';
import type { KodbokDb, ProjectRow } from '../db/db';
import { createProject } from '../db/repo';
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

/** The embedded demo: generated (seeded) in the import worker, counted, stored in one transaction. */
export async function createDemoProject(db: KodbokDb, name: string): Promise<ProjectRow> {
  // The worker's work finishes before the transaction opens (RELIABILITY.md rule 2).
  const demo = await importWorker().makeDemo();
  return createProject(db, {
    name,
    demo: true,
    variables: starterVariables(demo.split),
    values: demo.values as ReadonlyMap<VariableId, ReadonlyMap<string, ValueCount>>,
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
