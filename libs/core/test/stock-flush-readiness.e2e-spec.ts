import { ChannelAdapterHostModule } from '@gantry/core';
import { FakeChannelAdapter, makeProduct, makeStore, makeWarehouse, startTestApp, type TestApp } from '@gantry/testing';
import { StockFlushReadiness } from '../src/flows/stock/stock-flush.readiness';
import { StockSinkDirectory } from '../src/flows/stock/stock-sink.directory';

/** When a store's due pairs go out, decided in PostgreSQL from due and change times (set explicitly here). The fake channel's batch is 50. */
describe('stock flush readiness', () => {
  let t: TestApp;
  let readiness: StockFlushReadiness;
  let warehouseId: string;
  const productIds: string[] = [];

  beforeAll(async () => {
    // The rule needs only stores (any channel), levels and pending pairs.
    t = await startTestApp({ worker: false, imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
    readiness = new StockFlushReadiness(t.dataSource, t.app.get(StockSinkDirectory));
    warehouseId = (await makeWarehouse(t)).id;
    for (let i = 0; i < 3; i++) {
      productIds.push((await makeProduct(t)).id);
    }
  });
  afterAll(() => t.close());

  /** `count` pending pairs of a new store, due `dueMs` from now (negative: overdue), last changed `changedMs` ago. */
  const pending = async (
    storeId: string,
    count: number,
    dueMs: number,
    changedMs: number,
    extra: { pushed?: boolean; claimed?: boolean } = {},
  ): Promise<void> => {
    await t.dataSource.query(
      `INSERT INTO stock_sync_item (store_id, channel_location_id, channel_item_id, warehouse_id, product_id, sku, wanted_version, pushed_version, due_at, updated_at, push_id)
       SELECT $1, 'L1', 'item-' || gen_random_uuid(), $2, ($3::uuid[])[1 + g % 3], 'SKU-' || g,
              2, CASE WHEN $7 THEN 2 ELSE 1 END, now() + make_interval(secs => $5 / 1000.0), now() - make_interval(secs => $6 / 1000.0), NULL
         FROM generate_series(1, $4) AS g`,
      [storeId, warehouseId, productIds, count, dueMs, changedMs, extra.pushed ?? false],
    );
    if (extra.claimed) {
      const [push] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO stock_push (store_id, mode, base_key, idempotency_key, lines, status)
         SELECT $1, 'absolute', k, k, '[]', 'pending' FROM (SELECT gen_random_uuid()::text AS k) AS key RETURNING id`,
        [storeId],
      );
      await t.dataSource.query(`UPDATE stock_sync_item SET push_id = $2 WHERE store_id = $1`, [storeId, push?.id]);
    }
  };
  // A store whose connect (a lifecycle event) is applied: this test has no worker to apply it.
  const store = async (): Promise<string> => {
    const id = (await makeStore(t)).id;
    await t.dataSource.query(`UPDATE outbox_event SET handled_at = now() WHERE aggregate_key = $1`, [`store/${id}`]);
    return id;
  };

  it("sends a full batch (the sink's largest) at once, even while changes are still arriving", async () => {
    const id = await store();
    await pending(id, 50, -10, 0);
    expect(await readiness.isReady(id)).toBe(true);
    const partial = await store();
    await pending(partial, 49, -10, 0);
    expect(await readiness.isReady(partial)).toBe(false);
  });

  it('sends a partial batch at once when no burst is running and nothing else comes due soon (isolated change)', async () => {
    const id = await store();
    await pending(id, 3, -10, 2_000);
    expect(await readiness.isReady(id)).toBe(true);
  });

  it('holds a partial batch while changes keep arriving, for at most the linger', async () => {
    const id = await store();
    await pending(id, 3, -200, 0);
    expect(await readiness.isReady(id)).toBe(false);
    const late = await store();
    await pending(late, 3, -1_200, 0);
    expect(await readiness.isReady(late)).toBe(true);
  });

  it('holds a partial batch when more pairs come due within the linger, so they share the call', async () => {
    const id = await store();
    await pending(id, 3, -100, 5_000);
    await pending(id, 3, 500, 5_000);
    expect(await readiness.isReady(id)).toBe(false);
    const far = await store();
    await pending(far, 3, -100, 5_000);
    await pending(far, 3, 5_000, 5_000);
    expect(await readiness.isReady(far)).toBe(true);
  });

  it('ignores pairs not yet due, already pushed, or claimed by a push', async () => {
    const future = await store();
    await pending(future, 300, 2_000, 5_000);
    const pushed = await store();
    await pending(pushed, 300, -5_000, 5_000, { pushed: true });
    const claimed = await store();
    await pending(claimed, 300, -5_000, 5_000, { claimed: true });
    const ready = await readiness.readyStores();
    expect(ready).not.toContain(future);
    expect(ready).not.toContain(pushed);
    expect(ready).not.toContain(claimed);
  });

  it('waits while a lifecycle change of the store (enable, re-auth, new mappings) is not applied yet', async () => {
    const id = await store();
    await pending(id, 60, -10, 0);
    await t.dataSource.query(
      `INSERT INTO outbox_event (topic, aggregate_key, payload) VALUES ('channel-mappings.changed', $1, jsonb_build_object('storeId', $2::text))`,
      [`store/${id}`, id],
    );
    expect(await readiness.isReady(id)).toBe(false);
    expect(await readiness.lifecyclePending(id)).toBe(true);
    await t.dataSource.query(`UPDATE outbox_event SET handled_at = now() WHERE aggregate_key = $1`, [`store/${id}`]);
    expect(await readiness.isReady(id)).toBe(true);
  });

  it('leaves paused stores alone: stock sync off, or waiting for re-authorisation', async () => {
    const off = await store();
    await pending(off, 60, -10, 0);
    await t.dataSource.query(`UPDATE store SET settings = jsonb_set(settings, '{stockSync,enabled}', 'false') WHERE id = $1`, [off]);
    const reauth = await store();
    await pending(reauth, 60, -10, 0);
    await t.dataSource.query(`UPDATE store SET status = 'needs_reauth' WHERE id = $1`, [reauth]);
    const ready = await readiness.readyStores();
    expect(ready).not.toContain(off);
    expect(ready).not.toContain(reauth);
  });
});
