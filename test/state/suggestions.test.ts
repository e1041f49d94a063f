import { describe, expect, it, vi } from 'vitest';
import type { Suggestion } from '../../src/core/types';
import { appDb } from '../../src/db/db';
import { importFiles } from '../../src/db/repo';
import { get, openProject } from '../../src/state/app';
import { counted, file, projectWith, variable } from '../db/helpers';

// After an import only the new values are suggested: the engine is not rebuilt, and values that
// have their suggestions keep them (issue 14 item 3: 50 000 new values in place within 5 s).

const calls = vi.hoisted(() => ({ init: 0, suggested: [] as string[] }));

vi.mock('../../src/workers/client', () => ({
  suggestWorker: () => ({
    init: async () => {
      calls.init++;
    },
    learn: async () => [],
    suggest: async (_key: string, raws: readonly string[]): Promise<Suggestion[][]> => {
      calls.suggested.push(...raws);
      return raws.map(() => [{ code: 'H01', score: 0.9, via: 'test' }]);
    },
    clusters: async () => [],
    combined: async () => [],
  }),
}));

async function until(test: () => boolean): Promise<void> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > 10_000) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('suggestions after an import', () => {
  it('suggests only the new values, with the engine it has', async () => {
    const db = appDb();
    const p = await projectWith(db, [
      ['Missbruk', 5],
      ['Våld', 3],
    ]);
    await openProject(p.id);
    await until(() => get().suggestions.size === 2 && get().suggesting === null);
    expect(calls.init).toBe(1);
    calls.suggested.length = 0;
    // A new split is stored with the import: the variable is written again.
    await importFiles(db, {
      project: p.id,
      by: 'anna',
      files: [file('Gävle.csv', 3)],
      variables: [
        counted(
          [
            ['Bostad / Skola', 'Gävle'],
            ['Missbruk', 'Gävle'],
            ['Ny', 'Umeå'],
          ],
          { separators: ['/'] },
        ),
      ],
    });
    // The store has the variable as written by the import, and every value its suggestion.
    await until(
      () =>
        get().variables[0]?.split.separators[0] === '/' &&
        get().suggestions.size === 5 &&
        get().suggesting === null,
    );
    expect(get().variableId).toBe(variable.id);
    expect(calls.init).toBe(1);
    expect(calls.suggested.sort()).toEqual(['Bostad', 'Ny', 'Skola']);
  });
});
