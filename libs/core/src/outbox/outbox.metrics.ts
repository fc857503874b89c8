import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsRegistry } from '../metrics/metrics.registry';

/** Outbox backlog and lag, read when Prometheus scrapes: one query for both gauges. */
@Injectable()
export class OutboxMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const dataSource = this.dataSource;
    let snapshot: Promise<{ n: number; lag: number } | undefined> | undefined;
    const read = (): Promise<{ n: number; lag: number } | undefined> => {
      snapshot ??= dataSource
        .query<{ n: number; lag: number }[]>(
          `SELECT count(*)::int AS n, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS lag FROM outbox_event WHERE handled_at IS NULL`,
        )
        .then((rows) => rows[0])
        .finally(() => setTimeout(() => (snapshot = undefined), 0));
      return snapshot;
    };
    const registers = [this.metrics.registry];
    new Gauge({
      name: 'gantry_outbox_pending_events',
      help: 'Outbox events not yet handled',
      registers,
      async collect(this: Gauge) {
        this.set((await read())?.n ?? 0);
      },
    });
    new Gauge({
      name: 'gantry_outbox_lag_seconds',
      help: 'Age of the oldest unhandled outbox event',
      registers,
      async collect(this: Gauge) {
        this.set((await read())?.lag ?? 0);
      },
    });
  }
}
