import { useMemo } from 'react';
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'wouter';
import { QueryState } from '../../ui/query-state';
import { useStores } from '../orders/orders.api';
import { ExportsTable } from './exports-table';
import { useExports } from './exports.api';

const RECENT = 25;

/** A wholesale store's orders are its exports: the newest, the failed ones counted, and a link to the full filtered list. */
export function StoreExportsPanel({ storeId }: { storeId: string }) {
  const stores = useStores();
  const storeNames = useMemo(() => new Map((stores.data ?? []).map((s) => [s.id, s.name])), [stores.data]);
  const recent = useExports({ storeId, limit: RECENT });
  const failed = useExports({ storeId, status: 'failed', limit: 500 });
  const failedCount = failed.data?.length ?? 0;

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          Approved orders of this store are exported to Shopify; the newest {RECENT} are below.
          {failedCount > 0 && (
            <>
              {' '}
              <Anchor component={Link} href={`/exports?store=${storeId}&status=failed`}>
                {failedCount} failed {failedCount === 1 ? 'export' : 'exports'}
              </Anchor>
            </>
          )}
        </Text>
        <Anchor component={Link} href={`/exports?store=${storeId}`} size="sm">
          All exports of this store
        </Anchor>
      </Group>
      <QueryState query={recent} label="the store's exports">
        {(list) => <ExportsTable exports={list} storeNames={storeNames} label="Store exports" showStore={false} />}
      </QueryState>
    </Stack>
  );
}
