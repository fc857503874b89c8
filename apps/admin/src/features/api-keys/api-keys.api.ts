import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import type { Role } from '../../auth/role';

/** An API key as `GET /api-keys` answers it: never its secret. */
export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** When it stops working; null: never. */
  expiresAt: string | null;
  revokedAt: string | null;
}

/** A new key: the only answer that carries the key itself. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface CreateApiKeyBody {
  name: string;
  role: Role;
  /** ISO 8601, in the future; absent: never expires. */
  expiresAt?: string;
}

export const API_KEYS_KEY = ['api-keys'] as const;

export function useApiKeys() {
  return useQuery({ queryKey: API_KEYS_KEY, queryFn: () => api.get<ApiKey[]>('/api-keys') });
}

export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) => api.post<CreatedApiKey>('/api-keys', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: API_KEYS_KEY }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api-keys/${encodeURIComponent(id)}`),
    onSettled: () => void client.invalidateQueries({ queryKey: API_KEYS_KEY }),
  });
}
