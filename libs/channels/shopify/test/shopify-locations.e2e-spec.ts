import { randomUUID } from 'node:crypto';
import { Role } from '@gantry/core';
import { makeShippingProcess, makeWarehouse } from '@gantry/testing';
import { connectShop, createShop, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';

describe('Shopify locations → warehouses', () => {
  let env: ShopifyTestEnv;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: false });
  });
  afterAll(() => env.close());

  const setup = async (shop: string) => {
    await createShop(env, shop, { locations: ['Main warehouse', 'Outlet', 'Pop-up'] });
    const storeId = await connectShop(env, shop);
    const res = await env.t.http(Role.VIEWER).get(`/api/v1/stores/${storeId}/locations`).expect(200);
    const locations = res.body as { id: string; name: string; isActive: boolean }[];
    return { storeId, locations };
  };

  it('lists the shop’s active locations live', async () => {
    const { locations } = await setup('locations-one.myshopify.com');
    expect(locations.map((l) => l.name).sort()).toEqual(['Main warehouse', 'Outlet', 'Pop-up']);
    expect(locations.every((l) => /^gid:\/\/shopify\/Location\/\d+$/.test(l.id) && l.isActive)).toBe(true);
  });

  it('maps locations to warehouses and shipping processes with exactly one default; two shops keep their own mappings', async () => {
    const a = await setup('locations-two.myshopify.com');
    const b = await setup('locations-three.myshopify.com');
    const wh1 = await makeWarehouse(env.t);
    const wh2 = await makeWarehouse(env.t);
    const sp1 = await makeShippingProcess(env.t, wh1.id);
    const sp2 = await makeShippingProcess(env.t, wh2.id);
    const [l0, l1] = a.locations;
    const body = [
      { locationId: l0?.id, warehouseId: wh1.id, shippingProcessId: sp1.id, isDefault: true },
      { locationId: l1?.id, warehouseId: wh2.id, shippingProcessId: sp2.id, isDefault: false },
    ];
    await env.t.http(Role.INTEGRATION_MANAGER).put(`/api/v1/stores/${a.storeId}/location-mappings`).send(body).expect(403);
    const saved = await env.t.http().put(`/api/v1/stores/${a.storeId}/location-mappings`).send(body).expect(200);
    expect(saved.body).toEqual(body);
    const other = [{ locationId: b.locations[2]?.id, warehouseId: wh1.id, shippingProcessId: sp1.id, isDefault: true }];
    await env.t.http().put(`/api/v1/stores/${b.storeId}/location-mappings`).send(other).expect(200);
    expect((await env.t.http(Role.VIEWER).get(`/api/v1/stores/${a.storeId}/location-mappings`).expect(200)).body).toEqual(body);
    expect((await env.t.http(Role.VIEWER).get(`/api/v1/stores/${b.storeId}/location-mappings`).expect(200)).body).toEqual(other);
  });

  it('refuses invalid mappings with the reason, changing nothing', async () => {
    const { storeId, locations } = await setup('locations-four.myshopify.com');
    const wh1 = await makeWarehouse(env.t);
    const wh2 = await makeWarehouse(env.t);
    const sp1 = await makeShippingProcess(env.t, wh1.id);
    const sp2 = await makeShippingProcess(env.t, wh2.id);
    const [l0, l1] = locations.map((l) => l.id);
    const put = (body: unknown) =>
      env.t
        .http()
        .put(`/api/v1/stores/${storeId}/location-mappings`)
        .send(body as object);
    const good = { locationId: l0, warehouseId: wh1.id, shippingProcessId: sp1.id, isDefault: true };
    await put([good]).expect(200);

    const unknownLocation = await put([{ ...good, locationId: 'gid://shopify/Location/999999' }]).expect(404);
    expect(unknownLocation.body.detail).toMatch(/not an active location/);
    expect((await put([{ ...good, warehouseId: randomUUID() }]).expect(404)).body.detail).toMatch(/No warehouse/);
    expect((await put([{ ...good, shippingProcessId: randomUUID() }]).expect(404)).body.detail).toMatch(/No shipping process/);
    const foreign = await put([{ ...good, shippingProcessId: sp2.id }]).expect(400);
    expect(foreign.body.detail).toMatch(/belongs to another warehouse/);
    expect((await put([{ ...good, isDefault: false }]).expect(400)).body.detail).toMatch(/Exactly one mapping must be the default/);
    const twoDefaults = [good, { locationId: l1, warehouseId: wh2.id, shippingProcessId: sp2.id, isDefault: true }];
    expect((await put(twoDefaults).expect(400)).body.detail).toMatch(/found 2/);
    const sameStock = await put([good, { locationId: l1, warehouseId: wh1.id, shippingProcessId: sp1.id, isDefault: false }]).expect(409);
    expect(sameStock.body.detail).toMatch(/would sell the same stock twice/);
    const badItem = await put([{ ...good, warehouseId: 'nope', extra: 1 }]).expect(400);
    expect(badItem.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['[0].warehouseId', '[0].extra']));
    await put({ not: 'an array' }).expect(400);
    await env.t.http().get(`/api/v1/stores/${randomUUID()}/location-mappings`).expect(404);

    expect((await env.t.http().get(`/api/v1/stores/${storeId}/location-mappings`).expect(200)).body).toEqual([good]);
  });
});
