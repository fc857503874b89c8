import { CreateWarehouseCore1763800000000 } from './1763800000000-create-warehouse-core';
import { CreateChannelFramework1763900000000 } from './1763900000000-create-channel-framework';
import { CreateShopifyTables1764000000000 } from './1764000000000-create-shopify-tables';
import { CreateStockSync1764100000000 } from './1764100000000-create-stock-sync';

/** Every migration, in order. Listed explicitly so builds and bundles never depend on globbing. */
export const MIGRATIONS = [
  CreateWarehouseCore1763800000000,
  CreateChannelFramework1763900000000,
  CreateShopifyTables1764000000000,
  CreateStockSync1764100000000,
];
