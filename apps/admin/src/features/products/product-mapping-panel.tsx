import { Stack } from '@mantine/core';
import { ProductMappingsTable } from './product-mappings-table';
import { ProductSyncSection } from './product-sync-section';

/** A Shopify store page tab: sync products (live progress, last run, unmapped variants) and the mappings list. */
export function ProductMappingPanel({ storeId }: { storeId: string }) {
  return (
    <Stack gap="xl">
      <ProductSyncSection storeId={storeId} />
      <ProductMappingsTable storeId={storeId} />
    </Stack>
  );
}
