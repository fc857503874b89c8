import { ApiProperty } from '@nestjs/swagger';

/** What a shipment carries of one channel order line. */
export class FulfillmentPushLineResponse {
  @ApiProperty({ description: "The channel's order line id", example: 'gid://shopify/LineItem/1001' })
  externalLineId!: string;

  @ApiProperty({ example: 2 })
  quantity!: number;
}
