import { useMemo } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { Alert, Button, Group, Input, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useSearchParams } from 'wouter';
import { PageHeader } from '../../ui/page-header';
import { ErrorAlert, QueryState } from '../../ui/query-state';
import { OrderDetailDrawer } from './order-detail-drawer';
import {
  canShowMore,
  heldRows,
  MAX_LIMIT,
  channelOrderMatches,
  nextLimit,
  ORDER_SEGMENTS,
  parseLimit,
  parseSegment,
  segmentStatus,
  warehouseOrderRow,
  type OrderRow,
} from './order-rows';
import { OrdersTable } from './orders-table';
import { useHeldChannelOrders, useStores, useWarehouseOrders } from './orders.api';
import { RetryOutcomeAlert } from './retry-outcome-alert';
import { useOrderActions } from './use-order-actions';
import { READABLE_ALERT_STYLES } from './readable-alert';

const ALL_STORES = 'all';

/** Every store's orders in one list; held ones (and why) first in mind: a "Held" segment, a banner, Retry. */
export function OrdersPage() {
  const [params, setParams] = useSearchParams();
  const segment = parseSegment(params.get('status'));
  const storeId = params.get('store') ?? undefined;
  const limit = parseLimit(params.get('limit'));
  const search = params.get('q') ?? '';

  const update = (changes: Record<string, string | null>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') {
            next.delete(key);
          } else {
            next.set(key, value);
          }
        }
        return next;
      },
      { replace: true },
    );
  };

  const stores = useStores();
  const storeNames = useMemo(() => new Map((stores.data ?? []).map((s) => [s.id, s.name])), [stores.data]);
  // The server searches (every order, not only the loaded ones); a pause in typing sends the query.
  const [query] = useDebouncedValue(search.trim(), 300);
  const orders = useWarehouseOrders({ storeId, status: segmentStatus(segment), limit, ...(query ? { q: query } : {}) });
  // Held orders that never reached a warehouse live only in each store's channel orders.
  const heldStoreIds = storeId ? [storeId] : (stores.data ?? []).map((s) => s.id);
  const heldChannel = useHeldChannelOrders(heldStoreIds, segment === 'held' && stores.isSuccess);
  const heldCount = useWarehouseOrders({ storeId, status: 'needs_attention', limit: MAX_LIMIT });

  const rows: OrderRow[] = useMemo(() => {
    const loaded = orders.data ?? [];
    if (segment !== 'held') {
      return loaded.map((o) => warehouseOrderRow(o, storeNames));
    }
    const channel = (heldChannel.data ?? []).map(({ storeId: id, orders: list }) => ({
      storeId: id,
      orders: list.filter((order) => channelOrderMatches(order, query)),
    }));
    return heldRows(loaded, channel, storeNames);
  }, [orders.data, heldChannel.data, segment, storeNames, query]);

  const actions = useOrderActions(rows);
  const held = heldCount.data?.length ?? 0;

  return (
    <>
      <PageHeader title="Orders" description="Orders imported from the stores and created through the API, newest first." />
      <Stack gap="md">
        {segment !== 'held' && held > 0 && (
          <Alert
            styles={READABLE_ALERT_STYLES}
            color="orange"
            title={`${held}${held >= MAX_LIMIT ? '+' : ''} held ${held === 1 ? 'order needs' : 'orders need'} attention`}
          >
            <Group justify="space-between" gap="xs">
              <Text size="sm">Held orders keep their stock reserved but do not ship until the reason is fixed and they are retried.</Text>
              <Button size="compact-sm" variant="light" color="orange" onClick={() => update({ status: 'held', limit: null })}>
                Show held orders
              </Button>
            </Group>
          </Alert>
        )}

        <Group align="flex-end" gap="sm" wrap="wrap">
          <Stack gap={4}>
            <Input.Label labelElement="div" id="orders-status-label">
              Status
            </Input.Label>
            <SegmentedControl
              aria-labelledby="orders-status-label"
              data={ORDER_SEGMENTS}
              value={segment}
              onChange={(value) => update({ status: value === 'all' ? null : value, limit: null })}
            />
          </Stack>
          <Select
            label="Store"
            data={[{ value: ALL_STORES, label: 'All stores' }, ...(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
            value={storeId ?? ALL_STORES}
            onChange={(value) => update({ store: value === ALL_STORES ? null : value, limit: null })}
            allowDeselect={false}
            w={220}
          />
          <TextInput
            label="Search"
            placeholder="Number, reference, SKU or reason"
            maxLength={200}
            value={search}
            onChange={(event) => update({ q: event.currentTarget.value })}
            w={240}
          />
        </Group>

        <RetryOutcomeAlert outcome={actions.outcome} error={actions.openRow ? null : actions.retryError} onClose={actions.dismissOutcome} />
        {heldChannel.isError && (
          <ErrorAlert error={heldChannel.error} title="Could not load the held orders that never reached a warehouse" />
        )}

        <QueryState query={orders} label="orders">
          {(loaded) => (
            // While a search is on its way the previous answer stays, dimmed and marked busy.
            <Stack gap="sm" aria-busy={orders.isPlaceholderData} style={orders.isPlaceholderData ? { opacity: 0.6 } : undefined}>
              <OrdersTable
                rows={rows}
                label={segment === 'held' ? 'Held orders' : 'Orders'}
                onOpen={actions.open}
                onRetry={actions.retry}
                retryingKey={actions.retryingKey}
              />
              {canShowMore(loaded.length, limit) && (
                <Group>
                  <Button variant="default" onClick={() => update({ limit: String(nextLimit(limit)) })}>
                    Show more orders
                  </Button>
                  <Text size="sm" c="gray.7">
                    Showing the newest {limit}.
                  </Text>
                </Group>
              )}
            </Stack>
          )}
        </QueryState>
      </Stack>

      <OrderDetailDrawer
        row={actions.openRow}
        onClose={actions.close}
        onRetry={actions.retry}
        retrying={actions.retrying}
        retryError={actions.retryError}
      />
    </>
  );
}
