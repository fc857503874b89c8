import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { hasRole, type Role } from './role';

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
}

interface SessionResponse {
  user: SessionUser;
  csrfToken: string;
}

interface SessionState {
  user: SessionUser | null;
  loading: boolean;
  /** Whether the signed-in person holds `role` or one above it. */
  can: (role: Role) => boolean;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export const SESSION_KEY = ['session'] as const;

/** Loads the session once; 401 means signed out. The CSRF token goes to the API client for every write. */
async function loadSession(): Promise<SessionResponse | null> {
  try {
    const session = await api.get<SessionResponse>('/auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/**
 * Another person's data must not show after a sign-in or sign-out. The session's own query is kept (not cleared):
 * its observer would otherwise keep watching a query no longer in the cache and miss the new session.
 */
function forgetOtherQueries(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: loadSession, staleTime: Infinity, retry: false });
  const user = query.data?.user ?? null;

  const state: SessionState = {
    user,
    loading: query.isPending,
    can: (role) => hasRole(user?.role, role),
    signIn: async (email, password) => {
      const session = await api.post<SessionResponse>('/auth/sign-in', { email, password });
      setCsrfToken(session.csrfToken);
      forgetOtherQueries(client);
      client.setQueryData(SESSION_KEY, session);
    },
    signOut: async () => {
      try {
        await api.post('/auth/sign-out');
      } finally {
        setCsrfToken(null);
        forgetOtherQueries(client);
        client.setQueryData(SESSION_KEY, null);
      }
    },
  };
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) {
    throw new Error('useSession outside SessionProvider');
  }
  return state;
}
