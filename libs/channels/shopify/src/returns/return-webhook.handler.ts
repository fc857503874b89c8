import { Injectable } from '@nestjs/common';
import { ReturnIntakeService } from '@gantry/core';
import type { EntityManager } from 'typeorm';
import { parseLossless } from '../graphql/shopify-graphql.client';

/** Return topics: each only says which return changed; the return engine reads it. */
export const RETURN_TOPICS = new Set([
  'returns/request',
  'returns/approve',
  'returns/decline',
  'returns/cancel',
  'returns/close',
  'returns/reopen',
  'returns/update',
]);

export interface ReturnDelivery {
  key: string;
  storeId: string;
  rawBody: string;
}

/** Return webhooks, translated for the return engine: a notice per return (ids read as text: they exceed 2^53). */
@Injectable()
export class ReturnWebhookHandler {
  constructor(private readonly intake: ReturnIntakeService) {}

  async handleMany(manager: EntityManager, deliveries: ReturnDelivery[]): Promise<Map<string, string>> {
    const outcomes = new Map<string, string>();
    for (const delivery of deliveries) {
      let body: { admin_graphql_api_id?: unknown; order?: { admin_graphql_api_id?: unknown }; order_id?: unknown } | null;
      try {
        body = parseLossless(delivery.rawBody) as typeof body;
      } catch {
        outcomes.set(delivery.key, 'invalid: the body is not JSON');
        continue;
      }
      const id = body?.admin_graphql_api_id;
      if (typeof id !== 'string' || !id.startsWith('gid://shopify/Return/')) {
        outcomes.set(delivery.key, 'invalid: admin_graphql_api_id is not a return id');
        continue;
      }
      const orderGid = body?.order?.admin_graphql_api_id;
      const orderNumeric = body?.order_id;
      const orderExternalId =
        typeof orderGid === 'string'
          ? orderGid
          : typeof orderNumeric === 'string' || typeof orderNumeric === 'number'
            ? `gid://shopify/Order/${String(orderNumeric)}`
            : null;
      await this.intake.notice(manager, delivery.storeId, [{ externalId: id, orderExternalId }]);
      outcomes.set(delivery.key, 'return-noted');
    }
    return outcomes;
  }
}
