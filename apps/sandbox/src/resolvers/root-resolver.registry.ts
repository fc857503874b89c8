import type { SandboxFieldResolver } from '../graphql/field-resolver';
import { BulkOperationResolvers } from './bulk-operations.resolvers';
import { CatalogResolvers } from './catalog.resolvers';
import { FulfillmentOrdersResolvers } from './fulfillment-orders.resolvers';
import { FulfillmentResolvers } from './fulfillment.resolvers';
import { InventoryResolvers } from './inventory.resolvers';
import { OrderEditResolvers } from './order-edit.resolvers';
import { OrderUpdatesResolvers } from './order-updates.resolvers';
import { OrdersResolvers } from './orders.resolvers';
import type { RootResolvers } from './resolver-context';
import { ReturnsResolvers } from './returns.resolvers';
import { ReverseFulfillmentOrdersResolvers } from './reverse-fulfillment-orders.resolvers';
import { ShopResolvers } from './shop.resolvers';
import { WebhookSubscriptionsResolvers } from './webhook-subscriptions.resolvers';

/** Every implemented root field of QueryRoot and Mutation. */
export class RootResolverRegistry {
  static build(resolver: () => SandboxFieldResolver): RootResolvers {
    const roots: RootResolvers = { query: {}, mutation: {} };
    ShopResolvers.register(roots);
    CatalogResolvers.register(roots);
    InventoryResolvers.register(roots);
    OrdersResolvers.register(roots);
    OrderUpdatesResolvers.register(roots);
    OrderEditResolvers.register(roots);
    FulfillmentResolvers.register(roots);
    FulfillmentOrdersResolvers.register(roots);
    ReturnsResolvers.register(roots);
    ReverseFulfillmentOrdersResolvers.register(roots);
    WebhookSubscriptionsResolvers.register(roots);
    BulkOperationResolvers.register(roots, resolver);
    return roots;
  }
}
