// Team events for tests: a decision on one value, as a browser would write it.
import { EVENT_TYPE, eventId, type DecisionEvent } from '../../src/core/team/events';

let counter = 0;

/** A decision by `author` on `Missbruk` of `orsak`; `codedBy` is the coder she saw. */
export function decisionEvent(
  author: string,
  action: DecisionEvent['action'],
  codedBy: string | null,
  at = new Date(Date.UTC(2026, 11, 5, 10, 0, counter)).toISOString(),
): DecisionEvent {
  counter += 1;
  const review = action === 'approve';
  return {
    _id: eventId(at, author, `t${counter}`),
    type: EVENT_TYPE,
    v: 1,
    author,
    at,
    kind: 'decision',
    variable: 'orsak',
    batch: `b${counter}`,
    action,
    changes: [
      {
        raw: 'Missbruk',
        seen: { code: 'B11', status: 'coded', updatedAt: at, codedBy },
        to: {
          code: 'B11',
          status: review ? 'approved' : 'coded',
          codedBy: codedBy ?? author,
          codedAt: at,
          reviewedBy: review ? author : null,
          reviewedAt: review ? at : null,
          note: '',
          updatedAt: at,
        },
      },
    ],
  };
}
