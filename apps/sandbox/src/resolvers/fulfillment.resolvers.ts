import { Gid } from '../common/gid';
import { ConnectionBuilder } from '../graphql/connection.builder';
import { SearchQuery } from '../search/search-query.parser';
import type { FulfillmentOrderRecord, TrackingRecord } from '../state/shop-records';
import { WebhookPayloads } from '../webhooks/webhook-payloads';
import { FulfillmentWorkflow } from './fulfillment.workflow';
import type { Args, ResolverContext, RootResolvers } from './resolver-context';
import { SandboxViews } from './sandbox-views';

type UserError = { field: string[]; message: string };

/** Tracking input → records; `number`/`numbers` and `url`/`urls` both accepted. */
function trackingOf(input: Args | null | undefined): TrackingRecord[] {
  if (!input) {
    return [];
  }
  const numbers = (input.numbers as string[] | undefined) ?? (input.number ? [input.number as string] : []);
  const urls = (input.urls as string[] | undefined) ?? (input.url ? [input.url as string] : []);
  const company = (input.company as string | undefined) ?? null;
  if (numbers.length === 0) {
    return company || urls[0] ? [{ company, number: null, url: urls[0] ?? null }] : [];
  }
  return numbers.map((number, i) => ({ company, number, url: urls[i] ?? null }));
}

/** fulfillmentOrders, fulfillmentCreate and fulfillmentTrackingInfoUpdate. */
export class FulfillmentResolvers {
  static register(roots: RootResolvers): void {
    roots.query.fulfillmentOrders = (args, ctx) => {
      const q = SearchQuery.parse(args.query as string | null);
      const list = ConnectionBuilder.byId(Object.values(ctx.shop.fulfillmentOrders))
        .filter((fo) => args.includeClosed === true || fo.status === 'OPEN' || fo.status === 'IN_PROGRESS')
        .filter((fo) =>
          q.matches((f) =>
            f === 'status'
              ? fo.status.toLowerCase()
              : f === 'assigned_location_id'
                ? fo.locationId
                : f === 'updated_at'
                  ? fo.updatedAt
                  : f === 'id'
                    ? fo.id
                    : null,
          ),
        );
      const views = SandboxViews.of(ctx);
      return views.catalog.connection(list, args, (fo) => views.orders.fulfillmentOrder(fo));
    };
    roots.query.fulfillmentOrder = (args, ctx) => {
      const fo = ctx.shop.fulfillmentOrders[Gid.parse(args.id, 'FulfillmentOrder') ?? ''];
      return fo ? SandboxViews.of(ctx).orders.fulfillmentOrder(fo) : null;
    };
    roots.query.fulfillment = (args, ctx) => {
      const f = ctx.shop.fulfillments[Gid.parse(args.id, 'Fulfillment') ?? ''];
      return f ? SandboxViews.of(ctx).orders.fulfillment(f) : null;
    };
    roots.mutation.fulfillmentCreate = (args, ctx) => FulfillmentResolvers.create(args, ctx);
    roots.mutation.fulfillmentTrackingInfoUpdate = (args, ctx) => {
      const f = ctx.shop.fulfillments[Gid.parse(args.fulfillmentId, 'Fulfillment') ?? ''];
      if (!f) {
        return { fulfillment: null, userErrors: [{ field: ['fulfillmentId'], message: 'Fulfillment does not exist.' }] };
      }
      f.trackingInfo = trackingOf(args.trackingInfoInput as Args);
      f.notifyCustomer = (args.notifyCustomer as boolean | undefined) ?? f.notifyCustomer;
      f.updatedAt = ctx.store.isoNow();
      ctx.store.emit(ctx.shop.domain, 'fulfillments/update', WebhookPayloads.fulfillment(ctx.shop, f));
      return { fulfillment: SandboxViews.of(ctx).orders.fulfillment(f), userErrors: [] };
    };
  }

  private static create(args: Args, ctx: ResolverContext): unknown {
    const input = args.fulfillment as Args;
    const groups = input.lineItemsByFulfillmentOrder as Args[];
    const errors: UserError[] = [];
    const picked: { fo: FulfillmentOrderRecord; lines: { id: string; quantity: number }[] }[] = [];
    groups.forEach((g, i) => {
      const field = ['fulfillment', 'lineItemsByFulfillmentOrder', String(i)];
      const fo = ctx.shop.fulfillmentOrders[Gid.parse(g.fulfillmentOrderId, 'FulfillmentOrder') ?? ''];
      if (!fo) {
        errors.push({ field: [...field, 'fulfillmentOrderId'], message: 'Fulfillment order does not exist.' });
        return;
      }
      if (fo.status !== 'OPEN' && fo.status !== 'IN_PROGRESS') {
        errors.push({
          field: [...field, 'fulfillmentOrderId'],
          message: `Fulfillment order ${Gid.of('FulfillmentOrder', fo.id)} has an unfulfillable status= ${fo.status.toLowerCase()}.`,
        });
        return;
      }
      const lines = ((g.fulfillmentOrderLineItems as Args[] | undefined) ?? []).map((l) => ({
        id: Gid.parse(l.id, 'FulfillmentOrderLineItem') ?? '',
        quantity: l.quantity as number,
      }));
      for (const [j, l] of lines.entries()) {
        const line = fo.lineItems.find((x) => x.id === l.id);
        if (!line) {
          errors.push({
            field: [...field, 'fulfillmentOrderLineItems', String(j), 'id'],
            message: 'Fulfillment order line item does not exist.',
          });
        } else if (l.quantity > line.remainingQuantity || l.quantity <= 0) {
          errors.push({
            field: [...field, 'fulfillmentOrderLineItems', String(j), 'quantity'],
            message: `Invalid quantity: ${l.quantity} (remaining ${line.remainingQuantity}).`,
          });
        }
      }
      picked.push({ fo, lines });
    });
    const orders = new Set(picked.map((p) => p.fo.orderId));
    const locations = new Set(picked.map((p) => p.fo.locationId));
    if (picked.length > 0 && (orders.size > 1 || locations.size > 1)) {
      errors.push({
        field: ['fulfillment'],
        message: 'All fulfillment orders must belong to the same order and be assigned to the same location.',
      });
    }
    if (errors.length > 0 || picked.length === 0) {
      return {
        fulfillment: null,
        userErrors: errors.length > 0 ? errors : [{ field: ['fulfillment'], message: 'No fulfillment orders given.' }],
      };
    }
    const workflow = new FulfillmentWorkflow(ctx.store, ctx.shop, ctx);
    const fulfillment = workflow.fulfill(
      picked,
      trackingOf(input.trackingInfo as Args | null),
      (input.notifyCustomer as boolean | undefined) ?? false,
    );
    return { fulfillment: SandboxViews.of(ctx).orders.fulfillment(fulfillment), userErrors: [] };
  }
}
