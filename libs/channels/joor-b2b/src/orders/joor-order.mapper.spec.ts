import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChannelAdapterException, ChannelErrorCode, EXPORT_NOTE_FIELDS } from '@gantry/core';
import fc from 'fast-check';
import { formatCents, sumToCents } from './joor-decimal';
import { JoorOrderMapper } from './joor-order.mapper';

type Payload = Record<string, unknown> & { line_items: Record<string, unknown>[] };

/** The example order of research §7.6, as JOOR sends it (every number a string); `change` edits a copy. */
const sample = (change: (order: Payload) => void = () => undefined): Payload => {
  const order = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'joor-order.json'), 'utf8')) as Payload;
  change(order);
  return order;
};

const refusal = (raw: unknown): ChannelAdapterException => {
  try {
    JoorOrderMapper.toWholesaleOrder(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ChannelAdapterException);
    expect((error as ChannelAdapterException).code).toBe(ChannelErrorCode.INVALID_DATA);
    return error as ChannelAdapterException;
  }
  throw new Error('expected the mapper to refuse the order');
};

describe('JoorOrderMapper', () => {
  it('maps the example order of the research notes completely', () => {
    expect(JoorOrderMapper.toWholesaleOrder(sample())).toEqual({
      externalId: '9012345',
      modifiedAt: '2025-03-02T09:00:00.000Z',
      approvedAt: '2025-03-02T08:59:00.000Z',
      createdAt: '2025-03-01T14:02:11.000Z',
      poNumber: 'PO-7781',
      currency: 'USD',
      customer: {
        code: '6789012345',
        email: 'orders@boutiquenord.example',
        firstName: 'Anna',
        lastName: 'Berg',
        company: 'Boutique Nord AB',
        phone: '+46 8 123 456',
      },
      shippingAddress: {
        name: 'Boutique Nord',
        company: 'Boutique Nord AB',
        address1: 'Storgatan 1',
        address2: null,
        city: 'Stockholm',
        province: null,
        zip: '111 22',
        country: 'Sweden',
        countryCode: 'SE',
        phone: '+46 8 123 456',
      },
      billingAddress: {
        name: 'Boutique Nord AB',
        company: 'Boutique Nord AB',
        address1: 'Box 42',
        address2: null,
        city: 'Stockholm',
        province: null,
        zip: '111 23',
        country: 'Sweden',
        countryCode: 'SE',
        phone: null,
      },
      shippingTotal: null,
      shippingMethod: 'UPS Ground',
      comments: 'Please ship complete',
      details: {
        paymentTerms: { label: 'Payment terms', value: 'Net 30' },
        shippingMethod: { label: 'Shipping method', value: 'UPS Ground' },
        linesheet: { label: 'Linesheet', value: 'FW25 Delivery 1' },
        shipWindow: { label: 'Ship window', value: '2025-07-01 – 2025-07-31' },
        season: { label: 'Season', value: 'FW25' },
        salesRep: { label: 'Sales rep', value: 'J. Doe' },
        customerPo: { label: 'Customer PO', value: 'PO-7781' },
        warehouse: { label: 'Warehouse', value: 'Main' },
        customerCode: { label: 'Customer code', value: '6789012345' },
      },
      tags: ['FW25', 'FW25D1'],
      lines: [
        {
          externalLineId: '1',
          item: {
            upc: '44112233445566',
            styleIdentifier: '7001234567',
            styleNumber: '7001234567',
            sku: '7001234567',
            color: 'Navy',
            size: 'M',
          },
          name: 'Wool Coat - Navy / M',
          quantity: 6,
          unitPrice: '210.00',
          comment: null,
        },
      ],
    });
  });

  it('keys details exactly as the core names its note fields', () => {
    const keys = Object.keys(JoorOrderMapper.toWholesaleOrder(sample()).details);
    expect(keys.sort()).toEqual([...EXPORT_NOTE_FIELDS].sort());
  });

  it('is JSON-safe: what the engine stores reads back the same', () => {
    const order = JoorOrderMapper.toWholesaleOrder(sample());
    expect(JSON.parse(JSON.stringify(order))).toEqual(order);
  });

  it.each([
    ['$', 'USD'],
    ['US$', 'USD'],
    ['€', 'EUR'],
    ['£', 'GBP'],
    ['¥', 'JPY'],
    ['C$', 'CAD'],
    ['usd', 'USD'],
    [' eur ', 'EUR'],
    ['SEK', 'SEK'],
  ])('reads the currency %j as %s', (raw, iso) => {
    expect(JoorOrderMapper.toWholesaleOrder(sample((o) => (o.order_currency = raw))).currency).toBe(iso);
  });

  it.each([['kr'], ['dollars'], [''], [null]])('refuses the currency %j, naming order_currency', (raw) => {
    const error = refusal(sample((o) => (o.order_currency = raw)));
    expect(error.message).toContain('order_currency');
    expect(error.details).toEqual({ orderId: '9012345', field: 'order_currency' });
  });

  it.each([
    ['210.00', '0', '210.00'],
    ['0.10', '0.20', '0.30'],
    ['19.99', '-2.50', '17.49'],
    ['100', '-0.005', '100.00'],
    ['100', '0.005', '100.01'],
    ['12.345', '0', '12.35'],
    ['0.1', '0.7', '0.80'],
    ['1234567890123.45', '0.01', '1234567890123.46'],
    [210, 1.1, '211.10'],
  ])('adds item_price %j and item_price_adjustment %j exactly: %s', (price, adjustment, expected) => {
    const order = sample((o) => {
      o.line_items[0].item_price = price;
      o.line_items[0].item_price_adjustment = adjustment;
    });
    expect(JoorOrderMapper.toWholesaleOrder(order).lines[0].unitPrice).toBe(expected);
  });

  it('adds prices as integers: any two cent amounts sum without drift', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: -10_000_000, max: 10_000_000 }), (a, b) => {
        const cents = sumToCents([formatCents(BigInt(a)), formatCents(BigInt(b))]);
        expect(cents).toBe(BigInt(a + b));
      }),
    );
  });

  it('takes an absent adjustment as none', () => {
    const order = sample((o) => delete o.line_items[0].item_price_adjustment);
    expect(JoorOrderMapper.toWholesaleOrder(order).lines[0].unitPrice).toBe('210.00');
  });

  it('keeps item_quantity as it is, whatever the case-pack multiplier', () => {
    const order = sample((o) => (o.line_items[0].item_multiplier = '12'));
    expect(JoorOrderMapper.toWholesaleOrder(order).lines[0].quantity).toBe(6);
  });

  it('numbers lines by position, skipping lines of 0 units without renumbering the others', () => {
    const order = sample((o) => {
      const [first] = o.line_items;
      o.line_items = [
        { ...first, item_size: 'S', item_quantity: '0' },
        { ...first, item_size: 'M', item_quantity: 2 },
        { ...first, item_size: 'L', item_quantity: '4.00', item_comment: 'long sleeves' },
      ];
    });
    const lines = JoorOrderMapper.toWholesaleOrder(order).lines;
    expect(lines.map((l) => [l.externalLineId, l.item.size, l.quantity, l.comment])).toEqual([
      ['2', 'M', 2, null],
      ['3', 'L', 4, 'long sleeves'],
    ]);
  });

  it('reads an order with only the essentials: every optional field null or absent', () => {
    const order = JoorOrderMapper.toWholesaleOrder({
      order_id: 77,
      date_modified: '2025-04-01 10:30:00',
      order_currency: '€',
      line_items: [{ item_price: '10', item_quantity: '1' }],
    });
    expect(order).toEqual({
      externalId: '77',
      modifiedAt: '2025-04-01T10:30:00.000Z',
      approvedAt: null,
      createdAt: null,
      poNumber: null,
      currency: 'EUR',
      customer: { code: null, email: null, firstName: null, lastName: null, company: null, phone: null },
      shippingAddress: null,
      billingAddress: null,
      shippingTotal: null,
      shippingMethod: null,
      comments: null,
      details: {},
      tags: [],
      lines: [
        {
          externalLineId: '1',
          item: { upc: null, styleIdentifier: null, styleNumber: null, sku: null, color: null, size: null },
          name: 'JOOR item 1',
          quantity: 1,
          unitPrice: '10.00',
          comment: null,
        },
      ],
    });
  });

  it('falls back: created_by_email, customer_name, a one-word buyer, one ship date, a shipping charge', () => {
    const order = JoorOrderMapper.toWholesaleOrder(
      sample((o) => {
        o.shipping_email = '';
        o.company_name = '  ';
        o.customer_buyer_name = 'Anna';
        o.date_ship_end = '';
        o.order_shipping_total = '25.5';
        o.order_delivery_code = 'FW25';
        o.line_items[0].item_color = '';
      }),
    );
    expect(order.customer).toMatchObject({
      email: 'anna@boutiquenord.example',
      company: 'Boutique Nord',
      firstName: 'Anna',
      lastName: null,
    });
    expect(order.details.shipWindow).toEqual({ label: 'Ship window', value: 'from 2025-07-01' });
    expect(order.shippingTotal).toBe('25.50');
    expect(order.tags).toEqual(['FW25']);
    expect(order.lines[0].name).toBe('Wool Coat - M');
  });

  it('omits empty details and an address JOOR left empty', () => {
    const order = JoorOrderMapper.toWholesaleOrder(
      sample((o) => {
        o.payment_method_name = '';
        o.sales_representative = null;
        delete o.warehouse_name;
        for (const key of Object.keys(o).filter((k) => k.startsWith('billing_'))) {
          o[key] = '';
        }
      }),
    );
    expect(Object.keys(order.details)).not.toEqual(expect.arrayContaining(['paymentTerms']));
    expect(order.details.salesRep).toBeUndefined();
    expect(order.details.warehouse).toBeUndefined();
    expect(order.billingAddress).toBeNull();
  });

  it('reads timestamps with or without a zone as UTC instants', () => {
    expect(JoorOrderMapper.timestamp('2025-03-02T09:00:00Z')).toBe('2025-03-02T09:00:00.000Z');
    expect(JoorOrderMapper.timestamp('2025-03-02T10:00:00+01:00')).toBe('2025-03-02T09:00:00.000Z');
    expect(JoorOrderMapper.timestamp('2025-03-02 09:00:00')).toBe('2025-03-02T09:00:00.000Z');
    expect(JoorOrderMapper.timestamp('2025-03-02')).toBe('2025-03-02T00:00:00.000Z');
    expect(JoorOrderMapper.timestamp('last tuesday')).toBeNull();
  });

  describe('refuses a malformed order, naming the field', () => {
    it.each<[string, (o: Payload) => void, string]>([
      ['no order_id', (o) => delete o.order_id, 'order_id'],
      ['an empty order_id', (o) => (o.order_id = ' '), 'order_id'],
      ['no date at all', (o) => ['date_modified', 'date_approved', 'date_created'].forEach((k) => delete o[k]), 'date_modified'],
      ['line_items not a list', (o) => (o.line_items = 'none' as never), 'line_items'],
      ['a line that is no object', (o) => (o.line_items = [42 as never]), 'line_items[0]'],
      ['a fractional quantity', (o) => (o.line_items[0].item_quantity = '1.5'), 'line_items[0].item_quantity'],
      ['a negative quantity', (o) => (o.line_items[0].item_quantity = '-2'), 'line_items[0].item_quantity'],
      ['a missing quantity', (o) => delete o.line_items[0].item_quantity, 'line_items[0].item_quantity'],
      ['a missing price', (o) => delete o.line_items[0].item_price, 'line_items[0].item_price'],
      ['a price that is no number', (o) => (o.line_items[0].item_price = '12,50'), 'line_items[0].item_price'],
      ['an adjustment that is no number', (o) => (o.line_items[0].item_price_adjustment = 'n/a'), 'line_items[0].item_price_adjustment'],
      ['a negative unit price', (o) => (o.line_items[0].item_price_adjustment = '-210.01'), 'line_items[0].item_price_adjustment'],
      ['a shipping total that is no number', (o) => (o.order_shipping_total = 'free'), 'order_shipping_total'],
    ])('%s', (_case, change, field) => {
      const error = refusal(sample(change));
      expect(error.message).toContain(field);
      expect((error.details as { field: string }).field).toBe(field);
    });

    it.each([[null], ['order'], [[]]])('%j is no order', (raw) => {
      expect(refusal(raw).message).toContain('order');
    });
  });
});
