import { ChannelAdapterException, ChannelErrorCode, StoreService } from '@gantry/core';
import { ShopifyGraphqlClient } from '@gantry/shopify';
import { connectShop, createShop, sandboxPost, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';

describe('Shopify GraphQL client: failures as adapter error codes', () => {
  let env: ShopifyTestEnv;
  let client: ShopifyGraphqlClient;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: false });
    client = env.t.app.get(ShopifyGraphqlClient);
  });
  afterAll(() => env.close());

  const failure = async (call: () => Promise<unknown>): Promise<ChannelAdapterException> => {
    try {
      await call();
    } catch (error) {
      expect(error).toBeInstanceOf(ChannelAdapterException);
      return error as ChannelAdapterException;
    }
    throw new Error('expected a failure');
  };

  it('reads data and the query cost; maps throttling, 5xx, bad queries, userErrors and revoked tokens', async () => {
    const shop = 'client-one.myshopify.com';
    await createShop(env, shop);
    const storeId = await connectShop(env, shop);
    const ctx = await env.t.app.get(StoreService).contextFor(storeId);

    const ok = await client.request<{ shop: { name: string } }>(ctx, '{ shop { name } }');
    expect(typeof ok.data.shop.name).toBe('string');
    expect(ok.cost?.throttleStatus?.maximumAvailable).toBeGreaterThan(0);

    await sandboxPost(env, '/__sandbox/faults', { shop, throttle: true });
    const throttled = await failure(() => client.request(ctx, '{ shop { name } }'));
    expect(throttled.code).toBe(ChannelErrorCode.RATE_LIMITED);
    expect(throttled.retryAfterMs).toBeGreaterThanOrEqual(1000);
    await sandboxPost(env, '/__sandbox/faults', { shop, throttle: false, errorRate: 1 });
    expect((await failure(() => client.request(ctx, '{ shop { name } }'))).code).toBe(ChannelErrorCode.TEMPORARY);
    await sandboxPost(env, '/__sandbox/faults', { shop, errorRate: 0 });

    expect((await failure(() => client.request(ctx, '{ shop { nope } }'))).code).toBe(ChannelErrorCode.INVALID_DATA);
    expect(() => ShopifyGraphqlClient.assertNoUserErrors([{ field: ['sku'], message: 'is taken' }], 'productSet')).toThrow(
      expect.objectContaining({ code: ChannelErrorCode.INVALID_DATA, message: 'productSet refused: sku: is taken' }),
    );

    await sandboxPost(env, `/__sandbox/shops/${shop}/uninstall`, {});
    expect((await failure(() => client.request(ctx, '{ shop { name } }'))).code).toBe(ChannelErrorCode.AUTH_REVOKED);
  });
});
