import { randomUUID } from 'node:crypto';
import {
  ChannelAdapterHostModule,
  ChannelLocationMappingService,
  ChannelProductMappingService,
  CredentialCipher,
  DomainException,
  PluginService,
  Role,
  StoreConnectionService,
  StoreService,
  StoreStatus,
} from '@gantry/core';
import {
  FakeChannelAdapter,
  FakeChannelSettings,
  makeProduct,
  makeShippingProcess,
  makeStore,
  makeWarehouse,
  startTestApp,
  type TestApp,
} from '@gantry/testing';

describe('stores', () => {
  let t: TestApp;
  let stores: StoreService;
  let connections: StoreConnectionService;

  beforeAll(async () => {
    t = await startTestApp({ imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
    stores = t.app.get(StoreService);
    connections = t.app.get(StoreConnectionService);
  });
  afterAll(() => t.close());

  it('shows a store without its credentials, and keeps them encrypted in the database', async () => {
    const store = await makeStore(t, {
      credentials: { accessToken: 'shpat_plaintext_token' },
      scopes: ['read_products'],
      missingScopes: ['write_inventory'],
    });
    const res = await t.http(Role.VIEWER).get(`/api/v1/stores/${store.id}`).expect(200);
    expect(res.body).toMatchObject({
      id: store.id,
      channel: 'fake',
      name: store.name,
      status: 'connected',
      settings: { stockSync: { enabled: true, mode: 'delta', windowSeconds: 60 } },
      scopes: ['read_products'],
      missingScopes: ['write_inventory'],
    });
    const list = await t.http(Role.VIEWER).get('/api/v1/stores').expect(200);
    expect(list.body.map((s: { id: string }) => s.id)).toContain(store.id);
    for (const body of [JSON.stringify(res.body), JSON.stringify(list.body)]) {
      expect(body).not.toContain('shpat_plaintext_token');
      expect(body).not.toMatch(/credential/i);
    }

    const [row] = await t.dataSource.query(`SELECT credentials_encrypted FROM store WHERE id = $1`, [store.id]);
    expect(row.credentials_encrypted).toMatch(/^v2:[0-9a-f]{8}:/);
    expect(row.credentials_encrypted).not.toContain('shpat_plaintext_token');
    expect(t.app.get(CredentialCipher).decryptJson(row.credentials_encrypted, store.id)).toEqual({ accessToken: 'shpat_plaintext_token' });
  });

  it('gives adapters a context with decrypted credentials and validated settings', async () => {
    const store = await makeStore(t, { credentials: { accessToken: 'tok_ctx' }, settings: { label: 'EU shop' } });
    const ctx = await stores.contextFor(store.id);
    expect(ctx.storeId).toBe(store.id);
    expect(ctx.externalAccountId).toBe(store.externalAccountId);
    expect(ctx.credentials).toEqual({ accessToken: 'tok_ctx' });
    expect(ctx.settings).toBeInstanceOf(FakeChannelSettings);
    expect(ctx.settings).toMatchObject({ label: 'EU shop', stockSync: { windowSeconds: 60 } });
  });

  it('refuses credentials copied onto another store', async () => {
    const a = await makeStore(t);
    const b = await makeStore(t);
    await t.dataSource.query(
      `UPDATE store SET credentials_encrypted = (SELECT credentials_encrypted FROM store WHERE id = $1) WHERE id = $2`,
      [a.id, b.id],
    );
    await expect(stores.contextFor(b.id)).rejects.toThrow(/failed authentication/);
  });

  it('deep-merges valid settings and persists them', async () => {
    const store = await makeStore(t);
    const res = await t
      .http(Role.ADMIN)
      .patch(`/api/v1/stores/${store.id}/settings`)
      .send({ stockSync: { windowSeconds: 300 } })
      .expect(200);
    expect(res.body.settings).toEqual({ stockSync: { enabled: true, mode: 'delta', windowSeconds: 300 } });
    await t
      .http(Role.ADMIN)
      .patch(`/api/v1/stores/${store.id}/settings`)
      .send({ label: 'B2C', stockSync: { enabled: false } })
      .expect(200);
    const [row] = await t.dataSource.query(`SELECT settings FROM store WHERE id = $1`, [store.id]);
    expect(row.settings).toEqual({ label: 'B2C', stockSync: { enabled: false, mode: 'delta', windowSeconds: 300 } });
    expect((await stores.contextFor(store.id)).settings).toMatchObject({ stockSync: { enabled: false, windowSeconds: 300 } });
  });

  it('refuses a stock mode the channel cannot write (the fake channel takes delta only)', async () => {
    const store = await makeStore(t);
    const res = await t
      .http(Role.ADMIN)
      .patch(`/api/v1/stores/${store.id}/settings`)
      .send({ stockSync: { mode: 'absolute' } })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'stockSync.mode', message: 'must be one of the following values: delta' }]);
    const [row] = await t.dataSource.query(`SELECT settings FROM store WHERE id = $1`, [store.id]);
    expect(row.settings.stockSync.mode).toBe('delta');
  });

  it('answers 400 naming the nested field for an invalid value, and changes nothing', async () => {
    const store = await makeStore(t);
    const res = await t
      .http(Role.ADMIN)
      .patch(`/api/v1/stores/${store.id}/settings`)
      .send({ stockSync: { windowSeconds: 0, enabled: 'yes' } })
      .expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['stockSync.enabled', 'stockSync.windowSeconds']);
    const [row] = await t.dataSource.query(`SELECT settings FROM store WHERE id = $1`, [store.id]);
    expect(row.settings.stockSync.windowSeconds).toBe(60);
  });

  it('answers 400 for unknown fields, nested or not, and for a body that is not an object', async () => {
    const store = await makeStore(t);
    const top = await t.http(Role.ADMIN).patch(`/api/v1/stores/${store.id}/settings`).send({ colour: 'red' }).expect(400);
    expect(top.body.errors).toEqual([{ field: 'colour', message: 'colour is not a known field' }]);
    const nested = await t
      .http(Role.ADMIN)
      .patch(`/api/v1/stores/${store.id}/settings`)
      .send({ stockSync: { speed: 9 } })
      .expect(400);
    expect(nested.body.errors).toEqual([{ field: 'stockSync.speed', message: 'speed is not a known field' }]);
    const notObject = await t.http(Role.ADMIN).patch(`/api/v1/stores/${store.id}/settings`).send({ stockSync: 5 }).expect(400);
    expect(notObject.body.errors[0].field).toBe('stockSync');
    await t.http(Role.ADMIN).patch(`/api/v1/stores/${store.id}/settings`).set('Content-Type', 'application/json').send('[1]').expect(400);
    const proto = await t
      .http(Role.ADMIN)
      .patch(`/api/v1/stores/${store.id}/settings`)
      .set('Content-Type', 'application/json')
      .send('{"__proto__": {"x": 1}}')
      .expect(400);
    expect(proto.body.errors).toEqual([{ field: '__proto__', message: '__proto__ is not allowed' }]);
  });

  it('warns when stock sync is switched on with nothing mapped, in the answer and the store view, while that holds', async () => {
    const store = await makeStore(t, { settings: { stockSync: { enabled: false } } });
    const noLocation = `Stock sync is on, but no location is mapped to a warehouse: nothing will be pushed until you map one (PUT /stores/${store.id}/location-mappings)`;
    const noProduct = `Stock sync is on, but no product is mapped to a channel item: nothing will be pushed until products are mapped (POST /stores/${store.id}/product-sync)`;
    const viewed = async (): Promise<{ one: unknown; listed: unknown }> => ({
      one: (await t.http(Role.VIEWER).get(`/api/v1/stores/${store.id}`).expect(200)).body.warnings,
      listed: ((await t.http(Role.VIEWER).get('/api/v1/stores').expect(200)).body as { id: string; warnings: unknown }[]).find(
        (s) => s.id === store.id,
      )?.warnings,
    });
    expect(await viewed()).toEqual({ one: [], listed: [] });

    const enabled = await t
      .http(Role.ADMIN)
      .patch(`/api/v1/stores/${store.id}/settings`)
      .send({ stockSync: { enabled: true } })
      .expect(200);
    expect(enabled.body.settings.stockSync.enabled).toBe(true);
    expect(enabled.body.warnings).toEqual([noLocation, noProduct]);
    expect(await viewed()).toEqual({ one: [noLocation, noProduct], listed: [noLocation, noProduct] });

    const warehouse = await makeWarehouse(t);
    const shipping = await makeShippingProcess(t, warehouse.id);
    await t.app
      .get(ChannelLocationMappingService)
      .replace(store.id, [
        { channelLocationId: 'fake-location-1', warehouseId: warehouse.id, shippingProcessId: shipping.id, isDefault: true },
      ]);
    expect(await viewed()).toEqual({ one: [noProduct], listed: [noProduct] });

    const product = await makeProduct(t);
    await t.app.get(ChannelProductMappingService).add(store.id, [
      {
        productId: product.id,
        sku: product.sku,
        externalId: `v-${product.sku}`,
        externalProductId: null,
        stockItemId: `i-${product.sku}`,
      },
    ]);
    expect(await viewed()).toEqual({ one: [], listed: [] });

    const other = await makeStore(t);
    const off = await t
      .http(Role.ADMIN)
      .patch(`/api/v1/stores/${other.id}/settings`)
      .send({ stockSync: { enabled: false } })
      .expect(200);
    expect(off.body.warnings).toEqual([]);
  });

  it('lets only admins change settings', async () => {
    const store = await makeStore(t);
    await t.http(Role.INTEGRATION_MANAGER).patch(`/api/v1/stores/${store.id}/settings`).send({ label: 'x' }).expect(403);
    await t.http(Role.VIEWER).patch(`/api/v1/stores/${store.id}/settings`).send({ label: 'x' }).expect(403);
  });

  it('answers 404 for an unknown store and 400 for a malformed id', async () => {
    const id = randomUUID();
    const missing = await t.http().get(`/api/v1/stores/${id}`).expect(404);
    expect(missing.body.detail).toBe(`No store ${id}`);
    await t.http().patch(`/api/v1/stores/${id}/settings`).send({ label: 'x' }).expect(404);
    await t.http().get('/api/v1/stores/not-a-uuid').expect(400);
    await t.http().patch('/api/v1/stores/not-a-uuid/settings').send({}).expect(400);
  });

  it('reconnects the same account into the same store, and refuses new connects while the plugin is inactive', async () => {
    const store = await makeStore(t, { credentials: { accessToken: 'old' } });
    await connections.markNeedsReauth(store.id);
    expect((await stores.get(store.id)).status).toBe(StoreStatus.NEEDS_REAUTH);
    const again = await makeStore(t, { externalAccountId: store.externalAccountId, credentials: { accessToken: 'new' } });
    expect(again.id).toBe(store.id);
    expect(again.status).toBe(StoreStatus.CONNECTED);
    expect((await stores.contextFor(store.id)).credentials).toEqual({ accessToken: 'new' });

    await t.app.get(PluginService).deactivate('fake');
    const refused = connections.connect({ pluginKey: 'fake', externalAccountId: 'new.example.com', name: 'New', credentials: {} });
    await expect(refused).rejects.toBeInstanceOf(DomainException);
    await expect(refused).rejects.toThrow('The Fake channel plugin is not active; activate it before connecting a store');
    // Existing stores stay and keep working.
    expect((await stores.contextFor(store.id)).credentials).toEqual({ accessToken: 'new' });
  });

  it('wipes credentials on disconnect and keeps the store', async () => {
    const store = await makeStore(t);
    const res = await connections.disconnect(store.id);
    expect(res.status).toBe(StoreStatus.DISCONNECTED);
    expect(res.disconnectedAt).toBeInstanceOf(Date);
    const [row] = await t.dataSource.query(`SELECT credentials_encrypted, status FROM store WHERE id = $1`, [store.id]);
    expect(row).toEqual({ credentials_encrypted: null, status: 'disconnected' });
    await expect(stores.contextFor(store.id)).rejects.toThrow(/is disconnected/);
    await t.http(Role.VIEWER).get(`/api/v1/stores/${store.id}`).expect(200);
  });
});
