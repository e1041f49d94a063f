// The project's rules enforced by the real server process (issue 10 item 5): its validate_doc_update
// refuses a forged author, a non-reviewer's approval, an approval of one's own coding under four
// eyes and any write by a non-member, whatever client sends them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectPeople } from '../../src/core/members';
import type { DecisionEvent } from '../../src/core/team/events';
import { designDoc, refusalOf } from '../../src/sync/design';
import { decisionEvent } from '../sync/fixtures';
import { addUser, couch, startTeamServer, type TeamServer } from './team-server';

const people: ProjectPeople = {
  members: [
    { name: 'anna', role: 'coder' },
    { name: 'bo', role: 'reviewer' },
  ],
  fourEyes: true,
};
const pw = (name: string) => ({ name, password: `${name}-pw` });
const event = (author: string, action: DecisionEvent['action'], codedBy: string | null) =>
  decisionEvent(author, action, codedBy);

describe('server-enforced roles', () => {
  let server: TeamServer;
  beforeAll(async () => {
    server = await startTeamServer();
    for (const name of ['anna', 'bo', 'eve']) await addUser(server, name, `${name}-pw`);
    expect((await couch(server, 'PUT', '/kodbok-p1')).status).toBe(201);
    await couch(server, 'PUT', '/kodbok-p1/_security', {
      body: { admins: { names: [], roles: [] }, members: { names: ['anna', 'bo'], roles: [] } },
    });
    expect(
      (await couch(server, 'PUT', '/kodbok-p1/_design/kodbok', { body: designDoc(people) })).status,
    ).toBe(201);
  });
  afterAll(() => server?.stop());

  async function put(user: string, doc: { _id: string }) {
    const r = await couch(server, 'PUT', `/kodbok-p1/${encodeURIComponent(doc._id)}`, {
      user: pw(user),
      body: doc,
    });
    return { status: r.status, refusal: refusalOf(r.body.reason) };
  }

  it('stores a member’s own event', async () => {
    expect(await put('anna', event('anna', 'assign', null))).toEqual({
      status: 201,
      refusal: null,
    });
  });

  it('refuses a forged event: author is not the logged-in user', async () => {
    expect(await put('anna', event('bo', 'assign', null))).toEqual({
      status: 403,
      refusal: 'not-the-author',
    });
  });

  it('refuses an approval by a coder, and a reviewer approving her own coding', async () => {
    expect(await put('anna', event('anna', 'approve', 'bo'))).toEqual({
      status: 403,
      refusal: 'not-a-reviewer',
    });
    expect(await put('bo', event('bo', 'approve', 'bo'))).toEqual({
      status: 403,
      refusal: 'own-coding',
    });
    expect(await put('bo', event('bo', 'approve', 'anna'))).toEqual({ status: 201, refusal: null });
  });

  it('refuses any write by a non-member, and changing an event', async () => {
    // Refused before the rules run (401 from the database's members check).
    const r = await put('eve', event('eve', 'assign', null));
    expect([401, 403]).toContain(r.status);
    const doc = event('anna', 'assign', null);
    const first = await couch(server, 'PUT', `/kodbok-p1/${encodeURIComponent(doc._id)}`, {
      user: pw('anna'),
      body: doc,
    });
    const again = await put('anna', { ...doc, _rev: String(first.body.rev) } as typeof doc);
    expect(again).toEqual({ status: 403, refusal: 'immutable' });
  });

  it('refuses forged events in a bulk write too (what replication sends)', async () => {
    const own = event('anna', 'assign', null);
    const forged = event('bo', 'assign', null);
    const r = await couch(server, 'POST', '/kodbok-p1/_bulk_docs', {
      user: pw('anna'),
      body: { docs: [own, forged] },
    });
    const results = r.body as unknown as { id: string; error?: string; reason?: string }[];
    const outcome = new Map(results.map((x) => [x.id, x.error ? refusalOf(x.reason) : 'ok']));
    expect(outcome).toEqual(
      new Map([
        [own._id, 'ok'],
        [forged._id, 'not-the-author'],
      ]),
    );
  });
});
