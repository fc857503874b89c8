import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ChannelAdapterException,
  ChannelErrorCode,
  type CatalogSource,
  type ChannelAdapter,
  type ChannelCapability,
  type ChannelCatalogItem,
  type ChannelContext,
  type ChannelFulfillmentCreate,
  type ChannelFulfillmentState,
  type ChannelTracking,
  type FulfillmentSink,
  type ChannelReturn,
  type ChannelReturnDisposal,
  type ReturnSink,
  type ReturnSource,
  type ChannelOrder,
  type ChannelOrderQuery,
  type ChannelOrderCreate,
  type ChannelOrderRead,
  type ChannelPage,
  type ChannelStockPair,
  type ChannelStockWrite,
  type ChannelStockWriteResult,
  type ChannelWebhookEvent,
  type ConnectCompletion,
  type ConnectFlow,
  type ConnectResult,
  type ConnectStart,
  type ExportedOrderRef,
  type ExportItemResolution,
  type OrderSink,
  type OrderSource,
  type OrderSourceTraits,
  type RawWebhookRequest,
  type StockSink,
  type StockSinkTraits,
  type WebhookReceiver,
  type WholesaleItemRef,
} from '@gantry/core';
import { credentialsFromTokenResponse, type ShopifyTokenResponse } from './auth/shopify-credentials';
import { isShopDomain } from './common/shop-domain';
import { ShopifyApiProvider } from './common/shopify-api.provider';
import { missingScopes, SHOPIFY_REQUIRED_SCOPES } from './common/shopify-scopes';
import { parseLossless, ShopifyGraphqlClient } from './graphql/shopify-graphql.client';
import { ShopifyFulfillmentClient } from './fulfillments/shopify-fulfillment.client';
import { ShopifyInventoryClient } from './inventory/shopify-inventory.client';
import { ShopifyReturnClient } from './returns/shopify-return.client';
import { ShopifyOrderExportClient } from './exports/shopify-order-export.client';
import { ShopifyOrderClient } from './orders/shopify-order.client';
import { ShopifyStoreSettings } from './settings/shopify-store.settings';

export const SHOPIFY_CHANNEL_KEY = 'shopify';
export const CATALOG_PAGE_SIZE = 250;

const VARIANTS_QUERY = `query CatalogPage($first: Int!, $after: String) {
  productVariants(first: $first, after: $after) {
    nodes { id sku barcode title product { id title } inventoryItem { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export interface VariantNode {
  id: string;
  sku: string | null;
  barcode: string | null;
  title: string;
  product: { id: string; title: string };
  inventoryItem: { id: string } | null;
}

/** A catalog item with the ids the product mapping keeps. */
export interface ShopifyCatalogItem extends ChannelCatalogItem {
  externalProductId: string;
  inventoryItemId: string | null;
}

/**
 * Shopify through the Admin GraphQL API: OAuth connect, HMAC-signed webhooks, the catalog of variants, stock, orders,
 * and wholesale orders exported into it.
 */
@Injectable()
export class ShopifyChannelAdapter
  implements
    ChannelAdapter<ShopifyStoreSettings>,
    ConnectFlow,
    WebhookReceiver,
    CatalogSource,
    StockSink,
    OrderSource,
    FulfillmentSink,
    ReturnSource,
    ReturnSink,
    OrderSink
{
  readonly key = SHOPIFY_CHANNEL_KEY;
  readonly name = 'Shopify';
  readonly capabilities: readonly ChannelCapability[] = [
    'connect-flow',
    'webhook-receiver',
    'catalog-source',
    'stock-sink',
    'order-source',
    'fulfillment-sink',
    'return-source',
    'return-sink',
    'order-sink',
  ];
  readonly settingsClass = ShopifyStoreSettings;
  // 250: Shopify's cap on a mutation's input arrays. changeFromQuantity is its compare-and-set; @idempotent its key.
  readonly stockTraits: StockSinkTraits = { maxBatch: 250, modes: ['absolute', 'delta'], compareAndSet: true, idempotencyKeys: true };
  // Fulfillment orders assign each order's lines to locations.
  readonly orderTraits: OrderSourceTraits = { allocations: true };

  constructor(
    private readonly api: ShopifyApiProvider,
    private readonly graphql: ShopifyGraphqlClient,
    private readonly inventory: ShopifyInventoryClient,
    private readonly orders: ShopifyOrderClient,
    private readonly fulfillments: ShopifyFulfillmentClient,
    private readonly returnClient: ShopifyReturnClient,
    private readonly orderExports: ShopifyOrderExportClient,
  ) {}

  defaultSettings(): ShopifyStoreSettings {
    return new ShopifyStoreSettings();
  }

  // Offline access (no grant_options[]): the connector works without a merchant session.
  beginConnect(input: ConnectStart): Promise<{ authorizeUrl: string }> {
    const params = new URLSearchParams({
      client_id: this.api.apiKey,
      scope: SHOPIFY_REQUIRED_SCOPES.join(','),
      redirect_uri: input.redirectUri,
      state: input.state,
    });
    return Promise.resolve({ authorizeUrl: this.api.browserUrl(input.externalAccountId, `/admin/oauth/authorize?${params.toString()}`) });
  }

  /** Checks the redirect's HMAC and shop, then exchanges the code; the caller has checked state and nonce. */
  async completeConnect(input: ConnectCompletion): Promise<ConnectResult> {
    const query = Object.fromEntries(Object.entries(input.query).filter((e): e is [string, string] => typeof e[1] === 'string'));
    if (!isShopDomain(query.shop) || query.shop !== input.externalAccountId || !query.code) {
      throw new ChannelAdapterException(ChannelErrorCode.INVALID_DATA, 'The callback is not for this shop');
    }
    let valid = false;
    try {
      valid = await this.api.shopify.utils.validateHmac(query);
    } catch {
      valid = false;
    }
    if (!valid) {
      throw new ChannelAdapterException(ChannelErrorCode.INVALID_DATA, 'The callback signature (hmac) is invalid or too old');
    }
    let response: Response;
    try {
      response = await this.api.fetch(this.api.shopUrl(query.shop, '/admin/oauth/access_token'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          client_id: this.api.apiKey,
          client_secret: this.api.apiSecret,
          code: query.code,
          expiring: this.api.expiringTokens ? '1' : '0',
        }),
      });
    } catch (error) {
      throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, `Shopify's token endpoint did not answer: ${String(error)}`, {
        cause: error,
      });
    }
    if (!response.ok) {
      throw new ChannelAdapterException(
        response.status >= 500 ? ChannelErrorCode.TEMPORARY : ChannelErrorCode.INVALID_DATA,
        `Shopify refused the code (HTTP ${response.status})`,
      );
    }
    const credentials = credentialsFromTokenResponse((await response.json()) as ShopifyTokenResponse);
    const scopes = credentials.scope
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return { credentials: { ...credentials }, scopes, missingScopes: missingScopes(scopes) };
  }

  verifyWebhook(request: RawWebhookRequest): boolean {
    const header = request.headers['x-shopify-hmac-sha256'];
    if (!header || !Buffer.isBuffer(request.rawBody)) {
      return false;
    }
    // Compared as base64 text: decoding the header first would accept variants that decode to the same bytes.
    const expected = Buffer.from(createHmac('sha256', this.api.apiSecret).update(request.rawBody).digest('base64'));
    const given = Buffer.from(header);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  parseWebhook(request: RawWebhookRequest): ChannelWebhookEvent {
    const topic = request.headers['x-shopify-topic'];
    const shop = request.headers['x-shopify-shop-domain'];
    if (!topic || !isShopDomain(shop)) {
      throw new ChannelAdapterException(
        ChannelErrorCode.INVALID_DATA,
        'The webhook lacks X-Shopify-Topic or a valid X-Shopify-Shop-Domain',
      );
    }
    let payload: unknown;
    try {
      payload = parseLossless(request.rawBody.toString('utf8'));
    } catch (error) {
      throw new ChannelAdapterException(ChannelErrorCode.INVALID_DATA, 'The webhook body is not JSON', { cause: error });
    }
    return { topic, externalAccountId: shop, eventId: request.headers['x-shopify-webhook-id'] ?? null, payload };
  }

  async fetchCatalog(ctx: ChannelContext, cursor?: string | null): Promise<ChannelPage<ShopifyCatalogItem>> {
    const { data } = await this.graphql.request<{
      productVariants: { nodes: VariantNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    }>(ctx, VARIANTS_QUERY, { first: CATALOG_PAGE_SIZE, after: cursor ?? null });
    const page = data.productVariants;
    return {
      items: page.nodes.map(toCatalogItem),
      nextCursor: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
    };
  }

  pushStock(ctx: ChannelContext, write: ChannelStockWrite): Promise<ChannelStockWriteResult> {
    return this.inventory.write(ctx, write);
  }

  readStock(ctx: ChannelContext, pairs: ChannelStockPair[]): Promise<number[]> {
    return this.inventory.read(ctx, pairs);
  }

  fetchOrders(ctx: ChannelContext, query: ChannelOrderQuery): Promise<ChannelPage<ChannelOrder>> {
    return this.orders.page(ctx, query);
  }

  changedOrders(ctx: ChannelContext, since: Date): AsyncIterable<ChannelOrder[]> {
    return this.orders.changedSince(ctx, since);
  }

  readOrders(ctx: ChannelContext, orderIds: string[], options: { allocations: boolean }): Promise<Map<string, ChannelOrderRead>> {
    return this.orders.read(ctx, orderIds, options.allocations);
  }

  readFulfillments(ctx: ChannelContext, orderExternalIds: string[]): Promise<Map<string, ChannelFulfillmentState>> {
    return this.fulfillments.read(ctx, orderExternalIds);
  }

  createFulfillment(ctx: ChannelContext, request: ChannelFulfillmentCreate): Promise<{ externalId: string }> {
    return this.fulfillments.create(ctx, request);
  }

  updateTracking(ctx: ChannelContext, fulfillmentExternalId: string, tracking: ChannelTracking, notifyCustomer: boolean): Promise<void> {
    return this.fulfillments.updateTracking(ctx, fulfillmentExternalId, tracking, notifyCustomer);
  }

  readReturns(ctx: ChannelContext, returnIds: string[]): Promise<Map<string, ChannelReturn>> {
    return this.returnClient.read(ctx, returnIds);
  }

  openReturns(ctx: ChannelContext): AsyncIterable<string[]> {
    return this.returnClient.open(ctx);
  }

  disposeReturn(ctx: ChannelContext, disposal: ChannelReturnDisposal): Promise<void> {
    return this.returnClient.dispose(ctx, disposal);
  }

  closeReturn(ctx: ChannelContext, returnExternalId: string): Promise<void> {
    return this.returnClient.close(ctx, returnExternalId);
  }

  resolveItems(ctx: ChannelContext, refs: WholesaleItemRef[], channelLocationId: string | null): Promise<ExportItemResolution[]> {
    return this.orderExports.resolveItems(ctx, refs, channelLocationId);
  }

  createOrder(ctx: ChannelContext, order: ChannelOrderCreate): Promise<ExportedOrderRef> {
    return this.orderExports.create(ctx, order);
  }

  findByIdentity(ctx: ChannelContext, identity: string): Promise<ExportedOrderRef[]> {
    return this.orderExports.findByIdentity(ctx, identity);
  }

  readExportedOrders(ctx: ChannelContext, externalIds: string[]): Promise<Map<string, ExportedOrderRef>> {
    return this.orderExports.readExported(ctx, externalIds);
  }
}

/** A variant as the product mapping needs it; blank SKUs and barcodes count as none. */
export function toCatalogItem(v: VariantNode): ShopifyCatalogItem {
  return {
    externalId: v.id,
    externalProductId: v.product.id,
    inventoryItemId: v.inventoryItem?.id ?? null,
    sku: v.sku?.trim() || null,
    barcode: v.barcode?.trim() || null,
    title: v.title && v.title !== 'Default Title' ? `${v.product.title} - ${v.title}` : v.product.title,
  };
}
