import { IsBoolean } from 'class-validator';

/** What the fulfillment engine reads of a store's settings; a channel's settings class extends or embeds it. */
export class FulfillmentSettings {
  /** The channel tells the customer (shipping confirmation) when a fulfillment is created or its tracking changes. */
  @IsBoolean()
  notifyCustomer = true;
}

export interface WithFulfillmentSettings {
  fulfillment: FulfillmentSettings;
}
