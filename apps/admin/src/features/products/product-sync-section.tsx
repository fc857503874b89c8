import { Anchor, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { useSession } from '../../auth/session-context';
import { dateTime, duration, relativeTime } from '../../ui/format';
import { ErrorAlert, QueryState } from '../../ui/query-state';
import { StatusBadge } from '../../ui/status-badge';
import { runDurationMs } from '../activity/sync-run-filters';
import { useSyncRun } from '../activity/sync-runs.api';
import { syncProgress } from './product-sync-progress';
import { useLatestProductSyncs, useStartProductSync } from './product-sync.api';
import { SyncCounts } from './sync-counts';
import { UnmappedVariantsTable } from './unmapped-variants-table';

/**
 * "Sync products" and what it is doing: live counts and a progress bar while a run goes (polled every second, the
 * page stays usable), then the last run's counts and the variants it left unmapped with their reasons.
 */
export function ProductSyncSection({ storeId }: { storeId: string }) {
  const session = useSession();
  const start = useStartProductSync(storeId);
  const latest = useLatestProductSyncs(storeId, start.isPending);
  const [current, previous] = latest.data ?? [];
  const detail = useSyncRun(current?.id ?? null);
  const running = current?.status === 'running';
  const syncing = start.isPending || running;
  // The run itself (GET /sync-runs/:id, polled every second while it runs) once it is the newest one listed.
  const run = detail.data && detail.data.id === current?.id ? detail.data : (current ?? null);
  const progress = run && running ? syncProgress(run, previous ?? null) : null;

  return (
    <section aria-labelledby="product-sync-heading">
      <Group justify="space-between" align="flex-start" mb="xs" gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id="product-sync-heading">
            Product sync
          </Title>
          <Text size="sm" c="gray.7">
            Maps every Shopify variant to a warehouse product by SKU, then barcode. It never changes stock or an existing mapping.
          </Text>
        </Stack>
        {session.can('integration_manager') && (
          <Button onClick={() => start.mutate()} disabled={syncing}>
            {syncing ? 'Syncing…' : 'Sync products'}
          </Button>
        )}
      </Group>
      {start.isError && <ErrorAlert error={start.error} title="The product sync did not run" />}
      <QueryState query={latest} label="product syncs">
        {() => (
          <Stack gap="sm">
            {syncing && (
              <Card withBorder padding="sm" aria-live="polite">
                <Text size="sm" fw={500} mb={6}>
                  {progress ? progress.label : 'Starting the sync…'}
                </Text>
                <Progress.Root size="lg">
                  <Progress.Section
                    value={progress?.percent ?? 100}
                    striped
                    animated
                    aria-label="Product sync progress"
                    aria-valuetext={progress?.label ?? 'Starting the sync'}
                  />
                </Progress.Root>
                {run && running && (
                  <Stack gap={4} mt="sm">
                    <SyncCounts counts={run.counts} />
                    <Text size="xs" c="gray.7">
                      Started {relativeTime(run.startedAt)}; you can keep working, this updates every second.
                    </Text>
                  </Stack>
                )}
              </Card>
            )}
            {!current && !syncing && <Text c="gray.7">No product sync has run for this store yet.</Text>}
            {current && !running && (
              <Card withBorder padding="sm">
                <Group gap="xs" mb={6}>
                  <Text size="sm" fw={500}>
                    Last sync
                  </Text>
                  <StatusBadge status={current.status} />
                  <Text size="sm" c="gray.7">
                    finished {current.finishedAt ? dateTime(current.finishedAt) : '—'} · took {duration(runDurationMs(current))}
                  </Text>
                  <Anchor component={Link} href={`/activity/${current.id}`} size="sm">
                    Open the run
                  </Anchor>
                </Group>
                <SyncCounts counts={(run ?? current).counts} />
                {current.error && (
                  <Text size="sm" c="red.8" mt={6} role="alert">
                    {current.error}
                  </Text>
                )}
              </Card>
            )}
          </Stack>
        )}
      </QueryState>
      {current && !running && detail.data?.id === current.id && <UnmappedVariantsTable run={detail.data} />}
      {current && !running && detail.isError && <ErrorAlert error={detail.error} title="Could not load the last sync's items" />}
    </section>
  );
}
