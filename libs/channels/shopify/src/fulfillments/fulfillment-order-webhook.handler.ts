import { Injectable } from '@nestjs/common';
import { FulfillmentIntakeService } from '@gantry/core';
import type { EntityManager } from 'typeorm';
import { parseLossless } from '../graphql/shopify-graphql.client';

/**
 * Fulfillment order topics that change where or whether a shipment may go: a hold placed or released, a fulfillment
 * order moved.
 */
export const FULFILLMENT_ORDER_TOPICS = new Set([
  'fulfillment_orders/placed_on_hold',
  'fulfillment_orders/hold_released',
  'fulfillment_orders/moved',
]);

export interface FulfillmentOrderDelivery {
  key: string;
  storeId: string;
  rawBody: string;
}

type Brief = { id?: unknown } | null | undefined;

/** Fulfillment order webhooks, translated for the fulfillment engine: which allocations changed. */
@Injectable()
export class FulfillmentOrderWebhookHandler {
  constructor(private readonly intake: FulfillmentIntakeService) {}

  async handleMany(manager: EntityManager, deliveries: FulfillmentOrderDelivery[]): Promise<Map<string, string>> {
    const outcomes = new Map<string, string>();
    for (const delivery of deliveries) {
      let body: {
        fulfillment_order?: Brief;
        original_fulfillment_order?: Brief;
        moved_fulfillment_order?: Brief;
        remaining_fulfillment_order?: Brief;
      } | null;
      try {
        body = parseLossless(delivery.rawBody) as typeof body;
      } catch {
        outcomes.set(delivery.key, 'invalid: the body is not JSON');
        continue;
      }
      const ids = [
        body?.fulfillment_order,
        body?.original_fulfillment_order,
        body?.moved_fulfillment_order,
        body?.remaining_fulfillment_order,
      ]
        .map((b) => b?.id)
        .filter((id): id is string => typeof id === 'string' && id.startsWith('gid://shopify/FulfillmentOrder/'));
      if (ids.length === 0) {
        outcomes.set(delivery.key, 'invalid: no fulfillment order id');
        continue;
      }
      const redue = await this.intake.allocationsChanged(manager, delivery.storeId, ids);
      outcomes.set(delivery.key, redue > 0 ? `fulfillment-pushes-due:${redue}` : 'nothing-waiting');
    }
    return outcomes;
  }
}
