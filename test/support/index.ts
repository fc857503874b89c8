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
export { makeStore } from './channel-factories';
export { AppProcess, ensureBuilt, freePort } from './app-process';
export { AppModule, createApiApp, createSandboxServer, type SandboxServer, type SandboxServerOptions } from './apps';
