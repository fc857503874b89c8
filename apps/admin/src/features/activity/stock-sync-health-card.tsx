import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { QueryState } from '../../ui/query-state';
import { StatusBadge } from '../../ui/status-badge';
import { stockSyncFacts } from './stock-sync-facts';
import { useStockSyncHealth } from './stock-sync-health.api';

/** The store's stock sync: state and why, pending changes, lag, last push and the last reconcile's drift. */
export function StockSyncHealthCard({ storeId }: { storeId: string }) {
  const health = useStockSyncHealth(storeId);
  return (
    <section aria-labelledby="stock-sync-health">
      <Title order={2} size="h4" id="stock-sync-health" mb="xs">
        Stock sync health
      </Title>
      <QueryState query={health} label="stock sync health">
        {(data) => (
          <Stack gap="sm">
            <Group gap="xs">
              <StatusBadge status={data.state} />
              <Text size="sm">{data.reason}</Text>
            </Group>
            {data.state !== 'unsupported' && (
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
                {stockSyncFacts(data).map((fact) => (
                  <Card
                    key={fact.label}
                    withBorder
                    padding="sm"
                    style={fact.warn ? { borderColor: 'var(--mantine-color-orange-6)' } : undefined}
                  >
                    <Text size="xs" c="gray.7">
                      {fact.label}
                      {fact.warn ? ' (needs a look)' : ''}
                    </Text>
                    <Text size="lg" fw={600} c={fact.warn ? 'red.9' : undefined}>
                      {fact.value}
                    </Text>
                    <Text size="xs" c="gray.7">
                      {fact.detail}
                    </Text>
                    {fact.runId && (
                      <Anchor component={Link} href={`/activity/${fact.runId}`} size="xs">
                        Open the reconcile run
                      </Anchor>
                    )}
                  </Card>
                ))}
              </SimpleGrid>
            )}
          </Stack>
        )}
      </QueryState>
    </section>
  );
}
