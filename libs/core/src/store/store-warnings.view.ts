import type { Store } from './store.entity';

/** What a store maps, as far as its warnings go. */
export interface StoreMappingPresence {
  locations: boolean;
  products: boolean;
}

/**
 * What stands in the way of a store's stock sync although it is switched on, for people: nothing is pushed while no
 * location or no product is mapped. Empty when stock sync is off (or the channel has none) or everything needed is mapped.
 */
export function storeWarnings(store: Pick<Store, 'id' | 'settings'>, mapped: StoreMappingPresence): string[] {
  const stockSync = store.settings.stockSync as { enabled?: unknown } | undefined;
  if (stockSync?.enabled !== true) {
    return [];
  }
  const warnings: string[] = [];
  if (!mapped.locations) {
    warnings.push(
      `Stock sync is on, but no location is mapped to a warehouse: nothing will be pushed until you map one (PUT /stores/${store.id}/location-mappings)`,
    );
  }
  if (!mapped.products) {
    warnings.push(
      `Stock sync is on, but no product is mapped to a channel item: nothing will be pushed until products are mapped (POST /stores/${store.id}/product-sync)`,
    );
  }
  return warnings;
}
