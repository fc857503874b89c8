import { ApiProperty } from '@nestjs/swagger';
import { StoreStatus } from '../store-status.enum';
import { StoreStockSyncResponse } from './store-stock-sync.response';

/** A store (one channel account), never with its credentials. */
export class StoreResponse {
  @ApiProperty({ format: 'uuid', example: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d' })
  id!: string;

  @ApiProperty({ description: 'The channel (plugin key)', example: 'shopify' })
  channel!: string;

  @ApiProperty({ example: 'demo-shop.myshopify.com' })
  name!: string;

  @ApiProperty({ description: "The channel's id of the account (a shop domain, a JOOR account)", example: 'demo-shop.myshopify.com' })
  externalAccountId!: string;

  @ApiProperty({
    enum: StoreStatus,
    enumName: 'StoreStatus',
    description: 'needs_reauth: the channel refused our access (connect again); disconnected: credentials forgotten',
    example: StoreStatus.CONNECTED,
  })
  status!: StoreStatus;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The store this one feeds (a JOOR account's Shopify store); null for most channels",
    example: null,
  })
  targetStoreId!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "The channel's settings, every field (ShopifyStoreSettings, JoorStoreSettings, …); change them with PATCH /stores/{id}/settings",
    example: { stockSync: { enabled: true, mode: 'absolute', windowSeconds: 30 }, createMissingProducts: true },
  })
  settings!: Record<string, unknown>;

  @ApiProperty({ type: StoreStockSyncResponse, nullable: true, description: 'null for channels without stock sync' })
  stockSync!: StoreStockSyncResponse | null;

  @ApiProperty({
    type: [String],
    description:
      "What stands in the way of the store's flows although they are switched on (e.g. stock sync with no location or product mapped); empty when nothing does",
    example: [],
  })
  warnings!: string[];

  @ApiProperty({ type: [String], description: 'Access the channel granted', example: ['read_products', 'write_inventory'] })
  scopes!: string[];

  @ApiProperty({ type: [String], description: 'Access Gantry needs but the channel did not grant (reconnect to grant)', example: [] })
  missingScopes!: string[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-07-01T09:30:00.000Z' })
  connectedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  disconnectedAt!: Date | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "When the store's newest sync run started or, once it ended, finished; null before its first run",
    example: '2026-07-01T09:35:12.000Z',
  })
  lastActivityAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T09:29:00.000Z' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T09:30:00.000Z' })
  updatedAt!: Date;
}
