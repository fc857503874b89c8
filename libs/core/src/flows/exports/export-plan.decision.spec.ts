import 'reflect-metadata';
import type { WholesaleOrder } from '../../channel/channel-adapter.interface';
import { noteOf, planExport } from './export-plan.decision';
import { WholesaleExportSettings } from './export.settings';

function order(overrides: Partial<WholesaleOrder> = {}): WholesaleOrder {
  return {
    externalId: '9012345',
    modifiedAt: '2026-11-02T09:00:00Z',
    approvedAt: '2026-11-02T08:59:00Z',
    createdAt: '2026-11-01T14:02:11Z',
    poNumber: 'PO-7781',
    currency: 'EUR',
    customer: { code: '678', email: 'anna@nord.example', firstName: 'Anna', lastName: 'Berg', company: 'Nord AB', phone: null },
    shippingAddress: {
      name: 'Nord',
      company: 'Nord AB',
      address1: 'Storgatan 1',
      address2: null,
      city: 'Stockholm',
      province: null,
      zip: '111 22',
      country: 'Sweden',
      countryCode: 'SE',
      phone: null,
    },
    billingAddress: {
      name: 'Nord AB',
      company: 'Nord AB',
      address1: 'Box 42',
      address2: null,
      city: 'Stockholm',
      province: null,
      zip: '111 23',
      country: 'Sweden',
      countryCode: 'SE',
      phone: null,
    },
    shippingTotal: '25.00',
    shippingMethod: 'UPS Ground',
    comments: 'Please ship complete',
    details: {
      paymentTerms: { label: 'Payment terms', value: 'Net 30' },
      shippingMethod: { label: 'Shipping method', value: 'UPS Ground' },
      linesheet: { label: 'Linesheet', value: 'FW25 Delivery 1' },
      season: { label: 'Season', value: 'FW25' },
    },
    tags: ['FW25'],
    lines: [
      {
        externalLineId: '1',
        item: { upc: '111', styleIdentifier: 'p1', styleNumber: 'S-1', sku: 'S-1', color: 'Navy', size: 'M' },
        name: 'Wool Coat',
        quantity: 6,
        unitPrice: '210.00',
        comment: null,
      },
      {
        externalLineId: '2',
        item: { upc: '222', styleIdentifier: 'p2', styleNumber: 'S-2', sku: 'S-2', color: null, size: null },
        name: 'Scarf',
        quantity: 2,
        unitPrice: '15.50',
        comment: 'gift',
      },
      {
        externalLineId: '3',
        item: { upc: '333', styleIdentifier: 'p3', styleNumber: 'S-3', sku: 'S-3', color: null, size: null },
        name: 'Hat',
        quantity: 0,
        unitPrice: '9.00',
        comment: null,
      },
    ],
    ...overrides,
  };
}

const naming = { sourceName: 'JOOR', sinkName: 'Shopify', identity: 'joor-b2b:acct:9012345:1', generation: 1 };
const found = [
  { channelItemId: 'v1', available: 10 },
  { channelItemId: 'v2', available: 2 },
];

describe('planExport', () => {
  it('builds the sink order: wholesale prices, customer, note, attributes, tags, tax of the billing country', () => {
    const settings = Object.assign(new WholesaleExportSettings(), { taxByCountry: [{ countryCode: 'SE', title: 'Moms', rate: '0.25' }] });
    const plan = planExport(order(), found, settings, naming);
    expect(plan.ok).toBe(true);
    if (!plan.ok) {
      return;
    }
    expect(plan.order).toMatchObject({
      identity: naming.identity,
      name: 'JOOR-9012345',
      sourceName: 'joor',
      poNumber: 'PO-7781',
      currency: 'EUR',
      email: 'anna@nord.example',
      customer: { email: 'anna@nord.example', firstName: 'Anna', lastName: 'Berg' },
      shipping: { title: 'UPS Ground', price: '25.00' },
      tax: { title: 'Moms', rate: '0.25' },
      fulfilled: false,
      channelLocationId: null,
      inventoryBehaviour: 'decrement_ignoring_policy',
      tags: ['JOOR', 'Wholesale', 'JOOR-9012345', 'FW25'],
    });
    // The line without units is left out.
    expect(plan.order.lines).toEqual([
      {
        channelItemId: 'v1',
        quantity: 6,
        unitPrice: '210.00',
        title: 'Wool Coat',
        properties: [
          { name: 'JOOR style', value: 'S-1' },
          { name: 'Color', value: 'Navy' },
          { name: 'Size', value: 'M' },
        ],
      },
      {
        channelItemId: 'v2',
        quantity: 2,
        unitPrice: '15.50',
        title: 'Scarf',
        properties: [
          { name: 'JOOR style', value: 'S-2' },
          { name: 'Comment', value: 'gift' },
        ],
      },
    ]);
    expect(plan.order.note).toBe('Please ship complete\n\nPayment terms: Net 30\nShipping method: UPS Ground\nLinesheet: FW25 Delivery 1');
    expect(plan.order.attributes).toEqual(
      expect.arrayContaining([
        { key: 'joor_order_id', value: '9012345' },
        { key: 'joor_export', value: '1' },
        { key: 'joor_customer_code', value: '678' },
        { key: 'Season', value: 'FW25' },
      ]),
    );
  });

  it('names a re-export after its generation', () => {
    const plan = planExport(order(), found, new WholesaleExportSettings(), { ...naming, generation: 3 });
    expect(plan.ok && plan.order.name).toBe('JOOR-9012345-R2');
  });

  it('fulfils when asked, at the configured location when there is one', () => {
    const fulfilled = planExport(order(), found, Object.assign(new WholesaleExportSettings(), { syncAsFulfilled: true }), naming);
    expect(fulfilled.ok && [fulfilled.order.fulfilled, fulfilled.order.channelLocationId]).toEqual([true, null]);
    const located = planExport(
      order(),
      found,
      Object.assign(new WholesaleExportSettings(), { locationId: 'gid://shopify/Location/7' }),
      naming,
    );
    expect(located.ok && [located.order.fulfilled, located.order.channelLocationId]).toEqual([true, 'gid://shopify/Location/7']);
  });

  it('refuses styles the sink does not have, naming them', () => {
    const plan = planExport(
      order(),
      [
        { channelItemId: 'v1', available: 10 },
        { channelItemId: null, available: null },
      ],
      new WholesaleExportSettings(),
      naming,
    );
    expect(plan).toEqual({ ok: false, failure: { code: 'unknown_style', reason: expect.stringContaining('"Scarf" (UPC 222)') } });
  });

  it('refuses when units are short, unless the store bypasses the check', () => {
    const short = [
      { channelItemId: 'v1', available: 5 },
      { channelItemId: 'v2', available: null },
    ];
    const plan = planExport(order(), short, new WholesaleExportSettings(), naming);
    expect(plan).toEqual({
      ok: false,
      failure: { code: 'insufficient_stock', reason: expect.stringContaining('(6 ordered, 5 available)') },
    });
    expect(planExport(order(), short, Object.assign(new WholesaleExportSettings(), { inventoryBehaviour: 'bypass' }), naming).ok).toBe(
      true,
    );
  });

  it('adds up the units of two lines of the same item before checking stock', () => {
    const same = [
      { channelItemId: 'v1', available: 7 },
      { channelItemId: 'v1', available: 7 },
    ];
    const plan = planExport(order(), same, new WholesaleExportSettings(), naming);
    expect(plan.ok).toBe(false);
  });

  it('refuses an order without an e-mail: no customer can be found or created', () => {
    const plan = planExport(order({ customer: { ...order().customer, email: ' ' } }), found, new WholesaleExportSettings(), naming);
    expect(plan.ok || plan.failure.code).toBe('customer_data');
  });

  it('refuses an order without units', () => {
    const plan = planExport(order({ lines: [] }), [], new WholesaleExportSettings(), naming);
    expect(plan.ok || plan.failure.code).toBe('invalid_order');
  });

  it('builds the note from the chosen facts only, in their order', () => {
    expect(noteOf(order({ comments: null }), ['linesheet', 'paymentTerms', 'warehouse'])).toBe(
      'Linesheet: FW25 Delivery 1\nPayment terms: Net 30',
    );
    expect(noteOf(order({ comments: null }), [])).toBeNull();
  });
});
