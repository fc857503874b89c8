import { Injectable, Logger } from '@nestjs/common';
import { HandlesOutboxTopics, OutboxTopic, StoreStatus, type OutboxEvent, type OutboxEventHandler, type WebhookReceivedPayload } from '@gantry/core';
import type { EntityManager } from 'typeorm';
import { APP_UNINSTALLED_TOPIC, SHOPIFY_COMPLIANCE_TOPICS } from '../common/shopify-topics';
import { SHOPIFY_CHANNEL_KEY } from '../shopify-channel.adapter';
import { InventoryLevelWebhookHandler } from '../stock-sync/inventory-level-webhook.handler';

interface InboxRow {
  id: string;
  topic: string;
  raw_body: string;
  store_id: string | null;
  received_at: Date;
  store_status: StoreStatus | null;
}

/** Topics later issues act on; until then they are recorded and marked as waiting for a handler. */
const KNOWN_TOPICS = new Set([
  'orders/create',
  'orders/updated',
  'orders/paid',
  'orders/cancelled',
  'orders/fulfilled',
  'fulfillments/create',
  'inventory_levels/update',
  'returns/request',
  'returns/approve',
  'returns/close',
]);

/**
 * Processes inbox rows from the outbox (durable: the relay and its sweeper redeliver until handled), inside the
 * transaction that marks the event handled. Only app/uninstalled acts for now; compliance requests are recorded.
 */
@Injectable()
@HandlesOutboxTopics(OutboxTopic.WEBHOOK_RECEIVED)
export class WebhookInboxHandler implements OutboxEventHandler {
  private readonly logger = new Logger(WebhookInboxHandler.name);

  constructor(private readonly inventoryLevels: InventoryLevelWebhookHandler) {}

  async handle(events: OutboxEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      const payload = event.payload as unknown as WebhookReceivedPayload;
      if (payload.channel !== SHOPIFY_CHANNEL_KEY) {
        continue;
      }
      const rows: InboxRow[] = await manager.query(
        `SELECT i.id, i.topic, i.raw_body, i.store_id, i.received_at, s.status AS store_status
           FROM webhook_inbox i LEFT JOIN store s ON s.id = i.store_id
          WHERE i.id = $1 AND i.processed_at IS NULL FOR UPDATE OF i`,
        [payload.inboxId],
      );
      const row = rows[0];
      if (!row) {
        continue;
      }
      const outcome = await this.process(row, manager);
      await manager.query(`UPDATE webhook_inbox SET processed_at = now(), outcome = $2 WHERE id = $1`, [row.id, outcome]);
    }
  }

  private async process(row: InboxRow, manager: EntityManager): Promise<string> {
    if (SHOPIFY_COMPLIANCE_TOPICS.includes(row.topic)) {
      // We hold no customer data beyond what orders carry; the request is recorded for the privacy log.
      this.logger.log({ inboxId: row.id, topic: row.topic }, 'compliance request recorded');
      return 'compliance-recorded';
    }
    if (!row.store_id || row.store_status === StoreStatus.DISCONNECTED) {
      return 'dropped-disconnected';
    }
    if (row.topic === APP_UNINSTALLED_TOPIC) {
      // Only an uninstall newer than the last connect counts: a late delivery must not cut off a reinstall.
      const updated: unknown[] = await manager.query(
        `UPDATE store SET status = $2, credentials_encrypted = NULL, disconnected_at = now(), updated_at = now()
          WHERE id = $1 AND (connected_at IS NULL OR connected_at <= $3) RETURNING id`,
        [row.store_id, StoreStatus.DISCONNECTED, row.received_at],
      );
      return updated.length > 0 ? 'disconnected' : 'stale-uninstall';
    }
    if (row.topic === 'inventory_levels/update') {
      return this.inventoryLevels.handle(manager, row.store_id, row.raw_body);
    }
    return KNOWN_TOPICS.has(row.topic) ? 'no-handler-yet' : 'ignored-unknown-topic';
  }
}
