import { randomUUID } from 'node:crypto';
import { parse, stringify } from 'lossless-json';
import { AdminSchemaLoader } from '../graphql/admin-schema.loader';
import { WebhookSubscriptionsResolvers } from '../resolvers/webhook-subscriptions.resolvers';
import type { SandboxStore, ShopEvent } from '../state/sandbox-store';
import type { WebhookSubscriptionRecord } from '../state/shop-records';
import { WebhookSignature } from './webhook-signature';

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
}

export interface DeliveryRecord {
  webhookId: string;
  eventId: string;
  shop: string;
  topic: string;
  uri: string;
  subscriptionId: string;
  state: 'delivered' | 'dropped' | 'failed' | 'pending';
  duplicated: boolean;
  attempts: DeliveryAttempt[];
}

// Delivery records kept for the control surface; older ones go (in-flight retries keep their own reference).
const MAX_DELIVERY_RECORDS = 20_000;
const TRIM_CHUNK = 2_000;
const DEFAULT_MAX_CONCURRENT = 32;

export interface WebhookDispatcherOptions {
  backoffMs: number;
  /** Deliveries in flight at once per endpoint: Shopify does not open one connection per event either. */
  maxConcurrent?: number;
  timeoutMs: number;
  maxRetries: number;
  random: () => number;
}

/**
 * Delivers state-change events to subscribed HTTP endpoints with Shopify's headers and signature,
 * a per-request timeout and exponential-backoff retries; honours the shop's webhook faults.
 */
export class WebhookDispatcher {
  private readonly deliveries: DeliveryRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private pending = 0;
  // Per endpoint: attempts whose delay has passed, waiting for a delivery slot (a slow endpoint does not hold up
  // another). A head index, since shift() is O(n) on a long queue.
  private readonly lanes = new Map<string, { ready: (() => Promise<void>)[]; head: number; active: number }>();
  private idleWaiters: (() => void)[] = [];
  private readonly listener = (event: ShopEvent) => this.onEvent(event);

  constructor(
    private readonly store: SandboxStore,
    private readonly options: WebhookDispatcherOptions,
  ) {
    store.events.on('event', this.listener);
  }

  list(shop: string): DeliveryRecord[] {
    return this.deliveries.filter((d) => d.shop === shop);
  }

  /** Resolves once no delivery is waiting or in flight (tests use this instead of sleeping). */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  clear(): void {
    this.deliveries.length = 0;
  }

  close(): void {
    this.store.events.off('event', this.listener);
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    this.inFlight.forEach((c) => c.abort());
    this.lanes.clear();
    this.pending = 0;
    this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  private onEvent(event: ShopEvent): void {
    // Events carry the normalised domain; skip re-normalising it for every inventory level.
    const shop = this.store.raw.shops[event.shop] ?? this.store.shop(event.shop);
    if (!shop) {
      return;
    }
    for (const sub of Object.values(shop.webhookSubscriptions)) {
      const schema = AdminSchemaLoader.load(sub.apiVersion);
      if (!schema || WebhookSubscriptionsResolvers.topicName(schema.schema, sub.topic) !== event.topic) {
        continue;
      }
      const faults = shop.faults;
      const record: DeliveryRecord = {
        webhookId: randomUUID(),
        eventId: event.eventId,
        shop: shop.domain,
        topic: event.topic,
        uri: sub.uri,
        subscriptionId: sub.id,
        state: 'pending',
        duplicated: false,
        attempts: [],
      };
      this.remember(record);
      if (this.options.random() < faults.dropWebhooks) {
        record.state = 'dropped';
        continue;
      }
      const body = WebhookDispatcher.trim(event.body, sub.includeFields);
      const delay = faults.reorderWebhooks ? Math.floor(this.options.random() * this.options.backoffMs * 4) : 0;
      this.schedule(sub.uri, () => this.attempt(record, sub, body, event), delay);
      if (this.options.random() < faults.duplicateWebhooks) {
        record.duplicated = true;
        const copy: DeliveryRecord = { ...record, attempts: [], duplicated: true };
        this.remember(copy);
        this.schedule(sub.uri, () => this.attempt(copy, sub, body, event), delay + 1);
      }
    }
  }

  /** Bounded: one inventory sync touching 250 levels records 250 deliveries per subscription. */
  private remember(record: DeliveryRecord): void {
    this.deliveries.push(record);
    // Trimmed in chunks so the array is not shifted on every delivery.
    if (this.deliveries.length >= MAX_DELIVERY_RECORDS + TRIM_CHUNK) {
      this.deliveries.splice(0, this.deliveries.length - MAX_DELIVERY_RECORDS);
    }
  }

  private static trim(body: string, fields: string[]): string {
    if (fields.length === 0) {
      return body;
    }
    const parsed = parse(body) as Record<string, unknown>;
    return stringify(Object.fromEntries(Object.entries(parsed).filter(([k]) => fields.includes(k)))) ?? body;
  }

  private schedule(uri: string, run: () => Promise<void>, delay: number): void {
    this.pending += 1;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      let lane = this.lanes.get(uri);
      if (!lane) {
        lane = { ready: [], head: 0, active: 0 };
        this.lanes.set(uri, lane);
      }
      lane.ready.push(run);
      this.pump(uri);
    }, delay);
    this.timers.add(timer);
  }

  private pump(uri: string): void {
    const lane = this.lanes.get(uri);
    const limit = this.options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT;
    while (lane && lane.active < limit && lane.head < lane.ready.length) {
      const run = lane.ready[lane.head++];
      if (lane.head > 1024 && lane.head * 2 > lane.ready.length) {
        lane.ready = lane.ready.slice(lane.head);
        lane.head = 0;
      }
      lane.active += 1;
      void run().finally(() => {
        lane.active -= 1;
        this.done();
        this.pump(uri);
      });
    }
  }

  private done(): void {
    this.pending = Math.max(0, this.pending - 1);
    if (this.pending === 0) {
      this.idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  private async attempt(record: DeliveryRecord, sub: WebhookSubscriptionRecord, body: string, event: ShopEvent): Promise<void> {
    const secret = this.store.raw.apps[sub.apiKey]?.apiSecret ?? '';
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.options.timeoutMs);
    const attempt: DeliveryAttempt = { at: new Date().toISOString(), status: null, error: null };
    record.attempts.push(attempt);
    try {
      const response = await fetch(sub.uri, {
        method: 'POST',
        body,
        signal: controller.signal,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Shopify-Captain-Hook',
          'X-Shopify-Topic': event.topic,
          'X-Shopify-Hmac-Sha256': WebhookSignature.sign(body, secret),
          'X-Shopify-Shop-Domain': event.shop,
          'X-Shopify-API-Version': sub.apiVersion,
          'X-Shopify-Webhook-Id': record.webhookId,
          'X-Shopify-Event-Id': event.eventId,
          'X-Shopify-Triggered-At': event.triggeredAt,
          ...(sub.name ? { 'X-Shopify-Name': sub.name } : {}),
        },
      });
      attempt.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) {
        record.state = 'delivered';
        return;
      }
    } catch (error) {
      attempt.error = controller.signal.aborted ? 'timeout' : (error as Error).message;
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
    this.retry(record, sub, body, event);
  }

  private retry(record: DeliveryRecord, sub: WebhookSubscriptionRecord, body: string, event: ShopEvent): void {
    const retries = record.attempts.length - 1;
    if (retries < this.options.maxRetries) {
      this.schedule(sub.uri, () => this.attempt(record, sub, body, event), this.options.backoffMs * 2 ** retries);
      return;
    }
    record.state = 'failed';
    // After the last failed retry Shopify removes subscriptions created through the API.
    const shop = this.store.shop(record.shop);
    if (shop) {
      delete shop.webhookSubscriptions[sub.id];
    }
  }
}
