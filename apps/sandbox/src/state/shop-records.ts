// Plain, JSON-serialisable records: the whole sandbox state can be saved and loaded as one document.
// Numeric ids are decimal strings because they are deliberately above 2^53.
import type { JoorData } from '../joor/joor-records';

export type PlanName = 'standard' | 'advanced' | 'plus';

export interface MoneyRecord {
  amount: string;
  currencyCode: string;
}

export interface TaxLineRecord {
  title: string;
  rate: string;
  amount: string;
}

export interface LocationRecord {
  id: string;
  name: string;
  isActive: boolean;
  // Set on the location a fulfillment service owns (Location.fulfillmentService, isFulfillmentService).
  fulfillmentServiceId?: string;
  createdAt: string;
  updatedAt: string;
}

/** A third-party fulfillment service and the app that owns it; its fulfillment orders are third-party ones. */
export interface FulfillmentServiceRecord {
  id: string;
  // The app that registered the service: only it may fulfil the service's fulfillment orders (write_assigned_fulfillment_orders).
  apiKey: string;
  name: string;
  handle: string;
  locationId: string;
  callbackUrl: string | null;
  inventoryManagement: boolean;
  trackingSupport: boolean;
  requiresShippingMethod: boolean;
  createdAt: string;
}

export interface ProductRecord {
  id: string;
  title: string;
  handle: string;
  status: 'ACTIVE' | 'ARCHIVED' | 'DRAFT';
  vendor: string;
  productType: string;
  tags: string[];
  variantIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface VariantRecord {
  id: string;
  productId: string;
  title: string;
  sku: string | null;
  barcode: string | null;
  price: string;
  inventoryPolicy: 'CONTINUE' | 'DENY';
  inventoryItemId: string;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface InventoryItemRecord {
  id: string;
  sku: string | null;
  tracked: boolean;
  variantId: string;
  createdAt: string;
  updatedAt: string;
}

export interface InventoryLevelRecord {
  id: string;
  itemId: string;
  locationId: string;
  // Stored states; on_hand is derived from them.
  quantities: Record<string, number>;
  createdAt: string;
  updatedAt: string;
}

export interface InventoryChangeRecord {
  name: string;
  delta: number;
  quantityAfterChange: number;
  itemId: string;
  locationId: string;
  ledgerDocumentUri: string | null;
}

export interface AdjustmentGroupRecord {
  id: string;
  createdAt: string;
  reason: string;
  referenceDocumentUri: string | null;
  changes: InventoryChangeRecord[];
}

export interface CustomerRecord {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface AddressRecord {
  firstName: string | null;
  lastName: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  country: string | null;
  countryCode: string | null;
  zip: string | null;
  phone: string | null;
  company: string | null;
}

export interface LineItemRecord {
  id: string;
  variantId: string | null;
  productId: string | null;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  vendor: string | null;
  // Units ordered, including units later removed by an order edit (Shopify's LineItem.quantity).
  quantity: number;
  // Units after edits; absent until the line is first edited (then it equals quantity).
  currentQuantity?: number;
  price: string;
  taxable: boolean;
  requiresShipping: boolean;
  taxLines: TaxLineRecord[];
  properties: { name: string; value: string }[];
}

export interface OrderRecord {
  id: string;
  number: number;
  name: string;
  email: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  customAttributes: { key: string; value: string }[];
  currency: string;
  financialStatus: string;
  fulfillmentStatus: 'FULFILLED' | 'PARTIALLY_FULFILLED' | 'RESTOCKED' | 'UNFULFILLED';
  customerId: string | null;
  shippingAddress: AddressRecord | null;
  billingAddress: AddressRecord | null;
  lineItems: LineItemRecord[];
  taxLines: TaxLineRecord[];
  shippingLines: { title: string; code: string | null; price: string }[];
  sourceName: string | null;
  sourceIdentifier: string | null;
  poNumber: string | null;
  test: boolean;
  inventoryClaimed: boolean;
  cancelledAt: string | null;
  cancelReason: string | null;
  closedAt: string | null;
  processedAt: string;
  createdAt: string;
  updatedAt: string;
}

/** An open or committed order edit (Shopify's CalculatedOrder); only the staged changes are stored. */
export interface OrderEditRecord {
  id: string;
  orderId: string;
  committed: boolean;
  // Existing line item id → staged quantity.
  changes: Record<string, { quantity: number; restock: boolean }>;
  added: { id: string; variantId: string; quantity: number; locationId: string | null }[];
  createdAt: string;
}

export interface FulfillmentOrderLineRecord {
  id: string;
  lineItemId: string;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface FulfillmentHoldRecord {
  id: string;
  // The app that placed the hold (null: the merchant, through a staff token).
  apiKey: string | null;
  handle: string;
  reason: string;
  reasonNotes: string | null;
  externalId: string | null;
  createdAt: string;
}

export interface FulfillmentOrderRecord {
  id: string;
  orderId: string;
  locationId: string;
  status: 'CANCELLED' | 'CLOSED' | 'IN_PROGRESS' | 'ON_HOLD' | 'OPEN';
  lineItems: FulfillmentOrderLineRecord[];
  // Active holds (optional so that state documents saved before holds still load).
  holds?: FulfillmentHoldRecord[];
  // The status the hold interrupted, restored when the last hold is released.
  statusBeforeHold?: 'IN_PROGRESS' | 'OPEN';
  // The fulfillment order a partial hold split off for the quantities it left out; merged back when the last hold goes.
  holdRemainderId?: string;
  // Closed because its lines were merged into another fulfillment order or moved: Order.fulfillmentOrders(displayable: true) skips it.
  hidden?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TrackingRecord {
  company: string | null;
  number: string | null;
  url: string | null;
}

export interface FulfillmentRecord {
  id: string;
  orderId: string;
  locationId: string;
  name: string;
  status: 'CANCELLED' | 'SUCCESS';
  trackingInfo: TrackingRecord[];
  notifyCustomer: boolean;
  lineItems: { id: string; lineItemId: string; quantity: number }[];
  // The fulfillment orders it fulfilled (absent in state saved before it was recorded).
  fulfillmentOrderIds?: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ReturnLineRecord {
  id: string;
  fulfillmentLineItemId: string;
  quantity: number;
  returnReason: string;
  returnReasonNote: string;
  customerNote: string | null;
}

export interface ReturnRecord {
  id: string;
  orderId: string;
  name: string;
  status: 'CANCELED' | 'CLOSED' | 'DECLINED' | 'OPEN' | 'REQUESTED';
  lineItems: ReturnLineRecord[];
  reverseFulfillmentOrderIds: string[];
  decline?: { reason: string; note: string | null } | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface DispositionRecord {
  id: string;
  type: 'MISSING' | 'NOT_RESTOCKED' | 'PROCESSING_REQUIRED' | 'RESTOCKED';
  quantity: number;
  locationId: string | null;
  createdAt?: string;
}

export interface ReverseFulfillmentOrderRecord {
  id: string;
  returnId: string;
  orderId: string;
  status: 'CANCELED' | 'CLOSED' | 'OPEN';
  lineItems: { id: string; fulfillmentLineItemId: string; totalQuantity: number; dispositions: DispositionRecord[] }[];
}

export interface WebhookSubscriptionRecord {
  id: string;
  apiKey: string;
  topic: string;
  uri: string;
  format: string;
  filter: string | null;
  includeFields: string[];
  name: string | null;
  apiVersion: string;
  createdAt: string;
  updatedAt: string;
}

export interface BulkOperationRecord {
  id: string;
  apiKey: string;
  status: 'CANCELED' | 'COMPLETED' | 'CREATED' | 'FAILED' | 'RUNNING';
  type: 'MUTATION' | 'QUERY';
  query: string;
  errorCode: string | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  jsonl: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface IdempotencyRecord {
  fingerprint: string;
  payload: unknown;
}

export interface FaultSettings {
  /** Share of calls answered 503 or cut (reset) before they execute: nothing is applied. */
  errorRate: number;
  /**
   * Share of executed calls whose answer is lost: the call is applied (a mutation's effects stay), then answered 503
   * or cut, as when Shopify or a proxy on the way times out after the work is done. Throttled calls are not affected.
   */
  errorAfterRate: number;
  latencyMs: number;
  /** true: every call is throttled; false: the plan's cost bucket applies; 'off': cost is reported but never enforced (benchmarks). */
  throttle: boolean | 'off';
  dropWebhooks: number;
  duplicateWebhooks: number;
  reorderWebhooks: boolean;
  /** Shopify "may temporarily reduce API rate limits": the plan's bucket and restore rate × this (0 < x ≤ 1). */
  rateLimitScale: number;
}

export interface InstallationRecord {
  apiKey: string;
  scopes: string[];
  installedAt: string;
}

export interface ShopData {
  domain: string;
  name: string;
  plan: PlanName;
  primaryApiKey: string;
  currency: string;
  createdAt: string;
  orderNumber: number;
  locations: Record<string, LocationRecord>;
  // Optional so that state documents saved before fulfillment services still load.
  fulfillmentServices?: Record<string, FulfillmentServiceRecord>;
  products: Record<string, ProductRecord>;
  variants: Record<string, VariantRecord>;
  inventoryItems: Record<string, InventoryItemRecord>;
  levels: Record<string, InventoryLevelRecord>;
  adjustmentGroups: Record<string, AdjustmentGroupRecord>;
  customers: Record<string, CustomerRecord>;
  orders: Record<string, OrderRecord>;
  fulfillmentOrders: Record<string, FulfillmentOrderRecord>;
  // Optional so that state documents saved before order editing still load.
  orderEdits?: Record<string, OrderEditRecord>;
  fulfillments: Record<string, FulfillmentRecord>;
  returns: Record<string, ReturnRecord>;
  reverseFulfillmentOrders: Record<string, ReverseFulfillmentOrderRecord>;
  webhookSubscriptions: Record<string, WebhookSubscriptionRecord>;
  bulkOperations: Record<string, BulkOperationRecord>;
  idempotency: Record<string, IdempotencyRecord>;
  installations: Record<string, InstallationRecord>;
  faults: FaultSettings;
}

export interface AppRecord {
  apiKey: string;
  apiSecret: string;
}

export interface TokenRecord {
  token: string;
  shop: string;
  apiKey: string;
  staff: boolean;
  scopes: string[];
  expiresAt: number | null;
}

export interface RefreshTokenRecord {
  token: string;
  shop: string;
  apiKey: string;
  scopes: string[];
  expiresAt: number;
}

export interface OAuthCodeRecord {
  code: string;
  shop: string;
  apiKey: string;
  scopes: string[];
  expiresAt: number;
}

export interface SandboxData {
  nextId: string;
  apps: Record<string, AppRecord>;
  shops: Record<string, ShopData>;
  tokens: Record<string, TokenRecord>;
  refreshTokens: Record<string, RefreshTokenRecord>;
  oauthCodes: Record<string, OAuthCodeRecord>;
  /** The JOOR stand-in's accounts and orders. */
  joor: JoorData;
}
