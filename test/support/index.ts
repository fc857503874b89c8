export { startTestApp, resetState, type TestApp } from './test-app';
export { uniq, makeWarehouse, makeShippingProcess, makeProduct, makeOrder, receive, levelOf, type WarehouseRecord, type ProductRecord } from './factories';
