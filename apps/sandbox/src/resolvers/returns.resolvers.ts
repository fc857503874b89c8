import { Gid } from '../common/gid';
import type { ReturnRecord, ReverseFulfillmentOrderRecord } from '../state/shop-records';
import { ReturnPayloads } from '../webhooks/return.payloads';
import type { Args, ResolverContext, RootResolvers } from './resolver-context';
import { SandboxViews } from './sandbox-views';

type ReturnUserError = { field: string[]; message: string; code: string };

/**
 * Returns lifecycle: request → approve (OPEN) or decline; OPEN → close ⇄ reopen; OPEN → cancel while no work was done;
 * returnCreate opens directly. userErrors as captured from Shopify on 2026-04 ("Return not found.", "Return status is
 * invalid.", "Return is not cancelable.", "Return is not approvable. …"); closing a closed return, reopening an open one
 * and cancelling a canceled one succeed without a change. None of these moves the order's updatedAt (same capture).
 */
export class ReturnsResolvers {
  static register(roots: RootResolvers): void {
    const payload = (ctx: ResolverContext, r: ReturnRecord | null, userErrors: ReturnUserError[] = []) => ({
      return: r ? SandboxViews.of(ctx).returns.returnView(r) : null,
      userErrors,
    });
    const find = (ctx: ResolverContext, id: unknown) => ctx.shop.returns[Gid.parse(id, 'Return') ?? ''];
    const fail = (ctx: ResolverContext, field: string[], message: string, code: string) => payload(ctx, null, [{ field, message, code }]);
    const notFound = (ctx: ResolverContext, field: string[]) => fail(ctx, field, 'Return not found.', 'NOT_FOUND');
    const invalid = (ctx: ResolverContext) => fail(ctx, ['id'], 'Return status is invalid.', 'INVALID_STATE');

    roots.query.return = (args, ctx) => {
      const r = find(ctx, args.id);
      return r ? SandboxViews.of(ctx).returns.returnView(r) : null;
    };
    roots.mutation.returnRequest = (args, ctx) => ReturnsResolvers.open(args.input as Args, ctx, 'REQUESTED', payload);
    roots.mutation.returnCreate = (args, ctx) => ReturnsResolvers.open(args.returnInput as Args, ctx, 'OPEN', payload);
    roots.mutation.returnApproveRequest = (args, ctx) => {
      const r = find(ctx, (args.input as Args).id);
      if (!r) {
        return notFound(ctx, ['input', 'id']);
      }
      if (r.status !== 'REQUESTED') {
        return fail(ctx, ['input', 'id'], 'Return is not approvable. Only returns with status REQUESTED can be approved.', 'INVALID_STATE');
      }
      ReturnsResolvers.addReverseFulfillmentOrder(ctx, r);
      ReturnsResolvers.transition(ctx, r, 'OPEN', 'returns/approve', (x) => ReturnPayloads.full(x));
      return payload(ctx, r);
    };
    roots.mutation.returnDeclineRequest = (args, ctx) => {
      const input = args.input as Args;
      const r = find(ctx, input.id);
      if (!r) {
        return notFound(ctx, ['input', 'id']);
      }
      if (r.status === 'DECLINED') {
        return fail(ctx, ['input', 'id'], 'The return is already declined.', 'INVALID_STATE');
      }
      if (r.status !== 'REQUESTED') {
        return fail(
          ctx,
          ['input', 'id'],
          'Return is not declinable. Only non-refunded returns with status REQUESTED can be declined.',
          'INVALID_STATE',
        );
      }
      r.decline = { reason: input.declineReason as string, note: (input.declineNote as string | null | undefined) ?? null };
      ReturnsResolvers.transition(ctx, r, 'DECLINED', 'returns/decline', (x) => ReturnPayloads.decline(x));
      return payload(ctx, r);
    };
    roots.mutation.returnClose = (args, ctx) => {
      const r = find(ctx, args.id);
      if (!r) {
        return notFound(ctx, ['id']);
      }
      if (r.status === 'CLOSED') {
        return payload(ctx, r);
      }
      if (r.status !== 'OPEN') {
        return invalid(ctx);
      }
      r.closedAt = ctx.store.isoNow();
      ReturnsResolvers.reverseFulfillmentOrders(ctx, r, 'OPEN', 'CLOSED');
      ReturnsResolvers.transition(ctx, r, 'CLOSED', 'returns/close', (x) => ReturnPayloads.status(x));
      return payload(ctx, r);
    };
    roots.mutation.returnReopen = (args, ctx) => {
      const r = find(ctx, args.id);
      if (!r) {
        return notFound(ctx, ['id']);
      }
      if (r.status === 'OPEN') {
        return payload(ctx, r);
      }
      if (r.status !== 'CLOSED') {
        return invalid(ctx);
      }
      r.closedAt = null;
      ReturnsResolvers.reverseFulfillmentOrders(ctx, r, 'CLOSED', 'OPEN');
      ReturnsResolvers.transition(ctx, r, 'OPEN', 'returns/reopen', (x) => ReturnPayloads.status(x));
      return payload(ctx, r);
    };
    roots.mutation.returnCancel = (args, ctx) => {
      const r = find(ctx, args.id);
      if (!r) {
        return notFound(ctx, ['id']);
      }
      if (r.status === 'CANCELED') {
        return payload(ctx, r);
      }
      if (r.status === 'REQUESTED' || r.status === 'DECLINED') {
        return invalid(ctx);
      }
      // "Only available before any work has been done on the return": not once closed or anything was disposed.
      if (r.status === 'CLOSED' || ReturnsResolvers.worked(ctx, r)) {
        return fail(ctx, ['id'], 'Return is not cancelable.', 'INVALID_STATE');
      }
      ReturnsResolvers.reverseFulfillmentOrders(ctx, r, 'OPEN', 'CANCELED');
      ReturnsResolvers.transition(ctx, r, 'CANCELED', 'returns/cancel', (x) => ReturnPayloads.status(x));
      return payload(ctx, r);
    };
  }

  private static worked(ctx: ResolverContext, r: ReturnRecord): boolean {
    return r.reverseFulfillmentOrderIds.some((id) =>
      ctx.shop.reverseFulfillmentOrders[id]?.lineItems.some((l) => l.dispositions.length > 0),
    );
  }

  private static reverseFulfillmentOrders(
    ctx: ResolverContext,
    r: ReturnRecord,
    from: ReverseFulfillmentOrderRecord['status'],
    to: ReverseFulfillmentOrderRecord['status'],
  ): void {
    for (const id of r.reverseFulfillmentOrderIds) {
      const rfo = ctx.shop.reverseFulfillmentOrders[id];
      if (rfo?.status === from) {
        rfo.status = to;
      }
    }
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
    ctx.store.emit(ctx.shop.domain, status === 'OPEN' ? 'returns/approve' : 'returns/request', ReturnPayloads.full(r));
    return payload(ctx, r);
  }

  private static transition(
    ctx: ResolverContext,
    r: ReturnRecord,
    status: ReturnRecord['status'],
    topic: string,
    body: (r: ReturnRecord) => string,
  ): void {
    r.status = status;
    r.updatedAt = ctx.store.isoNow();
    ctx.store.emit(ctx.shop.domain, topic, body(r));
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
}
