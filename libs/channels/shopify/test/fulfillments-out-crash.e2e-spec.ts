import { AppProcess, ensureBuilt, until, within } from '@gantry/testing';
import { importedOrder, settledPush, ship, shopifySide } from './fulfillments-out.fixture';
import { setupOrders, type OrdersFixture } from './orders-in.fixture';
import { ShopifyHoldingProxy } from './shopify-holding.proxy';
import { API_KEY, API_SECRET, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';

jest.setTimeout(180_000);

const ORDERS = 40;
const KILL_AT = 20;
const CREATE = /fulfillmentCreate\(/;

/**
 * A worker is killed with SIGKILL after Shopify created a fulfillment and before the worker heard of it: the answer is
 * held by a proxy, so the moment is reached by an event, not by timing. The replacement must find that fulfillment by
 * reading the order, never create a second one, and push every other shipment exactly once.
 */
describe('fulfillments out: worker killed with SIGKILL between fulfillmentCreate and its record', () => {
  let env: ShopifyTestEnv;
  let proxy: ShopifyHoldingProxy;
  const workers: AppProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    // The API (HTTP, webhooks) runs here; imports and pushes run only in the worker processes, which call the proxy.
    env = await startShopifyEnv({ worker: false });
    proxy = await ShopifyHoldingProxy.start(env.sandboxUrl);
  });
  afterAll(async () => {
    proxy?.disarm();
    await Promise.all(workers.map((w) => w.stop()));
    await proxy?.close();
    await env?.close();
  });

  const startWorker = (): Promise<AppProcess> =>
    AppProcess.start('worker', {
      SHOPIFY_SANDBOX_URL: proxy.url,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      APP_URL: process.env.APP_URL as string,
    });

  it('leaves exactly one fulfillment per shipment', async () => {
    workers.push(await startWorker());
    const f: OrdersFixture = await setupOrders(env, 'ship-kill.myshopify.com', { skuCount: 4, plan: 'plus' });
    const orders = [];
    for (let i = 0; i < ORDERS; i++) {
      orders.push(await importedOrder(env, f, [{ variant: i % 4, quantity: 1 + (i % 2) }]));
    }
    const shipments: string[] = [];
    let killedShipment: string | null = null;
    for (const [i, order] of orders.entries()) {
      const held = i === KILL_AT ? proxy.next(CREATE, 'hold') : null;
      const sku = f.products[i % 4]?.sku;
      const shipment = await ship(env, order.warehouseOrders[0]?.warehouseOrderId ?? '', {
        carrier: 'UPS',
        trackingNumber: `1ZKILL${i}`,
        lines: [{ sku, quantity: 1 + (i % 2) }],
      });
      shipments.push(shipment.id);
      if (held) {
        const request = await within(
          held,
          60_000,
          () => `no fulfillmentCreate within 60 s; worker log:\n${workers[0]?.log().slice(-3000)}`,
        );
        expect(JSON.stringify(request.answer)).toContain('gid://shopify/Fulfillment/');
        await workers[0]?.kill();
        // Shopify created it; the dead worker had only written down that it was sending.
        const [row] = await env.t.dataSource.query<{ shipment_id: string; in_flight: unknown; fulfillments: unknown[] }[]>(
          `SELECT shipment_id, in_flight, fulfillments FROM fulfillment_push WHERE tracking->'numbers' ? $1`,
          [/"numbers":\["([^"]+)"/.exec(request.body)?.[1] ?? ''],
        );
        expect(row?.in_flight).not.toBeNull();
        expect(row?.fulfillments).toEqual([]);
        killedShipment = row?.shipment_id ?? null;
        workers.push(await startWorker());
      }
    }
    expect(killedShipment).not.toBeNull();
    for (const id of shipments) {
      await settledPush(env, f, id, (r) => r.state === 'pushed', 90_000);
    }
    const killed = await settledPush(env, f, killedShipment ?? '');
    expect(killed.reason).toContain('answer was lost');
    // One create per shipment reached Shopify, the held one included; none was sent twice.
    expect(proxy.count(CREATE)).toBe(ORDERS);
    for (const order of orders) {
      const side = await shopifySide(env, f, order.id);
      expect({ order: order.id, fulfillments: side.fulfillments.length, status: side.status }).toEqual({
        order: order.id,
        fulfillments: 1,
        status: 'FULFILLED',
      });
    }
    const open = await until(
      () =>
        env.t.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM fulfillment_push WHERE state <> 'pushed' OR in_flight IS NOT NULL`,
        ),
      (rows) => rows[0]?.n === 0,
      'every push settled',
    );
    expect(open[0]?.n).toBe(0);
  });
});
