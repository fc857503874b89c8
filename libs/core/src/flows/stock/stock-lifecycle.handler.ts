import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEvent } from '../../outbox/outbox-event.entity';
import { HandlesOutboxTopics, type OutboxEventHandler } from '../../outbox/outbox-handler.decorator';
import { OutboxTopic, type StoreChangedPayload, type StoreSyncSnapshot } from '../../outbox/outbox-topic';
import { decideStockLifecycle, type StockLifecycleAction } from './stock-lifecycle.decision';
import { StockPairRepository } from './stock-pair.repository';

/**
 * Trigger of every lifecycle push: a store's status or stock sync settings changed, or its mappings did. Applied in
 * the transaction that marks the event handled; until then the engine pushes nothing for that store (see
 * StockFlushReadiness), so a first push never races the push it replaces.
 */
@Injectable()
@HandlesOutboxTopics(OutboxTopic.STORE_CHANGED, OutboxTopic.CHANNEL_MAPPINGS_CHANGED)
export class StockLifecycleHandler implements OutboxEventHandler {
  private readonly logger = new Logger(StockLifecycleHandler.name);

  constructor(private readonly pairs: StockPairRepository) {}

  async handle(events: OutboxEvent[], manager: EntityManager): Promise<void> {
    for (const event of [...events].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))) {
      const storeId = (event.payload as { storeId: string }).storeId;
      // One store's lifecycle at a time, in order: a newer change must not be applied before an older one.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('stock-lifecycle:' || $1))`, [storeId]);
      const [older] = await manager.query<{ id: string }[]>(
        `SELECT id FROM outbox_event WHERE aggregate_key = $1 AND handled_at IS NULL AND id < $2 AND NOT (id = ANY($3::bigint[]))
            AND topic IN ('store.changed', 'channel-mappings.changed') LIMIT 1`,
        [`store/${storeId}`, event.id, events.map((e) => e.id)],
      );
      if (older) {
        throw new Error(`store ${storeId}: lifecycle event ${older.id} must be applied before ${event.id}`);
      }
      const current = await this.current(manager, storeId);
      if (!current) {
        continue;
      }
      if (event.topic === OutboxTopic.CHANNEL_MAPPINGS_CHANGED) {
        if (current.stockSync && current.status !== 'disconnected') {
          // The store as it is now may already include a later change of its own (sync switched on after these
          // mappings): its event decides then. Until it is applied, new pairs count as not syncing, so a delta baseline
          // taken now stays provisional and that change takes it again.
          const laterChange = await this.laterStoreChange(manager, storeId, event.id, events);
          await this.pairs.track(
            manager,
            storeId,
            current.stockSync.mode,
            current.status === 'connected' && current.stockSync.enabled && !laterChange,
            event.id,
          );
        }
        continue;
      }
      const payload = event.payload as unknown as StoreChangedPayload;
      await this.apply(manager, storeId, decideStockLifecycle(payload.before, payload.after), payload.after, event.id);
    }
  }

  private async apply(
    manager: EntityManager,
    storeId: string,
    action: StockLifecycleAction,
    after: StoreSyncSnapshot | null,
    eventId: string,
  ): Promise<void> {
    const mode = after?.stockSync?.mode ?? 'absolute';
    if (action !== 'none') {
      this.logger.log(`store ${storeId}: stock sync ${action} (${mode})`);
    }
    switch (action) {
      case 'none':
        return;
      case 'forget':
        await this.pairs.forget(manager, storeId);
        return;
      case 'start':
      case 'enable':
      case 'resume':
        await this.pairs.track(manager, storeId, mode, true, eventId);
        if (mode === 'absolute') {
          await this.pairs.pushAll(manager, storeId);
        } else {
          // start: everything takes a baseline; enable/resume: only pairs never synced, the rest push their change.
          await this.pairs.rebaseline(manager, storeId, action !== 'start', eventId);
          await this.pairs.pendingDueNow(manager, storeId);
        }
        return;
      case 'rebaseline':
        // What absolute mode last set is the channel's value: pairs synced keep it as their baseline, so a change not
        // pushed yet still goes (as a delta); pairs never synced take the warehouse's value now.
        await this.pairs.track(manager, storeId, mode, true, eventId);
        await this.pairs.rebaseline(manager, storeId, true, eventId);
        return;
      case 'push-all':
        await this.pairs.track(manager, storeId, mode, true, eventId);
        await this.pairs.pushAll(manager, storeId);
        return;
    }
  }

  /** True when a store change newer than `eventId` is still to be applied (later in this batch, or not handled yet). */
  private async laterStoreChange(manager: EntityManager, storeId: string, eventId: string, batch: OutboxEvent[]): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM outbox_event WHERE aggregate_key = $1 AND topic = 'store.changed' AND id > $2
          AND (handled_at IS NULL OR id = ANY($3::bigint[])) LIMIT 1`,
      [`store/${storeId}`, eventId, batch.map((e) => e.id)],
    );
    return rows.length > 0;
  }

  private async current(manager: EntityManager, storeId: string): Promise<StoreSyncSnapshot | null> {
    const [row] = await manager.query<{ status: StoreSyncSnapshot['status']; enabled: boolean | null; mode: string | null }[]>(
      `SELECT status, (settings->'stockSync'->>'enabled')::boolean AS enabled, settings->'stockSync'->>'mode' AS mode FROM store WHERE id = $1`,
      [storeId],
    );
    if (!row) {
      return null;
    }
    const mode = row.mode === 'delta' ? 'delta' : row.mode === 'absolute' ? 'absolute' : null;
    return { status: row.status, stockSync: mode && row.enabled !== null ? { enabled: row.enabled, mode } : null };
  }
}
