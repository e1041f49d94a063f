// Folding a team's events (issue 10 items 2 and 3): the same events give the same state, an event
// twice changes nothing, and two decisions made without seeing each other become one
// disagreement in both browsers, never a last-writer-wins.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codingOf, newRawValue } from '../../src/core/decide';
import {
  decisionEvent,
  EVENT_TYPE,
  eventId,
  type DecisionEvent,
  readTeamEvent,
  type ResolveEvent,
} from '../../src/core/team/events';
import {
  disagreementSides,
  foldEvents,
  type Disagreement,
  openDisagreements,
  type TeamState,
} from '../../src/core/team/fold';
import type { Coding } from '../../src/core/types';

const uncoded = codingOf(newRawValue('orsak', 'Missbruk', 10, 2));
const start: TeamState = {
  values: new Map([
    ['Missbruk', uncoded],
    ['Hot', uncoded],
  ]),
  applied: new Set(),
  disagreements: new Map(),
  resolved: new Map(),
};

let nonce = 0;
function code(by: string, at: string, from: Coding, c: string, raw = 'Missbruk'): DecisionEvent {
  const after: Coding = {
    ...from,
    code: c,
    status: 'coded',
    codedBy: by,
    codedAt: at,
    reviewedBy: null,
    reviewedAt: null,
    updatedAt: at,
  };
  return decisionEvent(
    { variable: 'orsak', batch: `b${++nonce}`, kind: 'assign', by, at },
    [{ raw, before: from, after }],
    `n${nonce}`,
  );
}
function approve(by: string, at: string, from: Coding, raw = 'Missbruk'): DecisionEvent {
  const after: Coding = {
    ...from,
    status: 'approved',
    reviewedBy: by,
    reviewedAt: at,
    updatedAt: at,
  };
  return decisionEvent(
    { variable: 'orsak', batch: `b${++nonce}`, kind: 'approve', by, at },
    [{ raw, before: from, after }],
    `n${nonce}`,
  );
}
const to = (e: DecisionEvent) => e.changes[0]!.to;

/** Anna, Bo and Cleo code the same uncoded value apart: B11, H01, X9. */
function threeCoders(): [DecisionEvent, DecisionEvent, DecisionEvent] {
  return [
    code('anna', '2026-12-05T10:00:00.000Z', uncoded, 'B11'),
    code('bo', '2026-12-05T10:00:05.000Z', uncoded, 'H01'),
    code('cleo', '2026-12-05T10:00:09.000Z', uncoded, 'X9'),
  ];
}

/** Dan's resolve of a disagreement as he sees it: side `keep` kept, every side seen. */
function resolveOf(d: Disagreement, keep: number): ResolveEvent {
  const at = '2026-12-05T11:00:00.000Z';
  const sides = disagreementSides(d);
  const kept = sides[keep]!;
  return {
    _id: eventId(at, 'dan', `r-${d.id}-${keep}`),
    type: EVENT_TYPE,
    v: 1,
    author: 'dan',
    at,
    kind: 'resolve',
    variable: 'orsak',
    raw: 'Missbruk',
    resolves: [d.id],
    to: {
      ...uncoded,
      code: kept.code,
      status: kept.status,
      codedBy: kept.by,
      codedAt: kept.at,
      updatedAt: at,
    },
    kept,
    sides,
  };
}

describe('folding team events', () => {
  it('applies a decision made on the state this browser holds, and its follow-ups', () => {
    const a = code('anna', '2026-12-05T10:00:00.000Z', uncoded, 'B11');
    const b = approve('bo', '2026-12-05T10:01:00.000Z', to(a));
    const s = foldEvents(start, [a, b]);
    expect(s.values.get('Missbruk')).toMatchObject({
      code: 'B11',
      status: 'approved',
      codedBy: 'anna',
      reviewedBy: 'bo',
    });
    expect(s.disagreements.size).toBe(0);
  });

  it('changes nothing when the same event comes again (idempotent)', () => {
    const a = code('anna', '2026-12-05T10:00:00.000Z', uncoded, 'B11');
    const once = foldEvents(start, [a]);
    expect(foldEvents(once, [a])).toEqual(once);
    expect(foldEvents(start, [a, a])).toEqual(once);
  });

  it('makes one disagreement in both browsers of two decisions made without seeing each other', () => {
    const a = code('anna', '2026-12-05T10:00:00.000Z', uncoded, 'B11');
    const b = code('bo', '2026-12-05T10:00:05.000Z', uncoded, 'H01');
    // Each browser has its own decision first, then receives the other's.
    const annas = foldEvents(foldEvents(start, [a]), [b]);
    const bos = foldEvents(foldEvents(start, [b]), [a]);
    const [da] = openDisagreements(annas);
    const [db] = openDisagreements(bos);
    expect(openDisagreements(annas)).toHaveLength(1);
    expect(openDisagreements(bos)).toHaveLength(1);
    expect(da!.id).toBe(db!.id);
    // Neither decision was overwritten: each browser keeps its own and lists the other's.
    expect(annas.values.get('Missbruk')?.code).toBe('B11');
    expect([da!.held.by, da!.held.code, da!.arrived.by, da!.arrived.code]).toEqual([
      'anna',
      'B11',
      'bo',
      'H01',
    ]);
    expect([db!.held.code, db!.arrived.by, db!.arrived.code]).toEqual(['H01', 'anna', 'B11']);

    // A reviewer resolves it: a recorded event that both browsers fold the same way.
    const resolve: ResolveEvent = {
      _id: eventId('2026-12-05T11:00:00.000Z', 'cleo', 'r1'),
      type: EVENT_TYPE,
      v: 1,
      author: 'cleo',
      at: '2026-12-05T11:00:00.000Z',
      kind: 'resolve',
      variable: 'orsak',
      raw: 'Missbruk',
      resolves: [da!.id],
      to: { ...to(b), updatedAt: '2026-12-05T11:00:00.000Z' },
    };
    const annas2 = foldEvents(annas, [resolve]);
    const bos2 = foldEvents(bos, [resolve]);
    expect(openDisagreements(annas2)).toEqual([]);
    expect(openDisagreements(bos2)).toEqual([]);
    expect(annas2.values.get('Missbruk')).toEqual(bos2.values.get('Missbruk'));
    expect(annas2.values.get('Missbruk')?.code).toBe('H01');
  });

  it('shows every side when three coders decided the same value without seeing each other', () => {
    const [a, b, c] = threeCoders();
    const sidesOf = (s: TeamState) =>
      openDisagreements(s).map((d) => disagreementSides(d).map((x) => `${x.by}:${x.code}`));
    // Each browser holds its own decision and receives the two others, in either order.
    const annas = foldEvents(foldEvents(start, [a]), [b, c]);
    const annasOtherOrder = foldEvents(foldEvents(start, [a]), [c, b]);
    const cleos = foldEvents(foldEvents(start, [c]), [a, b]);
    expect(sidesOf(annas)).toEqual([['anna:B11', 'bo:H01', 'cleo:X9']]);
    expect(sidesOf(annasOtherOrder)).toEqual([['anna:B11', 'cleo:X9', 'bo:H01']]);
    expect(sidesOf(cleos)).toEqual([['cleo:X9', 'anna:B11', 'bo:H01']]);
    // One disagreement, the same in every browser; its sides the same set.
    expect(openDisagreements(annas)[0]!.id).toBe(openDisagreements(cleos)[0]!.id);
    // The same event again adds no side.
    expect(sidesOf(foldEvents(annas, [c, b]))).toEqual(sidesOf(annas));
    expect(annas.values.get('Missbruk')?.code).toBe('B11');
  });

  it('a decision that arrives after the resolve, made without seeing it, opens it again', () => {
    const [a, b, c] = threeCoders();
    const annas = foldEvents(foldEvents(start, [a]), [b]);
    const [d] = openDisagreements(annas);
    const resolve = resolveOf(d!, 1);
    const settled = foldEvents(annas, [resolve]);
    expect(openDisagreements(settled)).toEqual([]);
    const again = foldEvents(settled, [c]);
    const open = openDisagreements(again);
    expect(open.map((x) => disagreementSides(x).map((s) => `${s.by}:${s.code}`))).toEqual([
      ['bo:H01', 'cleo:X9'],
    ]);
    // The value the team kept stays until someone resolves again.
    expect(again.values.get('Missbruk')?.code).toBe('H01');
  });

  it('a decision the resolver had not seen, folded here before the resolve, keeps it open', () => {
    const [a, b, c] = threeCoders();
    // Dan resolves having seen Anna's and Bo's decisions only.
    const dans = foldEvents(foldEvents(start, [a]), [b]);
    const [d] = openDisagreements(dans);
    const resolve = resolveOf(d!, 1);
    // Cleo's decision (made before the resolve) reaches Erik before the resolve does.
    const eriks = foldEvents(start, [a, b, c, resolve]);
    const sides = (x: TeamState) =>
      openDisagreements(x).map((o) => disagreementSides(o).map((s) => `${s.by}:${s.code}`));
    expect(sides(eriks)).toEqual([['bo:H01', 'cleo:X9']]);
    // Dan meets it after his resolve: the same open disagreement, the same value.
    const dansLater = foldEvents(foldEvents(dans, [resolve]), [c]);
    expect(sides(dansLater)).toEqual(sides(eriks));
    expect(openDisagreements(dansLater)[0]!.id).toBe(openDisagreements(eriks)[0]!.id);
    expect(eriks.values.get('Missbruk')).toEqual(dansLater.values.get('Missbruk'));
    expect(eriks.values.get('Missbruk')?.code).toBe('H01');
  });

  it('a decision the resolver had seen, arriving after the resolve, stays settled', () => {
    const [a, b, c] = threeCoders();
    const [d] = openDisagreements(foldEvents(start, [a, b, c]));
    // Anna's code is kept; Erik gets Bo's and Cleo's decisions only after the resolve.
    const resolve = resolveOf(d!, 0);
    const eriks = foldEvents(start, [a, resolve, b, c]);
    expect(openDisagreements(eriks)).toEqual([]);
    expect(eriks.values.get('Missbruk')?.code).toBe('B11');
  });

  it('reads a resolve event with the side kept and the sides, and refuses a broken side', () => {
    const side = { event: null, by: 'anna', at: null, code: 'B11', status: 'coded', note: '' };
    const base = {
      _id: 'ev:x',
      type: EVENT_TYPE,
      v: 1,
      author: 'dan',
      at: '2026-12-05T11:00:00.000Z',
      kind: 'resolve',
      variable: 'orsak',
      raw: 'Missbruk',
      resolves: ['d1'],
      to: uncoded,
    };
    expect(readTeamEvent(base)).not.toBeNull();
    expect(readTeamEvent({ ...base, kept: side, sides: [side] })).not.toBeNull();
    expect(readTeamEvent({ ...base, kept: { ...side, code: 7 } })).toBeNull();
    expect(readTeamEvent({ ...base, sides: 'all' })).toBeNull();
  });

  it('sees no disagreement when both chose the same code', () => {
    const a = code('anna', '2026-12-05T10:00:00.000Z', uncoded, 'B11');
    const b = code('bo', '2026-12-05T10:00:05.000Z', uncoded, 'B11');
    expect(foldEvents(foldEvents(start, [a]), [b]).disagreements.size).toBe(0);
  });

  it('does not apply an approval that claims another coder than the one this browser holds', () => {
    const a = code('cleo', '2026-12-05T10:00:00.000Z', uncoded, 'B11');
    const held = foldEvents(start, [a]);
    // Cleo approves her own coding but says Anna coded it (past a server without the rules).
    const lie = approve('cleo', '2026-12-05T10:01:00.000Z', { ...to(a), codedBy: 'anna' });
    const s = foldEvents(held, [lie]);
    expect(s.values.get('Missbruk')?.status).toBe('coded');
    expect(openDisagreements(s)).toHaveLength(1);
  });

  it('keeps a decision on a value this browser does not have yet out of its state', () => {
    const e = code('anna', '2026-12-05T10:00:00.000Z', uncoded, 'B11', 'Okänt');
    const s = foldEvents(start, [e]);
    expect(s.values.has('Okänt')).toBe(false);
  });

  it('gives the same state for any repetition of the events (property)', () => {
    const a = code('anna', '2026-12-05T10:00:00.000Z', uncoded, 'B11');
    const b = approve('bo', '2026-12-05T10:01:00.000Z', to(a));
    const c = code('anna', '2026-12-05T10:02:00.000Z', uncoded, 'X9', 'Hot');
    const once = foldEvents(start, [a, b, c]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(a, b, c), { maxLength: 12 }), (extra) => {
        expect(foldEvents(once, extra)).toEqual(once);
      }),
    );
  });
});

describe('team link', () => {
  it('reads a stored link with or without a path, and refuses what is not one', async () => {
    const { readTeamLink } = await import('../../src/core/team/link');
    const ok = { url: 'http://127.0.0.1:4173/couch', db: 'p', user: 'anna', since: 5 };
    expect(readTeamLink(ok)).toEqual(ok);
    expect(readTeamLink({ ...ok, url: 'https://couch.example.org' })?.url).toBe(
      'https://couch.example.org',
    );
    expect(readTeamLink({ ...ok, url: 'ftp://x' })).toBeNull();
    expect(readTeamLink({ ...ok, url: 'https://u:p@x.org' })).toBeNull();
    expect(readTeamLink({ ...ok, user: '' })).toBeNull();
    expect(readTeamLink(null)).toBeNull();
  });
});
