import type { ChannelOrder, WarehouseOrder } from './orders.api';
import {
  canRetry,
  canShowMore,
  channelOrderMatches,
  channelOrderRow,
  heldRows,
  nextLimit,
  parseLimit,
  parseSegment,
  retryHint,
  segmentStatus,
  warehouseOrderRow,
} from './order-rows';

const STORE = '3600474b-a880-46ea-91c4-828149d134ce';
const names = new Map([[STORE, 'Demo shop']]);

function warehouse(overrides: Partial<WarehouseOrder> = {}): WarehouseOrder {
  return {
    id: '7ccc4753-2d82-43f9-9b94-d0174622caf2',
    storeId: STORE,
    externalId: 'gid://shopify/Order/1',
    externalNumber: '#1001',
    reference: null,
    warehouseId: 'w1',
    shippingProcessId: null,
    status: 'open',
    holdReason: null,
    shippingAddress: null,
    channelAllocationIds: [],
    lines: [
      { id: 'l1', productId: 'p1', sku: 'TEE-M', quantity: 2, shippedQuantity: 0, reservedQuantity: 2, externalLineId: '1', problem: null },
      {
        id: 'l2',
        productId: null,
        sku: 'MUG',
        quantity: 1,
        shippedQuantity: 0,
        reservedQuantity: 0,
        externalLineId: '2',
        problem: 'No product with SKU MUG',
      },
      { id: 'l3', productId: 'p3', sku: 'CAP', quantity: 0, shippedQuantity: 0, reservedQuantity: 0, externalLineId: '3', problem: null },
    ],
    createdAt: '2026-07-01T10:00:00Z',
    updatedAt: '2026-07-01T10:00:00Z',
    ...overrides,
  };
}

function channel(overrides: Partial<ChannelOrder> = {}): ChannelOrder {
  return {
    id: 'c1',
    externalId: 'gid://shopify/Order/2',
    externalNumber: '#1002',
    state: 'held',
    reason: 'no warehouse for location Backroom',
    problems: [],
    channelUpdatedAt: '2026-07-01T11:00:00Z',
    appliedUpdatedAt: null,
    dueAt: null,
    attempts: 0,
    lastError: null,
    firstSeenAt: '2026-07-01T11:00:00Z',
    importedAt: null,
    warehouseOrders: [],
    ...overrides,
  };
}

describe('order rows', () => {
  it('shows a warehouse order by its number, store, live lines and problems', () => {
    const row = warehouseOrderRow(warehouse(), names);
    expect(row).toMatchObject({
      label: '#1001',
      storeName: 'Demo shop',
      status: 'open',
      held: false,
      reason: null,
      summary: '2 lines, 3 items',
    });
    expect(row.problems).toEqual(['MUG: No product with SKU MUG']);
  });

  it('calls a needs_attention order held, with its reason', () => {
    const row = warehouseOrderRow(warehouse({ status: 'needs_attention', holdReason: 'unmapped SKU MUG' }), names);
    expect(row).toMatchObject({ status: 'held', held: true, reason: 'unmapped SKU MUG' });
  });

  it('names API orders and orders of stores it does not know', () => {
    expect(warehouseOrderRow(warehouse({ storeId: null, externalNumber: null, reference: 'ERP-1' }), names)).toMatchObject({
      storeName: 'API order',
      label: 'ERP-1',
    });
    expect(warehouseOrderRow(warehouse({ storeId: 'other' }), names).storeName).toBe('Unknown store');
  });

  it('shows a channel order with its decision and the warehouse order to open', () => {
    const row = channelOrderRow(
      channel({ warehouseOrders: [{ warehouseOrderId: 'w-o', warehouseId: 'w', shippingProcessId: null }] }),
      STORE,
      names,
    );
    expect(row).toMatchObject({ label: '#1002', status: 'held', held: true, warehouseOrderId: 'w-o', summary: '1 warehouse order' });
    const failed = channelOrderRow(channel({ state: 'failed', reason: null, lastError: 'timeout' }), STORE, names);
    expect(failed).toMatchObject({ reason: 'timeout', summary: 'Not in a warehouse', warehouseOrderId: null });
  });

  it('lists held orders across stores, adding held channel orders that never reached a warehouse', () => {
    const rows = heldRows(
      [warehouse({ status: 'needs_attention', holdReason: 'x' }), warehouse({ id: 'open-one' })],
      [
        {
          storeId: STORE,
          orders: [
            channel(),
            channel({ id: 'c2', warehouseOrders: [{ warehouseOrderId: 'w', warehouseId: 'w', shippingProcessId: null }] }),
          ],
        },
      ],
      names,
    );
    expect(rows.map((r) => r.key)).toEqual(['c:c1', 'w:7ccc4753-2d82-43f9-9b94-d0174622caf2']);
  });
});

describe('what a row allows', () => {
  const held = warehouseOrderRow(warehouse({ status: 'needs_attention', holdReason: 'x' }), names);

  it('lets operators and up retry a held order from a store', () => {
    expect(canRetry(held, 'operator')).toBe(true);
    expect(canRetry(held, 'admin')).toBe(true);
    expect(canRetry(held, 'viewer')).toBe(false);
    expect(canRetry(held, undefined)).toBe(false);
  });

  it('offers no retry for orders that are not held, API orders, or channel orders without a warehouse order', () => {
    expect(canRetry(warehouseOrderRow(warehouse(), names), 'admin')).toBe(false);
    expect(canRetry({ ...held, storeId: null }, 'admin')).toBe(false);
    const unrouted = channelOrderRow(channel(), STORE, names);
    expect(canRetry(unrouted, 'admin')).toBe(false);
    expect(retryHint(unrouted)).toMatch(/mappings change/);
    expect(retryHint(held)).toBeNull();
  });

  it('retries a failed channel order that has a warehouse order', () => {
    const failed = channelOrderRow(
      channel({ state: 'failed', warehouseOrders: [{ warehouseOrderId: 'w', warehouseId: 'w', shippingProcessId: null }] }),
      STORE,
      names,
    );
    expect(canRetry(failed, 'operator')).toBe(true);
  });
});

describe('filters', () => {
  it('reads the segment and limit from the URL', () => {
    expect(parseSegment('held')).toBe('held');
    expect(parseSegment('bogus')).toBe('all');
    expect(parseSegment(null)).toBe('all');
    expect(segmentStatus('held')).toBe('needs_attention');
    expect(segmentStatus('all')).toBeUndefined();
    expect(segmentStatus('shipped')).toBe('shipped');
    expect(parseLimit('300')).toBe(300);
    expect(parseLimit('9000')).toBe(500);
    expect(parseLimit('x')).toBe(100);
  });

  it('pages by a growing limit up to the API maximum', () => {
    expect(canShowMore(100, 100)).toBe(true);
    expect(canShowMore(40, 100)).toBe(false);
    expect(canShowMore(500, 500)).toBe(false);
    expect(nextLimit(100)).toBe(200);
    expect(nextLimit(450)).toBe(500);
  });

  it('searches a held channel order by number, channel id, reason and line problems, as the API does for warehouse orders', () => {
    const order = channel({ problems: [{ externalLineId: '9', sku: 'TEE-XL', problem: 'no product with this SKU' }] });
    expect(channelOrderMatches(order, '1002')).toBe(true);
    expect(channelOrderMatches(order, 'Order/2')).toBe(true);
    expect(channelOrderMatches(order, 'BACKROOM')).toBe(true);
    expect(channelOrderMatches(order, 'tee-xl')).toBe(true);
    expect(channelOrderMatches(order, 'with this')).toBe(true);
    expect(channelOrderMatches(order, 'nothing')).toBe(false);
    expect(channelOrderMatches(channel({ externalNumber: null, reason: null }), '1002')).toBe(false);
    expect(channelOrderMatches(order, '  ')).toBe(true);
  });
});
