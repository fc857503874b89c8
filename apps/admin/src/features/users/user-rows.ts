import type { Role } from '../../auth/role';
import type { InviteBody, User } from './users.api';

export type UserStatus = 'active' | 'invited' | 'deactivated' | 'locked';

/** One person as the table shows them, with what an admin may do to them. */
export interface UserRow {
  id: string;
  email: string;
  role: Role;
  status: UserStatus;
  /** Until when sign-in is refused after failed attempts; null when not locked. */
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  isSelf: boolean;
  /** Deactivate an active person, reactivate a deactivated one; invited people have not signed up yet. */
  toggle: 'deactivate' | 'reactivate' | null;
  /** An invited person can be sent a new link (the old one stops working). */
  canReinvite: boolean;
}

/** People by e-mail (how admins look for someone), with their status and the actions open to the admin. */
export function userRows(users: readonly User[], selfId: string | undefined, now: number = Date.now()): UserRow[] {
  return [...users]
    .sort((a, b) => a.email.localeCompare(b.email))
    .map((user) => {
      const locked = user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;
      const status: UserStatus = user.invited ? 'invited' : !user.active ? 'deactivated' : locked ? 'locked' : 'active';
      return {
        id: user.id,
        email: user.email,
        role: user.role,
        status,
        lockedUntil: locked ? user.lockedUntil : null,
        lastSignInAt: user.lastSignInAt,
        createdAt: user.createdAt,
        isSelf: user.id === selfId,
        toggle: user.invited ? null : user.active ? 'deactivate' : 'reactivate',
        canReinvite: user.invited,
      };
    });
}

type InviteField = 'email' | 'role';

/** The invitation's body, or a message per field the API would refuse (it checks again). */
export function inviteRequest(
  email: string,
  role: Role | null,
): { body: InviteBody; errors: null } | { body: null; errors: Partial<Record<InviteField, string>> } {
  const trimmed = email.trim();
  const errors: Partial<Record<InviteField, string>> = {};
  if (!trimmed) {
    errors.email = 'Enter the person’s e-mail';
  } else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) || trimmed.length > 320) {
    errors.email = 'Enter an e-mail address like name@example.com';
  }
  if (!role) {
    errors.role = 'Choose a role';
  }
  return role && Object.keys(errors).length === 0 ? { body: { email: trimmed, role }, errors: null } : { body: null, errors };
}

/** What the confirmation says before deactivating someone. */
export function deactivationWarning(row: Pick<UserRow, 'email' | 'isSelf'>): string {
  return row.isSelf
    ? 'This is you: your session ends at once and you cannot sign in again until another admin reactivates you.'
    : `${row.email} can no longer sign in, and their open sessions stop working at once. You can reactivate them later.`;
}
