import { useState } from 'react';
import {
  memberName,
  ROLES,
  withMember,
  withoutMember,
  type ProjectPeople,
  type Role,
} from '../../core/members';
import { savePeople, setUser, signIn, useApp, useReview } from '../../state/app';
import { useT, type T } from '../i18n';
import { Modal } from './Modal';

interface Props {
  /** `sign-in`: the person must say who she is; `manage`: members, roles and four eyes. */
  readonly mode: 'sign-in' | 'manage';
  readonly onClose?: () => void;
  /** Opens blind double coding for the project's members (issue 10 item 6). */
  readonly onDoubleCoding?: () => void;
}

function RoleSelect({
  t,
  value,
  onChange,
  label,
  testId,
}: {
  t: T;
  value: Role;
  onChange: (r: Role) => void;
  label: string;
  testId?: string;
}) {
  return (
    <select
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value as Role)}
      data-testid={testId}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`role_${r}`)}
        </option>
      ))}
    </select>
  );
}

/** The project's people: who is here, in which role, and whether four eyes are required. */
export function MembersDialog({ mode, onClose, onDoubleCoding }: Props) {
  const t = useT();
  const user = useApp((s) => s.user);
  const people = useReview((s) => s.people);
  const [name, setName] = useState(mode === 'sign-in' ? user : '');
  const [role, setRole] = useState<Role>('both');
  const [fourEyes, setFourEyes] = useState(people.fourEyes);
  const signingIn = mode === 'sign-in';
  const clean = memberName(name);
  const exists = people.members.some((m) => m.name === clean);

  /** An edit of the list; the first member added besides nobody brings the current person. */
  const edit = (next: ProjectPeople) => {
    const withMe =
      people.members.length === 0 && user && !next.members.some((m) => m.name === user)
        ? withMember(next, { name: user, role: 'both' })
        : next;
    void savePeople(withMe);
  };

  const add = () => {
    if (clean === '') return;
    if (signingIn) void signIn(clean, role, fourEyes);
    else if (!exists) edit(withMember(people, { name: clean, role }));
    setName('');
  };

  const title = signingIn ? t('whoAreYou') : t('membersTitle');
  return (
    <Modal label={title} onCancel={signingIn ? undefined : onClose} testId="members-dialog">
      <h2>{title}</h2>
      {signingIn && (
        <p className="muted">
          {user && people.members.length > 0 ? t('notAMember', { name: user }) : t('whoAreYouHint')}
        </p>
      )}
      {people.members.length === 0 ? (
        !signingIn && <p className="muted">{t('noMembers')}</p>
      ) : (
        <ul className="members" data-testid="members">
          {people.members.map((m) => (
            <li key={m.name} data-member={m.name}>
              <b>{m.name}</b>
              {m.name === user && <span className="muted"> ({t('currentMember')})</span>}{' '}
              {signingIn ? (
                <span className="muted">{t(`role_${m.role}`)}</span>
              ) : (
                <RoleSelect
                  t={t}
                  label={`${t('memberRole')}: ${m.name}`}
                  value={m.role}
                  onChange={(r) => edit(withMember(people, { name: m.name, role: r }))}
                />
              )}{' '}
              {m.name !== user && (
                <button onClick={() => void setUser(m.name)} data-testid="member-choose">
                  {t('iAm', { name: m.name })}
                </button>
              )}
              {!signingIn && (
                <button
                  aria-label={t('removeMember', { name: m.name })}
                  title={t('removeMember', { name: m.name })}
                  onClick={() => edit(withoutMember(people, m.name))}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form
        className="member-add"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label className="stack">
          {t('memberName')}
          <input
            autoFocus
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            data-testid="user-name"
          />
        </label>
        <label className="stack">
          {t('memberRole')}
          <RoleSelect
            t={t}
            label={t('memberRole')}
            value={role}
            onChange={setRole}
            testId="member-role"
          />
        </label>
        <label className="field">
          <input
            type="checkbox"
            checked={signingIn ? fourEyes : people.fourEyes}
            onChange={(e) => {
              setFourEyes(e.target.checked);
              if (!signingIn) void savePeople({ ...people, fourEyes: e.target.checked });
            }}
            data-testid="four-eyes"
          />
          {t('fourEyes')}
        </label>
        {!signingIn && exists && <p className="muted">{t('memberExists', { name: clean })}</p>}
        <div className="modal-actions">
          {!signingIn && onDoubleCoding && (
            <button
              type="button"
              title={t('dcButtonTitle')}
              onClick={onDoubleCoding}
              data-testid="double-coding-open"
            >
              {t('dcButton')}…
            </button>
          )}
          {!signingIn && (
            <button type="button" onClick={onClose}>
              {t('close')}
            </button>
          )}
          <button
            type="submit"
            className="btn-primary"
            disabled={clean === '' || (!signingIn && exists)}
            data-testid="user-ok"
          >
            {signingIn ? t('addMeAs') : t('addMember')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
