// What the overview's charts are drawn from: every variable of a project with its values, its
// cells (rows per municipality) and its history, read in one transaction (one consistent moment).

import type { StatusStep } from '../core/charts';
import type { CountsRow, KodbokDb, ValueRow, VariableRow } from './db';
import { readProjectValues } from './value-pages';
import { readProjectHistory } from './history-pages';

export interface OverviewSource {
  readonly variables: readonly VariableRow[];
  readonly values: ReadonlyMap<string, readonly ValueRow[]>;
  readonly counts: ReadonlyMap<string, CountsRow>;
  /** Per variable, its recorded actions oldest first. */
  readonly history: ReadonlyMap<string, readonly StatusStep[]>;
}

/** Reads a project for the overview; writes nothing. */
export async function loadOverview(db: KodbokDb, project: string): Promise<OverviewSource> {
  const [variables, values, counts, history] = await db.transaction(
    'r',
    [db.variables, db.valuePages, db.counts, db.history, db.historyPages],
    () =>
      Promise.all([
        db.variables.where('project').equals(project).toArray(),
        readProjectValues(db, project),
        db.counts.where('[project+variable]').between([project], [project, []]).toArray(),
        readProjectHistory(db, project),
      ]),
  );
  const valuesOf = new Map<string, ValueRow[]>();
  for (const v of values) {
    const list = valuesOf.get(v.variable);
    if (list) list.push(v);
    else valuesOf.set(v.variable, [v]);
  }
  const steps = new Map<string, StatusStep[]>();
  for (const h of history) {
    const list = steps.get(h.variable) ?? [];
    steps.set(h.variable, list);
    list.push({ at: h.at, changes: h.changes });
  }
  return {
    variables: variables.sort((a, b) => a.order - b.order),
    values: valuesOf,
    counts: new Map(counts.map((c) => [c.variable, c])),
    history: steps,
  };
}
