import { randomUUID } from 'node:crypto';
import { WarehousePort, type WarehouseOrderDraft, type WarehouseOrderLine } from '@gantry/core';
import { levelOf, makeProduct, makeShippingProcess, makeWarehouse, receive, startTestApp, type TestApp, uniq } from '@gantry/testing';
import type { EntityManager } from 'typeorm';

/**
 * The warehouse side of order import: the core brings each warehouse order of a channel order to a draft through
 * WarehousePort, in its own transaction. Reservations are checked through the stock levels the API shows.
 */
describe('channel orders through the warehouse port', () => {
  let t: TestApp;
  let port: WarehousePort;

  beforeAll(async () => {
    t = await startTestApp();
    port = t.app.get(WarehousePort);
  });
  afterAll(() => t.close());

  const inTx = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => t.dataSource.transaction(work);
  const sync = (draft: WarehouseOrderDraft, orderId: string | null = null) => inTx((m) => port.syncOrder(m, draft, orderId));
  const line = (externalLineId: string, sku: string, productId: string | null, quantity: number): WarehouseOrderLine => ({
    externalLineId,
    sku,
    productId,
    quantity,
    problem: productId === null ? `no product with SKU ${sku}` : null,
  });
  const order = async (id: string) => (await t.http().get(`/api/v1/orders/${id}`).expect(200)).body;
  const ship = (id: string, sku: string, quantity: number) =>
    t
      .http()
      .post(`/api/v1/orders/${id}/shipments`)
      .send({ carrier: 'DHL', trackingNumber: uniq('TRK'), lines: [{ sku, quantity }] });

  /** A warehouse with two products on hand (10 of A, 5 of B), a store and a draft of one channel order for them. */
  async function setup() {
    const wh = await makeWarehouse(t);
    const a = await makeProduct(t);
    const b = await makeProduct(t);
    await receive(t, a.sku, wh.id, 10);
    await receive(t, b.sku, wh.id, 5);
    const storeId = randomUUID();
    const draft: WarehouseOrderDraft = {
      storeId,
      externalId: `gid://shopify/Order/${uniq('o')}`,
      externalNumber: '#1001',
      warehouseId: wh.id,
      shippingProcessId: null,
      shippingAddress: { name: 'Ada', city: 'Berlin', lines: ['Street 1'] },
      channelAllocationIds: ['gid://shopify/FulfillmentOrder/1'],
      lines: [line('L1', a.sku, a.id, 2), line('L2', b.sku, b.id, 1)],
      holdReason: null,
    };
    return { wh, a, b, storeId, draft };
  }

  it('creates the order with its reservations, and finds it again after a crash instead of creating another', async () => {
    const { wh, a, b, storeId, draft } = await setup();
    const created = await sync(draft);
    expect(created.outcome).toBe('created');
    expect(await levelOf(t, a.sku, wh.id)).toEqual({ onHand: 10, reserved: 2, available: 8 });
    expect(await levelOf(t, b.sku, wh.id)).toEqual({ onHand: 5, reserved: 1, available: 4 });
    const got = await order(created.orderId);
    expect(got).toMatchObject({
      status: 'open',
      storeId,
      externalId: draft.externalId,
      externalNumber: '#1001',
      holdReason: null,
      channelAllocationIds: ['gid://shopify/FulfillmentOrder/1'],
      shippingAddress: draft.shippingAddress,
    });
    expect(got.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ externalLineId: 'L1', sku: a.sku, productId: a.id, quantity: 2, reservedQuantity: 2, problem: null }),
        expect.objectContaining({ externalLineId: 'L2', sku: b.sku, productId: b.id, quantity: 1, reservedQuantity: 1, problem: null }),
      ]),
    );

    // The core crashed before it recorded the order id: the same draft again finds the same order and changes nothing.
    const again = await sync(draft);
    expect(again).toEqual({ orderId: created.orderId, outcome: 'unchanged' });
    expect(await sync(draft, created.orderId)).toEqual({ orderId: created.orderId, outcome: 'unchanged' });
    expect(await levelOf(t, a.sku, wh.id)).toEqual({ onHand: 10, reserved: 2, available: 8 });
    const rows = await t.dataSource.query(`SELECT id FROM outbound_order WHERE store_id = $1`, [storeId]);
    expect(rows).toHaveLength(1);

    // A caller whose transaction rolls back leaves nothing behind.
    const other = { ...draft, externalId: `${draft.externalId}-rolled-back` };
    await expect(
      inTx(async (m) => {
        await port.syncOrder(m, other, null);
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await t.dataSource.query(`SELECT id FROM outbound_order WHERE external_id = $1`, [other.externalId])).toHaveLength(0);
    expect(await levelOf(t, a.sku, wh.id)).toEqual({ onHand: 10, reserved: 2, available: 8 });
  });

  it('serialises two concurrent first attempts at the same order: one creates, the other finds it', async () => {
    const { wh, a, draft } = await setup();
    const results = await Promise.all([sync(draft), sync(draft)]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['created', 'unchanged']);
    expect(results[0]?.orderId).toBe(results[1]?.orderId);
    expect(await levelOf(t, a.sku, wh.id)).toMatchObject({ reserved: 2 });
  });

  it('follows edits: quantities up and down, a line added, a line removed', async () => {
    const { wh, a, b, draft } = await setup();
    const c = await makeProduct(t);
    await receive(t, c.sku, wh.id, 3);
    const { orderId } = await sync(draft);

    const up = await sync({ ...draft, lines: [line('L1', a.sku, a.id, 5), line('L2', b.sku, b.id, 1)] }, orderId);
    expect(up).toEqual({ orderId, outcome: 'updated' });
    expect(await levelOf(t, a.sku, wh.id)).toEqual({ onHand: 10, reserved: 5, available: 5 });

    await sync({ ...draft, lines: [line('L1', a.sku, a.id, 1), line('L2', b.sku, b.id, 1)] }, orderId);
    expect(await levelOf(t, a.sku, wh.id)).toEqual({ onHand: 10, reserved: 1, available: 9 });

    const edited = { ...draft, lines: [line('L1', a.sku, a.id, 1), line('L3', c.sku, c.id, 4)] };
    expect(await sync(edited, orderId)).toEqual({ orderId, outcome: 'updated' });
    // L2 was removed: released, its row kept with quantity 0. L3 is reserved beyond what is on hand.
    expect(await levelOf(t, b.sku, wh.id)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    expect(await levelOf(t, c.sku, wh.id)).toEqual({ onHand: 3, reserved: 4, available: -1 });
    const got = await order(orderId);
    expect(got.lines).toHaveLength(3);
    expect(got.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ externalLineId: 'L2', quantity: 0, reservedQuantity: 0 }),
        expect.objectContaining({ externalLineId: 'L3', productId: c.id, quantity: 4, reservedQuantity: 4 }),
      ]),
    );
    expect(await sync(edited, orderId)).toEqual({ orderId, outcome: 'unchanged' });

    // A line the channel sends with quantity 0 is removed the same way.
    await sync({ ...edited, lines: [line('L1', a.sku, a.id, 0), line('L3', c.sku, c.id, 4)] }, orderId);
    expect(await levelOf(t, a.sku, wh.id)).toEqual({ onHand: 10, reserved: 0, available: 10 });

    // The header alone (address, allocations) is an update too; the address compares by content.
    const moved = { ...edited, lines: [line('L1', a.sku, a.id, 0), line('L3', c.sku, c.id, 4)] };
    expect(await sync({ ...moved, shippingAddress: { lines: ['Street 1'], city: 'Berlin', name: 'Ada' } }, orderId)).toEqual({
      orderId,
      outcome: 'unchanged',
    });
    expect(await sync({ ...moved, channelAllocationIds: ['fo-1', 'fo-2'], shippingAddress: { name: 'Bob' } }, orderId)).toEqual({
      orderId,
      outcome: 'updated',
    });
    expect(await order(orderId)).toMatchObject({ channelAllocationIds: ['fo-1', 'fo-2'], shippingAddress: { name: 'Bob' } });
    expect(await levelOf(t, c.sku, wh.id)).toEqual({ onHand: 3, reserved: 4, available: -1 });
  });

  it('holds an order with an unknown SKU, reserving only the known lines, and releases the hold once the SKU is mapped', async () => {
    const { wh, a, b, draft } = await setup();
    const unknownSku = uniq('UNMAPPED');
    const held = {
      ...draft,
      lines: [line('L1', a.sku, a.id, 2), line('L2', unknownSku, null, 3)],
      holdReason: `No product with SKU ${unknownSku}`,
    };
    const { orderId, outcome } = await sync(held);
    expect(outcome).toBe('created');
    expect(await levelOf(t, a.sku, wh.id)).toEqual({ onHand: 10, reserved: 2, available: 8 });
    const got = await order(orderId);
    expect(got).toMatchObject({ status: 'needs_attention', holdReason: `No product with SKU ${unknownSku}` });
    expect(got.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          externalLineId: 'L2',
          productId: null,
          reservedQuantity: 0,
          problem: `no product with SKU ${unknownSku}`,
        }),
      ]),
    );
    const listed = await t.http().get('/api/v1/orders?status=needs_attention').expect(200);
    expect(listed.body.map((o: { id: string }) => o.id)).toContain(orderId);
    await t.http().get('/api/v1/orders?status=on_fire').expect(400);

    // A held order does not ship.
    const refused = await ship(orderId, a.sku, 1).expect(409);
    expect(refused.body.detail).toContain('needs attention');
    expect(await sync(held, orderId)).toEqual({ orderId, outcome: 'unchanged' });

    // The SKU is mapped later (here to B): the line is reserved in full and the hold lifts.
    const mapped = {
      ...held,
      lines: [line('L1', a.sku, a.id, 2), { ...line('L2', unknownSku, b.id, 3), problem: null }],
      holdReason: null,
    };
    expect(await sync(mapped, orderId)).toEqual({ orderId, outcome: 'updated' });
    expect(await levelOf(t, b.sku, wh.id)).toEqual({ onHand: 5, reserved: 3, available: 2 });
    expect(await order(orderId)).toMatchObject({ status: 'open', holdReason: null });
    await ship(orderId, a.sku, 2).expect(201);
  });

  it('refuses to ship a line without a product even when the order is not held', async () => {
    const { a, draft } = await setup();
    const unknownSku = uniq('UNMAPPED');
    const { orderId } = await sync({ ...draft, lines: [line('L1', a.sku, a.id, 1), line('L2', unknownSku, null, 1)] });
    const refused = await ship(orderId, unknownSku, 1).expect(409);
    expect(refused.body.detail).toBe(`line L2 (SKU ${unknownSku}) has no product in the warehouse and cannot ship until its SKU is mapped`);
    await ship(orderId, a.sku, 1).expect(201);
    expect(await order(orderId)).toMatchObject({ status: 'partially_shipped' });
  });

  it('locks the lines once anything is shipped, while the header still follows', async () => {
    const { wh, a, b, draft } = await setup();
    const { orderId } = await sync(draft);
    await ship(orderId, a.sku, 1).expect(201);
    expect(await levelOf(t, a.sku, wh.id)).toEqual({ onHand: 9, reserved: 1, available: 8 });

    const edited = { ...draft, lines: [line('L1', a.sku, a.id, 4)] };
    const locked = await sync(edited, orderId);
    expect(locked).toEqual({
      orderId,
      outcome: 'locked',
      reason: `Order #1001 is partially shipped; its lines cannot change: line L1 (SKU ${a.sku}) quantity 2 → 4, line L2 (SKU ${b.sku}) removed`,
    });
    expect(await levelOf(t, a.sku, wh.id)).toEqual({ onHand: 9, reserved: 1, available: 8 });
    expect(await levelOf(t, b.sku, wh.id)).toEqual({ onHand: 5, reserved: 1, available: 4 });
    expect(await order(orderId)).toMatchObject({ status: 'partially_shipped', shippingAddress: draft.shippingAddress });

    expect(await sync({ ...draft, shippingAddress: { name: 'Ada', city: 'Paris' } }, orderId)).toEqual({ orderId, outcome: 'updated' });
    expect(await order(orderId)).toMatchObject({ status: 'partially_shipped', shippingAddress: { name: 'Ada', city: 'Paris' } });

    // The core holds what it could not apply: needs_attention, still reserved, no shipping until resolved.
    await inTx((m) => port.holdOrder(m, orderId, locked.outcome === 'locked' ? locked.reason : ''));
    expect(await order(orderId)).toMatchObject({ status: 'needs_attention', holdReason: expect.stringContaining('quantity 2 → 4') });
    expect(await levelOf(t, b.sku, wh.id)).toEqual({ onHand: 5, reserved: 1, available: 4 });
    await ship(orderId, b.sku, 1).expect(409);

    const cancel = await inTx((m) => port.cancelOrder(m, orderId));
    expect(cancel).toEqual({ orderId, outcome: 'conflict', reason: expect.stringContaining('cannot be cancelled') });
    expect(await order(orderId)).toMatchObject({ status: 'needs_attention' });
    expect(await levelOf(t, a.sku, wh.id)).toEqual({ onHand: 9, reserved: 1, available: 8 });
  });

  it('keeps a shipped order shipped when it is held, recording why', async () => {
    const { a, draft } = await setup();
    const { orderId } = await sync({ ...draft, lines: [line('L1', a.sku, a.id, 2)] });
    await ship(orderId, a.sku, 2).expect(201);
    await inTx((m) => port.holdOrder(m, orderId, 'the channel edited a shipped order'));
    expect(await order(orderId)).toMatchObject({ status: 'shipped', holdReason: 'the channel edited a shipped order' });
  });

  it('cancels an order, releasing its reservations once; a cancelled order is locked', async () => {
    const { wh, a, b, storeId, draft } = await setup();
    const { orderId } = await sync(draft);
    expect(await inTx((m) => port.cancelOrder(m, orderId))).toEqual({ orderId, outcome: 'cancelled' });
    expect(await levelOf(t, a.sku, wh.id)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    expect(await levelOf(t, b.sku, wh.id)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    expect(await order(orderId)).toMatchObject({ status: 'cancelled' });
    const events = await t.dataSource.query(
      `SELECT payload FROM outbox_event WHERE topic = 'order.cancelled' AND payload->>'orderId' = $1`,
      [orderId],
    );
    expect(events).toEqual([{ payload: { orderId, storeId } }]);

    expect(await inTx((m) => port.cancelOrder(m, orderId))).toEqual({ orderId, outcome: 'already-cancelled' });
    expect(await sync({ ...draft, lines: [line('L1', a.sku, a.id, 3)] }, orderId)).toEqual({
      orderId,
      outcome: 'locked',
      reason: 'Order #1001 is cancelled in the warehouse; it cannot change',
    });
    expect(await levelOf(t, a.sku, wh.id)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    // A hold on a cancelled order only records its reason.
    await inTx((m) => port.holdOrder(m, orderId, 'look at it'));
    expect(await order(orderId)).toMatchObject({ status: 'cancelled', holdReason: 'look at it' });
  });

  it('keeps one warehouse order per destination of a channel order', async () => {
    const { wh, a, draft } = await setup();
    const process = await makeShippingProcess(t, wh.id);
    const wh2 = await makeWarehouse(t);
    await receive(t, a.sku, wh2.id, 4);

    const first = await sync({ ...draft, lines: [line('L1', a.sku, a.id, 2)] });
    const second = await sync({ ...draft, shippingProcessId: process.id, lines: [line('L2', a.sku, a.id, 1)] });
    const third = await sync({ ...draft, warehouseId: wh2.id, lines: [line('L3', a.sku, a.id, 3)] });
    expect([first.outcome, second.outcome, third.outcome]).toEqual(['created', 'created', 'created']);
    expect(new Set([first.orderId, second.orderId, third.orderId]).size).toBe(3);
    expect(await levelOf(t, a.sku, wh.id)).toEqual({ onHand: 10, reserved: 3, available: 7 });
    expect(await levelOf(t, a.sku, wh2.id)).toEqual({ onHand: 4, reserved: 3, available: 1 });
    // Each is found again by its own destination.
    expect(await sync({ ...draft, shippingProcessId: process.id, lines: [line('L2', a.sku, a.id, 1)] })).toEqual({
      orderId: second.orderId,
      outcome: 'unchanged',
    });
    // An order does not move to another destination: the caller is told, nothing changes.
    const moved = await sync({ ...draft, warehouseId: wh2.id, lines: [line('L1', a.sku, a.id, 2)] }, first.orderId);
    expect(moved).toMatchObject({ orderId: first.orderId, outcome: 'locked' });
    // The index still refuses a second order for the same destination.
    await expect(
      t.dataSource.query(
        `INSERT INTO outbound_order (store_id, external_id, warehouse_id, shipping_process_id) VALUES ($1, $2, $3, NULL)`,
        [draft.storeId, draft.externalId, wh.id],
      ),
    ).rejects.toThrow(/duplicate key/);
  });

  it("records every reservation move as the store's own order effect", async () => {
    const { wh, a, b, storeId, draft } = await setup();
    const effects = async (productId: string): Promise<number> => {
      const [row] = await t.dataSource.query<{ sum: number }[]>(
        `SELECT coalesce(sum(available_delta), 0)::int AS sum FROM stock_store_effect WHERE store_id = $1 AND warehouse_id = $2 AND product_id = $3`,
        [storeId, wh.id, productId],
      );
      return row?.sum ?? 0;
    };
    const [before] = await port.levels([{ warehouseId: wh.id, productId: a.id }]);
    const { orderId } = await sync(draft);
    expect(await effects(a.id)).toBe(-2);
    expect(await effects(b.id)).toBe(-1);
    await sync({ ...draft, lines: [line('L1', a.sku, a.id, 5), line('L2', b.sku, b.id, 1)] }, orderId);
    expect(await effects(a.id)).toBe(-5);
    await inTx((m) => port.cancelOrder(m, orderId));
    expect(await effects(a.id)).toBe(0);
    expect(await effects(b.id)).toBe(0);

    // Through the port: over every version since before the order, the store's own effect nets out to nothing,
    // and up to the reservation of 5 it is −5.
    const [after] = await port.levels([{ warehouseId: wh.id, productId: a.id }]);
    const versions: { version: string; available_delta: number }[] = await t.dataSource.query(
      `SELECT version::text, available_delta FROM stock_store_effect WHERE store_id = $1 AND product_id = $2 ORDER BY version`,
      [storeId, a.id],
    );
    expect(versions.map((v) => v.available_delta)).toEqual([-2, -3, 5]);
    const range = { warehouseId: wh.id, productId: a.id, fromVersion: before?.version ?? '0' };
    expect(
      await port.storeEffects(storeId, [
        { ...range, toVersion: after?.version ?? '0' },
        { ...range, toVersion: versions[1]?.version ?? '0' },
      ]),
    ).toEqual([0, -5]);
    expect(await port.storeEffects(randomUUID(), [{ ...range, toVersion: after?.version ?? '0' }])).toEqual([0]);
  });
});
