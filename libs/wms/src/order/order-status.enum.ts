export enum OrderStatus {
  OPEN = 'open',
  /** Held for a person (see the order's holdReason): it keeps its reservations but does not ship. */
  NEEDS_ATTENTION = 'needs_attention',
  PARTIALLY_SHIPPED = 'partially_shipped',
  SHIPPED = 'shipped',
  CANCELLED = 'cancelled',
}
