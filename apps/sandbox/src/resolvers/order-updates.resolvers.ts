import { Gid } from '../common/gid';
import { SandboxGraphqlError } from '../graphql/sandbox-graphql.error';
import type { OrderRecord } from '../state/shop-records';
import { FulfillmentWorkflow } from './fulfillment.workflow';
import type { Args, ResolverContext, RootResolvers } from './resolver-context';
import { SandboxViews } from './sandbox-views';

type UserError = { field: string[] | null; message: string };

// Financial statuses Shopify lets a merchant settle by hand ("Mark as paid").
const PAYABLE = new Set(['PENDING', 'PARTIALLY_PAID', 'AUTHORIZED']);
// The resources tagsAdd/tagsRemove document; only orders are modelled.
const TAGGABLE = new Set(['Order', 'DraftOrder', 'Customer']);

/** orderMarkAsPaid, tagsAdd and tagsRemove: small order updates that announce `orders/updated`. */
export class OrderUpdatesResolvers {
  static register(roots: RootResolvers): void {
    roots.mutation.orderMarkAsPaid = (args, ctx) => OrderUpdatesResolvers.markAsPaid(args, ctx);
    roots.mutation.tagsAdd = (args, ctx) => OrderUpdatesResolvers.tags(args, ctx, 'add');
    roots.mutation.tagsRemove = (args, ctx) => OrderUpdatesResolvers.tags(args, ctx, 'remove');
  }

  /** Shopify accepts a list of tags or comma-separated strings; blanks are dropped. */
  static splitTags(tags: string[]): string[] {
    return tags
      .flatMap((t) => t.split(','))
      .map((t) => t.trim())
      .filter((t) => t.length > 0);
  }

  private static markAsPaid(args: Args, ctx: ResolverContext): unknown {
    const id = (args.input as Args).id;
    const order = ctx.shop.orders[Gid.parse(id, 'Order') ?? ''];
    const fail = (message: string) => ({ order: null, userErrors: [{ field: ['id'], message }] });
    if (!order) {
      return fail('Order does not exist');
    }
    if (!PAYABLE.has(order.financialStatus)) {
      return fail('Order cannot be marked as paid.');
    }
    order.financialStatus = 'PAID';
    order.updatedAt = ctx.store.isoNow();
    new FulfillmentWorkflow(ctx.store, ctx.shop, ctx).announceOrder(order, 'orders/paid', 'orders/updated');
    return { order: SandboxViews.of(ctx).orders.order(order), userErrors: [] };
  }

  private static tags(args: Args, ctx: ResolverContext, mode: 'add' | 'remove'): unknown {
    const type = Gid.typeOf(args.id);
    const fail = (field: string[] | null, message: string) => ({ node: null, userErrors: [{ field, message }] as UserError[] });
    if (type === null || !TAGGABLE.has(type) || Gid.parse(args.id, type) === null) {
      // Shopify answers a resource that cannot be tagged as not found.
      return fail(['id'], 'Resource not found');
    }
    if (type !== 'Order') {
      throw new SandboxGraphqlError(
        `${mode === 'add' ? 'tagsAdd' : 'tagsRemove'} on a ${type} is not implemented by the Gantry sandbox`,
        'NOT_IMPLEMENTED',
      );
    }
    const order = ctx.shop.orders[Gid.parse(args.id, 'Order') ?? ''];
    if (!order) {
      return fail(['id'], 'Order does not exist');
    }
    const tags = OrderUpdatesResolvers.splitTags(args.tags as string[]);
    const before = order.tags.join('\n');
    OrderUpdatesResolvers.applyTags(order, tags, mode);
    // An unchanged order is not saved again, so neither updatedAt nor orders/updated moves.
    if (order.tags.join('\n') !== before) {
      order.updatedAt = ctx.store.isoNow();
      new FulfillmentWorkflow(ctx.store, ctx.shop, ctx).announceOrder(order, 'orders/updated');
    }
    return { node: SandboxViews.of(ctx).orders.order(order), userErrors: [] };
  }

  private static applyTags(order: OrderRecord, tags: string[], mode: 'add' | 'remove'): void {
    // Tags compare case-insensitively; an existing tag keeps its spelling.
    const key = (t: string) => t.toLowerCase();
    if (mode === 'remove') {
      const gone = new Set(tags.map(key));
      order.tags = order.tags.filter((t) => !gone.has(key(t)));
      return;
    }
    const seen = new Set(order.tags.map(key));
    for (const tag of tags) {
      if (!seen.has(key(tag))) {
        seen.add(key(tag));
        order.tags.push(tag);
      }
    }
  }
}
