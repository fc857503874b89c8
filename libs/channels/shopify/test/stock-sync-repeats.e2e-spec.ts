import { Role } from '@gantry/core';
import { until } from '@gantry/testing';
import { gql, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';
import { settled, setupStockSync, shopifyAvailable, type StockFixture } from './stock-sync.fixture';

/**
 * Pushes with the same lines as an earlier one are new writes: a drift set back twice to the same value, or absolute
 * mode switched on twice with nothing moved. Each gets a key of its own (the channel would otherwise answer with the
 * stored result and apply nothing) and the store's claims never stall on a repeated key.
 */
describe('stock sync: pushes that repeat an earlier one', () => {
  let env: ShopifyTestEnv;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: true });
  });
  afterAll(() => env.close());

  const keys = async (f: StockFixture): Promise<string[]> =>
    (
      await env.t.dataSource.query<{ idempotency_key: string }[]>(
        `SELECT idempotency_key FROM stock_push WHERE store_id = $1 ORDER BY id`,
        [f.storeId],
      )
    ).map((r) => r.idempotency_key);

  it('sets Shopify back after the same drift twice, under two keys', async () => {
    const f = await setupStockSync(env, 'repeat-drift.myshopify.com', {
      mode: 'absolute',
      skuCount: 1,
      windowSeconds: 1,
      wmsStart: () => 10,
    });
    const item = f.products[0]?.inventoryItemId ?? '';
    await until(
      () => shopifyAvailable(env, f, item),
      (q) => q === 10,
      'the first push',
    );
    await settled(env, f.storeId);
    for (const edit of ['first', 'second']) {
      const res = await gql(
        env,
        f.shop,
        f.token,
        `mutation($input: InventoryAdjustQuantitiesInput!, $key: String!) { inventoryAdjustQuantities(input: $input) @idempotent(key: $key) { userErrors { message } } }`,
        {
          key: `repeat-drift-${edit}`,
          input: {
            name: 'available',
            reason: 'correction',
            changes: [{ inventoryItemId: item, locationId: f.locationId, delta: -3, changeFromQuantity: null }],
          },
        },
      );
      expect(res.data.inventoryAdjustQuantities.userErrors).toEqual([]);
      await until(
        () => shopifyAvailable(env, f, item),
        (q) => q === 10,
        `the ${edit} drift set back`,
      );
      await settled(env, f.storeId);
    }
    const all = await keys(f);
    expect(new Set(all).size).toBe(all.length);
    expect(all.some((k) => k.endsWith('-r1'))).toBe(true);
  });

  it('switches absolute mode on twice with nothing moved, and every store stays unblocked', async () => {
    const f = await setupStockSync(env, 'repeat-enable.myshopify.com', {
      mode: 'absolute',
      skuCount: 2,
      windowSeconds: 1,
      wmsStart: (i) => 5 + i,
    });
    await settled(env, f.storeId);
    for (let round = 0; round < 2; round++) {
      await env.t
        .http(Role.ADMIN)
        .patch(`/api/v1/stores/${f.storeId}/settings`)
        .send({ stockSync: { enabled: false } })
        .expect(200);
      await env.t
        .http(Role.ADMIN)
        .patch(`/api/v1/stores/${f.storeId}/settings`)
        .send({ stockSync: { enabled: true } })
        .expect(200);
      await settled(env, f.storeId);
    }
    const all = await keys(f);
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(new Set(all).size).toBe(all.length);
    expect(await Promise.all(f.products.map((p) => shopifyAvailable(env, f, p.inventoryItemId)))).toEqual([5, 6]);
  });
});
