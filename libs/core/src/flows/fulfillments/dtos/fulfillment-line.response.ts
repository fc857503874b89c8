import { ApiProperty } from '@nestjs/swagger';

/** One line of a fulfillment made on the channel. */
export class FulfillmentLineResponse {
  @ApiProperty({ description: "The channel's allocation (Shopify fulfillment order)", example: 'gid://shopify/FulfillmentOrder/3001' })
  allocationId!: string;

  @ApiProperty({ example: 'gid://shopify/FulfillmentOrderLineItem/4001' })
  allocationLineId!: string;

  @ApiProperty({ example: 'gid://shopify/LineItem/1001' })
  externalLineId!: string;

  @ApiProperty({ example: 2 })
  quantity!: number;
}
