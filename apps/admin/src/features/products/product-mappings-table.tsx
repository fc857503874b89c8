import { useState } from 'react';
import { Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { QueryState } from '../../ui/query-state';
import { pageWithMore, shortGid } from './product-sync-progress';
import { useProductMappings } from './product-sync.api';

const SIZES = [25, 50, 100, 250];

/** The store's mappings a page at a time (limit/offset); the API searches all of them (SKU or any id, any case). */
export function ProductMappingsTable({ storeId }: { storeId: string }) {
  const [size, setSize] = useState(50);
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const searching = debounced !== '';
  const query = useProductMappings(storeId, (page - 1) * size, size, debounced);

  return (
    <section aria-labelledby="product-mappings-heading">
      <Title order={2} size="h4" id="product-mappings-heading" mb="xs">
        Mappings
      </Title>
      <Group gap="sm" align="flex-end" wrap="wrap" mb="sm">
        <TextInput
          label="Search mappings"
          placeholder="SKU, product id or Shopify id"
          maxLength={200}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 320 }}
        />
        <NativeSelect
          label="Per page"
          value={String(size)}
          onChange={(e) => {
            setSize(Number(e.currentTarget.value));
            setPage(1);
          }}
          data={SIZES.map((n) => ({ value: String(n), label: String(n) }))}
          w={110}
        />
      </Group>
      <QueryState query={query} label="product mappings">
        {(data) => {
          const { rows, hasMore } = pageWithMore(data, size);
          const first = (page - 1) * size + 1;
          return (
            <Stack gap="sm">
              <Text size="sm" c="gray.7" aria-live="polite">
                {rows.length === 0
                  ? ''
                  : `${searching ? 'Matches' : 'Mappings'} ${first.toLocaleString('en')}–${(first + rows.length - 1).toLocaleString('en')}`}
              </Text>
              {rows.length === 0 ? (
                <Text c="gray.7">
                  {page > 1 ? 'No more mappings.' : searching ? 'No mapping matches.' : 'No variant is mapped yet: run a product sync.'}
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={720} type="native" tabIndex={0} role="region" aria-label="Product mappings, scrollable">
                  <Table striped aria-label="Product mappings" verticalSpacing="xs">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>SKU</Table.Th>
                        <Table.Th>Shopify variant</Table.Th>
                        <Table.Th>Shopify product</Table.Th>
                        <Table.Th>Inventory item</Table.Th>
                        <Table.Th>Warehouse product</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {rows.map((m) => (
                        <Table.Tr key={m.shopifyVariantId}>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{m.sku ?? '(no SKU)'}</Table.Td>
                          <Table.Td ff="monospace" title={m.shopifyVariantId}>
                            {shortGid(m.shopifyVariantId)}
                          </Table.Td>
                          <Table.Td ff="monospace" title={m.shopifyProductId}>
                            {shortGid(m.shopifyProductId)}
                          </Table.Td>
                          <Table.Td ff="monospace" title={m.inventoryItemId ?? undefined}>
                            {m.inventoryItemId ? shortGid(m.inventoryItemId) : 'not tracked'}
                          </Table.Td>
                          <Table.Td ff="monospace">{m.productId}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
              {(page > 1 || hasMore) && (
                <Group gap="xs" justify="flex-end">
                  <Button variant="default" size="xs" disabled={page <= 1 || query.isFetching} onClick={() => setPage(page - 1)}>
                    Previous page
                  </Button>
                  <Text size="sm">Page {page}</Text>
                  <Button variant="default" size="xs" disabled={!hasMore || query.isFetching} onClick={() => setPage(page + 1)}>
                    Next page
                  </Button>
                </Group>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </section>
  );
}
