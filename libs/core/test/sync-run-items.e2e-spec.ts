import { ChannelAdapterHostModule, Role, SyncRunService } from '@gantry/core';
import { FakeChannelAdapter, makeStore, startTestApp, type TestApp } from '@gantry/testing';

interface ItemPage {
  items: { id: string; sku: string; outcome: string }[];
  nextCursor: string | null;
}

/** GET /sync-runs/:id shows a run's first 1,000 items; /sync-runs/:id/items pages through all of them. */
describe('sync run items, paged', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
  });
  afterAll(() => t.close());

  async function runWith(count: number): Promise<string> {
    const store = await makeStore(t);
    return t.app.get(SyncRunService).recordFinished({
      storeId: store.id,
      kind: 'product-sync',
      trigger: 'manual',
      items: Array.from({ length: count }, (_, i) => ({ sku: `SKU-${i}`, outcome: i % 5 === 0 ? 'skipped' : 'mapped', reason: null })),
    });
  }

  async function all(runId: string, query: string): Promise<{ skus: string[]; pages: number }> {
    const skus: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t
        .http(Role.VIEWER)
        .get(`/api/v1/sync-runs/${runId}/items?${query}${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      const page = res.body as ItemPage;
      skus.push(...page.items.map((i) => i.sku));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    return { skus, pages };
  }

  it('pages every item in the order recorded, and only one outcome when asked, past the 1,000 the run shows', async () => {
    const runId = await runWith(1_200);
    const detail = await t.http(Role.VIEWER).get(`/api/v1/sync-runs/${runId}`).expect(200);
    expect((detail.body as { items: unknown[]; counts: Record<string, number> }).items).toHaveLength(1_000);
    expect((detail.body as { counts: Record<string, number> }).counts).toEqual({ mapped: 960, skipped: 240 });

    const everything = await all(runId, 'limit=500');
    expect(everything.pages).toBe(3);
    expect(everything.skus).toEqual(Array.from({ length: 1_200 }, (_, i) => `SKU-${i}`));

    const skipped = await all(runId, 'outcome=skipped&limit=100');
    expect(skipped.pages).toBe(3);
    expect(skipped.skus).toEqual(Array.from({ length: 240 }, (_, i) => `SKU-${i * 5}`));
  });

  it('refuses a bad cursor, outcome or limit (400 with the field), an unknown run (404) and a caller without a key (401)', async () => {
    const runId = await runWith(3);
    for (const [query, field] of [
      ['cursor=abc', 'cursor'],
      ['outcome=DROP%20TABLE', 'outcome'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
    ] as const) {
      const res = await t.http(Role.VIEWER).get(`/api/v1/sync-runs/${runId}/items?${query}`).expect(400);
      expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
    }
    await t.http(Role.VIEWER).get('/api/v1/sync-runs/6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b/items').expect(404);
    await t.http(null).get(`/api/v1/sync-runs/${runId}/items`).expect(401);
  });
});
