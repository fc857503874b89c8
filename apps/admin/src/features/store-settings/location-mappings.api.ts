import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import type { LocationMapping, MappingItem, ShippingProcess, ShopifyLocation, Warehouse } from './location-mappings';

export const locationsKey = (storeId: string) => ['stores', storeId, 'locations'] as const;
export const locationMappingsKey = (storeId: string) => ['stores', storeId, 'location-mappings'] as const;

/** The shop's active locations, read live from Shopify; null (not a Shopify store yet) waits. */
export function useShopifyLocations(storeId: string | null) {
  return useQuery({
    queryKey: locationsKey(storeId ?? ''),
    queryFn: () => api.get<ShopifyLocation[]>(`/stores/${storeId}/locations`),
    enabled: storeId !== null,
  });
}

export function useLocationMappings(storeId: string | null) {
  return useQuery({
    queryKey: locationMappingsKey(storeId ?? ''),
    queryFn: () => api.get<LocationMapping[]>(`/stores/${storeId}/location-mappings`),
    enabled: storeId !== null,
  });
}

export function useWarehouses() {
  return useQuery({ queryKey: ['warehouses'], queryFn: () => api.get<Warehouse[]>('/warehouses') });
}

export function useShippingProcesses() {
  return useQuery({ queryKey: ['shipping-processes'], queryFn: () => api.get<ShippingProcess[]>('/shipping-processes') });
}

/** Replaces the store's mappings as a whole; the store (its warnings, stock sync state) is read again after. */
export function useSaveLocationMappings(storeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MappingItem[]) => api.put<LocationMapping[]>(`/stores/${storeId}/location-mappings`, body),
    onSuccess: async (saved) => {
      client.setQueryData(locationMappingsKey(storeId), saved);
      await client.invalidateQueries({ queryKey: ['stores', storeId], exact: true });
      await client.invalidateQueries({ queryKey: ['stores'], exact: true });
    },
  });
}
