import { getQueueToken } from '@nestjs/bull';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MetricsRegistry, QueueName } from '@gantry/core';
import type { Queue } from 'bull';
import type { NextFunction, Request, Response } from 'express';
import { Gauge, Histogram } from 'prom-client';

/** Queue depths and HTTP latency, read when Prometheus scrapes (the outbox's own gauges live with the outbox). */
@Injectable()
export class PlatformMetricsService implements OnModuleInit {
  private httpDuration!: Histogram<'method' | 'route' | 'status'>;

  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly moduleRef: ModuleRef,
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
