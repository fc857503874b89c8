import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

/** What the fulfillment engine reads of a store's settings; a channel's settings class extends or embeds it. */
@ApiSchema({ description: "Shipments out: each warehouse shipment becomes a fulfillment on the channel's order." })
export class FulfillmentSettings {
  /** The channel tells the customer (shipping confirmation) when a fulfillment is created or its tracking changes. */
  @ApiPropertyOptional({
    type: Boolean,
    description: 'The channel tells the customer (its shipping confirmation) when a fulfillment is created or its tracking changes',
    default: true,
    example: true,
  })
  @IsBoolean()
  notifyCustomer = true;
}

export interface WithFulfillmentSettings {
  fulfillment: FulfillmentSettings;
}
