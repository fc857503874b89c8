import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MetricsRegistry } from '../../metrics/metrics.registry';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

/** Pending stock pushes and push lag per store, read when Prometheus scrapes. */
@Injectable()
export class StockSyncMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const dataSource = this.dataSource;
    let snapshot: Promise<{ store_id: string; pending: number; lag: number }[]> | undefined;
    // Both gauges come from one query per scrape.
    const read = (): Promise<{ store_id: string; pending: number; lag: number }[]> => {
      snapshot ??= dataSource
        .query<{ store_id: string; pending: number; lag: number }[]>(
          `SELECT store_id, count(*)::int AS pending, coalesce(extract(epoch FROM now() - min(pending_since)), 0)::float AS lag
             FROM stock_sync_item WHERE wanted_version > pushed_version GROUP BY store_id`,
        )
        .finally(() => setTimeout(() => (snapshot = undefined), 0));
      return snapshot;
    };
    const registers = [this.metrics.registry];
    new Gauge({
      name: 'gantry_stock_pending_items',
      help: 'Stock changes (item × location) not yet on the channel, per store',
      labelNames: ['store'],
      registers,
      async collect(this: Gauge<'store'>) {
        this.reset();
        for (const row of await read()) {
          this.set({ store: row.store_id }, row.pending);
        }
      },
    });
    new Gauge({
      name: 'gantry_stock_push_lag_seconds',
      help: 'Age of the oldest stock change not yet on the channel, per store',
      labelNames: ['store'],
      registers,
      async collect(this: Gauge<'store'>) {
        this.reset();
        for (const row of await read()) {
          this.set({ store: row.store_id }, row.lag);
        }
      },
    });
  }
}
