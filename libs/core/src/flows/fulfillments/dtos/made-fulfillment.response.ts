import { ApiProperty } from '@nestjs/swagger';
import { FulfillmentLineResponse } from './fulfillment-line.response';

/** A fulfillment Gantry made on the channel for a shipment. */
export class MadeFulfillmentResponse {
  @ApiProperty({ description: "The channel's id of the fulfillment", example: 'gid://shopify/Fulfillment/6001' })
  externalId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'gid://shopify/Location/1' })
  channelLocationId!: string | null;

  @ApiProperty({ type: [FulfillmentLineResponse] })
  lines!: FulfillmentLineResponse[];

  @ApiProperty({ format: 'date-time', example: '2026-07-01T14:05:03.000Z' })
  at!: string;
}
