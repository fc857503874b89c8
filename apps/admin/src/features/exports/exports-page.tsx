import { useMemo, useState, type FormEvent } from 'react';
import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useSearchParams } from 'wouter';
import { PageHeader } from '../../ui/page-header';
import { QueryState } from '../../ui/query-state';
import { useStores } from '../orders/orders.api';
import { EXPORT_STATUS_FILTERS, moreLimit, parseExportFilter } from './export-rows';
import { ExportsTable } from './exports-table';
import { useExports } from './exports.api';

const ALL = 'all';

/** JOOR orders exported to Shopify: state, Shopify order, why one failed; filters live in the URL so a view can be shared. */
export function ExportsPage() {
  const [params, setParams] = useSearchParams();
  const filter = parseExportFilter(params);
  const [order, setOrder] = useState(filter.sourceOrderId ?? '');
  const stores = useStores();
  const exports = useExports(filter);
  const storeNames = useMemo(() => new Map((stores.data ?? []).map((s) => [s.id, s.name])), [stores.data]);
  // Only stores that export (JOOR, with a target Shopify store) can be a filter.
  const sources = (stores.data ?? []).filter((s) => s.targetStoreId !== null);

  const update = (changes: Record<string, string | null>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '' || value === ALL) {
            next.delete(key);
          } else {
            next.set(key, value);
          }
        }
        next.delete('limit');
        return next;
      },
      { replace: true },
    );
  };

  const find = (event: FormEvent) => {
    event.preventDefault();
    update({ order: order.trim() });
  };

  return (
    <>
      <PageHeader title="JOOR exports" description="Approved JOOR orders and the Shopify orders they became, newest first." />
      <Stack gap="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label="Store"
            data={[{ value: ALL, label: 'All stores' }, ...sources.map((s) => ({ value: s.id, label: s.name }))]}
            value={filter.storeId ?? ALL}
            onChange={(value) => update({ store: value })}
            allowDeselect={false}
            w={220}
          />
          <Select
            label="State"
            data={EXPORT_STATUS_FILTERS}
            value={filter.status ?? ALL}
            onChange={(value) => update({ status: value })}
            allowDeselect={false}
            w={160}
          />
          <form onSubmit={find}>
            <Group align="flex-end" gap="xs">
              <TextInput
                label="JOOR order"
                placeholder="e.g. 700001"
                value={order}
                onChange={(e) => setOrder(e.currentTarget.value)}
                w={180}
              />
              <Button type="submit" variant="default">
                Find
              </Button>
              {filter.sourceOrderId && (
                <Button
                  variant="subtle"
                  onClick={() => {
                    setOrder('');
                    update({ order: null });
                  }}
                >
                  Clear
                </Button>
              )}
            </Group>
          </form>
        </Group>

        <QueryState query={exports} label="exports">
          {(list) => {
            const more = moreLimit(list.length, filter.limit);
            if (list.length === 0) {
              return <Text c="gray.7">No exports match these filters.</Text>;
            }
            return (
              <Stack gap="sm">
                <ExportsTable exports={list} storeNames={storeNames} label="JOOR exports" />
                {more !== null && (
                  <Group>
                    <Button
                      variant="default"
                      onClick={() =>
                        setParams(
                          (prev) => {
                            const next = new URLSearchParams(prev);
                            next.set('limit', String(more));
                            return next;
                          },
                          { replace: true },
                        )
                      }
                    >
                      Show more exports
                    </Button>
                  </Group>
                )}
              </Stack>
            );
          }}
        </QueryState>
      </Stack>
    </>
  );
}
