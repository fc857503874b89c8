import { CredentialCipher, Role, StoreService } from '@gantry/core';
import { SHOPIFY_REQUIRED_SCOPES, SHOPIFY_WEBHOOK_TOPICS, WebhookRegistrationBootJob, WebhookSubscriptionService } from '@gantry/shopify';
import { beginInstall, connectShop, createShop, followCallback, gql, sign, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';

describe('Shopify: adding a store over OAuth', () => {
  let env: ShopifyTestEnv;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: false });
  });
  afterAll(() => env.close());

  const subscriptionsOf = async (shop: string, token: string) => {
    const res = await gql(env, shop, token, '{ webhookSubscriptions(first: 100) { nodes { topic uri } } }');
    return res.data.webhookSubscriptions.nodes as { topic: string; uri: string }[];
  };

  it('walks the whole flow: authorize on Shopify, Install, callback with the cookie → connected, token encrypted, webhooks once', async () => {
    const shop = 'connect-one.myshopify.com';
    const staff = await createShop(env, shop);
    const { storeId, callback, cookie } = await beginInstall(env, 'connect-one');
    expect(cookie).toMatch(/gantry_shopify_oauth_connect-one=/);
    expect(callback.pathname).toBe('/api/v1/auth/shopify/callback');
    const res = await followCallback(callback, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${process.env.APP_URL}/admin/stores/${storeId}`);

    const store = await env.t.http(Role.VIEWER).get(`/api/v1/stores/${storeId}`).expect(200);
    expect(store.body).toMatchObject({ channel: 'shopify', externalAccountId: shop, status: 'connected', missingScopes: [] });
    expect(store.body.settings).toMatchObject({
      createMissingProducts: true,
      stockSync: { enabled: false, mode: 'absolute', windowSeconds: 30 },
    });
    const [row] = await env.t.dataSource.query(`SELECT credentials_encrypted FROM store WHERE id = $1`, [storeId]);
    expect(row.credentials_encrypted).not.toMatch(/shpat_/);
    const credentials = env.t.app.get(CredentialCipher).decryptJson<{ accessToken: string }>(row.credentials_encrypted, storeId);
    expect(credentials.accessToken).toMatch(/^shpat_/);

    const subs = await subscriptionsOf(shop, staff);
    expect(subs.map((s) => s.topic).sort()).toEqual(
      [
        'APP_UNINSTALLED',
        'FULFILLMENTS_CREATE',
        'FULFILLMENT_ORDERS_PLACED_ON_HOLD',
        'FULFILLMENT_ORDERS_HOLD_RELEASED',
        'FULFILLMENT_ORDERS_MOVED',
        'INVENTORY_LEVELS_UPDATE',
        'ORDERS_CANCELLED',
        'ORDERS_CREATE',
        'ORDERS_EDITED',
        'ORDERS_FULFILLED',
        'ORDERS_PAID',
        'ORDERS_UPDATED',
        'RETURNS_APPROVE',
        'RETURNS_DECLINE',
        'RETURNS_CANCEL',
        'RETURNS_CLOSE',
        'RETURNS_REOPEN',
        'RETURNS_REQUEST',
      ].sort(),
    );
    expect(new Set(subs.map((s) => s.uri))).toEqual(new Set([`${process.env.APP_URL}/api/v1/webhooks/shopify`]));

    // Connecting again: same store, nothing registered twice.
    expect(await connectShop(env, 'https://admin.shopify.com/store/connect-one/products')).toBe(storeId);
    expect(await subscriptionsOf(shop, staff)).toHaveLength(SHOPIFY_WEBHOOK_TOPICS.length);
  });

  it('gives connected stores the topics a new version subscribes to when a worker starts, creating only those missing', async () => {
    const shop = 'connect-boot.myshopify.com';
    const staff = await createShop(env, shop);
    const storeId = await connectShop(env, shop);
    const [row] = await env.t.dataSource.query(`SELECT credentials_encrypted FROM store WHERE id = $1`, [storeId]);
    const { accessToken } = env.t.app.get(CredentialCipher).decryptJson<{ accessToken: string }>(row.credentials_encrypted, storeId);
    // As if this store had connected under a version that did not subscribe to orders/edited.
    const mine = await gql(env, shop, accessToken, '{ webhookSubscriptions(first: 100) { nodes { id topic } } }');
    const edited = (mine.data.webhookSubscriptions.nodes as { id: string; topic: string }[]).find((n) => n.topic === 'ORDERS_EDITED');
    const removed = await gql(
      env,
      shop,
      accessToken,
      'mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { userErrors { message } } }',
      {
        id: edited?.id,
      },
    );
    expect(removed.data.webhookSubscriptionDelete.userErrors).toEqual([]);
    expect((await subscriptionsOf(shop, staff)).map((s) => s.topic)).not.toContain('ORDERS_EDITED');

    // The worker's job (this app runs the API role only).
    const job = new WebhookRegistrationBootJob(env.t.app.get(StoreService), env.t.app.get(WebhookSubscriptionService));
    const report = await job.run();
    expect(report.find((r) => r.storeId === storeId)?.created).toEqual(['ORDERS_EDITED']);
    const after = await subscriptionsOf(shop, staff);
    expect(after).toHaveLength(SHOPIFY_WEBHOOK_TOPICS.length);
    expect(after.map((s) => s.topic)).toContain('ORDERS_EDITED');
  });

  it('accepts the forms a merchant pastes and refuses other hosts with 400 before any request leaves', async () => {
    await createShop(env, 'paste-form.myshopify.com');
    for (const input of [
      'paste-form',
      'paste-form.myshopify.com',
      'https://paste-form.myshopify.com/admin',
      'https://admin.shopify.com/store/paste-form/orders?x=1',
    ]) {
      const res = await env.t.http(Role.INTEGRATION_MANAGER).post('/api/v1/stores/shopify').send({ shopDomain: input }).expect(201);
      expect(new URL(res.body.authorizeUrl).pathname).toBe('/paste-form.myshopify.com/admin/oauth/authorize');
    }
    const before = await env.t.dataSource.query(`SELECT count(*)::int AS n FROM store`);
    for (const input of [
      'evil.com',
      'shop.myshopify.com.evil.com',
      'https://evil.com/admin',
      'a b.myshopify.com',
      'https://shop.myshopify.com@evil.com',
      '',
    ]) {
      const res = await env.t.http(Role.INTEGRATION_MANAGER).post('/api/v1/stores/shopify').send({ shopDomain: input }).expect(400);
      expect(JSON.stringify(res.body)).toContain('shopDomain');
    }
    expect(await env.t.dataSource.query(`SELECT count(*)::int AS n FROM store`)).toEqual(before);
    await env.t.http(Role.OPERATOR).post('/api/v1/stores/shopify').send({ shopDomain: 'paste-form' }).expect(403);
  });

  it('refuses a forged hmac, a wrong state and another browser’s nonce', async () => {
    const shop = 'forged-one.myshopify.com';
    await createShop(env, shop);
    const forged = await beginInstall(env, shop);
    forged.callback.searchParams.set('hmac', '0'.repeat(64));
    expect((await followCallback(forged.callback, forged.cookie)).status).toBe(400);

    const wrongState = await beginInstall(env, shop);
    wrongState.callback.searchParams.set('state', 'f'.repeat(64));
    expect((await followCallback(wrongState.callback, wrongState.cookie)).status).toBe(400);

    const first = await beginInstall(env, shop);
    const second = await beginInstall(env, shop);
    expect((await followCallback(first.callback, second.cookie)).status).toBe(400);
    expect((await followCallback(first.callback, '')).status).toBe(400);
    const store = await env.t.http().get(`/api/v1/stores/${first.storeId}`).expect(200);
    expect(store.body.status).toBe('disconnected');
    // The honest flow still works with its own cookie.
    expect((await followCallback(first.callback, first.cookie)).status).toBe(302);
    expect((await env.t.http().get(`/api/v1/stores/${first.storeId}`).expect(200)).body.status).toBe('connected');
  });

  it('marks a store granted fewer scopes needs_reauth with what is missing; reconnecting upgrades it in place', async () => {
    const shop = 'scopes-one.myshopify.com';
    await createShop(env, shop);
    const granted = SHOPIFY_REQUIRED_SCOPES.filter((s) => !s.includes('returns') && s !== 'write_customers');
    const storeId = await connectShop(env, shop, { scope: granted.join(',') });
    const limited = await env.t.http().get(`/api/v1/stores/${storeId}`).expect(200);
    expect(limited.body.status).toBe('needs_reauth');
    expect(limited.body.missingScopes.sort()).toEqual(['read_returns', 'write_customers', 'write_returns']);

    expect(await connectShop(env, shop)).toBe(storeId);
    const upgraded = await env.t.http().get(`/api/v1/stores/${storeId}`).expect(200);
    expect(upgraded.body).toMatchObject({ id: storeId, status: 'connected', missingScopes: [] });
  });

  it('keeps expiring tokens fresh: refreshed before expiry, the rotated pair stored encrypted', async () => {
    const shop = 'refresh-one.myshopify.com';
    await createShop(env, shop);
    const storeId = await connectShop(env, shop);
    const cipher = env.t.app.get(CredentialCipher);
    const read = async () => {
      const [row] = await env.t.dataSource.query(`SELECT credentials_encrypted FROM store WHERE id = $1`, [storeId]);
      return cipher.decryptJson<{ accessToken: string; refreshToken: string; expiresAt: string }>(row.credentials_encrypted, storeId);
    };
    const issued = await read();
    expect(issued.refreshToken).toMatch(/^shprt_/);
    expect(Date.parse(issued.expiresAt)).toBeGreaterThan(Date.now() + 50 * 60_000);
    // The token is about to expire: the next call refreshes it first.
    await env.t.dataSource.query(`UPDATE store SET credentials_encrypted = $2 WHERE id = $1`, [
      storeId,
      cipher.encryptJson({ ...issued, expiresAt: new Date(Date.now() + 60_000).toISOString() }, storeId),
    ]);
    await env.t.http().get(`/api/v1/stores/${storeId}/locations`).expect(200);
    const rotated = await read();
    expect(rotated.accessToken).not.toBe(issued.accessToken);
    expect(rotated.refreshToken).not.toBe(issued.refreshToken);
    expect(Date.parse(rotated.expiresAt)).toBeGreaterThan(Date.now() + 50 * 60_000);
    await env.t.http().get(`/api/v1/stores/${storeId}/locations`).expect(200);
    expect((await read()).accessToken).toBe(rotated.accessToken);
  });

  it('hands a delivery to the worker through the outbox in the same transaction as the inbox row (an API-only process)', async () => {
    const shop = 'outbox-one.myshopify.com';
    await createShop(env, shop);
    await connectShop(env, shop);
    const body = '{"id":5}';
    const res = await fetch(`${process.env.APP_URL}/api/v1/webhooks/shopify`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/paid',
        'x-shopify-shop-domain': shop,
        'x-shopify-webhook-id': 'outbox-one-1',
        'x-shopify-hmac-sha256': sign(body),
      },
      body,
    });
    expect(res.status).toBe(200);
    const [row] = await env.t.dataSource.query(`SELECT id, processed_at FROM shopify_webhook_inbox WHERE webhook_id = 'outbox-one-1'`);
    expect(row.processed_at).toBeNull();
    const events = await env.t.dataSource.query(
      `SELECT payload FROM outbox_event WHERE topic = 'webhook.received' AND payload->>'inboxId' = $1`,
      [String(row.id)],
    );
    expect(events).toEqual([{ payload: { channel: 'shopify', inboxId: String(row.id) } }]);
  });

  it('refuses to add a store while the plugin is inactive', async () => {
    await env.t.http().post('/api/v1/plugins/shopify/deactivate').expect(200);
    await env.t.http(Role.INTEGRATION_MANAGER).post('/api/v1/stores/shopify').send({ shopDomain: 'inactive-one' }).expect(409);
    await env.t.http().post('/api/v1/plugins/shopify/activate').expect(200);
  });
});
