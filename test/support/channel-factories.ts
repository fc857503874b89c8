import { PluginService, StoreService, type ConnectStoreInput, type Store } from '@gantry/core';
import { uniq } from './factories';
import type { TestApp } from './test-app';

/** Connects a store of a channel (the fake one by default), activating its plugin first. */
export async function makeStore(t: TestApp, overrides: Partial<ConnectStoreInput> = {}): Promise<Store> {
  const pluginKey = overrides.pluginKey ?? 'fake';
  await t.app.get(PluginService).activate(pluginKey);
  const externalAccountId = overrides.externalAccountId ?? `${uniq('acct')}.example.com`;
  return t.app.get(StoreService).connect({
    pluginKey,
    externalAccountId,
    name: overrides.name ?? `Store ${externalAccountId}`,
    credentials: overrides.credentials ?? { accessToken: `tok_${uniq('secret')}` },
    ...(overrides.scopes ? { scopes: overrides.scopes } : {}),
    ...(overrides.missingScopes ? { missingScopes: overrides.missingScopes } : {}),
    ...(overrides.settings ? { settings: overrides.settings } : {}),
  });
}
