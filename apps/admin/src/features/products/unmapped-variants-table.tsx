import { useState } from 'react';
import { Alert, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { StatusBadge } from '../../ui/status-badge';
import type { SyncRunDetail } from '../activity/sync-runs.api';
import { filterItems, pageOf } from '../activity/run-items';
import { shortGid, unmappedItems } from './product-sync-progress';

const PAGE = 50;

/**
 * The variants the last sync left unmapped, with why. The API lists no unmapped variants of its own, so this is the
 * last run's skipped and failed items (of the first 1,000 items the run answers).
 */
export function UnmappedVariantsTable({ run }: { run: SyncRunDetail }) {
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const unmapped = unmappedItems(run.items);
  const counted = (run.counts['skipped'] ?? 0) + (run.counts['failed'] ?? 0);
  const matching = filterItems(unmapped, '', search);
  const shown = pageOf(matching, page, PAGE);

  return (
    <Stack gap="sm" mt="md">
      <Title order={3} size="h5">
        Unmapped variants ({counted.toLocaleString('en')})
      </Title>
      {counted > unmapped.length && (
        <Alert color="blue" title="Only some are listed">
          The last sync left {counted.toLocaleString('en')} variants unmapped; the API lists the run&apos;s first{' '}
          {run.items.length.toLocaleString('en')} items, {unmapped.length.toLocaleString('en')} of them unmapped.
        </Alert>
      )}
      {unmapped.length === 0 ? (
        <Text c="gray.7" size="sm">
          {counted === 0 ? 'The last sync mapped every variant it read.' : 'None of the listed items is unmapped.'}
        </Text>
      ) : (
        <>
          <TextInput
            label="Search unmapped variants"
            placeholder="SKU, variant id or reason"
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            w={{ base: '100%', sm: 320 }}
          />
          {/* Focusable, so keyboard users can scroll it sideways on narrow screens. */}
          <Table.ScrollContainer minWidth={640} type="native" tabIndex={0} role="region" aria-label="Unmapped variants, scrollable">
            <Table striped aria-label="Unmapped variants" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Outcome</Table.Th>
                  <Table.Th>SKU</Table.Th>
                  <Table.Th>Shopify variant</Table.Th>
                  <Table.Th>Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.rows.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td miw={110}>
                      <StatusBadge status={item.outcome} />
                    </Table.Td>
                    <Table.Td>{item.sku ?? '(no SKU)'}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace" title={item.externalRef ?? undefined}>
                        {shortGid(item.externalRef)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{item.reason ?? '—'}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {matching.length === 0 && <Text c="gray.7">No unmapped variant matches.</Text>}
          {shown.pages > 1 && (
            <Group gap="xs" justify="flex-end">
              <Button variant="default" size="xs" disabled={shown.page <= 1} onClick={() => setPage(shown.page - 1)}>
                Previous unmapped
              </Button>
              <Text size="sm">
                Page {shown.page} of {shown.pages}
              </Text>
              <Button variant="default" size="xs" disabled={shown.page >= shown.pages} onClick={() => setPage(shown.page + 1)}>
                Next unmapped
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
