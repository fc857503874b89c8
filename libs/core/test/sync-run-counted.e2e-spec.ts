import { ChannelAdapterHostModule, SyncRunService } from '@gantry/core';
import { FakeChannelAdapter, makeStore, startTestApp, type TestApp } from '@gantry/testing';

describe('sync run items counted as they are recorded', () => {
  let t: TestApp;
  let runs: SyncRunService;

  beforeAll(async () => {
    t = await startTestApp({ imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
    runs = t.app.get(SyncRunService);
  });
  afterAll(() => t.close());

  const item = (n: number, outcome: string, sku: string | null = `SKU-${n}`) => ({ externalRef: `ref-${n}`, sku, outcome, reason: null });

  it('adds each batch to the counts in the batch transaction; a rolled back batch counts nothing; finish agrees', async () => {
    const store = await makeStore(t);
    const run = await runs.start({ storeId: store.id, kind: 'product-sync' });
    await t.dataSource.transaction((m) => runs.recordCounted(run.id, [item(1, 'mapped'), item(2, 'created'), item(3, 'mapped')], m));
    expect((await runs.get(run.id)).counts).toEqual({ mapped: 2, created: 1 });

    await expect(
      t.dataSource.transaction(async (m) => {
        await runs.recordCounted(run.id, [item(4, 'skipped')], m);
        throw new Error('page failed');
      }),
    ).rejects.toThrow('page failed');
    expect((await runs.get(run.id)).counts).toEqual({ mapped: 2, created: 1 });

    await t.dataSource.transaction((m) =>
      runs.recordCounted(run.id, [item(5, 'skipped', null), item(6, 'mapped'), item(1, 'mapped', 'SKU-1')], m),
    );
    expect((await runs.get(run.id)).counts).toEqual({ mapped: 4, created: 1, skipped: 1 });
    expect((await runs.finish(run.id)).counts).toEqual({ mapped: 4, created: 1, skipped: 1 });
  });

  it('answers the first item recorded with each SKU, for the SKUs the run recorded', async () => {
    const store = await makeStore(t);
    const run = await runs.start({ storeId: store.id, kind: 'product-sync' });
    const other = await runs.start({ storeId: store.id, kind: 'product-sync' });
    await runs.recordItems(other.id, [{ externalRef: 'other-run', sku: 'A', outcome: 'mapped' }]);
    await t.dataSource.transaction((m) =>
      runs.recordCounted(
        run.id,
        [
          { externalRef: 'first-a', sku: 'A', outcome: 'mapped' },
          { externalRef: 'b', sku: 'B', outcome: 'skipped' },
          { externalRef: 'second-a', sku: 'A', outcome: 'skipped' },
        ],
        m,
      ),
    );
    expect(await runs.firstRefsBySku(run.id, ['A', 'B', 'C'])).toEqual(
      new Map([
        ['A', 'first-a'],
        ['B', 'b'],
      ]),
    );
  });
});
