import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { emptyJoorData } from '../joor/joor-records';
import type { FaultSettings, LocationRecord, PlanName, SandboxData, ShopData, TokenRecord } from './shop-records';

/** A state change that Shopify would announce with a webhook. */
export interface ShopEvent {
  readonly shop: string;
  readonly topic: string;
  // Built when the change happens (or when first read during emit), so later changes cannot leak into it.
  readonly body: string;
  readonly eventId: string;
  readonly triggeredAt: string;
}

/** Body, id and timestamp are made on first read: most inventory events have no subscriber. */
class LazyShopEvent implements ShopEvent {
  private built: string | null;
  private id: string | null = null;

  constructor(
    readonly shop: string,
    readonly topic: string,
    private readonly source: string | (() => string),
    private readonly at: number,
  ) {
    this.built = typeof source === 'string' ? source : null;
  }

  get body(): string {
    this.built ??= (this.source as () => string)();
    return this.built;
  }

  get eventId(): string {
    this.id ??= randomUUID();
    return this.id;
  }

  get triggeredAt(): string {
    return new Date(this.at).toISOString();
  }
}

export interface CreateShopInput {
  shop: string;
  plan?: PlanName;
  apiKey: string;
  apiSecret: string;
  locations?: string[];
  /** Replace the secret of an app that exists with another one (otherwise that is refused). */
  replaceSecret?: boolean;
}

export type CreateShopResult = { ok: true; shop: string; staffAccessToken: string; created: boolean } | { ok: false; conflict: string };

// Ids start just above 2^53 so clients that parse ids as JS numbers visibly break.
const FIRST_ID = 9007199254740993n;

const emptyFaults = (): FaultSettings => ({
  errorRate: 0,
  errorAfterRate: 0,
  latencyMs: 0,
  throttle: false,
  dropWebhooks: 0,
  duplicateWebhooks: 0,
  reorderWebhooks: false,
  rateLimitScale: 1,
});

const emptyData = (): SandboxData => ({
  nextId: FIRST_ID.toString(),
  apps: {},
  shops: {},
  tokens: {},
  refreshTokens: {},
  oauthCodes: {},
  joor: emptyJoorData(),
});

export class SandboxStore {
  readonly events = new EventEmitter();
  private data: SandboxData = emptyData();
  private isoSecond = Number.NaN;
  private isoText = '';

  constructor(private readonly now: () => number = Date.now) {}

  static normalizeShop(shop: string): string {
    const trimmed = shop
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/\/.*$/, '');
    return trimmed.endsWith('.myshopify.com') ? trimmed : `${trimmed}.myshopify.com`;
  }

  nowMs(): number {
    return this.now();
  }

  isoNow(): string {
    // Called for every touched record; formatting a Date per call showed up in profiles.
    const ms = this.now();
    const second = Math.floor(ms / 1000);
    if (second !== this.isoSecond) {
      this.isoSecond = second;
      this.isoText = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    return this.isoText;
  }

  nextId(): string {
    const id = BigInt(this.data.nextId);
    this.data.nextId = (id + 1n).toString();
    return id.toString();
  }

  get raw(): SandboxData {
    return this.data;
  }

  /**
   * Creates the shop (and the app) or finds them again: the same call twice changes nothing and answers the same staff
   * token. An app that exists with another secret is refused unless `replaceSecret` is set: a silent replacement would
   * break the OAuth and webhook signatures of whoever uses the app.
   */
  createShop(input: CreateShopInput): CreateShopResult {
    const domain = SandboxStore.normalizeShop(input.shop);
    const app = this.data.apps[input.apiKey];
    if (app && app.apiSecret !== input.apiSecret && !input.replaceSecret) {
      return {
        ok: false,
        conflict: `app ${input.apiKey} already exists with another secret; send replaceSecret: true to replace it`,
      };
    }
    this.data.apps[input.apiKey] = { apiKey: input.apiKey, apiSecret: input.apiSecret };
    const existing = this.data.shops[domain];
    const now = this.isoNow();
    if (!existing) {
      const locations: Record<string, LocationRecord> = {};
      for (const name of input.locations ?? ['Main warehouse']) {
        const id = this.nextId();
        locations[id] = { id, name, isActive: true, createdAt: now, updatedAt: now };
      }
      this.data.shops[domain] = {
        domain,
        name: domain.replace('.myshopify.com', ''),
        plan: input.plan ?? 'standard',
        primaryApiKey: input.apiKey,
        currency: 'USD',
        createdAt: now,
        orderNumber: 1000,
        locations,
        fulfillmentServices: {},
        products: {},
        variants: {},
        inventoryItems: {},
        levels: {},
        adjustmentGroups: {},
        customers: {},
        orders: {},
        fulfillmentOrders: {},
        orderEdits: {},
        fulfillments: {},
        returns: {},
        reverseFulfillmentOrders: {},
        webhookSubscriptions: {},
        bulkOperations: {},
        idempotency: {},
        installations: {},
        faults: emptyFaults(),
      };
    } else if (input.plan) {
      existing.plan = input.plan;
    }
    const kept = Object.values(this.data.tokens).find((t) => t.staff && t.shop === domain && t.apiKey === input.apiKey);
    if (kept) {
      return { ok: true, shop: domain, staffAccessToken: kept.token, created: !existing };
    }
    const staffAccessToken = `shpat_staff_${randomBytes(16).toString('hex')}`;
    this.data.tokens[staffAccessToken] = {
      token: staffAccessToken,
      shop: domain,
      apiKey: input.apiKey,
      staff: true,
      scopes: [],
      expiresAt: null,
    };
    return { ok: true, shop: domain, staffAccessToken, created: !existing };
  }

  shop(domain: string): ShopData | undefined {
    return this.data.shops[SandboxStore.normalizeShop(domain)];
  }

  requireShop(domain: string): ShopData {
    const shop = this.shop(domain);
    if (!shop) {
      throw new Error(`Unknown shop ${domain}`);
    }
    return shop;
  }

  token(value: string | undefined): TokenRecord | undefined {
    if (!value) {
      return undefined;
    }
    const token = this.data.tokens[value];
    if (!token || (token.expiresAt !== null && token.expiresAt <= this.now()) || !this.data.shops[token.shop]) {
      return undefined;
    }
    return token;
  }

  setFaults(domain: string, faults: Partial<FaultSettings>): FaultSettings {
    const shop = this.requireShop(domain);
    shop.faults = { ...shop.faults, ...faults };
    return shop.faults;
  }

  /** Uninstalls an app: its tokens and webhook subscriptions go; `app/uninstalled` is still sent. */
  revokeApp(domain: string, apiKey: string): void {
    const shop = this.requireShop(domain);
    delete shop.installations[apiKey];
    for (const [value, token] of Object.entries(this.data.tokens)) {
      if (token.shop === shop.domain && token.apiKey === apiKey && !token.staff) {
        delete this.data.tokens[value];
      }
    }
    for (const [value, token] of Object.entries(this.data.refreshTokens)) {
      if (token.shop === shop.domain && token.apiKey === apiKey) {
        delete this.data.refreshTokens[value];
      }
    }
  }

  /**
   * A body given as a function is built only if a listener reads it. Listeners read it synchronously while
   * the event is emitted, so it still shows the state at the change; shops without subscriptions skip
   * serialising one payload per touched inventory level.
   */
  emit(shop: string, topic: string, body: string | (() => string)): void {
    const event: ShopEvent = new LazyShopEvent(shop, topic, body, this.now());
    this.events.emit('event', event);
  }

  save(path: string): void {
    writeFileSync(path, JSON.stringify(this.data));
  }

  load(path: string): void {
    this.replace(JSON.parse(readFileSync(path, 'utf8')) as SandboxData);
  }

  /** Takes a whole saved document as the state (SANDBOX_STATE_FILE at start, /__sandbox/state/load). */
  replace(data: SandboxData): void {
    if (typeof data !== 'object' || data === null || typeof data.shops !== 'object' || typeof data.tokens !== 'object') {
      throw new Error('not a sandbox state (no shops or tokens)');
    }
    this.data = data;
    // A state saved before the JOOR stand-in existed has no JOOR part.
    this.data.joor ??= emptyJoorData();
  }

  reset(): void {
    this.data = emptyData();
  }
}
