// Blind double coding on a team (issue 10 item 6 across machines): the sample and each coder's
// blind codes are events, folded into every browser's state once, in any order; the queue's
// disagreements are the same in every browser; a code in another's name, or by someone not asked
// to code the sample, counts for nothing.
import { describe, expect, it } from 'vitest';
import {
  codesByCoder,
  foldDoubleCoding,
  queuedDisagreements,
  type DoubleCodingState,
} from '../../src/core/double-coding';
import type { BlindCode, DoubleSample } from '../../src/core/double-sample';
import {
  EVENT_TYPE,
  eventId,
  readTeamEvent,
  type BlindCodesEvent,
  type SampleEvent,
} from '../../src/core/team/events';
import type { Codebook } from '../../src/core/types';

const codebook: Codebook = {
  id: 'cb',
  variable: 'orsak',
  categories: [
    { code: 'A', label: 'Missbruk', parent: null },
    { code: 'B', label: 'Skola', parent: null },
  ],
};

const sample: DoubleSample = {
  id: 's1',
  variable: 'orsak',
  mode: 'random',
  seed: 7,
  size: 2,
  raws: ['Missbruk', '__proto__'],
  coders: ['anna', 'erik'],
  by: 'lena',
  at: '2026-12-06T05:00:00.000Z',
};

const drawn: SampleEvent = {
  _id: eventId(sample.at, 'lena', sample.id),
  type: EVENT_TYPE,
  v: 1,
  author: 'lena',
  at: sample.at,
  kind: 'sample',
  sample,
};

let n = 0;
function codes(by: string, pairs: [string, string][], second = 1): BlindCodesEvent {
  const at = `2026-12-06T05:0${second}:00.000Z`;
  n += 1;
  return {
    _id: eventId(at, by, `c${n}`),
    type: EVENT_TYPE,
    v: 1,
    author: by,
    at,
    kind: 'blind-codes',
    sample: sample.id,
    variable: sample.variable,
    coders: sample.coders,
    codes: pairs.map(([raw, code], i): BlindCode => ({
      id: `${by}-${n}-${i}`,
      sample: sample.id,
      raw,
      code,
      by,
      at,
    })),
  };
}

const empty: DoubleCodingState = { samples: new Map(), codes: new Map() };
const anna = codes('anna', [
  ['Missbruk', 'A'],
  ['__proto__', 'A'],
]);
const erik = codes('erik', [
  ['Missbruk', 'A'],
  ['__proto__', 'B'],
]);
// Anna changes her mind on one value later: her latest code holds.
const annaAgain = codes('anna', [['__proto__', 'B']], 3);
const events = [drawn, anna, erik, annaAgain];

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) =>
    permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]),
  );
}

const queue = (s: DoubleCodingState) =>
  [...s.samples.values()].flatMap((x) => queuedDisagreements(x, [...s.codes.values()], codebook));

describe('double coding folded from the team’s events', () => {
  it('adds the sample and every code once: the same event twice changes nothing', () => {
    const once = foldDoubleCoding(empty, events);
    expect(once.samples.get('s1')).toEqual(sample);
    expect(once.codes.size).toBe(5);
    const twice = foldDoubleCoding(foldDoubleCoding(once, events), [erik, drawn]);
    expect(twice).toEqual(once);
  });

  it('folds to the same state and the same queued disagreements in any order', () => {
    const reference = foldDoubleCoding(empty, events);
    expect(queue(reference)).toEqual([]);
    const withoutChange = foldDoubleCoding(empty, [drawn, anna, erik]);
    const open = queue(withoutChange);
    expect(open.map((d) => [d.id, d.raw, d.subject])).toEqual([
      ['dis:double:s1:9:__proto__', '__proto__', 'double-coding'],
    ]);
    for (const order of permutations([drawn, anna, erik])) {
      // One event at a time, as a browser reading the server might meet them.
      const state = order.reduce((s, e) => foldDoubleCoding(s, [e]), empty);
      expect(state).toEqual(withoutChange);
      expect(queue(state)).toEqual(open);
    }
    for (const order of permutations(events)) {
      expect(foldDoubleCoding(empty, order)).toEqual(reference);
    }
  });

  it('lists nothing to compare while a coder has not coded every value', () => {
    const state = foldDoubleCoding(empty, [drawn, codes('erik', [['Missbruk', 'B']]), anna]);
    expect(queue(state)).toEqual([]);
  });

  it('counts no code by someone not asked to code the sample, nor one in another’s name', () => {
    const eve = codes('eve', [
      ['Missbruk', 'B'],
      ['__proto__', 'B'],
    ]);
    const state = foldDoubleCoding(empty, [drawn, anna, eve]);
    expect([...codesByCoder(sample, [...state.codes.values()]).keys()]).toEqual(['anna']);
    // Codes in Anna's name inside Erik's event: not read, not folded.
    const forged = { ...erik, codes: anna.codes };
    expect(readTeamEvent(forged)).toBeNull();
    expect(foldDoubleCoding(empty, [forged]).codes.size).toBe(0);
  });

  it('reads the events as the server returns them, and refuses a sample in another’s name', () => {
    const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
    expect(readTeamEvent(json(drawn))).toEqual(drawn);
    expect(readTeamEvent(json(anna))).toEqual(anna);
    expect(readTeamEvent(json({ ...drawn, author: 'anna' }))).toBeNull();
    expect(readTeamEvent(json({ ...drawn, sample: { ...sample, mode: 'all' } }))).toBeNull();
    expect(readTeamEvent(json({ ...anna, coders: 'anna' }))).toBeNull();
  });
});
