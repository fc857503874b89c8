export { startTestApp, resetState, type TestApp } from './test-app';
export {
  uniq,
  makeWarehouse,
  makeShippingProcess,
  makeProduct,
  makeOrder,
  receive,
  levelOf,
  type WarehouseRecord,
  type ProductRecord,
} from './factories';
export { FakeChannelAdapter, type FakeCall } from './fake-channel.adapter';
export { FakeChannelSettings, FakeStockSyncSettings } from './fake-channel.settings';
export {
  FAKE_MAX_BATCH,
  FakeStockLedger,
  fakeStockKey,
  type FakeFaultKind,
  type FakeStockBackend,
  type FakeWriteLog,
  type FakeWriteOutcome,
} from './fake-channel.stock';
export { FAKE_CHANNEL_APP_ENTRY, FakeChannelServer, type HeldWrite } from './fake-channel.server';
export { makeStore, mapStockPairs } from './channel-factories';
export { AppProcess, ensureBuilt, freePort } from './app-process';
export { AppModule, createApiApp, createSandboxServer, type SandboxServer, type SandboxServerOptions } from './apps';
export { until } from './until';
export { PrivateRedis } from './private-redis';
export { PrivatePostgres } from './private-postgres';
export { within, seeded } from './timing';
