import { Gid } from '../common/gid';
import { InventoryLedger } from '../state/inventory-ledger';
import type { DispositionRecord, ReturnRecord } from '../state/shop-records';
import { WebhookPayloads } from '../webhooks/webhook-payloads';
import type { Args, ResolverContext, RootResolvers } from './resolver-context';
import { SandboxViews } from './sandbox-views';

type ReturnUserError = { field: string[]; message: string; code: string };

/** Returns lifecycle: request → approve (OPEN) → dispose → close; returnCreate opens directly. */
export class ReturnsResolvers {
  static register(roots: RootResolvers): void {
    const payload = (ctx: ResolverContext, r: ReturnRecord | null, userErrors: ReturnUserError[] = []) => ({
      return: r ? SandboxViews.of(ctx).returns.returnView(r) : null,
      userErrors,
    });
    const find = (ctx: ResolverContext, id: unknown) => ctx.shop.returns[Gid.parse(id, 'Return') ?? ''];
    const notFound = (ctx: ResolverContext, field: string) =>
      payload(ctx, null, [{ field: [field], message: 'Return does not exist.', code: 'NOT_FOUND' }]);
    const badState = (ctx: ResolverContext, r: ReturnRecord, action: string) =>
      payload(ctx, null, [{ field: ['id'], message: `Cannot ${action} a return with status ${r.status}.`, code: 'INVALID_STATE' }]);

    roots.query.return = (args, ctx) => {
      const r = find(ctx, args.id);
      return r ? SandboxViews.of(ctx).returns.returnView(r) : null;
    };
    roots.query.reverseFulfillmentOrder = (args, ctx) => {
      const rfo = ctx.shop.reverseFulfillmentOrders[Gid.parse(args.id, 'ReverseFulfillmentOrder') ?? ''];
      return rfo ? SandboxViews.of(ctx).returns.reverseFulfillmentOrder(rfo) : null;
    };
    roots.mutation.returnRequest = (args, ctx) => ReturnsResolvers.open(args.input as Args, ctx, 'REQUESTED', payload);
    roots.mutation.returnCreate = (args, ctx) => ReturnsResolvers.open(args.returnInput as Args, ctx, 'OPEN', payload);
    roots.mutation.returnApproveRequest = (args, ctx) => {
      const r = find(ctx, (args.input as Args).id);
      if (!r) {
        return notFound(ctx, 'id');
      }
      if (r.status !== 'REQUESTED') {
        return badState(ctx, r, 'approve');
      }
      ReturnsResolvers.transition(ctx, r, 'OPEN', 'returns/approve');
      ReturnsResolvers.addReverseFulfillmentOrder(ctx, r);
      return payload(ctx, r);
    };
    roots.mutation.returnDeclineRequest = (args, ctx) => {
      const r = find(ctx, (args.input as Args).id);
      if (!r) {
        return notFound(ctx, 'id');
      }
      if (r.status !== 'REQUESTED') {
        return badState(ctx, r, 'decline');
      }
      ReturnsResolvers.transition(ctx, r, 'DECLINED', 'returns/decline');
      return payload(ctx, r);
    };
    roots.mutation.returnClose = (args, ctx) => {
      const r = find(ctx, args.id);
      if (!r) {
        return notFound(ctx, 'id');
      }
      if (r.status !== 'OPEN') {
        return badState(ctx, r, 'close');
      }
      r.closedAt = ctx.store.isoNow();
      for (const id of r.reverseFulfillmentOrderIds) {
        const rfo = ctx.shop.reverseFulfillmentOrders[id];
        if (rfo) {
          rfo.status = 'CLOSED';
        }
      }
      ReturnsResolvers.transition(ctx, r, 'CLOSED', 'returns/close');
      return payload(ctx, r);
    };
    roots.mutation.reverseFulfillmentOrderDispose = (args, ctx) => ReturnsResolvers.dispose(args, ctx);
  }

  private static open(
    input: Args,
    ctx: ResolverContext,
    status: 'OPEN' | 'REQUESTED',
    payload: (ctx: ResolverContext, r: ReturnRecord | null, errors?: ReturnUserError[]) => unknown,
  ): unknown {
    const order = ctx.shop.orders[Gid.parse(input.orderId, 'Order') ?? ''];
    if (!order) {
      return payload(ctx, null, [{ field: ['orderId'], message: 'Order does not exist.', code: 'NOT_FOUND' }]);
    }
    const returns = SandboxViews.of(ctx).returns;
    const errors: ReturnUserError[] = [];
    const lines = (input.returnLineItems as Args[]).map((l, i) => {
      const id = Gid.parse(l.fulfillmentLineItemId, 'FulfillmentLineItem') ?? '';
      const found = returns.fulfillmentLine(id);
      const alreadyReturned = Object.values(ctx.shop.returns)
        .filter((r) => r.status !== 'DECLINED' && r.status !== 'CANCELED')
        .flatMap((r) => r.lineItems)
        .filter((x) => x.fulfillmentLineItemId === id)
        .reduce((acc, x) => acc + x.quantity, 0);
      if (!found || found.fulfillment.orderId !== order.id) {
        errors.push({
          field: ['returnLineItems', String(i), 'fulfillmentLineItemId'],
          message: 'Fulfillment line item does not exist.',
          code: 'NOT_FOUND',
        });
      } else if ((l.quantity as number) <= 0 || (l.quantity as number) > found.line.quantity - alreadyReturned) {
        errors.push({
          field: ['returnLineItems', String(i), 'quantity'],
          message: 'Quantity is greater than the returnable quantity.',
          code: 'INVALID',
        });
      }
      return {
        id: ctx.store.nextId(),
        fulfillmentLineItemId: id,
        quantity: l.quantity as number,
        returnReason: (l.returnReason as string | undefined) ?? 'UNKNOWN',
        returnReasonNote: (l.returnReasonNote as string | undefined) ?? '',
        customerNote: (l.customerNote as string | undefined) ?? null,
      };
    });
    if (errors.length > 0) {
      return payload(ctx, null, errors);
    }
    const now = ctx.store.isoNow();
    const count = Object.values(ctx.shop.returns).filter((r) => r.orderId === order.id).length;
    const r: ReturnRecord = {
      id: ctx.store.nextId(),
      orderId: order.id,
      name: `${order.name}-R${count + 1}`,
      status,
      lineItems: lines,
      reverseFulfillmentOrderIds: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    ctx.shop.returns[r.id] = r;
    if (status === 'OPEN') {
      ReturnsResolvers.addReverseFulfillmentOrder(ctx, r);
    }
    ctx.store.emit(ctx.shop.domain, status === 'OPEN' ? 'returns/approve' : 'returns/request', WebhookPayloads.returnBody(ctx.shop, r));
    return payload(ctx, r);
  }

  private static transition(ctx: ResolverContext, r: ReturnRecord, status: ReturnRecord['status'], topic: string): void {
    r.status = status;
    r.updatedAt = ctx.store.isoNow();
    ctx.store.emit(ctx.shop.domain, topic, WebhookPayloads.returnBody(ctx.shop, r));
  }

  private static addReverseFulfillmentOrder(ctx: ResolverContext, r: ReturnRecord): void {
    const id = ctx.store.nextId();
    ctx.shop.reverseFulfillmentOrders[id] = {
      id,
      returnId: r.id,
      orderId: r.orderId,
      status: 'OPEN',
      lineItems: r.lineItems.map((l) => ({
        id: ctx.store.nextId(),
        fulfillmentLineItemId: l.fulfillmentLineItemId,
        totalQuantity: l.quantity,
        dispositions: [],
      })),
    };
    r.reverseFulfillmentOrderIds.push(id);
  }

  private static dispose(args: Args, ctx: ResolverContext): unknown {
    const inputs = args.dispositionInputs as Args[];
    const errors: { field: string[]; message: string; code: string }[] = [];
    const ledger = new InventoryLedger(ctx.store, ctx.shop);
    const created: DispositionRecord[] = [];
    const resolved = inputs.map((d, i) => {
      const lineId = Gid.parse(d.reverseFulfillmentOrderLineItemId, 'ReverseFulfillmentOrderLineItem') ?? '';
      const rfo = Object.values(ctx.shop.reverseFulfillmentOrders).find((x) => x.lineItems.some((l) => l.id === lineId));
      const line = rfo?.lineItems.find((l) => l.id === lineId);
      const locationId = d.locationId ? Gid.parse(d.locationId, 'Location') : null;
      const disposed = line?.dispositions.reduce((acc, x) => acc + x.quantity, 0) ?? 0;
      if (!rfo || !line) {
        errors.push({
          field: ['dispositionInputs', String(i), 'reverseFulfillmentOrderLineItemId'],
          message: 'Reverse fulfillment order line item does not exist.',
          code: 'NOT_FOUND',
        });
      } else if ((d.quantity as number) <= 0 || (d.quantity as number) > line.totalQuantity - disposed) {
        errors.push({
          field: ['dispositionInputs', String(i), 'quantity'],
          message: 'Quantity exceeds the disposable quantity.',
          code: 'INVALID',
        });
      } else if (d.dispositionType === 'RESTOCKED' && !ctx.shop.locations[locationId ?? '']) {
        errors.push({
          field: ['dispositionInputs', String(i), 'locationId'],
          message: 'A valid location is required to restock.',
          code: 'INVALID',
        });
      }
      return { d, rfo, line, locationId };
    });
    if (errors.length > 0) {
      return { reverseFulfillmentOrderLineItems: null, userErrors: errors };
    }
    const views = SandboxViews.of(ctx);
    const touched: unknown[] = [];
    for (const { d, rfo, line, locationId } of resolved) {
      if (!rfo || !line) {
        continue;
      }
      const disposition: DispositionRecord = {
        id: ctx.store.nextId(),
        type: d.dispositionType as DispositionRecord['type'],
        quantity: d.quantity as number,
        locationId,
      };
      line.dispositions.push(disposition);
      created.push(disposition);
      const order = ctx.shop.orders[rfo.orderId];
      const fl = views.returns.fulfillmentLine(line.fulfillmentLineItemId);
      const li = order?.lineItems.find((x) => x.id === fl?.line.lineItemId);
      const variant = li?.variantId ? ctx.shop.variants[li.variantId] : undefined;
      if (disposition.type === 'RESTOCKED' && variant && locationId) {
        ledger.adjust(variant.inventoryItemId, locationId, 'available', disposition.quantity);
      }
      touched.push({
        __typename: 'ReverseFulfillmentOrderLineItem',
        id: Gid.of('ReverseFulfillmentOrderLineItem', line.id),
        totalQuantity: line.totalQuantity,
        dispositions: line.dispositions.map((x) => ({
          id: Gid.of('ReverseFulfillmentOrderDisposition', x.id),
          type: x.type,
          quantity: x.quantity,
        })),
      });
    }
    return { reverseFulfillmentOrderLineItems: touched, userErrors: [] };
  }
}
