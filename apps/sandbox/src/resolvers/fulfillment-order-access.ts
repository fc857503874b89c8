import { hasAnyScope } from '../graphql/field-resolver';
import { FulfillmentServiceRegistry } from '../state/fulfillment-service.registry';
import type { FulfillmentOrderRecord } from '../state/shop-records';
import type { ResolverContext } from './resolver-context';

export type FulfillmentOrderKind = 'MERCHANT_MANAGED' | 'THIRD_PARTY';

/**
 * Which fulfillment orders a token may see and act on. Shopify filters fulfillment orders by the access scopes of the
 * app (FulfillmentOrder docs, "API access scopes govern which fulfillment orders are returned"):
 * - merchant-managed (assigned to a location of the shop's own): read/write_merchant_managed_fulfillment_orders;
 * - third-party (assigned to a fulfillment service's location): read/write_third_party_fulfillment_orders, or
 *   read/write_assigned_fulfillment_orders for the app that owns the service.
 * Since 2024-10 write_third_party_fulfillment_orders no longer lets an app create fulfillments for another app's
 * fulfillment service (changelog "Order Management apps can no longer fulfill orders that are assigned to a different
 * fulfillment service"): only the owning service app, through write_assigned_fulfillment_orders, may. A staff token acts
 * as the merchant in the admin and may do everything.
 */
export class FulfillmentOrderAccess {
  constructor(private readonly ctx: ResolverContext) {}

  kind(locationId: string): FulfillmentOrderKind {
    return this.ctx.shop.locations[locationId]?.fulfillmentServiceId ? 'THIRD_PARTY' : 'MERCHANT_MANAGED';
  }

  private ownsService(locationId: string): boolean {
    const service = new FulfillmentServiceRegistry(this.ctx.store, this.ctx.shop).ofLocation(locationId);
    return service !== undefined && service.apiKey === this.ctx.token.apiKey;
  }

  private has(...scopes: string[]): boolean {
    return hasAnyScope(this.ctx.token.scopes, scopes);
  }

  /** Whether fulfillment orders at the location are returned to this token at all. */
  canRead(locationId: string): boolean {
    if (this.ctx.token.staff) {
      return true;
    }
    if (this.kind(locationId) === 'MERCHANT_MANAGED') {
      return this.has('read_merchant_managed_fulfillment_orders');
    }
    return (
      this.has('read_third_party_fulfillment_orders') || (this.ownsService(locationId) && this.has('read_assigned_fulfillment_orders'))
    );
  }

  visible(fo: FulfillmentOrderRecord): boolean {
    return this.canRead(fo.locationId);
  }

  /** Holding, releasing, moving and updating tracking: the write scope of the fulfillment order's kind. */
  canManage(locationId: string): boolean {
    if (this.ctx.token.staff) {
      return true;
    }
    if (this.kind(locationId) === 'MERCHANT_MANAGED') {
      return this.has('write_merchant_managed_fulfillment_orders');
    }
    return (
      this.has('write_third_party_fulfillment_orders') || (this.ownsService(locationId) && this.has('write_assigned_fulfillment_orders'))
    );
  }

  /** Creating fulfillments: third-party fulfillment orders only by the app that owns the fulfillment service. */
  canFulfill(locationId: string): boolean {
    if (this.ctx.token.staff) {
      return true;
    }
    if (this.kind(locationId) === 'MERCHANT_MANAGED') {
      return this.has('write_merchant_managed_fulfillment_orders');
    }
    return this.ownsService(locationId) && this.has('write_assigned_fulfillment_orders');
  }
}
