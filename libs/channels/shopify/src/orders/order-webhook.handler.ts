import { Injectable } from '@nestjs/common';
import { OrderIntakeService, type ChannelOrder } from '@gantry/core';
import type { EntityManager } from 'typeorm';
import { parseLossless } from '../graphql/shopify-graphql.client';
import { ShopifyOrderMapper } from './shopify-order.mapper';

/** Order topics whose body is the order itself. */
export const ORDER_STATE_TOPICS = new Set([
  'orders/create',
  'orders/updated',
  'orders/paid',
  'orders/cancelled',
  'orders/fulfilled',
  'orders/partially_fulfilled',
]);
/** orders/edited carries the edit, not the order: the order is read from Shopify before its next decision. */
export const ORDER_EDITED_TOPIC = 'orders/edited';

export interface OrderDelivery {
  key: string;
  storeId: string;
  topic: string;
  rawBody: string;
}

/**
 * Order webhooks, translated for the order engine: the order's state goes to the intake (the newest version is kept,
 * whatever the order of arrival); the engine decides later. A body that is not an order is answered with why, once.
 */
@Injectable()
export class OrderWebhookHandler {
  constructor(private readonly intake: OrderIntakeService) {}

  async handleMany(manager: EntityManager, deliveries: OrderDelivery[]): Promise<Map<string, string>> {
    const outcomes = new Map<string, string>();
    const byStore = new Map<string, { key: string; order: ChannelOrder }[]>();
    for (const delivery of deliveries) {
      let body: unknown;
      try {
        body = parseLossless(delivery.rawBody);
      } catch {
        outcomes.set(delivery.key, 'invalid: the body is not JSON');
        continue;
      }
      if (delivery.topic === ORDER_EDITED_TOPIC) {
        outcomes.set(delivery.key, await this.edited(manager, delivery.storeId, body));
        continue;
      }
      const parsed = ShopifyOrderMapper.fromPayload(body);
      if ('invalid' in parsed) {
        outcomes.set(delivery.key, `invalid: ${parsed.invalid}`);
        continue;
      }
      byStore.set(delivery.storeId, [...(byStore.get(delivery.storeId) ?? []), { key: delivery.key, order: parsed.order }]);
    }
    for (const [storeId, orders] of byStore) {
      const recorded = await this.intake.record(
        manager,
        storeId,
        orders.map((o) => o.order),
      );
      for (const { key, order } of orders) {
        outcomes.set(key, `order-${recorded.get(order.externalId) ?? 'same'}`);
      }
    }
    return outcomes;
  }

  private async edited(manager: EntityManager, storeId: string, body: unknown): Promise<string> {
    const edit = (body as { order_edit?: { order_id?: unknown } } | null)?.order_edit;
    const orderId = typeof edit?.order_id === 'string' || typeof edit?.order_id === 'number' ? String(edit.order_id) : null;
    if (!orderId || !/^\d+$/.test(orderId)) {
      return 'invalid: order_edit.order_id is missing';
    }
    const result = await this.intake.changed(manager, storeId, [`gid://shopify/Order/${orderId}`]);
    // An edit of an order we never saw: its orders/updated (or the reconciliation) brings the order itself.
    return result === 'due' ? 'order-edit-noted' : 'order-edit-of-unknown-order';
  }
}
