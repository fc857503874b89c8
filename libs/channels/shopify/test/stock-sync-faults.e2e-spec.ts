import { OutboxRelayService, OutboxSweeperService, Role } from '@gantry/core';
import { levelOf } from '@gantry/testing';
import fc from 'fast-check';
import Redis from 'ioredis';
import { startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';
import { setFaults, settled, setupStockSync, shopifyAvailable, type StockFixture } from './stock-sync.fixture';

jest.setTimeout(240_000);

interface Move {
  sku: number;
  quantity: number;
}

/** Sends the moves in batches as the warehouse would; picks never take more than is on hand. */
async function play(env: ShopifyTestEnv, f: StockFixture, moves: Move[], batchSize: number, onHand: number[]): Promise<void> {
  for (let i = 0; i < moves.length; i += batchSize) {
    const movements = moves.slice(i, i + batchSize).map((m) => {
      const index = m.sku % f.products.length;
      const take = m.quantity < 0 && (onHand[index] ?? 0) >= -m.quantity;
      const quantity = take ? -m.quantity : Math.abs(m.quantity);
      onHand[index] = (onHand[index] ?? 0) + (take ? -quantity : quantity);
      return { type: take ? 'pick' : 'receipt', sku: f.products[index]?.product.sku, warehouseId: f.warehouse.id, quantity };
    });
    await env.t.http().post('/api/v1/stock/movements/batch').send({ movements }).expect(201);
  }
}

async function expectShopifyEquals(env: ShopifyTestEnv, f: StockFixture, expected: (i: number, wms: number) => number): Promise<void> {
  const got: number[] = [];
  const want: number[] = [];
  for (const [i, p] of f.products.entries()) {
    got.push(await shopifyAvailable(env, f, p.inventoryItemId));
    want.push(expected(i, (await levelOf(env.t, p.product.sku, f.warehouse.id)).available));
  }
  expect(got).toEqual(want);
}

describe('stock sync under faults', () => {
  let env: ShopifyTestEnv;
  let shops = 0;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: true });
  });
  afterAll(() => env.close());

  it('absolute: Shopify equals the warehouse after a burst with 20 % of calls failing (5xx and resets)', async () => {
    const f = await setupStockSync(env, 'faults-absolute.myshopify.com', {
      mode: 'absolute',
      skuCount: 20,
      windowSeconds: 1,
      shopifyStart: (i) => i,
    });
    await setFaults(env, f.shop, { errorRate: 0.2 });
    const moves = Array.from({ length: 300 }, (_, i) => ({ sku: (i * 7) % 20, quantity: i % 3 === 0 ? -2 : 3 }));
    await play(env, f, moves, 15, []);
    await settled(env, f.storeId);
    await setFaults(env, f.shop, { errorRate: 0 });
    await expectShopifyEquals(env, f, (_i, wms) => wms);
    const failed = await env.t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM stock_push WHERE store_id = $1 AND status = 'failed'`,
      [f.storeId],
    );
    expect(failed[0]?.n).toBe(0);
  });

  it('delta: every change is applied exactly once despite 20 % failing calls', async () => {
    // Shopify starts with stock the warehouse never knew about; delta mode must leave it in place.
    const f = await setupStockSync(env, 'faults-delta.myshopify.com', {
      mode: 'delta',
      skuCount: 20,
      windowSeconds: 1,
      shopifyStart: (i) => 100 + i,
    });
    await setFaults(env, f.shop, { errorRate: 0.2 });
    const moves = Array.from({ length: 300 }, (_, i) => ({ sku: (i * 11) % 20, quantity: i % 4 === 0 ? -1 : 2 }));
    await play(env, f, moves, 10, []);
    await settled(env, f.storeId);
    await setFaults(env, f.shop, { errorRate: 0 });
    await expectShopifyEquals(env, f, (i, wms) => 100 + i + wms);
  });

  it('loses nothing when Redis is wiped in the middle of a burst', async () => {
    const f = await setupStockSync(env, 'faults-redis.myshopify.com', { mode: 'absolute', skuCount: 20, windowSeconds: 1 });
    const onHand: number[] = [];
    const moves = Array.from({ length: 200 }, (_, i) => ({ sku: (i * 3) % 20, quantity: i % 5 === 0 ? -1 : 1 }));
    await play(env, f, moves.slice(0, 100), 10, onHand);
    // Everything Gantry keeps in Redis is gone, as after FLUSHALL.
    const redis = new Redis(process.env.REDIS_URL as string);
    const keys = await redis.keys(`${process.env.REDIS_PREFIX as string}:*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    redis.disconnect();
    await play(env, f, moves.slice(100), 10, onHand);
    // The sweeper would re-drive relayed-but-unhandled events after its grace period; run it now instead of waiting.
    await new Promise((r) => setTimeout(r, 1100));
    await env.t.app.get(OutboxSweeperService).sweep(0);
    env.t.app.get(OutboxRelayService).wake();
    await settled(env, f.storeId);
    await expectShopifyEquals(env, f, (_i, wms) => wms);
  });

  it('property: random movements, modes, faults and interleavings always converge', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          mode: fc.constantFrom<'absolute' | 'delta'>('absolute', 'delta'),
          errorRate: fc.constantFrom(0, 0.1, 0.25),
          reorderWebhooks: fc.boolean(),
          batchSize: fc.integer({ min: 1, max: 25 }),
          moves: fc.array(fc.record({ sku: fc.nat(7), quantity: fc.integer({ min: -4, max: 6 }).filter((q) => q !== 0) }), {
            minLength: 1,
            maxLength: 80,
          }),
        }),
        async ({ mode, errorRate, reorderWebhooks, batchSize, moves }) => {
          shops += 1;
          const f = await setupStockSync(env, `faults-prop-${shops}.myshopify.com`, {
            mode,
            skuCount: 8,
            windowSeconds: 1,
            shopifyStart: (i) => 10 * i,
          });
          await setFaults(env, f.shop, { errorRate, reorderWebhooks });
          await play(env, f, moves, batchSize, []);
          await settled(env, f.storeId);
          await setFaults(env, f.shop, { errorRate: 0, reorderWebhooks: false });
          if (mode === 'absolute') {
            // Items no movement touched still hold Shopify's own numbers until a reconcile corrects them.
            await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${f.storeId}/stock-reconcile`).expect(200);
            await settled(env, f.storeId);
          }
          await expectShopifyEquals(env, f, (i, wms) => (mode === 'absolute' ? wms : 10 * i + wms));
        },
      ),
      // Each run builds a shop and waits for convergence: no shrinking, the first counterexample is reported as is.
      { numRuns: 4, seed: 20261123, endOnFailure: true },
    );
  });
});
