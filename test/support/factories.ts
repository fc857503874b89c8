import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app';

let counter = 0;
/** A short unique code for test data, readable in failures. */
export const uniq = (prefix: string): string => `${prefix}-${++counter}-${randomUUID().slice(0, 6)}`;

export interface WarehouseRecord {
  id: string;
  code: string;
  name: string;
}

export interface ProductRecord {
  id: string;
  sku: string;
  barcode: string | null;
  name: string;
}

export async function makeWarehouse(t: TestApp, overrides: Partial<{ code: string; name: string }> = {}): Promise<WarehouseRecord> {
  const code = overrides.code ?? uniq('WH');
  const res = await t
    .http()
    .post('/api/v1/warehouses')
    .send({ code, name: overrides.name ?? `Warehouse ${code}` })
    .expect(201);
  return res.body as WarehouseRecord;
}

export async function makeShippingProcess(
  t: TestApp,
  warehouseId: string,
  overrides: Partial<{ code: string; name: string }> = {},
): Promise<{ id: string; code: string; warehouseId: string }> {
  const code = overrides.code ?? uniq('SP');
  const res = await t
    .http()
    .post('/api/v1/shipping-processes')
    .send({ code, name: overrides.name ?? `Process ${code}`, warehouseId })
    .expect(201);
  return res.body as { id: string; code: string; warehouseId: string };
}

export async function makeProduct(
  t: TestApp,
  overrides: Partial<{ sku: string; barcode: string; name: string }> = {},
): Promise<ProductRecord> {
  const sku = overrides.sku ?? uniq('SKU');
  const res = await t
    .http()
    .post('/api/v1/products')
    .send({ sku, name: overrides.name ?? `Product ${sku}`, ...(overrides.barcode ? { barcode: overrides.barcode } : {}) })
    .expect(201);
  return res.body as ProductRecord;
}

export async function receive(t: TestApp, sku: string, warehouseId: string, quantity: number): Promise<void> {
  await t.http().post('/api/v1/stock/movements').send({ type: 'receipt', sku, warehouseId, quantity }).expect(201);
}

export async function levelOf(
  t: TestApp,
  sku: string,
  warehouseId: string,
): Promise<{ onHand: number; reserved: number; available: number }> {
  const res = await t
    .http()
    .get(`/api/v1/stock/levels?sku=${encodeURIComponent(sku)}&warehouseId=${warehouseId}`)
    .expect(200);
  const [level] = res.body as { onHand: number; reserved: number; available: number }[];
  if (!level) {
    return { onHand: 0, reserved: 0, available: 0 };
  }
  return { onHand: level.onHand, reserved: level.reserved, available: level.available };
}

export async function makeOrder(
  t: TestApp,
  warehouseId: string,
  lines: { sku: string; quantity: number }[],
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; status: string; lines: { id: string; sku: string; quantity: number }[] }> {
  const res = await t
    .http()
    .post('/api/v1/orders')
    .send({ warehouseId, lines, ...overrides })
    .expect(201);
  return res.body as { id: string; status: string; lines: { id: string; sku: string; quantity: number }[] };
}
