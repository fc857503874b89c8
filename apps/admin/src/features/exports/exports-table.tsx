import { Anchor, Stack, Table, Text } from '@mantine/core';
import { Link } from 'wouter';
import { dateTime, relativeTime } from '../../ui/format';
import { StatusBadge } from '../../ui/status-badge';
import { exportRow } from './export-rows';
import type { WholesaleExport } from './exports.api';

/** Exports with their state, Shopify order and failure; each JOOR order links to its export page. */
export function ExportsTable({
  exports,
  storeNames,
  label,
  showStore = true,
}: {
  exports: WholesaleExport[];
  storeNames: ReadonlyMap<string, string>;
  label: string;
  showStore?: boolean;
}) {
  if (exports.length === 0) {
    return <Text c="gray.7">No exports here.</Text>;
  }
  return (
    <Table.ScrollContainer minWidth={1000} type="native" tabIndex={0} role="region" aria-label={`${label}, scrollable`}>
      <Table aria-label={label} verticalSpacing="xs" highlightOnHover>
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
          {exports.map((view) => {
            const row = exportRow(view, storeNames);
            return (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Anchor component={Link} href={`/exports/${row.id}`} aria-label={`JOOR order ${row.joorOrder}, ${row.generation}`}>
                    {row.joorOrder}
                  </Anchor>
                  {showStore && (
                    <Text size="xs" c="gray.7">
                      {row.storeName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.generation}</Table.Td>
                <Table.Td miw={130} style={{ whiteSpace: 'nowrap' }}>
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
                        <Text size="xs" c="gray.7">
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
  );
}
