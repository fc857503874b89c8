import { Injectable } from '@nestjs/common';
import {
  HandlesOutboxTopics,
  OutboxTopic,
  StoreConnectionService,
  StoreService,
  StoreStatus,
  type OutboxEvent,
  type OutboxEventHandler,
  type WebhookReceivedPayload,
} from '@gantry/core';
import type { EntityManager } from 'typeorm';
import { APP_UNINSTALLED_TOPIC, SHOPIFY_COMPLIANCE_TOPICS } from '../common/shopify-topics';
import { SHOPIFY_CHANNEL_KEY } from '../shopify-channel.adapter';
import { InventoryLevelWebhookHandler } from '../inventory/inventory-level-webhook.handler';
import { FULFILLMENT_ORDER_TOPICS, FulfillmentOrderWebhookHandler } from '../fulfillments/fulfillment-order-webhook.handler';
import { ORDER_EDITED_TOPIC, ORDER_STATE_TOPICS, OrderWebhookHandler } from '../orders/order-webhook.handler';
import { RETURN_TOPICS, ReturnWebhookHandler } from '../returns/return-webhook.handler';
import { ComplianceRequestHandler } from './compliance-request.handler';

interface InboxRow {
  id: string;
  topic: string;
  raw_body: string;
  shop_domain: string;
  store_id: string | null;
  body_removed: boolean;
  received_at: Date;
  store_status: StoreStatus | null;
}

/** Topics we subscribe to that need no work: our own fulfillments echoed back. */
const KNOWN_TOPICS = new Set(['fulfillments/create']);

/**
 * Processes inbox rows from the outbox (durable: the relay and its sweeper redeliver until handled), inside the
 * transaction that marks the event handled. app/uninstalled disconnects the store, inventory_levels/update goes to the
 * stock sync, order topics to the order intake (a batch's deliveries decided together), return topics to the return
 * engine; compliance requests go to the core's privacy engine (redact, export). A delivery whose body was removed
 * before it was handled (its shop or customer redacted meanwhile) is recorded as such and not processed.
 */
@Injectable()
@HandlesOutboxTopics(OutboxTopic.WEBHOOK_RECEIVED)
export class WebhookInboxHandler implements OutboxEventHandler {
  constructor(
    private readonly inventoryLevels: InventoryLevelWebhookHandler,
    private readonly orders: OrderWebhookHandler,
    private readonly returns: ReturnWebhookHandler,
    private readonly fulfillmentOrders: FulfillmentOrderWebhookHandler,
    private readonly stores: StoreService,
    private readonly connections: StoreConnectionService,
    private readonly compliance: ComplianceRequestHandler,
  ) {}

  async handle(events: OutboxEvent[], manager: EntityManager): Promise<void> {
    const ids = events
      .map((e) => e.payload as unknown as WebhookReceivedPayload)
      .filter((p) => p.channel === SHOPIFY_CHANNEL_KEY)
      .map((p) => p.inboxId);
    if (ids.length === 0) {
      return;
    }
    // One read and one write for the whole batch: a push echoes 250 inventory_levels/update webhooks at once.
    const inbox: Omit<InboxRow, 'store_status'>[] = await manager.query(
      `SELECT id, topic, raw_body, shop_domain, store_id, received_at, raw_body_removed_at IS NOT NULL AS body_removed FROM shopify_webhook_inbox
        WHERE id = ANY($1::bigint[]) AND processed_at IS NULL ORDER BY id FOR UPDATE`,
      [ids],
    );
    const statuses = await this.stores.statuses(
      [...new Set(inbox.map((r) => r.store_id).filter((id): id is string => id !== null))],
      manager,
    );
    const outcomes = new Map<string, string>();
    for (const r of inbox.filter((x) => x.body_removed)) {
      outcomes.set(r.id, 'body-removed');
    }
    const rows: InboxRow[] = inbox
      .filter((r) => !r.body_removed)
      .map((r) => ({ ...r, store_status: r.store_id ? (statuses.get(r.store_id) ?? null) : null }));
    const levels = rows.filter((r) => r.topic === 'inventory_levels/update' && r.store_id && r.store_status !== StoreStatus.DISCONNECTED);
    const levelOutcomes = await this.inventoryLevels.handleMany(
      manager,
      levels.map((r) => ({ key: r.id, storeId: r.store_id as string, rawBody: r.raw_body })),
    );
    const orderRows = rows.filter(
      (r) =>
        (ORDER_STATE_TOPICS.has(r.topic) || r.topic === ORDER_EDITED_TOPIC) && r.store_id && r.store_status !== StoreStatus.DISCONNECTED,
    );
    const orderOutcomes = await this.orders.handleMany(
      manager,
      orderRows.map((r) => ({ key: r.id, storeId: r.store_id as string, topic: r.topic, rawBody: r.raw_body })),
    );
    const returnOutcomes = await this.returns.handleMany(
      manager,
      rows
        .filter((r) => RETURN_TOPICS.has(r.topic) && r.store_id && r.store_status !== StoreStatus.DISCONNECTED)
        .map((r) => ({ key: r.id, storeId: r.store_id as string, rawBody: r.raw_body })),
    );
    const fulfillmentOrderOutcomes = await this.fulfillmentOrders.handleMany(
      manager,
      rows
        .filter((r) => FULFILLMENT_ORDER_TOPICS.has(r.topic) && r.store_id && r.store_status !== StoreStatus.DISCONNECTED)
        .map((r) => ({ key: r.id, storeId: r.store_id as string, rawBody: r.raw_body })),
    );
    for (const row of rows) {
      outcomes.set(
        row.id,
        levelOutcomes.get(row.id) ??
          orderOutcomes.get(row.id) ??
          returnOutcomes.get(row.id) ??
          fulfillmentOrderOutcomes.get(row.id) ??
          (await this.process(row, manager)),
      );
    }
    await manager.query(
      `UPDATE shopify_webhook_inbox i SET processed_at = now(), outcome = v.outcome FROM unnest($1::bigint[], $2::text[]) AS v(id, outcome) WHERE i.id = v.id`,
      [[...outcomes.keys()], [...outcomes.values()]],
    );
  }

  private async process(row: InboxRow, manager: EntityManager): Promise<string> {
    if (SHOPIFY_COMPLIANCE_TOPICS.includes(row.topic)) {
      return this.compliance.handle(
        { id: row.id, topic: row.topic, shopDomain: row.shop_domain, storeId: row.store_id, rawBody: row.raw_body },
        manager,
      );
    }
    if (!row.store_id || row.store_status === StoreStatus.DISCONNECTED) {
      return 'dropped-disconnected';
    }
    if (row.topic === APP_UNINSTALLED_TOPIC) {
      // Only an uninstall newer than the last connect counts: a late delivery must not cut off a reinstall.
      const disconnected = await this.connections.markUninstalled(row.store_id, row.received_at, manager);
      return disconnected ? 'disconnected' : 'stale-uninstall';
    }
    return KNOWN_TOPICS.has(row.topic) ? 'nothing-to-do' : 'ignored-unknown-topic';
  }
}
