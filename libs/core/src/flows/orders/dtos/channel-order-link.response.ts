import { ApiProperty } from '@nestjs/swagger';

/** A warehouse order a channel order became (one per destination warehouse). */
export class ChannelOrderLinkResponse {
  @ApiProperty({ format: 'uuid', example: '1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b' })
  warehouseOrderId!: string;

  @ApiProperty({ format: 'uuid', example: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11' })
  warehouseId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '5b7e2c1a-3f4d-4e6a-8b9c-0d1e2f3a4b5c' })
  shippingProcessId!: string | null;

  @ApiProperty({ type: [String], description: 'The channel locations routed to this warehouse', example: ['gid://shopify/Location/1'] })
  channelLocationIds!: string[];

  @ApiProperty({
    type: [String],
    description: "The channel's allocations (Shopify fulfillment orders) it covers",
    example: ['gid://shopify/FulfillmentOrder/3001'],
  })
  allocationIds!: string[];
}
