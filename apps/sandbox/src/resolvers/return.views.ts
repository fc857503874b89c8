import { Gid } from '../common/gid';
import type { FulfillmentRecord, ReturnRecord, ReverseFulfillmentOrderRecord } from '../state/shop-records';
import type { OrderViews } from './order.views';
import type { Args, ResolverContext } from './resolver-context';
import { SandboxViews } from './sandbox-views';

/** GraphQL view objects for returns and reverse fulfillment orders. */
export class ReturnViews {
  constructor(
    private readonly ctx: ResolverContext,
    private readonly orders: OrderViews,
  ) {}

  /** Finds a fulfillment line item and its fulfillment by the line's id. */
  fulfillmentLine(id: string): { fulfillment: FulfillmentRecord; line: FulfillmentRecord['lineItems'][number] } | null {
    for (const fulfillment of Object.values(this.ctx.shop.fulfillments)) {
      const line = fulfillment.lineItems.find((l) => l.id === id);
      if (line) {
        return { fulfillment, line };
      }
    }
    return null;
  }

  private fulfillmentLineView(id: string): unknown {
    const found = this.fulfillmentLine(id);
    return found ? this.orders.fulfillmentLineItem(found.fulfillment, found.line) : null;
  }

  returnView(r: ReturnRecord): Record<string, unknown> {
    const order = this.ctx.shop.orders[r.orderId];
    const catalog = SandboxViews.of(this.ctx).catalog;
    return {
      __typename: 'Return',
      id: Gid.of('Return', r.id),
      name: r.name,
      status: r.status,
      createdAt: r.createdAt,
      closedAt: r.closedAt,
      requestApprovedAt: r.status === 'REQUESTED' || r.status === 'DECLINED' ? null : r.updatedAt,
      decline: r.decline ? { __typename: 'ReturnDecline', reason: r.decline.reason, note: r.decline.note } : null,
      returnShippingFees: [],
      totalQuantity: r.lineItems.reduce((acc, l) => acc + l.quantity, 0),
      order: order ? () => this.orders.order(order) : null,
      returnLineItems: (args: Args) =>
        catalog.connection(r.lineItems, args, (l) => ({
          __typename: 'ReturnLineItem',
          id: Gid.of('ReturnLineItem', l.id),
          quantity: l.quantity,
          processedQuantity: 0,
          unprocessedQuantity: l.quantity,
          processableQuantity: l.quantity,
          refundableQuantity: l.quantity,
          refundedQuantity: 0,
          returnReason: l.returnReason,
          returnReasonNote: l.returnReasonNote,
          customerNote: l.customerNote,
          fulfillmentLineItem: () => this.fulfillmentLineView(l.fulfillmentLineItemId),
        })),
      reverseFulfillmentOrders: (args: Args) =>
        catalog.connection(
          r.reverseFulfillmentOrderIds.flatMap((id) => this.ctx.shop.reverseFulfillmentOrders[id] ?? []),
          args,
          (rfo) => this.reverseFulfillmentOrder(rfo),
        ),
    };
  }

  reverseFulfillmentOrder(rfo: ReverseFulfillmentOrderRecord): Record<string, unknown> {
    const ret = this.ctx.shop.returns[rfo.returnId];
    const order = this.ctx.shop.orders[rfo.orderId];
    const catalog = SandboxViews.of(this.ctx).catalog;
    return {
      __typename: 'ReverseFulfillmentOrder',
      id: Gid.of('ReverseFulfillmentOrder', rfo.id),
      status: rfo.status,
      order: order ? () => this.orders.order(order) : null,
      return: ret ? () => this.returnView(ret) : null,
      lineItems: (args: Args) => catalog.connection(rfo.lineItems, args, (l) => this.reverseFulfillmentOrderLineItem(l)),
    };
  }

  reverseFulfillmentOrderLineItem(l: ReverseFulfillmentOrderRecord['lineItems'][number]): Record<string, unknown> {
    const catalog = SandboxViews.of(this.ctx).catalog;
    return {
      __typename: 'ReverseFulfillmentOrderLineItem',
      id: Gid.of('ReverseFulfillmentOrderLineItem', l.id),
      totalQuantity: l.totalQuantity,
      fulfillmentLineItem: () => this.fulfillmentLineView(l.fulfillmentLineItemId),
      dispositions: l.dispositions.map((d) => ({
        __typename: 'ReverseFulfillmentOrderDisposition',
        id: Gid.of('ReverseFulfillmentOrderDisposition', d.id),
        type: d.type,
        quantity: d.quantity,
        createdAt: d.createdAt ?? this.ctx.store.isoNow(),
        location: () => {
          const loc = d.locationId ? this.ctx.shop.locations[d.locationId] : undefined;
          return loc ? catalog.location(loc) : null;
        },
      })),
    };
  }
}
