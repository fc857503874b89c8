import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import { ApiError } from '../../api/api-error';
import type { OrderPreview, Settings, StoreDetails } from './store-settings';

export const storeKey = (storeId: string) => ['stores', storeId] as const;

export function useStore(storeId: string) {
  return useQuery({ queryKey: storeKey(storeId), queryFn: () => api.get<StoreDetails>(`/stores/${storeId}`) });
}

/** What the order filters as typed would take; runs only when asked (it reads the channel live). */
export function useOrderPreview(storeId: string) {
  return useMutation({
    mutationFn: (query: string | null) =>
      api.get<OrderPreview>(`/stores/${storeId}/order-filters/preview${query === null ? '' : `?${query}`}`),
  });
}

/**
 * Saving one section of the settings (a partial patch the API deep-merges): its pending state, the "Saved"
 * confirmation, and the API's refusal with its field messages keyed by path (`stockSync.windowSeconds`).
 */
export function useSettingsSave(storeId: string) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (patch: Settings) => api.patch<StoreDetails>(`/stores/${storeId}/settings`, patch),
    onSuccess: async (store) => {
      client.setQueryData(storeKey(storeId), store);
      await client.invalidateQueries({ queryKey: ['stores'], exact: true });
    },
  });
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  return {
    pending: mutation.isPending,
    saved,
    failure,
    /** The API's message for a field path, if it refused that field. */
    errorOf: (path: string): string | undefined => fieldErrors[path],
    /** Typing after a save hides "Saved"; the values typed stay as they are either way. */
    edited: () => setSaved(false),
    save: async (patch: Settings): Promise<void> => {
      setSaved(false);
      setFailure(null);
      setFieldErrors({});
      try {
        await mutation.mutateAsync(patch);
        setSaved(true);
      } catch (error) {
        setFailure(error);
        setFieldErrors(error instanceof ApiError ? error.fieldMessages() : {});
      }
    },
  };
}

export type SettingsSave = ReturnType<typeof useSettingsSave>;
