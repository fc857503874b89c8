import { Gid } from '../common/gid';
import { ConnectionBuilder } from '../graphql/connection.builder';
import { Money } from '../common/money';
import { FulfillmentServiceRegistry } from '../state/fulfillment-service.registry';
import type { FulfillmentHoldRecord, FulfillmentOrderRecord, FulfillmentRecord, FulfillmentServiceRecord } from '../state/shop-records';
import type { CatalogViews } from './catalog.views';
import { FulfillmentOrderAccess } from './fulfillment-order-access';
import { OrderViews } from './order.views';
import type { Args, ResolverContext } from './resolver-context';

// FulfillmentHold.displayReason as the admin words it (OTHER and AWAITING_RETURN_ITEMS as captured from Shopify).
const DISPLAY_REASONS: Record<string, string> = {
  AWAITING_PAYMENT: 'Awaiting payment',
  AWAITING_RETURN_ITEMS: 'Exchange items awaiting return delivery',
  HIGH_RISK_OF_FRAUD: 'High risk of fraud',
  INCORRECT_ADDRESS: 'Incorrect address',
  INVENTORY_OUT_OF_STOCK: 'Inventory out of stock',
  ONLINE_STORE_POST_PURCHASE_CROSS_SELL: 'Online store post purchase cross sell',
  OTHER: 'Other',
  UNKNOWN_DELIVERY_DATE: 'Unknown delivery date',
};

const ACTIVE = new Set(['OPEN', 'IN_PROGRESS', 'ON_HOLD']);

/** GraphQL view objects for fulfillment orders, their holds, fulfillments and fulfillment services. */
export class FulfillmentOrderViews {
  readonly access: FulfillmentOrderAccess;

  constructor(
    private readonly ctx: ResolverContext,
    private readonly catalog: CatalogViews,
    private readonly orders: OrderViews,
  ) {
    this.access = new FulfillmentOrderAccess(ctx);
  }

  static isActive(fo: FulfillmentOrderRecord): boolean {
    return ACTIVE.has(fo.status);
  }

  /** Search fields of the fulfillmentOrders query and Order.fulfillmentOrders(query:). */
  static fields(fo: FulfillmentOrderRecord): (f: string) => string | null {
    return (f) =>
      f === 'status'
        ? fo.status.toLowerCase()
        : f === 'assigned_location_id'
          ? fo.locationId
          : f === 'updated_at'
            ? fo.updatedAt
            : f === 'id'
              ? fo.id
              : null;
  }

  /** The order's fulfillment orders this token may see, in id order. */
  visibleOfOrder(orderId: string): FulfillmentOrderRecord[] {
    return ConnectionBuilder.byId(this.ofOrder(orderId).filter((fo) => this.access.visible(fo)));
  }

  /**
   * An order's fulfillment orders (any access), through an index built once per request: a bulk export of 10,000
   * orders would otherwise scan every fulfillment order of the shop per order. Records are live (statuses read now);
   * the index is rebuilt when the store handed out ids since (a new fulfillment order is one of them).
   */
  ofOrder(orderId: string): FulfillmentOrderRecord[] {
    const version = this.ctx.store.raw.nextId;
    if (!this.index || this.index.version !== version) {
      const byOrder = new Map<string, FulfillmentOrderRecord[]>();
      for (const fo of Object.values(this.ctx.shop.fulfillmentOrders)) {
        const list = byOrder.get(fo.orderId) ?? [];
        list.push(fo);
        byOrder.set(fo.orderId, list);
      }
      this.index = { version, byOrder };
    }
    return this.index.byOrder.get(orderId) ?? [];
  }

  private index: { version: string; byOrder: Map<string, FulfillmentOrderRecord[]> } | null = null;

  supportedActions(fo: FulfillmentOrderRecord): Record<string, unknown>[] {
    const remaining = fo.lineItems.reduce((acc, l) => acc + l.remainingQuantity, 0);
    const split = remaining > 1 ? ['SPLIT'] : [];
    let actions: string[] = [];
    if (fo.status === 'ON_HOLD') {
      actions = ['RELEASE_HOLD', 'HOLD', 'MOVE'];
    } else if (fo.status === 'OPEN' || fo.status === 'IN_PROGRESS') {
      if (this.access.kind(fo.locationId) === 'THIRD_PARTY') {
        // As captured for a fulfillment service's fulfillment order; CREATE_FULFILLMENT only for who may fulfil it.
        const create = this.access.canFulfill(fo.locationId) ? ['CREATE_FULFILLMENT'] : [];
        actions = ['REQUEST_FULFILLMENT', ...create, 'HOLD', ...split, 'MOVE'];
      } else if (fo.status === 'OPEN') {
        actions = ['CREATE_FULFILLMENT', 'REPORT_PROGRESS', 'MOVE', 'HOLD', ...split];
      } else {
        actions = ['CREATE_FULFILLMENT', 'MOVE', 'HOLD', ...split];
      }
    }
    return actions.map((action) => ({ __typename: 'FulfillmentOrderSupportedAction', action, externalUrl: null }));
  }

  hold(h: FulfillmentHoldRecord): Record<string, unknown> {
    return {
      __typename: 'FulfillmentHold',
      id: Gid.of('FulfillmentHold', h.id),
      handle: h.handle,
      reason: h.reason,
      reasonNotes: h.reasonNotes,
      displayReason: DISPLAY_REASONS[h.reason] ?? h.reason,
      // Apps are not modelled (and the field needs read_apps, which the access check enforces).
      heldByApp: () => null,
      heldByRequestingApp: !this.ctx.token.staff && h.apiKey === this.ctx.token.apiKey,
    };
  }

  fulfillmentOrder(fo: FulfillmentOrderRecord): Record<string, unknown> {
    const order = this.ctx.shop.orders[fo.orderId];
    const location = this.ctx.shop.locations[fo.locationId];
    return {
      __typename: 'FulfillmentOrder',
      id: Gid.of('FulfillmentOrder', fo.id),
      status: fo.status,
      requestStatus: 'UNSUBMITTED',
      orderId: Gid.of('Order', fo.orderId),
      orderName: order?.name ?? '',
      orderProcessedAt: order?.processedAt ?? fo.createdAt,
      createdAt: fo.createdAt,
      updatedAt: fo.updatedAt,
      fulfillAt: fo.createdAt,
      fulfillBy: null,
      channelId: null,
      fulfillmentHolds: (fo.holds ?? []).map((h) => this.hold(h)),
      destination: order?.shippingAddress
        ? {
            __typename: 'FulfillmentOrderDestination',
            id: Gid.of('FulfillmentOrderDestination', fo.id),
            ...order.shippingAddress,
            email: order.email,
          }
        : null,
      supportedActions: () => this.supportedActions(fo),
      assignedLocation: {
        __typename: 'FulfillmentOrderAssignedLocation',
        name: location?.name ?? '',
        countryCode: 'US',
        address1: null,
        address2: null,
        city: null,
        province: null,
        zip: null,
        phone: null,
        location: location ? () => this.catalog.location(location) : null,
      },
      order: order ? () => this.orders.order(order) : null,
      fulfillments: (args: Args) =>
        this.catalog.connection(
          ConnectionBuilder.byId(Object.values(this.ctx.shop.fulfillments).filter((f) => this.fulfillmentOrderIdsOf(f).includes(fo.id))),
          args,
          (f) => this.fulfillment(f),
        ),
      lineItems: (args: Args) =>
        this.catalog.connection(fo.lineItems, args, (l) => {
          const li = order?.lineItems.find((x) => x.id === l.lineItemId);
          const variant = li?.variantId ? this.ctx.shop.variants[li.variantId] : undefined;
          return {
            __typename: 'FulfillmentOrderLineItem',
            id: Gid.of('FulfillmentOrderLineItem', l.id),
            totalQuantity: l.totalQuantity,
            remainingQuantity: l.remainingQuantity,
            sku: li?.sku ?? null,
            productTitle: li?.title ?? '',
            variantTitle: li?.variantTitle ?? null,
            vendor: li?.vendor ?? null,
            requiresShipping: li?.requiresShipping ?? true,
            inventoryItemId: variant ? Gid.of('InventoryItem', variant.inventoryItemId) : null,
            variant: variant ? () => this.catalog.variant(variant) : null,
            lineItem: li ? () => this.orders.lineItem(li, OrderViews.fulfilledByLine(this.ctx, fo.orderId).get(li.id) ?? 0, []) : null,
            warnings: [],
          };
        }),
    };
  }

  /** Older state did not record the fulfillment orders of a fulfillment: same order and location then. */
  fulfillmentOrderIdsOf(f: FulfillmentRecord): string[] {
    return (
      f.fulfillmentOrderIds ??
      Object.values(this.ctx.shop.fulfillmentOrders)
        .filter((fo) => fo.orderId === f.orderId && fo.locationId === f.locationId)
        .map((fo) => fo.id)
    );
  }

  fulfillment(f: FulfillmentRecord): Record<string, unknown> {
    const order = this.ctx.shop.orders[f.orderId];
    const location = this.ctx.shop.locations[f.locationId];
    const service = new FulfillmentServiceRegistry(this.ctx.store, this.ctx.shop).ofLocation(f.locationId);
    return {
      __typename: 'Fulfillment',
      id: Gid.of('Fulfillment', f.id),
      legacyResourceId: f.id,
      name: f.name,
      status: f.status,
      displayStatus: f.status === 'SUCCESS' ? 'FULFILLED' : 'CANCELED',
      createdAt: f.createdAt,
      updatedAt: f.updatedAt,
      deliveredAt: null,
      estimatedDeliveryAt: null,
      inTransitAt: null,
      requiresShipping: true,
      trackingInfo: (args: Args) => f.trackingInfo.slice(0, typeof args.first === 'number' ? args.first : undefined),
      totalQuantity: f.lineItems.reduce((acc, l) => acc + l.quantity, 0),
      location: location ? () => this.catalog.location(location) : null,
      service: service ? () => this.service(service) : null,
      order: order ? () => this.orders.order(order) : null,
      fulfillmentLineItems: (args: Args) => this.catalog.connection(f.lineItems, args, (l) => this.fulfillmentLineItem(f, l)),
      fulfillmentOrders: (args: Args) =>
        this.catalog.connection(
          ConnectionBuilder.byId(this.fulfillmentOrderIdsOf(f).flatMap((id) => this.ctx.shop.fulfillmentOrders[id] ?? [])).filter((fo) =>
            this.access.visible(fo),
          ),
          args,
          (fo) => this.fulfillmentOrder(fo),
        ),
    };
  }

  fulfillmentLineItem(f: FulfillmentRecord, l: FulfillmentRecord['lineItems'][number]): Record<string, unknown> {
    const li = this.ctx.shop.orders[f.orderId]?.lineItems.find((x) => x.id === l.lineItemId);
    return {
      __typename: 'FulfillmentLineItem',
      id: Gid.of('FulfillmentLineItem', l.id),
      quantity: l.quantity,
      originalTotalSet: Money.bag(Money.format(Number(li?.price ?? 0) * l.quantity), this.ctx.shop.currency),
      lineItem: li ? () => this.orders.lineItem(li, 0, []) : null,
    };
  }

  service(s: FulfillmentServiceRecord): Record<string, unknown> {
    const location = this.ctx.shop.locations[s.locationId];
    return {
      __typename: 'FulfillmentService',
      // Shopify's ids of fulfillment services carry this query suffix.
      id: `${Gid.of('FulfillmentService', s.id)}?id=true`,
      handle: s.handle,
      serviceName: s.name,
      callbackUrl: s.callbackUrl,
      inventoryManagement: s.inventoryManagement,
      trackingSupport: s.trackingSupport,
      requiresShippingMethod: s.requiresShippingMethod,
      type: 'THIRD_PARTY',
      location: location ? () => this.catalog.location(location) : null,
    };
  }
}
