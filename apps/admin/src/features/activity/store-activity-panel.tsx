import { Anchor, Group, Stack, Title } from '@mantine/core';
import { Link } from 'wouter';
import { QueryState } from '../../ui/query-state';
import { filterToQuery } from './sync-run-filters';
import { useSyncRuns } from './sync-runs.api';
import { StockSyncHealthCard } from './stock-sync-health-card';
import { SyncRunsTable } from './sync-runs-table';

const RECENT = 15;

/** A store page tab: its stock sync health and its latest runs (refreshed while it is open). */
export function StoreActivityPanel({ storeId }: { storeId: string }) {
  const runs = useSyncRuns({ storeId, limit: RECENT }, { refetchMs: 5000 });
  return (
    <Stack gap="lg">
      <StockSyncHealthCard storeId={storeId} />
      <section aria-labelledby="store-recent-runs">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="store-recent-runs">
            Recent runs
          </Title>
          <Anchor component={Link} href={`/activity?${filterToQuery({ storeId, limit: 100 })}`} size="sm">
            All runs of this store
          </Anchor>
        </Group>
        <QueryState query={runs} label="recent runs">
          {(data) => <SyncRunsTable runs={data} label="Recent runs of this store" />}
        </QueryState>
      </section>
    </Stack>
  );
}
