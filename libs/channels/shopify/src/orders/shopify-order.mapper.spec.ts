import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelOrder } from '@gantry/core';
import { parseLossless } from '../graphql/shopify-graphql.client';
import { ShopifyOrderMapper, type FulfillmentOrderNode, type LineItemNode, type OrderNode } from './shopify-order.mapper';

/** Shopify's published webhook samples, as they are (orders/create and orders/cancelled carry the same order). */
const fixture = (name: 'orders_create' | 'orders_cancelled'): string => readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8');

/** The sample's body, parsed as the webhook handler does; `change` edits a copy. */
type PayloadLine = Record<string, unknown>;
type Payload = Record<string, unknown> & { line_items: PayloadLine[] };

const sample = (change: (body: Payload) => void = () => undefined): Payload => {
  const body = parseLossless(fixture('orders_create')) as Payload;
  change(body);
  return body;
};

const parsed = (body: unknown): ChannelOrder => {
  const result = ShopifyOrderMapper.fromPayload(body);
  if ('invalid' in result) {
    throw new Error(`expected an order, got invalid: ${result.invalid}`);
  }
  return result.order;
};

const invalid = (body: unknown): string => {
  const result = ShopifyOrderMapper.fromPayload(body);
  if (!('invalid' in result)) {
    throw new Error('expected invalid, got an order');
  }
  return result.invalid;
};

const SAMPLE_LINES = [
  ['gid://shopify/LineItem/487817672276298554', 'SKU2006-001', 'Aviator sunglasses'],
  ['gid://shopify/LineItem/789012345678901234', 'LENS-PROTECT-2YR', 'Lens Protection Plan (2 Year)'],
  ['gid://shopify/LineItem/890123456789012345', 'CASE-LEATHER-PREM', 'Premium Leather Case'],
  ['gid://shopify/LineItem/976318377106520349', 'SKU2006-020', 'Mid-century lounger'],
  ['gid://shopify/LineItem/315789986012684393', 'SKU2006-035', 'Coffee table'],
] as const;

const SAMPLE_ADDRESS = {
  firstName: 'Steve',
  lastName: 'Shipper',
  company: 'Shipping Company',
  address1: '123 Shipping Street',
  address2: null,
  city: 'Shippington',
  province: 'Kentucky',
  provinceCode: 'KY',
  zip: '40003',
  country: 'United States',
  countryCode: 'US',
  phone: '555-555-SHIP',
};

describe('ShopifyOrderMapper.fromPayload', () => {
  it('reads Shopify’s orders/create sample', () => {
    expect(parsed(sample())).toEqual({
      externalId: 'gid://shopify/Order/820982911946154508',
      externalNumber: '#9999',
      // -05:00 offsets become ISO UTC.
      createdAt: '2022-01-01T00:00:00.000Z',
      updatedAt: '2022-01-01T00:00:00.000Z',
      // Shopify's sample is a cancelled, voided order.
      cancelledAt: '2022-01-01T00:00:00.000Z',
      status: 'CANCELLED',
      financialStatus: 'VOIDED',
      fulfillmentStatus: 'UNFULFILLED',
      tags: ['tag1', 'tag2'],
      lines: SAMPLE_LINES.map(([externalLineId, sku, title]) => ({ externalLineId, channelItemId: null, sku, quantity: 1, title })),
      shippingAddress: SAMPLE_ADDRESS,
    });
  });

  it('reads the orders/cancelled sample as a cancelled order', () => {
    const order = parsed(parseLossless(fixture('orders_cancelled')));
    expect(order.status).toBe('CANCELLED');
    expect(order.cancelledAt).toBe('2022-01-01T00:00:00.000Z');
  });

  describe('ids', () => {
    it('takes them from admin_graphql_api_id, not from the numeric ids (beyond 2^53 they are lossy)', () => {
      const text = fixture('orders_create');
      // JSON.parse rounds the sample's ids (820982911946154508 > 2^53): the numbers would name another order.
      const lossy = JSON.parse(text) as { id: number };
      expect(String(lossy.id)).not.toBe('820982911946154508');
      expect(parsed(lossy).externalId).toBe('gid://shopify/Order/820982911946154508');
      expect(parsed(parseLossless(text))).toEqual(parsed(lossy));
    });

    it('keeps a 20-digit variant_id exact when the body goes through parseLossless', () => {
      const text = fixture('orders_create').replace('"variant_id": null', '"variant_id": 12345678901234567891');
      expect(text).toContain('"variant_id": 12345678901234567891');
      const order = parsed(parseLossless(text));
      expect(order.lines[0].channelItemId).toBe('gid://shopify/ProductVariant/12345678901234567891');
      // A plain JSON.parse would have rounded it.
      expect(parsed(JSON.parse(text)).lines[0].channelItemId).not.toBe('gid://shopify/ProductVariant/12345678901234567891');
    });

    it('takes a safe numeric or textual variant_id as it is', () => {
      const order = parsed(
        sample((b) => {
          b.line_items[0].variant_id = 808950810;
          b.line_items[1].variant_id = '49148385';
        }),
      );
      expect(order.lines.map((l) => l.channelItemId)).toEqual([
        'gid://shopify/ProductVariant/808950810',
        'gid://shopify/ProductVariant/49148385',
        null,
        null,
        null,
      ]);
    });
  });

  describe('statuses in GraphQL enum words', () => {
    it('upper-cases the financial status', () => {
      for (const [rest, graphql] of [
        ['paid', 'PAID'],
        ['pending', 'PENDING'],
        ['authorized', 'AUTHORIZED'],
        ['partially_paid', 'PARTIALLY_PAID'],
        ['partially_refunded', 'PARTIALLY_REFUNDED'],
        ['refunded', 'REFUNDED'],
        ['voided', 'VOIDED'],
      ]) {
        expect(parsed(sample((b) => (b.financial_status = rest))).financialStatus).toBe(graphql);
      }
      expect(parsed(sample((b) => (b.financial_status = null))).financialStatus).toBeNull();
      expect(parsed(sample((b) => delete b.financial_status)).financialStatus).toBeNull();
    });

    it('maps the fulfillment status, null meaning UNFULFILLED', () => {
      for (const [rest, graphql] of [
        [null, 'UNFULFILLED'],
        [undefined, 'UNFULFILLED'],
        ['partial', 'PARTIALLY_FULFILLED'],
        ['fulfilled', 'FULFILLED'],
        ['restocked', 'RESTOCKED'],
      ]) {
        expect(parsed(sample((b) => (b.fulfillment_status = rest))).fulfillmentStatus).toBe(graphql);
      }
    });

    it('is CANCELLED when cancelled (even if closed), CLOSED when closed, else OPEN', () => {
      const open = parsed(sample((b) => (b.cancelled_at = null)));
      expect([open.status, open.cancelledAt]).toEqual(['OPEN', null]);
      const closed = parsed(
        sample((b) => {
          b.cancelled_at = null;
          b.closed_at = '2022-01-02T10:00:00-05:00';
        }),
      );
      expect([closed.status, closed.cancelledAt]).toEqual(['CLOSED', null]);
      const both = parsed(sample((b) => (b.closed_at = '2022-01-02T10:00:00-05:00')));
      expect([both.status, both.cancelledAt]).toEqual(['CANCELLED', '2022-01-01T00:00:00.000Z']);
    });
  });

  it('splits the tags on commas and trims them', () => {
    expect(parsed(sample((b) => (b.tags = ' Express Shipping ,wholesale,, VIP '))).tags).toEqual(['Express Shipping', 'wholesale', 'VIP']);
    expect(parsed(sample((b) => (b.tags = ''))).tags).toEqual([]);
    expect(parsed(sample((b) => delete b.tags)).tags).toEqual([]);
  });

  describe('lines', () => {
    it('prefers current_quantity (after edits and removals) over quantity', () => {
      const order = parsed(
        sample((b) => {
          b.line_items[0].quantity = 3;
          b.line_items[0].current_quantity = 1;
          b.line_items[1].quantity = 2;
          b.line_items[1].current_quantity = 0;
          b.line_items[2].quantity = 4;
          delete b.line_items[2].current_quantity;
        }),
      );
      expect(order.lines.map((l) => l.quantity)).toEqual([1, 0, 4, 1, 1]);
    });

    it('drops lines that need no shipping', () => {
      const order = parsed(
        sample((b) => {
          b.line_items[1].requires_shipping = false;
          b.line_items[3].requires_shipping = false;
        }),
      );
      expect(order.lines.map((l) => l.externalLineId)).toEqual([SAMPLE_LINES[0][0], SAMPLE_LINES[2][0], SAMPLE_LINES[4][0]]);
    });

    it('trims the SKU and reads an empty SKU or title as none', () => {
      const order = parsed(
        sample((b) => {
          b.line_items[0].sku = '  SKU-1 ';
          b.line_items[1].sku = '   ';
          b.line_items[2].sku = null;
          b.line_items[3].title = '';
        }),
      );
      expect(order.lines.map((l) => [l.sku, l.title])).toEqual([
        ['SKU-1', 'Aviator sunglasses'],
        [null, 'Lens Protection Plan (2 Year)'],
        [null, 'Premium Leather Case'],
        ['SKU2006-020', null],
        ['SKU2006-035', 'Coffee table'],
      ]);
    });

    it('reads an order without shipping address', () => {
      expect(parsed(sample((b) => (b.shipping_address = null))).shippingAddress).toBeNull();
      expect(parsed(sample((b) => delete b.shipping_address)).shippingAddress).toBeNull();
    });
  });

  describe('invalid bodies', () => {
    it('refuses what is not a JSON object', () => {
      for (const body of [null, undefined, 'order', 42, [], [sample()]]) {
        expect(invalid(body)).toBe('the body is not a JSON object');
      }
    });

    it('refuses a missing or non-order admin_graphql_api_id', () => {
      for (const id of [undefined, null, '', 820982911946154508n.toString(), 'gid://shopify/Product/1', 'gid://shopify/LineItem/1', 42]) {
        expect(invalid(sample((b) => (b.admin_graphql_api_id = id)))).toBe('admin_graphql_api_id is not an order id');
      }
    });

    it('refuses missing or bad dates', () => {
      expect(invalid(sample((b) => delete b.created_at))).toBe('created_at is not a date');
      expect(invalid(sample((b) => (b.created_at = 'yesterday')))).toBe('created_at is not a date');
      expect(invalid(sample((b) => (b.created_at = 1640995200000)))).toBe('created_at is not a date');
      expect(invalid(sample((b) => (b.updated_at = null)))).toBe('updated_at is not a date');
      expect(invalid(sample((b) => (b.updated_at = '2022-13-45T99:00:00Z')))).toBe('updated_at is not a date');
    });

    it('refuses a bad cancelled_at instead of throwing', () => {
      expect(invalid(sample((b) => (b.cancelled_at = 'not a date')))).toBe('cancelled_at is not a date');
    });

    it('refuses line_items that are not a list', () => {
      for (const lines of [undefined, null, {}, 'x']) {
        expect(invalid(sample((b) => ((b as Record<string, unknown>).line_items = lines)))).toBe('line_items is not a list');
      }
    });

    it('refuses a line that is not an object or has no id', () => {
      expect(invalid(sample((b) => ((b.line_items as unknown[])[2] = null)))).toBe('line_items[2]: not an object');
      expect(invalid(sample((b) => delete b.line_items[1].admin_graphql_api_id))).toBe('line_items[1]: admin_graphql_api_id is missing');
    });

    it('refuses a negative, fractional or missing quantity, even on a line that needs no shipping', () => {
      expect(invalid(sample((b) => (b.line_items[0].current_quantity = -1)))).toBe('line_items[0]: quantity is not a whole number');
      expect(invalid(sample((b) => (b.line_items[3].current_quantity = 1.5)))).toBe('line_items[3]: quantity is not a whole number');
      expect(
        invalid(
          sample((b) => {
            delete b.line_items[4].current_quantity;
            b.line_items[4].quantity = -2;
          }),
        ),
      ).toBe('line_items[4]: quantity is not a whole number');
      expect(
        invalid(
          sample((b) => {
            delete b.line_items[0].current_quantity;
            delete b.line_items[0].quantity;
          }),
        ),
      ).toBe('line_items[0]: quantity is not a whole number');
      expect(
        invalid(
          sample((b) => {
            b.line_items[0].requires_shipping = false;
            b.line_items[0].current_quantity = 0.5;
          }),
        ),
      ).toBe('line_items[0]: quantity is not a whole number');
    });

    it('reads an order without lines', () => {
      expect(parsed(sample((b) => (b.line_items = []))).lines).toEqual([]);
    });
  });
});

/** The sample order as the GraphQL queries of this folder read it. */
const sampleNode = (): OrderNode => ({
  id: 'gid://shopify/Order/820982911946154508',
  name: '#9999',
  createdAt: '2022-01-01T00:00:00Z',
  updatedAt: '2022-01-01T00:00:00Z',
  cancelledAt: '2022-01-01T00:00:00Z',
  closedAt: null,
  displayFinancialStatus: 'VOIDED',
  displayFulfillmentStatus: 'UNFULFILLED',
  tags: ['tag1', 'tag2'],
  shippingAddress: {
    firstName: 'Steve',
    lastName: 'Shipper',
    company: 'Shipping Company',
    address1: '123 Shipping Street',
    address2: null,
    city: 'Shippington',
    province: 'Kentucky',
    provinceCode: 'KY',
    zip: '40003',
    country: 'United States',
    countryCodeV2: 'US',
    phone: '555-555-SHIP',
  },
  lineItems: {
    nodes: SAMPLE_LINES.map(([id, sku, title]): LineItemNode => ({
      id,
      sku,
      title,
      currentQuantity: 1,
      requiresShipping: true,
      variant: null,
    })),
    pageInfo: { hasNextPage: false, endCursor: null },
  },
});

describe('ShopifyOrderMapper.fromNode', () => {
  it('gives the same order as the webhook body of the same order', () => {
    expect(ShopifyOrderMapper.fromNode(sampleNode())).toEqual(parsed(sample()));
  });

  it('gives the same order for an open, paid, partly fulfilled order with variants, edits and a line without shipping', () => {
    const body = sample((b) => {
      b.cancelled_at = null;
      b.closed_at = null;
      b.created_at = '2024-05-06T07:08:09+02:00';
      b.updated_at = '2024-05-07T00:00:00.123-04:00';
      b.financial_status = 'paid';
      b.fulfillment_status = 'partial';
      b.tags = 'web, Express Shipping';
      b.line_items[0].variant_id = 12345678901234567891n.toString();
      b.line_items[0].quantity = 3;
      b.line_items[0].current_quantity = 2;
      b.line_items[1].requires_shipping = false;
      b.line_items[2].sku = ' CASE-LEATHER-PREM ';
    });
    const node = sampleNode();
    node.cancelledAt = null;
    node.createdAt = '2024-05-06T05:08:09Z';
    node.updatedAt = '2024-05-07T04:00:00.123Z';
    node.displayFinancialStatus = 'PAID';
    node.displayFulfillmentStatus = 'PARTIALLY_FULFILLED';
    node.tags = ['web', 'Express Shipping'];
    node.lineItems.nodes[0].variant = { id: 'gid://shopify/ProductVariant/12345678901234567891' };
    node.lineItems.nodes[0].currentQuantity = 2;
    node.lineItems.nodes[1].requiresShipping = false;
    node.lineItems.nodes[2].sku = ' CASE-LEATHER-PREM ';

    const fromNode = ShopifyOrderMapper.fromNode(node);
    expect(fromNode).toEqual(parsed(body));
    expect(fromNode).toMatchObject({
      createdAt: '2024-05-06T05:08:09.000Z',
      updatedAt: '2024-05-07T04:00:00.123Z',
      cancelledAt: null,
      status: 'OPEN',
      financialStatus: 'PAID',
      fulfillmentStatus: 'PARTIALLY_FULFILLED',
    });
    expect(fromNode.lines.map((l) => [l.externalLineId, l.quantity, l.sku])).toEqual([
      [SAMPLE_LINES[0][0], 2, 'SKU2006-001'],
      [SAMPLE_LINES[2][0], 1, 'CASE-LEATHER-PREM'],
      [SAMPLE_LINES[3][0], 1, 'SKU2006-020'],
      [SAMPLE_LINES[4][0], 1, 'SKU2006-035'],
    ]);
  });

  it('reads a closed order and one without shipping address', () => {
    const node = sampleNode();
    node.cancelledAt = null;
    node.closedAt = '2022-01-05T00:00:00Z';
    node.shippingAddress = null;
    expect(ShopifyOrderMapper.fromNode(node)).toMatchObject({ status: 'CLOSED', cancelledAt: null, shippingAddress: null });
  });
});

describe('ShopifyOrderMapper.allocations', () => {
  const fo = (id: string, status: string, location: string | null, lines: [string, number, number][]): FulfillmentOrderNode => ({
    id,
    status,
    assignedLocation: { location: location ? { id: location } : null },
    lineItems: {
      nodes: lines.map(([lineItem, totalQuantity, remainingQuantity]) => ({
        totalQuantity,
        remainingQuantity,
        lineItem: { id: lineItem },
      })),
    },
  });
  const withFos = (...nodes: FulfillmentOrderNode[]): OrderNode => ({ ...sampleNode(), fulfillmentOrders: { nodes } });

  it('is empty for an order read without its fulfillment orders', () => {
    expect(ShopifyOrderMapper.allocations(sampleNode())).toEqual([]);
    expect(ShopifyOrderMapper.allocations(withFos())).toEqual([]);
  });

  it('counts every line of an open fulfillment order, fulfilled part included', () => {
    for (const status of ['OPEN', 'IN_PROGRESS', 'SCHEDULED', 'ON_HOLD', 'INCOMPLETE']) {
      expect(
        ShopifyOrderMapper.allocations(
          withFos(
            fo('gid://shopify/FulfillmentOrder/1', status, 'gid://shopify/Location/1', [
              ['gid://shopify/LineItem/1', 3, 1],
              ['gid://shopify/LineItem/2', 1, 1],
            ]),
          ),
        ),
      ).toEqual([
        {
          externalId: 'gid://shopify/FulfillmentOrder/1',
          channelLocationId: 'gid://shopify/Location/1',
          open: true,
          lines: [
            // What a shipment may still fulfil of each (the remaining quantity) is kept beside the routed quantity.
            { externalLineId: 'gid://shopify/LineItem/1', quantity: 3, openQuantity: 1 },
            { externalLineId: 'gid://shopify/LineItem/2', quantity: 1, openQuantity: 1 },
          ],
        },
      ]);
    }
  });

  it('counts what was fulfilled of a CLOSED one and nothing of a CANCELLED one', () => {
    expect(
      ShopifyOrderMapper.allocations(
        withFos(
          fo('gid://shopify/FulfillmentOrder/1', 'CLOSED', 'gid://shopify/Location/1', [
            ['gid://shopify/LineItem/1', 3, 0],
            ['gid://shopify/LineItem/2', 2, 2],
            ['gid://shopify/LineItem/3', 4, 1],
          ]),
          fo('gid://shopify/FulfillmentOrder/2', 'CANCELLED', 'gid://shopify/Location/2', [['gid://shopify/LineItem/1', 5, 5]]),
          fo('gid://shopify/FulfillmentOrder/3', 'OPEN', null, [['gid://shopify/LineItem/4', 1, 1]]),
        ),
      ),
    ).toEqual([
      {
        externalId: 'gid://shopify/FulfillmentOrder/1',
        channelLocationId: 'gid://shopify/Location/1',
        open: false,
        lines: [
          { externalLineId: 'gid://shopify/LineItem/1', quantity: 3, openQuantity: 0 },
          { externalLineId: 'gid://shopify/LineItem/2', quantity: 0, openQuantity: 0 },
          { externalLineId: 'gid://shopify/LineItem/3', quantity: 3, openQuantity: 0 },
        ],
      },
      { externalId: 'gid://shopify/FulfillmentOrder/2', channelLocationId: 'gid://shopify/Location/2', open: false, lines: [] },
      {
        externalId: 'gid://shopify/FulfillmentOrder/3',
        channelLocationId: null,
        open: true,
        lines: [{ externalLineId: 'gid://shopify/LineItem/4', quantity: 1, openQuantity: 1 }],
      },
    ]);
  });
});
