import { makeProduct, makeWarehouse, startTestApp, type TestApp } from '@gantry/testing';

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
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set(['colour', 'type', 'sku', 'quantity']));
    expect(res.body.detail).toMatch(/invalid field/);
    expect(await movementCount()).toBe(before);
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
