import { CreateWarehouse1765000001000 } from './1765000001000-create-warehouse';
import { ChannelOrderSync1765000001100 } from './1765000001100-channel-order-sync';

/** The warehouse's migrations, in order. */
export const WMS_MIGRATIONS = [CreateWarehouse1765000001000, ChannelOrderSync1765000001100];
