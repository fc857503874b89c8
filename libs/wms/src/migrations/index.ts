import { CreateWarehouse1765000001000 } from './1765000001000-create-warehouse';
import { ChannelOrderSync1765000001100 } from './1765000001100-channel-order-sync';
import { ShipmentParcels1765000001200 } from './1765000001200-shipment-parcels';
import { ChannelReturns1765000001300 } from './1765000001300-channel-returns';
import { PrivacyRedaction1765000001400 } from './1765000001400-privacy-redaction';
import { OrderListIndexes1765000001500 } from './1765000001500-order-list-indexes';

/** The warehouse's migrations, in order. */
export const WMS_MIGRATIONS = [
  CreateWarehouse1765000001000,
  ChannelOrderSync1765000001100,
  ShipmentParcels1765000001200,
  ChannelReturns1765000001300,
  PrivacyRedaction1765000001400,
  OrderListIndexes1765000001500,
];
