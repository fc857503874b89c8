export enum StoreStatus {
  CONNECTED = 'connected',
  NEEDS_REAUTH = 'needs_reauth',
  DISCONNECTED = 'disconnected',
}
