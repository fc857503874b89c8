import { DataSource } from 'typeorm';

/** The migrated schema vacuums the churning tables early (see the migration for why). */
describe('hot tables autovacuum', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('outbox_event and stock_sync_item vacuum at 1 % dead rows and analyze at 2 % changed', async () => {
    const rows = await db.query<{ relname: string; reloptions: string[] | null }[]>(
      `SELECT relname, reloptions FROM pg_class WHERE relname IN ('outbox_event', 'stock_sync_item') AND relkind = 'r' ORDER BY relname`,
    );
    expect(rows.map((r) => [r.relname, [...(r.reloptions ?? [])].sort()])).toEqual(
      ['outbox_event', 'stock_sync_item'].map((name) => [
        name,
        ['autovacuum_analyze_scale_factor=0.02', 'autovacuum_vacuum_scale_factor=0.01'],
      ]),
    );
  });
});
