import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import { Link } from 'wouter';
import { useSession } from '../../auth/session-context';
import { ErrorAlert, QueryState } from '../../ui/query-state';
import { OrderDetailDrawer } from './order-detail-drawer';
import { canShowMore, CHANNEL_ORDER_FILTERS, channelOrderRow, nextLimit, PAGE_SIZE, type ChannelOrderFilter } from './order-rows';
import { OrdersTable } from './orders-table';
import { useChannelOrders, useImportOrders, useStores } from './orders.api';
import { RetryOutcomeAlert } from './retry-outcome-alert';
import { useOrderActions } from './use-order-actions';
import { StoreExportsPanel } from '../exports/store-exports-panel';
import { READABLE_ALERT_STYLES } from './readable-alert';

/** A store's orders as its channel sent them, with the engine's decision (held, skipped, failed: why), Retry and Import now. */
export function StoreOrdersPanel({ storeId }: { storeId: string }) {
  const stores = useStores();
  const store = stores.data?.find((s) => s.id === storeId);
  if (!store) {
    return (
      <QueryState query={stores} label="the store">
        {() => <Text>No such store.</Text>}
      </QueryState>
    );
  }
  // A wholesale source (JOOR) takes no orders in: its orders go out as exports.
  return store.targetStoreId !== null ? <StoreExportsPanel storeId={storeId} /> : <ChannelOrdersView storeId={storeId} />;
}

function ChannelOrdersView({ storeId }: { storeId: string }) {
  const session = useSession();
  const [filter, setFilter] = useState<ChannelOrderFilter>('all');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const stores = useStores();
  const storeNames = useMemo(() => new Map((stores.data ?? []).map((s) => [s.id, s.name])), [stores.data]);
  const orders = useChannelOrders(storeId, { ...(filter === 'all' ? {} : { state: filter }), limit });
  const held = useChannelOrders(storeId, { state: 'held', limit: 500 });
  const importNow = useImportOrders(storeId);

  const rows = useMemo(() => (orders.data ?? []).map((o) => channelOrderRow(o, storeId, storeNames)), [orders.data, storeId, storeNames]);
  const actions = useOrderActions(rows);
  const heldCount = held.data?.length ?? 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        {/* A select, not segments: eight states do not fit beside the button at tablet width. */}
        <Select
          label="Status"
          data={CHANNEL_ORDER_FILTERS}
          value={filter}
          onChange={(value) => {
            setFilter(value ?? 'all');
            setLimit(PAGE_SIZE);
          }}
          allowDeselect={false}
          w={200}
        />
        {session.can('integration_manager') && (
          <Button onClick={() => importNow.mutate()} loading={importNow.isPending}>
            Import now
          </Button>
        )}
      </Group>

      {filter !== 'held' && heldCount > 0 && (
        <Alert styles={READABLE_ALERT_STYLES} color="orange" title={`${heldCount} held ${heldCount === 1 ? 'order' : 'orders'}`}>
          <Group justify="space-between" gap="xs">
            <Text size="sm">They wait for a person or a mapping; each shows why.</Text>
            <Button size="compact-sm" variant="light" color="orange" onClick={() => setFilter('held')}>
              Show held orders
            </Button>
          </Group>
        </Alert>
      )}

      {importNow.isError && <ErrorAlert error={importNow.error} title="Could not import orders" />}
      {importNow.isSuccess && (
        <Alert
          styles={READABLE_ALERT_STYLES}
          color="green"
          title="Orders imported"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => importNow.reset()}
          role="status"
        >
          {Object.entries(importNow.data.counts)
            .map(([outcome, n]) => `${n} ${outcome}`)
            .join(', ') || 'No orders changed since the last import.'}{' '}
          <Anchor component={Link} href={`/activity/${importNow.data.id}`}>
            See the run
          </Anchor>
        </Alert>
      )}
      <RetryOutcomeAlert outcome={actions.outcome} error={actions.openRow ? null : actions.retryError} onClose={actions.dismissOutcome} />

      <QueryState query={orders} label="the store's orders">
        {(loaded) => (
          <Stack gap="sm">
            <OrdersTable
              rows={rows}
              label="Store orders"
              showStore={false}
              onOpen={actions.open}
              onRetry={actions.retry}
              retryingKey={actions.retryingKey}
            />
            {canShowMore(loaded.length, limit) && (
              <Group>
                <Button variant="default" onClick={() => setLimit(nextLimit(limit))}>
                  Show more orders
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </QueryState>

      <OrderDetailDrawer
        row={actions.openRow}
        onClose={actions.close}
        onRetry={actions.retry}
        retrying={actions.retrying}
        retryError={actions.retryError}
      />
    </Stack>
  );
}
