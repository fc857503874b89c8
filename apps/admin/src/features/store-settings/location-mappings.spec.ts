import {
  labelOf,
  mappingErrors,
  processesOf,
  staleMappings,
  toMappingBody,
  toMappingForm,
  withWarehouse,
  type ShippingProcess,
  type ShopifyLocation,
} from './location-mappings';

const locations: ShopifyLocation[] = [
  { id: 'gid://shopify/Location/1', name: 'Amsterdam', isActive: true, fulfillsOnlineOrders: true },
  { id: 'gid://shopify/Location/2', name: 'Berlin', isActive: true, fulfillsOnlineOrders: true },
  { id: 'gid://shopify/Location/3', name: 'Pop-up', isActive: true, fulfillsOnlineOrders: false },
];

const processes: ShippingProcess[] = [
  { id: 'p-east', warehouseId: 'w-east', code: 'EAST-SHIP', name: 'East ship' },
  { id: 'p-main-1', warehouseId: 'w-main', code: 'MAIN-SHIP', name: 'Main ship' },
  { id: 'p-main-2', warehouseId: 'w-main', code: 'MAIN-PICKUP', name: 'Main pickup' },
];

describe('toMappingForm', () => {
  it('gives every location a row, filled from its mapping, and keeps the default', () => {
    const form = toMappingForm(locations, [
      { locationId: 'gid://shopify/Location/2', warehouseId: 'w-east', shippingProcessId: 'p-east', isDefault: true },
    ]);
    expect(form.rows).toEqual([
      { locationId: 'gid://shopify/Location/1', locationName: 'Amsterdam', warehouseId: null, shippingProcessId: null },
      { locationId: 'gid://shopify/Location/2', locationName: 'Berlin', warehouseId: 'w-east', shippingProcessId: 'p-east' },
      { locationId: 'gid://shopify/Location/3', locationName: 'Pop-up', warehouseId: null, shippingProcessId: null },
    ]);
    expect(form.defaultLocationId).toBe('gid://shopify/Location/2');
  });

  it('drops a default whose location the shop no longer lists, and reports such mappings as stale', () => {
    const gone = { locationId: 'gid://shopify/Location/9', warehouseId: 'w-east', shippingProcessId: 'p-east', isDefault: true };
    expect(toMappingForm(locations, [gone]).defaultLocationId).toBeNull();
    expect(staleMappings(locations, [gone])).toEqual([gone]);
  });
});

describe('withWarehouse', () => {
  const row = { locationId: 'l', locationName: 'L', warehouseId: null, shippingProcessId: null };

  it("takes a warehouse's only process", () => {
    expect(withWarehouse(row, 'w-east', processes).shippingProcessId).toBe('p-east');
  });

  it('leaves the process to be chosen when the warehouse has several, and drops one of another warehouse', () => {
    expect(withWarehouse({ ...row, warehouseId: 'w-east', shippingProcessId: 'p-east' }, 'w-main', processes).shippingProcessId).toBeNull();
    expect(withWarehouse({ ...row, warehouseId: 'w-main', shippingProcessId: 'p-main-2' }, 'w-main', processes).shippingProcessId).toBe(
      'p-main-2',
    );
  });

  it('clears both when the warehouse is cleared', () => {
    expect(withWarehouse({ ...row, warehouseId: 'w-east', shippingProcessId: 'p-east' }, null, processes)).toEqual(row);
  });
});

describe('processesOf', () => {
  it("lists the warehouse's processes only", () => {
    expect(processesOf('w-main', processes).map((p) => p.id)).toEqual(['p-main-1', 'p-main-2']);
    expect(processesOf(null, processes)).toEqual([]);
  });
});

describe('toMappingBody', () => {
  it('sends the mapped rows only, with the default flag, and remembers which row each item is', () => {
    const { body, rowOf } = toMappingBody({
      rows: [
        { locationId: 'gid://shopify/Location/1', locationName: 'A', warehouseId: null, shippingProcessId: null },
        { locationId: 'gid://shopify/Location/2', locationName: 'B', warehouseId: 'w-east', shippingProcessId: 'p-east' },
        { locationId: 'gid://shopify/Location/3', locationName: 'C', warehouseId: 'w-main', shippingProcessId: null },
      ],
      defaultLocationId: 'gid://shopify/Location/2',
    });
    expect(body).toEqual([
      { locationId: 'gid://shopify/Location/2', warehouseId: 'w-east', shippingProcessId: 'p-east', isDefault: true },
      { locationId: 'gid://shopify/Location/3', warehouseId: 'w-main', shippingProcessId: null, isDefault: false },
    ]);
    expect(rowOf).toEqual([1, 2]);
  });

  it('sends an empty list when nothing is mapped', () => {
    expect(toMappingBody({ rows: [], defaultLocationId: null })).toEqual({ body: [], rowOf: [] });
  });
});

describe('mappingErrors', () => {
  it("puts item errors on the item's row and field", () => {
    const errors = mappingErrors({ '[1].shippingProcessId': 'shippingProcessId is required', '[0].warehouseId': 'No warehouse x' }, [1, 2]);
    expect(errors.rows).toEqual({ 2: { shippingProcessId: 'shippingProcessId is required' }, 1: { warehouseId: 'No warehouse x' } });
    expect(errors.other).toEqual([]);
  });

  it('keeps the default error apart, and errors naming no row for above the table', () => {
    const errors = mappingErrors({ isDefault: 'exactly one must be true', warehouseId: 'Warehouse w would back both' }, []);
    expect(errors.isDefault).toBe('exactly one must be true');
    expect(errors.other).toEqual(['Warehouse w would back both']);
  });

  it('treats an index the body did not have as naming no row', () => {
    expect(mappingErrors({ '[5].locationId': 'is mapped twice' }, [0]).other).toEqual(['is mapped twice']);
  });
});

describe('labelOf', () => {
  it('names an item, or says it is not mapped', () => {
    expect(labelOf('p-east', processes)).toBe('East ship (EAST-SHIP)');
    expect(labelOf(null, processes)).toBe('Not mapped');
    expect(labelOf('unknown', processes)).toBe('unknown');
  });
});
