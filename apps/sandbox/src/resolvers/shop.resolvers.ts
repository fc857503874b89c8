import { Gid } from '../common/gid';
import { ConnectionBuilder } from '../graphql/connection.builder';
import { BulkOperationResolvers } from './bulk-operations.resolvers';
import { SearchQuery } from '../search/search-query.parser';
import type { ResolverContext, RootResolvers } from './resolver-context';
import { SandboxViews } from './sandbox-views';

const PLAN_NAMES = { standard: 'Basic', advanced: 'Advanced', plus: 'Shopify Plus' } as const;

/** shop, locations, node lookups and the app's own installation. */
export class ShopResolvers {
  static register(roots: RootResolvers): void {
    roots.query.shop = (_args, ctx) => {
      const s = ctx.shop;
      return {
        __typename: 'Shop',
        id: Gid.of('Shop', Object.keys(s.locations)[0] ?? '1'),
        name: s.name,
        myshopifyDomain: s.domain,
        email: `owner@${s.domain}`,
        contactEmail: `owner@${s.domain}`,
        currencyCode: s.currency,
        ianaTimezone: 'UTC',
        timezoneAbbreviation: 'UTC',
        createdAt: s.createdAt,
        primaryDomain: { __typename: 'Domain', id: Gid.of('Domain', '1'), host: s.domain, url: `https://${s.domain}` },
        plan: {
          publicDisplayName: PLAN_NAMES[s.plan],
          displayName: PLAN_NAMES[s.plan],
          shopifyPlus: s.plan === 'plus',
          partnerDevelopment: false,
        },
      };
    };
    roots.query.locations = (args, ctx) => {
      const q = SearchQuery.parse(args.query as string | null);
      const list = Object.values(ctx.shop.locations)
        .filter((l) => args.includeInactive === true || l.isActive)
        // Locations that fulfillment service apps manage only with includeLegacy (QueryRoot.locations docs).
        .filter((l) => args.includeLegacy === true || !l.fulfillmentServiceId)
        .filter((l) => q.matches((f) => (f === 'name' || f === 'default' ? l.name : f === 'id' ? l.id : null)));
      const sorted = args.sortKey === 'ID' ? ConnectionBuilder.byId(list) : [...list].sort((a, b) => a.name.localeCompare(b.name));
      const views = SandboxViews.of(ctx).catalog;
      return views.connection(sorted, args, (l) => views.location(l));
    };
    roots.query.location = (args, ctx) => {
      const id = args.id === undefined || args.id === null ? Object.keys(ctx.shop.locations)[0] : Gid.parse(args.id, 'Location');
      const l = ctx.shop.locations[id ?? ''];
      return l ? SandboxViews.of(ctx).catalog.location(l) : null;
    };
    roots.query.fulfillmentService = (args, ctx) => {
      const service = ctx.shop.fulfillmentServices?.[Gid.parse(args.id, 'FulfillmentService') ?? ''];
      return service ? SandboxViews.of(ctx).fulfillmentOrders.service(service) : null;
    };
    roots.query.node = (args, ctx) => ShopResolvers.node(args.id, ctx);
    roots.query.nodes = (args, ctx) => (args.ids as string[]).map((id) => ShopResolvers.node(id, ctx));
    roots.query.currentAppInstallation = (_args, ctx) => ({
      __typename: 'AppInstallation',
      id: Gid.of('AppInstallation', '1'),
      accessScopes: ctx.token.scopes.map((handle) => ({ handle, description: handle })),
    });
  }

  static node(gid: unknown, ctx: ResolverContext): unknown {
    const type = Gid.typeOf(gid);
    const id = Gid.parse(gid) ?? '';
    const { catalog, orders, returns, fulfillmentOrders } = SandboxViews.of(ctx);
    const s = ctx.shop;
    const pick = <T>(record: T | undefined, view: (r: T) => unknown) => (record ? view(record) : null);
    switch (type) {
      case 'Product':
        return pick(s.products[id], (r) => catalog.product(r));
      case 'ProductVariant':
        return pick(s.variants[id], (r) => catalog.variant(r));
      case 'InventoryItem':
        return pick(s.inventoryItems[id], (r) => catalog.inventoryItem(r));
      case 'Location':
        return pick(s.locations[id], (r) => catalog.location(r));
      case 'Order':
        return pick(s.orders[id], (r) => orders.order(r));
      case 'FulfillmentOrder':
        // Fulfillment orders outside the token's scopes are not found, as in the fulfillmentOrders connections.
        return pick(s.fulfillmentOrders[id], (r) => (fulfillmentOrders.access.visible(r) ? orders.fulfillmentOrder(r) : null));
      case 'Fulfillment':
        return pick(s.fulfillments[id], (r) => orders.fulfillment(r));
      case 'Return':
        return pick(s.returns[id], (r) => returns.returnView(r));
      case 'ReverseFulfillmentOrder':
        return pick(s.reverseFulfillmentOrders[id], (r) => returns.reverseFulfillmentOrder(r));
      case 'Customer':
        return pick(s.customers[id], (r) => orders.customer(r));
      case 'CalculatedOrder':
        return pick(s.orderEdits?.[id], (r) => SandboxViews.of(ctx).orderEdits.calculatedOrder(r));
      case 'BulkOperation':
        return pick(s.bulkOperations[id], (r) => BulkOperationResolvers.view(ctx, r));
      case null:
      default:
        return null;
    }
  }
}
