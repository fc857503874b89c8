import { useMemo, useState, type FormEvent } from 'react';
import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { Link, useSearchParams } from 'wouter';
import { dateTime, relativeTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { QueryState } from '../../ui/query-state';
import { StatusBadge } from '../../ui/status-badge';
import { useStores } from '../orders/orders.api';
import { EXPORT_STATUS_FILTERS, exportRow, moreLimit, parseExportFilter } from './export-rows';
import { useExports } from './exports.api';

const ALL = 'all';

/** JOOR orders exported to Shopify: state, Shopify order, why one failed; filters live in the URL so a view can be shared. */
export function ExportsPage() {
  const [params, setParams] = useSearchParams();
  const filter = parseExportFilter(params);
  const [order, setOrder] = useState(filter.sourceOrderId ?? '');
  const stores = useStores();
  const exports = useExports(filter);
  const storeNames = useMemo(() => new Map((stores.data ?? []).map((s) => [s.id, s.name])), [stores.data]);
  // Only stores that export (JOOR, with a target Shopify store) can be a filter.
  const sources = (stores.data ?? []).filter((s) => s.targetStoreId !== null);

  const update = (changes: Record<string, string | null>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '' || value === ALL) {
            next.delete(key);
          } else {
            next.set(key, value);
          }
        }
        next.delete('limit');
        return next;
      },
      { replace: true },
    );
  };

  const find = (event: FormEvent) => {
    event.preventDefault();
    update({ order: order.trim() });
  };

  return (
    <>
      <PageHeader title="JOOR exports" description="Approved JOOR orders and the Shopify orders they became, newest first." />
      <Stack gap="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label="Store"
            data={[{ value: ALL, label: 'All stores' }, ...sources.map((s) => ({ value: s.id, label: s.name }))]}
            value={filter.storeId ?? ALL}
            onChange={(value) => update({ store: value })}
            allowDeselect={false}
            w={220}
          />
          <Select
            label="State"
            data={EXPORT_STATUS_FILTERS}
            value={filter.status ?? ALL}
            onChange={(value) => update({ status: value })}
            allowDeselect={false}
            w={160}
          />
          <form onSubmit={find}>
            <Group align="flex-end" gap="xs">
              <TextInput
                label="JOOR order"
                placeholder="e.g. 700001"
                value={order}
                onChange={(e) => setOrder(e.currentTarget.value)}
                w={180}
              />
              <Button type="submit" variant="default">
                Find
              </Button>
              {filter.sourceOrderId && (
                <Button
                  variant="subtle"
                  onClick={() => {
                    setOrder('');
                    update({ order: null });
                  }}
                >
                  Clear
                </Button>
              )}
            </Group>
          </form>
        </Group>

        <QueryState query={exports} label="exports">
          {(list) => {
            const more = moreLimit(list.length, filter.limit);
            if (list.length === 0) {
              return <Text c="dimmed">No exports match these filters.</Text>;
            }
            return (
              <Stack gap="sm">
                <Table.ScrollContainer minWidth={1000}>
                  <Table aria-label="JOOR exports" verticalSpacing="xs" highlightOnHover>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>JOOR order</Table.Th>
                        <Table.Th>Export</Table.Th>
                        <Table.Th>State</Table.Th>
                        <Table.Th>Shopify order</Table.Th>
                        <Table.Th>Failure or note</Table.Th>
                        <Table.Th>Attempts</Table.Th>
                        <Table.Th>Created</Table.Th>
                        <Table.Th>Exported</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {list.map((view) => {
                        const row = exportRow(view, storeNames);
                        return (
                          <Table.Tr key={row.id}>
                            <Table.Td>
                              <Anchor
                                component={Link}
                                href={`/exports/${row.id}`}
                                aria-label={`JOOR order ${row.joorOrder}, ${row.generation}`}
                              >
                                {row.joorOrder}
                              </Anchor>
                              <Text size="xs" c="dimmed">
                                {row.storeName}
                              </Text>
                            </Table.Td>
                            <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.generation}</Table.Td>
                            <Table.Td style={{ whiteSpace: 'nowrap' }}>
                              <StatusBadge status={row.status} />
                            </Table.Td>
                            <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.shopifyOrder}</Table.Td>
                            <Table.Td maw={360}>
                              {row.problem ? (
                                <Stack gap={0}>
                                  {row.failureLabel && (
                                    <Text size="sm" fw={600} c="red.9">
                                      {row.failureLabel}
                                    </Text>
                                  )}
                                  <Text size="sm">{row.problem}</Text>
                                  {row.retryPolicy && (
                                    <Text size="xs" c="dimmed">
                                      {row.retryPolicy}
                                    </Text>
                                  )}
                                </Stack>
                              ) : (
                                '—'
                              )}
                            </Table.Td>
                            <Table.Td>{row.attempts}</Table.Td>
                            <Table.Td>
                              <Text size="sm" title={dateTime(row.createdAt)}>
                                {relativeTime(row.createdAt)}
                              </Text>
                            </Table.Td>
                            <Table.Td>
                              <Text size="sm" title={dateTime(row.exportedAt)}>
                                {relativeTime(row.exportedAt)}
                              </Text>
                            </Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {more !== null && (
                  <Group>
                    <Button
                      variant="default"
                      onClick={() =>
                        setParams(
                          (prev) => {
                            const next = new URLSearchParams(prev);
                            next.set('limit', String(more));
                            return next;
                          },
                          { replace: true },
                        )
                      }
                    >
                      Show more exports
                    </Button>
                  </Group>
                )}
              </Stack>
            );
          }}
        </QueryState>
      </Stack>
    </>
  );
}
