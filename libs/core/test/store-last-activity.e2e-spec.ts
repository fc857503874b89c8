import { ChannelAdapterHostModule, Role, StoreService } from '@gantry/core';
import { FakeChannelAdapter, makeStore, startTestApp, type TestApp } from '@gantry/testing';

/** `lastActivityAt` on the store view: the newest sync run's start, or its finish once it ended; null before any run. */
describe('store last activity', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
  });
  afterAll(() => t.close());

  const addRun = (storeId: string, startedAt: string, finishedAt: string | null): Promise<unknown> =>
    t.dataSource.query(`INSERT INTO sync_run (store_id, kind, status, started_at, finished_at) VALUES ($1, 'stock-push', $2, $3, $4)`, [
      storeId,
      finishedAt ? 'succeeded' : 'running',
      startedAt,
      finishedAt,
    ]);

  it('is null before any run, then the newest run’s finish (or start while it runs), in the list and for one store', async () => {
    const idle = await makeStore(t);
    const finished = await makeStore(t);
    const running = await makeStore(t);
    await addRun(finished.id, '2026-07-01T09:00:00Z', '2026-07-01T09:00:05Z');
    await addRun(finished.id, '2026-07-01T10:00:00Z', '2026-07-01T10:00:07Z');
    await addRun(running.id, '2026-07-01T08:00:00Z', '2026-07-01T08:01:00Z');
    await addRun(running.id, '2026-07-01T11:00:00Z', null);

    const list = await t.http(Role.VIEWER).get('/api/v1/stores').expect(200);
    const byId = new Map((list.body as { id: string; lastActivityAt: string | null }[]).map((s) => [s.id, s.lastActivityAt]));
    expect(byId.get(idle.id)).toBeNull();
    expect(byId.get(finished.id)).toBe('2026-07-01T10:00:07.000Z');
    expect(byId.get(running.id)).toBe('2026-07-01T11:00:00.000Z');

    const one = await t.http(Role.VIEWER).get(`/api/v1/stores/${finished.id}`).expect(200);
    expect(one.body.lastActivityAt).toBe('2026-07-01T10:00:07.000Z');
  });

  it('reads the last activity of every listed store in one query', async () => {
    const stores = await Promise.all([makeStore(t), makeStore(t), makeStore(t)]);
    await addRun(stores[0].id, '2026-07-02T09:00:00Z', '2026-07-02T09:00:01Z');
    // The service's own repository: every raw read the store views make goes through its query().
    const service: unknown = t.app.get(StoreService);
    const repository = (service as { stores: { query: (sql: string) => Promise<unknown> } }).stores;
    const query = jest.spyOn(repository, 'query');
    let reads: string[];
    try {
      const list = await t.http(Role.VIEWER).get('/api/v1/stores').expect(200);
      expect((list.body as unknown[]).length).toBeGreaterThanOrEqual(3);
      reads = query.mock.calls.map(([sql]) => sql).filter((sql) => sql.includes('sync_run'));
    } finally {
      query.mockRestore();
    }
    expect(reads).toHaveLength(1);
    expect(await t.app.get(StoreService).lastActivity([])).toEqual(new Map());
  });
});
