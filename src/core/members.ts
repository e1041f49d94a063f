// The people of a project: who codes, who reviews, and whether four eyes are required. Stored
// with the project as one setting; whatever is read (an old backup, a hand-edited one) is
// repaired here to a valid value, never trusted as it is.

export type Role = 'coder' | 'reviewer' | 'both';
export const ROLES: readonly Role[] = ['coder', 'reviewer', 'both'];

export interface Member {
  /** Name or initials, as written in "coded by" and "reviewed by". */
  readonly name: string;
  readonly role: Role;
}

export interface ProjectPeople {
  readonly members: readonly Member[];
  /** "Fyra ögon": a value is approved by someone other than the person who coded it. */
  readonly fourEyes: boolean;
}

/** A new project: nobody listed yet, four eyes on. */
export const defaultPeople: ProjectPeople = { members: [], fourEyes: true };

/** Longest name kept (initials or a name; longer text is cut, not refused). */
export const MAX_MEMBER_NAME = 80;

export function memberName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').slice(0, MAX_MEMBER_NAME);
}

/** Repairs a stored value: wrong types fall back to defaults, blank and repeated names go. */
export function readPeople(stored: unknown): ProjectPeople {
  if (typeof stored !== 'object' || stored === null) return defaultPeople;
  const o = stored as { members?: unknown; fourEyes?: unknown };
  const members: Member[] = [];
  if (Array.isArray(o.members)) {
    for (const m of o.members as unknown[]) {
      if (typeof m !== 'object' || m === null) continue;
      const { name, role } = m as { name?: unknown; role?: unknown };
      if (typeof name !== 'string') continue;
      const clean = memberName(name);
      if (clean === '' || members.some((x) => x.name === clean)) continue;
      members.push({ name: clean, role: ROLES.includes(role as Role) ? (role as Role) : 'both' });
    }
  }
  return { members, fourEyes: typeof o.fourEyes === 'boolean' ? o.fourEyes : true };
}

/** The project's people with one member added or changed (matched by name). */
export function withMember(people: ProjectPeople, member: Member): ProjectPeople {
  const name = memberName(member.name);
  if (name === '') return people;
  const at = people.members.findIndex((m) => m.name === name);
  const next = { name, role: member.role };
  return {
    ...people,
    members:
      at < 0 ? [...people.members, next] : people.members.map((m, i) => (i === at ? next : m)),
  };
}

export function withoutMember(people: ProjectPeople, name: string): ProjectPeople {
  return { ...people, members: people.members.filter((m) => m.name !== name) };
}

export function canReview(people: ProjectPeople, name: string): boolean {
  // A project without members yet has no roles: everyone may review.
  if (people.members.length === 0) return true;
  const role = people.members.find((m) => m.name === name)?.role;
  return role === 'reviewer' || role === 'both';
}
