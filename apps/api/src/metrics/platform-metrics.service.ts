import { getQueueToken } from '@nestjs/bull';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { MetricsRegistry, QueueName } from '@gantry/core';
import type { Queue } from 'bull';
import type { NextFunction, Request, Response } from 'express';
import { Gauge, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';

/** Queue depths, outbox lag and HTTP latency, read when Prometheus scrapes. */
@Injectable()
export class PlatformMetricsService implements OnModuleInit {
  private httpDuration!: Histogram<'method' | 'route' | 'status'>;

  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    this.httpDuration = new Histogram({
      name: 'gantry_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    const queues = Object.values(QueueName).map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    new Gauge({
      name: 'gantry_queue_jobs',
      help: 'Jobs per Bull queue and state',
      labelNames: ['queue', 'state'],
      registers,
      collect: async function (this: Gauge<'queue' | 'state'>) {
        for (const queue of queues) {
          const counts = await queue.getJobCounts();
          for (const [state, n] of Object.entries(counts)) {
            this.set({ queue: queue.name, state }, Number(n));
          }
        }
      },
    });
    const dataSource = this.dataSource;
    new Gauge({
      name: 'gantry_outbox_pending_events',
      help: 'Outbox events not yet handled',
      registers,
      collect: async function (this: Gauge) {
        const [row] = await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM outbox_event WHERE handled_at IS NULL`);
        this.set(row?.n ?? 0);
      },
    });
    new Gauge({
      name: 'gantry_outbox_lag_seconds',
      help: 'Age of the oldest unhandled outbox event',
      registers,
      collect: async function (this: Gauge) {
        const [row] = await dataSource.query<{ lag: number }[]>(
          `SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS lag FROM outbox_event WHERE handled_at IS NULL`,
        );
        this.set(row?.lag ?? 0);
      },
    });
  }

  /** Express middleware timing every request, labelled by route pattern (not raw path) to bound cardinality. */
  readonly httpMiddleware = (req: Request, res: Response, next: NextFunction): void => {
    const end = this.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      end({ route: route ? `${req.baseUrl}${route}` : 'unmatched', status: String(res.statusCode) });
    });
    next();
  };
}
