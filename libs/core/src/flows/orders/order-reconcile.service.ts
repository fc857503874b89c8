import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '../../errors/domain.exception';
import type { SyncRun } from '../../sync-run/sync-run.entity';
import { SyncRunner } from '../../sync-run/sync-runner.service';
import { ChannelOrderRepository, type OrderIntakeOutcome } from './channel-order.repository';
import { asOrderSource } from './order-source.directory';

// The first reconciliation of a store looks back this far; later ones start where the last one ended.
const FIRST_LOOKBACK_MS = 24 * 3600_000;
// Clocks differ and a change may be committed on the channel a little after its timestamp: re-read an overlap.
const OVERLAP_MS = 5 * 60_000;

const WORDS: Record<OrderIntakeOutcome, { outcome: string; reason: string | null }> = {
  new: { outcome: 'recovered', reason: 'no webhook had brought it' },
  newer: { outcome: 'updated', reason: 'a newer state than the webhooks brought' },
  same: { outcome: 'known', reason: null },
  older: { outcome: 'known', reason: 'a newer state is already known' },
  conflicting: { outcome: 'verify', reason: 'a different state with the same version: read again before deciding' },
};

/**
 * Missed orders: reads the channel's orders changed since the last complete run (or since `since`) and hands them to
 * the intake like webhooks do; the import worker decides them. Orders that failed before get another try.
 */
@Injectable()
export class OrderReconcileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: SyncRunner,
    private readonly orders: ChannelOrderRepository,
  ) {}

  async reconcile(storeId: string, trigger: 'manual' | 'schedule', since?: Date): Promise<SyncRun> {
    const { run } = await this.runner.run(
      storeId,
      'order-import',
      async (scope) => {
        const source = asOrderSource(scope.adapter);
        if (!source) {
          throw DomainException.conflict(`${scope.adapter.name} stores have no orders to import`);
        }
        const startedAt = Date.now();
        const from = since ?? (await this.orders.reconciledThrough(storeId)) ?? new Date(startedAt - FIRST_LOOKBACK_MS);
        // An order may come twice (pages, then a bulk export that overlaps them): it is one item of the run.
        const seen = new Set<string>();
        const changed = source.changedOrders(scope.ctx, from)[Symbol.asyncIterator]();
        for (;;) {
          // Not retried here: a generator that threw is over. A failed read fails the run, and the next run starts
          // from where the last complete one ended.
          const next = await changed.next();
          if (next.done) {
            break;
          }
          const orders = next.value.filter((o) => !seen.has(o.externalId));
          for (const order of orders) {
            seen.add(order.externalId);
          }
          const outcomes = await this.dataSource.transaction((manager) => this.orders.record(manager, storeId, orders));
          await scope.record(
            orders.map((order) => {
              const words = WORDS[outcomes.get(order.externalId) ?? 'same'];
              return { externalRef: order.externalNumber ?? order.externalId, outcome: words.outcome, reason: words.reason };
            }),
          );
        }
        await this.orders.redue(storeId, ['failed']);
        if (!since) {
          await this.orders.setReconciledThrough(storeId, new Date(startedAt - OVERLAP_MS));
        }
      },
      { trigger },
    );
    return run;
  }
}
