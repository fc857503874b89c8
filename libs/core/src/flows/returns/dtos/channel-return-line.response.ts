import { ApiProperty } from '@nestjs/swagger';

/** One line of a channel's return: what the customer sends back of one order line. */
export class ChannelReturnLineResponse {
  @ApiProperty({
    description: "The channel's return line id (the warehouse return's line keeps it)",
    example: 'gid://shopify/ReturnLineItem/7001',
  })
  externalLineId!: string;

  @ApiProperty({ description: 'The order line it returns', example: 'gid://shopify/LineItem/1001' })
  orderLineExternalId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'TSHIRT-RED-M' })
  sku!: string | null;

  @ApiProperty({ example: 1 })
  quantity!: number;

  @ApiProperty({ type: String, nullable: true, description: "The channel's reason code", example: 'SIZE_TOO_SMALL' })
  reason!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The customer's words", example: null })
  note!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "Where the order line was fulfilled from (the goods go back to that location's warehouse)",
    example: 'gid://shopify/Location/1',
  })
  channelLocationId!: string | null;
}
