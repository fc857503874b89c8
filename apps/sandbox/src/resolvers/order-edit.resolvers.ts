import { Gid } from '../common/gid';
import type { OrderEditRecord, OrderRecord } from '../state/shop-records';
import { OrderEditWorkflow } from './order-edit.workflow';
import type { Args, ResolverContext, RootResolvers } from './resolver-context';
import { SandboxViews } from './sandbox-views';

type UserError = { field: string[] | null; message: string };
type Lookup = { edit: OrderEditRecord; order: OrderRecord } | { errors: UserError[] };

/** orderEditBegin, orderEditSetQuantity, orderEditAddVariant and orderEditCommit: Shopify's staged order editing. */
export class OrderEditResolvers {
  static register(roots: RootResolvers): void {
    roots.mutation.orderEditBegin = (args, ctx) => OrderEditResolvers.begin(args, ctx);
    roots.mutation.orderEditSetQuantity = (args, ctx) => OrderEditResolvers.setQuantity(args, ctx);
    roots.mutation.orderEditAddVariant = (args, ctx) => OrderEditResolvers.addVariant(args, ctx);
    roots.mutation.orderEditCommit = (args, ctx) => OrderEditResolvers.commit(args, ctx);
  }

  private static editable(order: OrderRecord): string | null {
    return order.cancelledAt ? 'Canceled orders cannot be edited.' : null;
  }

  private static begin(args: Args, ctx: ResolverContext): unknown {
    const order = ctx.shop.orders[Gid.parse(args.id, 'Order') ?? ''];
    const refused = order ? OrderEditResolvers.editable(order) : 'Order does not exist';
    if (!order || refused) {
      return { calculatedOrder: null, orderEditSession: null, userErrors: [{ field: ['id'], message: refused }] };
    }
    const edit: OrderEditRecord = {
      id: ctx.store.nextId(),
      orderId: order.id,
      committed: false,
      changes: {},
      added: [],
      createdAt: ctx.store.isoNow(),
    };
    OrderEditWorkflow.edits(ctx)[edit.id] = edit;
    return OrderEditResolvers.payload(ctx, edit, {});
  }

  /** The calculated order named by `id` (a CalculatedOrder or OrderEditSession gid), still open for changes. */
  private static lookup(id: unknown, ctx: ResolverContext): Lookup {
    const key = Gid.parse(id, 'CalculatedOrder') ?? Gid.parse(id, 'OrderEditSession') ?? '';
    const edit = OrderEditWorkflow.edits(ctx)[key];
    const order = edit ? ctx.shop.orders[edit.orderId] : undefined;
    const fail = (message: string): Lookup => ({ errors: [{ field: ['id'], message }] });
    if (!edit || !order) {
      return fail('The calculated order does not exist.');
    }
    if (edit.committed) {
      return fail('The calculated order has already been committed.');
    }
    const refused = OrderEditResolvers.editable(order);
    return refused ? fail(refused) : { edit, order };
  }

  private static payload(ctx: ResolverContext, edit: OrderEditRecord, extra: Record<string, unknown>): Record<string, unknown> {
    const views = SandboxViews.of(ctx).orderEdits;
    return { calculatedOrder: views.calculatedOrder(edit), orderEditSession: views.session(edit), ...extra, userErrors: [] };
  }

  private static failed(errors: UserError[]): Record<string, unknown> {
    return { calculatedLineItem: null, calculatedOrder: null, orderEditSession: null, userErrors: errors };
  }

  private static setQuantity(args: Args, ctx: ResolverContext): unknown {
    const found = OrderEditResolvers.lookup(args.id, ctx);
    if ('errors' in found) {
      return OrderEditResolvers.failed(found.errors);
    }
    const { edit } = found;
    const workflow = new OrderEditWorkflow(ctx);
    const lineId = Gid.parse(args.lineItemId, 'CalculatedLineItem');
    const line = workflow.lines(edit).find((l) => l.id === lineId);
    const quantity = args.quantity as number;
    if (!line) {
      return OrderEditResolvers.failed([{ field: ['lineItemId'], message: 'The line item does not exist.' }]);
    }
    if (quantity < 0) {
      return OrderEditResolvers.failed([{ field: ['quantity'], message: 'Quantity must be greater than or equal to 0.' }]);
    }
    if (quantity < line.fulfilled) {
      return OrderEditResolvers.failed([
        { field: ['quantity'], message: `Quantity cannot be less than the fulfilled quantity (${line.fulfilled}).` },
      ]);
    }
    if (args.locationId !== undefined && args.locationId !== null && !ctx.shop.locations[Gid.parse(args.locationId, 'Location') ?? '']) {
      return OrderEditResolvers.failed([{ field: ['locationId'], message: 'Location does not exist' }]);
    }
    if (line.lineItem) {
      if (quantity === line.before) {
        delete edit.changes[line.id];
      } else {
        edit.changes[line.id] = { quantity, restock: args.restock === true };
      }
    } else {
      // Setting an added line to zero takes the addition back.
      edit.added = edit.added.flatMap((a) => (a.id !== line.id ? [a] : quantity > 0 ? [{ ...a, quantity }] : []));
    }
    const updated = workflow.lines(edit).find((l) => l.id === line.id);
    const views = SandboxViews.of(ctx).orderEdits;
    return OrderEditResolvers.payload(ctx, edit, { calculatedLineItem: updated ? views.calculatedLineItem(updated) : null });
  }

  private static addVariant(args: Args, ctx: ResolverContext): unknown {
    const found = OrderEditResolvers.lookup(args.id, ctx);
    if ('errors' in found) {
      return OrderEditResolvers.failed(found.errors);
    }
    const { edit } = found;
    const workflow = new OrderEditWorkflow(ctx);
    const variant = ctx.shop.variants[Gid.parse(args.variantId, 'ProductVariant') ?? ''];
    const locationId = args.locationId === undefined || args.locationId === null ? null : Gid.parse(args.locationId, 'Location');
    const errors: UserError[] = [];
    if (!variant) {
      errors.push({ field: ['variantId'], message: 'Variant does not exist' });
    } else if (args.allowDuplicates !== true && workflow.lines(edit).some((l) => l.variantId === variant.id && l.quantity > 0)) {
      errors.push({ field: ['variantId'], message: 'Variant is already on the order.' });
    }
    if ((args.quantity as number) < 1) {
      errors.push({ field: ['quantity'], message: 'Quantity must be greater than 0.' });
    }
    if (locationId === null ? args.locationId !== undefined && args.locationId !== null : !ctx.shop.locations[locationId]) {
      errors.push({ field: ['locationId'], message: 'Location does not exist' });
    }
    if (errors.length > 0 || !variant) {
      return OrderEditResolvers.failed(errors);
    }
    const added = { id: ctx.store.nextId(), variantId: variant.id, quantity: args.quantity as number, locationId };
    edit.added.push(added);
    const line = workflow.lines(edit).find((l) => l.id === added.id);
    const views = SandboxViews.of(ctx).orderEdits;
    return OrderEditResolvers.payload(ctx, edit, { calculatedLineItem: line ? views.calculatedLineItem(line) : null });
  }

  private static commit(args: Args, ctx: ResolverContext): unknown {
    const found = OrderEditResolvers.lookup(args.id, ctx);
    const fail = (errors: UserError[]) => ({ order: null, successMessages: null, userErrors: errors });
    if ('errors' in found) {
      return fail(found.errors);
    }
    const workflow = new OrderEditWorkflow(ctx);
    // Units may have shipped since the change was staged.
    const short = workflow.lines(found.edit).find((l) => l.quantity < l.fulfilled);
    if (short) {
      return fail([{ field: ['id'], message: `Quantity cannot be less than the fulfilled quantity (${short.fulfilled}).` }]);
    }
    const order = workflow.commit(found.edit, args.notifyCustomer === true, (args.staffNote as string | null | undefined) ?? null);
    return { order: SandboxViews.of(ctx).orders.order(order), successMessages: [], userErrors: [] };
  }
}
