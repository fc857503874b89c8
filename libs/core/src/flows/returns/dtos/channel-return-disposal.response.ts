import { ApiProperty } from '@nestjs/swagger';

/** What the channel expects to be disposed of a return line (Shopify: a reverse fulfillment order line), so far. */
export class ChannelReturnDisposalResponse {
  @ApiProperty({ example: 'gid://shopify/ReverseFulfillmentOrderLineItem/8001' })
  disposalLineId!: string;

  @ApiProperty({ description: 'The reverse fulfillment it belongs to', example: 'gid://shopify/ReverseFulfillmentOrder/8000' })
  groupId!: string;

  @ApiProperty({ description: 'The return line it belongs to', example: 'gid://shopify/ReturnLineItem/7001' })
  returnLineExternalId!: string;

  @ApiProperty({ example: 1 })
  totalQuantity!: number;

  @ApiProperty({ example: 0 })
  restocked!: number;

  @ApiProperty({ description: 'Disposed any other way (not restocked, missing, processing)', example: 0 })
  notRestocked!: number;

  @ApiProperty({ description: 'False once its reverse fulfillment is closed: nothing more can be disposed of it', example: true })
  open!: boolean;
}
