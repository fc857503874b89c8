import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChannelAdapterException, ChannelErrorCode, type ChannelContext } from '@gantry/core';
import type { JoorApiClient, JoorOrderList, JoorQuery } from './client/joor-api.client';
import { JoorChannelAdapter } from './joor-channel.adapter';

const example = JSON.parse(readFileSync(join(__dirname, 'orders', 'fixtures', 'joor-order.json'), 'utf8')) as Record<string, unknown>;
const order = (id: string, change: Record<string, unknown> = {}) => ({ ...example, order_id: id, ...change });

/** A client that answers GET /orders with `list` and records the queries. */
function adapterWith(list: Partial<JoorOrderList>): {
  adapter: JoorChannelAdapter;
  queries: JoorQuery[];
  warnings: string[];
  ctx: ChannelContext;
} {
  const queries: JoorQuery[] = [];
  const client = {
    listOrders: (_token: string, query: JoorQuery) => {
      queries.push(query);
      return Promise.resolve({ orders: [], total: null, nextStartFrom: null, accountId: null, ...list });
    },
  } as unknown as JoorApiClient;
  const warnings: string[] = [];
  const ctx = {
    storeId: 's',
    externalAccountId: 'acme',
    credentials: { apiToken: 'token-123' },
    settings: {},
    logger: { log: () => undefined, error: () => undefined, warn: (m: string) => warnings.push(m) },
  } as unknown as ChannelContext;
  return { adapter: new JoorChannelAdapter(client), queries, warnings, ctx };
}

describe('JoorChannelAdapter', () => {
  it('keeps a page when one of its orders is malformed: the others come, the bad one is listed and logged', async () => {
    const { adapter, ctx, warnings } = adapterWith({
      orders: [order('1'), order('2', { line_items: [{ item_price: '1', item_quantity: '2.5' }] }), { order_type: '4' }, order('3')],
      nextStartFrom: 50,
    });

    const page = await adapter.pendingOrders(ctx, null);

    expect(page.items.map((o) => o.externalId)).toEqual(['1', '3']);
    expect(page.nextCursor).toBe('50');
    expect(page.rejected).toEqual([
      { externalId: '2', reason: expect.stringContaining('line_items[0].item_quantity') },
      { externalId: null, reason: expect.stringContaining('order_id is missing') },
    ]);
    expect(warnings).toHaveLength(2);
  });

  it('peeks with the documented filters, starting where the cursor says', async () => {
    const { adapter, ctx, queries } = adapterWith({});
    await adapter.pendingOrders(ctx, null);
    await adapter.pendingOrders(ctx, '100');
    expect(queries).toEqual([
      { order_type: 6, export_status: 2, sync: 0, count: 50, start_from: 0 },
      { order_type: 6, export_status: 2, sync: 0, count: 50, start_from: 100 },
    ]);
  });

  it.each<[string, Partial<JoorOrderList>, string | null, string | null]>([
    ['next_start_from when JOOR gives one', { orders: [order('1')], nextStartFrom: 50 }, null, '50'],
    ['none on the last page', { orders: [order('1')], nextStartFrom: null }, null, null],
    ['counted from total without next_start_from', { orders: [order('1'), order('2')], total: 5 }, '2', '4'],
    ['none when the count reaches total', { orders: [order('1')], total: 3 }, '2', null],
    ['none for a cursor that would not move', { orders: [order('1')], nextStartFrom: 50 }, '50', null],
    ['none for an empty page', { orders: [], total: 10 }, '0', null],
  ])('pages on: %s', async (_case, list, cursor, next) => {
    const { adapter, ctx } = adapterWith(list);
    expect((await adapter.pendingOrders(ctx, cursor)).nextCursor).toBe(next);
  });

  it('marks with a sync=1 request filtered to the order, and reports an answer that names another order', async () => {
    const { adapter, ctx, queries } = adapterWith({ orders: [] });
    await adapter.markExported(ctx, '42');
    expect(queries).toEqual([{ sync: 1, order_type: 6, order_id: '42', count: 1, check: 0 }]);

    const ignoring = adapterWith({ orders: [order('41')] });
    const error = await ignoring.adapter.markExported(ignoring.ctx, '42').catch((e: unknown) => e as ChannelAdapterException);
    expect(error).toBeInstanceOf(ChannelAdapterException);
    expect(error).toMatchObject({ code: ChannelErrorCode.INVALID_DATA, details: { orderId: '42', markedOrderIds: ['41'] } });

    const itself = adapterWith({ orders: [order('42')] });
    await expect(itself.adapter.markExported(itself.ctx, '42')).resolves.toBeUndefined();
  });

  it('declares what the registry and the export engine read', () => {
    const { adapter } = adapterWith({});
    expect(adapter).toMatchObject({ key: 'joor-b2b', name: 'JOOR', capabilities: ['wholesale-order-source'] });
    expect(adapter.defaultSettings()).toBeInstanceOf(adapter.settingsClass);
  });
});
