// A project's past on a team (issue 10 item 2): what a project worked on solo holds from before it
// was connected — notes, the history of its decisions, double-coding samples and blind codes —
// travels as `past` events with the same ids in every browser, folded once in any order, never
// touching a value's coding.
import { describe, expect, it } from 'vitest';
import {
  queuedDisagreements,
  type BlindCode,
  type DoubleSample,
} from '../../src/core/double-coding';
import { codingOf, newRawValue } from '../../src/core/decide';
import type { NoteEvent } from '../../src/core/notes';
import { readTeamEvent } from '../../src/core/team/events';
import {
  foldPast,
  pastEvents,
  pastId,
  type PastAction,
  type PastContent,
  type PastState,
} from '../../src/core/team/past';
import type { Codebook, Coding } from '../../src/core/types';

const codebook: Codebook = {
  id: 'cb',
  variable: 'orsak',
  categories: [
    { code: 'A', label: 'Missbruk', parent: null },
    { code: 'B', label: 'Skola', parent: null },
  ],
};

const uncoded: Coding = codingOf(newRawValue('orsak', 'x', 1, 1));

const note: NoteEvent = {
  id: 'n1',
  kind: 'note',
  thread: 'n1',
  variable: 'orsak',
  raw: 'Missbruk',
  by: 'anna',
  at: '2026-12-01T09:00:00.000Z',
  text: 'Förälderns eller barnets?',
  code: null,
  status: 'uncoded',
};
const reply: NoteEvent = {
  ...note,
  id: 'n2',
  kind: 'reply',
  by: 'lena',
  at: '2026-12-01T10:00:00.000Z',
  text: 'Förälderns.',
};

function action(
  batch: string,
  raws: string[],
  code = 'A',
  at = '2026-12-01T09:30:00.000Z',
): PastAction {
  return {
    variable: 'orsak',
    batch,
    kind: 'assign',
    by: 'anna',
    at,
    changes: raws.map((raw) => ({ raw, code, status: 'coded', note: '', before: uncoded })),
  };
}

const sample: DoubleSample = {
  id: 's1',
  variable: 'orsak',
  mode: 'random',
  seed: 7,
  size: 2,
  raws: ['Missbruk', '__proto__'],
  coders: ['anna', 'erik'],
  by: 'lena',
  at: '2026-12-02T08:00:00.000Z',
};
const code = (id: string, by: string, raw: string, c: string): BlindCode => ({
  id,
  sample: 's1',
  raw,
  code: c,
  by,
  at: '2026-12-02T09:00:00.000Z',
});
const codes = [
  code('c1', 'anna', 'Missbruk', 'A'),
  code('c2', 'anna', '__proto__', 'A'),
  code('c3', 'erik', 'Missbruk', 'A'),
  code('c4', 'erik', '__proto__', 'B'),
];

const content: PastContent = {
  notes: [note, reply],
  history: [action('b1', ['Missbruk']), action('b2', ['__proto__', 'Hot'], 'B')],
  samples: [sample],
  codes,
};

const empty: PastState = {
  notes: new Map(),
  history: [],
  doubleCoding: { samples: new Map(), codes: new Map() },
};

/** What a state holds, comparable whatever order it was built in. */
function summary(s: PastState) {
  return {
    notes: [...s.notes.keys()].sort(),
    history: s.history.map((a) => `${a.batch}:${a.changes.map((c) => c.raw).join(',')}`).sort(),
    samples: [...s.doubleCoding.samples.keys()].sort(),
    codes: [...s.doubleCoding.codes.keys()].sort(),
  };
}

describe('a project’s past as events', () => {
  it('chunks the past with the same ids for the same past, each under the size budget', () => {
    const many: PastContent = {
      ...content,
      notes: Array.from({ length: 300 }, (_, i) => ({ ...note, id: `n${i}`, thread: `n${i}` })),
    };
    const a = pastEvents(many, 'lena', '2026-12-06T05:00:00.000Z', 20_000);
    const b = pastEvents(many, 'lena', '2026-12-06T06:00:00.000Z', 20_000);
    expect(a.length).toBeGreaterThan(2);
    expect(a.map((e) => e._id)).toEqual(b.map((e) => e._id));
    expect(a.map((e) => e._id)).toEqual(a.map((_, i) => pastId(i)));
    // The ids sort in part order, after the project's start (ev:0:) and before any decision.
    expect([...a.map((e) => e._id)].sort()).toEqual(a.map((e) => e._id));
    expect(pastId(0) > 'ev:0:project:~').toBe(true);
    expect(pastId(999) < 'ev:2026-01-01T00:00:00.000Z').toBe(true);
    for (const e of a) {
      expect(JSON.stringify(e).length).toBeLessThan(21_000);
      // What the server stores is read back as the same event.
      expect(readTeamEvent(JSON.parse(JSON.stringify(e)))).toEqual(e);
    }
    expect(a.flatMap((e) => e.notes ?? []).length).toBe(300);
    expect(a.flatMap((e) => e.history ?? []).length).toBe(2);
    expect(pastEvents({ notes: [], history: [], samples: [], codes: [] }, 'lena', 'x')).toEqual([]);
  });

  it('splits an action too large for one document by its values, and folds it back whole', () => {
    const raws = Array.from({ length: 2000 }, (_, i) => `värde ${i}`);
    const big: PastContent = { notes: [], history: [action('bulk', raws)], samples: [], codes: [] };
    const events = pastEvents(big, 'lena', '2026-12-06T05:00:00.000Z', 30_000);
    expect(events.length).toBeGreaterThan(3);
    const folded = foldPast(empty, [...events].reverse());
    expect(folded.history.flatMap((a) => a.changes.map((c) => c.raw)).sort()).toEqual(
      [...raws].sort(),
    );
    // Again, or part of it again: nothing twice.
    const again = foldPast(folded, [events[1]!, ...events]);
    expect(again.history.length).toBe(folded.history.length);
    // A browser holding the whole action already adds none of its pieces.
    expect(foldPast({ ...empty, history: big.history }, events).history).toEqual(big.history);
  });

  it('refuses a past event with a broken part, whole', () => {
    const [e] = pastEvents(content, 'lena', '2026-12-06T05:00:00.000Z');
    const broken = { ...e, history: [{ ...content.history[0], changes: [{ raw: 'x' }] }] };
    expect(readTeamEvent(broken)).toBeNull();
    expect(readTeamEvent({ ...e, part: '0' })).toBeNull();
    expect(readTeamEvent({ ...e, codes: [{ ...codes[0], sample: 7 }] })).toBeNull();
  });
});

describe('folding the past', () => {
  const events = pastEvents(content, 'lena', '2026-12-06T05:00:00.000Z', 1500);

  it('adds the notes, actions, samples and codes, the same in any order, and twice changes nothing', () => {
    expect(events.length).toBeGreaterThan(1);
    const once = foldPast(empty, events);
    expect(summary(once)).toEqual({
      notes: ['n1', 'n2'],
      history: ['b1:Missbruk', 'b2:__proto__,Hot'],
      samples: ['s1'],
      codes: ['c1', 'c2', 'c3', 'c4'],
    });
    // The action keeps who did it and when.
    expect(once.history.find((a) => a.batch === 'b1')).toMatchObject({
      by: 'anna',
      at: '2026-12-01T09:30:00.000Z',
    });
    const reversed = foldPast(empty, [...events].reverse());
    expect(summary(reversed)).toEqual(summary(once));
    const oneByOne = events.reduce((s, e) => foldPast(s, [e]), empty);
    expect(summary(oneByOne)).toEqual(summary(once));
    const twice = foldPast(once, events);
    expect(summary(twice)).toEqual(summary(once));
    expect(twice.history.length).toBe(2);
  });

  it('keeps what a browser holds: its own notes, actions and codes are not added again nor replaced', () => {
    const mine: PastState = {
      notes: new Map([['n1', { ...note, text: 'as held here' }]]),
      history: [action('b1', ['Missbruk']), action('mine', ['Hot'], 'B')],
      doubleCoding: { samples: new Map([['s1', sample]]), codes: new Map([['c1', codes[0]!]]) },
    };
    const next = foldPast(mine, events);
    expect(next.notes.get('n1')?.text).toBe('as held here');
    expect(next.history.map((a) => a.batch)).toEqual(['b1', 'mine', 'b2']);
    expect(next.doubleCoding.codes.size).toBe(4);
    // A fold of the past has no value coding to give: the start carries the coding.
    expect(Object.keys(next).sort()).toEqual(['doubleCoding', 'history', 'notes']);
  });

  it('a sample the past completes queues its disagreements once, with the same ids everywhere', () => {
    const here = foldPast(empty, events);
    const there = foldPast(foldPast(empty, [...events].reverse()), events);
    const queued = (s: PastState) =>
      queuedDisagreements(sample, [...s.doubleCoding.codes.values()], codebook).map((d) => d.id);
    expect(queued(here)).toEqual(['dis:double:s1:9:__proto__']);
    expect(queued(there)).toEqual(queued(here));
  });
});
