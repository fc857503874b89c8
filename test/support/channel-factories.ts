import {
  ChannelLocationMappingService,
  ChannelProductMappingService,
  PluginService,
  StoreConnectionService,
  type ChannelStockPair,
  type ConnectStoreInput,
  type Store,
} from '@gantry/core';
import { uniq } from './factories';
import type { TestApp } from './test-app';

/** Connects a store of a channel (the fake one by default), activating its plugin first. */
export async function makeStore(t: TestApp, overrides: Partial<ConnectStoreInput> = {}): Promise<Store> {
  const pluginKey = overrides.pluginKey ?? 'fake';
  await t.app.get(PluginService).activate(pluginKey);
  const externalAccountId = overrides.externalAccountId ?? `${uniq('acct')}.example.com`;
  return t.app.get(StoreConnectionService).connect({
    pluginKey,
    externalAccountId,
    name: overrides.name ?? `Store ${externalAccountId}`,
    credentials: overrides.credentials ?? { accessToken: `tok_${uniq('secret')}` },
    ...(overrides.scopes ? { scopes: overrides.scopes } : {}),
    ...(overrides.missingScopes ? { missingScopes: overrides.missingScopes } : {}),
    ...(overrides.settings ? { settings: overrides.settings } : {}),
  });
}

/**
 * Maps the store's channel location to the warehouse (and its shipping process, as the default) and each product to a
 * channel item `item(sku)` there, through the core services a channel lib uses; answers each product's pair.
 */
export async function mapStockPairs(
  t: TestApp,
  storeId: string,
  options: {
    warehouseId: string;
    shippingProcessId: string;
    products: { id: string; sku: string }[];
    channelLocationId: string;
    item?: (sku: string) => string;
  },
): Promise<ChannelStockPair[]> {
  const item = options.item ?? ((sku: string) => `item-${sku}`);
  const { channelLocationId } = options;
  await t.app
    .get(ChannelLocationMappingService)
    .replace(storeId, [
      { channelLocationId, warehouseId: options.warehouseId, shippingProcessId: options.shippingProcessId, isDefault: true },
    ]);
  await t.app.get(ChannelProductMappingService).add(
    storeId,
    options.products.map((p) => ({
      productId: p.id,
      sku: p.sku,
      externalId: `variant-${p.sku}`,
      externalProductId: null,
      stockItemId: item(p.sku),
    })),
  );
  return options.products.map((p) => ({ channelItemId: item(p.sku), channelLocationId }));
}
