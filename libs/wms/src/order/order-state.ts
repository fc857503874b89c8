import { OrderStatus } from './order-status.enum';

interface LineState {
  quantity: number;
  shippedQuantity: number;
}

/** Anything of the order has left the warehouse: its lines may no longer change, nor may it be cancelled by a channel. */
export function hasShipped(order: { status: OrderStatus; lines: LineState[] }): boolean {
  return (
    order.status === OrderStatus.PARTIALLY_SHIPPED || order.status === OrderStatus.SHIPPED || order.lines.some((l) => l.shippedQuantity > 0)
  );
}

/**
 * The status an order that is not cancelled has by its lines and hold: held → needs_attention, unless it has shipped
 * in full (a shipped order stays shipped and only records why it would have been held).
 */
export function statusOf(lines: LineState[], held: boolean): OrderStatus {
  const shipped = lines.some((l) => l.shippedQuantity > 0);
  if (shipped && lines.every((l) => l.shippedQuantity >= l.quantity)) {
    return OrderStatus.SHIPPED;
  }
  if (held) {
    return OrderStatus.NEEDS_ATTENTION;
  }
  return shipped ? OrderStatus.PARTIALLY_SHIPPED : OrderStatus.OPEN;
}
