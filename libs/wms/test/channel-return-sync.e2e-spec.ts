import { randomUUID } from 'node:crypto';
import { WarehousePort, type WarehouseReturnDraft } from '@gantry/core';
import { levelOf, makeOrder, makeProduct, makeWarehouse, receive, startTestApp, type TestApp, uniq, until } from '@gantry/testing';
import type { EntityManager } from 'typeorm';

/**
 * The warehouse side of channel returns: the core expects and withdraws each return through WarehousePort, in its own
 * transaction, and reads what arrived; people receive the goods through the API.
 */
describe('channel returns through the warehouse port', () => {
  let t: TestApp;
  let port: WarehousePort;

  beforeAll(async () => {
    t = await startTestApp();
    port = t.app.get(WarehousePort);
  });
  afterAll(() => t.close());

  const inTx = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => t.dataSource.transaction(work);
  const expectReturn = (draft: WarehouseReturnDraft) => inTx((m) => port.expectReturn(m, draft));
  const withdraw = (id: string, reason: string) => inTx((m) => port.withdrawReturn(m, id, reason));
  const get = async (id: string) => (await t.http().get(`/api/v1/returns/${id}`).expect(200)).body;
  const receiveInto = (id: string, lines: { sku: string; quantity: number; restock: boolean; externalLineId?: string }[]) =>
    t.http().post(`/api/v1/returns/${id}/receive`).send({ lines });
  const rowsOf = (storeId: string) => t.dataSource.query(`SELECT id FROM customer_return WHERE store_id = $1`, [storeId]);
  const storeEffect = async (storeId: string, warehouseId: string, productId: string): Promise<number> => {
    const [row] = await t.dataSource.query<{ sum: number }[]>(
      `SELECT coalesce(sum(available_delta), 0)::int AS sum FROM stock_store_effect WHERE store_id = $1 AND warehouse_id = $2 AND product_id = $3`,
      [storeId, warehouseId, productId],
    );
    return row?.sum ?? 0;
  };

  /** A shipped warehouse order of two products (8 of A and 4 of B left on hand) and a draft of a channel return of both. */
  async function setup() {
    const wh = await makeWarehouse(t);
    const a = await makeProduct(t);
    const b = await makeProduct(t);
    await receive(t, a.sku, wh.id, 10);
    await receive(t, b.sku, wh.id, 5);
    const order = await makeOrder(t, wh.id, [
      { sku: a.sku, quantity: 2 },
      { sku: b.sku, quantity: 1 },
    ]);
    await t
      .http()
      .post(`/api/v1/orders/${order.id}/shipments`)
      .send({
        carrier: 'dhl_express',
        trackingNumber: uniq('TRK'),
        lines: [
          { sku: a.sku, quantity: 2 },
          { sku: b.sku, quantity: 1 },
        ],
      })
      .expect(201);
    const storeId = randomUUID();
    const draft: WarehouseReturnDraft = {
      storeId,
      externalId: `gid://shopify/Return/${uniq('r')}`,
      externalName: '#1001-R1',
      orderId: order.id,
      warehouseId: wh.id,
      reason: 'SIZE_TOO_SMALL',
      channelRestocks: true,
      lines: [
        { externalLineId: 'R1', sku: a.sku, quantity: 2, reason: 'SIZE_TOO_SMALL: too tight' },
        { externalLineId: 'R2', sku: b.sku, quantity: 1, reason: null },
      ],
    };
    return { wh, a, b, order, storeId, draft };
  }

  it('creates the return expected, finds it again unchanged, and leaves nothing behind when the caller rolls back', async () => {
    const { wh, a, b, order, storeId, draft } = await setup();
    const created = await expectReturn(draft);
    expect(created).toEqual({ returnId: expect.any(String), outcome: 'created' });
    const returnId = created.outcome === 'created' ? created.returnId : '';
    const got = await get(returnId);
    expect(got).toMatchObject({
      status: 'expected',
      storeId,
      externalId: draft.externalId,
      externalName: '#1001-R1',
      orderId: order.id,
      warehouseId: wh.id,
      reason: 'SIZE_TOO_SMALL',
      channelRestocks: true,
      holdReason: null,
    });
    expect(got.lines).toEqual([
      {
        externalLineId: 'R1',
        sku: a.sku,
        productId: a.id,
        quantity: 2,
        receivedQuantity: 0,
        restockedQuantity: 0,
        orderLineId: order.lines.find((l) => l.sku === a.sku)?.id,
        reason: 'SIZE_TOO_SMALL: too tight',
      },
      {
        externalLineId: 'R2',
        sku: b.sku,
        productId: b.id,
        quantity: 1,
        receivedQuantity: 0,
        restockedQuantity: 0,
        orderLineId: order.lines.find((l) => l.sku === b.sku)?.id,
        reason: null,
      },
    ]);

    // The core crashed before it recorded the id: the same draft finds the same return; the line order does not matter.
    expect(await expectReturn(draft)).toEqual({ returnId, outcome: 'unchanged' });
    expect(await expectReturn({ ...draft, lines: [...draft.lines].reverse() })).toEqual({ returnId, outcome: 'unchanged' });
    expect(await rowsOf(storeId)).toHaveLength(1);

    const listed = await t.http().get(`/api/v1/returns?status=expected&storeId=${storeId}`).expect(200);
    expect(listed.body.map((r: { id: string }) => r.id)).toEqual([returnId]);
    await t.http().get('/api/v1/returns?status=lost_in_transit').expect(400);

    expect(await port.returnReceipt(returnId)).toEqual({
      returnId,
      storeId,
      externalId: draft.externalId,
      warehouseId: wh.id,
      status: 'expected',
      complete: false,
      lines: [
        { externalLineId: 'R1', sku: a.sku, quantity: 2, received: 0, restocked: 0 },
        { externalLineId: 'R2', sku: b.sku, quantity: 1, received: 0, restocked: 0 },
      ],
    });
    expect(await port.returnReceipt(randomUUID())).toBeNull();
    expect(await port.returnReceipt('not-a-uuid')).toBeNull();

    // Without an order: no order lines to point at.
    const other = { ...draft, externalId: `${draft.externalId}-2`, orderId: null };
    const loose = await expectReturn(other);
    expect(loose.outcome).toBe('created');
    expect((await get(loose.returnId ?? '')).lines.map((l: { orderLineId: string | null }) => l.orderLineId)).toEqual([null, null]);

    const rolledBack = { ...draft, externalId: `${draft.externalId}-rolled-back` };
    await expect(
      inTx(async (m) => {
        await port.expectReturn(m, rolledBack);
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await t.dataSource.query(`SELECT id FROM customer_return WHERE external_id = $1`, [rolledBack.externalId])).toHaveLength(0);
  });

  it('creates one return when two first attempts race, the second waiting on the first', async () => {
    const { storeId, draft } = await setup();
    const both = await Promise.all([expectReturn(draft), expectReturn(draft)]);
    expect(both.map((r) => r.outcome).sort()).toEqual(['created', 'unchanged']);
    expect(both[0]?.returnId).toBe(both[1]?.returnId);
    expect(await rowsOf(storeId)).toHaveLength(1);

    // Forced: the second attempt inserts while the first has inserted and not committed yet.
    const raced = { ...draft, externalId: `${draft.externalId}-raced` };
    let inserted!: () => void;
    let commit!: () => void;
    const hasInserted = new Promise<void>((resolve) => (inserted = resolve));
    const mayCommit = new Promise<void>((resolve) => (commit = resolve));
    const first = inTx(async (m) => {
      const result = await port.expectReturn(m, raced);
      inserted();
      await mayCommit;
      return result;
    });
    await hasInserted;
    const second = expectReturn(raced);
    await until(
      () =>
        t.dataSource.query<unknown[]>(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO customer_return%'`,
        ),
      (rows) => rows.length > 0,
      'the second attempt to wait on the first one',
    );
    commit();
    const [one, two] = await Promise.all([first, second]);
    expect(one.outcome).toBe('created');
    expect(two).toEqual({ returnId: one.returnId, outcome: 'unchanged' });
    expect(await t.dataSource.query(`SELECT id FROM customer_return WHERE external_id = $1`, [raced.externalId])).toHaveLength(1);
  });

  it('follows the channel while nothing is received: lines, warehouse, reason', async () => {
    const { a, b, draft } = await setup();
    const c = await makeProduct(t);
    const wh2 = await makeWarehouse(t);
    const { returnId } = await expectReturn(draft);
    const edited: WarehouseReturnDraft = {
      ...draft,
      warehouseId: wh2.id,
      reason: 'DEFECTIVE',
      externalName: '#1001-R1 (edited)',
      channelRestocks: false,
      lines: [
        { externalLineId: 'R1', sku: a.sku, quantity: 1, reason: 'DEFECTIVE' },
        { externalLineId: 'R3', sku: c.sku, quantity: 4, reason: null },
      ],
    };
    expect(await expectReturn(edited)).toEqual({ returnId, outcome: 'updated' });
    const got = await get(returnId ?? '');
    expect(got).toMatchObject({
      status: 'expected',
      warehouseId: wh2.id,
      reason: 'DEFECTIVE',
      externalName: '#1001-R1 (edited)',
      channelRestocks: false,
    });
    expect(got.lines).toEqual([
      expect.objectContaining({ externalLineId: 'R1', sku: a.sku, quantity: 1, reason: 'DEFECTIVE' }),
      // C was not on the order: no order line to point at.
      expect.objectContaining({ externalLineId: 'R3', sku: c.sku, productId: c.id, quantity: 4, orderLineId: null }),
    ]);
    expect(got.lines.some((l: { sku: string }) => l.sku === b.sku)).toBe(false);
    expect(await expectReturn(edited)).toEqual({ returnId, outcome: 'unchanged' });

    // A warehouse that does not exist is bad input, not a server error; nothing changes.
    await expect(expectReturn({ ...edited, warehouseId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      expectReturn({ ...edited, lines: [...edited.lines, { externalLineId: 'R1', sku: a.sku, quantity: 1, reason: null }] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await get(returnId ?? '')).toMatchObject({ warehouseId: wh2.id });
  });

  it('refuses lines whose SKU has no product, naming them, and writes nothing', async () => {
    const { a, storeId, draft } = await setup();
    const unknown = uniq('UNMAPPED');
    const refused = await expectReturn({
      ...draft,
      lines: [
        { externalLineId: 'R1', sku: a.sku, quantity: 1, reason: null },
        { externalLineId: 'R2', sku: unknown, quantity: 1, reason: null },
        { externalLineId: 'R3', sku: '', quantity: 1, reason: null },
      ],
    });
    expect(refused).toEqual({
      returnId: null,
      outcome: 'refused',
      reason: `Return #1001-R1 cannot be expected: no product in the warehouse with SKU ${unknown}; line R3 has no SKU`,
    });
    expect(await rowsOf(storeId)).toHaveLength(0);

    // An existing return is left as it is too.
    const { returnId } = await expectReturn(draft);
    const again = await expectReturn({ ...draft, lines: [{ externalLineId: 'R1', sku: unknown, quantity: 2, reason: null }] });
    expect(again).toMatchObject({ returnId: null, outcome: 'refused', reason: expect.stringContaining(unknown) });
    expect((await get(returnId ?? '')).lines).toHaveLength(2);
  });

  it('locks the lines once anything is received, while reasons and names still follow', async () => {
    const { wh, a, b, draft } = await setup();
    const { returnId } = await expectReturn(draft);
    const id = returnId ?? '';
    await receiveInto(id, [{ sku: a.sku, quantity: 1, restock: true }]).expect(200);
    expect(await get(id)).toMatchObject({ status: 'partially_received' });

    const locked = await expectReturn({
      ...draft,
      lines: [
        { externalLineId: 'R1', sku: a.sku, quantity: 3, reason: null },
        { externalLineId: 'R4', sku: b.sku, quantity: 1, reason: null },
      ],
    });
    expect(locked).toEqual({
      returnId: id,
      outcome: 'locked',
      reason: `Return #1001-R1 has goods received (1 × ${a.sku}); it cannot change: line R1 (SKU ${a.sku}) quantity 2 → 3, line R4 (SKU ${b.sku}) added, line R2 (SKU ${b.sku}) removed`,
    });
    const wh2 = await makeWarehouse(t);
    expect(await expectReturn({ ...draft, warehouseId: wh2.id })).toMatchObject({
      outcome: 'locked',
      reason: expect.stringContaining(`warehouse ${wh.id} → ${wh2.id}`),
    });
    const kept = await get(id);
    expect(kept).toMatchObject({ status: 'partially_received', warehouseId: wh.id });
    expect(kept.lines).toEqual([
      expect.objectContaining({ externalLineId: 'R1', quantity: 2, receivedQuantity: 1, restockedQuantity: 1 }),
      expect.objectContaining({ externalLineId: 'R2', quantity: 1, receivedQuantity: 0 }),
    ]);

    expect(await expectReturn(draft)).toEqual({ returnId: id, outcome: 'unchanged' });
    expect(await expectReturn({ ...draft, externalName: '#1001-R1b', reason: 'OTHER' })).toEqual({ returnId: id, outcome: 'updated' });
    expect(await get(id)).toMatchObject({
      status: 'partially_received',
      externalName: '#1001-R1b',
      lines: [expect.objectContaining({ receivedQuantity: 1 }), expect.objectContaining({ receivedQuantity: 0 })],
    });
  });

  it('withdraws a return nothing arrived of: cancelled, nothing can be received, expected again when reopened', async () => {
    const { a, draft } = await setup();
    const { returnId } = await expectReturn(draft);
    const id = returnId ?? '';
    expect(await withdraw(id, 'the return was declined on the channel')).toEqual({ outcome: 'withdrawn' });
    expect(await withdraw(id, 'the return was declined on the channel')).toEqual({ outcome: 'withdrawn' });
    expect(await get(id)).toMatchObject({ status: 'cancelled', holdReason: null });
    expect(await port.returnReceipt(id)).toMatchObject({ status: 'cancelled', complete: false });

    const refused = await receiveInto(id, [{ sku: a.sku, quantity: 1, restock: true }]).expect(409);
    expect(refused.body.detail).toBe('Return #1001-R1 is cancelled (the channel withdrew it); nothing can be received into it');
    expect((await get(id)).lines[0]).toMatchObject({ receivedQuantity: 0 });

    // The channel reopened it.
    expect(await expectReturn(draft)).toEqual({ returnId: id, outcome: 'updated' });
    expect(await get(id)).toMatchObject({ status: 'expected' });
    await receiveInto(id, [{ sku: a.sku, quantity: 1, restock: false }]).expect(200);

    await expect(withdraw(randomUUID(), 'gone')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('holds a return withdrawn after goods arrived; it still receives and stays held', async () => {
    const { a, b, storeId, draft } = await setup();
    const { returnId } = await expectReturn(draft);
    const id = returnId ?? '';
    await receiveInto(id, [{ sku: a.sku, quantity: 2, restock: true }]).expect(200);
    const reason = 'the return was cancelled on the channel after goods arrived';
    expect(await withdraw(id, reason)).toEqual({ outcome: 'held' });
    expect(await withdraw(id, reason)).toEqual({ outcome: 'held' });
    expect(await get(id)).toMatchObject({ status: 'needs_attention', holdReason: reason });
    const listed = await t.http().get(`/api/v1/returns?status=needs_attention&storeId=${storeId}`).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id, holdReason: reason })]);

    const done = await receiveInto(id, [{ sku: b.sku, quantity: 1, restock: false }]).expect(200);
    expect(done.body).toMatchObject({ status: 'needs_attention', holdReason: reason });
    expect(await port.returnReceipt(id)).toMatchObject({
      status: 'needs_attention',
      complete: true,
      lines: [
        { externalLineId: 'R1', sku: a.sku, quantity: 2, received: 2, restocked: 2 },
        { externalLineId: 'R2', sku: b.sku, quantity: 1, received: 1, restocked: 0 },
      ],
    });

    // The channel reopened it: the hold lifts, the status follows what arrived.
    expect(await expectReturn(draft)).toEqual({ returnId: id, outcome: 'updated' });
    expect(await get(id)).toMatchObject({ status: 'received', holdReason: null });
  });

  it("records a channel-restocked receipt as the store's own effect, and no other receipt", async () => {
    const { wh, a, b, storeId, draft } = await setup();
    const { returnId } = await expectReturn(draft);
    const id = returnId ?? '';
    await receiveInto(id, [
      { sku: a.sku, quantity: 2, restock: true },
      { sku: b.sku, quantity: 1, restock: false },
    ]).expect(200);
    expect(await levelOf(t, a.sku, wh.id)).toMatchObject({ onHand: 10 });
    expect(await storeEffect(storeId, wh.id, a.id)).toBe(2);
    expect(await storeEffect(storeId, wh.id, b.id)).toBe(0);
    const [event] = await t.dataSource.query<{ payload: Record<string, unknown> }[]>(
      `SELECT payload FROM outbox_event WHERE topic = 'stock.changed' AND payload->>'productId' = $1 ORDER BY id DESC LIMIT 1`,
      [a.id],
    );
    expect(event?.payload).toMatchObject({ sourceStoreId: storeId, storeDeltas: { [storeId]: 2 } });
    const received = await t.dataSource.query(
      `SELECT payload FROM outbox_event WHERE topic = 'return.received' AND payload->>'returnId' = $1`,
      [id],
    );
    expect(received).toEqual([{ payload: { returnId: id, orderId: draft.orderId, storeId } }]);

    // The channel does not restock: the units are the warehouse's, sent to the store like any receipt.
    const notRestocking = await expectReturn({ ...draft, externalId: `${draft.externalId}-2`, channelRestocks: false });
    await receiveInto(notRestocking.returnId ?? '', [{ sku: a.sku, quantity: 1, restock: true }]).expect(200);
    expect(await storeEffect(storeId, wh.id, a.id)).toBe(2);

    // A return opened through the API is no channel's.
    const opened = await t
      .http()
      .post('/api/v1/returns')
      .send({ warehouseId: wh.id, lines: [{ sku: a.sku, quantity: 1 }] })
      .expect(201);
    expect(opened.body).toMatchObject({ status: 'open', channelRestocks: false, holdReason: null });
    await receiveInto(opened.body.id, [{ sku: a.sku, quantity: 1, restock: true }]).expect(200);
    expect(await levelOf(t, a.sku, wh.id)).toMatchObject({ onHand: 12 });
    const effects = await t.dataSource.query(`SELECT store_id FROM stock_store_effect WHERE warehouse_id = $1 AND product_id = $2`, [
      wh.id,
      a.id,
    ]);
    expect(effects).toEqual([{ store_id: storeId }]);
  });

  it("receives into the channel's line when the request names it", async () => {
    const { a, draft } = await setup();
    const { returnId } = await expectReturn({
      ...draft,
      lines: [
        { externalLineId: 'R1', sku: a.sku, quantity: 1, reason: null },
        { externalLineId: 'R2', sku: a.sku, quantity: 2, reason: null },
      ],
    });
    const id = returnId ?? '';
    const named = await receiveInto(id, [{ sku: a.sku, quantity: 1, restock: false, externalLineId: 'R2' }]).expect(200);
    expect(named.body.lines).toEqual([
      expect.objectContaining({ externalLineId: 'R1', receivedQuantity: 0 }),
      expect.objectContaining({ externalLineId: 'R2', receivedQuantity: 1 }),
    ]);
    // By SKU alone, the first line with room.
    await receiveInto(id, [{ sku: a.sku, quantity: 1, restock: false }]).expect(200);
    expect((await get(id)).lines[0]).toMatchObject({ receivedQuantity: 1 });

    const over = await receiveInto(id, [{ sku: a.sku, quantity: 2, restock: false, externalLineId: 'R2' }]).expect(409);
    expect(over.body.errors).toEqual([{ field: 'lines[0].quantity', message: `only 1 of ${a.sku} still expected on line R2` }]);
    const missing = await receiveInto(id, [{ sku: a.sku, quantity: 1, restock: false, externalLineId: 'R9' }]).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'lines[0].externalLineId', message: 'return has no line R9' }]);
    const other = await makeProduct(t);
    const mismatch = await receiveInto(id, [{ sku: other.sku, quantity: 1, restock: false, externalLineId: 'R2' }]).expect(400);
    expect(mismatch.body.errors[0].field).toBe('lines[0].sku');
    await receiveInto(id, [{ sku: a.sku, quantity: 1, restock: false, externalLineId: 'x'.repeat(256) }]).expect(400);
    expect(await get(id)).toMatchObject({ status: 'partially_received' });
  });
});
