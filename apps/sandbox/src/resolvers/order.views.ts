import { Gid } from '../common/gid';
import { Money } from '../common/money';
import { ConnectionBuilder } from '../graphql/connection.builder';
import { SearchQuery } from '../search/search-query.parser';
import { LineQuantities } from '../state/line-quantities';
import type {
  AddressRecord,
  CustomerRecord,
  FulfillmentOrderRecord,
  FulfillmentRecord,
  LineItemRecord,
  OrderRecord,
  ReturnRecord,
} from '../state/shop-records';
import type { CatalogViews } from './catalog.views';
import { FulfillmentOrderViews } from './fulfillment-order.views';
import type { Args, ResolverContext } from './resolver-context';
import { SandboxViews } from './sandbox-views';

/** GraphQL view objects for orders, customers and line items (fulfillment orders: FulfillmentOrderViews). */
export class OrderViews {
  constructor(
    private readonly ctx: ResolverContext,
    private readonly catalog: CatalogViews,
  ) {}

  static fulfilledByLine(ctx: ResolverContext, orderId: string): Map<string, number> {
    const done = new Map<string, number>();
    for (const f of Object.values(ctx.shop.fulfillments)) {
      if (f.orderId === orderId && f.status === 'SUCCESS') {
        for (const l of f.lineItems) {
          done.set(l.lineItemId, (done.get(l.lineItemId) ?? 0) + l.quantity);
        }
      }
    }
    return done;
  }

  static totals(order: OrderRecord): { subtotal: string; tax: string; shipping: string; total: string } {
    const subtotal = Money.sum(order.lineItems.map((l) => Money.format(Number(l.price) * LineQuantities.current(l))));
    const tax = Money.sum([...order.taxLines, ...order.lineItems.flatMap((l) => l.taxLines)].map((t) => t.amount));
    const shipping = Money.sum(order.shippingLines.map((s) => s.price));
    return { subtotal, tax, shipping, total: Money.sum([subtotal, tax, shipping]) };
  }

  private bag(amount: string): Record<string, unknown> {
    return Money.bag(amount, this.ctx.shop.currency);
  }

  address(a: AddressRecord | null): Record<string, unknown> | null {
    if (!a) {
      return null;
    }
    const name = [a.firstName, a.lastName].filter(Boolean).join(' ');
    // countryCode is deprecated in favour of countryCodeV2; both answer the same.
    return {
      __typename: 'MailingAddress',
      ...a,
      countryCodeV2: a.countryCode,
      name,
      formatted: [a.address1, a.city, a.zip, a.country].filter(Boolean),
    };
  }

  customer(c: CustomerRecord): Record<string, unknown> {
    return {
      __typename: 'Customer',
      id: Gid.of('Customer', c.id),
      legacyResourceId: c.id,
      email: c.email,
      firstName: c.firstName,
      lastName: c.lastName,
      displayName: [c.firstName, c.lastName].filter(Boolean).join(' ') || (c.email ?? ''),
      phone: c.phone,
      note: c.note,
      tags: c.tags,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      defaultEmailAddress: c.email ? { emailAddress: c.email } : null,
    };
  }

  order(o: OrderRecord): Record<string, unknown> {
    const totals = OrderViews.totals(o);
    const done = OrderViews.fulfilledByLine(this.ctx, o.id);
    const taxLines = (lines: { title: string; rate: string; amount: string }[]) =>
      lines.map((t) => ({
        title: t.title,
        rate: Number(t.rate),
        ratePercentage: Number(t.rate) * 100,
        priceSet: this.bag(t.amount),
        channelLiable: false,
      }));
    const customer = o.customerId ? this.ctx.shop.customers[o.customerId] : undefined;
    const returns = () => Object.values(this.ctx.shop.returns).filter((r) => r.orderId === o.id);
    return {
      __typename: 'Order',
      id: Gid.of('Order', o.id),
      legacyResourceId: o.id,
      name: o.name,
      email: o.email,
      phone: o.phone,
      note: o.note,
      tags: o.tags,
      customAttributes: o.customAttributes,
      currencyCode: o.currency,
      presentmentCurrencyCode: o.currency,
      displayFinancialStatus: o.financialStatus,
      displayFulfillmentStatus: () => this.displayFulfillmentStatus(o),
      cancelledAt: o.cancelledAt,
      cancelReason: o.cancelReason,
      closed: o.closedAt !== null,
      closedAt: o.closedAt,
      confirmed: true,
      test: o.test,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
      processedAt: o.processedAt,
      sourceName: o.sourceName,
      sourceIdentifier: o.sourceIdentifier,
      poNumber: o.poNumber,
      taxesIncluded: false,
      fullyPaid: o.financialStatus === 'PAID',
      subtotalPriceSet: this.bag(totals.subtotal),
      currentSubtotalPriceSet: this.bag(totals.subtotal),
      totalTaxSet: this.bag(totals.tax),
      currentTotalTaxSet: this.bag(totals.tax),
      totalShippingPriceSet: this.bag(totals.shipping),
      totalPriceSet: this.bag(totals.total),
      currentTotalPriceSet: this.bag(totals.total),
      totalDiscountsSet: this.bag('0.00'),
      taxLines: taxLines(o.taxLines),
      shippingAddress: this.address(o.shippingAddress),
      billingAddress: this.address(o.billingAddress),
      customer: customer ? this.customer(customer) : null,
      shippingLines: (args: Args) =>
        this.catalog.connection(
          o.shippingLines.map((s, i) => ({ ...s, id: String(i + 1) })),
          args,
          (s) => ({
            __typename: 'ShippingLine',
            id: Gid.of('ShippingLine', s.id),
            title: s.title,
            code: s.code,
            originalPriceSet: this.bag(s.price),
            discountedPriceSet: this.bag(s.price),
          }),
        ),
      lineItems: (args: Args) =>
        this.catalog.connection(o.lineItems, args, (li) => this.lineItem(li, done.get(li.id) ?? 0, taxLines(li.taxLines))),
      // Only the fulfillment orders the token's scopes grant (merchant-managed and/or third-party).
      fulfillmentOrders: (args: Args) => {
        const q = SearchQuery.parse(args.query as string | null);
        const list = SandboxViews.of(this.ctx)
          .fulfillmentOrders.visibleOfOrder(o.id)
          .filter((fo) => !(args.displayable === true && fo.hidden) && q.matches(FulfillmentOrderViews.fields(fo)));
        return this.catalog.connection(list, args, (fo) => this.fulfillmentOrder(fo));
      },
      fulfillments: (args: Args) =>
        Object.values(this.ctx.shop.fulfillments)
          .filter((f) => f.orderId === o.id)
          .slice(0, typeof args.first === 'number' ? args.first : undefined)
          .map((f) => this.fulfillment(f)),
      returnStatus: () => OrderViews.returnStatus(returns()),
      returns: (args: Args) => {
        const q = SearchQuery.parse(args.query as string | null);
        const list = ConnectionBuilder.byId(returns()).filter((r) =>
          q.matches((f) => (f === 'status' ? r.status.toLowerCase() : f === 'id' ? r.id : null)),
        );
        return this.catalog.connection(list, args, (r) => SandboxViews.of(this.ctx).returns.returnView(r));
      },
    };
  }

  lineItem(li: LineItemRecord, fulfilled: number, taxLines: unknown[]): Record<string, unknown> {
    const variant = li.variantId ? this.ctx.shop.variants[li.variantId] : undefined;
    const product = li.productId ? this.ctx.shop.products[li.productId] : undefined;
    const current = LineQuantities.current(li);
    return {
      __typename: 'LineItem',
      id: Gid.of('LineItem', li.id),
      title: li.title,
      name: li.variantTitle ? `${li.title} - ${li.variantTitle}` : li.title,
      variantTitle: li.variantTitle,
      sku: li.sku,
      vendor: li.vendor,
      quantity: li.quantity,
      currentQuantity: current,
      unfulfilledQuantity: Math.max(0, current - fulfilled),
      fulfillableQuantity: () => Math.max(0, current - fulfilled - this.held(li)),
      // Units removed by an order edit can no longer be fulfilled.
      nonFulfillableQuantity: li.quantity - current,
      refundableQuantity: current,
      requiresShipping: li.requiresShipping,
      taxable: li.taxable,
      customAttributes: li.properties.map((p) => ({ key: p.name, value: p.value })),
      originalUnitPriceSet: this.bag(li.price),
      discountedUnitPriceSet: this.bag(li.price),
      originalTotalSet: this.bag(Money.format(Number(li.price) * li.quantity)),
      taxLines,
      variant: variant ? () => this.catalog.variant(variant) : null,
      product: product ? () => this.catalog.product(product) : null,
    };
  }

  fulfillmentOrder(fo: FulfillmentOrderRecord): Record<string, unknown> {
    return SandboxViews.of(this.ctx).fulfillmentOrders.fulfillmentOrder(fo);
  }

  fulfillment(f: FulfillmentRecord): Record<string, unknown> {
    return SandboxViews.of(this.ctx).fulfillmentOrders.fulfillment(f);
  }

  fulfillmentLineItem(f: FulfillmentRecord, l: FulfillmentRecord['lineItems'][number]): Record<string, unknown> {
    return SandboxViews.of(this.ctx).fulfillmentOrders.fulfillmentLineItem(f, l);
  }

  /** Order.returnStatus as Shopify aggregates it: declined and canceled returns do not count. */
  static returnStatus(returns: ReturnRecord[]): string {
    const statuses = new Set(returns.map((r) => r.status));
    return statuses.has('REQUESTED')
      ? 'RETURN_REQUESTED'
      : statuses.has('OPEN')
        ? 'IN_PROGRESS'
        : statuses.has('CLOSED')
          ? 'RETURNED'
          : 'NO_RETURN';
  }

  /** Units of the line sitting in fulfillment orders on hold: not fulfillable until released. */
  private held(li: LineItemRecord): number {
    let held = 0;
    const orderId = Object.values(this.ctx.shop.orders).find((o) => o.lineItems.includes(li))?.id ?? '';
    for (const fo of SandboxViews.of(this.ctx).fulfillmentOrders.ofOrder(orderId)) {
      if (fo.status === 'ON_HOLD') {
        for (const l of fo.lineItems) {
          held += l.lineItemId === li.id ? l.remainingQuantity : 0;
        }
      }
    }
    return held;
  }

  /** UNFULFILLED orders whose every open fulfillment order is on hold show ON_HOLD, as in the admin. */
  private displayFulfillmentStatus(o: OrderRecord): string {
    if (o.fulfillmentStatus !== 'UNFULFILLED') {
      return o.fulfillmentStatus;
    }
    const active = SandboxViews.of(this.ctx)
      .fulfillmentOrders.ofOrder(o.id)
      .filter((fo) => FulfillmentOrderViews.isActive(fo));
    return active.length > 0 && active.every((fo) => fo.status === 'ON_HOLD') ? 'ON_HOLD' : o.fulfillmentStatus;
  }
}
