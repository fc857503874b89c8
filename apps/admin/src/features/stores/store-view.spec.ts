import {
  channelLabel,
  connectionActions,
  displayStatus,
  fieldText,
  resolveTab,
  stockSyncSummary,
  storeTabs,
  syncActions,
} from './store-view';

describe('store view', () => {
  it('names channels for people, and keeps unknown keys', () => {
    expect(channelLabel('shopify')).toBe('Shopify');
    expect(channelLabel('joor-b2b')).toBe('JOOR');
    expect(channelLabel('acme')).toBe('acme');
  });

  it('calls a store whose first connection never finished pending', () => {
    expect(displayStatus({ status: 'disconnected', connectedAt: null })).toBe('pending');
    expect(displayStatus({ status: 'disconnected', connectedAt: '2026-07-01T09:00:00Z' })).toBe('disconnected');
    expect(displayStatus({ status: 'needs_reauth', connectedAt: '2026-07-01T09:00:00Z' })).toBe('needs_reauth');
  });

  it('says where stock sync stands', () => {
    expect(stockSyncSummary(null)).toEqual({ state: null, text: 'Not used by this channel' });
    expect(stockSyncSummary({ state: 'live', reason: null, pendingPairs: 0 })).toEqual({
      state: 'live',
      text: 'Changes go out as they happen',
    });
    expect(stockSyncSummary({ state: 'paused', reason: 'Stock sync is switched off', pendingPairs: 3 })).toEqual({
      state: 'paused',
      text: 'Stock sync is switched off',
    });
    expect(stockSyncSummary({ state: 'catching-up', reason: null, pendingPairs: 1 }).text).toBe('1 change on the way to the channel');
    expect(stockSyncSummary({ state: 'catching-up', reason: null, pendingPairs: 12 }).text).toBe('12 changes on the way to the channel');
  });

  it('hides locations and products for JOOR, and falls back to overview', () => {
    expect(storeTabs('shopify').map((t) => t.value)).toEqual(['overview', 'locations', 'products', 'settings', 'orders', 'activity']);
    expect(storeTabs('joor-b2b').map((t) => t.value)).toEqual(['overview', 'settings', 'orders', 'activity']);
    expect(resolveTab('shopify', undefined)).toBe('overview');
    expect(resolveTab('shopify', 'products')).toBe('products');
    expect(resolveTab('joor-b2b', 'products')).toBeNull();
    expect(resolveTab('shopify', 'nonsense')).toBeNull();
  });

  it('offers the sync-now endpoints each channel has, for connected stores only', () => {
    const live = { state: 'live' as const, reason: null, pendingPairs: 0 };
    expect(syncActions({ channel: 'shopify', status: 'connected', stockSync: live }).map((a) => a.path)).toEqual([
      'stock-reconcile',
      'order-import',
    ]);
    expect(syncActions({ channel: 'joor-b2b', status: 'connected', stockSync: null }).map((a) => a.path)).toEqual(['joor-sync']);
    expect(syncActions({ channel: 'shopify', status: 'needs_reauth', stockSync: live })).toEqual([]);
    expect(syncActions({ channel: 'acme', status: 'connected', stockSync: null })).toEqual([]);
  });

  it('lets managers reconnect and disconnect, and admins remove disconnected stores', () => {
    const connected = { channel: 'shopify', status: 'connected' as const };
    const disconnected = { channel: 'shopify', status: 'disconnected' as const };
    expect(connectionActions(connected, 'viewer')).toEqual({ reconnect: false, disconnect: false, remove: false });
    expect(connectionActions(connected, 'operator')).toEqual({ reconnect: false, disconnect: false, remove: false });
    expect(connectionActions(connected, 'integration_manager')).toEqual({ reconnect: true, disconnect: true, remove: false });
    expect(connectionActions(connected, 'admin')).toEqual({ reconnect: true, disconnect: true, remove: false });
    expect(connectionActions(disconnected, 'integration_manager')).toEqual({ reconnect: true, disconnect: false, remove: false });
    expect(connectionActions(disconnected, 'admin')).toEqual({ reconnect: true, disconnect: false, remove: true });
    expect(connectionActions({ channel: 'acme', status: 'connected' }, 'admin').reconnect).toBe(false);
  });

  it('puts the label in front of a bare field message', () => {
    const messages = {
      shopDomain: 'is not a valid myshopify.com shop',
      apiToken: 'apiToken must be longer than or equal to 8 characters',
      shopifyStoreId: 'JOOR refused this token',
    };
    expect(fieldText('shopDomain', 'Shop domain', messages)).toBe('Shop domain is not a valid myshopify.com shop');
    expect(fieldText('apiToken', 'API token', messages)).toBe('apiToken must be longer than or equal to 8 characters');
    expect(fieldText('shopifyStoreId', 'Shopify store', messages)).toBe('JOOR refused this token');
    expect(fieldText('name', 'Name', messages)).toBeUndefined();
  });
});
