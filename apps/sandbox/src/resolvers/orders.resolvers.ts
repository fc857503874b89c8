import { Gid } from '../common/gid';
import { Money } from '../common/money';
import { ConnectionBuilder } from '../graphql/connection.builder';
import { SearchQuery } from '../search/search-query.parser';
import { InventoryLedger } from '../state/inventory-ledger';
import { LineQuantities } from '../state/line-quantities';
import type {
  AddressRecord,
  CustomerRecord,
  FulfillmentOrderRecord,
  LineItemRecord,
  OrderRecord,
  ShopData,
  TaxLineRecord,
} from '../state/shop-records';
import { FulfillmentWorkflow } from './fulfillment.workflow';
import { OrderViews } from './order.views';
import type { Args, ResolverContext, RootResolvers } from './resolver-context';
import { SandboxViews } from './sandbox-views';

type UserError = { field: string[]; message: string; code: string };

const amountOf = (bag: unknown): string | null =>
  ((bag as { shopMoney?: { amount?: unknown } } | null)?.shopMoney?.amount as string | undefined) ?? null;
const address = (a: unknown): AddressRecord | null => {
  if (!a || typeof a !== 'object') {
    return null;
  }
  const v = a as Record<string, string | null | undefined>;
  const pick = (k: string) => v[k] ?? null;
  return {
    firstName: pick('firstName'),
    lastName: pick('lastName'),
    address1: pick('address1'),
    address2: pick('address2'),
    city: pick('city'),
    province: pick('province'),
    provinceCode: pick('provinceCode'),
    country: pick('country'),
    countryCode: pick('countryCode'),
    zip: pick('zip'),
    phone: pick('phone'),
    company: pick('company'),
  };
};

/** orders, order, orderCreate (inventory behaviours, fulfillment, customer) and orderCancel. */
export class OrdersResolvers {
  static orderFields(o: OrderRecord, shop?: ShopData): (f: string) => string | string[] | null {
    return (f) => {
      switch (f) {
        case 'return_status':
          // Order.returnStatus lower-cased, as the filter's documented values (return_requested, in_progress, ...).
          return shop ? OrderViews.returnStatus(Object.values(shop.returns).filter((r) => r.orderId === o.id)).toLowerCase() : null;
        case 'financial_status':
          return o.financialStatus.toLowerCase();
        case 'fulfillment_status':
          return o.fulfillmentStatus === 'FULFILLED'
            ? ['fulfilled', 'shipped']
            : o.fulfillmentStatus === 'PARTIALLY_FULFILLED'
              ? ['partial', 'unshipped']
              : ['unfulfilled', 'unshipped'];
        case 'status':
          return o.cancelledAt ? 'cancelled' : o.closedAt ? 'closed' : 'open';
        case 'name':
        case 'default':
          return [o.name, o.name.replace('#', '')];
        case 'id':
          return o.id;
        case 'tag':
          return o.tags;
        case 'email':
          return o.email;
        case 'sku':
          return o.lineItems.map((l) => l.sku ?? '');
        case 'source_name':
          return o.sourceName;
        case 'source_identifier':
          return o.sourceIdentifier;
        case 'po_number':
          return o.poNumber;
        case 'updated_at':
          return o.updatedAt;
        case 'created_at':
          return o.createdAt;
        case 'processed_at':
          return o.processedAt;
        default:
          return null;
      }
    };
  }

  static register(roots: RootResolvers): void {
    roots.query.orders = (args, ctx) => {
      const q = SearchQuery.parse(args.query as string | null);
      let list = ConnectionBuilder.byId(Object.values(ctx.shop.orders)).filter((o) => q.matches(OrdersResolvers.orderFields(o, ctx.shop)));
      if (args.sortKey === 'UPDATED_AT') {
        list = list.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
      } else if (args.sortKey !== 'ID') {
        list = list.sort((a, b) => a.processedAt.localeCompare(b.processedAt));
      }
      const views = SandboxViews.of(ctx);
      return views.catalog.connection(list, args, (o) => views.orders.order(o));
    };
    roots.query.order = (args, ctx) => {
      const o = ctx.shop.orders[Gid.parse(args.id, 'Order') ?? ''];
      return o ? SandboxViews.of(ctx).orders.order(o) : null;
    };
    roots.mutation.orderCreate = (args, ctx) => OrdersResolvers.create(args, ctx);
    roots.mutation.orderCancel = (args, ctx) => OrdersResolvers.cancel(args, ctx);
  }

  private static create(args: Args, ctx: ResolverContext): unknown {
    const input = args.order as Args;
    const behaviour = ((args.options as Args | null)?.inventoryBehaviour as string | undefined) ?? 'BYPASS';
    const errors: UserError[] = [];
    const shop = ctx.shop;
    const ledger = new InventoryLedger(ctx.store, shop);
    const lineInputs = (input.lineItems as Args[] | undefined) ?? [];
    if (lineInputs.length === 0) {
      errors.push({ field: ['order', 'lineItems'], message: 'Line items must have at least one line item', code: 'INVALID' });
    }
    const fulfillmentInput = input.fulfillment as Args | null | undefined;
    const forcedLocation = fulfillmentInput ? Gid.parse(fulfillmentInput.locationId, 'Location') : null;
    if (fulfillmentInput && !shop.locations[forcedLocation ?? '']) {
      errors.push({ field: ['order', 'fulfillment', 'locationId'], message: 'Location does not exist', code: 'INVALID' });
    }
    if ((input.taxLines as unknown[] | undefined)?.length && lineInputs.some((l) => (l.taxLines as unknown[] | undefined)?.length)) {
      errors.push({
        field: ['order', 'taxLines'],
        message: 'Tax lines can be specified on the order or the line items but not both',
        code: 'INVALID',
      });
    }
    const lines: (LineItemRecord & { locationId: string; itemId: string | null })[] = [];
    lineInputs.forEach((l, i) => {
      const variantId = l.variantId ? Gid.parse(l.variantId, 'ProductVariant') : null;
      const variant = variantId ? shop.variants[variantId] : undefined;
      if (l.variantId && !variant) {
        errors.push({ field: ['order', 'lineItems', String(i), 'variantId'], message: 'Variant does not exist', code: 'INVALID' });
        return;
      }
      const product = variant ? shop.products[variant.productId] : undefined;
      const item = variant ? shop.inventoryItems[variant.inventoryItemId] : undefined;
      const quantity = l.quantity as number;
      const tracked = item?.tracked ? item.id : null;
      const stocked = tracked ? ledger.levelsOfItem(tracked).filter((lv) => shop.locations[lv.locationId]?.isActive) : [];
      const best = [...stocked].sort((a, b) => ledger.quantity(b, 'available') - ledger.quantity(a, 'available'))[0];
      const locationId = forcedLocation ?? best?.locationId ?? Object.keys(shop.locations)[0] ?? '';
      const available = tracked ? ledger.quantity(ledger.level(tracked, locationId), 'available') : Infinity;
      if (behaviour === 'DECREMENT_OBEYING_POLICY' && variant?.inventoryPolicy === 'DENY' && available < quantity) {
        errors.push({
          field: ['order', 'lineItems', String(i), 'quantity'],
          message: `Unable to claim inventory: only ${available} of ${variant.sku ?? variant.title} available`,
          code: 'INVENTORY_CLAIM_FAILED',
        });
      }
      const price = amountOf(l.priceSet) ?? variant?.price ?? '0.00';
      lines.push({
        id: ctx.store.nextId(),
        variantId: variant?.id ?? null,
        productId: product?.id ?? Gid.parse(l.productId, 'Product'),
        sku: (l.sku as string | undefined) ?? variant?.sku ?? null,
        title: (l.title as string | undefined) ?? product?.title ?? 'Custom item',
        variantTitle: (l.variantTitle as string | undefined) ?? (variant && variant.title !== 'Default Title' ? variant.title : null),
        vendor: (l.vendor as string | undefined) ?? product?.vendor ?? null,
        quantity,
        price,
        taxable: (l.taxable as boolean | undefined) ?? true,
        requiresShipping: (l.requiresShipping as boolean | undefined) ?? true,
        taxLines: OrdersResolvers.taxLines(l.taxLines, Number(price) * quantity),
        properties: ((l.properties as { name: string; value: string }[] | undefined) ?? []).map((p) => ({ name: p.name, value: p.value })),
        locationId,
        itemId: tracked,
      });
    });
    const customerResult = OrdersResolvers.customer(input, ctx, errors);
    if (errors.length > 0) {
      return { order: null, userErrors: errors };
    }
    const now = ctx.store.isoNow();
    shop.orderNumber += 1;
    const claimed = behaviour !== 'BYPASS';
    const subtotal = lines.reduce((acc, l) => acc + Number(l.price) * l.quantity, 0);
    const order: OrderRecord = {
      id: ctx.store.nextId(),
      number: shop.orderNumber,
      name: (input.name as string | undefined) ?? `#${shop.orderNumber}`,
      email: (input.email as string | undefined) ?? customerResult?.email ?? null,
      phone: (input.phone as string | undefined) ?? null,
      note: (input.note as string | undefined) ?? null,
      tags: (input.tags as string[] | undefined) ?? [],
      customAttributes: ((input.customAttributes as { key: string; value: string }[] | undefined) ?? []).map((a) => ({
        key: a.key,
        value: a.value,
      })),
      currency: (input.currency as string | undefined) ?? shop.currency,
      financialStatus: 'PENDING',
      fulfillmentStatus: 'UNFULFILLED',
      customerId: customerResult?.id ?? null,
      shippingAddress: address(input.shippingAddress),
      billingAddress: address(input.billingAddress),
      lineItems: lines.map(({ locationId: _l, itemId: _i, ...li }) => li),
      taxLines: OrdersResolvers.taxLines(input.taxLines, subtotal),
      shippingLines: ((input.shippingLines as Args[] | undefined) ?? []).map((s) => ({
        title: s.title as string,
        code: (s.code as string | undefined) ?? null,
        price: amountOf(s.priceSet) ?? '0.00',
      })),
      sourceName: (input.sourceName as string | undefined) ?? null,
      sourceIdentifier: (input.sourceIdentifier as string | undefined) ?? null,
      poNumber: (input.poNumber as string | undefined) ?? null,
      test: (input.test as boolean | undefined) ?? false,
      inventoryClaimed: claimed,
      cancelledAt: null,
      cancelReason: null,
      closedAt: (input.closedAt as string | undefined) ?? null,
      processedAt: (input.processedAt as string | undefined) && (input.processedAt as string) < now ? (input.processedAt as string) : now,
      createdAt: now,
      updatedAt: now,
    };
    const paid = ((input.transactions as Args[] | undefined) ?? []).reduce((acc, t) => acc + Number(amountOf(t.amountSet) ?? 0), 0);
    const total = Number(OrdersResolvers.total(order));
    order.financialStatus =
      (input.financialStatus as string | undefined) ?? (paid <= 0 ? 'PENDING' : paid >= total ? 'PAID' : 'PARTIALLY_PAID');
    shop.orders[order.id] = order;
    const fos = OrdersResolvers.createFulfillmentOrders(ctx, order, lines);
    if (claimed) {
      for (const l of lines) {
        if (l.itemId) {
          ledger.move(l.itemId, l.locationId, 'available', 'committed', l.quantity);
        }
      }
    }
    const workflow = new FulfillmentWorkflow(ctx.store, shop, ctx);
    workflow.announceOrder(order, 'orders/create', ...(order.financialStatus === 'PAID' ? ['orders/paid'] : []));
    if (fulfillmentInput || input.fulfillmentStatus === 'FULFILLED') {
      const tracking = fulfillmentInput?.trackingNumber
        ? [
            {
              company: (fulfillmentInput.trackingCompany as string | undefined) ?? null,
              number: fulfillmentInput.trackingNumber as string,
              url: null,
            },
          ]
        : [];
      workflow.fulfill(
        fos.map((fo) => ({ fo, lines: [] })),
        tracking,
        (fulfillmentInput?.notifyCustomer as boolean | undefined) ?? false,
      );
    }
    return { order: SandboxViews.of(ctx).orders.order(order), userErrors: [] };
  }

  static total(order: OrderRecord): string {
    const lines = order.lineItems.map((l) => Money.format(Number(l.price) * LineQuantities.current(l)));
    const taxes = [...order.taxLines, ...order.lineItems.flatMap((l) => l.taxLines)].map((t) => t.amount);
    return Money.sum([...lines, ...taxes, ...order.shippingLines.map((s) => s.price)]);
  }

  private static taxLines(value: unknown, base: number): TaxLineRecord[] {
    return ((value as Args[] | undefined) ?? []).map((t) => ({
      title: t.title as string,
      rate: String(t.rate),
      amount: amountOf(t.priceSet) ?? Money.format(base * Number(t.rate)),
    }));
  }

  private static createFulfillmentOrders(
    ctx: ResolverContext,
    order: OrderRecord,
    lines: { id: string; quantity: number; locationId: string }[],
  ): FulfillmentOrderRecord[] {
    const byLocation = new Map<string, FulfillmentOrderRecord>();
    for (const l of lines) {
      let fo = byLocation.get(l.locationId);
      if (!fo) {
        fo = {
          id: ctx.store.nextId(),
          orderId: order.id,
          locationId: l.locationId,
          status: 'OPEN',
          lineItems: [],
          createdAt: order.createdAt,
          updatedAt: order.createdAt,
        };
        byLocation.set(l.locationId, fo);
        ctx.shop.fulfillmentOrders[fo.id] = fo;
      }
      fo.lineItems.push({ id: ctx.store.nextId(), lineItemId: l.id, totalQuantity: l.quantity, remainingQuantity: l.quantity });
    }
    return [...byLocation.values()];
  }

  private static customer(input: Args, ctx: ResolverContext, errors: UserError[]): CustomerRecord | null {
    const spec = input.customer as Args | null | undefined;
    if (!spec) {
      return null;
    }
    const { toAssociate, toUpsert } = spec as { toAssociate?: Args | null; toUpsert?: Args | null };
    if (toAssociate && toUpsert) {
      errors.push({
        field: ['order', 'customer'],
        message: 'Only one of toAssociate or toUpsert can be provided',
        code: 'REDUNDANT_CUSTOMER_FIELDS',
      });
      return null;
    }
    const all = Object.values(ctx.shop.customers);
    const find = (a: Args) =>
      a.id ? ctx.shop.customers[Gid.parse(a.id, 'Customer') ?? ''] : all.find((c) => a.email && c.email === a.email);
    if (toAssociate) {
      const found = find(toAssociate);
      if (!found) {
        errors.push({ field: ['order', 'customer', 'toAssociate'], message: 'Customer does not exist', code: 'INVALID' });
      }
      return found ?? null;
    }
    const data = toUpsert as Args;
    const now = ctx.store.isoNow();
    const existing = find(data);
    const customer: CustomerRecord = existing ?? {
      id: ctx.store.nextId(),
      email: null,
      firstName: null,
      lastName: null,
      phone: null,
      note: null,
      tags: [],
      createdAt: now,
      updatedAt: now,
    };
    for (const key of ['email', 'firstName', 'lastName', 'phone', 'note'] as const) {
      if (typeof data[key] === 'string') {
        customer[key] = data[key];
      }
    }
    customer.tags = (data.tags as string[] | undefined) ?? customer.tags;
    customer.updatedAt = now;
    ctx.shop.customers[customer.id] = customer;
    return customer;
  }

  private static cancel(args: Args, ctx: ResolverContext): unknown {
    const job = { __typename: 'Job', id: Gid.of('Job', ctx.store.nextId()), done: true, query: null };
    const order = ctx.shop.orders[Gid.parse(args.orderId, 'Order') ?? ''];
    const fail = (message: string, code: string) => {
      const errs = [{ field: ['orderId'], message, code }];
      return { job: null, orderCancelUserErrors: errs, userErrors: errs };
    };
    if (!order) {
      return fail('Order does not exist', 'NOT_FOUND');
    }
    if (order.cancelledAt) {
      return fail('Cannot cancel an order that has already been cancelled', 'INVALID');
    }
    if (Object.values(ctx.shop.returns).some((r) => r.orderId === order.id && (r.status === 'OPEN' || r.status === 'REQUESTED'))) {
      return fail('Cannot cancel an order with returns in progress', 'INVALID');
    }
    const now = ctx.store.isoNow();
    const ledger = new InventoryLedger(ctx.store, ctx.shop);
    const workflow = new FulfillmentWorkflow(ctx.store, ctx.shop, ctx);
    for (const fo of Object.values(ctx.shop.fulfillmentOrders).filter((f) => f.orderId === order.id)) {
      for (const line of fo.lineItems) {
        const itemId = workflow.trackedItem(order, line.lineItemId);
        if (itemId && order.inventoryClaimed && line.remainingQuantity > 0) {
          // Unshipped committed stock goes back to available on restock, or is written off otherwise.
          if (args.restock === true) {
            ledger.move(itemId, fo.locationId, 'committed', 'available', line.remainingQuantity);
          } else {
            ledger.adjust(itemId, fo.locationId, 'committed', -line.remainingQuantity);
          }
        }
        line.remainingQuantity = 0;
      }
      if (fo.status === 'OPEN' || fo.status === 'IN_PROGRESS' || fo.status === 'ON_HOLD') {
        fo.status = 'CLOSED';
        fo.updatedAt = now;
      }
    }
    order.cancelledAt = now;
    order.cancelReason = args.reason as string;
    order.closedAt = now;
    order.updatedAt = now;
    if (args.refund === true && order.financialStatus === 'PAID') {
      order.financialStatus = 'REFUNDED';
    }
    workflow.announceOrder(order, 'orders/cancelled', 'orders/updated');
    return { job, orderCancelUserErrors: [], userErrors: [] };
  }
}
