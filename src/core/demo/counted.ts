// The demo enters a project the way files do: counted per cell and municipality, split with
// the demo's configuration, so that next year's files merge into it exactly.
import { CellCounter, splitCounted, type CountedVariable } from '../import-count';
import { DEMO_VARIABLES, type DemoData } from './generate';
import type { DemoColumn } from './columns';

export function demoCounted(data: DemoData): CountedVariable[] {
  return (Object.entries(DEMO_VARIABLES) as [DemoColumn, string][]).map(([column, variable]) => {
    const counter = new CellCounter();
    const cells = data[column];
    for (let i = 0; i < data.rows; i++) {
      counter.add(
        cells[i] as string,
        data.municipalities[data.municipality[i] as number] as string,
      );
    }
    return splitCounted(
      variable,
      counter.cells,
      data.split.get(variable) ?? { separators: [] },
      counter.emptyRows,
    );
  });
}
