import { Injectable } from '@nestjs/common';
import { HoldsPersonalData, type PersonalDataHolder, type PersonalDataRecord, type PersonalDataSubject } from '@gantry/core';
import type { DataSource, EntityManager } from 'typeorm';
import { SHOPIFY_COMPLIANCE_TOPICS } from '../common/shopify-topics';
import { SHOPIFY_CHANNEL_KEY } from '../shopify-channel.adapter';

// Shorter strings would match by accident (a phone "12" inside any number).
const MIN_NEEDLE = 6;

function affected(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}

/** What finds the subject in a raw body: the orders' and the customer's GIDs (every order topic carries them), e-mail, phone. */
function needles(subject: PersonalDataSubject): string[] {
  const c = subject.customer;
  return [...subject.orderExternalIds, c?.externalId, c?.email, c?.phone].filter(
    (n): n is string => typeof n === 'string' && n.length >= MIN_NEEDLE,
  );
}

const REMOVE = (reason: 'redacted' | 'retention'): string =>
  `raw_body = '', raw_body_removed_at = now(), raw_body_removed_reason = '${reason}'`;

/**
 * The raw bodies of Shopify's deliveries carry whole orders (names, addresses, e-mails, phones). A body is removed
 * (emptied, with when and why), never the row: its webhook id is how a redelivery is still recognised as a duplicate.
 */
@Injectable()
@HoldsPersonalData()
export class WebhookInboxPersonalDataService implements PersonalDataHolder {
  readonly personalDataKey = 'shopify-webhook-inbox';

  async redactOrders(subject: PersonalDataSubject, manager: EntityManager): Promise<number> {
    const found = needles(subject);
    if (subject.channel !== SHOPIFY_CHANNEL_KEY || found.length === 0) {
      return 0;
    }
    return affected(
      await manager.query(
        `UPDATE shopify_webhook_inbox SET ${REMOVE('redacted')}
          WHERE shop_domain = $1 AND raw_body_removed_at IS NULL
            AND EXISTS (SELECT 1 FROM unnest($2::text[]) AS n(needle) WHERE strpos(raw_body, n.needle) > 0)`,
        [subject.externalAccountId, found],
      ),
    );
  }

  async redactAccount(subject: PersonalDataSubject, manager: EntityManager): Promise<number> {
    if (subject.channel !== SHOPIFY_CHANNEL_KEY) {
      return 0;
    }
    return affected(
      await manager.query(`UPDATE shopify_webhook_inbox SET ${REMOVE('redacted')} WHERE shop_domain = $1 AND raw_body_removed_at IS NULL`, [
        subject.externalAccountId,
      ]),
    );
  }

  async exportSubject(subject: PersonalDataSubject, manager: EntityManager): Promise<PersonalDataRecord[]> {
    const found = needles(subject);
    if (subject.channel !== SHOPIFY_CHANNEL_KEY || found.length === 0) {
      return [];
    }
    const rows = await manager.query<{ id: string; webhook_id: string; topic: string; received_at: Date; raw_body: string }[]>(
      `SELECT id, webhook_id, topic, received_at, raw_body FROM shopify_webhook_inbox
        WHERE shop_domain = $1 AND raw_body_removed_at IS NULL AND NOT (topic = ANY($3::text[]))
          AND EXISTS (SELECT 1 FROM unnest($2::text[]) AS n(needle) WHERE strpos(raw_body, n.needle) > 0)
        ORDER BY id`,
      [subject.externalAccountId, found, SHOPIFY_COMPLIANCE_TOPICS],
    );
    // The body as Shopify sent it (text: its ids exceed 2^53).
    return rows.map((r) => ({
      table: 'shopify_webhook_inbox',
      id: r.id,
      data: { webhookId: r.webhook_id, topic: r.topic, receivedAt: r.received_at, rawBody: r.raw_body },
    }));
  }

  /** Processed deliveries only: one still waiting keeps its body until it is handled. */
  async pruneBefore(before: Date, limit: number, dataSource: DataSource): Promise<number> {
    return affected(
      await dataSource.query(
        `UPDATE shopify_webhook_inbox SET ${REMOVE('retention')}
          WHERE id IN (SELECT id FROM shopify_webhook_inbox
                        WHERE raw_body_removed_at IS NULL AND received_at < $1 AND processed_at IS NOT NULL
                        ORDER BY received_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [before, limit],
      ),
    );
  }
}
