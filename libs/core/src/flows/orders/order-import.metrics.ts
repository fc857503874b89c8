import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsRegistry } from '../../metrics/metrics.registry';

/** Orders decided by outcome, and orders waiting per store with the age of the oldest (read when Prometheus scrapes). */
@Injectable()
export class OrderImportMetrics implements OnModuleInit {
  private counter?: Counter<'channel' | 'outcome'>;

  constructor(
    private readonly metrics: MetricsRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    this.counter = new Counter({
      name: 'gantry_orders_decided_total',
      help: 'Channel orders decided, by outcome (imported, skipped, held, cancelled, conflict, failed)',
      labelNames: ['channel', 'outcome'],
      registers,
    });
    const dataSource = this.dataSource;
    new Gauge({
      name: 'gantry_orders_due',
      help: 'Channel orders waiting for a decision, per store',
      labelNames: ['store'],
      registers,
      async collect(this: Gauge<'store'>) {
        this.reset();
        const rows = await dataSource.query<{ store_id: string; due: number }[]>(
          `SELECT store_id, count(*)::int AS due FROM channel_order WHERE due_at IS NOT NULL GROUP BY store_id`,
        );
        for (const row of rows) {
          this.set({ store: row.store_id }, row.due);
        }
      },
    });
  }

  decided(channel: string, outcome: string): void {
    this.counter?.inc({ channel, outcome });
  }
}
