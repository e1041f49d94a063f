import { useEffect } from 'react';
import { notify } from '../../state/store';
import { useTeam, writeTeamCheckpoint, type CheckpointNotice } from '../../state/team';
import type { MessageKey } from '../../i18n';
import { useT, type T } from '../i18n';

// A team's checkpoint (issue 10 item 7) in the team dialog: a project admin writes one; a joining
// member is told when her project came from one, or why the team's was refused.

const REFUSED: Record<'missing-part' | 'damaged' | 'invalid', MessageKey> = {
  'missing-part': 'cpRefused_missing_part',
  damaged: 'cpRefused_damaged',
  invalid: 'cpRefused_invalid',
};

const NOT_WRITTEN: Partial<Record<string, MessageKey>> = {
  outbox: 'cpNot_outbox',
  'not-read': 'cpNot_not_read',
  'not-linked': 'cpNot_not_read',
  unreachable: 'cpNot_failed',
};

/** The notice in the user's language; `refusal` renders a server's refusal. */
export function checkpointText(
  t: T,
  n: CheckpointNotice,
  refusal: (reason: string) => string,
): string {
  switch (n.kind) {
    case 'applied':
      return t('cpApplied', { n: n.events });
    case 'refused':
      return t(REFUSED[n.reason]);
    case 'writing':
      return t('cpWriting');
    case 'written':
      return t('cpWritten', { n: n.events });
    case 'not-written': {
      const key = NOT_WRITTEN[n.reason];
      return key ? t(key) : t('cpNot_refused', { reason: refusal(n.reason) });
    }
  }
}

const failed = (n: CheckpointNotice | null) => n?.kind === 'refused' || n?.kind === 'not-written';

/** The status dialog's part: what became of the checkpoint; a project admin's button. */
export function CheckpointSection({ refusal }: { refusal: (reason: string) => string }) {
  const t = useT();
  const admin = useTeam((s) => s.admin);
  const notice = useTeam((s) => s.checkpoint);
  if (!admin && notice === null) return null;
  return (
    <section data-testid="team-checkpoint">
      <h3>{t('cpTitle')}</h3>
      {admin && <p>{t('cpIntro')}</p>}
      {notice && (
        <p role={failed(notice) ? 'alert' : 'status'} className={failed(notice) ? 'error' : ''}>
          {checkpointText(t, notice, refusal)}
        </p>
      )}
      {admin && (
        <button
          disabled={notice?.kind === 'writing'}
          onClick={() => void writeTeamCheckpoint()}
          data-testid="team-checkpoint-write"
        >
          {t('cpWrite')}
        </button>
      )}
    </section>
  );
}

/** Tells a joining member, once, that her project came from the team's checkpoint (or why not). */
export function CheckpointNotifier() {
  const t = useT();
  const notice = useTeam((s) => s.checkpoint);
  useEffect(() => {
    // Once per notice (a new object each time the engine reports).
    if (notice?.kind === 'applied' || notice?.kind === 'refused')
      notify(checkpointText(t, notice, String), notice.kind === 'refused' ? 'error' : 'info');
  }, [notice, t]);
  return null;
}
