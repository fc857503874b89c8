import { randomUUID } from 'node:crypto';
import { PluginService, StoreConnectionService } from '@gantry/core';
import { makeProduct, makeWarehouse, startTestApp, uniq, type TestApp } from '@gantry/testing';

const SEND_OBJECT = 'Send a JSON object (Content-Type: application/json)';
const SEND_ARRAY = 'Send a JSON array (Content-Type: application/json)';
const NO_ID = '00000000-0000-4000-8000-000000000000';

interface FieldError {
  field: string;
  message: string;
}

const byField = (errors: FieldError[]): FieldError[] => [...errors].sort((a, b) => a.field.localeCompare(b.field));

/** Bad input answers a clear 4xx problem with field messages; never a 500, and nothing is written. */
describe('bad input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const movementCount = async (): Promise<number> => {
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM stock_movement`);
    return n as number;
  };

  it('answers malformed JSON with 400 naming the body', async () => {
    const res = await t.http().post('/api/v1/warehouses').set('content-type', 'application/json').send('{"code": "A",').expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, title: expect.any(String), errors: [{ field: 'body', message: 'malformed JSON' }] });
  });

  it('names unknown fields, wrong types and missing fields, one entry each', async () => {
    const wh = await makeWarehouse(t);
    const before = await movementCount();
    const res = await t
      .http()
      .post('/api/v1/stock/movements')
      .send({ type: 'teleport', warehouseId: wh.id, quantity: 'five', colour: 'red' })
      .expect(400);
    expect(byField(res.body.errors as FieldError[])).toEqual([
      { field: 'colour', message: 'colour is not a known field' },
      { field: 'quantity', message: 'quantity must be an integer number' },
      { field: 'sku', message: 'sku is required' },
      { field: 'type', message: expect.stringContaining('type must be one of the following values') },
    ]);
    expect(res.body.detail).toBe('The request has 4 invalid fields');
    expect(await movementCount()).toBe(before);
  });

  it('gives a value of the wrong type one message, its type: never a range or length message', async () => {
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    const quantity = await t
      .http()
      .post('/api/v1/stock/movements')
      .send({ type: 'receipt', sku: p.sku, warehouseId: wh.id, quantity: '5' })
      .expect(400);
    expect(quantity.body.errors).toEqual([{ field: 'quantity', message: 'quantity must be an integer number' }]);
    const sku = await t
      .http()
      .post('/api/v1/stock/movements')
      .send({ type: 'receipt', sku: 12345, warehouseId: wh.id, quantity: 5, reference: ['x'] })
      .expect(400);
    expect(byField(sku.body.errors as FieldError[])).toEqual([
      { field: 'reference', message: 'reference must be a string' },
      { field: 'sku', message: 'sku must be a string' },
    ]);
  });

  it('names each missing required field once, and nothing about absent optional fields', async () => {
    const expected = [
      { field: 'quantity', message: 'quantity is required' },
      { field: 'sku', message: 'sku is required' },
      { field: 'type', message: 'type is required' },
      { field: 'warehouseId', message: 'warehouseId is required' },
    ];
    const empty = await t.http().post('/api/v1/stock/movements').send({}).expect(400);
    expect(byField(empty.body.errors as FieldError[])).toEqual(expected);
    const nothing = await t.http().post('/api/v1/stock/movements').expect(400);
    expect(byField(nothing.body.errors as FieldError[])).toEqual(expected);
    const nulls = await t
      .http()
      .post('/api/v1/stock/movements')
      .send({ type: null, sku: null, warehouseId: null, quantity: null })
      .expect(400);
    expect(byField(nulls.body.errors as FieldError[])).toEqual(expected);
    // A transfer needs its destination: required then, and only then.
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    const transfer = await t
      .http()
      .post('/api/v1/stock/movements')
      .send({ type: 'transfer', sku: p.sku, warehouseId: wh.id, quantity: 1 })
      .expect(400);
    expect(transfer.body.errors).toEqual([{ field: 'toWarehouseId', message: 'toWarehouseId is required' }]);
  });

  it('labels a single movement’s fields as its body does: `sku`, not `movement[0].sku`', async () => {
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    const unknown = await t
      .http()
      .post('/api/v1/stock/movements')
      .send({ type: 'receipt', sku: 'NO-SUCH-SKU', warehouseId: wh.id, quantity: 1 })
      .expect(404);
    expect(unknown.body.errors).toEqual([{ field: 'sku', message: 'no product with SKU NO-SUCH-SKU' }]);
    const sameWarehouse = await t
      .http()
      .post('/api/v1/stock/movements')
      .send({ type: 'transfer', sku: p.sku, warehouseId: wh.id, toWarehouseId: wh.id, quantity: 1 })
      .expect(400);
    expect(sameWarehouse.body.errors).toEqual([{ field: 'toWarehouseId', message: 'a transfer needs two different warehouses' }]);
    const negative = await t
      .http()
      .post('/api/v1/stock/movements')
      .send({ type: 'pick', sku: p.sku, warehouseId: wh.id, quantity: 1 })
      .expect(409);
    expect(negative.body.errors).toEqual([{ field: 'quantity', message: expect.any(String) }]);
  });

  it('uses the paths of the body in arrays and nested objects: batches, shipment lines and parcels, array bodies, settings', async () => {
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    const batch = await t
      .http()
      .post('/api/v1/stock/movements/batch')
      .send({
        movements: [
          { type: 'receipt', sku: p.sku, warehouseId: wh.id, quantity: '5' },
          { type: 'receipt', warehouseId: wh.id, quantity: 1 },
          7,
        ],
      })
      .expect(400);
    expect(byField(batch.body.errors as FieldError[])).toEqual([
      { field: 'movements[0].quantity', message: 'quantity must be an integer number' },
      { field: 'movements[1].sku', message: 'sku is required' },
      { field: 'movements[2]', message: 'movements[2] must be an object' },
    ]);
    const unknownSku = await t
      .http()
      .post('/api/v1/stock/movements/batch')
      .send({ movements: [{ type: 'receipt', sku: 'NO-SUCH-SKU', warehouseId: wh.id, quantity: 1 }] })
      .expect(404);
    expect(unknownSku.body.errors).toEqual([{ field: 'movements[0].sku', message: 'no product with SKU NO-SUCH-SKU' }]);
    const notArray = await t
      .http()
      .post('/api/v1/stock/movements/batch')
      .send({ movements: { type: 'receipt', sku: 5 } })
      .expect(400);
    expect(notArray.body.errors).toEqual([{ field: 'movements', message: 'movements must be an array' }]);

    const shipment = await t
      .http()
      .post(`/api/v1/orders/${NO_ID}/shipments`)
      .send({ carrier: 'ups', parcels: [{ trackingNumber: 5 }], lines: [{ sku: 'A', quantity: '2' }, { quantity: 1 }] })
      .expect(400);
    expect(byField(shipment.body.errors as FieldError[])).toEqual([
      { field: 'lines[0].quantity', message: 'quantity must be an integer number' },
      { field: 'lines[1].sku', message: 'sku is required' },
      { field: 'parcels[0].trackingNumber', message: 'trackingNumber must be a string' },
    ]);

    const mappings = await t
      .http()
      .put(`/api/v1/stores/${NO_ID}/location-mappings`)
      .send([{ locationId: 'gid://shopify/Location/1', warehouseId: 'nope', shippingProcessId: NO_ID, isDefault: 'yes' }, 'x'])
      .expect(400);
    expect(byField(mappings.body.errors as FieldError[])).toEqual([
      { field: '[0].isDefault', message: 'isDefault must be a boolean value' },
      { field: '[0].warehouseId', message: 'warehouseId must be a UUID' },
      { field: '[1]', message: '[1] must be an object' },
    ]);

    await t.app.get(PluginService).activate('joor-b2b');
    const joor = await t.app.get(StoreConnectionService).connect({
      pluginKey: 'joor-b2b',
      externalAccountId: uniq('joor'),
      name: 'JOOR settings',
      credentials: { apiToken: 'token' },
    });
    const settings = await t
      .http()
      .patch(`/api/v1/stores/${joor.id}/settings`)
      .send({
        intervalMinutes: '30',
        taxByCountry: [
          { countryCode: 'DE', title: 'VAT', rate: 0.19 },
          { countryCode: 'FR', rate: '0.2' },
        ],
      })
      .expect(400);
    expect(byField(settings.body.errors as FieldError[])).toEqual([
      { field: 'intervalMinutes', message: 'intervalMinutes must be an integer number' },
      { field: 'taxByCountry[0].rate', message: 'rate must be a string' },
      { field: 'taxByCountry[1].title', message: 'title is required' },
    ]);
  });

  it('answers a body that is not a JSON object with one 400 saying so: a form, text, an array, a JSON scalar', async () => {
    const before = await movementCount();
    const sent: [string, string][] = [
      ['application/x-www-form-urlencoded', 'type=receipt&sku=A&quantity=5'],
      ['text/plain', 'receipt of 5 A'],
      ['application/xml', '<movement/>'],
      ['application/json', '[{"type": "receipt", "sku": "A", "quantity": 5}]'],
      ['application/json', '5'],
      ['application/json', '"five"'],
      ['application/json', 'true'],
      ['application/json', 'null'],
    ];
    for (const [contentType, body] of sent) {
      const res = await t.http().post('/api/v1/stock/movements').set('content-type', contentType).send(body);
      expect({ contentType, body, status: res.status, detail: res.body.detail, errors: res.body.errors }).toEqual({
        contentType,
        body,
        status: 400,
        detail: SEND_OBJECT,
        errors: [{ field: 'body', message: 'must be a JSON object' }],
      });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await movementCount()).toBe(before);
    // Malformed JSON is still named as such.
    const malformed = await t.http().post('/api/v1/stock/movements').set('content-type', 'application/json').send('{"type":').expect(400);
    expect(malformed.body.errors).toEqual([{ field: 'body', message: 'malformed JSON' }]);
  });

  it('answers the same for settings (an object), and "send a JSON array" where the body is one', async () => {
    const settings = await t
      .http()
      .patch(`/api/v1/stores/${randomUUID()}/settings`)
      .set('content-type', 'application/json')
      .send('[{"stockSync": {"enabled": true}}]')
      .expect(400);
    expect(settings.body.detail).toBe(SEND_OBJECT);
    const form = await t
      .http()
      .patch(`/api/v1/stores/${randomUUID()}/settings`)
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('label=x')
      .expect(400);
    expect(form.body.detail).toBe(SEND_OBJECT);
    const nothing = await t.http().patch(`/api/v1/stores/${randomUUID()}/settings`).expect(400);
    expect(nothing.body.detail).toBe(SEND_OBJECT);
    for (const [contentType, body] of [
      ['application/json', '{"locationId": "gid://shopify/Location/1"}'],
      ['application/json', '7'],
      ['application/x-www-form-urlencoded', 'locationId=1'],
    ] as const) {
      const res = await t.http().put(`/api/v1/stores/${NO_ID}/location-mappings`).set('content-type', contentType).send(body);
      expect({ body, status: res.status, detail: res.body.detail, errors: res.body.errors }).toEqual({
        body,
        status: 400,
        detail: SEND_ARRAY,
        errors: [{ field: 'body', message: 'must be a JSON array' }],
      });
    }
    const empty = await t.http().put(`/api/v1/stores/${NO_ID}/location-mappings`).expect(400);
    expect(empty.body.detail).toBe(SEND_ARRAY);
  });

  it('points into nested arrays for batch movements', async () => {
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    const res = await t
      .http()
      .post('/api/v1/stock/movements/batch')
      .send({
        movements: [
          { type: 'receipt', sku: p.sku, warehouseId: wh.id, quantity: 1 },
          { type: 'receipt', sku: p.sku, warehouseId: 'nope', quantity: 0 },
        ],
      })
      .expect(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'movements[1].warehouseId', message: expect.any(String) },
        { field: 'movements[1].quantity', message: expect.any(String) },
      ]),
    );
  });

  it('answers an oversized body with 413', async () => {
    const huge = { code: 'X', name: 'y'.repeat(2 * 1024 * 1024) };
    const res = await t.http().post('/api/v1/warehouses').send(huge).expect(413);
    expect(res.body.status).toBe(413);
  });

  it('answers unknown ids with 404 and malformed ids with 400', async () => {
    await t.http().get('/api/v1/orders/00000000-0000-4000-8000-000000000000').expect(404);
    const res = await t.http().get('/api/v1/orders/not-a-uuid').expect(400);
    expect(res.body.status).toBe(400);
    const unknownSku = await t
      .http()
      .post('/api/v1/stock/movements')
      .send({ type: 'receipt', sku: 'NO-SUCH-SKU', warehouseId: (await makeWarehouse(t)).id, quantity: 1 })
      .expect(404);
    expect(unknownSku.body.detail).toContain('NO-SUCH-SKU');
  });

  it('answers duplicates with 409', async () => {
    const p = await makeProduct(t);
    const res = await t.http().post('/api/v1/products').send({ sku: p.sku, name: 'again' }).expect(409);
    expect(res.body.status).toBe(409);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.http().get('/api/v1/no-such-thing').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
