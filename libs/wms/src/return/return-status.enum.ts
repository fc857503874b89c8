export enum ReturnStatus {
  OPEN = 'open',
  PARTIALLY_RECEIVED = 'partially_received',
  RECEIVED = 'received',
}
