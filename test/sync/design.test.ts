// The server's own rules (issue 10 item 5), run directly: the same source string the server gets.
import { describe, expect, it } from 'vitest';
import type { ProjectPeople } from '../../src/core/members';
import {
  CHECKPOINT_PART_TYPE,
  CHECKPOINT_TYPE,
  checkpointId,
  checkpointPartId,
} from '../../src/core/team/checkpoint';
import { EVENT_TYPE, eventId } from '../../src/core/team/events';
import { pastEvents } from '../../src/core/team/past';
import { designDoc, refusalOf, validateSource, type Refusal } from '../../src/sync/design';
import { decisionEvent } from './fixtures';

type Validate = (
  newDoc: object,
  oldDoc: object | null,
  userCtx: { name: string | null; roles: string[] },
  secObj: object,
) => void;

const people: ProjectPeople = {
  members: [
    { name: 'anna', role: 'coder' },
    { name: 'bo', role: 'reviewer' },
    { name: 'cleo', role: 'both' },
  ],
  fourEyes: true,
};
const secObj = {
  admins: { names: ['lena'], roles: [] },
  members: { names: ['anna', 'bo', 'cleo'], roles: [] },
};

function compile(p: ProjectPeople): Validate {
  // Exactly what CouchDB does with the string: evaluate it to a function.
  return new Function(`return (${validateSource(p)});`)() as Validate;
}

const decision = decisionEvent;

function refusal(run: () => void): Refusal | 'allowed' | string {
  try {
    run();
    return 'allowed';
  } catch (e) {
    const forbidden = (e as { forbidden?: unknown }).forbidden;
    return refusalOf(forbidden) ?? String(forbidden);
  }
}

const user = (name: string | null, roles: string[] = []) => ({ name, roles });

describe('validate_doc_update', () => {
  const validate = compile(people);
  const check = (doc: object, by: string | null, old: object | null = null, roles: string[] = []) =>
    refusal(() => validate(doc, old, user(by, roles), secObj));

  it('lets a member store her own coding', () => {
    expect(check(decision('anna', 'assign', null), 'anna')).toBe('allowed');
  });

  it('refuses an event whose author is not the logged-in user', () => {
    expect(check(decision('bo', 'assign', null), 'anna')).toBe('not-the-author');
    // Not even a server admin writes in someone else's name.
    expect(check(decision('bo', 'assign', null), 'admin', null, ['_admin'])).toBe('not-the-author');
  });

  it('refuses any write by a non-member, and by nobody', () => {
    expect(check(decision('eve', 'assign', null), 'eve')).toBe('not-a-member');
    expect(check(decision('anna', 'assign', null), null)).toBe('not-a-member');
  });

  it('refuses an approval by someone who is not a reviewer', () => {
    expect(check(decision('anna', 'approve', 'cleo'), 'anna')).toBe('not-a-reviewer');
    expect(check(decision('anna', 'reject', 'cleo'), 'anna')).toBe('not-a-reviewer');
    expect(check(decision('bo', 'approve', 'anna'), 'bo')).toBe('allowed');
  });

  it('lets any member change the codebook, but only a reviewer resolve a codebook conflict', () => {
    const doc = decision('anna', 'assign', null);
    const edit = { ...doc, kind: 'codebook', action: 'codebook' };
    expect(check(edit, 'anna')).toBe('allowed');
    expect(check({ ...edit, action: 'resolve' }, 'anna')).toBe('not-a-reviewer');
    const bos = { ...decision('bo', 'assign', null), kind: 'codebook', action: 'resolve' };
    expect(check(bos, 'bo')).toBe('allowed');
  });

  it("refuses an approval of one's own coding when the project asks four eyes", () => {
    expect(check(decision('cleo', 'approve', 'cleo'), 'cleo')).toBe('own-coding');
    expect(check(decision('cleo', 'approve', 'anna'), 'cleo')).toBe('allowed');
    const relaxed = compile({ ...people, fourEyes: false });
    expect(
      refusal(() => relaxed(decision('cleo', 'approve', 'cleo'), null, user('cleo'), secObj)),
    ).toBe('allowed');
  });

  it('keeps events immutable: no change, no delete', () => {
    const doc = decision('anna', 'assign', null);
    expect(check({ ...doc, _rev: '1-a' }, 'anna', doc)).toBe('immutable');
    expect(check({ _id: doc._id, _rev: '1-a', _deleted: true }, 'anna', doc)).toBe('immutable');
  });

  it('stores only Kodbok events, and lets only a project admin change members or rules', () => {
    expect(check({ _id: 'x', author: 'anna' }, 'anna')).toBe('not-an-event');
    const members = {
      _id: eventId('2026-12-05T10:00:00.000Z', 'anna', 'n2'),
      type: EVENT_TYPE,
      v: 1,
      author: 'anna',
      at: '2026-12-05T10:00:00.000Z',
      kind: 'members',
      people,
    };
    expect(check(members, 'anna')).toBe('not-an-admin');
    expect(check({ ...members, author: 'lena' }, 'lena')).toBe('allowed');
    expect(check(designDoc(people), 'anna')).toBe('not-an-admin');
    expect(check(designDoc(people), 'lena')).toBe('allowed');
  });

  it('takes a project’s past (from before it was connected) from a project admin only', () => {
    const note = {
      id: 'n1',
      kind: 'note' as const,
      thread: 'n1',
      variable: 'orsak',
      raw: 'Hot',
      by: 'anna',
      at: '2026-12-01T09:00:00.000Z',
      text: 'Hot mot vem?',
      code: null,
      status: 'uncoded' as const,
    };
    const past = (by: string) =>
      pastEvents(
        { notes: [note], history: [], samples: [], codes: [] },
        by,
        '2026-12-06T05:00Z',
      )[0]!;
    // A reviewer is not enough: the past is the whole project's record.
    expect(check(past('bo'), 'bo')).toBe('not-an-admin');
    expect(check(past('anna'), 'anna')).toBe('not-an-admin');
    expect(check(past('lena'), 'lena')).toBe('allowed');
    expect(check(past('admin'), 'admin', null, ['_admin'])).toBe('allowed');
    // Still her own: not even an admin sends it in another's name.
    expect(check(past('anna'), 'lena')).toBe('not-the-author');
  });

  it('lets only a reviewer or a project admin draw a sample for double coding', () => {
    const drawn = (by: string) => ({
      _id: eventId('2026-12-06T05:00:00.000Z', by, 's1'),
      type: EVENT_TYPE,
      v: 1,
      author: by,
      at: '2026-12-06T05:00:00.000Z',
      kind: 'sample',
      sample: { id: 's1', variable: 'orsak', raws: ['Hot'], coders: ['anna', 'cleo'], by },
    });
    expect(check(drawn('anna'), 'anna')).toBe('not-a-reviewer');
    expect(check(drawn('bo'), 'bo')).toBe('allowed');
    expect(check(drawn('lena'), 'lena')).toBe('allowed');
    // Drawn in another's name inside her own event.
    const other = drawn('bo');
    expect(check({ ...other, sample: { ...other.sample, by: 'cleo' } }, 'bo')).toBe(
      'not-the-author',
    );
  });

  it('takes blind codes only from one of the sample’s coders, in her own name', () => {
    const codes = (by: string, codedBy = by, coders = ['anna', 'cleo']) => ({
      _id: eventId('2026-12-06T05:01:00.000Z', by, 'c1'),
      type: EVENT_TYPE,
      v: 1,
      author: by,
      at: '2026-12-06T05:01:00.000Z',
      kind: 'blind-codes',
      sample: 's1',
      variable: 'orsak',
      coders,
      codes: [{ id: 'k1', sample: 's1', raw: 'Hot', code: 'A', by: codedBy, at: 'x' }],
    });
    expect(check(codes('anna'), 'anna')).toBe('allowed');
    expect(check(codes('bo'), 'bo')).toBe('not-a-coder');
    expect(check(codes('anna', 'cleo'), 'anna')).toBe('not-the-author');
    expect(check(codes('cleo'), 'anna')).toBe('not-the-author');
    expect(check({ ...codes('anna'), codes: 'Hot' }, 'anna')).toBe('bad-event');
  });

  it('lets every member review while a project has no members listed (as the app does)', () => {
    const open = compile({ members: [], fourEyes: true });
    expect(refusal(() => open(decision('anna', 'approve', 'bo'), null, user('anna'), secObj))).toBe(
      'allowed',
    );
  });
  it('takes a checkpoint (manifest and parts) from a project admin only, in her own name', () => {
    const at = '2026-12-06T10:00:00.000Z';
    const manifest = (author: string) => ({
      _id: checkpointId(at, author, 'x'),
      type: CHECKPOINT_TYPE,
      v: 1,
      author,
      at,
      seq: 12,
      events: 3,
      encoding: 'gzip',
      bytes: 10,
      sha256: 'ab',
      parts: [{ id: checkpointPartId('x', 0), bytes: 10, sha256: 'ab' }],
    });
    const part = (author: string) => ({
      _id: checkpointPartId('x', 0),
      type: CHECKPOINT_PART_TYPE,
      v: 1,
      author,
      at,
      checkpoint: checkpointId(at, author, 'x'),
      part: 0,
    });
    expect(check(manifest('lena'), 'lena')).toBe('allowed');
    expect(check(part('lena'), 'lena')).toBe('allowed');
    // A member, even a reviewer, writes no checkpoint: a new member would start from it.
    expect(check(manifest('cleo'), 'cleo')).toBe('not-an-admin');
    expect(check(part('bo'), 'bo')).toBe('not-an-admin');
    expect(check(manifest('lena'), 'anna')).toBe('not-an-admin');
    expect(check(manifest('anna'), 'lena')).toBe('not-the-author');
    expect(check({ ...manifest('lena'), type: CHECKPOINT_PART_TYPE }, 'lena')).toBe('bad-event');
    expect(check({ ...part('lena'), v: 2 }, 'lena')).toBe('bad-event');
    // Stored, it is never changed or deleted.
    const stored = { ...manifest('lena'), _rev: '1-a' };
    expect(check(stored, 'lena', manifest('lena'))).toBe('immutable');
    expect(check({ ...stored, _deleted: true }, 'lena', manifest('lena'))).toBe('immutable');
  });
});
