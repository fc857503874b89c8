import {
  enumLabel,
  orderPatch,
  orderSummary,
  orderValues,
  previewQuery,
  previewSummary,
  returnPatch,
  returnValues,
  splitList,
  stockSyncPatch,
  stockSyncValues,
  toInteger,
} from './store-settings';

const shopify = {
  returns: { enabled: false, autoClose: false },
  stockSync: { mode: 'absolute', enabled: true, windowSeconds: 30 },
  fulfillment: { notifyCustomer: true },
  orderFilters: {
    statuses: ['OPEN'],
    tagsAnyOf: ['b2c', 'web'],
    tagsNoneOf: [],
    createdOnOrAfter: '2026-07-01T08:30:00Z',
    financialStatuses: ['PAID'],
    fulfillmentStatuses: [],
  },
  createMissingProducts: true,
};

describe('small helpers', () => {
  it('reads enum values and field names as words', () => {
    expect(enumLabel('PARTIALLY_PAID')).toBe('Partially paid');
    expect(enumLabel('shipWindow')).toBe('Ship window');
    expect(enumLabel('decrement_ignoring_policy')).toBe('Decrement ignoring policy');
    expect(enumLabel('customerPo')).toBe('Customer PO');
  });

  it('splits a typed list on commas and lines, without blanks or repeats', () => {
    expect(splitList(' b2c, web,\n\nweb ,')).toEqual(['b2c', 'web']);
    expect(splitList('')).toEqual([]);
  });

  it('sends a whole number as a number, blank as null, anything else as typed for the API to name', () => {
    expect(toInteger(' 45 ')).toBe(45);
    expect(toInteger('')).toBeNull();
    expect(toInteger('4.5')).toBe('4.5');
  });
});

describe('stock sync', () => {
  it('reads the settings and builds the patch of the group', () => {
    const values = stockSyncValues(shopify);
    expect(values).toEqual({ enabled: true, mode: 'absolute', windowSeconds: '30' });
    expect(stockSyncPatch({ ...values, mode: 'delta', windowSeconds: '' })).toEqual({
      stockSync: { enabled: true, mode: 'delta', windowSeconds: null },
    });
  });

  it("falls back to the API's defaults when the group is missing", () => {
    expect(stockSyncValues({})).toEqual({ enabled: false, mode: 'absolute', windowSeconds: '30' });
  });
});

describe('orders', () => {
  it('reads filters with tags as text and the date as a day', () => {
    const values = orderValues(shopify);
    expect(values.tagsAnyOf).toBe('b2c, web');
    expect(values.createdOnOrAfter).toBe('2026-07-01');
    expect(values.notifyCustomer).toBe(true);
  });

  it('keeps the saved moment while its day is unchanged, and takes the start of a new day in UTC', () => {
    const values = orderValues(shopify);
    expect(orderPatch(values, true)).toEqual({
      orderFilters: {
        statuses: ['OPEN'],
        financialStatuses: ['PAID'],
        fulfillmentStatuses: [],
        tagsAnyOf: ['b2c', 'web'],
        tagsNoneOf: [],
        createdOnOrAfter: '2026-07-01T08:30:00Z',
      },
      fulfillment: { notifyCustomer: true },
    });
    const changed = orderPatch({ ...values, createdOnOrAfter: '2026-08-02', tagsNoneOf: 'test' }, false);
    expect(changed.orderFilters).toMatchObject({ createdOnOrAfter: '2026-08-02T00:00:00Z', tagsNoneOf: ['test'] });
    expect(changed.fulfillment).toBeUndefined();
    expect(
      (orderPatch({ ...values, createdOnOrAfter: '' }, false).orderFilters as { createdOnOrAfter: unknown }).createdOnOrAfter,
    ).toBeNull();
  });

  it('previews the filters as typed, a cleared list and a cleared date included', () => {
    const values = { ...orderValues(shopify), statuses: [], createdOnOrAfter: '' };
    const query = new URLSearchParams(previewQuery(values, 14));
    expect(query.get('days')).toBe('14');
    expect(query.get('statuses')).toBe('');
    expect(query.get('financialStatuses')).toBe('PAID');
    expect(query.get('tagsAnyOf')).toBe('b2c,web');
    expect(query.get('createdOnOrAfter')).toBe('1970-01-01T00:00:00Z');
  });

  it('sums a preview up', () => {
    expect(previewSummary({ days: 7, truncated: false, counts: { import: 2, hold: 1, skip: 0 }, orders: [] })).toBe(
      'Of 3 orders of the last 7 days: 2 would be imported, 1 held (no mapped product), 0 skipped.',
    );
    expect(previewSummary({ days: 1, truncated: true, counts: { import: 1, hold: 0, skip: 0 }, orders: [] })).toContain(
      'the first 1 order of the last 1 day',
    );
  });

  it('lists the filters for people who may not edit', () => {
    expect(orderSummary(orderValues(shopify), true)).toContainEqual(['Payment statuses', 'Paid']);
    expect(orderSummary(orderValues({}), false)).toEqual([
      ['Order statuses', 'Any'],
      ['Payment statuses', 'Any'],
      ['Fulfillment statuses', 'Any'],
      ['Tags, any of', 'Any'],
      ['Tags, none of', 'None'],
      ['Created on or after', 'No limit'],
    ]);
  });
});

describe('returns', () => {
  it('round-trips the group', () => {
    expect(returnPatch({ ...returnValues(shopify), enabled: true })).toEqual({ returns: { enabled: true, autoClose: false } });
  });
});
