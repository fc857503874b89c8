// Queue names are persisted in Redis keys: do not rename a value, add a new one.
export enum QueueName {
  OUTBOX = 'outbox-queue',
  STOCK_SYNC = 'stock-sync-queue',
  ORDER_IMPORT = 'order-import-queue',
  FULFILLMENT_PUSH = 'fulfillment-push-queue',
  RETURN_SYNC = 'return-sync-queue',
  WHOLESALE_EXPORT = 'wholesale-export-queue',
}
