import { Button, List, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useSession } from '../../auth/session-context';
import { dateTime, relativeTime } from '../../ui/format';
import { StatusBadge } from '../../ui/status-badge';
import { canRetry, type OrderRow } from './order-rows';

interface OrdersTableProps {
  rows: OrderRow[];
  /** The table's accessible name. */
  label: string;
  showStore?: boolean;
  onOpen: (row: OrderRow) => void;
  onRetry: (row: OrderRow) => void;
  /** The row whose retry is under way (its button spins). */
  retryingKey: string | null;
}

/** Orders with their status, held reasons and line problems; the orders page and the store's orders tab share it. */
export function OrdersTable({ rows, label, showStore = true, onOpen, onRetry, retryingKey }: OrdersTableProps) {
  const { user } = useSession();
  if (rows.length === 0) {
    return (
      <Text c="gray.7" py="md">
        No orders here.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760} type="native" tabIndex={0} role="region" aria-label={`${label}, scrollable`}>
      <Table aria-label={label} verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Order</Table.Th>
            {showStore && <Table.Th>Store</Table.Th>}
            <Table.Th>Status</Table.Th>
            <Table.Th>Reason and problems</Table.Th>
            <Table.Th>Contents</Table.Th>
            <Table.Th>Updated</Table.Th>
            {/* Positioned, so the visually hidden text stays inside the scrolled table rather than widening the page. */}
            <Table.Th pos="relative">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>
                <Button variant="subtle" size="compact-sm" px={4} onClick={() => onOpen(row)} aria-label={`Order ${row.label}: details`}>
                  {row.label}
                </Button>
              </Table.Td>
              {showStore && <Table.Td>{row.storeName}</Table.Td>}
              <Table.Td miw={130} style={{ whiteSpace: 'nowrap' }}>
                <StatusBadge status={row.status} />
              </Table.Td>
              <Table.Td maw={380}>
                <Stack gap={2}>
                  {row.reason && (
                    <Text size="sm" fw={row.held ? 600 : 400} c={row.status === 'failed' ? 'red.9' : undefined}>
                      {row.held ? 'Held: ' : ''}
                      {row.reason}
                    </Text>
                  )}
                  {row.problems.length > 0 && (
                    <List size="xs" spacing={0}>
                      {row.problems.map((problem) => (
                        <List.Item key={problem}>{problem}</List.Item>
                      ))}
                    </List>
                  )}
                  {!row.reason && row.problems.length === 0 && (
                    <Text size="sm" c="gray.7">
                      —
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.summary}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={dateTime(row.updatedAt)}>
                  {relativeTime(row.updatedAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                {canRetry(row, user?.role) && (
                  <Button
                    size="compact-sm"
                    variant="light"
                    onClick={() => onRetry(row)}
                    loading={retryingKey === row.key}
                    aria-label={`Retry order ${row.label}`}
                  >
                    Retry
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
