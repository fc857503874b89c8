import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { dateTime, duration } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { ErrorAlert, QueryState } from '../../ui/query-state';
import { StatusBadge } from '../../ui/status-badge';
import { useRetryTargets } from './retry-targets.api';
import { runDurationMs } from './sync-run-filters';
import { useStores, useSyncRun } from './sync-runs.api';
import { SyncRunItemsTable } from './sync-run-items-table';

/** One run: what ran, how it ended, its counts and every item's outcome (live while it runs). */
export function SyncRunPage({ id }: { id: string }) {
  const run = useSyncRun(id);
  const stores = useStores();
  const targets = useRetryTargets(run.data);
  const store = stores.data?.find((s) => s.id === run.data?.storeId);

  return (
    <Stack gap="md">
      <Anchor component={Link} href="/activity" size="sm">
        ← All activity
      </Anchor>
      <QueryState query={run} label="the sync run">
        {(data) => (
          <>
            <PageHeader
              title={`Sync run: ${data.kind}`}
              description={
                <>
                  {store ? (
                    <Anchor component={Link} href={`/stores/${store.id}`} size="sm">
                      {store.name}
                    </Anchor>
                  ) : (
                    (data.storeId ?? 'No store')
                  )}{' '}
                  · trigger: {data.trigger}
                </>
              }
              actions={<StatusBadge status={data.status} />}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <Fact label="Started" value={dateTime(data.startedAt)} />
              <Fact label="Finished" value={data.finishedAt ? dateTime(data.finishedAt) : 'still running (refreshed every second)'} />
              <Fact label="Duration" value={duration(runDurationMs(data))} />
            </SimpleGrid>
            {data.error && (
              <Alert color="red" title="The run failed" role="alert">
                {data.error}
              </Alert>
            )}
            <section aria-labelledby="run-counts">
              <Title order={2} size="h4" id="run-counts" mb="xs">
                Counts
              </Title>
              <Group gap="xs">
                {Object.keys(data.counts).length === 0 && <Text c="gray.7">Nothing counted.</Text>}
                {Object.entries(data.counts).map(([outcome, n]) => (
                  <Badge key={outcome} variant="outline" color="gray" c="gray.9" size="lg" radius="sm" tt="none">
                    {outcome}: {n.toLocaleString('en')}
                  </Badge>
                ))}
              </Group>
            </section>
            <section aria-labelledby="run-items">
              <Title order={2} size="h4" id="run-items" mb="xs">
                Items
              </Title>
              {targets.isError && <ErrorAlert error={targets.error} title="Could not check which items can be retried" />}
              <SyncRunItemsTable run={data} targets={targets.data ?? new Map()} />
            </section>
          </>
        )}
      </QueryState>
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="gray.7">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </Card>
  );
}
