import { randomUUID } from 'node:crypto';
import {
  ChannelAdapterHostModule,
  ChannelErrorCode,
  hasCapability,
  Role,
  StoreService,
  StoreStatus,
  SyncRunner,
  type ChannelCatalogItem,
  type SyncScope,
} from '@gantry/core';
import { FakeChannelAdapter, FakeChannelSettings, makeStore, startTestApp, type TestApp } from '@gantry/testing';

// A product sync as a channel lib would write it, against the capability rather than the fake.
async function productSync(scope: SyncScope): Promise<number> {
  const { adapter } = scope;
  if (!hasCapability(adapter, 'catalog-source')) {
    throw new Error(`${adapter.key} cannot list products`);
  }
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await scope.call(() => adapter.fetchCatalog(scope.ctx, cursor));
    await scope.record(
      page.items.map((item) => ({
        externalRef: item.externalId,
        sku: item.sku,
        outcome: item.sku ? 'mapped' : 'skipped',
        reason: item.sku ? null : 'no SKU',
      })),
    );
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return pages;
}

async function stockPush(scope: SyncScope, skus: string[]): Promise<void> {
  const { adapter } = scope;
  if (!hasCapability(adapter, 'stock-sink')) {
    throw new Error(`${adapter.key} takes no stock`);
  }
  for (let start = 0; start < skus.length; start += adapter.stockTraits.maxBatch) {
    const batch = skus.slice(start, start + adapter.stockTraits.maxBatch);
    const answer = await scope.call(() =>
      adapter.pushStock(scope.ctx, {
        mode: 'delta',
        idempotencyKey: `test-${scope.run.id}-${start}`,
        reference: `test/${scope.run.id}`,
        lines: batch.map((sku) => ({ channelItemId: sku, channelLocationId: 'L1', quantity: 0, expected: null, delta: 3 })),
      }),
    );
    await scope.record(
      answer.lines.map((r, i) => ({
        externalRef: batch[i] ?? null,
        sku: batch[i] ?? null,
        outcome: r.status === 'applied' ? 'ok' : r.status,
        reason: r.status === 'failed' || r.status === 'not-applied' ? r.reason : null,
      })),
    );
  }
}

const item = (n: number, sku: string | null): ChannelCatalogItem => ({ externalId: `gid://fake/Variant/${n}`, sku, title: `Item ${n}` });

describe('sync runner with the fake channel', () => {
  let t: TestApp;
  let fake: FakeChannelAdapter;
  let runner: SyncRunner;

  beforeAll(async () => {
    t = await startTestApp({ imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
    fake = t.app.get(FakeChannelAdapter);
    runner = t.app.get(SyncRunner);
  });
  beforeEach(() => fake.reset());
  afterAll(() => t.close());

  it('opens a run, calls the adapter with the store context, records every item and finishes with counts', async () => {
    const store = await makeStore(t, { credentials: { accessToken: 'tok_sync' } });
    fake.catalog = [item(1, 'A-1'), item(2, 'A-2'), item(3, null)];
    const { run, result, decision } = await runner.run(store.id, 'product-sync', productSync);

    expect(result).toBe(2);
    expect(decision).toBeUndefined();
    expect(run).toMatchObject({
      storeId: store.id,
      kind: 'product-sync',
      status: 'succeeded',
      trigger: 'manual',
      counts: { mapped: 2, skipped: 1 },
      error: null,
    });
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect(fake.calls.map((c) => [c.method, c.args[0]])).toEqual([
      ['fetchCatalog', null],
      ['fetchCatalog', '2'],
    ]);
    expect(fake.calls[0]).toMatchObject({ storeId: store.id, credentials: { accessToken: 'tok_sync' } });
    expect(fake.calls[0]?.settings).toBeInstanceOf(FakeChannelSettings);

    const res = await t.http(Role.VIEWER).get(`/api/v1/sync-runs/${run.id}`).expect(200);
    expect(res.body).toMatchObject({ id: run.id, status: 'succeeded', counts: { mapped: 2, skipped: 1 } });
    expect(
      res.body.items.map((i: { sku: string | null; outcome: string; reason: string | null; externalRef: string }) => [
        i.externalRef,
        i.sku,
        i.outcome,
        i.reason,
      ]),
    ).toEqual([
      ['gid://fake/Variant/1', 'A-1', 'mapped', null],
      ['gid://fake/Variant/2', 'A-2', 'mapped', null],
      ['gid://fake/Variant/3', null, 'skipped', 'no SKU'],
    ]);
  });

  it('marks a run partial when some items fail', async () => {
    const store = await makeStore(t);
    fake.refusedItems.add('B-2');
    const { run } = await runner.run(store.id, 'stock-push', (scope) => stockPush(scope, ['B-1', 'B-2']), { trigger: 'event' });
    expect(run).toMatchObject({ status: 'partial', trigger: 'event', counts: { ok: 1, failed: 1 } });
    const res = await t.http(Role.VIEWER).get(`/api/v1/sync-runs/${run.id}`).expect(200);
    expect(res.body.items).toContainEqual(
      expect.objectContaining({ sku: 'B-2', outcome: 'failed', reason: 'refused by the fake channel' }),
    );
  });

  it('retries a TEMPORARY failure with backoff and waits out a short RATE_LIMITED', async () => {
    const store = await makeStore(t);
    fake.catalog = [item(1, 'C-1')];
    fake.failNext(ChannelErrorCode.TEMPORARY);
    fake.failNext(ChannelErrorCode.RATE_LIMITED, 1, 30);
    const started = Date.now();
    const { run } = await runner.run(store.id, 'product-sync', productSync);
    expect(run).toMatchObject({ status: 'succeeded' });
    // The two failed calls leave no item: the run counts them (one was throttled).
    expect(run.counts).toEqual({ mapped: 1, failedCalls: 2, throttledCalls: 1 });
    expect(fake.calls).toHaveLength(3);
    // First retry waits between half and all of the 500 ms base step, then the 30 ms the channel asked for.
    expect(Date.now() - started).toBeGreaterThanOrEqual(250 + 30);
  });

  it('sets the store to needs_reauth and fails the run on AUTH_REVOKED, without retrying', async () => {
    const store = await makeStore(t);
    fake.catalog = [item(1, 'D-1')];
    fake.failNext(ChannelErrorCode.AUTH_REVOKED);
    const { run, decision } = await runner.run(store.id, 'product-sync', productSync);
    expect(decision).toMatchObject({ action: 'fail', code: ChannelErrorCode.AUTH_REVOKED, markNeedsReauth: true });
    expect(run).toMatchObject({
      status: 'failed',
      error: 'AUTH_REVOKED: fake fetchCatalog failed with AUTH_REVOKED',
      counts: { failedCalls: 1 },
    });
    expect(fake.calls).toHaveLength(1);
    expect((await t.app.get(StoreService).get(store.id)).status).toBe(StoreStatus.NEEDS_REAUTH);
    const view = await t.http(Role.VIEWER).get(`/api/v1/stores/${store.id}`).expect(200);
    expect(view.body.status).toBe('needs_reauth');
    // No further syncs until the store is connected again.
    await expect(runner.run(store.id, 'product-sync', productSync)).rejects.toThrow(/needs_reauth/);
    expect(fake.calls).toHaveLength(1);
  });

  it('fails at once on INVALID_DATA and keeps the store connected', async () => {
    const store = await makeStore(t);
    fake.failNext(ChannelErrorCode.INVALID_DATA);
    const { run, decision } = await runner.run(store.id, 'stock-push', (scope) => stockPush(scope, ['E-1']));
    expect(decision).toMatchObject({ action: 'fail', code: ChannelErrorCode.INVALID_DATA, markNeedsReauth: false });
    expect(run.status).toBe('failed');
    expect(fake.calls).toHaveLength(1);
    expect((await t.app.get(StoreService).get(store.id)).status).toBe(StoreStatus.CONNECTED);
  });

  it('hands a long rate-limit wait back to the caller instead of sleeping through it', async () => {
    const store = await makeStore(t);
    fake.failNext(ChannelErrorCode.RATE_LIMITED, 1, 60_000);
    const started = Date.now();
    const { run, decision } = await runner.run(store.id, 'stock-push', (scope) => stockPush(scope, ['F-1']));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(decision).toMatchObject({ action: 'wait', delayMs: 60_000 });
    expect(run).toMatchObject({ status: 'failed', error: 'RATE_LIMITED: fake pushStock failed with RATE_LIMITED' });
    expect((await t.app.get(StoreService).get(store.id)).status).toBe(StoreStatus.CONNECTED);
  });

  it('lists sync runs filtered by store, kind and status', async () => {
    const a = await makeStore(t);
    const b = await makeStore(t);
    fake.catalog = [item(1, 'G-1')];
    const ok = (await runner.run(a.id, 'product-sync', productSync)).run;
    fake.failNext(ChannelErrorCode.INVALID_DATA);
    const bad = (await runner.run(a.id, 'stock-push', (scope) => stockPush(scope, ['G-1']))).run;
    const other = (await runner.run(b.id, 'product-sync', productSync)).run;

    const ids = async (query: string): Promise<string[]> => {
      const res = await t.http(Role.VIEWER).get(`/api/v1/sync-runs${query}`).expect(200);
      return (res.body as { id: string }[]).map((r) => r.id);
    };
    expect(await ids(`?storeId=${a.id}`)).toEqual([bad.id, ok.id]);
    expect(await ids(`?storeId=${a.id}&kind=product-sync`)).toEqual([ok.id]);
    expect(await ids(`?storeId=${a.id}&status=failed`)).toEqual([bad.id]);
    expect(await ids(`?kind=product-sync&status=succeeded`)).toEqual(expect.arrayContaining([ok.id, other.id]));
    expect(await ids(`?kind=product-sync&status=succeeded`)).not.toContain(bad.id);

    await t.http(Role.VIEWER).get('/api/v1/sync-runs?storeId=nope').expect(400);
    await t.http(Role.VIEWER).get('/api/v1/sync-runs?status=exploded').expect(400);
    await t.http(Role.VIEWER).get(`/api/v1/sync-runs/${randomUUID()}`).expect(404);
    await t.http(Role.VIEWER).get('/api/v1/sync-runs/not-a-uuid').expect(400);
    await t.http(null).get('/api/v1/sync-runs').expect(401);
  });

  it('records large item batches', async () => {
    const store = await makeStore(t);
    const skus = Array.from({ length: 1203 }, (_, i) => `H-${i}`);
    fake.refusedItems.add('H-7');
    const { run } = await runner.run(store.id, 'stock-push', (scope) => stockPush(scope, skus));
    expect(run).toMatchObject({ status: 'partial', counts: { ok: 1202, failed: 1 } });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM sync_run_item WHERE sync_run_id = $1`, [run.id]);
    expect(n).toBe(1203);
  });
});
