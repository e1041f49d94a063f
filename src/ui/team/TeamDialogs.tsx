import { useState } from 'react';
import { useApp } from '../../state/app';
import {
  connectTeam,
  defaultServer,
  disconnectTeam,
  resolveDisagreement,
  useTeam,
  type TeamFailure,
} from '../../state/team';
import { disagreementSides, type DisagreementSide } from '../../core/team/fold';
import { RawText } from '../RawText';
import type { MessageKey } from '../../i18n';
import { refusalOf, type Refusal } from '../../sync/design';
import { useT, type T } from '../i18n';
import { Modal } from '../review/Modal';
import { CheckpointNotifier, CheckpointSection } from './Checkpoint';

const close = () => useTeam.setState({ dialog: null });

function failureText(t: T, f: TeamFailure, server: string, db: string): string {
  switch (f) {
    case 'bad-login':
      return t('teamFail_bad_login');
    case 'unreachable':
      return t('teamFail_unreachable');
    case 'refused':
      return t('teamFail_refused');
    case 'not-allowed':
      return t('teamFail_not_allowed', { server });
    case 'no-database':
      return t('teamFail_no_database', { db });
  }
}

/** Log in to the team server and link the project to its database there. */
export function ConnectDialog() {
  const t = useT();
  // Logging in again (the session ended): the project's link fills in all but the password.
  const link = useTeam((s) => s.link);
  const [server, setServer] = useState(() => link?.url ?? defaultServer());
  const [database, setDatabase] = useState(link?.db ?? '');
  const [name, setName] = useState(link?.user ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<TeamFailure | null>(null);
  const submit = async () => {
    setBusy(true);
    setFailure(null);
    const f = await connectTeam(server, database, name, password).catch(
      (): TeamFailure => 'unreachable',
    );
    setBusy(false);
    setPassword('');
    if (f) setFailure(f);
    else close();
  };
  return (
    <Modal label={t('teamTitle')} onCancel={close} testId="team-connect">
      <h2>{t('teamTitle')}</h2>
      <p className="muted">{t('teamIntro')}</p>
      <form
        className="team-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          {t('teamServer')}
          <input
            value={server}
            onChange={(e) => setServer(e.target.value)}
            data-testid="team-server"
          />
        </label>
        <label className="field">
          {t('teamDatabase')}
          <input
            value={database}
            onChange={(e) => setDatabase(e.target.value)}
            data-testid="team-db"
            required
          />
        </label>
        <label className="field">
          {t('teamName')}
          <input
            value={name}
            autoComplete="username"
            onChange={(e) => setName(e.target.value)}
            data-testid="team-name"
            required
          />
        </label>
        <label className="field">
          {t('teamPassword')}
          <input
            type="password"
            value={password}
            autoComplete="current-password"
            onChange={(e) => setPassword(e.target.value)}
            data-testid="team-password"
            required
          />
        </label>
        {failure && (
          <p className="error" role="alert" data-testid="team-failure">
            {failureText(t, failure, server, database)}
          </p>
        )}
        <div className="buttons">
          <button type="submit" disabled={busy} data-testid="team-connect-submit">
            {busy ? t('teamConnecting') : t('teamConnect')}
          </button>
          <button type="button" onClick={close}>
            {t('teamClose')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function Side({ t, side, lang }: { t: T; side: DisagreementSide; lang: string }) {
  const time = side.at ? new Date(side.at).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB') : '–';
  if (side.codebook) {
    const n = side.codebook.categories.length;
    return <div>{t('teamQueueCodebookSide', { n, by: side.by ?? '–', time })}</div>;
  }
  return (
    <div>
      <div>{t('teamQueueSide', { code: side.code ?? '–', by: side.by ?? '–', time })}</div>
      {side.note && <div className="muted">{side.note}</div>}
    </div>
  );
}

/** The disagreements side by side (who, when, code, note); resolving keeps one side. */
export function DisagreementsDialog() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const rows = useTeam((s) => s.disagreements);
  return (
    <Modal label={t('teamQueueTitle')} onCancel={close} testId="team-disagreements">
      <h2>{t('teamQueueTitle')}</h2>
      <p className="muted">{t('teamQueueIntro')}</p>
      {rows.length === 0 ? (
        <p>{t('teamQueueEmpty')}</p>
      ) : (
        <table className="team-queue">
          <thead>
            <tr>
              <th>{t('teamQueueValue')}</th>
              <th>{t('teamQueueSides')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id} data-testid="team-disagreement">
                <td>
                  {d.subject === 'codebook' ? t('teamQueueCodebook') : <RawText raw={d.raw} />}
                  <div className="muted">{d.variable}</div>
                </td>
                <td>
                  {/* Every side, also a third coder's and a fourth's: none hides another. */}
                  <div className="team-sides">
                    {disagreementSides(d).map((side, i) => (
                      <div key={side.event ?? 'held'} className="team-side" data-testid="team-side">
                        <div className="muted">
                          {t(
                            d.subject === 'double-coding'
                              ? 'teamQueueBlind'
                              : side.event === null
                                ? 'teamQueueHeld'
                                : 'teamQueueArrived',
                          )}
                        </div>
                        <Side t={t} side={side} lang={lang} />
                        <button
                          onClick={() => void resolveDisagreement(d.id, i)}
                          data-testid={`team-keep-${i}`}
                        >
                          {side.codebook
                            ? t('teamQueueKeepCodebook')
                            : t('teamQueueKeep', { code: side.code ?? '–' })}
                        </button>
                      </div>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="buttons">
        <button onClick={close}>{t('teamClose')}</button>
      </div>
    </Modal>
  );
}

const REFUSAL_KEYS: Record<Refusal, MessageKey> = {
  'not-a-member': 'teamRefusal_not_a_member',
  'not-an-admin': 'teamRefusal_not_an_admin',
  immutable: 'teamRefusal_immutable',
  'not-an-event': 'teamRefusal_not_an_event',
  'not-the-author': 'teamRefusal_not_the_author',
  'bad-event': 'teamRefusal_bad_event',
  'not-a-reviewer': 'teamRefusal_not_a_reviewer',
  'own-coding': 'teamRefusal_own_coding',
  'not-a-coder': 'teamRefusal_not_a_coder',
};

/** The server's reason in the user's language (its own words for one this version does not know). */
function refusalText(t: T, reason: string): string {
  const code = refusalOf(reason);
  return code ? t(REFUSAL_KEYS[code]) : reason;
}

/** The link and its state, what the server refused and why; disconnecting. */
export function TeamStatusDialog() {
  const t = useT();
  const link = useTeam((s) => s.link);
  const state = useTeam((s) => s.state);
  const refused = useTeam((s) => s.refused);
  const reasons = useTeam((s) => s.reasons);
  return (
    <Modal label={t('teamTitle')} onCancel={close} testId="team-status">
      <h2>{t('teamTitle')}</h2>
      {link && <p>{t('teamLinked', { user: link.user, server: link.url, db: link.db })}</p>}
      {refused > 0 && (
        <div role="alert">
          <p className="error">{t('teamRefused', { n: refused })}</p>
          <ul data-testid="team-refusals">
            {reasons.map((r) => (
              <li key={r.id}>{refusalText(t, r.reason)}</li>
            ))}
          </ul>
        </div>
      )}
      <CheckpointSection refusal={(r) => refusalText(t, r)} />
      <div className="buttons">
        {state === 'logged-out' && (
          <button onClick={() => useTeam.setState({ dialog: 'connect' })}>
            {t('teamConnect')}
          </button>
        )}
        <button
          onClick={() => {
            void disconnectTeam();
            close();
          }}
          data-testid="team-disconnect"
        >
          {t('teamDisconnect')}
        </button>
        <button onClick={close}>{t('teamClose')}</button>
      </div>
    </Modal>
  );
}

/** The header's team part: how the sync goes, what is not sent yet, the disagreements. */
export function TeamIndicator() {
  const t = useT();
  const state = useTeam((s) => s.state);
  const pending = useTeam((s) => s.pending);
  const refused = useTeam((s) => s.refused);
  const disagreements = useTeam((s) => s.disagreements.length);
  const dialog = useTeam((s) => s.dialog);
  const label =
    state === 'solo'
      ? t('teamSolo')
      : state === 'logged-out'
        ? t('teamState_logged_out')
        : t(`teamState_${state}`);
  return (
    <>
      <span className="team" data-testid="team" data-state={state}>
        <button
          onClick={() => useTeam.setState({ dialog: state === 'solo' ? 'connect' : 'status' })}
          data-testid="team-button"
        >
          {label}
        </button>
        {state !== 'solo' && (
          <span
            className={pending > 0 ? 'warn' : 'muted'}
            data-testid="team-pending"
            data-n={pending}
          >
            {t('teamPending', { n: pending })}
          </span>
        )}
        {refused > 0 && (
          <button
            className="error"
            onClick={() => useTeam.setState({ dialog: 'status' })}
            data-testid="team-refused"
          >
            {t('teamRefused', { n: refused })}
          </button>
        )}
        {disagreements > 0 && (
          <button
            className="warn"
            onClick={() => useTeam.setState({ dialog: 'disagreements' })}
            data-testid="team-disagreements-button"
          >
            {t('teamDisagreements', { n: disagreements })}
          </button>
        )}
      </span>
      {/* Outside the header's one-line span: a dialog's text wraps. */}
      {dialog === 'connect' && <ConnectDialog />}
      {dialog === 'status' && <TeamStatusDialog />}
      {dialog === 'disagreements' && <DisagreementsDialog />}
      {state !== 'solo' && <CheckpointNotifier />}
    </>
  );
}
