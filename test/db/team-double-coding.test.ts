// Blind double coding folded into a browser's database from the team's events (issue 10 item 6
// on a team): a third member's browser that meets the events in any order ends the same; a
// disagreement resolved elsewhere before this browser had all the codes never opens here.
import { describe, expect, it } from 'vitest';
import { drawDoubleSample, loadDoubleCoding, writeBlindCodes } from '../../src/db/double-coding';
import { resolveDisagreement } from '../../src/db/team';
import { foldRemote } from '../../src/db/team-fold';
import { getValue } from '../../src/db/value-pages';
import { variable } from './helpers';
import { linked, sent } from './team-helpers';

/** Bo draws, both code (they differ on Hot), Bo resolves: the events in the order made. */
async function teamEvents() {
  const bo = await linked('bo');
  const anna = await linked('anna');
  const sample = await drawDoubleSample(bo.db, {
    project: bo.project,
    variable: variable.id,
    mode: 'random',
    size: 2,
    seed: 5,
    coders: ['anna', 'bo'],
    by: 'bo',
  });
  if (sample === 'empty') throw new Error('no sample');
  const [drawn] = await sent(bo);
  await foldRemote(anna.db, anna.project, [drawn!], null);
  // They agree on Missbruk, not on Hot.
  const codeAs = (x: typeof bo, by: string, hot: string) =>
    writeBlindCodes(x.db, {
      project: x.project,
      sample: sample.id,
      by,
      codes: [
        { raw: 'Missbruk', code: 'B11' },
        { raw: 'Hot', code: hot },
      ],
    });
  await codeAs(anna, 'anna', 'H07');
  await codeAs(bo, 'bo', 'H01');
  const [annas] = await sent(anna);
  const [bos] = await sent(bo);
  await foldRemote(bo.db, bo.project, [annas!], null);
  const [open] = await bo.db.disagreements.toArray();
  expect(await resolveDisagreement(bo.db, bo.project, open!.id, 1, 'bo')).toBe('resolved');
  const [resolve] = await sent(bo);
  return { drawn: drawn!, annas: annas!, bos: bos!, resolve: resolve!, id: open!.id };
}

describe('double coding folded from the team into a browser', () => {
  it('ends the same in any order, each record once, the disagreement listed once', async () => {
    const e = await teamEvents();
    const orders = [
      [e.drawn, e.annas, e.bos],
      [e.bos, e.annas, e.drawn],
      [e.annas, e.drawn, e.bos],
    ];
    const ends = [];
    for (const order of orders) {
      const lena = await linked('lena');
      // One event per batch, each batch twice: the second changes nothing.
      for (const ev of order) {
        await foldRemote(lena.db, lena.project, [ev], null);
        await foldRemote(lena.db, lena.project, [ev], null);
      }
      const stored = await loadDoubleCoding(lena.db, lena.project, variable.id);
      const dis = await lena.db.disagreements.toArray();
      expect(dis.map((d) => [d.id, d.raw, d.resolved])).toEqual([[e.id, 'Hot', undefined]]);
      ends.push({ stored, dis: dis.map(({ project: _, ...d }) => d) });
    }
    expect(ends[1]).toEqual(ends[0]);
    expect(ends[2]).toEqual(ends[0]);
    expect(ends[0]!.stored.codes).toHaveLength(4);
  });

  it('keeps a disagreement resolved elsewhere settled, when the resolve came before the codes', async () => {
    const e = await teamEvents();
    const lena = await linked('lena');
    for (const ev of [e.drawn, e.annas, e.resolve, e.bos]) {
      await foldRemote(lena.db, lena.project, [ev], null);
    }
    const dis = await lena.db.disagreements.toArray();
    expect(dis).toHaveLength(1);
    expect(dis[0]).toMatchObject({ id: e.id, subject: 'double-coding' });
    expect(dis[0]!.resolved?.by).toBe('bo');
    expect((await getValue(lena.db, lena.project, variable.id, 'Hot'))?.code).toBe('H01');
  });
});
