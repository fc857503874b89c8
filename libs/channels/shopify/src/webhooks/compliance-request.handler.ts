import { Injectable, Logger } from '@nestjs/common';
import { PrivacyService } from '@gantry/core';
import type { EntityManager } from 'typeorm';
import { SHOPIFY_CHANNEL_KEY } from '../shopify-channel.adapter';
import { parseComplianceRequest, type ComplianceRequest } from './compliance-request.parser';

export interface ComplianceDelivery {
  id: string;
  topic: string;
  shopDomain: string;
  storeId: string | null;
  rawBody: string;
}

const OUTCOMES: Record<ComplianceRequest['kind'], string> = {
  'customer-redact': 'customer-redacted',
  'shop-redact': 'shop-redacted',
  'customer-data-request': 'data-request-exported',
};

/**
 * Shopify's mandatory compliance topics, translated for the core's privacy engine, in the transaction that processes
 * the inbox row (so the work is done once, and again after a crash). Any shop's request is answered, a removed or
 * disconnected store's too: shop/redact comes 48 hours after the uninstall.
 */
@Injectable()
export class ComplianceRequestHandler {
  private readonly logger = new Logger(ComplianceRequestHandler.name);

  constructor(private readonly privacy: PrivacyService) {}

  async handle(delivery: ComplianceDelivery, manager: EntityManager): Promise<string> {
    let request: ComplianceRequest;
    try {
      request = parseComplianceRequest(delivery.topic, delivery.rawBody);
    } catch (error) {
      this.logger.warn({ inboxId: delivery.id, topic: delivery.topic }, 'compliance request unreadable');
      return `invalid: ${error instanceof Error ? error.message : String(error)}`;
    }
    const outcome = await this.privacy.handle(
      {
        ...request,
        channel: SHOPIFY_CHANNEL_KEY,
        externalAccountId: delivery.shopDomain,
        storeId: delivery.storeId,
        sourceRef: `shopify-inbox:${delivery.id}`,
      },
      manager,
    );
    if (request.kind !== 'customer-data-request') {
      // A redact request names the customer itself (e-mail, phone): its body goes too, the row stays on record.
      await manager.query(
        `UPDATE shopify_webhook_inbox SET raw_body = '', raw_body_removed_at = now(), raw_body_removed_reason = 'redacted'
          WHERE id = $1 AND raw_body_removed_at IS NULL`,
        [delivery.id],
      );
    }
    return outcome.duplicate ? 'compliance-duplicate' : OUTCOMES[request.kind];
  }
}
