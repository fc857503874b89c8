import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DomainErrorCode,
  DomainException,
  OutboxTopic,
  OutboxWriter,
  StoreService,
  StoreStatus,
  type RawWebhookRequest,
} from '@gantry/core';
import { DataSource } from 'typeorm';
import { SHOPIFY_COMPLIANCE_TOPICS } from '../common/shopify-topics';
import { SHOPIFY_CHANNEL_KEY, ShopifyChannelAdapter } from '../shopify-channel.adapter';

export type WebhookReceipt = 'stored' | 'duplicate' | 'dropped';

const KEPT_HEADERS = [
  'x-shopify-topic',
  'x-shopify-shop-domain',
  'x-shopify-webhook-id',
  'x-shopify-event-id',
  'x-shopify-triggered-at',
  'x-shopify-api-version',
  'x-shopify-name',
];

/**
 * Accepts a Shopify delivery: HMAC over the raw bytes first, then one inbox row per X-Shopify-Webhook-Id with an outbox
 * event in the same transaction, so a worker handles it even if Redis loses the trigger. Nothing is parsed here.
 */
@Injectable()
export class WebhookInboxService {
  constructor(
    private readonly adapter: ShopifyChannelAdapter,
    private readonly stores: StoreService,
    private readonly outbox: OutboxWriter,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async receive(request: RawWebhookRequest): Promise<WebhookReceipt> {
    if (!this.adapter.verifyWebhook(request)) {
      throw new DomainException(DomainErrorCode.UNAUTHENTICATED, 'Invalid webhook signature (X-Shopify-Hmac-Sha256)');
    }
    const topic = request.headers['x-shopify-topic'];
    const shop = request.headers['x-shopify-shop-domain'];
    const webhookId = request.headers['x-shopify-webhook-id'];
    if (!topic || !shop || !webhookId) {
      throw DomainException.invalid('The webhook lacks X-Shopify-Topic, X-Shopify-Shop-Domain or X-Shopify-Webhook-Id');
    }
    const store = await this.stores.findByExternalAccount(SHOPIFY_CHANNEL_KEY, shop);
    const compliance = SHOPIFY_COMPLIANCE_TOPICS.includes(topic);
    // A disconnected (or never connected) shop: acknowledged and dropped, since an error would only make Shopify retry
    // for hours and then delete the subscription. Compliance requests are recorded for any shop: we must answer them.
    if (!compliance && (!store || store.status === StoreStatus.DISCONNECTED)) {
      return 'dropped';
    }
    const headers = Object.fromEntries(KEPT_HEADERS.filter((h) => request.headers[h] !== undefined).map((h) => [h, request.headers[h]]));
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO shopify_webhook_inbox (webhook_id, topic, shop_domain, store_id, raw_body, headers)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (webhook_id) DO NOTHING RETURNING id`,
        [webhookId, topic, shop, store?.id ?? null, request.rawBody.toString('utf8'), JSON.stringify(headers)],
      );
      const inserted = rows[0];
      if (!inserted) {
        return 'duplicate';
      }
      await this.outbox.append(manager, [
        {
          topic: OutboxTopic.WEBHOOK_RECEIVED,
          aggregateKey: `shopify/${shop}`,
          payload: { channel: SHOPIFY_CHANNEL_KEY, inboxId: String(inserted.id) },
        },
      ]);
      return 'stored';
    });
  }
}
