import { useState } from 'react';
import { Alert, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useSession } from '../../auth/session-context';
import { dateTime } from '../../ui/format';
import { StatusBadge } from '../../ui/status-badge';
import { RetryButton } from './retry-button';
import type { RetryTarget } from './retry-targets';
import { filterItems, itemsTruncated, outcomeOptions, pageOf } from './run-items';
import type { SyncRunDetail } from './sync-runs.api';

/** A run's items with their outcome and reason, filtered and paged here; a Retry where the API takes one. */
export function SyncRunItemsTable({ run, targets }: { run: SyncRunDetail; targets: Map<string, RetryTarget> }) {
  const session = useSession();
  const [outcome, setOutcome] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const filtered = filterItems(run.items, outcome, search);
  const shown = pageOf(filtered, page);
  const retryable = (ref: string | null) => {
    const target = ref ? targets.get(ref) : undefined;
    return target && session.can(target.role) ? target : undefined;
  };
  const anyRetry = run.items.some((item) => retryable(item.externalRef));

  return (
    <Stack gap="sm">
      {itemsTruncated(run.counts, run.items.length) && (
        <Alert color="blue" title="Only the first items">
          The API lists the first {run.items.length.toLocaleString('en')} items of a run; the counts above cover them all.
        </Alert>
      )}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label="Outcome"
          value={outcome}
          onChange={(e) => {
            setOutcome(e.currentTarget.value);
            setPage(1);
          }}
          data={[
            { value: '', label: `All (${run.items.length})` },
            ...outcomeOptions(run.items).map((o) => ({ value: o.value, label: `${o.value} (${o.count})` })),
          ]}
          w={{ base: '100%', sm: 200 }}
        />
        <TextInput
          label="Search items"
          placeholder="SKU, channel id or reason"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 300 }}
        />
      </Group>
      {shown.rows.length === 0 ? (
        <Text c="gray.7">{run.items.length === 0 ? 'This run recorded no items.' : 'No items match.'}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760} type="native" tabIndex={0} role="region" aria-label="Run items, scrollable">
          <Table striped aria-label="Run items" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>SKU</Table.Th>
                <Table.Th>Channel id</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Recorded</Table.Th>
                {anyRetry && <Table.Th>Action</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.rows.map((item) => {
                const target = retryable(item.externalRef);
                return (
                  <Table.Tr key={item.id}>
                    <Table.Td miw={110}>
                      <StatusBadge status={item.outcome} />
                    </Table.Td>
                    <Table.Td>{item.sku ?? '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                        {item.externalRef ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{item.reason ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{dateTime(item.createdAt)}</Text>
                    </Table.Td>
                    {anyRetry && <Table.Td>{target && <RetryButton target={target} />}</Table.Td>}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {shown.pages > 1 && (
        <Group gap="xs" justify="flex-end">
          <Button variant="default" size="xs" disabled={shown.page <= 1} onClick={() => setPage(shown.page - 1)}>
            Previous items
          </Button>
          <Text size="sm" aria-live="polite">
            Page {shown.page} of {shown.pages}
          </Text>
          <Button variant="default" size="xs" disabled={shown.page >= shown.pages} onClick={() => setPage(shown.page + 1)}>
            Next items
          </Button>
        </Group>
      )}
    </Stack>
  );
}
