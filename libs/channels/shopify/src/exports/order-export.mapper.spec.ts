import { ChannelErrorCode, type ChannelAddress, type ChannelOrderCreate } from '@gantry/core';
import { OrderExportMapper } from './order-export.mapper';

const address = (over: Partial<ChannelAddress> = {}): ChannelAddress => ({
  name: 'Ada Lovelace',
  company: 'Boutique Ada',
  address1: '1 Main St',
  address2: null,
  city: 'Springfield',
  province: 'IL',
  zip: '62701',
  country: 'United States',
  countryCode: 'us',
  phone: '+15555550100',
  ...over,
});

const order = (over: Partial<ChannelOrderCreate> = {}): ChannelOrderCreate => ({
  identity: 'joor:acct-1:order-9:0',
  name: 'JOOR-9',
  sourceName: 'joor',
  poNumber: 'PO-77',
  currency: 'EUR',
  processedAt: '2026-03-01T10:00:00.000Z',
  email: 'buyer@boutique.example',
  customer: { email: 'buyer@boutique.example', firstName: 'Ada', lastName: 'Lovelace', phone: null, company: 'Boutique Ada' },
  shippingAddress: address(),
  billingAddress: null,
  lines: [
    { channelItemId: 'gid://shopify/ProductVariant/1', quantity: 3, unitPrice: '19.99', title: 'Tee', properties: [] },
    {
      channelItemId: 'gid://shopify/ProductVariant/2',
      quantity: 1,
      unitPrice: '5',
      title: 'Cap',
      properties: [{ name: 'Style #', value: 'C-1' }],
    },
  ],
  shipping: null,
  tax: null,
  note: null,
  attributes: [],
  tags: [],
  fulfilled: false,
  channelLocationId: null,
  inventoryBehaviour: 'decrement_ignoring_policy',
  ...over,
});

describe('OrderExportMapper.orderCreateInput', () => {
  it('maps an unpaid, unfulfilled order with its identity, customer upsert, lines at wholesale prices and no receipts', () => {
    const input = OrderExportMapper.orderCreateInput(order());
    expect(input.options).toEqual({ inventoryBehaviour: 'DECREMENT_IGNORING_POLICY', sendReceipt: false, sendFulfillmentReceipt: false });
    expect(input.order).toEqual({
      currency: 'EUR',
      email: 'buyer@boutique.example',
      customer: { toUpsert: { email: 'buyer@boutique.example', firstName: 'Ada', lastName: 'Lovelace', tags: ['JOOR', 'Wholesale'] } },
      shippingAddress: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        company: 'Boutique Ada',
        address1: '1 Main St',
        city: 'Springfield',
        provinceCode: 'IL',
        zip: '62701',
        countryCode: 'US',
        phone: '+15555550100',
      },
      lineItems: [
        {
          variantId: 'gid://shopify/ProductVariant/1',
          quantity: 3,
          priceSet: { shopMoney: { amount: '19.99', currencyCode: 'EUR' } },
          requiresShipping: true,
        },
        {
          variantId: 'gid://shopify/ProductVariant/2',
          quantity: 1,
          priceSet: { shopMoney: { amount: '5', currencyCode: 'EUR' } },
          requiresShipping: true,
          properties: [{ name: 'Style #', value: 'C-1' }],
        },
      ],
      poNumber: 'PO-77',
      name: 'JOOR-9',
      sourceName: 'joor',
      sourceIdentifier: 'joor:acct-1:order-9:0',
      processedAt: '2026-03-01T10:00:00.000Z',
      financialStatus: 'PENDING',
    });
  });

  it('puts the tax on each line (never on the order) with price × quantity × rate rounded to cents', () => {
    const input = OrderExportMapper.orderCreateInput(order({ tax: { title: 'VAT', rate: '0.19' } }));
    expect(input.order.taxLines).toBeUndefined();
    const lines = input.order.lineItems as { taxLines: unknown }[];
    expect(lines.map((l) => l.taxLines)).toEqual([
      // 19.99 × 3 × 0.19 = 11.3943
      [{ title: 'VAT', rate: '0.19', priceSet: { shopMoney: { amount: '11.39', currencyCode: 'EUR' } } }],
      // 5 × 1 × 0.19 = 0.95
      [{ title: 'VAT', rate: '0.19', priceSet: { shopMoney: { amount: '0.95', currencyCode: 'EUR' } } }],
    ]);
  });

  it('carries note, attributes, tags, shipping and a billing address; omits what is null or blank', () => {
    const input = OrderExportMapper.orderCreateInput(
      order({
        note: 'Payment terms: Net 30',
        attributes: [{ key: 'joor_order_id', value: '9' }],
        tags: ['JOOR', 'Wholesale', 'FW26'],
        shipping: { title: 'UPS Ground', price: '12.50' },
        billingAddress: address({ name: 'Acme', province: 'Bavaria', countryCode: null, country: 'Germany', phone: ' ' }),
        name: null,
        poNumber: '  ',
        processedAt: null,
        email: null,
        customer: null,
      }),
    );
    expect(input.order).toMatchObject({
      note: 'Payment terms: Net 30',
      customAttributes: [{ key: 'joor_order_id', value: '9' }],
      tags: ['JOOR', 'Wholesale', 'FW26'],
      shippingLines: [{ title: 'UPS Ground', priceSet: { shopMoney: { amount: '12.50', currencyCode: 'EUR' } } }],
      billingAddress: {
        firstName: 'Acme',
        company: 'Boutique Ada',
        address1: '1 Main St',
        city: 'Springfield',
        province: 'Bavaria',
        zip: '62701',
        country: 'Germany',
      },
    });
    for (const absent of ['name', 'poNumber', 'processedAt', 'email', 'customer', 'fulfillment', 'fulfillmentStatus']) {
      expect(input.order).not.toHaveProperty(absent);
    }
    expect(input.order.billingAddress).not.toHaveProperty('lastName');
    expect(input.order.billingAddress).not.toHaveProperty('phone');
  });

  it('fulfils from the location when one is given (numeric or GID), else only marks the order fulfilled', () => {
    for (const loc of ['42', 'gid://shopify/Location/42']) {
      const input = OrderExportMapper.orderCreateInput(order({ fulfilled: true, channelLocationId: loc }));
      expect(input.order.fulfillment).toEqual({ locationId: 'gid://shopify/Location/42', notifyCustomer: false });
      expect(input.order).not.toHaveProperty('fulfillmentStatus');
    }
    const statusOnly = OrderExportMapper.orderCreateInput(order({ fulfilled: true, channelLocationId: null }));
    expect(statusOnly.order.fulfillmentStatus).toBe('FULFILLED');
    expect(statusOnly.order).not.toHaveProperty('fulfillment');
    const notFulfilled = OrderExportMapper.orderCreateInput(order({ fulfilled: false, channelLocationId: '42' }));
    expect(notFulfilled.order).not.toHaveProperty('fulfillment');
  });

  it.each([
    ['decrement_obeying_policy', 'DECREMENT_OBEYING_POLICY'],
    ['decrement_ignoring_policy', 'DECREMENT_IGNORING_POLICY'],
    ['bypass', 'BYPASS'],
  ] as const)('inventory behaviour %s → %s', (behaviour, shopify) => {
    expect(OrderExportMapper.orderCreateInput(order({ inventoryBehaviour: behaviour })).options.inventoryBehaviour).toBe(shopify);
  });

  it('refuses a unit price that is not a decimal before calling Shopify', () => {
    expect(() =>
      OrderExportMapper.orderCreateInput(
        order({
          tax: { title: 'VAT', rate: '0.2' },
          lines: [{ channelItemId: 'gid://shopify/ProductVariant/1', quantity: 1, unitPrice: '1,50', title: 'x', properties: [] }],
        }),
      ),
    ).toThrow(expect.objectContaining({ code: ChannelErrorCode.INVALID_DATA }));
  });
});

describe('OrderExportMapper helpers', () => {
  it.each([
    ['10', 1, '0.2', '2.00'],
    ['0.05', 1, '0.1', '0.01'], // 0.005 rounds half up
    ['0.04', 1, '0.1', '0.00'],
    ['33.333', 3, '0.07', '7.00'], // 6.99993
    ['1234567890123.45', 1000, '0.123456', '152414813443080.64'],
    ['0', 5, '0.19', '0.00'],
  ])('taxAmount(%s × %d × %s) = %s', (price, quantity, rate, amount) => {
    expect(OrderExportMapper.taxAmount(price, quantity, rate)).toBe(amount);
  });

  it('splits names; a single word is the first name', () => {
    expect(OrderExportMapper.splitName('Ada King Lovelace')).toEqual({ firstName: 'Ada', lastName: 'King Lovelace' });
    expect(OrderExportMapper.splitName('Acme')).toEqual({ firstName: 'Acme', lastName: null });
    expect(OrderExportMapper.splitName('  ')).toEqual({ firstName: null, lastName: null });
  });

  it('reads ids as GIDs and quotes search values', () => {
    expect(OrderExportMapper.locationGid(null)).toBeNull();
    expect(OrderExportMapper.locationGid('7')).toBe('gid://shopify/Location/7');
    expect(OrderExportMapper.orderGid('9')).toBe('gid://shopify/Order/9');
    expect(OrderExportMapper.orderGid('gid://shopify/Order/9')).toBe('gid://shopify/Order/9');
    expect(OrderExportMapper.orderGid('gid://shopify/Product/9')).toBeNull();
    expect(OrderExportMapper.searchValue("a:b'c\\d")).toBe("'a:b\\'c\\\\d'");
  });

  it('maps an order back as the export reference', () => {
    expect(
      OrderExportMapper.toRef({ id: 'gid://shopify/Order/9', name: '#1001', cancelledAt: '2026-03-02T00:00:00Z', sourceIdentifier: 'x' }),
    ).toEqual({ externalId: 'gid://shopify/Order/9', name: '#1001', cancelled: true, identity: 'x' });
  });
});
