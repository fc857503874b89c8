import { ShopifyReturnClient } from './shopify-return.client';

type ReturnNode = Parameters<typeof ShopifyReturnClient.toReturn>[0];
type ReturnLineNode = ReturnNode['returnLineItems']['nodes'][number];
type ReverseOrderNode = ReturnNode['reverseFulfillmentOrders']['nodes'][number];
type ReverseLineNode = ReverseOrderNode['lineItems']['nodes'][number];

const LOC_A = 'gid://shopify/Location/1';
const LOC_B = 'gid://shopify/Location/2';

const returnLine = (n: number, over: Partial<ReturnLineNode> = {}): ReturnLineNode => ({
  id: `gid://shopify/ReturnLineItem/${n}`,
  quantity: 1,
  returnReason: null,
  returnReasonNote: null,
  customerNote: null,
  fulfillmentLineItem: { id: `gid://shopify/FulfillmentLineItem/${n}`, lineItem: { id: `gid://shopify/LineItem/${n}`, sku: `SKU-${n}` } },
  ...over,
});

const reverseLine = (
  id: string,
  fulfillmentLineItem: number | null,
  totalQuantity: number,
  dispositions: ReverseLineNode['dispositions'] = [],
): ReverseLineNode => ({
  id,
  totalQuantity,
  fulfillmentLineItem: fulfillmentLineItem === null ? null : { id: `gid://shopify/FulfillmentLineItem/${fulfillmentLineItem}` },
  dispositions,
});

const reverseOrder = (id: string, status: string, lines: ReverseLineNode[]): ReverseOrderNode => ({
  id,
  status,
  lineItems: { nodes: lines },
});

const node = (over: Partial<ReturnNode> = {}): ReturnNode => ({
  id: 'gid://shopify/Return/1',
  name: '#1001-R1',
  status: 'OPEN',
  order: {
    id: 'gid://shopify/Order/1',
    fulfillments: [
      {
        location: { id: LOC_A },
        fulfillmentLineItems: { nodes: [{ id: 'gid://shopify/FulfillmentLineItem/1' }, { id: 'gid://shopify/FulfillmentLineItem/2' }] },
      },
      { location: { id: LOC_B }, fulfillmentLineItems: { nodes: [{ id: 'gid://shopify/FulfillmentLineItem/3' }] } },
      { location: null, fulfillmentLineItems: { nodes: [{ id: 'gid://shopify/FulfillmentLineItem/4' }] } },
    ],
  },
  returnLineItems: { nodes: [returnLine(1)] },
  reverseFulfillmentOrders: { nodes: [] },
  ...over,
});

describe('ShopifyReturnClient.toReturn', () => {
  it('names the return and its order', () => {
    const read = ShopifyReturnClient.toReturn(node());

    expect(read.externalId).toBe('gid://shopify/Return/1');
    expect(read.externalName).toBe('#1001-R1');
    expect(read.orderExternalId).toBe('gid://shopify/Order/1');
  });

  it.each([
    ['REQUESTED', 'requested'],
    ['OPEN', 'open'],
    ['DECLINED', 'declined'],
    ['CANCELED', 'cancelled'],
    ['CLOSED', 'closed'],
  ] as const)('maps status %s to %s', (status, expected) => {
    expect(ShopifyReturnClient.toReturn(node({ status })).status).toBe(expected);
  });

  it('reads a return line with its order line, sku, quantity, reason and notes', () => {
    const read = ShopifyReturnClient.toReturn(
      node({
        returnLineItems: {
          nodes: [returnLine(1, { quantity: 2, returnReason: 'SIZE_TOO_SMALL', returnReasonNote: 'too tight', customerNote: 'sorry' })],
        },
      }),
    );

    expect(read.lines).toEqual([
      {
        externalLineId: 'gid://shopify/ReturnLineItem/1',
        orderLineExternalId: 'gid://shopify/LineItem/1',
        sku: 'SKU-1',
        quantity: 2,
        reason: 'size too small',
        note: 'too tight / sorry',
        channelLocationId: LOC_A,
      },
    ]);
  });

  it('drops an UNKNOWN reason and blank notes, and keeps a single note alone', () => {
    const read = ShopifyReturnClient.toReturn(
      node({
        returnLineItems: {
          nodes: [
            returnLine(1, { returnReason: 'UNKNOWN', returnReasonNote: '  ', customerNote: null }),
            returnLine(2, { returnReason: 'DEFECTIVE', returnReasonNote: '', customerNote: 'broken zip' }),
          ],
        },
      }),
    );

    expect(read.lines.map((l) => [l.reason, l.note])).toEqual([
      [null, null],
      ['defective', 'broken zip'],
    ]);
  });

  it('trims the sku and reads a blank or missing one as none', () => {
    const withSku = (n: number, sku: string | null): ReturnLineNode =>
      returnLine(n, {
        fulfillmentLineItem: { id: `gid://shopify/FulfillmentLineItem/${n}`, lineItem: { id: `gid://shopify/LineItem/${n}`, sku } },
      });
    const read = ShopifyReturnClient.toReturn(
      node({ returnLineItems: { nodes: [withSku(1, '  SKU-A '), withSku(2, '   '), withSku(3, null)] } }),
    );

    expect(read.lines.map((l) => l.sku)).toEqual(['SKU-A', null, null]);
  });

  it('takes each line’s location from the fulfillment that shipped its unit', () => {
    const read = ShopifyReturnClient.toReturn(
      node({ returnLineItems: { nodes: [returnLine(1), returnLine(2), returnLine(3), returnLine(4), returnLine(5)] } }),
    );

    expect(read.lines.map((l) => l.channelLocationId)).toEqual([LOC_A, LOC_A, LOC_B, null, null]);
  });

  it('leaves out lines that are not return line items of a fulfilled unit', () => {
    const read = ShopifyReturnClient.toReturn(
      node({ returnLineItems: { nodes: [{}, returnLine(2), returnLine(3, { fulfillmentLineItem: undefined })] } }),
    );

    expect(read.lines.map((l) => l.externalLineId)).toEqual(['gid://shopify/ReturnLineItem/2']);
  });

  it('reads a missing quantity as 0', () => {
    const read = ShopifyReturnClient.toReturn(node({ returnLineItems: { nodes: [returnLine(1, { quantity: undefined })] } }));

    expect(read.lines[0]?.quantity).toBe(0);
  });

  it('maps reverse fulfillment lines to return lines by the fulfilled unit they take back', () => {
    const read = ShopifyReturnClient.toReturn(
      node({
        returnLineItems: { nodes: [returnLine(1), returnLine(3)] },
        reverseFulfillmentOrders: {
          nodes: [
            reverseOrder('gid://shopify/ReverseFulfillmentOrder/1', 'OPEN', [
              reverseLine('gid://shopify/ReverseFulfillmentOrderLineItem/13', 3, 1),
              reverseLine('gid://shopify/ReverseFulfillmentOrderLineItem/11', 1, 2),
            ]),
          ],
        },
      }),
    );

    expect(read.disposal.map((d) => [d.disposalLineId, d.returnLineExternalId, d.totalQuantity])).toEqual([
      ['gid://shopify/ReverseFulfillmentOrderLineItem/13', 'gid://shopify/ReturnLineItem/3', 1],
      ['gid://shopify/ReverseFulfillmentOrderLineItem/11', 'gid://shopify/ReturnLineItem/1', 2],
    ]);
  });

  it('gives an empty return line id to a reverse line whose unit no return line names', () => {
    const read = ShopifyReturnClient.toReturn(
      node({
        reverseFulfillmentOrders: {
          nodes: [
            reverseOrder('gid://shopify/ReverseFulfillmentOrder/1', 'OPEN', [
              reverseLine('gid://shopify/ReverseFulfillmentOrderLineItem/1', 9, 1),
              reverseLine('gid://shopify/ReverseFulfillmentOrderLineItem/2', null, 1),
            ]),
          ],
        },
      }),
    );

    expect(read.disposal.map((d) => d.returnLineExternalId)).toEqual(['', '']);
  });

  it('sums restocked dispositions apart from all other kinds', () => {
    const read = ShopifyReturnClient.toReturn(
      node({
        reverseFulfillmentOrders: {
          nodes: [
            reverseOrder('gid://shopify/ReverseFulfillmentOrder/1', 'OPEN', [
              reverseLine('gid://shopify/ReverseFulfillmentOrderLineItem/1', 1, 9, [
                { type: 'RESTOCKED', quantity: 2 },
                { type: 'NOT_RESTOCKED', quantity: 1 },
                { type: 'RESTOCKED', quantity: 1 },
                { type: 'MISSING', quantity: 2 },
                { type: 'PROCESSING', quantity: 1 },
              ]),
              reverseLine('gid://shopify/ReverseFulfillmentOrderLineItem/2', 1, 1),
            ]),
          ],
        },
      }),
    );

    expect(read.disposal.map((d) => [d.restocked, d.notRestocked])).toEqual([
      [3, 4],
      [0, 0],
    ]);
  });

  it('flattens several reverse fulfillment orders; only lines of OPEN ones can still be disposed', () => {
    const read = ShopifyReturnClient.toReturn(
      node({
        returnLineItems: { nodes: [returnLine(1)] },
        reverseFulfillmentOrders: {
          nodes: [
            reverseOrder('gid://shopify/ReverseFulfillmentOrder/1', 'CANCELED', [reverseLine('rfol-1', 1, 1)]),
            reverseOrder('gid://shopify/ReverseFulfillmentOrder/2', 'CLOSED', [reverseLine('rfol-2', 1, 1)]),
            reverseOrder('gid://shopify/ReverseFulfillmentOrder/3', 'OPEN', [reverseLine('rfol-3', 1, 1), reverseLine('rfol-4', 1, 1)]),
          ],
        },
      }),
    );

    expect(read.disposal.map((d) => [d.disposalLineId, d.open])).toEqual([
      ['rfol-1', false],
      ['rfol-2', false],
      ['rfol-3', true],
      ['rfol-4', true],
    ]);
    expect(read.disposal.every((d) => d.returnLineExternalId === 'gid://shopify/ReturnLineItem/1')).toBe(true);
  });
});
