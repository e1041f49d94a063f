// A resolve folded into a browser's database (issue 10 item 3): it settles the sides the
// resolver saw; a decision she had not seen, made before the resolve and arriving at this
// browser first or after it, keeps the disagreement open in every browser alike.
import { describe, expect, it } from 'vitest';
import { disagreementSides } from '../../src/core/team/fold';
import type { KodbokDb } from '../../src/db/db';
import { resolveDisagreement } from '../../src/db/team';
import { foldRemote } from '../../src/db/team-fold';
import { getValue } from '../../src/db/value-pages';
import { decideAs, variable } from './helpers';
import { linked, sent } from './team-helpers';

const openSides = async (db: KodbokDb) =>
  (await db.disagreements.filter((d) => d.resolved === undefined).toArray()).map((d) =>
    disagreementSides(d).map((s) => `${s.by}:${s.code}`),
  );

describe('a resolve that did not see every decision', () => {
  it('keeps the disagreement open wherever an unseen decision is met, before or after it', async () => {
    const coders = await Promise.all(['anna', 'bo', 'cleo'].map(linked));
    const codes = ['B11', 'H01', 'H07'];
    const made = [];
    for (const [i, x] of coders.entries()) {
      await decideAs(x.db, x.project, ['anna', 'bo', 'cleo'][i]!, ['Missbruk'], {
        kind: 'assign',
        code: codes[i]!,
      });
      made.push(...(await sent(x)));
    }
    const [a, b, c] = made;
    // Dan has Anna's and Bo's decisions and keeps Bo's.
    const dan = await linked('dan');
    await foldRemote(dan.db, dan.project, [a!, b!], null);
    const [d] = await dan.db.disagreements.toArray();
    expect(await resolveDisagreement(dan.db, dan.project, d!.id, 1, 'dan')).toBe('resolved');
    const [resolve] = await sent(dan);
    // Erik meets Cleo's decision before the resolve; Dan meets it after.
    const erik = await linked('erik');
    await foldRemote(erik.db, erik.project, [a!, b!, c!], null);
    await foldRemote(erik.db, erik.project, [resolve!], null);
    await foldRemote(dan.db, dan.project, [c!], null);
    expect(await openSides(erik.db)).toEqual([['bo:H01', 'cleo:H07']]);
    expect(await openSides(dan.db)).toEqual(await openSides(erik.db));
    const value = (x: typeof dan) => getValue(x.db, x.project, variable.id, 'Missbruk');
    expect((await value(erik))?.code).toBe('H01');
    expect((await value(erik))?.updatedAt).toBe((await value(dan))?.updatedAt);
    // Fiona gets the resolve before Anna's decision, which Dan saw: nothing opens for it.
    const fiona = await linked('fiona');
    await foldRemote(fiona.db, fiona.project, [b!, resolve!, a!], null);
    expect(await openSides(fiona.db)).toEqual([]);
  });
});
