import type { ChangeEvent } from 'react';
import { Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useSearchParams } from 'wouter';
import { PageHeader } from '../../ui/page-header';
import { QueryState } from '../../ui/query-state';
import { filterToQuery, parseFilter, RUN_KINDS, RUN_LIMITS, RUN_STATUSES, withFilter, type SyncRunFilter } from './sync-run-filters';
import { useStores, useSyncRuns } from './sync-runs.api';
import { SyncRunsTable } from './sync-runs-table';

/** Sync runs of every kind and store, filtered by what the URL says (so a filtered view can be shared or reloaded). */
export function ActivityPage() {
  const [params, setParams] = useSearchParams();
  const filter = parseFilter(params);
  const stores = useStores();
  const runs = useSyncRuns(filter, { refetchMs: 5000 });
  const storeNames = new Map((stores.data ?? []).map((s) => [s.id, s.name]));

  const change = (field: 'storeId' | 'kind' | 'status' | 'limit') => (event: ChangeEvent<HTMLSelectElement>) => {
    const next: SyncRunFilter = withFilter(filter, field, event.currentTarget.value || null);
    setParams(new URLSearchParams(filterToQuery(next)), { replace: true });
  };

  return (
    <Stack gap="md">
      <PageHeader
        title="Activity"
        description="Every sync run: product syncs, stock pushes and reconciles, orders, returns, shipments and exports."
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label="Store"
          value={filter.storeId ?? ''}
          onChange={change('storeId')}
          data={[{ value: '', label: 'All stores' }, ...(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
          w={{ base: '100%', sm: 220 }}
        />
        <NativeSelect
          label="Kind"
          value={filter.kind ?? ''}
          onChange={change('kind')}
          data={[
            { value: '', label: 'All kinds' },
            ...RUN_KINDS.map((k) => ({ value: k, label: k })),
            ...(filter.kind && !(RUN_KINDS as readonly string[]).includes(filter.kind) ? [{ value: filter.kind, label: filter.kind }] : []),
          ]}
          w={{ base: '100%', sm: 200 }}
        />
        <NativeSelect
          label="Status"
          value={filter.status ?? ''}
          onChange={change('status')}
          data={[{ value: '', label: 'All statuses' }, ...RUN_STATUSES.map((s) => ({ value: s, label: s }))]}
          w={{ base: '100%', sm: 160 }}
        />
        <NativeSelect
          label="Show"
          value={String(filter.limit)}
          onChange={change('limit')}
          data={[...new Set([...RUN_LIMITS, filter.limit])].sort((a, b) => a - b).map((n) => ({ value: String(n), label: `${n} newest` }))}
          w={{ base: '100%', sm: 140 }}
        />
      </Group>
      <QueryState query={runs} label="sync runs">
        {(data) => (
          <>
            <Text size="sm" c="gray.7" aria-live="polite">
              {data.length === filter.limit ? `The ${data.length} newest runs` : `${data.length} run${data.length === 1 ? '' : 's'}`};
              refreshed every 5 seconds.
            </Text>
            <SyncRunsTable runs={data} label="Sync runs" storeNames={storeNames} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}
