import { ApiSchema } from '@nestjs/swagger';
import { WholesaleExportSettings } from '@gantry/core';

/**
 * A JOOR store's settings: what the export engine reads (interval, fulfilment, location, inventory, taxes, note
 * fields, alerts). JOOR adds nothing of its own yet; the class exists so the channel can grow its own settings.
 */
@ApiSchema({
  description:
    'The settings of a JOOR store: how and how often its approved orders are exported to the linked Shopify store (intervalMinutes, syncAsFulfilled, locationId, inventoryBehaviour, taxByCountry, noteFields) and who hears about failures (alertEmails).',
})
export class JoorStoreSettings extends WholesaleExportSettings {}
