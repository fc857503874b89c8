import { Gid } from '../common/gid';
import { FulfillmentServiceRegistry } from '../state/fulfillment-service.registry';
import { InventoryLedger } from '../state/inventory-ledger';
import type { FulfillmentOrderRecord } from '../state/shop-records';
import { FulfillmentOrderWorkflow } from './fulfillment-order.workflow';
import { FulfillmentWorkflow } from './fulfillment.workflow';
import type { Args, ResolverContext, RootResolvers } from './resolver-context';
import { SandboxViews } from './sandbox-views';

type CodedError = { field: string[] | null; message: string; code: string | null };

// An app may keep this many active holds on one fulfillment order (FULFILLMENT_ORDER_HOLD_LIMIT_REACHED).
const HOLD_LIMIT = 10;
const MOVABLE = new Set(['OPEN', 'IN_PROGRESS', 'ON_HOLD']);

/**
 * fulfillmentOrderHold, fulfillmentOrderReleaseHold and fulfillmentOrderMove. userErrors and their codes are Shopify's as
 * captured on 2026-04 where known (duplicate handle, not splittable, hold limit, zero quantity, duplicate lines; move:
 * "Location not found.", "Cannot change location." for a closed fulfillment order).
 */
export class FulfillmentOrdersResolvers {
  static register(roots: RootResolvers): void {
    roots.mutation.fulfillmentOrderHold = (args, ctx) => FulfillmentOrdersResolvers.hold(args, ctx);
    roots.mutation.fulfillmentOrderReleaseHold = (args, ctx) => FulfillmentOrdersResolvers.release(args, ctx);
    roots.mutation.fulfillmentOrderMove = (args, ctx) => FulfillmentOrdersResolvers.move(args, ctx);
  }

  /** A fulfillment order the token may manage; others are not found for it. */
  private static find(ctx: ResolverContext, id: unknown): FulfillmentOrderRecord | undefined {
    const fo = ctx.shop.fulfillmentOrders[Gid.parse(id, 'FulfillmentOrder') ?? ''];
    const access = SandboxViews.of(ctx).fulfillmentOrders.access;
    return fo && access.visible(fo) && access.canManage(fo.locationId) ? fo : undefined;
  }

  private static lines(input: unknown): { id: string; quantity: number }[] {
    return ((input as Args[] | null | undefined) ?? []).map((l) => ({
      id: Gid.parse(l.id, 'FulfillmentOrderLineItem') ?? '',
      quantity: l.quantity as number,
    }));
  }

  private static hold(args: Args, ctx: ResolverContext): unknown {
    const input = args.fulfillmentHold as Args;
    const fail = (error: CodedError) => ({
      fulfillmentHold: null,
      fulfillmentOrder: null,
      remainingFulfillmentOrder: null,
      userErrors: [error],
    });
    const fo = FulfillmentOrdersResolvers.find(ctx, args.id);
    if (!fo) {
      return fail({ field: ['id'], message: 'The fulfillment order could not be found.', code: 'FULFILLMENT_ORDER_NOT_FOUND' });
    }
    if (!MOVABLE.has(fo.status)) {
      return fail({ field: ['id'], message: `Cannot hold a fulfillment order with status ${fo.status.toLowerCase()}.`, code: null });
    }
    const lines = FulfillmentOrdersResolvers.lines(input.fulfillmentOrderLineItems);
    const at = (i: number, f: string) => ['fulfillmentHold', 'fulfillmentOrderLineItems', String(i), f];
    if (new Set(lines.map((l) => l.id)).size !== lines.length) {
      return fail({
        field: ['fulfillmentHold', 'fulfillmentOrderLineItems'],
        message: 'must contain unique line item ids',
        code: 'DUPLICATED_FULFILLMENT_ORDER_LINE_ITEMS',
      });
    }
    for (const [i, l] of lines.entries()) {
      const line = fo.lineItems.find((x) => x.id === l.id);
      if (l.quantity <= 0) {
        return fail({
          field: at(i, 'quantity'),
          message: 'You must select at least one item to place on partial hold.',
          code: 'GREATER_THAN_ZERO',
        });
      }
      if (!line || l.quantity > line.remainingQuantity) {
        return fail({
          field: at(i, 'quantity'),
          message: 'The fulfillment order line item quantity is invalid.',
          code: 'INVALID_LINE_ITEM_QUANTITY',
        });
      }
    }
    if (lines.length > 0 && fo.status === 'ON_HOLD') {
      return fail({
        field: ['fulfillmentHold', 'fulfillmentOrderLineItems'],
        message: 'The fulfillment order is not in a splittable state.',
        code: 'FULFILLMENT_ORDER_NOT_SPLITTABLE',
      });
    }
    const apiKey = ctx.token.staff ? null : ctx.token.apiKey;
    const handle = (input.handle as string | null | undefined) ?? '';
    const mine = (fo.holds ?? []).filter((h) => h.apiKey === apiKey);
    if (mine.some((h) => h.handle === handle)) {
      return fail({
        field: ['fulfillmentHold', 'handle'],
        message: 'The handle provided for the fulfillment hold is already in use by this app for another hold on this fulfillment order.',
        code: 'DUPLICATE_FULFILLMENT_HOLD_HANDLE',
      });
    }
    if (mine.length >= HOLD_LIMIT) {
      return fail({
        field: ['id'],
        message: `The maximum number of fulfillment holds for this fulfillment order has been reached for this app. An app can only have up to ${HOLD_LIMIT} holds on a single fulfillment order at any one time.`,
        code: 'FULFILLMENT_ORDER_HOLD_LIMIT_REACHED',
      });
    }
    const { hold, remaining } = new FulfillmentOrderWorkflow(ctx).hold(
      fo,
      {
        reason: input.reason as string,
        reasonNotes: (input.reasonNotes as string | null | undefined) ?? null,
        handle,
        externalId: (input.externalId as string | null | undefined) ?? null,
      },
      lines,
    );
    const views = SandboxViews.of(ctx);
    return {
      fulfillmentHold: views.fulfillmentOrders.hold(hold),
      fulfillmentOrder: views.orders.fulfillmentOrder(fo),
      remainingFulfillmentOrder: remaining ? views.orders.fulfillmentOrder(remaining) : null,
      userErrors: [],
    };
  }

  private static release(args: Args, ctx: ResolverContext): unknown {
    const fail = (error: CodedError) => ({ fulfillmentOrder: null, userErrors: [error] });
    const fo = FulfillmentOrdersResolvers.find(ctx, args.id);
    if (!fo) {
      return fail({ field: ['id'], message: 'The fulfillment order could not be found.', code: 'FULFILLMENT_ORDER_NOT_FOUND' });
    }
    if (fo.status !== 'ON_HOLD') {
      return fail({ field: ['id'], message: 'The fulfillment order is not on hold.', code: null });
    }
    // Only holds of this fulfillment order are released; without holdIds, all of them.
    const ids = args.holdIds ? new Set((args.holdIds as string[]).map((id) => Gid.parse(id, 'FulfillmentHold'))) : null;
    const released = (fo.holds ?? []).filter((h) => !ids || ids.has(h.id));
    new FulfillmentOrderWorkflow(ctx).release(fo, released);
    return { fulfillmentOrder: SandboxViews.of(ctx).orders.fulfillmentOrder(fo), userErrors: [] };
  }

  private static move(args: Args, ctx: ResolverContext): unknown {
    const fail = (error: CodedError) => ({
      movedFulfillmentOrder: null,
      originalFulfillmentOrder: null,
      remainingFulfillmentOrder: null,
      userErrors: [error],
    });
    const fo = FulfillmentOrdersResolvers.find(ctx, args.id);
    if (!fo) {
      return fail({ field: ['id'], message: 'Fulfillment order does not exist.', code: null });
    }
    const destination = ctx.shop.locations[Gid.parse(args.newLocationId, 'Location') ?? ''];
    if (!destination?.isActive) {
      return fail({ field: ['id'], message: 'Location not found.', code: null });
    }
    const requested = args.fulfillmentOrderLineItems ? FulfillmentOrdersResolvers.lines(args.fulfillmentOrderLineItems) : null;
    for (const l of requested ?? []) {
      const line = fo.lineItems.find((x) => x.id === l.id);
      if (!line || l.quantity <= 0 || l.quantity > line.remainingQuantity) {
        return fail({ field: null, message: 'Invalid fulfillment order line item quantity requested.', code: null });
      }
    }
    if (
      !MOVABLE.has(fo.status) ||
      destination.id === fo.locationId ||
      !FulfillmentOrdersResolvers.stocks(ctx, fo, destination.id, requested)
    ) {
      return fail({ field: null, message: 'Cannot change location.', code: null });
    }
    const { moved, original, remaining } = new FulfillmentOrderWorkflow(ctx).move(fo, destination.id, requested);
    const views = SandboxViews.of(ctx);
    const view = (x: FulfillmentOrderRecord) => (views.fulfillmentOrders.access.visible(x) ? views.orders.fulfillmentOrder(x) : null);
    return {
      movedFulfillmentOrder: view(moved),
      originalFulfillmentOrder: view(original),
      remainingFulfillmentOrder: remaining ? view(remaining) : null,
      userErrors: [],
    };
  }

  /**
   * A merchant location must stock every tracked item moved to it (fulfillmentOrderMove docs: "The destination location
   * doesn't stock the requested inventory item"); a fulfillment service's location takes them.
   */
  private static stocks(
    ctx: ResolverContext,
    fo: FulfillmentOrderRecord,
    locationId: string,
    requested: { id: string; quantity: number }[] | null,
  ): boolean {
    if (new FulfillmentServiceRegistry(ctx.store, ctx.shop).ofLocation(locationId)) {
      return true;
    }
    const order = ctx.shop.orders[fo.orderId];
    if (!order) {
      return false;
    }
    const ledger = new InventoryLedger(ctx.store, ctx.shop);
    const workflow = new FulfillmentWorkflow(ctx.store, ctx.shop, ctx);
    const moving = requested ? new Set(requested.map((l) => l.id)) : null;
    return fo.lineItems
      .filter((l) => l.remainingQuantity > 0 && (!moving || moving.has(l.id)))
      .every((l) => {
        const itemId = workflow.trackedItem(order, l.lineItemId);
        return !itemId || ledger.level(itemId, locationId) !== undefined;
      });
  }
}
