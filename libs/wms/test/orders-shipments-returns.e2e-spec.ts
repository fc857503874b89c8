import { levelOf, makeOrder, makeProduct, makeShippingProcess, makeWarehouse, receive, startTestApp, type TestApp } from '@gantry/testing';

describe('orders, reservations, shipments and returns', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reserves an order, ships it in two parts and releases the reservation as it ships', async () => {
    const wh = await makeWarehouse(t);
    const sp = await makeShippingProcess(t, wh.id);
    const p = await makeProduct(t);
    const q = await makeProduct(t);
    await receive(t, p.sku, wh.id, 10);
    await receive(t, q.sku, wh.id, 1);
    const order = await makeOrder(
      t,
      wh.id,
      [
        { sku: p.sku, quantity: 3 },
        { sku: q.sku, quantity: 2 },
      ],
      { shippingProcessId: sp.id, reference: 'ERP-1' },
    );
    expect(order.status).toBe('open');
    expect(await levelOf(t, p.sku, wh.id)).toEqual({ onHand: 10, reserved: 3, available: 7 });
    // Promised beyond stock: available goes negative, the order is still taken.
    expect(await levelOf(t, q.sku, wh.id)).toEqual({ onHand: 1, reserved: 2, available: -1 });

    const first = await t
      .http(null)
      .post(`/api/v1/orders/${order.id}/shipments`)
      .set('Authorization', `Bearer ${t.keys.operator}`)
      .send({ carrier: 'DHL', trackingNumber: 'TRK1', trackingUrl: 'https://track.example/TRK1', lines: [{ sku: p.sku, quantity: 3 }] })
      .expect(201);
    expect(first.body.lines).toEqual([expect.objectContaining({ sku: p.sku, quantity: 3 })]);
    expect(await levelOf(t, p.sku, wh.id)).toEqual({ onHand: 7, reserved: 0, available: 7 });

    // Only 1 of q on hand: shipping 2 is refused and nothing changes.
    const refused = await t
      .http()
      .post(`/api/v1/orders/${order.id}/shipments`)
      .send({ carrier: 'DHL', trackingNumber: 'TRK2', lines: [{ sku: q.sku, quantity: 2 }] })
      .expect(409);
    expect(refused.body.detail).toContain(`Not enough stock of ${q.sku}`);
    await receive(t, q.sku, wh.id, 5);
    await t
      .http()
      .post(`/api/v1/orders/${order.id}/shipments`)
      .send({ carrier: 'DHL', trackingNumber: 'TRK2', lines: [{ sku: q.sku, quantity: 2 }] })
      .expect(201);
    expect(await levelOf(t, q.sku, wh.id)).toEqual({ onHand: 4, reserved: 0, available: 4 });

    const got = await t.http(null).get(`/api/v1/orders/${order.id}`).set('Authorization', `Bearer ${t.keys.viewer}`).expect(200);
    expect(got.body.status).toBe('shipped');
    expect(got.body.shipments.map((s: { trackingNumber: string }) => s.trackingNumber)).toEqual(['TRK1', 'TRK2']);
    const events: { topic: string }[] = await t.dataSource.query(
      `SELECT topic FROM outbox_event WHERE topic = 'shipment.created' AND payload->>'orderId' = $1`,
      [order.id],
    );
    expect(events).toHaveLength(2);

    await t
      .http()
      .post(`/api/v1/orders/${order.id}/shipments`)
      .send({ carrier: 'DHL', trackingNumber: 'TRK3', lines: [{ sku: p.sku, quantity: 1 }] })
      .expect(409);
  });

  it('refuses shipping more than ordered, and a SKU the order does not have', async () => {
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    const other = await makeProduct(t);
    await receive(t, p.sku, wh.id, 10);
    const order = await makeOrder(t, wh.id, [{ sku: p.sku, quantity: 2 }]);
    const tooMany = await t
      .http()
      .post(`/api/v1/orders/${order.id}/shipments`)
      .send({ carrier: 'UPS', trackingNumber: 'X', lines: [{ sku: p.sku, quantity: 3 }] })
      .expect(409);
    expect(tooMany.body.errors).toEqual([{ field: 'lines[0].quantity', message: `only 2 of ${p.sku} left to ship` }]);
    const wrong = await t
      .http()
      .post(`/api/v1/orders/${order.id}/shipments`)
      .send({ carrier: 'UPS', trackingNumber: 'X', lines: [{ sku: other.sku, quantity: 1 }] })
      .expect(400);
    expect(wrong.body.errors).toEqual([{ field: 'lines[0].sku', message: `order has no line with SKU ${other.sku}` }]);
    expect(await levelOf(t, p.sku, wh.id)).toEqual({ onHand: 10, reserved: 2, available: 8 });
  });

  it('cancelling an order releases its reservation', async () => {
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    await receive(t, p.sku, wh.id, 5);
    const order = await makeOrder(t, wh.id, [{ sku: p.sku, quantity: 4 }]);
    const res = await t.http().post(`/api/v1/orders/${order.id}/cancel`).expect(200);
    expect(res.body.status).toBe('cancelled');
    expect(await levelOf(t, p.sku, wh.id)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    await t
      .http()
      .post(`/api/v1/orders/${order.id}/shipments`)
      .send({ carrier: 'UPS', trackingNumber: 'X', lines: [{ sku: p.sku, quantity: 1 }] })
      .expect(409);
  });

  it('keeps channel orders idempotent per store and external id', async () => {
    const { OrderService } = await import('@gantry/wms');
    const orders = t.app.get(OrderService);
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    const storeId = '6f1c1b8e-0000-4000-8000-000000000001';
    const input = {
      warehouseId: wh.id,
      storeId,
      externalId: 'gid://shopify/Order/9007199254740993',
      externalNumber: '#1001',
      lines: [{ sku: p.sku, quantity: 1, externalLineId: 'gid://shopify/LineItem/9007199254740995' }],
    };
    const [a, b] = await Promise.all([orders.create(input), orders.create(input)]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.order.id).toBe(b.order.id);
    const list = await t.http().get(`/api/v1/orders?storeId=${storeId}`).expect(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({
      externalId: input.externalId,
      externalNumber: '#1001',
      lines: [{ externalLineId: 'gid://shopify/LineItem/9007199254740995' }],
    });
    expect(await levelOf(t, p.sku, wh.id)).toMatchObject({ reserved: 1 });
    const [event] = await t.dataSource.query(
      `SELECT payload FROM outbox_event WHERE topic = 'stock.changed' AND payload->>'productId' = $1`,
      [p.id],
    );
    expect(event.payload).toMatchObject({ sourceStoreId: storeId, availableBefore: 0, available: -1, storeDeltas: { [storeId]: -1 } });
  });

  it('finds orders by text in the number, reference or a line SKU, newest first, on the server (not only a loaded page)', async () => {
    const wh = await makeWarehouse(t);
    const token = Math.random().toString(36).slice(2, 8).toUpperCase();
    const shirt = await makeProduct(t, { sku: `SHIRT-${token}-M` });
    const mug = await makeProduct(t, { sku: `MUG-${token}` });
    const first = await makeOrder(t, wh.id, [{ sku: shirt.sku, quantity: 1 }], { reference: `ERP-${token}-1` });
    const second = await makeOrder(t, wh.id, [{ sku: mug.sku, quantity: 1 }], { reference: `ERP-${token}-2` });
    const third = await makeOrder(
      t,
      wh.id,
      [
        { sku: mug.sku, quantity: 1 },
        { sku: shirt.sku, quantity: 2 },
      ],
      { reference: `50%_OFF-${token}` },
    );
    const ids = async (query: string): Promise<string[]> =>
      ((await t.http().get(`/api/v1/orders?${query}`).expect(200)).body as { id: string }[]).map((o) => o.id);

    // Case-insensitive, anywhere in the reference or a line's SKU; each order once even when several lines match.
    expect(await ids(`q=erp-${token.toLowerCase()}`)).toEqual([second.id, first.id]);
    expect(await ids(`q=${encodeURIComponent(`shirt-${token}`)}`)).toEqual([third.id, first.id]);
    expect(await ids(`q=${encodeURIComponent(` ${token} `)}`)).toEqual([third.id, second.id, first.id]);
    // % and _ are text, not wildcards.
    expect(await ids(`q=${encodeURIComponent(`%_OFF-${token}`)}`)).toEqual([third.id]);
    expect(await ids(`q=${encodeURIComponent(`%${token}`)}`)).toEqual([]);
    // With the other filters and the limit.
    expect(await ids(`q=${token}&limit=2`)).toEqual([third.id, second.id]);
    expect(await ids(`q=${token}&status=shipped`)).toEqual([]);
    const res = await t
      .http()
      .get(`/api/v1/orders?q=${'x'.repeat(201)}`)
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'q', message: expect.stringMatching(/200/) })]);
  });

  it('receives a return: restocked lines book a receipt, others do not', async () => {
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    await receive(t, p.sku, wh.id, 5);
    const order = await makeOrder(t, wh.id, [{ sku: p.sku, quantity: 3 }]);
    await t
      .http()
      .post(`/api/v1/orders/${order.id}/shipments`)
      .send({ carrier: 'UPS', trackingNumber: 'R1', lines: [{ sku: p.sku, quantity: 3 }] })
      .expect(201);
    const opened = await t
      .http()
      .post('/api/v1/returns')
      .send({ orderId: order.id, reason: 'too small', lines: [{ sku: p.sku, quantity: 3 }] })
      .expect(201);
    expect(opened.body).toMatchObject({ status: 'open', warehouseId: wh.id, orderId: order.id });

    const partial = await t
      .http()
      .post(`/api/v1/returns/${opened.body.id}/receive`)
      .send({ lines: [{ sku: p.sku, quantity: 2, restock: true }] })
      .expect(200);
    expect(partial.body.status).toBe('partially_received');
    expect(await levelOf(t, p.sku, wh.id)).toMatchObject({ onHand: 4 });
    const done = await t
      .http()
      .post(`/api/v1/returns/${opened.body.id}/receive`)
      .send({ lines: [{ sku: p.sku, quantity: 1, restock: false }] })
      .expect(200);
    expect(done.body.status).toBe('received');
    expect(done.body.lines).toEqual([expect.objectContaining({ receivedQuantity: 3, restockedQuantity: 2 })]);
    expect(await levelOf(t, p.sku, wh.id)).toMatchObject({ onHand: 4 });

    const over = await t
      .http()
      .post(`/api/v1/returns/${opened.body.id}/receive`)
      .send({ lines: [{ sku: p.sku, quantity: 1, restock: true }] })
      .expect(409);
    expect(over.body.errors[0].field).toBe('lines[0].quantity');
    const listed = await t.http().get('/api/v1/returns?status=received').expect(200);
    expect(listed.body.map((r: { id: string }) => r.id)).toContain(opened.body.id);
    const events = await t.dataSource.query(`SELECT 1 FROM outbox_event WHERE topic = 'return.received' AND payload->>'returnId' = $1`, [
      opened.body.id,
    ]);
    expect(events).toHaveLength(2);
  });
});
