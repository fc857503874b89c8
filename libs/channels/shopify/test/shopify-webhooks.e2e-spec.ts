import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Role } from '@gantry/core';
import { connectShop, createShop, gql, sandboxPost, sign, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';

interface InboxRow {
  topic: string;
  outcome: string | null;
  raw_body: string;
  processed_at: Date | null;
}

describe('Shopify webhooks', () => {
  let env: ShopifyTestEnv;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: true });
  });
  afterAll(() => env.close());

  const deliver = (shop: string, topic: string, body: string, options: { id?: string; hmac?: string } = {}) =>
    fetch(`${process.env.APP_URL}/api/v1/webhooks/shopify`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-shop-domain': shop,
        'x-shopify-webhook-id': options.id ?? randomUUID(),
        'x-shopify-api-version': '2026-07',
        'x-shopify-hmac-sha256': options.hmac ?? sign(body),
      },
      body,
    });

  const inbox = async (shop: string): Promise<InboxRow[]> =>
    env.t.dataSource.query(`SELECT topic, outcome, raw_body, processed_at FROM shopify_webhook_inbox WHERE shop_domain = $1 ORDER BY id`, [
      shop,
    ]);

  const waitFor = async <T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > until) {
        return value;
      }
      await sleep(50);
    }
  };

  it('answers 401 to a bad HMAC, stores a duplicate delivery once, and keeps ids beyond 2^53 exactly', async () => {
    const shop = 'hooks-one.myshopify.com';
    await createShop(env, shop);
    await connectShop(env, shop);
    const body = '{"id":820982911946154508999,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508999","name":"#1001"}';
    expect((await deliver(shop, 'orders/create', body, { hmac: sign(body, 'wrong-secret') })).status).toBe(401);
    expect((await deliver(shop, 'orders/create', body, { hmac: '' })).status).toBe(401);
    expect(await inbox(shop)).toEqual([]);

    const id = randomUUID();
    const first = await deliver(shop, 'orders/create', body, { id });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'stored' });
    const again = await deliver(shop, 'orders/create', body, { id });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'duplicate' });
    const rows = await waitFor(
      () => inbox(shop),
      (r) => r.every((x) => x.processed_at !== null),
    );
    expect(rows).toHaveLength(1);
    // Stored as it came; not an order the engine can read (no dates, no lines), so answered once with why.
    expect(rows[0]).toMatchObject({ topic: 'orders/create', outcome: 'invalid: created_at is not a date', raw_body: body });

    expect((await deliver(shop, 'products/whatever', '{}')).status).toBe(200);
    const unknown = await waitFor(
      () => inbox(shop),
      (r) => r.length === 2 && r[1]?.processed_at !== null,
    );
    expect(unknown[1]).toMatchObject({ topic: 'products/whatever', outcome: 'ignored-unknown-topic' });
  });

  it('receives the sandbox’s own signed deliveries; duplicated deliveries leave one inbox row each', async () => {
    const shop = 'hooks-real.myshopify.com';
    const staff = await createShop(env, shop);
    await connectShop(env, shop);
    const seeded = await gql(
      env,
      shop,
      staff,
      `mutation($input: ProductSetInput!) { productSet(input: $input) { product { variants(first: 1) { nodes { id } } } userErrors { message } } }`,
      {
        input: {
          title: 'Mug',
          productOptions: [{ name: 'Title', values: [{ name: 'Default Title' }] }],
          variants: [{ optionValues: [{ optionName: 'Title', name: 'Default Title' }], sku: 'HOOK-MUG', price: '5.00' }],
        },
      },
    );
    const variantId = seeded.data.productSet.product.variants.nodes[0].id as string;
    await sandboxPost(env, '/__sandbox/faults', { shop, duplicateWebhooks: 1 });
    const order = await gql(
      env,
      shop,
      staff,
      `mutation($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) { orderCreate(order: $order, options: $options) { order { id } userErrors { message } } }`,
      {
        order: { lineItems: [{ variantId, quantity: 1 }] },
        options: { inventoryBehaviour: 'BYPASS' },
      },
    );
    expect(order.data.orderCreate.userErrors).toEqual([]);
    await env.sandbox.webhooks.idle();
    const { deliveries } = (await (await fetch(`${env.sandboxUrl}/__sandbox/shops/${shop}/webhook-deliveries`)).json()) as {
      deliveries: { topic: string; webhookId: string; state: string }[];
    };
    const sent = deliveries.filter((d) => d.topic === 'orders/create');
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((d) => d.webhookId)).size).toBe(1);
    expect(sent.every((d) => d.state === 'delivered')).toBe(true);
    const rows = await waitFor(
      () => inbox(shop),
      (r) => r.some((x) => x.topic === 'orders/create') && r.every((x) => x.processed_at !== null),
    );
    const orderRows = rows.filter((r) => r.topic === 'orders/create');
    expect(orderRows).toHaveLength(1);
    expect(orderRows[0]?.raw_body).toContain(order.data.orderCreate.order.id as string);
  });

  it('answers compliance topics: 200 and handled on a valid HMAC, 401 otherwise, even for unknown shops', async () => {
    const shop = 'privacy-one.myshopify.com';
    const bodies: Record<string, string> = {
      'customers/data_request':
        '{"shop_id":954889,"shop_domain":"privacy-one.myshopify.com","customer":{"id":191167,"email":"john@example.com"},"orders_requested":[299938],"data_request":{"id":9999}}',
      'customers/redact':
        '{"shop_id":954889,"shop_domain":"privacy-one.myshopify.com","customer":{"id":191167},"orders_to_redact":[299938]}',
      'shop/redact': '{"shop_id":954889,"shop_domain":"privacy-one.myshopify.com"}',
    };
    for (const [topic, body] of Object.entries(bodies)) {
      expect((await deliver(shop, topic, body, { hmac: sign(body, 'nope') })).status).toBe(401);
      expect((await deliver(shop, topic, body)).status).toBe(200);
    }
    const rows = await waitFor(
      () => inbox(shop),
      (r) => r.length === 3 && r.every((x) => x.processed_at !== null),
    );
    expect(rows.map((r) => [r.topic, r.outcome])).toEqual([
      ['customers/data_request', 'data-request-exported'],
      ['customers/redact', 'customer-redacted'],
      ['shop/redact', 'shop-redacted'],
    ]);
  });

  it('uninstalling the app on Shopify disconnects the store and wipes its token; reinstalling reconnects the same store', async () => {
    const shop = 'uninstall-one.myshopify.com';
    await createShop(env, shop);
    const storeId = await connectShop(env, shop);
    await sandboxPost(env, `/__sandbox/shops/${shop}/uninstall`, {});
    const store = await waitFor(
      async () => (await env.t.http().get(`/api/v1/stores/${storeId}`)).body as { status: string },
      (s) => s.status === 'disconnected',
    );
    expect(store.status).toBe('disconnected');
    const [row] = await env.t.dataSource.query(`SELECT credentials_encrypted FROM store WHERE id = $1`, [storeId]);
    expect(row.credentials_encrypted).toBeNull();
    expect((await inbox(shop)).map((r) => [r.topic, r.outcome])).toEqual([['app/uninstalled', 'disconnected']]);

    // Deliveries for a disconnected shop are acknowledged and dropped: at once, or, within the two seconds the endpoint
    // remembers a connected store, stored and dropped by the worker.
    const late = await deliver(shop, 'orders/create', '{"id":1}');
    const { status } = (await late.json()) as { status: string };
    expect(['dropped', 'stored']).toContain(status);
    if (status === 'stored') {
      const handled = await waitFor(
        () => inbox(shop),
        (r) => r.length === 2 && r.every((x) => x.processed_at !== null),
      );
      expect(handled.map((r) => r.outcome)).toEqual(['disconnected', 'dropped-disconnected']);
    }
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await (await deliver(shop, 'orders/create', '{"id":2}')).json()).toEqual({ status: 'dropped' });
    expect(await connectShop(env, shop)).toBe(storeId);
    expect((await env.t.http().get(`/api/v1/stores/${storeId}`).expect(200)).body.status).toBe('connected');
  });

  it('disconnect wipes the token and stops webhook processing at once; products on Shopify are untouched', async () => {
    const shop = 'disconnect-one.myshopify.com';
    const staff = await createShop(env, shop);
    await gql(env, shop, staff, 'mutation { productCreate(product: { title: "Kept" }) { product { id } userErrors { message } } }');
    const storeId = await connectShop(env, shop);
    await env.t.http(Role.OPERATOR).post(`/api/v1/stores/${storeId}/disconnect`).expect(403);
    const res = await env.t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${storeId}/disconnect`).expect(200);
    expect(res.body.status).toBe('disconnected');
    const [row] = await env.t.dataSource.query(`SELECT credentials_encrypted FROM store WHERE id = $1`, [storeId]);
    expect(row.credentials_encrypted).toBeNull();
    expect(await (await deliver(shop, 'orders/create', '{"id":2}')).json()).toEqual({ status: 'dropped' });
    expect(await inbox(shop)).toEqual([]);
    const products = await gql(env, shop, staff, '{ products(first: 5) { nodes { title } } }');
    expect(products.data.products.nodes).toEqual([{ title: 'Kept' }]);
    await env.t
      .http()
      .post(`/api/v1/stores/${storeId}/product-sync`)
      .expect((r) => expect([404, 409]).toContain(r.status));
  });
});
