import type { ChannelContext, ChannelOrder } from '@gantry/core';
import type { ShopifyBulkOperationClient } from '../graphql/shopify-bulk-operation.client';
import type { ShopifyGraphqlClient } from '../graphql/shopify-graphql.client';
import { FulfillmentOrderReader } from './fulfillment-order.reader';
import { ShopifyOrderClient } from './shopify-order.client';

const ctx = { storeId: 's', externalAccountId: 'shop.myshopify.com', credentials: {}, settings: {} } as unknown as ChannelContext;

const orderLine = (n: number, updatedAt = '2026-12-01T10:00:00Z'): Record<string, unknown> => ({
  id: `gid://shopify/Order/${n}`,
  name: `#${n}`,
  createdAt: '2026-12-01T09:00:00Z',
  updatedAt,
  cancelledAt: null,
  closedAt: null,
  displayFinancialStatus: 'PAID',
  displayFulfillmentStatus: 'UNFULFILLED',
  tags: [],
  shippingAddress: null,
});
const itemLine = (order: number, line: number): Record<string, unknown> => ({
  id: `gid://shopify/LineItem/${order * 10 + line}`,
  sku: `SKU-${line}`,
  title: 'Thing',
  currentQuantity: 1,
  requiresShipping: true,
  variant: { id: `gid://shopify/ProductVariant/${line}` },
  __parentId: `gid://shopify/Order/${order}`,
});

/** A client whose pages always say "more" (so it switches to the bulk export) and whose export holds `lines`. */
function clientWith(lines: unknown[][], pageOrders: (n: number) => Record<string, unknown>[] = () => []): ShopifyOrderClient {
  let pages = 0;
  const graphql = {
    request: (_ctx: unknown, query: string) => {
      if (query.includes('OrdersPage')) {
        const nodes = pageOrders(pages++).map((o) => ({
          ...o,
          lineItems: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
        }));
        return Promise.resolve({ data: { orders: { nodes, pageInfo: { hasNextPage: true, endCursor: `c${pages}` } } }, cost: null });
      }
      if (query.includes('OrdersByIds')) {
        return Promise.resolve({ data: { nodes: [] }, cost: null });
      }
      throw new Error(`unexpected query ${query.slice(0, 40)}`);
    },
  } as unknown as ShopifyGraphqlClient;
  const bulk = {
    start: () => Promise.resolve('gid://shopify/BulkOperation/1'),
    waitFor: () => Promise.resolve('https://bulk.example/file.jsonl'),
    lines: async function* () {
      for (const chunk of lines) {
        yield await Promise.resolve(chunk);
      }
    },
  } as unknown as ShopifyBulkOperationClient;
  return new ShopifyOrderClient(graphql, bulk, new FulfillmentOrderReader(graphql));
}

async function collect(client: ShopifyOrderClient): Promise<ChannelOrder[][]> {
  const batches: ChannelOrder[][] = [];
  for await (const batch of client.changedSince(ctx, new Date('2026-12-01T00:00:00Z'))) {
    batches.push(batch);
  }
  return batches;
}

describe('ShopifyOrderClient.changedSince', () => {
  it('hands on every order of a bulk export whose size is a multiple of the batch (the last full batch too)', async () => {
    const lines = Array.from({ length: 500 }, (_, n) => [orderLine(n + 1), itemLine(n + 1, 1)]);
    const batches = await collect(clientWith([lines.flat()]));
    const orders = batches.flat();
    expect(orders).toHaveLength(500);
    expect(new Set(orders.map((o) => o.externalId)).size).toBe(500);
    expect(batches.map((b) => b.length)).toEqual([250, 250]);
    expect(orders[499]?.lines).toEqual([
      {
        externalLineId: 'gid://shopify/LineItem/5001',
        channelItemId: 'gid://shopify/ProductVariant/1',
        sku: 'SKU-1',
        quantity: 1,
        title: 'Thing',
      },
    ]);
  });

  it('assembles each order from its line items across chunk boundaries, and a partial last batch', async () => {
    const all = Array.from({ length: 3 }, (_, n) => [orderLine(n + 1), itemLine(n + 1, 1), itemLine(n + 1, 2)]).flat();
    const batches = await collect(clientWith([all.slice(0, 2), all.slice(2, 5), all.slice(5)]));
    expect(batches.flat().map((o) => [o.externalId, o.lines.length])).toEqual([
      ['gid://shopify/Order/1', 2],
      ['gid://shopify/Order/2', 2],
      ['gid://shopify/Order/3', 2],
    ]);
  });

  it('reads pages first and switches to the bulk export after three, from the last change seen', async () => {
    const batches = await collect(clientWith([[orderLine(99)]], (page) => [orderLine(page + 1, `2026-12-01T10:0${page}:00Z`)]));
    expect(batches.map((b) => b.map((o) => o.externalId))).toEqual([
      ['gid://shopify/Order/1'],
      ['gid://shopify/Order/2'],
      ['gid://shopify/Order/3'],
      ['gid://shopify/Order/99'],
    ]);
  });
});
