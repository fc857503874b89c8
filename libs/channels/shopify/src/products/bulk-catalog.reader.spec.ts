import { ChannelAdapterException } from '@gantry/core';
import { BulkCatalogReader } from './bulk-catalog.reader';

const line = (id: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    id: `gid://shopify/ProductVariant/${id}`,
    sku: ` SKU-${id} `,
    barcode: null,
    title: 'Red',
    product: { id: 'gid://shopify/Product/1', title: 'Shirt' },
    inventoryItem: { id: `gid://shopify/InventoryItem/${id}` },
    ...extra,
  });

describe('BulkCatalogReader.parseLine', () => {
  it('turns a variant line into a catalog item with its GIDs intact', () => {
    expect(BulkCatalogReader.parseLine(line('9007199254740993'), null)).toMatchObject({
      externalId: 'gid://shopify/ProductVariant/9007199254740993',
      externalProductId: 'gid://shopify/Product/1',
      inventoryItemId: 'gid://shopify/InventoryItem/9007199254740993',
      sku: 'SKU-9007199254740993',
    });
  });

  it('skips blank lines and lines that are not variants', () => {
    expect(BulkCatalogReader.parseLine('  ', null)).toBeNull();
    expect(BulkCatalogReader.parseLine(JSON.stringify({ id: 'gid://shopify/Product/5', title: 'x' }), null)).toBeNull();
  });

  it('drops variants at or below the floor, comparing ids beyond 2^53 exactly', () => {
    const floor = '9007199254740992';
    expect(BulkCatalogReader.parseLine(line('9007199254740992'), floor)).toBeNull();
    expect(BulkCatalogReader.parseLine(line('999'), floor)).toBeNull();
    expect(BulkCatalogReader.parseLine(line('9007199254740993'), floor)).not.toBeNull();
    expect(BulkCatalogReader.parseLine(line('10000000000000000'), floor)).not.toBeNull();
  });

  it('reports a cut-off line as a temporary channel error', () => {
    expect(() => BulkCatalogReader.parseLine('{"id":"gid://shopify/ProductVariant/1","sku', null)).toThrow(ChannelAdapterException);
  });
});
