import type { LoggerService } from '@nestjs/common';
import type { ChannelCapability } from './channel-capability';

/** Decrypted credentials of one store, as the adapter's connect flow produced them. */
export type ChannelCredentials = Readonly<Record<string, unknown>>;

/**
 * Everything an adapter call knows about the connection it works for. Built per call by the framework:
 * adapters keep no per-store state and build any client from this context.
 */
export interface ChannelContext<TSettings extends object = object> {
  storeId: string;
  /** The account on the channel, e.g. the shop domain. */
  externalAccountId: string;
  credentials: ChannelCredentials;
  /** The store's settings, validated through the adapter's `settingsClass`. */
  settings: TSettings;
  logger: LoggerService;
  /**
   * How long one call may wait for the channel's own pacing (its rate-limit budget) before it is given up, unsent, as
   * RATE_LIMITED with `retryAfterMs` and `details.pacedLocally: true` (no failed call: nothing reached the channel). A flow that holds a shared worker slot sets it, so that one store's throttling
   * never holds up another store's work. Unset: the call waits as long as the pacing needs.
   */
  maxPacingWaitMs?: number;
}

/** One page of a paged read; `nextCursor` is null on the last page. */
export interface ChannelPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ChannelCatalogItem {
  /** The sellable unit on the channel (a variant on Shopify). */
  externalId: string;
  externalProductId?: string;
  sku: string | null;
  barcode?: string | null;
  title: string;
}

export type StockSyncMode = 'absolute' | 'delta';

/** What a stock sink can do; the engine batches, keys and checks writes accordingly. */
export interface StockSinkTraits {
  /** Most lines one write may carry. */
  maxBatch: number;
  /** The write kinds it accepts: absolute sets a value, delta applies a change. */
  modes: readonly StockSyncMode[];
  /** An absolute line may carry the value we believe the channel holds; the channel refuses the line when it differs. */
  compareAndSet: boolean;
  /** A write carries a key and the channel applies a write it has seen under that key once. */
  idempotencyKeys: boolean;
}

/** One stock quantity on a channel: a stock item at a channel location. */
export interface ChannelStockPair {
  channelItemId: string;
  channelLocationId: string;
}

export interface ChannelStockLine extends ChannelStockPair {
  /** absolute: the value to set. */
  quantity: number;
  /** absolute with compare-and-set: the value we believe the channel holds; null skips the check (unknown). */
  expected: number | null;
  /** delta: the change to apply. */
  delta: number;
}

/** One write of up to `maxBatch` lines. */
export interface ChannelStockWrite {
  mode: StockSyncMode;
  lines: ChannelStockLine[];
  /** The same for every re-send of this write (sinks with `idempotencyKeys` pass it to the channel). */
  idempotencyKey: string;
  /** Our reference of the write (e.g. for the channel's audit trail). */
  reference: string;
}

/**
 * The channel's answer for one line. `stale`: compare-and-set refused it, nothing of it applied; `not-applied`: the
 * channel applied nothing of it because of another line of the write (it goes again); `failed`: refused for itself.
 * `channelQuantity` is what the channel holds now, when it said so.
 */
export type ChannelStockLineResult =
  | { status: 'applied'; channelQuantity: number | null }
  | { status: 'stale'; channelQuantity: number | null }
  | { status: 'not-applied'; reason: string }
  | { status: 'failed'; reason: string };

export interface ChannelStockWriteResult {
  /** One result per line, in the order of the write's lines. */
  lines: ChannelStockLineResult[];
  /** What the call cost on the channel's rate limit, when it says so. */
  cost?: number | null;
}

export interface ChannelOrderLine {
  /** The channel's line id: a line keeps it across edits. */
  externalLineId: string;
  /** The channel's sellable unit (a variant on Shopify), when the line has one; matched through the product mapping. */
  channelItemId: string | null;
  sku: string | null;
  /** What is to be fulfilled now, after edits and removals (0 for a removed line). */
  quantity: number;
  title: string | null;
}

/** An order as the channel states it now; JSON-safe (dates as ISO strings) because the engine stores it as is. */
export interface ChannelOrder {
  externalId: string;
  externalNumber: string | null;
  createdAt: string;
  /** The channel's version of the order: an older state never overwrites a newer one. */
  updatedAt: string;
  cancelledAt: string | null;
  /** The channel's own words, matched by the store's order filters (e.g. Shopify's enum values). */
  status: string;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  tags: string[];
  lines: ChannelOrderLine[];
  shippingAddress: Record<string, unknown> | null;
}

/**
 * A part of an order the channel assigned to one of its locations (a fulfillment order on Shopify). Only channels
 * whose `orderTraits.allocations` is true have them; the engine routes each to its location's warehouse.
 */
export interface ChannelOrderAllocation {
  externalId: string;
  channelLocationId: string | null;
  /** False once the channel closed or cancelled it: nothing of it is left to fulfil. */
  open: boolean;
  /**
   * `allocationLineId`: the channel's id of the line within the allocation (a fulfillment order line item), which a
   * fulfillment names; `openQuantity`: what was still unfulfilled on it when read. Both absent on channels without them.
   */
  lines: { externalLineId: string; quantity: number; allocationLineId?: string; openQuantity?: number }[];
}

export interface ChannelOrderRead {
  order: ChannelOrder;
  /** null when not asked for or the channel has none. */
  allocations: ChannelOrderAllocation[] | null;
}

export interface OrderSourceTraits {
  /** The channel assigns each order's lines to its locations (see `readAllocations`). */
  allocations: boolean;
}

export interface ChannelOrderQuery {
  /** Orders changed at or after this moment (reconciliation). */
  updatedSince?: Date | null;
  /** Orders created at or after this moment (filter preview). */
  createdSince?: Date | null;
  cursor?: string | null;
}

/** A parcel's tracking as the warehouse states it; `carrier` in the warehouse's words (the sink maps it). */
export interface ChannelTracking {
  carrier: string | null;
  /** One per parcel, in order. */
  numbers: string[];
  /** Tracking pages, aligned with `numbers` (null where the carrier's own page should be used). */
  urls: (string | null)[];
}

/** How the channel sees an allocation now (a Shopify fulfillment order), for fulfilling it. */
export interface ChannelAllocationState {
  externalId: string;
  channelLocationId: string | null;
  /** `open`: lines can be fulfilled; `on_hold`: held on the channel's side; `closed`/`cancelled`: nothing more to fulfil. */
  status: 'open' | 'on_hold' | 'closed' | 'cancelled' | 'other';
  /** The channel's words when it is not open (a hold's reason, the raw status). */
  detail: string | null;
  lines: { allocationLineId: string; externalLineId: string; openQuantity: number }[];
}

/** A fulfillment the channel holds for an order. */
export interface ChannelFulfillmentRecord {
  externalId: string;
  trackingNumbers: string[];
  /** Per order line, what it fulfilled. */
  lines: { externalLineId: string; quantity: number }[];
  cancelled: boolean;
}

/** One order as a fulfillment sink sees it: its allocations (only those the connector may fulfil) and fulfillments. */
export interface ChannelFulfillmentState {
  orderExternalId: string;
  allocations: ChannelAllocationState[];
  fulfillments: ChannelFulfillmentRecord[];
}

/** One fulfillment to create: lines of allocations at one channel location. */
export interface ChannelFulfillmentCreate {
  orderExternalId: string;
  /** Per allocation, the lines and quantities to fulfil. */
  allocations: { allocationId: string; lines: { allocationLineId: string; quantity: number }[] }[];
  tracking: ChannelTracking;
  notifyCustomer: boolean;
  /** Our shipment's id, for logs only: the channel has no idempotency key for this. */
  reference: string;
}

export type ChannelReturnStatus = 'requested' | 'open' | 'declined' | 'cancelled' | 'closed';

/** One line of a return: what the customer sends back of one order line. */
export interface ChannelReturnLine {
  /** The channel's return line id: the warehouse return's line keeps it. */
  externalLineId: string;
  /** The order line it returns. */
  orderLineExternalId: string;
  sku: string | null;
  quantity: number;
  /** The channel's reason code and the customer's words. */
  reason: string | null;
  note: string | null;
  /** Where the order line was fulfilled from (the return goes back to that location's warehouse). */
  channelLocationId: string | null;
}

/**
 * What the channel expects to be disposed of a return: a line of its reverse fulfillment (Shopify: a reverse
 * fulfillment order line item), with what was disposed of it so far.
 */
export interface ChannelReturnDisposalLine {
  disposalLineId: string;
  /** The reverse fulfillment it belongs to: one disposal call covers lines of one group (Shopify refuses more). */
  groupId: string;
  /** The return line it belongs to. */
  returnLineExternalId: string;
  totalQuantity: number;
  restocked: number;
  /** Disposed any other way (not restocked, missing, processing). */
  notRestocked: number;
  /** False once its reverse fulfillment is closed or cancelled: nothing more can be disposed of it. */
  open: boolean;
}

/** A return as the channel states it now. */
export interface ChannelReturn {
  externalId: string;
  externalName: string | null;
  orderExternalId: string;
  status: ChannelReturnStatus;
  lines: ChannelReturnLine[];
  disposal: ChannelReturnDisposalLine[];
}

/** What the warehouse received of a return, to be recorded on the channel line by line. */
export interface ChannelReturnDisposal {
  returnExternalId: string;
  lines: { disposalLineId: string; quantity: number; restock: boolean; channelLocationId: string | null }[];
}

/** A postal address in channel-neutral words; `countryCode` is ISO 3166-1 alpha-2. */
export interface ChannelAddress {
  name: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  zip: string | null;
  country: string | null;
  countryCode: string | null;
  phone: string | null;
}

/**
 * How a wholesale source names a sellable unit. The sink resolves it in its own order of precedence (Shopify: the UPC
 * as a variant id, then as a barcode, then the style identifier as a product id with colour and size, then the SKU).
 */
export interface WholesaleItemRef {
  upc: string | null;
  styleIdentifier: string | null;
  styleNumber: string | null;
  sku: string | null;
  color: string | null;
  size: string | null;
}

export interface WholesaleOrderLine {
  /** Stable within the order (a source without line ids numbers them). */
  externalLineId: string;
  item: WholesaleItemRef;
  name: string;
  quantity: number;
  /** The wholesale price of one unit, adjustments included, as a decimal string in the order's currency. */
  unitPrice: string;
  comment: string | null;
}

/** A labelled fact of a wholesale order that an export may quote in the note and note attributes. */
export interface WholesaleOrderDetail {
  label: string;
  value: string;
}

/** An approved wholesale order as the B2B source states it (JSON-safe: the engine keeps it as exported). */
export interface WholesaleOrder {
  externalId: string;
  /** Changes whenever the order changes on the source. */
  modifiedAt: string;
  approvedAt: string | null;
  createdAt: string | null;
  /** The retailer's purchase order number. */
  poNumber: string | null;
  /** ISO 4217. */
  currency: string;
  customer: {
    code: string | null;
    email: string | null;
    firstName: string | null;
    lastName: string | null;
    company: string | null;
    phone: string | null;
  };
  shippingAddress: ChannelAddress | null;
  billingAddress: ChannelAddress | null;
  /** null or "0" when free. */
  shippingTotal: string | null;
  shippingMethod: string | null;
  comments: string | null;
  /**
   * Facts by a stable key (`paymentTerms`, `shippingMethod`, `linesheet`, `shipWindow`, `season`, `salesRep`, ...):
   * the store's `noteFields` setting picks which of them enrich the note.
   */
  details: Record<string, WholesaleOrderDetail>;
  /** Words the source suggests as tags (season, delivery). */
  tags: string[];
  lines: WholesaleOrderLine[];
}

/** How a sink holds stock against an exported order: claim it obeying each item's policy, always, or not at all. */
export type ExportInventoryBehaviour = 'decrement_obeying_policy' | 'decrement_ignoring_policy' | 'bypass';

/** One line of an order to create on a sink, its item already resolved. */
export interface ChannelOrderCreateLine {
  channelItemId: string;
  quantity: number;
  unitPrice: string;
  title: string;
  properties: { name: string; value: string }[];
}

/** An order the engine creates on a sink (a JOOR order as a Shopify order). */
export interface ChannelOrderCreate {
  /**
   * Our identity of this export (source account, order and export generation). The sink stores it where
   * `findByIdentity` finds it: the sink has no idempotency key, so an unknown outcome is settled by that lookup.
   */
  identity: string;
  name: string | null;
  sourceName: string;
  poNumber: string | null;
  currency: string;
  processedAt: string | null;
  email: string | null;
  customer: { email: string; firstName: string | null; lastName: string | null; phone: string | null; company: string | null } | null;
  shippingAddress: ChannelAddress | null;
  billingAddress: ChannelAddress | null;
  lines: ChannelOrderCreateLine[];
  shipping: { title: string; price: string } | null;
  /** A tax applied to every line (the store's default for the billing country). */
  tax: { title: string; rate: string } | null;
  note: string | null;
  attributes: { key: string; value: string }[];
  tags: string[];
  /** Mark the order fulfilled; with a location, fulfilled from that location. */
  fulfilled: boolean;
  channelLocationId: string | null;
  inventoryBehaviour: ExportInventoryBehaviour;
}

/** An order a sink holds for an export. */
export interface ExportedOrderRef {
  externalId: string;
  name: string | null;
  cancelled: boolean;
  /** The export identity it carries (see `ChannelOrderCreate.identity`), when it carries one. */
  identity: string | null;
}

/** How a sink reads one item reference: its item, and the units available (null when the sink does not track it). */
export interface ExportItemResolution {
  channelItemId: string | null;
  available: number | null;
}

/** A webhook as it reached us: the raw bytes (signatures cover them) and the headers, lower-cased. */
export interface RawWebhookRequest {
  rawBody: Buffer;
  headers: Readonly<Record<string, string | undefined>>;
}

export interface ChannelWebhookEvent {
  topic: string;
  /** Which store it is for: the framework finds the store by this. */
  externalAccountId: string;
  /** The channel's delivery id, for de-duplication. */
  eventId: string | null;
  payload: unknown;
}

export interface ConnectStart {
  storeId: string;
  externalAccountId: string;
  /** Opaque value the adapter must round-trip (OAuth `state`). */
  state: string;
  redirectUri: string;
}

export interface ConnectCompletion {
  externalAccountId: string;
  /** The query of the redirect back from the channel. */
  query: Readonly<Record<string, string | undefined>>;
}

export interface ConnectResult {
  credentials: ChannelCredentials;
  scopes: string[];
  missingScopes: string[];
  accountName?: string;
}

/**
 * A sales channel. Implementations are Nest providers added under `CHANNEL_ADAPTERS`
 * (see `channelAdapterProviders`) and implement the capability interfaces they declare.
 */
export interface ChannelAdapter<TSettings extends object = object> {
  /** Stable identifier, stored in the database: never rename. */
  readonly key: string;
  /** Human-readable name, e.g. "Shopify". */
  readonly name: string;
  readonly capabilities: readonly ChannelCapability[];
  /** class-validator class of the store settings; the framework validates every change against it. */
  readonly settingsClass: new () => TSettings;
  /** Settings of a newly connected store. */
  defaultSettings(): TSettings;
}

/** Reads the channel's products, page by page. */
export interface CatalogSource {
  fetchCatalog(ctx: ChannelContext, cursor?: string | null): Promise<ChannelPage<ChannelCatalogItem>>;
}

/**
 * Accepts stock from the warehouse; driven by the stock engine in libs/core (flows/stock). The store's settings carry
 * `stockSync` (`StockSyncSettings`). Whole-call failures are thrown as `ChannelAdapterException`; per-line answers
 * come back in the result.
 */
export interface StockSink {
  readonly stockTraits: StockSinkTraits;
  /** Sends one write; never retries (the engine does, under the same key). */
  pushStock(ctx: ChannelContext, write: ChannelStockWrite): Promise<ChannelStockWriteResult>;
  /** The channel's current quantity of each pair, in order; a pair the channel does not stock reads as 0. */
  readStock(ctx: ChannelContext, pairs: ChannelStockPair[]): Promise<number[]>;
}

/**
 * Hands over orders to fulfil; driven by the order engine in libs/core (flows/orders). Webhooks only say which order
 * changed; the engine keeps the newest state and decides. The store's settings carry `orderFilters`.
 */
export interface OrderSource {
  readonly orderTraits: OrderSourceTraits;
  /** A page of orders, oldest change first. */
  fetchOrders(ctx: ChannelContext, query: ChannelOrderQuery): Promise<ChannelPage<ChannelOrder>>;
  /**
   * Every order changed at or after `since`, in batches, read the cheapest way the channel has for the volume (Shopify:
   * pages for a few, a bulk export for many). An order may come twice.
   */
  changedOrders(ctx: ChannelContext, since: Date): AsyncIterable<ChannelOrder[]>;
  /**
   * The current state of these orders, with their allocations when asked (and the channel has them), in as few calls
   * as the channel allows. An order the channel does not know is absent from the map.
   */
  readOrders(ctx: ChannelContext, orderIds: string[], options: { allocations: boolean }): Promise<Map<string, ChannelOrderRead>>;
}

/**
 * Accepts shipments for orders it handed over; driven by the fulfillment engine in libs/core (flows/fulfillments). The
 * channel has no idempotency key for a fulfillment, so the engine reads `readFulfillments` before any resend whose
 * outcome is unknown. A refusal of the request itself (the allocation is closed, held, moved) is thrown as
 * `ChannelAdapterException(INVALID_DATA)`; the engine then reads and decides.
 */
export interface FulfillmentSink {
  /** The state of these orders, in as few calls as the channel allows; an order the channel does not know is absent. */
  readFulfillments(ctx: ChannelContext, orderExternalIds: string[]): Promise<Map<string, ChannelFulfillmentState>>;
  createFulfillment(ctx: ChannelContext, request: ChannelFulfillmentCreate): Promise<{ externalId: string }>;
  /** Replaces the tracking of a fulfillment (changed or added parcels). */
  updateTracking(ctx: ChannelContext, fulfillmentExternalId: string, tracking: ChannelTracking, notifyCustomer: boolean): Promise<void>;
}

/**
 * Hands over customer returns; driven by the return engine in libs/core (flows/returns). Webhooks only say which return
 * changed; the engine reads its current state (returns carry no version to order notices by).
 */
export interface ReturnSource {
  /** The current state of these returns, in as few calls as the channel allows; an unknown return is absent. */
  readReturns(ctx: ChannelContext, returnIds: string[]): Promise<Map<string, ChannelReturn>>;
  /**
   * Ids of the returns still in progress on the channel (requested or open), in batches: what reconciliation reads to
   * find returns whose notices were lost. (Shopify does not change an order's updatedAt for its returns.)
   */
  openReturns(ctx: ChannelContext): AsyncIterable<string[]>;
}

/**
 * Records on the channel what the warehouse received of a return. There is no idempotency key: the engine reads the
 * return (`ReturnSource.readReturns`) right before and sends only what the channel does not show yet.
 */
export interface ReturnSink {
  disposeReturn(ctx: ChannelContext, disposal: ChannelReturnDisposal): Promise<void>;
  /** Marks the return complete on the channel. */
  closeReturn(ctx: ChannelContext, returnExternalId: string): Promise<void>;
}

/** A page of pending wholesale orders, with the orders of the page the source adapter could not read (and why). */
export interface WholesaleOrderPage extends ChannelPage<WholesaleOrder> {
  rejected: { externalId: string | null; reason: string }[];
}

/**
 * Hands over approved wholesale orders; driven by the export engine in libs/core (flows/exports). Reading never marks
 * anything: the engine marks an order exported only after the sink confirmed its creation, so a crash in between
 * neither loses nor duplicates it.
 */
export interface WholesaleOrderSource {
  /** Approved orders the source has not seen exported, page by page (`cursor` null for the first page). */
  pendingOrders(ctx: ChannelContext, cursor: string | null): Promise<WholesaleOrderPage>;
  /** One order as the source states it now, whatever its export state (a re-export reads it fresh); null when unknown. */
  readOrder(ctx: ChannelContext, externalId: string): Promise<WholesaleOrder | null>;
  /** Records on the source that the order was exported; idempotent. */
  markExported(ctx: ChannelContext, externalId: string): Promise<void>;
}

/**
 * Creates orders exported from a wholesale source. There is no idempotency key: the engine records its intent first
 * and, after an unknown outcome, looks the order up by its identity before sending again.
 */
export interface OrderSink {
  /** Each reference's item and available units (at that location when given, else over the sink's locations). */
  resolveItems(ctx: ChannelContext, refs: WholesaleItemRef[], channelLocationId: string | null): Promise<ExportItemResolution[]>;
  /** A refusal of the order itself is thrown as `ChannelAdapterException(INVALID_DATA)` with the sink's words. */
  createOrder(ctx: ChannelContext, order: ChannelOrderCreate): Promise<ExportedOrderRef>;
  /** The orders the sink holds under this identity (normally none or one). */
  findByIdentity(ctx: ChannelContext, identity: string): Promise<ExportedOrderRef[]>;
  /** The current state of these orders; an unknown order is absent. */
  readExportedOrders(ctx: ChannelContext, externalIds: string[]): Promise<Map<string, ExportedOrderRef>>;
}

/** Receives webhooks; verification runs before any store is known, so it takes no context. */
export interface WebhookReceiver {
  /** True when the request is authentic (e.g. its HMAC matches). Must not throw for a bad signature. */
  verifyWebhook(request: RawWebhookRequest): boolean;
  /** Reads a verified request; throws `ChannelAdapterException(INVALID_DATA)` when it cannot. */
  parseWebhook(request: RawWebhookRequest): ChannelWebhookEvent;
}

/** Connects a store to an account on the channel (OAuth or a key exchange). */
export interface ConnectFlow {
  /** Where to send the browser to grant access. */
  beginConnect(input: ConnectStart): Promise<{ authorizeUrl: string }>;
  /** Verifies the redirect back and exchanges it for credentials. */
  completeConnect(input: ConnectCompletion): Promise<ConnectResult>;
}
