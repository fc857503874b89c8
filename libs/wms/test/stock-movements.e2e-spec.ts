import { levelOf, makeProduct, makeWarehouse, receive, startTestApp, type TestApp } from '@gantry/testing';

describe('stock movements', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('books receipts, picks and adjustments into the level and the ledger', async () => {
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    await receive(t, p.sku, wh.id, 10);
    await t.http().post('/api/v1/stock/movements').send({ type: 'pick', sku: p.sku, warehouseId: wh.id, quantity: 3 }).expect(201);
    const res = await t
      .http()
      .post('/api/v1/stock/movements')
      .send({ type: 'adjustment', sku: p.sku, warehouseId: wh.id, quantity: -2, reference: 'count' })
      .expect(201);
    expect(res.body.levels).toEqual([{ sku: p.sku, warehouseId: wh.id, onHand: 5, reserved: 0, available: 5 }]);
    const ledger: { type: string; quantity: number; on_hand_after: number }[] = await t.dataSource.query(
      `SELECT type, quantity, on_hand_after FROM stock_movement WHERE product_id = $1 ORDER BY id`,
      [p.id],
    );
    expect(ledger).toEqual([
      { type: 'receipt', quantity: 10, on_hand_after: 10 },
      { type: 'pick', quantity: -3, on_hand_after: 7 },
      { type: 'adjustment', quantity: -2, on_hand_after: 5 },
    ]);
  });

  it('writes a transfer as two ledger rows in one transaction', async () => {
    const a = await makeWarehouse(t);
    const b = await makeWarehouse(t);
    const p = await makeProduct(t);
    await receive(t, p.sku, a.id, 8);
    await t
      .http()
      .post('/api/v1/stock/movements')
      .send({ type: 'transfer', sku: p.sku, warehouseId: a.id, toWarehouseId: b.id, quantity: 5 })
      .expect(201);
    expect(await levelOf(t, p.sku, a.id)).toMatchObject({ onHand: 3 });
    expect(await levelOf(t, p.sku, b.id)).toMatchObject({ onHand: 5 });
    const rows: { transfer_id: string; quantity: number }[] = await t.dataSource.query(
      `SELECT transfer_id, quantity FROM stock_movement WHERE product_id = $1 AND type = 'transfer' ORDER BY quantity`,
      [p.id],
    );
    expect(rows.map((r) => r.quantity)).toEqual([-5, 5]);
    expect(rows[0]?.transfer_id).toBeTruthy();
    expect(rows[0]?.transfer_id).toBe(rows[1]?.transfer_id);
  });

  it('refuses a pick that would make on-hand negative with 409 and changes nothing', async () => {
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    await receive(t, p.sku, wh.id, 2);
    const res = await t
      .http()
      .post('/api/v1/stock/movements')
      .send({ type: 'pick', sku: p.sku, warehouseId: wh.id, quantity: 3 })
      .expect(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toContain(`Not enough stock of ${p.sku}: 2 on hand`);
    expect(await levelOf(t, p.sku, wh.id)).toMatchObject({ onHand: 2 });
  });

  it('applies a batch all or nothing', async () => {
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    const q = await makeProduct(t);
    const res = await t
      .http()
      .post('/api/v1/stock/movements/batch')
      .send({
        movements: [
          { type: 'receipt', sku: p.sku, warehouseId: wh.id, quantity: 4 },
          { type: 'pick', sku: q.sku, warehouseId: wh.id, quantity: 1 },
        ],
      })
      .expect(409);
    expect(res.body.errors).toEqual([{ field: 'movements[1].quantity', message: expect.stringContaining(q.sku) }]);
    expect(await levelOf(t, p.sku, wh.id)).toMatchObject({ onHand: 0 });
    await t
      .http()
      .post('/api/v1/stock/movements/batch')
      .send({
        movements: [
          { type: 'receipt', sku: p.sku, warehouseId: wh.id, quantity: 4 },
          { type: 'pick', sku: p.sku, warehouseId: wh.id, quantity: 1 },
        ],
      })
      .expect(201);
    expect(await levelOf(t, p.sku, wh.id)).toMatchObject({ onHand: 3 });
  });

  it('loses nothing when 50 movements hit one SKU at once', async () => {
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    await receive(t, p.sku, wh.id, 100);
    const moves = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0
        ? { type: 'receipt', sku: p.sku, warehouseId: wh.id, quantity: 3 }
        : { type: 'pick', sku: p.sku, warehouseId: wh.id, quantity: 2 },
    );
    const results = await Promise.all(
      moves.map((m) => t.http(null).post('/api/v1/stock/movements').set('Authorization', `Bearer ${t.keys.operator}`).send(m)),
    );
    expect(results.map((r) => r.status)).toEqual(moves.map(() => 201));
    expect(await levelOf(t, p.sku, wh.id)).toMatchObject({ onHand: 100 + 25 * 3 - 25 * 2, reserved: 0, available: 125 });
    const [{ count, version }] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM stock_movement WHERE product_id = $1) AS count,
              (SELECT version::int FROM stock_level WHERE product_id = $1) AS version`,
      [p.id],
    );
    expect(count).toBe(51);
    expect(version).toBe(51);
    const events: { version: string }[] = await t.dataSource.query(
      `SELECT payload->>'version' AS version FROM outbox_event WHERE topic = 'stock.changed' AND payload->>'productId' = $1 ORDER BY id`,
      [p.id],
    );
    expect(events.map((e) => Number(e.version))).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
  });
});
