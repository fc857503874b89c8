import { hasShipped, statusOf } from './order-state';
import { OrderStatus } from './order-status.enum';

describe('order state', () => {
  const line = (quantity: number, shippedQuantity: number): { quantity: number; shippedQuantity: number } => ({
    quantity,
    shippedQuantity,
  });

  it('derives the status from the lines and the hold', () => {
    expect(statusOf([line(2, 0)], false)).toBe(OrderStatus.OPEN);
    expect(statusOf([line(2, 0)], true)).toBe(OrderStatus.NEEDS_ATTENTION);
    expect(statusOf([line(2, 1)], false)).toBe(OrderStatus.PARTIALLY_SHIPPED);
    expect(statusOf([line(2, 1)], true)).toBe(OrderStatus.NEEDS_ATTENTION);
    // A shipped order stays shipped even when held; a removed line (quantity 0) is done.
    expect(statusOf([line(2, 2), line(0, 0)], true)).toBe(OrderStatus.SHIPPED);
    expect(statusOf([line(0, 0)], false)).toBe(OrderStatus.OPEN);
  });

  it('counts an order as shipped by its status or any shipped line', () => {
    expect(hasShipped({ status: OrderStatus.OPEN, lines: [line(2, 0)] })).toBe(false);
    expect(hasShipped({ status: OrderStatus.NEEDS_ATTENTION, lines: [line(2, 1)] })).toBe(true);
    expect(hasShipped({ status: OrderStatus.SHIPPED, lines: [] })).toBe(true);
  });
});
