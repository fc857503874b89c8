import { retrySource, retryTargets } from './retry-targets';

describe('retrySource', () => {
  it('names the list each retryable kind is matched against, and none for the rest', () => {
    expect(retrySource('order-import')).toBe('channel-orders');
    expect(retrySource('return-reconcile')).toBe('channel-returns');
    expect(retrySource('fulfillment-push')).toBe('fulfillment-pushes');
    expect(retrySource('wholesale-export')).toBe('exports');
    expect(retrySource('stock-push')).toBeNull();
    expect(retrySource('product-sync')).toBeNull();
  });
});

describe('retryTargets', () => {
  it('retries held or failed orders through their warehouse order, never one without', () => {
    const targets = retryTargets({
      source: 'channel-orders',
      rows: [
        { externalId: 'gid://o/1', externalNumber: '#1001', state: 'held', warehouseOrders: [{ warehouseOrderId: 'w-1' }] },
        { externalId: 'gid://o/2', externalNumber: null, state: 'failed', warehouseOrders: [] },
        { externalId: 'gid://o/3', externalNumber: '#1003', state: 'imported', warehouseOrders: [{ warehouseOrderId: 'w-3' }] },
      ],
    });
    expect([...targets]).toEqual([['gid://o/1', { path: '/orders/w-1/retry', label: 'order #1001', role: 'operator' }]]);
  });

  it('retries held or failed returns and shipment pushes', () => {
    expect(
      retryTargets({
        source: 'channel-returns',
        rows: [
          { id: 'r1', externalId: 'gid://r/1', externalName: '#R1', state: 'failed' },
          { id: 'r2', externalId: 'gid://r/2', externalName: null, state: 'closed' },
        ],
      }).get('gid://r/1'),
    ).toEqual({ path: '/channel-returns/r1/retry', label: 'return #R1', role: 'operator' });
    const pushes = retryTargets({ source: 'fulfillment-pushes', rows: [{ id: 'p1', shipmentId: 's1', state: 'held' }] });
    expect(pushes.get('s1')?.path).toBe('/fulfillment-pushes/p1/retry');
  });

  it("retries a source order's export only when its latest export failed", () => {
    const targets = retryTargets({
      source: 'exports',
      rows: [
        { id: 'e3', sourceOrderId: '700001', status: 'exported' },
        { id: 'e1', sourceOrderId: '700001', status: 'failed' },
        { id: 'e2', sourceOrderId: '700003', status: 'failed' },
      ],
    });
    expect([...targets.keys()]).toEqual(['700003']);
    expect(targets.get('700003')).toEqual({ path: '/exports/e2/retry', label: 'export of order 700003', role: 'integration_manager' });
  });
});
