import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DomainErrorCode,
  DomainException,
  isForeignKeyViolation,
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

const REMEMBER_STORE_MS = 2_000;
const MAX_REMEMBERED_SHOPS = 10_000;

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
  private readonly recent = new Map<string, { store: { id: string; status: StoreStatus }; until: number }>();

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
    // JSON never carries a raw NUL byte and PostgreSQL text cannot hold one: such a body is refused, not a 500.
    if (request.rawBody.includes(0)) {
      throw DomainException.invalid('The webhook body is not JSON text: it holds a NUL byte');
    }
    try {
      return await this.record(request, topic, shop, webhookId, await this.storeOf(shop));
    } catch (error) {
      if (!isForeignKeyViolation(error)) {
        throw error;
      }
      // The store was removed since it was looked up: look again (the shop is then unknown, the delivery dropped).
      this.recent.delete(shop);
      return this.record(request, topic, shop, webhookId, await this.storeOf(shop));
    }
  }

  private async record(
    request: RawWebhookRequest,
    topic: string,
    shop: string,
    webhookId: string,
    store: { id: string; status: StoreStatus } | null,
  ): Promise<WebhookReceipt> {
    const compliance = SHOPIFY_COMPLIANCE_TOPICS.includes(topic);
    // A disconnected (or never connected) shop: acknowledged and dropped, since an error would only make Shopify retry
    // for hours and then delete the subscription. Compliance requests are recorded for any shop: we must answer them.
    if (!compliance && (!store || store.status === StoreStatus.DISCONNECTED)) {
      return 'dropped';
    }
    const headers = Object.fromEntries(KEPT_HEADERS.filter((h) => request.headers[h] !== undefined).map((h) => [h, request.headers[h]]));
    // The inbox row and its outbox event in one statement: no transaction to open, one round trip.
    const rows = await this.outbox.appendFromInsert<{ id: string }>(
      this.dataSource,
      OutboxTopic.WEBHOOK_RECEIVED,
      `INSERT INTO shopify_webhook_inbox (webhook_id, topic, shop_domain, store_id, raw_body, headers)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (webhook_id) DO NOTHING
       RETURNING id, 'shopify/' || shop_domain AS aggregate_key, jsonb_build_object('channel', $7::text, 'inboxId', id::text) AS payload`,
      [webhookId, topic, shop, store?.id ?? null, request.rawBody.toString('utf8'), JSON.stringify(headers), SHOPIFY_CHANNEL_KEY],
    );
    return rows.length > 0 ? 'stored' : 'duplicate';
  }

  /**
   * The shop's store, remembered for two seconds while it is connected: a burst of deliveries costs one lookup per
   * shop, not one each (the lookup is a third of a delivery's cost). A store disconnected meanwhile gets at most two
   * seconds of deliveries stored, which the worker drops; an unknown or disconnected shop is looked up every time, so a
   * reconnect counts from the next delivery.
   */
  private async storeOf(shop: string): Promise<{ id: string; status: StoreStatus } | null> {
    const now = Date.now();
    const remembered = this.recent.get(shop);
    if (remembered && remembered.until > now) {
      return remembered.store;
    }
    const store = await this.stores.statusOfAccount(SHOPIFY_CHANNEL_KEY, shop);
    if (store && store.status !== StoreStatus.DISCONNECTED) {
      if (this.recent.size >= MAX_REMEMBERED_SHOPS) {
        this.recent.clear();
      }
      this.recent.set(shop, { store, until: now + REMEMBER_STORE_MS });
    } else {
      this.recent.delete(shop);
    }
    return store;
  }
}
