import { firstLocation, installApp, SandboxHarness, seedProduct } from './sandbox-test.harness';

const SET = `mutation Set($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { reason referenceDocumentUri changes { name delta quantityAfterChange item { sku } location { name } } }
    userErrors { field message code }
  }
}`;
const ADJUST = `mutation Adjust($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { changes { name delta quantityAfterChange } }
    userErrors { field message code }
  }
}`;

describe('inventory mutations (2026-07 semantics)', () => {
  let h: SandboxHarness;
  let shop: string;
  let token: string;
  let location: string;
  let item: string;

  const levels = async () => {
    const res = await h.gql(
      shop,
      token,
      `{ inventoryItem(id: "${item}") { inventoryLevel(locationId: "${location}") { quantities(names: ["available", "on_hand", "committed"]) { name quantity } } } }`,
    );
    return Object.fromEntries(
      res.body.data.inventoryItem.inventoryLevel.quantities.map((q: { name: string; quantity: number }) => [q.name, q.quantity]),
    );
  };
  const setInput = (quantity: number, changeFromQuantity: number | null) => ({
    name: 'available',
    reason: 'correction',
    referenceDocumentUri: 'gid://gantry/StockSync/1',
    quantities: [{ inventoryItemId: item, locationId: location, quantity, changeFromQuantity }],
  });

  beforeAll(async () => {
    h = await SandboxHarness.start();
    ({ shop, staffAccessToken: token } = await h.createShop('inventory-shop'));
    location = await firstLocation(h, shop, token);
    const product = await seedProduct(h, shop, token, location, [{ sku: 'INV-1', qty: 5 }]);
    item = product.variants.nodes[0]?.inventoryItem.id;
  });
  afterAll(() => h.stop());

  it('sets available with compare-and-set and reports available and on_hand changes', async () => {
    const res = await h.gql(shop, token, SET, { input: setInput(12, 5), key: 'set-1' });
    const payload = res.body.data.inventorySetQuantities;
    expect(payload.userErrors).toEqual([]);
    expect(payload.inventoryAdjustmentGroup).toEqual({
      reason: 'correction',
      referenceDocumentUri: 'gid://gantry/StockSync/1',
      changes: [
        { name: 'available', delta: 7, quantityAfterChange: 12, item: { sku: 'INV-1' }, location: { name: 'Main warehouse' } },
        { name: 'on_hand', delta: 7, quantityAfterChange: 12, item: { sku: 'INV-1' }, location: { name: 'Main warehouse' } },
      ],
    });
    expect(await levels()).toEqual({ available: 12, on_hand: 12, committed: 0 });
  });

  it('refuses a stale changeFromQuantity and applies nothing', async () => {
    const res = await h.gql(shop, token, SET, { input: setInput(3, 5), key: 'set-stale' });
    expect(res.body.data.inventorySetQuantities.userErrors).toEqual([
      { field: ['input', 'quantities', '0', 'changeFromQuantity'], message: expect.any(String), code: 'CHANGE_FROM_QUANTITY_STALE' },
    ]);
    expect(res.body.data.inventorySetQuantities.inventoryAdjustmentGroup).toBeNull();
    expect((await levels()).available).toBe(12);
  });

  it('replays a repeated idempotency key without applying twice', async () => {
    const first = await h.gql(shop, token, ADJUST, {
      input: {
        name: 'available',
        reason: 'received',
        changes: [{ inventoryItemId: item, locationId: location, delta: 4, changeFromQuantity: null }],
      },
      key: 'adj-1',
    });
    const again = await h.gql(shop, token, ADJUST, {
      input: {
        name: 'available',
        reason: 'received',
        changes: [{ inventoryItemId: item, locationId: location, delta: 4, changeFromQuantity: null }],
      },
      key: 'adj-1',
    });
    expect(again.body.data).toEqual(first.body.data);
    expect(first.body.data.inventoryAdjustQuantities.inventoryAdjustmentGroup.changes[0]).toEqual({
      name: 'available',
      delta: 4,
      quantityAfterChange: 16,
    });
    expect((await levels()).available).toBe(16);
    const mismatch = await h.gql(shop, token, ADJUST, {
      input: {
        name: 'available',
        reason: 'received',
        changes: [{ inventoryItemId: item, locationId: location, delta: 9, changeFromQuantity: null }],
      },
      key: 'adj-1',
    });
    expect(mismatch.body.data.inventoryAdjustQuantities.userErrors[0].code).toBe('IDEMPOTENCY_KEY_PARAMETER_MISMATCH');
    expect((await levels()).available).toBe(16);
  });

  it('requires the @idempotent directive and an explicit changeFromQuantity', async () => {
    const noKey = await h.gql(
      shop,
      token,
      'mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code } } }',
      { input: setInput(1, null) },
    );
    expect(noKey.body.errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(noKey.body.errors[0].message).toContain('@idempotent');
    const omitted = await h.gql(shop, token, SET, {
      input: { name: 'available', reason: 'correction', quantities: [{ inventoryItemId: item, locationId: location, quantity: 1 }] },
      key: 'omit-cfq',
    });
    expect(omitted.body.errors[0].message).toContain('changeFromQuantity must be provided');
    expect((await levels()).available).toBe(16);
  });

  it('validates names, reasons, bounds and the 250-item input limit', async () => {
    const bad = await h.gql(shop, token, SET, {
      input: {
        name: 'incoming',
        reason: 'because',
        quantities: [{ inventoryItemId: item, locationId: location, quantity: 1_000_000_001, changeFromQuantity: null }],
      },
      key: 'bad-1',
    });
    expect(bad.body.data.inventorySetQuantities.userErrors.map((e: { code: string }) => e.code)).toEqual([
      'INVALID_NAME',
      'INVALID_REASON',
      'INVALID_QUANTITY_TOO_HIGH',
    ]);
    const many = Array.from({ length: 251 }, () => ({
      inventoryItemId: item,
      locationId: location,
      quantity: 1,
      changeFromQuantity: null,
    }));
    const tooMany = await h.gql(shop, token, SET, { input: { name: 'available', reason: 'correction', quantities: many }, key: 'many' });
    expect(tooMany.body.errors[0].extensions.code).toBe('MAX_INPUT_SIZE_EXCEEDED');
  });

  it('sets on_hand by moving available', async () => {
    const res = await h.gql(shop, token, SET, { input: { ...setInput(20, 16), name: 'on_hand' }, key: 'onhand-1' });
    expect(res.body.data.inventorySetQuantities.userErrors).toEqual([]);
    expect(await levels()).toEqual({ available: 20, on_hand: 20, committed: 0 });
  });

  it('denies an inventory write to an app without write_inventory', async () => {
    const appToken = await installApp(h, shop, 'read_products,read_inventory');
    const read = await h.gql(shop, appToken, `{ inventoryItem(id: "${item}") { sku } }`);
    expect(read.body.data.inventoryItem.sku).toBe('INV-1');
    const res = await h.gql(shop, appToken, SET, { input: setInput(1, null), key: 'denied' });
    expect(res.body.errors[0]).toMatchObject({ path: ['inventorySetQuantities'], extensions: { code: 'ACCESS_DENIED' } });
    expect(res.body.errors[0].message).toContain('write_inventory');
    expect((await levels()).available).toBe(20);
  });
});
