import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';

/** A channel plugin as `GET /plugins` answers it. */
export interface Plugin {
  key: string;
  name: string;
  active: boolean;
}

export const PLUGINS_KEY = ['plugins'] as const;

export function usePlugins() {
  return useQuery({ queryKey: PLUGINS_KEY, queryFn: () => api.get<Plugin[]>('/plugins') });
}

/** Activates or deactivates one plugin; the list is refreshed from the API's answer. */
export function useSetPluginActive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ key, active }: { key: string; active: boolean }) =>
      api.post<Plugin>(`/plugins/${encodeURIComponent(key)}/${active ? 'activate' : 'deactivate'}`),
    onSuccess: (plugin) => {
      client.setQueryData<Plugin[]>(PLUGINS_KEY, (list) => list?.map((p) => (p.key === plugin.key ? plugin : p)));
      // Stores pages read whether a channel accepts new stores.
      void client.invalidateQueries({ queryKey: PLUGINS_KEY });
    },
  });
}
