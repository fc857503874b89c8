/**
 * How long a pair waits for the store's order import when the channel holds less than we sent (a compare-and-set
 * refused, or drift in absolute mode): a sale the channel counted may not be in the warehouse yet, and setting the
 * channel back before it is would sell that stock twice. At least `minSeconds` (the order's webhook is on its way),
 * then until the store has no order left to decide, at most `maxSeconds` (an import that is stuck must not freeze
 * stock sync).
 */
export const STOCK_ORDER_WAIT = { minSeconds: 2, maxSeconds: 60 } as const;
