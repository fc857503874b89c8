import { InjectQueue } from '@nestjs/bull';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Public, QueueName } from '@gantry/core';
import type { Queue } from 'bull';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { HealthResponse } from './health.response';

type Check = { status: 'up' } | { status: 'down'; error: string };

const within = <T>(ms: number, promise: Promise<T>): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.OUTBOX) private readonly queue: Queue,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Check the API and its dependencies',
    description:
      'PostgreSQL and Redis, each within 2 s; for load balancers and uptime checks. 503 answers the same body (not problem+json).',
  })
  @ApiOkResponse({ type: HealthResponse, description: 'Everything is up' })
  @ApiServiceUnavailableResponse({
    type: HealthResponse,
    description: 'A dependency is down (status degraded)',
    example: { status: 'degraded', checks: { database: { status: 'up' }, redis: { status: 'down', error: 'no answer within 2000 ms' } } },
  })
  async check(@Res() res: Response): Promise<void> {
    const [database, redis] = await Promise.all([this.probe(() => this.dataSource.query('SELECT 1')), this.probe(() => this.redisPing())]);
    const ok = database.status === 'up' && redis.status === 'up';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'degraded', checks: { database, redis } });
  }

  /** A client that is not connected answers at once (ioredis would queue the PING through its reconnect attempts). */
  private async redisPing(): Promise<unknown> {
    const client = this.queue.client;
    if (client.status !== 'ready') {
      throw new Error(`not connected (${client.status})`);
    }
    return client.ping();
  }

  private async probe(run: () => Promise<unknown>): Promise<Check> {
    try {
      await within(2000, run());
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? error.message : String(error) };
    }
  }
}
