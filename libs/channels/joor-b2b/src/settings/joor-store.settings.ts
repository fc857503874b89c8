import { WholesaleExportSettings } from '@gantry/core';

/**
 * A JOOR store's settings: what the export engine reads (interval, fulfilment, location, inventory, taxes, note
 * fields, alerts). JOOR adds nothing of its own yet; the class exists so the channel can grow its own settings.
 */
export class JoorStoreSettings extends WholesaleExportSettings {}
