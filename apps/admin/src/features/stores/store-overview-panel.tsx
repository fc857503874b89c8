import type { ReactNode } from 'react';
import { Alert, Anchor, Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { dateTime, relativeTime } from '../../ui/format';
import { StatusBadge } from '../../ui/status-badge';
import { StoreConnectionActions } from './store-connection-actions';
import { channelLabel, displayStatus, JOOR_CHANNEL, statusHint, stockSyncSummary } from './store-view';
import { SyncNowSection } from './sync-now-section';
import { useStores, type Store } from './stores.api';

/** The store at a glance: connection, stock sync, access, what stands in the way, and what can be done about it. */
export function StoreOverviewPanel({ store }: { store: Store }) {
  const status = displayStatus(store);
  const sync = stockSyncSummary(store.stockSync);
  // Channels without OAuth scopes (JOOR's token) or stock sync leave those cards out.
  const hasAccess = store.scopes.length > 0 || store.missingScopes.length > 0;
  return (
    <Stack gap="md">
      {store.warnings.length > 0 && (
        <Alert color="orange" title="What stands in the way">
          <List size="sm">
            {store.warnings.map((warning) => (
              <List.Item key={warning}>{warning}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {store.missingScopes.length > 0 && (
        <Alert color="orange" title="Access missing">
          The channel did not grant {store.missingScopes.join(', ')}. Reconnect the store and approve the access it asks for.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: store.stockSync || hasAccess ? 2 : 1 }}>
        <Section title="Connection">
          <Details label="Connection">
            <Row label="Status">
              <Stack gap={2}>
                <StatusBadge status={status} />
                <Text size="xs" c="gray.7">
                  {statusHint(status)}
                </Text>
              </Stack>
            </Row>
            <Row label="Channel">{channelLabel(store.channel)}</Row>
            <Row label="Account">{store.externalAccountId}</Row>
            {store.channel === JOOR_CHANNEL && (
              <Row label="Exports to">
                <TargetStore id={store.targetStoreId} />
              </Row>
            )}
            <Row label="Connected">{dateTime(store.connectedAt)}</Row>
            <Row label="Disconnected">{dateTime(store.disconnectedAt)}</Row>
            <Row label="Last activity">
              {store.lastActivityAt ? `${relativeTime(store.lastActivityAt)} (${dateTime(store.lastActivityAt)})` : 'No activity yet'}
            </Row>
            <Row label="Added">{dateTime(store.createdAt)}</Row>
          </Details>
        </Section>
        {(store.stockSync || hasAccess) && (
          <Stack gap="md">
            {store.stockSync && (
              <Section title="Stock sync">
                <Stack gap="xs">
                  <Group gap="xs">
                    {sync.state && <StatusBadge status={sync.state} />}
                    {store.stockSync.pendingPairs > 0 && <Text size="sm">{store.stockSync.pendingPairs} pending</Text>}
                  </Group>
                  <Text size="sm">{sync.text}</Text>
                  <Anchor component={Link} href={`/stores/${store.id}/settings`} size="sm">
                    Stock sync settings
                  </Anchor>
                </Stack>
              </Section>
            )}
            {hasAccess && (
              <Section title="Access">
                <Stack gap="xs">
                  <Text size="sm" fw={500}>
                    Granted
                  </Text>
                  <ScopeList scopes={store.scopes} empty="None" color="gray" />
                  <Text size="sm" fw={500}>
                    Missing
                  </Text>
                  <ScopeList scopes={store.missingScopes} empty="None" color="orange" />
                </Stack>
              </Section>
            )}
          </Stack>
        )}
      </SimpleGrid>
      <SyncNowSection store={store} />
      <StoreConnectionActions store={store} />
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Details({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table variant="vertical" aria-label={label} layout="fixed" withRowBorders={false} verticalSpacing={6}>
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={130}>{label}</Table.Th>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{children}</Table.Td>
    </Table.Tr>
  );
}

function ScopeList({ scopes, empty, color }: { scopes: string[]; empty: string; color: string }) {
  if (scopes.length === 0) {
    return (
      <Text size="sm" c="gray.7">
        {empty}
      </Text>
    );
  }
  return (
    <Group gap={6}>
      {scopes.map((scope) => (
        <Badge key={scope} color={color} variant="light" radius="sm" tt="none">
          {scope}
        </Badge>
      ))}
    </Group>
  );
}

function TargetStore({ id }: { id: string | null }) {
  const stores = useStores();
  if (!id) {
    return <>—</>;
  }
  const target = stores.data?.find((s) => s.id === id);
  return (
    <Anchor component={Link} href={`/stores/${id}`} size="sm">
      {target ? target.name : id}
    </Anchor>
  );
}
