import { Gid } from '../common/gid';
import { ConnectionBuilder } from '../graphql/connection.builder';
import { SearchQuery } from '../search/search-query.parser';
import type { FulfillmentOrderRecord, TrackingRecord } from '../state/shop-records';
import { WebhookPayloads } from '../webhooks/webhook-payloads';
import { FulfillmentOrderViews } from './fulfillment-order.views';
import { FulfillmentWorkflow } from './fulfillment.workflow';
import type { Args, ResolverContext, RootResolvers } from './resolver-context';
import { SandboxViews } from './sandbox-views';

type UserError = { field: string[] | null; message: string };

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

const sortedIds = (ids: Set<string>) => [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)).join(', ');

/** fulfillmentOrders, fulfillmentOrder, fulfillment, fulfillmentCreate and fulfillmentTrackingInfoUpdate. */
export class FulfillmentResolvers {
  /**
   * Refusal of fulfillmentCreate on a fulfillment order the app can see but may not fulfil (another app's fulfillment
   * service, since 2024-10: shopify.dev changelog "Order Management apps can no longer fulfill orders that are assigned
   * to a different fulfillment service"). The wording is the one developers report from Shopify for exactly that case
   * (REST and GraphQL, community.shopify.dev "api_client access error"); it is given as a userError on ["fulfillment"]
   * like Shopify's other fulfillmentCreate refusals. A fulfillment order outside the app's read scopes is not found
   * ("Fulfillment order does not exist."), as it is absent from every read for that app.
   */
  static readonly NO_ACCESS_MESSAGE = 'The api_client does not have access to the fulfillment order.';

  static register(roots: RootResolvers): void {
    roots.query.fulfillmentOrders = (args, ctx) => {
      const q = SearchQuery.parse(args.query as string | null);
      const views = SandboxViews.of(ctx);
      let list = ConnectionBuilder.byId(Object.values(ctx.shop.fulfillmentOrders))
        // Only what the token's scopes grant (merchant-managed and/or third-party fulfillment orders).
        .filter((fo) => views.fulfillmentOrders.access.visible(fo))
        .filter((fo) => args.includeClosed === true || FulfillmentOrderViews.isActive(fo))
        .filter((fo) => q.matches(FulfillmentOrderViews.fields(fo)));
      if (args.sortKey === 'UPDATED_AT') {
        list = [...list].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
      }
      return views.catalog.connection(list, args, (fo) => views.orders.fulfillmentOrder(fo));
    };
    roots.query.fulfillmentOrder = (args, ctx) => {
      const fo = ctx.shop.fulfillmentOrders[Gid.parse(args.id, 'FulfillmentOrder') ?? ''];
      const views = SandboxViews.of(ctx);
      return fo && views.fulfillmentOrders.access.visible(fo) ? views.orders.fulfillmentOrder(fo) : null;
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
      if (!SandboxViews.of(ctx).fulfillmentOrders.access.canManage(f.locationId)) {
        return { fulfillment: null, userErrors: [{ field: ['fulfillmentId'], message: FulfillmentResolvers.NO_ACCESS_MESSAGE }] };
      }
      f.trackingInfo = trackingOf(args.trackingInfoInput as Args);
      f.notifyCustomer = (args.notifyCustomer as boolean | undefined) ?? f.notifyCustomer;
      f.updatedAt = ctx.store.isoNow();
      ctx.store.emit(ctx.shop.domain, 'fulfillments/update', WebhookPayloads.fulfillment(ctx.shop, f));
      return { fulfillment: SandboxViews.of(ctx).orders.fulfillment(f), userErrors: [] };
    };
  }

  /**
   * Validation in Shopify's order (captured on 2026-04): non-positive quantities across the whole input first (indexed
   * field), then every group must exist, share one order and one location (errors on ["fulfillment"], ids ascending),
   * then each fulfillment order must be fulfillable by this app and in a fulfillable status, then its lines.
   */
  private static validate(
    groups: Args[],
    ctx: ResolverContext,
  ): { error: UserError } | { picked: { fo: FulfillmentOrderRecord; lines: { id: string; quantity: number }[] }[] } {
    const fail = (message: string, field: string[] = ['fulfillment']) => ({ error: { field, message } });
    const requested = groups.map((g) =>
      ((g.fulfillmentOrderLineItems as Args[] | undefined) ?? []).map((l) => ({
        id: Gid.parse(l.id, 'FulfillmentOrderLineItem') ?? '',
        quantity: l.quantity as number,
      })),
    );
    for (const [i, lines] of requested.entries()) {
      const j = lines.findIndex((l) => l.quantity <= 0);
      if (j >= 0) {
        const at = ['fulfillment', 'lineItemsByFulfillmentOrder', String(i), 'fulfillmentOrderLineItems', String(j), 'quantity'];
        return fail('Quantity must be greater than 0', at);
      }
    }
    const access = SandboxViews.of(ctx).fulfillmentOrders.access;
    const fos: FulfillmentOrderRecord[] = [];
    for (const g of groups) {
      const fo = ctx.shop.fulfillmentOrders[Gid.parse(g.fulfillmentOrderId, 'FulfillmentOrder') ?? ''];
      // Fulfillment orders outside the token's read scopes are not found for it.
      if (!fo || !access.visible(fo)) {
        return fail('Fulfillment order does not exist.');
      }
      fos.push(fo);
    }
    if (fos.length === 0) {
      return fail('Fulfillment order does not exist.');
    }
    const orders = new Set(fos.map((fo) => fo.orderId));
    if (orders.size > 1) {
      return fail(`All fulfillment orders must belong to the same order. Multiple orders with ids [${sortedIds(orders)}] were found.`);
    }
    const locations = new Set(fos.map((fo) => fo.locationId));
    if (locations.size > 1) {
      return fail(
        `All fulfillment orders must be assigned to a single location. Multiple locations with ids [${sortedIds(locations)}] were found.`,
      );
    }
    const picked: { fo: FulfillmentOrderRecord; lines: { id: string; quantity: number }[] }[] = [];
    for (const [i, fo] of fos.entries()) {
      if (!access.canFulfill(fo.locationId)) {
        return fail(FulfillmentResolvers.NO_ACCESS_MESSAGE);
      }
      if (fo.status !== 'OPEN' && fo.status !== 'IN_PROGRESS') {
        // ON_HOLD, CLOSED, CANCELLED, ...: the status as Shopify prints it, with the numeric id.
        return fail(`Fulfillment order ${fo.id} has an unfulfillable status= ${fo.status.toLowerCase()}.`);
      }
      for (const l of requested[i] ?? []) {
        const line = fo.lineItems.find((x) => x.id === l.id);
        if (!line) {
          return fail('Fulfillment order line item does not exist.');
        }
        if (l.quantity > line.remainingQuantity) {
          return fail('Invalid fulfillment order line item quantity requested.');
        }
      }
      picked.push({ fo, lines: requested[i] ?? [] });
    }
    return { picked };
  }

  private static create(args: Args, ctx: ResolverContext): unknown {
    const input = args.fulfillment as Args;
    const checked = FulfillmentResolvers.validate(input.lineItemsByFulfillmentOrder as Args[], ctx);
    if ('error' in checked) {
      return { fulfillment: null, userErrors: [checked.error] };
    }
    const workflow = new FulfillmentWorkflow(ctx.store, ctx.shop, ctx);
    const fulfillment = workflow.fulfill(
      checked.picked,
      trackingOf(input.trackingInfo as Args | null),
      (input.notifyCustomer as boolean | undefined) ?? false,
    );
    return { fulfillment: SandboxViews.of(ctx).orders.fulfillment(fulfillment), userErrors: [] };
  }
}
