import { CatalogViews } from './catalog.views';
import { FulfillmentOrderViews } from './fulfillment-order.views';
import { OrderEditViews } from './order-edit.views';
import { OrderViews } from './order.views';
import type { ResolverContext } from './resolver-context';
import { ReturnViews } from './return.views';

const cache = new WeakMap<ResolverContext, SandboxViews>();

/** The view builders for one request. */
export class SandboxViews {
  readonly catalog: CatalogViews;
  readonly orders: OrderViews;
  readonly fulfillmentOrders: FulfillmentOrderViews;
  readonly returns: ReturnViews;
  readonly orderEdits: OrderEditViews;

  private constructor(ctx: ResolverContext) {
    this.catalog = new CatalogViews(ctx);
    this.orders = new OrderViews(ctx, this.catalog);
    this.fulfillmentOrders = new FulfillmentOrderViews(ctx, this.catalog, this.orders);
    this.returns = new ReturnViews(ctx, this.orders);
    this.orderEdits = new OrderEditViews(ctx, this.catalog, this.orders);
  }

  static of(ctx: ResolverContext): SandboxViews {
    let views = cache.get(ctx);
    if (!views) {
      views = new SandboxViews(ctx);
      cache.set(ctx, views);
    }
    return views;
  }
}
