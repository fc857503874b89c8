import { levelOf, until } from '@gantry/testing';
import { importedOrder, settledPush, ship } from './fulfillments-out.fixture';
import { setupOrders, type OrdersFixture } from './orders-in.fixture';
import { decidedReturn, requestReturn, returnMutation, shopifyAvailable, shopifyReturn } from './returns.fixture';
import { startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';
import { settled } from './stock-sync.fixture';

jest.setTimeout(120_000);

/**
 * Returns Shopify ⇄ WMS over real HTTP: returns requested and approved on the sandbox become expected returns in the
 * WMS; what the WMS receives is disposed on Shopify and the return closed; a restocked unit counts once on Shopify.
 */
describe('returns: Shopify ⇄ WMS', () => {
  let env: ShopifyTestEnv;
  let shops = 0;
  const nextShop = (): string => `returns-${++shops}.myshopify.com`;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: true });
  });
  afterAll(() => env.close());

  /** A store with returns on, an order of `quantity` × product 0 imported, shipped and fulfilled on Shopify. */
  async function shippedOrder(
    settings: Record<string, unknown>,
    quantity = 2,
  ): Promise<{ f: OrdersFixture; orderId: string; wmsOrderId: string; sku: string }> {
    const f = await setupOrders(env, nextShop());
    await env.t.http().patch(`/api/v1/stores/${f.storeId}/settings`).send(settings).expect(200);
    const sku = f.products[0]?.sku ?? '';
    const order = await importedOrder(env, f, [{ variant: 0, quantity }]);
    const wmsOrderId = order.warehouseOrders[0]?.warehouseOrderId ?? '';
    const shipment = await ship(env, wmsOrderId, { carrier: 'UPS', trackingNumber: `1Z${shops}`, lines: [{ sku, quantity }] });
    await settledPush(env, f, shipment.id, (r) => r.state === 'pushed');
    return { f, orderId: order.id, wmsOrderId, sku };
  }

  const wmsReturn = async (id: string) =>
    (await env.t.http().get(`/api/v1/returns/${id}`).expect(200)).body as {
      status: string;
      warehouseId: string;
      lines: { sku: string; quantity: number; receivedQuantity: number }[];
    };

  for (const mode of ['delta', 'absolute'] as const) {
    it(`${mode}: request → approve → expected in the WMS → received with restock → disposed, closed, counted once`, async () => {
      const { f, orderId, sku } = await shippedOrder({
        returns: { enabled: true, autoClose: true },
        stockSync: { enabled: true, mode, windowSeconds: 1 },
      });
      const variant = f.variants[0] ?? '';
      const location = f.locations[0] ?? '';
      const warehouse = f.warehouses[0]?.id ?? '';
      await settled(env, f.storeId);
      const before = { shopify: await shopifyAvailable(env, f, variant, location), wms: (await levelOf(env.t, sku, warehouse)).available };
      if (mode === 'absolute') {
        expect(before.shopify).toBe(before.wms);
      }

      const returnId = await requestReturn(env, f, orderId, [{ sku, quantity: 2 }]);
      expect(await decidedReturn(env, f, returnId)).toMatchObject({ state: 'requested', warehouseReturnId: null });
      await returnMutation(env, f, 'returnApproveRequest(input: { id: $id })', '($id: ID!)', { id: returnId });
      const expected = await decidedReturn(env, f, returnId, (r) => r.state === 'expected');
      const wms = await wmsReturn(expected.warehouseReturnId ?? '');
      expect(wms).toMatchObject({ status: 'expected', warehouseId: warehouse });
      expect(wms.lines).toEqual([expect.objectContaining({ sku, quantity: 2, receivedQuantity: 0 })]);

      // Shopify's available, sampled from the receipt until the end: it must never show the restocked unit twice.
      const seen: number[] = [];
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          seen.push(await shopifyAvailable(env, f, variant, location));
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      // One unit back on the shelf, one damaged.
      await env.t
        .http()
        .post(`/api/v1/returns/${expected.warehouseReturnId}/receive`)
        .send({
          lines: [
            { sku, quantity: 1, restock: true },
            { sku, quantity: 1, restock: false },
          ],
        })
        .expect(200);
      // Absolute mode: the warehouse's new level waits for the channel's own restocking before it is pushed (at least
      // STOCK_ORDER_WAIT.minSeconds), so the channel never holds the unit twice; delta mode leaves it out of the delta.
      if (mode === 'absolute') {
        await until(
          async () =>
            (
              await env.t.dataSource.query<{ n: number }[]>(
                `SELECT count(*)::int AS n FROM stock_sync_item WHERE store_id = $1 AND product_id = $2 AND awaits_orders_since IS NOT NULL`,
                [f.storeId, f.products[0]?.id ?? ''],
              )
            )[0]?.n,
          (n) => n === 1,
          'the pair to wait for the restocking disposal',
          5_000,
        );
      }
      await decidedReturn(env, f, returnId, (r) => r.state === 'closed');
      // The run that disposed it says so (a later read of the closed return only confirms the state).
      const items = await env.t.dataSource.query<{ reason: string | null }[]>(
        `SELECT i.reason FROM sync_run_item i JOIN sync_run r ON r.id = i.sync_run_id WHERE r.store_id = $1 AND r.kind = 'return-sync' AND i.outcome = 'closed'`,
        [f.storeId],
      );
      expect(items.map((i) => i.reason)).toContain('recorded 2 unit(s) on the channel; closed on the channel');
      const onShopify = await shopifyReturn(env, f, returnId);
      expect(onShopify.status).toBe('CLOSED');
      expect(onShopify.dispositions.sort((a, b) => a.type.localeCompare(b.type))).toEqual([
        { type: 'NOT_RESTOCKED', quantity: 1, location: null },
        { type: 'RESTOCKED', quantity: 1, location },
      ]);
      // The restocked unit counts once on Shopify: the disposal added it, stock sync did not add it again.
      await settled(env, f.storeId);
      await new Promise((r) => setTimeout(r, 2500));
      await settled(env, f.storeId);
      sampling = false;
      await sampler;
      expect(Math.max(...seen)).toBe(before.shopify + 1);
      expect((await levelOf(env.t, sku, warehouse)).available).toBe(before.wms + 1);
      expect(await shopifyAvailable(env, f, variant, location)).toBe(before.shopify + 1);
    });
  }

  it('declined or cancelled on Shopify: withdrawn in the WMS when nothing arrived, held when goods did', async () => {
    const { f, orderId, sku } = await shippedOrder({ returns: { enabled: true, autoClose: false } }, 3);
    const declined = await requestReturn(env, f, orderId, [{ sku, quantity: 1 }]);
    await decidedReturn(env, f, declined, (r) => r.state === 'requested');
    await returnMutation(env, f, 'returnDeclineRequest(input: { id: $id, declineReason: OTHER })', '($id: ID!)', { id: declined });
    expect(await decidedReturn(env, f, declined, (r) => r.state === 'withdrawn')).toMatchObject({ warehouseReturnId: null });

    const cancelled = await requestReturn(env, f, orderId, [{ sku, quantity: 1 }], 'returnCreate');
    const expected = await decidedReturn(env, f, cancelled, (r) => r.state === 'expected');
    await returnMutation(env, f, 'returnCancel(id: $id)', '($id: ID!)', { id: cancelled });
    await decidedReturn(env, f, cancelled, (r) => r.state === 'withdrawn');
    expect((await wmsReturn(expected.warehouseReturnId ?? '')).status).toBe('cancelled');

    const arrived = await requestReturn(env, f, orderId, [{ sku, quantity: 2 }], 'returnCreate');
    const arrivedRow = await decidedReturn(env, f, arrived, (r) => r.state === 'expected');
    await env.t
      .http()
      .post(`/api/v1/returns/${arrivedRow.warehouseReturnId}/receive`)
      .send({ lines: [{ sku, quantity: 1, restock: true }] })
      .expect(200);
    await decidedReturn(env, f, arrived, (r) => r.state === 'expected' && (r.reason ?? '').includes('recorded 1'));
    // autoClose is off: the merchant closes it; the WMS keeps what arrived.
    const onShopify = await shopifyReturn(env, f, arrived);
    expect(onShopify.status).toBe('OPEN');
    expect(onShopify.dispositions).toEqual([{ type: 'RESTOCKED', quantity: 1, location: f.locations[0] }]);
  });

  it('leaves returns alone while return sync is off, and picks them up through reconciliation once on', async () => {
    const { f, orderId, sku } = await shippedOrder({ returns: { enabled: false } });
    const id = await requestReturn(env, f, orderId, [{ sku, quantity: 1 }], 'returnCreate');
    expect(await decidedReturn(env, f, id)).toMatchObject({ state: 'skipped', reason: 'return sync is off for this store' });
    await env.t
      .http()
      .patch(`/api/v1/stores/${f.storeId}/settings`)
      .send({ returns: { enabled: true } })
      .expect(200);
    const run = await env.t
      .http()
      .post(`/api/v1/stores/${f.storeId}/return-import`)
      .send({ since: new Date(Date.now() - 3600_000).toISOString() })
      .expect(200);
    expect(run.body).toMatchObject({ status: 'succeeded' });
    const row = await decidedReturn(env, f, id, (r) => r.state === 'expected');
    expect((await wmsReturn(row.warehouseReturnId ?? '')).status).toBe('expected');
  });
});
