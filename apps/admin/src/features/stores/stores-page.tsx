import { lazy, Suspense } from 'react';
import { Anchor, Button, Group, List, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link } from 'wouter';
import { useSession } from '../../auth/session-context';
import { dateTime, relativeTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { QueryState } from '../../ui/query-state';
import { StatusBadge } from '../../ui/status-badge';
import { channelLabel, displayStatus, statusHint, stockSyncSummary } from './store-view';
import { useStores, type Store } from './stores.api';

// The Add Store forms (selects, radios, validation) load when the button is pressed, not with the landing page.
const AddStoreModal = lazy(() => import('./add-store-modal').then((m) => ({ default: m.AddStoreModal })));

/** Every store with its status, stock sync, warnings and last activity; integration managers add stores here. */
export function StoresPage() {
  const session = useSession();
  const stores = useStores();
  const [adding, { open, close }] = useDisclosure(false);

  return (
    <>
      <PageHeader
        title="Stores"
        description="Each connection of a channel account: its status, stock sync and what stands in its way."
        actions={session.can('integration_manager') && <Button onClick={open}>+ Add Store</Button>}
      />
      <QueryState query={stores} label="stores">
        {(list) =>
          list.length === 0 ? (
            <Text>
              No stores yet.{session.can('integration_manager') ? ' Add a store to connect a Shopify shop or a JOOR account.' : ''}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={900} type="native" tabIndex={0} role="region" aria-label="Stores, scrollable">
              <Table aria-label="Stores" verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Store</Table.Th>
                    <Table.Th>Channel</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Stock sync</Table.Th>
                    <Table.Th>Warnings</Table.Th>
                    <Table.Th>Last activity</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((store) => (
                    <StoreRow key={store.id} store={store} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      {adding && (
        <Suspense fallback={null}>
          <AddStoreModal opened={adding} onClose={close} />
        </Suspense>
      )}
    </>
  );
}

function StoreRow({ store }: { store: Store }) {
  const status = displayStatus(store);
  const sync = stockSyncSummary(store.stockSync);
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} href={`/stores/${store.id}`} fw={500}>
          {store.name}
        </Anchor>
        {store.externalAccountId !== store.name && (
          <Text size="xs" c="gray.7">
            {store.externalAccountId}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{channelLabel(store.channel)}</Table.Td>
      <Table.Td title={statusHint(status)}>
        <StatusBadge status={status} />
      </Table.Td>
      <Table.Td maw={280}>
        {sync.state ? (
          <Stack gap={2}>
            <Group gap={6}>
              <StatusBadge status={sync.state} />
            </Group>
            {sync.state !== 'live' && (
              <Text size="xs" c="gray.7">
                {sync.text}
              </Text>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="gray.7">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td maw={320}>
        {store.warnings.length === 0 ? (
          <Text size="sm" c="gray.7">
            None
          </Text>
        ) : (
          <List size="xs" spacing={2} c="var(--gantry-warning-text)">
            {store.warnings.map((warning) => (
              <List.Item key={warning}>{warning}</List.Item>
            ))}
          </List>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" title={dateTime(store.lastActivityAt)}>
          {store.lastActivityAt ? relativeTime(store.lastActivityAt) : 'No activity yet'}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
