import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import type { Role } from '../../auth/role';
import { SESSION_KEY } from '../../auth/session-context';

/** A person of the admin as `GET /users` answers it. */
export interface User {
  id: string;
  email: string;
  role: Role;
  /** May sign in (false: deactivated, or invited and not yet accepted). */
  active: boolean;
  /** Invited, no password chosen yet. */
  invited: boolean;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
}

export interface Invitation {
  user: User;
  /** The one-time link: in this answer only. */
  invitationUrl: string;
  expiresAt: string;
}

export interface InviteBody {
  email: string;
  role: Role;
}

export interface UserChange {
  role?: Role;
  active?: boolean;
}

export const USERS_KEY = ['users'] as const;

export function useUsers() {
  return useQuery({ queryKey: USERS_KEY, queryFn: () => api.get<User[]>('/users') });
}

export function useInviteUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteBody) => api.post<Invitation>('/users/invitations', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

/** Changes a role or deactivates / reactivates; a change to oneself also reloads the session (the role may have gone). */
export function useUpdateUser(selfId: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UserChange }) => api.patch<User>(`/users/${encodeURIComponent(id)}`, change),
    onSuccess: (user) => {
      client.setQueryData<User[]>(USERS_KEY, (list) => list?.map((u) => (u.id === user.id ? user : u)));
      if (user.id === selfId) {
        void client.invalidateQueries({ queryKey: SESSION_KEY });
      }
    },
  });
}
