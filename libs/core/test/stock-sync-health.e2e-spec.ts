import { randomUUID } from 'node:crypto';
import { ChannelAdapterHostModule, Role, StoreStatus, SyncRunService } from '@gantry/core';
import { FakeChannelAdapter, makeStore, startTestApp, type TestApp } from '@gantry/testing';

/**
 * GET /stores/:id/stock-sync: the admin's view of a store's stock sync, read from the engine's tables (no worker runs
 * here, so the rows written below stay as written).
 */
describe('stock sync health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
  });
  afterAll(() => t.close());

  /** A tracked pair; pending when `pendingSecondsAgo` is given (due in an hour, so nothing would push it). */
  async function pair(storeId: string, pendingSecondsAgo?: number): Promise<void> {
    const pending = pendingSecondsAgo !== undefined;
    await t.dataSource.query(
      `INSERT INTO stock_sync_item (store_id, channel_location_id, channel_item_id, warehouse_id, product_id, sku,
                                    wanted_version, pushed_version, due_at, pending_since)
       VALUES ($1, 'loc-1', $2, $3, $4, $5, $6, 1, now() + interval '1 hour',
               CASE WHEN $7::int IS NULL THEN NULL ELSE now() - make_interval(secs => $7::int) END)`,
      [
        storeId,
        `item-${randomUUID()}`,
        randomUUID(),
        randomUUID(),
        `SKU-${randomUUID().slice(0, 8)}`,
        pending ? 2 : 1,
        pendingSecondsAgo ?? null,
      ],
    );
  }

  const lifecycleApplied = (storeId: string) =>
    t.dataSource.query(`UPDATE outbox_event SET handled_at = now() WHERE aggregate_key = $1 AND handled_at IS NULL`, [`store/${storeId}`]);

  it('answers pending pairs, the lag, the last push and the last reconcile to a viewer', async () => {
    const store = await makeStore(t, { settings: { stockSync: { enabled: true, mode: 'absolute', windowSeconds: 30 } } });
    await lifecycleApplied(store.id);
    await pair(store.id);
    await pair(store.id, 20);
    await pair(store.id, 300);
    await t.dataSource.query(
      `INSERT INTO stock_push (store_id, mode, base_key, idempotency_key, lines, status, finished_at)
       VALUES ($1, 'absolute', 'k1', $2, '[]', 'done', now() - interval '10 minutes'),
              ($1, 'absolute', 'k2', $3, '[]', 'done', now() - interval '5 minutes'),
              ($1, 'absolute', 'k3', $4, '[]', 'failed', now() - interval '1 minute')`,
      [store.id, randomUUID(), randomUUID(), randomUUID()],
    );
    const runs = t.app.get(SyncRunService);
    await runs.recordFinished({ storeId: store.id, kind: 'stock-reconcile', trigger: 'schedule', items: [{ outcome: 'in-sync' }] });
    const runId = await runs.recordFinished({
      storeId: store.id,
      kind: 'stock-reconcile',
      trigger: 'manual',
      items: [{ outcome: 'in-sync' }, { outcome: 'in-sync' }, { outcome: 'drift', reason: 'WMS 3, fake 5' }],
    });
    // The newer run must sort first even when both were written within one clock tick.
    await t.dataSource.query(`UPDATE sync_run SET started_at = started_at + interval '1 second' WHERE id = $1`, [runId]);

    const res = await t.http(Role.VIEWER).get(`/api/v1/stores/${store.id}/stock-sync`).expect(200);
    expect(res.body).toMatchObject({
      state: 'catching-up',
      trackedPairs: 3,
      pendingPairs: 2,
      failedPushes24h: 1,
      lastReconcile: { runId, status: 'succeeded', checked: 3, drifted: 1 },
    });
    expect(res.body.reason).toMatch(/longer than the 30 s window/);
    expect(res.body.lagSeconds).toBeGreaterThanOrEqual(300);
    expect(res.body.lagSeconds).toBeLessThan(330);
    const lastPushAge = Date.now() - new Date(res.body.lastPushAt).getTime();
    expect(lastPushAge).toBeGreaterThan(4 * 60_000);
    expect(lastPushAge).toBeLessThan(6 * 60_000);
    expect(new Date(res.body.oldestPendingAt).getTime()).toBeLessThan(Date.now() - 299_000);
  });

  it('is live with nothing pending, and says why it does not push otherwise', async () => {
    const store = await makeStore(t, { settings: { stockSync: { enabled: true, mode: 'delta', windowSeconds: 30 } } });
    // The connect event is not applied yet (no worker): the engine waits for it.
    const applying = await t.http(Role.VIEWER).get(`/api/v1/stores/${store.id}/stock-sync`).expect(200);
    expect(applying.body.state).toBe('applying');

    await lifecycleApplied(store.id);
    await pair(store.id);
    const live = await t.http(Role.VIEWER).get(`/api/v1/stores/${store.id}/stock-sync`).expect(200);
    expect(live.body).toEqual({
      state: 'live',
      reason: 'Every stock change is on the channel',
      trackedPairs: 1,
      pendingPairs: 0,
      oldestPendingAt: null,
      lagSeconds: null,
      lastPushAt: null,
      failedPushes24h: 0,
      lastReconcile: null,
    });

    await t.dataSource.query(`UPDATE store SET status = $2 WHERE id = $1`, [store.id, StoreStatus.NEEDS_REAUTH]);
    const paused = await t.http(Role.VIEWER).get(`/api/v1/stores/${store.id}/stock-sync`).expect(200);
    expect(paused.body.state).toBe('paused');

    const off = await makeStore(t, { settings: { stockSync: { enabled: false, mode: 'delta', windowSeconds: 30 } } });
    expect((await t.http(Role.VIEWER).get(`/api/v1/stores/${off.id}/stock-sync`).expect(200)).body.state).toBe('off');
  });

  it('answers 404 for an unknown store, 400 for a malformed id, 401 without a key', async () => {
    await t.http(Role.VIEWER).get(`/api/v1/stores/${randomUUID()}/stock-sync`).expect(404);
    await t.http(Role.VIEWER).get(`/api/v1/stores/not-a-uuid/stock-sync`).expect(400);
    await t.http(null).get(`/api/v1/stores/${randomUUID()}/stock-sync`).expect(401);
  });
});
