import { setTimeout as sleep } from 'node:timers/promises';
import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { QueueName } from '../queue/queue-name.enum';
import type { OutboxDispatchJob } from './outbox-dispatch.processor';
import { OUTBOX_CHANNEL } from './outbox.writer';

const BATCH = 500;
// The poll behind the notifications: a commit that did not notify (see NOTIFY_INTERVAL_MS) waits at most this long.
const POLL_MS = 250;
// How often a lost LISTEN connection is tried again (the poll covers the gap).
const RELISTEN_MS = 5_000;
// Topics dispatched in jobs of their own: their handlers lock stock pairs, each in order, and two of them in one
// transaction deadlocked with the next batch. The rest share a job in id order: a store's lifecycle events
// (store.changed, channel-mappings.changed) must be applied one after the other, and apart they raced (the later one
// refused to go first and waited for the sweeper).
const OWN_LANE_TOPICS = new Set<string>(['stock.changed', 'webhook.received']);
// Under a burst, the pause between relay rounds (an isolated commit is relayed at once).
const COALESCE_MS = 25;
// Events the draining process left this long are taken by the others (it may hang while holding its lease).
const LEASE_STALE_SECONDS = 1;

/**
 * Moves committed outbox events to Bull. LISTEN/NOTIFY wakes it within milliseconds, and it keeps draining while a
 * round finds events; the poll covers commits that did not notify (writers notify at most every 100 ms per process)
 * and missed notifications (reconnects, other processes' commits while down). One process drains at a time; the
 * others take only what it left waiting (see takeLease).
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  /** The advisory lock (two-key space, apart from the single-key locks elsewhere) that lets one process drain at a time. */
  static readonly LEASE: readonly [number, number] = [0x67616e74, 1];

  private readonly logger = new Logger(OutboxRelayService.name);
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.OUTBOX) private readonly queue: Queue<OutboxDispatchJob>,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.wake(), POLL_MS);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.draining;
    await this.listener?.end().catch(() => undefined);
  }

  /** Starts a drain, or asks the running one to go round once more. */
  wake(): void {
    if (this.stopped) {
      return;
    }
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drainLoop().finally(() => {
      this.draining = undefined;
    });
  }

  /** Relays everything pending now; resolves when nothing is left. Used by tests and shutdown. */
  async drain(olderThanSeconds = 0): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.relayBatch(olderThanSeconds);
      total += n;
      if (n < BATCH) {
        return total;
      }
    }
  }

  private async drainLoop(): Promise<void> {
    const lease = await this.takeLease();
    try {
      // While another process's relay drains (it goes round while events come), this one takes only what it left
      // waiting: nothing while it works, everything if it hangs (a frozen process keeps its lease).
      await this.drainRounds(lease === 'elsewhere' ? LEASE_STALE_SECONDS : 0);
    } finally {
      if (lease instanceof Client) {
        await lease.query(`SELECT pg_advisory_unlock($1, $2)`, [...OutboxRelayService.LEASE]).catch(() => undefined);
      }
    }
  }

  /**
   * One process drains at a time (a session lock on its listener connection, released by the drain or with the
   * connection). Every relay hears every notification: without it the workers' relays all went round at once and
   * in turn, each took what came since another's round (3 workers: a third of the events per round, three times the
   * dispatch transactions, relay commits and WAL flushes for the same work; the workers bench). Only which process
   * relays depends on it: without a listener a process drains unguarded, as the claims skip each other's rows.
   */
  private async takeLease(): Promise<Client | 'elsewhere' | undefined> {
    const client = this.listener;
    if (!client) {
      return undefined;
    }
    try {
      const [row] = (await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1, $2) AS ok`, [...OutboxRelayService.LEASE])).rows;
      return row?.ok ? client : 'elsewhere';
    } catch {
      return undefined;
    }
  }

  private async drainRounds(olderThanSeconds: number): Promise<void> {
    do {
      this.again = false;
      let relayed: number;
      try {
        relayed = await this.drain(olderThanSeconds);
      } catch (error) {
        // Redis or PostgreSQL unavailable: the events stay pending and the next poll retries.
        this.logger.warn(`relay paused: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      if (relayed > 0) {
        // Commits keep coming (a burst): let a few gather, so dispatchers get fewer, larger batches (each batch's handlers
        // lock the rows its changes touch; many small ones queue on each other's locks), and look again: writers notify
        // at most every NOTIFY_INTERVAL_MS, so a burst's later commits may not have woken us.
        await sleep(COALESCE_MS);
        this.again = true;
      }
    } while (this.again && !this.stopped);
  }

  private async relayBatch(olderThanSeconds: number): Promise<number> {
    // Claim and commit first: a dispatcher must never see the job while these rows are still locked
    // by us, or it would skip them and finish empty-handed.
    const rows: { id: string; topic: string }[] = await this.dataSource
      .query(
        `UPDATE outbox_event SET relayed_at = now()
        WHERE id IN (SELECT id FROM outbox_event WHERE relayed_at IS NULL AND created_at <= now() - make_interval(secs => $2)
                      ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, topic`,
        [BATCH, olderThanSeconds],
      )
      .then((result: [{ id: string; topic: string }[], number]) => result[0]);
    if (rows.length === 0) {
      return 0;
    }
    // Stock changes and webhooks each in jobs of their own (see OWN_LANE_TOPICS), the rest together in id order.
    const byLane = new Map<string, string[]>();
    for (const row of rows) {
      const lane = OWN_LANE_TOPICS.has(row.topic) ? row.topic : 'other';
      byLane.set(lane, [...(byLane.get(lane) ?? []), row.id]);
    }
    const jobs = [...byLane.values()].map((list) => list.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
    try {
      for (const ids of jobs) {
        // Unique per batch; removed on completion, so a later re-drive of the same ids is never dropped.
        const jobId = `outbox-${ids[0]}-${ids[ids.length - 1]}-${ids.length}-${Date.now()}`;
        await this.queue.add('dispatch', { ids }, { jobId, removeOnComplete: true, removeOnFail: 1000 });
      }
    } catch (error) {
      // Hand the claim back so the next poll retries at once (a job already added dispatches its events once: the
      // dispatcher skips handled ones); if this fails too, the sweeper does it.
      await this.dataSource
        .query(`UPDATE outbox_event SET relayed_at = NULL WHERE id = ANY($1::bigint[]) AND handled_at IS NULL`, [rows.map((r) => r.id)])
        .catch(() => undefined);
      throw error;
    }
    return rows.length;
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    let lost = false;
    const onLost = (reason: string): void => {
      if (lost || this.stopped) {
        return;
      }
      lost = true;
      this.logger.warn(`listener lost: ${reason}; polling until it is back`);
      this.listener = undefined;
      void client.end().catch(() => undefined);
      this.relisten();
    };
    client.on('notification', () => this.wake());
    client.on('error', (error) => onLost(error.message));
    client.on('end', () => onLost('connection closed'));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      lost = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
  }

  /** Tries to listen again every few seconds until PostgreSQL is back (a restart can take a while). */
  private relisten(): void {
    setTimeout(() => {
      if (this.stopped) {
        return;
      }
      this.listen().then(
        () => this.wake(),
        () => this.relisten(),
      );
    }, RELISTEN_MS).unref();
  }
}
