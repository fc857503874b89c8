export enum OrderStatus {
  OPEN = 'open',
  PARTIALLY_SHIPPED = 'partially_shipped',
  SHIPPED = 'shipped',
  CANCELLED = 'cancelled',
}
