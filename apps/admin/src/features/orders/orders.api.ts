import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client';

/** Warehouse order statuses (GET /orders); needs_attention is what people call "held". */
export type WarehouseOrderStatus = 'open' | 'needs_attention' | 'partially_shipped' | 'shipped' | 'cancelled';

/** The engine's decision on a channel's order (GET /stores/:id/channel-orders). */
export type ChannelOrderState = 'pending' | 'imported' | 'skipped' | 'held' | 'cancelled' | 'conflict' | 'failed';

export interface WarehouseOrderLine {
  id: string;
  productId: string | null;
  sku: string;
  quantity: number;
  shippedQuantity: number;
  reservedQuantity: number;
  externalLineId: string | null;
  problem: string | null;
}

export interface WarehouseOrder {
  id: string;
  storeId: string | null;
  externalId: string | null;
  externalNumber: string | null;
  reference: string | null;
  warehouseId: string;
  shippingProcessId: string | null;
  status: WarehouseOrderStatus;
  holdReason: string | null;
  shippingAddress: Record<string, unknown> | null;
  channelAllocationIds: string[];
  lines: WarehouseOrderLine[];
  createdAt: string;
  updatedAt: string;
}

export interface Shipment {
  id: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
  parcels: { trackingNumber: string; trackingUrl: string | null }[];
  lines: { orderLineId: string; sku: string; quantity: number; externalLineId: string | null }[];
  createdAt: string;
}

export interface WarehouseOrderDetail extends WarehouseOrder {
  shipments: Shipment[];
}

export interface ChannelOrderProblem {
  externalLineId: string;
  sku: string | null;
  problem: string;
}

export interface ChannelOrder {
  id: string;
  externalId: string;
  externalNumber: string | null;
  state: ChannelOrderState;
  reason: string | null;
  problems: ChannelOrderProblem[];
  channelUpdatedAt: string;
  appliedUpdatedAt: string | null;
  dueAt: string | null;
  attempts: number;
  lastError: string | null;
  firstSeenAt: string;
  importedAt: string | null;
  warehouseOrders: { warehouseOrderId: string; warehouseId: string; shippingProcessId: string | null }[];
}

export interface StoreSummary {
  id: string;
  name: string;
  channel: string;
  status: string;
  targetStoreId: string | null;
}

/** A sync run as POST /stores/:id/order-import answers it. */
export interface ImportRun {
  id: string;
  status: string;
  counts: Record<string, number>;
  error: string | null;
}

export function useStores() {
  return useQuery({ queryKey: ['stores'], queryFn: () => api.get<StoreSummary[]>('/stores') });
}

export function useWarehouseOrders(filter: { storeId?: string; status?: WarehouseOrderStatus; limit: number; q?: string }) {
  return useQuery({
    queryKey: ['orders', 'warehouse', filter],
    queryFn: () => api.get<WarehouseOrder[]>('/orders', filter),
    // Typing a search keeps the last answer on screen until the next one arrives; another store or status never shows
    // the previous one's orders under its name.
    placeholderData: (previous, query) => {
      const before = query?.queryKey[2] as typeof filter | undefined;
      return before?.storeId === filter.storeId && before?.status === filter.status ? previous : undefined;
    },
  });
}

export function useWarehouseOrder(id: string | null) {
  return useQuery({
    queryKey: ['orders', 'warehouse', 'detail', id],
    queryFn: () => api.get<WarehouseOrderDetail>(`/orders/${id}`),
    enabled: id !== null,
  });
}

export function useChannelOrders(storeId: string, filter: { state?: ChannelOrderState; limit: number }, enabled = true) {
  return useQuery({
    queryKey: ['orders', 'channel', storeId, filter],
    queryFn: () => api.get<ChannelOrder[]>(`/stores/${storeId}/channel-orders`, filter),
    enabled,
  });
}

/** Held channel orders of several stores at once (the orders page's "Held" view spans stores). */
export function useHeldChannelOrders(storeIds: string[], enabled: boolean) {
  return useQuery({
    queryKey: ['orders', 'channel', 'held', storeIds],
    queryFn: async () => {
      const lists = await Promise.all(
        storeIds.map(async (storeId) => ({
          storeId,
          orders: await api.get<ChannelOrder[]>(`/stores/${storeId}/channel-orders`, { state: 'held', limit: 500 }),
        })),
      );
      return lists;
    },
    enabled,
  });
}

/** POST /orders/:id/retry: the channel order behind a warehouse order is read again and decided now. */
export function useRetryOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (warehouseOrderId: string) => api.post<ChannelOrder>(`/orders/${warehouseOrderId}/retry`),
    onSettled: () => client.invalidateQueries({ queryKey: ['orders'] }),
  });
}

/** POST /stores/:id/order-import: reads the channel's recent orders now (a reconciliation run). */
export function useImportOrders(storeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ImportRun>(`/stores/${storeId}/order-import`, {}),
    onSettled: () => client.invalidateQueries({ queryKey: ['orders'] }),
  });
}
