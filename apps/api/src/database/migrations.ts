import { CORE_MIGRATIONS } from '@gantry/core';
import { SHOPIFY_MIGRATIONS } from '@gantry/shopify';
import { WMS_MIGRATIONS } from '@gantry/wms';
import { CreateApiKeys1765000003000 } from '../auth/migrations/1765000003000-create-api-keys';
import { AddApiKeyExpiry1765000006800 } from '../auth/migrations/1765000006800-add-api-key-expiry';
import { CreateUsersAndSessions1765000004000 } from '../users/migrations/1765000004000-create-users-and-sessions';
import { CreateRateLimitCounters1765000005000 } from '../rate-limits/migrations/1765000005000-create-rate-limit-counters';

/**
 * Every migration, collected from the libs that own them: core first, then the warehouse, then channels, then the
 * API's own. Listed explicitly so builds and bundles never depend on globbing.
 */
export const MIGRATIONS = [
  ...CORE_MIGRATIONS,
  ...WMS_MIGRATIONS,
  ...SHOPIFY_MIGRATIONS,
  CreateApiKeys1765000003000,
  CreateUsersAndSessions1765000004000,
  CreateRateLimitCounters1765000005000,
  AddApiKeyExpiry1765000006800,
];

/** Migrations of 0.1, before each lib owned its tables; a database that ran them is recreated, not upgraded. */
export const PRE_SPLIT_MIGRATIONS = [
  'CreateWarehouseCore1763800000000',
  'CreateChannelFramework1763900000000',
  'CreateShopifyTables1764000000000',
  'CreateStockSync1764100000000',
];
