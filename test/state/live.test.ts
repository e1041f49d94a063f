import fc from 'fast-check';
import { describe, it } from 'vitest';
import { coverageOf } from '../../src/core/coverage';
import type { DecisionInput } from '../../src/core/decide';
import { appDb, KodbokDb } from '../../src/db/db';
import { importFiles, loadProjectValues, loadValues, undoLastBatch } from '../../src/db/repo';
import { followProject, followVariable, stopFollowing } from '../../src/state/live';
import { get } from '../../src/state/store';
import { counted, decideAs, file, projectWith, variable } from '../db/helpers';

// The store follows writes as change sets; after any sequence of actions, from this tab or
// another, its values and live coverage equal a full read and recount of the database.

const V = variable.id;
const raws = ['Missbruk', 'Våld', 'Bostad', 'Skola', '__proto__'];
const input: fc.Arbitrary<DecisionInput> = fc.oneof(
  fc.constantFrom('H01', 'H07', 'B11').map((code) => ({ kind: 'assign' as const, code })),
  fc.constantFrom(
    { kind: 'approve' as const },
    { kind: 'reject' as const },
    { kind: 'flag' as const },
    { kind: 'clear' as const },
  ),
);
const action = fc.oneof(
  fc.record({
    kind: fc.constant('decide' as const),
    raws: fc.subarray(raws, { minLength: 1 }),
    input,
    remote: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('undo' as const), remote: fc.boolean() }),
  fc.record({
    kind: fc.constant('import' as const),
    cells: fc.array(
      fc.tuple(
        fc.constantFrom('Missbruk; Våld', 'Bostad', 'Ny; Skola', 'Helt ny'),
        fc.constantFrom('Gävle', 'Umeå'),
      ),
      { minLength: 1, maxLength: 4 },
    ),
    remote: fc.boolean(),
  }),
);

async function settled(test: () => Promise<boolean>): Promise<void> {
  const start = Date.now();
  while (!(await test())) {
    if (Date.now() - start > 5000) throw new Error('the store did not catch up');
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('the store follows change sets', () => {
  // As the app opens a project: the grid's variable is read first, the whole project after it
  // (without that variable's values again), some actions landing in between.
  it.each([
    ['the project read first', false],
    ['the project read after the grid, actions in between', true],
  ])(
    'keeps values and coverage equal to a full recount after random actions in two tabs (%s)',
    async (_, afterGrid) => {
      const db = appDb();
      const other = new KodbokDb(db.name);
      await fc.assert(
        fc.asyncProperty(
          fc.array(action, { minLength: 1, maxLength: 12 }),
          fc.nat(12),
          async (actions, at) => {
            const p = await projectWith(db, [
              ['Missbruk', 5],
              ['Våld', 3],
              ['Bostad', 1],
              ['__proto__', 2],
            ]);
            let gridUp: () => void = () => undefined;
            const shown = new Promise<void>((resolve) => (gridUp = resolve));
            const following = followProject(p.id, () => undefined, afterGrid ? shown : undefined);
            await followVariable(p.id, V);
            for (const [i, a] of actions.entries()) {
              if (i === at) gridUp();
              const where = a.remote ? other : db;
              if (a.kind === 'decide') await decideAs(where, p.id, 'anna', a.raws, a.input);
              else if (a.kind === 'undo') await undoLastBatch(where, p.id, V, 'anna');
              else
                await importFiles(where, {
                  project: p.id,
                  by: 'anna',
                  files: [file('Gävle.csv', a.cells.length)],
                  variables: [counted(a.cells)],
                });
            }
            gridUp();
            await following;
            const truth = async () => {
              const { values, counts } = await loadProjectValues(db, p.id);
              const expected = coverageOf(
                values,
                counts.find((c) => c.variable === V)?.combinations,
              );
              const stored = await loadValues(db, p.id, V);
              const held = new Map(get().values.map((v) => [v.raw, v]));
              return (
                JSON.stringify([...stored].map((v) => [v.raw, v.code, v.status, v.frequency])) ===
                  JSON.stringify(
                    stored.map((v) => {
                      const h = held.get(v.raw);
                      return [h?.raw, h?.code, h?.status, h?.frequency];
                    }),
                  ) &&
                held.size === stored.length &&
                JSON.stringify({
                  ...get().coverage.get(V),
                  byStatus: [...(get().coverage.get(V)?.byStatus ?? [])].sort(),
                }) === JSON.stringify({ ...expected, byStatus: [...expected.byStatus].sort() })
              );
            };
            // Other tabs' writes arrive a moment later; this tab's at once.
            await settled(truth);
            stopFollowing();
          },
        ),
        { numRuns: 25 },
      );
      other.close();
    },
  );
});
