import { CredentialCipher, Role, type AuditEntryView } from '@gantry/core';
import { uniq } from '@gantry/testing';
import request from 'supertest';
import { beginInstall, createShop, followCallback, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';

const PASSWORD = 'correct horse battery staple';

type Entry = Omit<AuditEntryView, 'occurredAt'> & { occurredAt: string };

/**
 * Connecting a Shopify store over the real OAuth round trip leaves one `store.connect` entry naming whoever started it
 * (a person's session or a key): the callback is public, so the actor travels in the signed OAuth state. The start
 * itself records `store.create` when it adds the pending store, so a connect never finished still has its beginning.
 */
describe('Shopify: connecting a store is audited', () => {
  let env: ShopifyTestEnv;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: false });
  });
  afterAll(() => env.close());

  const entries = async (storeId: string, action?: string): Promise<Entry[]> => {
    const res = await env.t.http().get('/api/v1/audit-log').query({ storeId, action, limit: '200' }).expect(200);
    return res.body.items as Entry[];
  };
  const connects = (storeId: string): Promise<Entry[]> => entries(storeId, 'store.connect');
  const keyId = async (name: string) =>
    (await env.t.dataSource.query<{ id: string }[]>(`SELECT id FROM api_key WHERE name = $1`, [name]))[0].id;
  const count = async (): Promise<number> =>
    (await env.t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_entry`))[0].n;
  // Only the OAuth cookie goes back to the callback: the actor must come from the signed state, not from a session.
  const oauthCookie = (cookie: string) =>
    cookie
      .split('; ')
      .filter((c) => c.startsWith('gantry_shopify_oauth_'))
      .join('; ');
  const accessTokenOf = async (storeId: string) => {
    const [row] = await env.t.dataSource.query<{ c: string }[]>(`SELECT credentials_encrypted AS c FROM store WHERE id = $1`, [storeId]);
    return env.t.app.get(CredentialCipher).decryptJson<{ accessToken: string; refreshToken?: string }>(row.c, storeId);
  };
  const expectNoSecret = async (storeId: string) => {
    const credentials = await accessTokenOf(storeId);
    const dump = JSON.stringify(await env.t.dataSource.query(`SELECT * FROM audit_entry WHERE store_id = $1`, [storeId]));
    expect(dump).not.toContain(credentials.accessToken);
    if (credentials.refreshToken) {
      expect(dump).not.toContain(credentials.refreshToken);
    }
    expect(dump).not.toMatch(/shpat_|shprt_|accessToken|credentialsEncrypted/);
  };

  it("names the signed-in person who started the connect (session), with the store's before and after and no secret", async () => {
    const shop = 'audit-session.myshopify.com';
    await createShop(env, shop);
    const email = `${uniq('connector')}@example.com`.toLowerCase();
    const invited = await env.t.http().post('/api/v1/users/invitations').send({ email, role: Role.INTEGRATION_MANAGER }).expect(201);
    const token = new URL(invited.body.invitationUrl as string).searchParams.get('token') as string;
    await request(env.t.app.getHttpServer()).post('/api/v1/auth/accept-invitation').send({ token, password: PASSWORD }).expect(200);
    const agent = request.agent(env.t.app.getHttpServer());
    const signIn = await agent.post('/api/v1/auth/sign-in').send({ email, password: PASSWORD }).expect(200);
    const csrf = signIn.body.csrfToken as string;

    const { storeId, callback, cookie } = await beginInstall(env, shop, {
      start: (body) => agent.post('/api/v1/stores/shopify').set('X-CSRF-Token', csrf).send(body),
    });
    expect(await connects(storeId)).toEqual([]);
    expect((await followCallback(callback, oauthCookie(cookie))).status).toBe(302);

    const [entry, ...more] = await connects(storeId);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actor: { kind: 'user', id: invited.body.user.id, label: email },
      action: 'store.connect',
      targetType: 'store',
      targetId: storeId,
      storeId,
      before: { pluginKey: 'shopify', externalAccountId: shop, status: 'disconnected', scopes: [] },
      after: { pluginKey: 'shopify', externalAccountId: shop, status: 'connected', missingScopes: [] },
    });
    expect((entry.after as { scopes: string[] }).scopes.length).toBeGreaterThan(0);
    // The callback's own request, so the entry and its log lines meet.
    expect(entry.requestId).toEqual(expect.any(String));
    await expectNoSecret(storeId);
  });

  it("names the key that started the connect, and records a reconnect (needs_reauth → connected) under its starter's name", async () => {
    const shop = 'audit-key.myshopify.com';
    await createShop(env, shop);

    // Granted too few scopes first: connected as needs_reauth.
    const first = await beginInstall(env, shop, { scope: 'read_products' });
    expect((await followCallback(first.callback, first.cookie)).status).toBe(302);
    const [connected, ...more] = await connects(first.storeId);
    expect(more).toEqual([]);
    expect(connected).toMatchObject({
      actor: { kind: 'api_key', id: await keyId('test integration_manager'), label: 'test integration_manager' },
      targetType: 'store',
      targetId: first.storeId,
      before: { status: 'disconnected' },
      after: { status: 'needs_reauth', scopes: ['read_products'] },
    });

    // Re-authorised by the admin's key: same store, new credentials, one more entry.
    const again = await beginInstall(env, shop, { start: (body) => env.t.http().post('/api/v1/stores/shopify').send(body) });
    expect(again.storeId).toBe(first.storeId);
    expect((await followCallback(again.callback, again.cookie)).status).toBe(302);
    const [reconnected, previous, ...older] = await connects(first.storeId);
    expect(older).toEqual([]);
    expect(previous.id).toBe(connected.id);
    expect(reconnected).toMatchObject({
      actor: { kind: 'api_key', id: await keyId('test admin'), label: 'test admin' },
      targetId: first.storeId,
      before: { status: 'needs_reauth', scopes: ['read_products'] },
      after: { status: 'connected', missingScopes: [] },
    });
    expect((reconnected.before as { missingScopes: string[] }).missingScopes.length).toBeGreaterThan(0);
    await expectNoSecret(first.storeId);
  });

  it('records nothing for a refused callback: forged hmac, wrong state, another browser’s nonce, no cookie, a forged actor', async () => {
    const shop = 'audit-refused.myshopify.com';
    await createShop(env, shop);
    const { storeId, callback, cookie } = await beginInstall(env, shop);
    const before = await count();

    const forgedHmac = new URL(callback);
    forgedHmac.searchParams.set('hmac', '0'.repeat(64));
    expect((await followCallback(forgedHmac, cookie)).status).toBe(400);
    const wrongState = new URL(callback);
    wrongState.searchParams.set('state', 'f'.repeat(64));
    expect((await followCallback(wrongState, cookie)).status).toBe(400);
    const other = await beginInstall(env, shop);
    expect((await followCallback(callback, other.cookie)).status).toBe(400);
    expect((await followCallback(callback, '')).status).toBe(400);
    // The state names someone else: its signature no longer matches.
    const [name, value] = oauthCookie(other.cookie).split('=');
    const [body, mac] = value.split('.');
    const state = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const impostor = { ...state, actor: { kind: 'user', id: 'someone', label: 'someone@example.com' } };
    const forged = `${name}=${Buffer.from(JSON.stringify(impostor)).toString('base64url')}.${mac}`;
    expect((await followCallback(other.callback, forged)).status).toBe(400);

    expect(await count()).toBe(before);
    expect(await connects(storeId)).toEqual([]);
    expect((await env.t.http().get(`/api/v1/stores/${storeId}`).expect(200)).body.status).toBe('disconnected');
    // The honest callback still connects, and is recorded once.
    expect((await followCallback(other.callback, other.cookie)).status).toBe(302);
    expect(await connects(storeId)).toHaveLength(1);
  });

  it('records store.create once when a start adds the pending store, by its caller; a second start of the shop records none', async () => {
    const shop = 'audit-create.myshopify.com';
    await createShop(env, shop);
    const first = await beginInstall(env, shop);

    const [created, ...more] = await entries(first.storeId, 'store.create');
    expect(more).toEqual([]);
    expect(created).toMatchObject({
      actor: { kind: 'api_key', id: await keyId('test integration_manager'), label: 'test integration_manager' },
      action: 'store.create',
      targetType: 'store',
      targetId: first.storeId,
      storeId: first.storeId,
      before: null,
    });
    // The pending store as created: no credentials, nothing granted yet.
    expect(created.after).toEqual({
      name: 'audit-create',
      pluginKey: 'shopify',
      externalAccountId: shop,
      status: 'disconnected',
      settings: expect.any(Object),
      targetStoreId: null,
      scopes: [],
      missingScopes: [],
    });
    expect(created.requestId).toEqual(expect.any(String));

    // Started again (by another key): the same store is found, and nothing is recorded.
    const before = await count();
    const again = await beginInstall(env, shop, { start: (body) => env.t.http().post('/api/v1/stores/shopify').send(body) });
    expect(again.storeId).toBe(first.storeId);
    expect(await count()).toBe(before);

    // The callback connects it: the log tells the store's story from its start.
    expect((await followCallback(again.callback, again.cookie)).status).toBe(302);
    const log = await entries(first.storeId);
    expect(log.map((e) => e.action)).toEqual(['store.connect', 'store.create']);
    expect(log[0]).toMatchObject({ actor: { kind: 'api_key', label: 'test admin' }, before: { status: 'disconnected' } });
    await expectNoSecret(first.storeId);
  });

  it('a start never finished and then removed shows its creation before its removal', async () => {
    const shop = 'audit-abandoned.myshopify.com';
    await createShop(env, shop);
    const { storeId } = await env.t
      .http(Role.INTEGRATION_MANAGER)
      .post('/api/v1/stores/shopify')
      .send({ shopDomain: shop })
      .expect(201)
      .then((r) => r.body as { storeId: string });
    await env.t.http().delete(`/api/v1/stores/${storeId}`).expect(204);

    const [removed, created, ...older] = await entries(storeId);
    expect(older).toEqual([]);
    expect(created).toMatchObject({ action: 'store.create', before: null, after: { externalAccountId: shop, status: 'disconnected' } });
    expect(removed).toMatchObject({ action: 'store.delete', before: { externalAccountId: shop, status: 'disconnected' }, after: null });
  });

  it('records nothing for a refused start: not a shop domain (400), a viewer (403)', async () => {
    const shop = 'audit-refused-start.myshopify.com';
    await createShop(env, shop);
    const before = await count();

    await env.t.http(Role.INTEGRATION_MANAGER).post('/api/v1/stores/shopify').send({ shopDomain: 'shop.example.com' }).expect(400);
    await env.t.http(Role.VIEWER).post('/api/v1/stores/shopify').send({ shopDomain: shop }).expect(403);

    expect(await count()).toBe(before);
    const [row] = await env.t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM store WHERE plugin_key = 'shopify' AND external_account_id = $1`,
      [shop],
    );
    expect(row.n).toBe(0);
  });
});
