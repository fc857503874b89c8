import { Gid } from '../common/gid';
import { Money } from '../common/money';
import type { OrderEditRecord } from '../state/shop-records';
import type { CatalogViews } from './catalog.views';
import { OrderEditWorkflow, type CalculatedLine } from './order-edit.workflow';
import { OrderViews } from './order.views';
import type { Args, ResolverContext } from './resolver-context';

/** GraphQL view objects for order editing: CalculatedOrder, CalculatedLineItem, staged changes. */
export class OrderEditViews {
  constructor(
    private readonly ctx: ResolverContext,
    private readonly catalog: CatalogViews,
    private readonly orders: OrderViews,
  ) {}

  private bag(amount: string): Record<string, unknown> {
    return Money.bag(amount, this.ctx.shop.currency);
  }

  session(edit: OrderEditRecord): Record<string, unknown> {
    return { __typename: 'OrderEditSession', id: Gid.of('OrderEditSession', edit.id) };
  }

  calculatedOrder(edit: OrderEditRecord): Record<string, unknown> {
    const workflow = new OrderEditWorkflow(this.ctx);
    const order = this.ctx.shop.orders[edit.orderId];
    const lines = workflow.lines(edit);
    const subtotal = workflow.subtotal(edit);
    const totals = OrderViews.totals(order);
    // Taxes and shipping are not recalculated by the sandbox; only the line subtotal moves.
    const total = Money.sum([totals.total, `-${totals.subtotal}`, subtotal]);
    const paid = order.financialStatus === 'PAID' ? totals.total : '0.00';
    const changes = lines.flatMap((l) => this.stagedChanges(l).map((c, i) => ({ id: `${l.id}${i}`, change: c })));
    return {
      __typename: 'CalculatedOrder',
      id: Gid.of('CalculatedOrder', edit.id),
      committed: edit.committed,
      originalOrder: () => this.orders.order(order),
      lineItems: (args: Args) => this.catalog.connection(lines, args, (l) => this.calculatedLineItem(l)),
      addedLineItems: (args: Args) =>
        this.catalog.connection(
          lines.filter((l) => !l.lineItem),
          args,
          (l) => this.calculatedLineItem(l),
        ),
      stagedChanges: (args: Args) => this.catalog.connection(changes, args, (c) => c.change),
      addedDiscountApplications: (args: Args) => this.catalog.connection([], args, () => null),
      subtotalLineItemsQuantity: lines.reduce((acc, l) => acc + l.quantity, 0),
      subtotalPriceSet: this.bag(subtotal),
      totalPriceSet: this.bag(total),
      totalOutstandingSet: this.bag(Money.sum([total, `-${paid}`])),
      cartDiscountAmountSet: null,
      taxLines: [],
      shippingLines: [],
      notificationPreviewTitle: `Order ${order.name} has been updated`,
      notificationPreviewHtml: null,
    };
  }

  calculatedLineItem(line: CalculatedLine): Record<string, unknown> {
    const variant = this.ctx.shop.variants[line.variantId ?? ''];
    const product = variant ? this.ctx.shop.products[variant.productId] : undefined;
    const item = variant ? this.ctx.shop.inventoryItems[variant.inventoryItemId] : undefined;
    const price = new OrderEditWorkflow(this.ctx).price(line);
    const editable = line.quantity - line.fulfilled;
    const li = line.lineItem;
    return {
      __typename: 'CalculatedLineItem',
      id: Gid.of('CalculatedLineItem', line.id),
      quantity: line.quantity,
      editableQuantity: editable,
      editableQuantityBeforeChanges: line.before - line.fulfilled,
      sku: li ? li.sku : (variant?.sku ?? null),
      title: li ? li.title : (product?.title ?? ''),
      variantTitle: li ? li.variantTitle : variant && variant.title !== 'Default Title' ? variant.title : null,
      variant: variant ? () => this.catalog.variant(variant) : null,
      customAttributes: (li?.properties ?? []).map((p) => ({ key: p.name, value: p.value })),
      originalUnitPriceSet: this.bag(price),
      discountedUnitPriceSet: this.bag(price),
      editableSubtotalSet: this.bag(Money.format(Number(price) * editable)),
      uneditableSubtotalSet: this.bag(Money.format(Number(price) * line.fulfilled)),
      restockable: li !== null && item?.tracked === true && line.before > line.fulfilled,
      restocking: line.restock && line.quantity < line.before,
      hasStagedLineItemDiscount: false,
      calculatedDiscountAllocations: [],
      discountAllocations: [],
      image: null,
      stagedChanges: this.stagedChanges(line),
    };
  }

  private stagedChanges(line: CalculatedLine): Record<string, unknown>[] {
    const li = line.lineItem;
    const variant = this.ctx.shop.variants[line.variantId ?? ''];
    if (!li) {
      return variant && line.quantity > 0
        ? [{ __typename: 'OrderStagedChangeAddVariant', quantity: line.quantity, variant: () => this.catalog.variant(variant) }]
        : [];
    }
    const delta = line.quantity - line.before;
    const lineItem = () => this.orders.lineItem(li, line.fulfilled, []);
    if (delta > 0) {
      return [{ __typename: 'OrderStagedChangeIncrementItem', delta, lineItem }];
    }
    if (delta < 0) {
      return [{ __typename: 'OrderStagedChangeDecrementItem', delta: -delta, lineItem, restock: line.restock }];
    }
    return [];
  }
}
