import { LabelledValue } from '../../ui/labelled-value';
import { useState } from 'react';
import { Alert, Anchor, Button, Drawer, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useSession } from '../../auth/session-context';
import { dateTime } from '../../ui/format';
import { ErrorAlert, QueryState } from '../../ui/query-state';
import { StatusBadge } from '../../ui/status-badge';
import { canRetry, retryHint, type OrderRow } from './order-rows';
import { useWarehouseOrder, type WarehouseOrderDetail } from './orders.api';
import { READABLE_ALERT_STYLES } from './readable-alert';

interface OrderDetailDrawerProps {
  row: OrderRow | null;
  onClose: () => void;
  onRetry: (row: OrderRow) => void;
  retrying: boolean;
  retryError: unknown;
}

/** "Ada Lovelace, Damrak 1, 1012 LG Amsterdam, NL" from whatever address fields there are. */
function addressLine(address: Record<string, unknown> | null): string {
  if (!address) {
    return '—';
  }
  const parts = ['name', 'company', 'address1', 'address2', 'zip', 'city', 'province', 'countryCode']
    .map((key) => address[key])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return parts.length > 0 ? parts.join(', ') : '—';
}

/** One order: its held reason and Retry, the channel's decision, and the warehouse order's lines and shipments. */
export function OrderDetailDrawer({ row, onClose, onRetry, retrying, retryError }: OrderDetailDrawerProps) {
  return (
    <Drawer
      opened={row !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={row ? `Order ${row.label}` : ''}
      closeButtonProps={{ 'aria-label': 'Close order details' }}
    >
      {row && <OrderDetail key={row.key} row={row} onRetry={onRetry} retrying={retrying} retryError={retryError} />}
    </Drawer>
  );
}

function OrderDetail({ row, onRetry, retrying, retryError }: Omit<OrderDetailDrawerProps, 'row' | 'onClose'> & { row: OrderRow }) {
  const { user } = useSession();
  const links = row.channelOrder?.warehouseOrders ?? [];
  const [selected, setSelected] = useState<string | null>(row.warehouseOrderId);
  const detail = useWarehouseOrder(selected);
  const hint = retryHint(row);
  const channel = row.channelOrder;

  return (
    <Stack gap="md">
      <Group gap="xs">
        <StatusBadge status={row.status} />
        <Text size="sm">{row.storeName}</Text>
      </Group>

      {(row.held || row.status === 'failed') && (
        <Alert styles={READABLE_ALERT_STYLES} color={row.held ? 'orange' : 'red'} title={row.held ? 'Held' : 'Failed'}>
          <Stack gap="xs">
            <Text size="sm">{row.reason ?? 'No reason recorded'}</Text>
            {row.problems.length > 0 && (
              <List size="sm">
                {row.problems.map((p) => (
                  <List.Item key={p}>{p}</List.Item>
                ))}
              </List>
            )}
            {hint && <Text size="sm">{hint}</Text>}
            {canRetry(row, user?.role) && (
              <Group>
                <Button onClick={() => onRetry(row)} loading={retrying} aria-label={`Retry order ${row.label}`}>
                  Retry
                </Button>
                <Text size="xs">Reads the order again from the channel and decides it now.</Text>
              </Group>
            )}
            {retryError !== null && <ErrorAlert error={retryError} title="Retry failed" />}
          </Stack>
        </Alert>
      )}

      {channel && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <LabelledValue label="Channel order id">{channel.externalId}</LabelledValue>
          <LabelledValue label="Channel last changed">{dateTime(channel.channelUpdatedAt)}</LabelledValue>
          <LabelledValue label="First seen">{dateTime(channel.firstSeenAt)}</LabelledValue>
          <LabelledValue label="Imported">{dateTime(channel.importedAt)}</LabelledValue>
          <LabelledValue label="Attempts">{channel.attempts}</LabelledValue>
          <LabelledValue label="Last error">{channel.lastError ?? '—'}</LabelledValue>
        </SimpleGrid>
      )}

      {links.length > 1 && (
        <Group gap="xs">
          <Text size="sm">Warehouse orders:</Text>
          {links.map((link, i) => (
            <Button
              key={link.warehouseOrderId}
              size="compact-sm"
              variant={link.warehouseOrderId === selected ? 'filled' : 'default'}
              onClick={() => setSelected(link.warehouseOrderId)}
              aria-pressed={link.warehouseOrderId === selected}
            >
              Warehouse order {i + 1}
            </Button>
          ))}
        </Group>
      )}

      {selected === null ? (
        <Text size="sm" c="gray.7">
          No warehouse order yet.
        </Text>
      ) : (
        <QueryState query={detail} label="the warehouse order">
          {(order) => <WarehouseOrderSection order={order} />}
        </QueryState>
      )}
    </Stack>
  );
}

function WarehouseOrderSection({ order }: { order: WarehouseOrderDetail }) {
  return (
    <Stack gap="md">
      <Title order={3} size="h4">
        Warehouse order
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <LabelledValue label="Status">
          <StatusBadge status={order.status === 'needs_attention' ? 'held' : order.status} />
        </LabelledValue>
        <LabelledValue label="Reference">{order.reference ?? '—'}</LabelledValue>
        <LabelledValue label="Warehouse">{order.warehouseId}</LabelledValue>
        <LabelledValue label="Created">{dateTime(order.createdAt)}</LabelledValue>
        <LabelledValue label="Ship to">{addressLine(order.shippingAddress)}</LabelledValue>
        <LabelledValue label="Order id">{order.id}</LabelledValue>
      </SimpleGrid>

      <Title order={4} size="h5">
        Lines
      </Title>
      <Table.ScrollContainer minWidth={520} type="native" tabIndex={0} role="region" aria-label="Order lines, scrollable">
        <Table aria-label="Order lines" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>SKU</Table.Th>
              <Table.Th>Ordered</Table.Th>
              <Table.Th>Shipped</Table.Th>
              <Table.Th>Reserved</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.lines.map((line) => (
              <Table.Tr key={line.id}>
                <Table.Td>{line.sku}</Table.Td>
                <Table.Td>{line.quantity}</Table.Td>
                <Table.Td>{line.shippedQuantity}</Table.Td>
                <Table.Td>{line.reservedQuantity}</Table.Td>
                <Table.Td>
                  {line.problem ? (
                    <Text size="sm" fw={600}>
                      {line.problem}
                    </Text>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Title order={4} size="h5">
        Shipments
      </Title>
      {order.shipments.length === 0 ? (
        <Text size="sm" c="gray.7">
          Nothing shipped yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520} type="native" tabIndex={0} role="region" aria-label="Shipments, scrollable">
          <Table aria-label="Shipments" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Shipped</Table.Th>
                <Table.Th>Carrier</Table.Th>
                <Table.Th>Tracking</Table.Th>
                <Table.Th>Items</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {order.shipments.map((shipment) => (
                <Table.Tr key={shipment.id}>
                  <Table.Td>{dateTime(shipment.createdAt)}</Table.Td>
                  <Table.Td>{shipment.carrier}</Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      {(shipment.parcels.length > 0 ? shipment.parcels : [shipment]).map((parcel) =>
                        parcel.trackingUrl ? (
                          <Anchor key={parcel.trackingNumber} href={parcel.trackingUrl} target="_blank" rel="noreferrer" size="sm">
                            {parcel.trackingNumber}
                          </Anchor>
                        ) : (
                          <Text key={parcel.trackingNumber} size="sm">
                            {parcel.trackingNumber}
                          </Text>
                        ),
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{shipment.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
