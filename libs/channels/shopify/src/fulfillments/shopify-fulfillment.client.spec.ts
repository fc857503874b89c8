import type { ChannelTracking } from '@gantry/core';
import { ShopifyFulfillmentClient } from './shopify-fulfillment.client';

type OrderStateNode = Parameters<typeof ShopifyFulfillmentClient.state>[0];
type FulfillmentOrderNode = OrderStateNode['fulfillmentOrders']['nodes'][number];
type FulfillmentNode = OrderStateNode['fulfillments'][number];

const LOC_A = 'gid://shopify/Location/1';

const tracking = (carrier: string | null, numbers: string[], urls: (string | null)[]): ChannelTracking => ({ carrier, numbers, urls });

const fulfillmentOrder = (status: string, over: Partial<FulfillmentOrderNode> = {}): FulfillmentOrderNode => ({
  id: 'gid://shopify/FulfillmentOrder/1',
  status,
  assignedLocation: { location: { id: LOC_A } },
  fulfillmentHolds: [],
  lineItems: {
    nodes: [
      { id: 'gid://shopify/FulfillmentOrderLineItem/1', remainingQuantity: 2, lineItem: { id: 'gid://shopify/LineItem/1' } },
      { id: 'gid://shopify/FulfillmentOrderLineItem/2', remainingQuantity: 0, lineItem: { id: 'gid://shopify/LineItem/2' } },
    ],
  },
  ...over,
});

const fulfillment = (id: string, status: string, over: Partial<FulfillmentNode> = {}): FulfillmentNode => ({
  id,
  status,
  trackingInfo: [],
  fulfillmentLineItems: { nodes: [] },
  ...over,
});

const order = (fulfillmentOrders: FulfillmentOrderNode[], fulfillments: FulfillmentNode[] = []): OrderStateNode => ({
  id: 'gid://shopify/Order/1',
  fulfillmentOrders: { nodes: fulfillmentOrders },
  fulfillments,
});

describe('ShopifyFulfillmentClient.trackingInput', () => {
  it("maps the carrier to Shopify's company name and sends numbers and urls when every parcel has a url", () => {
    expect(ShopifyFulfillmentClient.trackingInput(tracking('dhl_express', ['1', '2'], ['https://t/1', 'https://t/2']))).toEqual({
      company: 'DHL Express',
      numbers: ['1', '2'],
      urls: ['https://t/1', 'https://t/2'],
    });
  });

  it('keeps a carrier Shopify does not list as given, trimmed', () => {
    expect(ShopifyFulfillmentClient.trackingInput(tracking(' Kurier Müller ', ['1'], ['https://k/1']))).toEqual({
      company: 'Kurier Müller',
      numbers: ['1'],
      urls: ['https://k/1'],
    });
  });

  it('sends no company without a carrier', () => {
    expect(ShopifyFulfillmentClient.trackingInput(tracking(null, ['1'], [null]))).toEqual({ numbers: ['1'] });
    expect(ShopifyFulfillmentClient.trackingInput(tracking('  ', ['1'], [null]))).toEqual({ numbers: ['1'] });
  });

  it('sends no urls when one parcel has none (the lists must pair up)', () => {
    expect(ShopifyFulfillmentClient.trackingInput(tracking('ups', ['1', '2'], ['https://t/1', null]))).toEqual({
      company: 'UPS',
      numbers: ['1', '2'],
    });
    expect(ShopifyFulfillmentClient.trackingInput(tracking('ups', ['1', '2'], ['https://t/1', '']))).toEqual({
      company: 'UPS',
      numbers: ['1', '2'],
    });
  });

  it('sends numbers even when there are none and no urls', () => {
    expect(ShopifyFulfillmentClient.trackingInput(tracking('gls', [], []))).toEqual({ company: 'GLS', numbers: [] });
  });
});

describe('ShopifyFulfillmentClient.state', () => {
  it('reads an open fulfillment order as an allocation with its location and open lines', () => {
    const state = ShopifyFulfillmentClient.state(order([fulfillmentOrder('OPEN')]));

    expect(state).toEqual({
      orderExternalId: 'gid://shopify/Order/1',
      allocations: [
        {
          externalId: 'gid://shopify/FulfillmentOrder/1',
          channelLocationId: LOC_A,
          status: 'open',
          detail: null,
          lines: [
            { allocationLineId: 'gid://shopify/FulfillmentOrderLineItem/1', externalLineId: 'gid://shopify/LineItem/1', openQuantity: 2 },
            { allocationLineId: 'gid://shopify/FulfillmentOrderLineItem/2', externalLineId: 'gid://shopify/LineItem/2', openQuantity: 0 },
          ],
        },
      ],
      fulfillments: [],
    });
  });

  it('reads an allocation without an assigned location as having none', () => {
    const state = ShopifyFulfillmentClient.state(order([fulfillmentOrder('OPEN', { assignedLocation: { location: null } })]));

    expect(state.allocations[0]?.channelLocationId).toBeNull();
  });

  it.each([
    ['OPEN', 'open', null],
    ['IN_PROGRESS', 'open', null],
    ['ON_HOLD', 'on_hold', 'on_hold'],
    ['SCHEDULED', 'on_hold', 'scheduled'],
    ['CLOSED', 'closed', 'closed'],
    ['CANCELLED', 'cancelled', 'cancelled'],
    ['INCOMPLETE', 'other', 'incomplete'],
    ['SOMETHING_NEW', 'other', 'something_new'],
  ] as const)(
    'maps fulfillment order status %s to %s (raw status as detail when not open and without holds: %p)',
    (status, expected, detail) => {
      const allocation = ShopifyFulfillmentClient.state(order([fulfillmentOrder(status)])).allocations[0];

      expect(allocation?.status).toBe(expected);
      expect(allocation?.detail).toBe(detail);
    },
  );

  it("gives a held allocation's hold reasons and notes as its detail", () => {
    const held = fulfillmentOrder('ON_HOLD', {
      fulfillmentHolds: [
        { reason: 'AWAITING_PAYMENT', reasonNotes: null },
        { reason: 'HIGH_RISK_OF_FRAUD', reasonNotes: 'check the address' },
        { reason: 'OTHER', reasonNotes: '' },
      ],
    });

    expect(ShopifyFulfillmentClient.state(order([held])).allocations[0]?.detail).toBe(
      'awaiting payment; high risk of fraud: check the address; other',
    );
  });

  it('gives no detail for an open allocation even with holds listed', () => {
    const open = fulfillmentOrder('IN_PROGRESS', { fulfillmentHolds: [{ reason: 'OTHER', reasonNotes: 'x' }] });

    expect(ShopifyFulfillmentClient.state(order([open])).allocations[0]?.detail).toBeNull();
  });

  it('reads every fulfillment order of the order, in order', () => {
    const state = ShopifyFulfillmentClient.state(
      order([
        fulfillmentOrder('OPEN', { id: 'gid://shopify/FulfillmentOrder/1' }),
        fulfillmentOrder('CLOSED', { id: 'gid://shopify/FulfillmentOrder/2' }),
      ]),
    );

    expect(state.allocations.map((a) => [a.externalId, a.status])).toEqual([
      ['gid://shopify/FulfillmentOrder/1', 'open'],
      ['gid://shopify/FulfillmentOrder/2', 'closed'],
    ]);
  });

  it('reads fulfillments with their tracking numbers (blank ones left out) and what they fulfilled per order line', () => {
    const state = ShopifyFulfillmentClient.state(
      order(
        [],
        [
          fulfillment('gid://shopify/Fulfillment/1', 'SUCCESS', {
            trackingInfo: [{ number: 'T1' }, { number: null }, { number: '' }, { number: 'T2' }],
            fulfillmentLineItems: {
              nodes: [
                { quantity: 2, lineItem: { id: 'gid://shopify/LineItem/1' } },
                { quantity: 1, lineItem: { id: 'gid://shopify/LineItem/2' } },
              ],
            },
          }),
        ],
      ),
    );

    expect(state.fulfillments).toEqual([
      {
        externalId: 'gid://shopify/Fulfillment/1',
        cancelled: false,
        trackingNumbers: ['T1', 'T2'],
        lines: [
          { externalLineId: 'gid://shopify/LineItem/1', quantity: 2 },
          { externalLineId: 'gid://shopify/LineItem/2', quantity: 1 },
        ],
      },
    ]);
  });

  it.each([
    ['SUCCESS', false],
    ['OPEN', false],
    ['PENDING', false],
    ['CANCELLED', true],
    ['ERROR', true],
    ['FAILURE', true],
  ] as const)('flags a fulfillment with status %s as cancelled: %p', (status, cancelled) => {
    const state = ShopifyFulfillmentClient.state(order([], [fulfillment('gid://shopify/Fulfillment/1', status)]));

    expect(state.fulfillments[0]?.cancelled).toBe(cancelled);
  });
});
