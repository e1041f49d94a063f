// Browsers of a team without a server: each linked (its events wait in the outbox), and the
// events one sent, handed to another's foldRemote in whatever order a test chooses.
import type { TeamEvent } from '../../src/core/team/events';
import type { KodbokDb } from '../../src/db/db';
import { linkProject } from '../../src/db/team';
import { freshDb, projectWith } from './helpers';

/** A browser of `user` with the test variable's two values, linked to a team. */
export async function linked(user: string) {
  const db = freshDb();
  const { id } = await projectWith(db, [
    ['Missbruk', 10],
    ['Hot', 4],
  ]);
  await linkProject(db, id, { url: 'http://127.0.0.1:1', db: 'p', user, since: null });
  return { db, project: id };
}

/** The events a browser has written since last asked (its outbox, emptied). */
export async function sent(x: { db: KodbokDb }): Promise<TeamEvent[]> {
  const rows = await x.db.outbox.toArray();
  await x.db.outbox.clear();
  return rows.map((r) => r.event);
}
