import { CreateCorePlatform1765000000000 } from './1765000000000-create-core-platform';
import { CreateChannelStockSync1765000000100 } from './1765000000100-create-channel-stock-sync';
import { CreateChannelOrders1765000000200 } from './1765000000200-create-channel-orders';
import { CreateFulfillmentPush1765000000300 } from './1765000000300-create-fulfillment-push';
import { CreateChannelReturns1765000000400 } from './1765000000400-create-channel-returns';
import { CreateWholesaleExports1765000000500 } from './1765000000500-create-wholesale-exports';
import { StoreRemoval1765000000600 } from './1765000000600-store-removal';
import { CreateAuditLog1765000000710 } from './1765000000710-create-audit-log';
import { Privacy1765000000800 } from './1765000000800-privacy';
import { CreateScheduleClaim1765000000900 } from './1765000000900-create-schedule-claim';
import { HotTablesAutovacuum1765000000910 } from './1765000000910-hot-tables-autovacuum';
import { StockPushPacing1765000000920 } from './1765000000920-stock-push-pacing';

/** The core's migrations, in order; apps collect every lib's list (see apps/api/src/database/migrations.ts). */
export const CORE_MIGRATIONS = [
  CreateCorePlatform1765000000000,
  CreateChannelStockSync1765000000100,
  CreateChannelOrders1765000000200,
  CreateFulfillmentPush1765000000300,
  CreateChannelReturns1765000000400,
  CreateWholesaleExports1765000000500,
  StoreRemoval1765000000600,
  CreateAuditLog1765000000710,
  Privacy1765000000800,
  CreateScheduleClaim1765000000900,
  HotTablesAutovacuum1765000000910,
  StockPushPacing1765000000920,
];
