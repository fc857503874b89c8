import { until } from '@gantry/testing';
import { importedOrder, settledPush, ship, shopifySide } from './fulfillments-out.fixture';
import { setupOrders } from './orders-in.fixture';
import { startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';
import { setFaults } from './stock-sync.fixture';

jest.setTimeout(60_000);

interface LoggedCall {
  staff: boolean;
  operationName: string | null;
  fault: string | null;
  throttled: boolean;
}

/**
 * A fulfillmentCreate applied by Shopify whose answer was lost, then the read that should settle it throttled: the push
 * keeps its in-flight record through the throttled read and adopts the fulfillment Shopify made (found by the
 * all-faults test: the throttled read dropped the record, the create was refused as closed, and the push ended
 * "skipped" without the fulfillment it had made).
 */
describe('fulfillments out: a lost answer, then a throttled read', () => {
  let env: ShopifyTestEnv;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: true });
  });
  afterAll(() => env.close());

  const appCalls = async (shop: string): Promise<LoggedCall[]> =>
    ((await (await fetch(`${env.sandboxUrl}/__sandbox/shops/${shop}/log`)).json()) as { calls: LoggedCall[] }).calls.filter(
      (c) => !c.staff,
    );

  it('adopts the fulfillment the lost create made', async () => {
    const f = await setupOrders(env, 'lost-answer.myshopify.com');
    const sku = f.products[0]?.sku ?? '';
    const order = await importedOrder(env, f, [{ variant: 0, quantity: 2 }]);
    // Every call is applied and its answer lost, until the create has been sent once.
    await setFaults(env, f.shop, { errorAfterRate: 1 });
    const shipment = await ship(env, order.warehouseOrders[0]?.warehouseOrderId ?? '', {
      carrier: 'UPS',
      trackingNumber: '1ZLOST',
      lines: [{ sku, quantity: 2 }],
    });
    // Polled every 10 ms, not `until`'s 100: the retry waits the policy's backoff (at least 250 ms) before it reads.
    const deadline = Date.now() + 10_000;
    while (!(await appCalls(f.shop)).some((c) => c.operationName === 'FulfillmentCreate' && c.fault !== null)) {
      if (Date.now() > deadline) {
        throw new Error('the create was not sent');
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    await setFaults(env, f.shop, { errorAfterRate: 0, throttle: true });
    await until(
      async () => (await appCalls(f.shop)).filter((c) => c.operationName === 'FulfillmentState' && c.throttled),
      (calls) => calls.length > 0,
      'the read after it to be throttled',
    );
    await setFaults(env, f.shop, { throttle: false });

    const push = await settledPush(env, f, shipment.id);
    expect(push).toMatchObject({ state: 'pushed', outcomeUnknown: false });
    expect(push.fulfillments).toHaveLength(1);
    const side = await shopifySide(env, f, order.id);
    expect(side.fulfillments.map((x) => ({ id: x.id, numbers: x.trackingInfo.map((t) => t.number) }))).toEqual([
      { id: push.fulfillments[0]?.externalId, numbers: ['1ZLOST'] },
    ]);
    // The one create sent: the lost one.
    expect((await appCalls(f.shop)).filter((c) => c.operationName === 'FulfillmentCreate')).toHaveLength(1);
  });
});
