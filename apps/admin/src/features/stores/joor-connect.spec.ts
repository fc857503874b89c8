import { joorConnectRequest, joorTargets } from './joor-connect';
import type { Store } from './stores.api';

describe('connecting a JOOR account', () => {
  const target = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';

  it('trims what was pasted, as the API does', () => {
    expect(joorConnectRequest({ name: ' JOOR wholesale ', apiToken: ' joor_live_3f9a7c1e5b2d\n', shopifyStoreId: target })).toEqual({
      body: { name: 'JOOR wholesale', apiToken: 'joor_live_3f9a7c1e5b2d', shopifyStoreId: target },
    });
  });

  it('names each field the API would refuse', () => {
    expect(joorConnectRequest({ name: '  ', apiToken: 'short', shopifyStoreId: '' })).toEqual({
      problems: {
        name: 'Enter a name for the store',
        apiToken: 'Paste the API token JOOR support issued (8 to 500 characters)',
        shopifyStoreId: 'Choose the Shopify store that takes the orders',
      },
    });
    expect(joorConnectRequest({ name: 'x'.repeat(201), apiToken: 'joor_live_3f9a7c1e5b2d', shopifyStoreId: target })).toEqual({
      problems: { name: 'A name has at most 200 characters' },
    });
  });

  it('offers connected Shopify stores as targets', () => {
    const store = (id: string, channel: string, status: Store['status'], name = id): Store =>
      ({ id, channel, status, name, externalAccountId: `${id}.myshopify.com` }) as Store;
    expect(
      joorTargets([
        store('a', 'shopify', 'connected'),
        store('b', 'shopify', 'disconnected'),
        store('c', 'joor-b2b', 'connected'),
        { ...store('d', 'shopify', 'connected'), externalAccountId: 'd' },
      ]),
    ).toEqual([
      { value: 'a', label: 'a (a.myshopify.com)' },
      { value: 'd', label: 'd' },
    ]);
  });
});
