import { CredentialCipher, Role, StoreConnectionService, StoreService } from '@gantry/core';
import { makeStore, uniq } from '@gantry/testing';
import { activateJoor, createJoorAccount, joorLog, makeTargetStore, setFaults, startJoorEnv, type JoorTestEnv } from './joor-test.env';

describe('JOOR: connecting an account (POST /stores/joor)', () => {
  let env: JoorTestEnv;

  beforeAll(async () => {
    env = await startJoorEnv();
  });
  afterAll(() => env.close());

  const connect = (body: Record<string, unknown>, role: Role = Role.INTEGRATION_MANAGER) =>
    env.t.http(role).post('/api/v1/stores/joor').send(body);

  describe('the joor-b2b plugin', () => {
    it('is listed, starts inactive, and refuses connects (409, no JOOR call) until an admin activates it', async () => {
      const listed = await env.t.http(Role.VIEWER).get('/api/v1/plugins').expect(200);
      expect(listed.body).toEqual(expect.arrayContaining([{ key: 'joor-b2b', name: 'JOOR', active: false }]));
      const account = uniq('inactive');
      const apiToken = await createJoorAccount(env, account);
      const target = await makeTargetStore(env);

      const refused = await connect({ name: 'Off', apiToken, shopifyStoreId: target.id }).expect(409);
      expect(refused.body.detail).toBe('The JOOR plugin is not active; activate it before connecting a store');
      expect(await joorLog(env, account)).toEqual([]);

      await env.t.http(Role.INTEGRATION_MANAGER).post('/api/v1/plugins/joor-b2b/activate').expect(403);
      const activated = await env.t.http(Role.ADMIN).post('/api/v1/plugins/joor-b2b/activate').expect(200);
      expect(activated.body).toEqual({ key: 'joor-b2b', name: 'JOOR', active: true });
      await connect({ name: 'On', apiToken, shopifyStoreId: target.id }).expect(201);
    });
  });

  describe('with the plugin active', () => {
    beforeAll(() => activateJoor(env));

    it('creates the store of the token’s JOOR account, linked to its target, without showing or storing the token in clear', async () => {
      const account = uniq('acme');
      const apiToken = await createJoorAccount(env, account);
      const target = await makeTargetStore(env);

      const res = await connect({ name: 'Acme wholesale', apiToken, shopifyStoreId: target.id }).expect(201);

      expect(res.body).toMatchObject({
        channel: 'joor-b2b',
        name: 'Acme wholesale',
        externalAccountId: account,
        status: 'connected',
        targetStoreId: target.id,
        stockSync: null,
        settings: {
          intervalMinutes: 15,
          syncAsFulfilled: false,
          locationId: null,
          inventoryBehaviour: 'decrement_ignoring_policy',
          taxByCountry: [],
          noteFields: ['paymentTerms', 'shippingMethod', 'linesheet', 'shipWindow'],
          alertEmails: [],
        },
      });
      expect(JSON.stringify(res.body)).not.toContain(apiToken);
      const shown = await env.t
        .http(Role.VIEWER)
        .get(`/api/v1/stores/${res.body.id as string}`)
        .expect(200);
      expect(JSON.stringify(shown.body)).not.toContain(apiToken);

      const [row] = await env.t.dataSource.query(`SELECT credentials_encrypted FROM store WHERE id = $1`, [res.body.id]);
      expect(row.credentials_encrypted).not.toContain(apiToken);
      expect(env.t.app.get(CredentialCipher).decryptJson(row.credentials_encrypted, res.body.id)).toEqual({ apiToken });

      // One cheap peek checked the token: nothing marked on JOOR.
      const calls = await joorLog(env, account);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({
        method: 'GET',
        path: '/joor/v2/orders',
        query: { sync: '0', count: '1', order_type: '6' },
        status: 200,
        credits: 1,
        marked: [],
      });
    });

    it('connecting the same account again updates its store (name, target, credentials) instead of adding one', async () => {
      const account = uniq('again');
      const apiToken = await createJoorAccount(env, account);
      const [first, second] = [await makeTargetStore(env), await makeTargetStore(env)];
      const created = await connect({ name: 'Before', apiToken, shopifyStoreId: first.id }).expect(201);
      await env.t
        .http(Role.ADMIN)
        .patch(`/api/v1/stores/${created.body.id as string}/settings`)
        .send({ intervalMinutes: 30 })
        .expect(200);

      const again = await connect({ name: 'After', apiToken: `  ${apiToken}\n`, shopifyStoreId: second.id }).expect(201);

      expect(again.body).toMatchObject({ id: created.body.id, name: 'After', targetStoreId: second.id, settings: { intervalMinutes: 30 } });
      const mine = (await env.t.app.get(StoreService).list({ pluginKey: 'joor-b2b' })).filter((s) => s.externalAccountId === account);
      expect(mine).toHaveLength(1);
      expect(await env.t.app.get(StoreService).storedCredentials(created.body.id)).toEqual({ apiToken });
    });

    it('answers 400 on apiToken when JOOR refuses the token, and stores nothing', async () => {
      const target = await makeTargetStore(env);
      const before = await env.t.app.get(StoreService).list({ pluginKey: 'joor-b2b' });

      const res = await connect({ name: 'Wrong', apiToken: 'not-a-joor-token', shopifyStoreId: target.id }).expect(400);

      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors).toEqual([{ field: 'apiToken', message: 'JOOR refused this token' }]);
      expect(await env.t.app.get(StoreService).list({ pluginKey: 'joor-b2b' })).toHaveLength(before.length);
    });

    it('answers 404 for an unknown target store and 409 for one that is not connected or cannot take orders', async () => {
      const account = uniq('targets');
      const apiToken = await createJoorAccount(env, account);
      const connections = env.t.app.get(StoreConnectionService);

      const unknown = await connect({ name: 'X', apiToken, shopifyStoreId: '00000000-0000-4000-8000-000000000000' }).expect(404);
      expect(unknown.body.errors).toEqual([{ field: 'shopifyStoreId', message: 'No store 00000000-0000-4000-8000-000000000000' }]);

      const disconnected = await makeTargetStore(env);
      await connections.disconnect(disconnected.id);
      const gone = await connect({ name: 'X', apiToken, shopifyStoreId: disconnected.id }).expect(409);
      expect(gone.body.detail).toBe('store Target is disconnected: connect it again first');

      const refused = await makeTargetStore(env);
      await connections.markNeedsReauth(refused.id);
      const reauth = await connect({ name: 'X', apiToken, shopifyStoreId: refused.id }).expect(409);
      expect(reauth.body.detail).toBe('store Target is needs_reauth: connect it again first');

      const fake = await makeStore(env.t, { name: 'Fake' });
      const cannot = await connect({ name: 'X', apiToken, shopifyStoreId: fake.id }).expect(409);
      expect(cannot.body.detail).toBe('channel Fake channel cannot take orders');

      // None of these spent a JOOR credit.
      expect(await joorLog(env, account)).toEqual([]);
    });

    it('answers 503 while JOOR throttles or fails, naming no field', async () => {
      const account = uniq('busy');
      const apiToken = await createJoorAccount(env, account);
      const target = await makeTargetStore(env);

      await setFaults(env, account, { throttle: true });
      const throttled = await connect({ name: 'Busy', apiToken, shopifyStoreId: target.id }).expect(503);
      expect(throttled.body.detail).toMatch(/JOOR could not check the token now.*429/);

      await setFaults(env, account, { throttle: false, errorRate: 1 });
      const failing = await connect({ name: 'Busy', apiToken, shopifyStoreId: target.id }).expect(503);
      expect(failing.body.detail).toMatch(/HTTP 50\d/);
      expect(failing.body.errors).toBeUndefined();

      await setFaults(env, account, { errorRate: 0 });
      await connect({ name: 'Busy', apiToken, shopifyStoreId: target.id }).expect(201);
    });

    it.each<[string, Record<string, unknown>, string[]]>([
      ['an empty body', {}, ['name', 'apiToken', 'shopifyStoreId']],
      ['an empty name', { name: '   ' }, ['name']],
      ['a name over 200 characters', { name: 'n'.repeat(201) }, ['name']],
      ['a short token', { apiToken: '1234567' }, ['apiToken']],
      ['a token over 500 characters', { apiToken: 't'.repeat(501) }, ['apiToken']],
      ['a number as token', { apiToken: 12345678 }, ['apiToken']],
      ['a target that is no UUID', { shopifyStoreId: 'my-shop' }, ['shopifyStoreId']],
      ['an unknown field', { accountId: 'x' }, ['accountId']],
    ])('answers 400 per field for %s', async (_case, change, fields) => {
      const valid = { name: 'Valid', apiToken: 'a-valid-looking-token', shopifyStoreId: '00000000-0000-4000-8000-000000000000' };
      const body = Object.keys(change).length === 0 ? {} : { ...valid, ...change };
      const res = await connect(body).expect(400);
      expect([...new Set((res.body.errors as { field: string }[]).map((e) => e.field))].sort()).toEqual([...fields].sort());
    });

    it('needs integration_manager: 403 for operator and viewer, 401 without a key', async () => {
      const body = { name: 'X', apiToken: 'a-valid-looking-token', shopifyStoreId: '00000000-0000-4000-8000-000000000000' };
      await connect(body, Role.OPERATOR).expect(403);
      await connect(body, Role.VIEWER).expect(403);
      await env.t.http(null).post('/api/v1/stores/joor').send(body).expect(401);
      // An admin may (admin ⊇ integration_manager): here it gets as far as the unknown target.
      await connect(body, Role.ADMIN).expect(404);
    });
  });
});
