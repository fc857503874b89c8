import { useState } from 'react';
import { Badge, Button, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { dateTime } from '../../ui/format';
import { ErrorAlert } from '../../ui/query-state';
import { previewSummary, VERDICT_LABELS } from './store-settings';
import { useOrderPreview } from './store-settings.api';

// The colour is a dot beside dark text (as StatusBadge does); the word carries the meaning.
const VERDICT_COLORS = { import: 'green', hold: 'orange', skip: 'gray' } as const;

/**
 * What the filters would do to the store's recent orders, read live from the channel (nothing is saved).
 * `queryFor(days)` gives the filters to try, or null for the saved ones.
 */
export function OrderFilterPreview({ storeId, queryFor }: { storeId: string; queryFor: (days: number) => string | null }) {
  const preview = useOrderPreview(storeId);
  const [days, setDays] = useState<string>('7');
  const window = Math.min(60, Math.max(1, Math.trunc(Number(days)) || 7));

  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        Preview
      </Title>
      <Text c="dimmed" size="sm">
        Which of the recent orders the filters {queryFor(window) === null ? '' : 'as typed '}would import, hold or skip, and why. Nothing is
        saved.
      </Text>
      <Group align="flex-end" gap="sm">
        <NumberInput
          label="Orders of the last (days)"
          value={days}
          onChange={(value) => setDays(String(value))}
          min={1}
          max={60}
          allowDecimal={false}
          maw={200}
        />
        <Button variant="default" onClick={() => preview.mutate(queryFor(window) ?? `days=${window}`)} loading={preview.isPending}>
          Preview
        </Button>
      </Group>
      {preview.isError && <ErrorAlert error={preview.error} title="Could not preview the filters" />}
      {preview.data && (
        <Stack gap="xs">
          <Text role="status">{previewSummary(preview.data)}</Text>
          {preview.data.orders.length > 0 && (
            // Native scrolling with a tab stop: the table has nothing focusable, and a scrolled region must be reachable by keyboard.
            <Table.ScrollContainer minWidth={560} type="native" tabIndex={0} role="region" aria-label="Order filter preview, scrollable">
              <Table aria-label="Order filter preview" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Order</Table.Th>
                    <Table.Th>Created</Table.Th>
                    <Table.Th>Would</Table.Th>
                    <Table.Th>Why</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.data.orders.map((order) => (
                    <Table.Tr key={order.externalId}>
                      <Table.Td>{order.number ?? order.externalId}</Table.Td>
                      <Table.Td>{dateTime(order.createdAt)}</Table.Td>
                      <Table.Td miw={80}>
                        <Badge color={VERDICT_COLORS[order.verdict]} variant="dot" radius="sm" c="dark.9">
                          {VERDICT_LABELS[order.verdict]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{order.reason ?? 'Passes the filters'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
    </Stack>
  );
}
