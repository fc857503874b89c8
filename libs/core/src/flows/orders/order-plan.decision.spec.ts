import fc from 'fast-check';
import type { ChannelOrder, ChannelOrderAllocation, ChannelOrderLine } from '../../channel/channel-adapter.interface';
import type { ChannelLocationMapping } from '../../mapping/channel-location-mapping.service';
import { OrderFilterSettings } from './order-import.settings';
import { planOrder, type OrderDraftPlan, type OrderLink, type OrderPlan, type OrderPlanInput } from './order-plan.decision';

const LOC_A = 'gid://shopify/Location/1';
const LOC_B = 'gid://shopify/Location/2';
const LOC_C = 'gid://shopify/Location/3';

const line = (id: string, quantity: number, sku: string | null = `SKU-${id}`, title: string | null = `Item ${id}`): ChannelOrderLine => ({
  externalLineId: id,
  channelItemId: `gid://shopify/ProductVariant/${id}`,
  sku,
  quantity,
  title,
});

const order = (lines: ChannelOrderLine[], over: Partial<ChannelOrder> = {}): ChannelOrder => ({
  externalId: 'gid://shopify/Order/1',
  externalNumber: '#1001',
  createdAt: '2024-03-01T12:00:00.000Z',
  updatedAt: '2024-03-01T12:00:00.000Z',
  cancelledAt: null,
  status: 'OPEN',
  financialStatus: 'PAID',
  fulfillmentStatus: 'UNFULFILLED',
  tags: [],
  lines,
  shippingAddress: null,
  ...over,
});

const mapping = (channelLocationId: string, warehouseId: string, isDefault = false): ChannelLocationMapping => ({
  channelLocationId,
  warehouseId,
  shippingProcessId: `sp-${warehouseId}`,
  isDefault,
});

const allocation = (
  externalId: string,
  channelLocationId: string | null,
  lines: [string, number][],
  open = true,
): ChannelOrderAllocation => ({
  externalId,
  channelLocationId,
  open,
  lines: lines.map(([externalLineId, quantity]) => ({ externalLineId, quantity })),
});

const link = (warehouseId: string, warehouseOrderId: string, shippingProcessId: string | null = `sp-${warehouseId}`): OrderLink => ({
  warehouseId,
  warehouseOrderId,
  shippingProcessId,
});

/** Every line mapped to product `p-<line id>`. */
const mapped = (lines: ChannelOrderLine[]): Map<string, string | null> =>
  new Map(lines.map((l) => [l.externalLineId, `p-${l.externalLineId}`]));

const MAPPINGS = [mapping(LOC_A, 'wh-a', true), mapping(LOC_B, 'wh-b')];

const input = (over: Partial<OrderPlanInput> & { order: ChannelOrder }): OrderPlanInput => ({
  filters: new OrderFilterSettings(),
  links: [],
  mappings: MAPPINGS,
  products: mapped(over.order.lines),
  allocations: null,
  ...over,
});

const sync = (plan: OrderPlan): Extract<OrderPlan, { kind: 'sync' }> => {
  if (plan.kind !== 'sync') {
    throw new Error(`expected a sync plan, got ${JSON.stringify(plan)}`);
  }
  return plan;
};

/** A draft's lines as `line id → quantity`. */
const quantities = (draft: OrderDraftPlan): Record<string, number> =>
  Object.fromEntries(draft.lines.map((l) => [l.externalLineId, l.quantity]));

describe('planOrder', () => {
  describe('cancel', () => {
    it('cancels every linked warehouse order of a cancelled order', () => {
      const plan = planOrder(
        input({
          order: order([line('1', 2)], { cancelledAt: '2024-03-02T00:00:00.000Z', status: 'CANCELLED' }),
          links: [link('wh-a', 'wo-1'), link('wh-b', 'wo-2')],
        }),
      );
      expect(plan).toEqual({ kind: 'cancel', orderIds: ['wo-1', 'wo-2'] });
    });

    it('cancels nothing when it was never imported, whatever the filters or mappings', () => {
      const cancelled = order([line('1', 2)], { cancelledAt: '2024-03-02T00:00:00.000Z', status: 'CANCELLED' });
      expect(planOrder(input({ order: cancelled }))).toEqual({ kind: 'cancel', orderIds: [] });
      const filters = Object.assign(new OrderFilterSettings(), { statuses: ['OPEN'] });
      expect(planOrder(input({ order: cancelled, filters, mappings: [] }))).toEqual({ kind: 'cancel', orderIds: [] });
    });
  });

  describe('filters', () => {
    const onlyPaid = Object.assign(new OrderFilterSettings(), { financialStatuses: ['PAID'] });

    it('skips an order the filters refuse when it was never imported, with the reason', () => {
      expect(planOrder(input({ order: order([line('1', 1)], { financialStatus: 'PENDING' }), filters: onlyPaid }))).toEqual({
        kind: 'skip',
        reason: 'financial status PENDING is not one of PAID',
      });
    });

    it('decides the filters before the routing (no mapping, refused: skipped)', () => {
      expect(planOrder(input({ order: order([line('1', 1)], { financialStatus: 'PENDING' }), filters: onlyPaid, mappings: [] })).kind).toBe(
        'skip',
      );
    });

    it('keeps syncing an imported order that the filters would refuse now', () => {
      const plan = sync(
        planOrder(
          input({
            order: order([line('1', 3)], { financialStatus: 'REFUNDED' }),
            filters: onlyPaid,
            links: [link('wh-a', 'wo-1')],
          }),
        ),
      );
      expect(plan.drafts).toHaveLength(1);
      expect(plan.drafts[0]).toMatchObject({ warehouseId: 'wh-a', existingOrderId: 'wo-1' });
      expect(quantities(plan.drafts[0])).toEqual({ '1': 3 });
    });
  });

  describe('routing', () => {
    it('is unroutable when the store has no mapping and it was never imported', () => {
      expect(planOrder(input({ order: order([line('1', 1)]), mappings: [] }))).toEqual({
        kind: 'unroutable',
        reason: 'the store has no location mapping to route orders by',
      });
    });

    it('keeps an imported order at its warehouse order when the mappings are gone', () => {
      const plan = sync(planOrder(input({ order: order([line('1', 4)]), mappings: [], links: [link('wh-x', 'wo-9', 'sp-x')] })));
      expect(plan.drafts).toEqual([
        {
          warehouseId: 'wh-x',
          shippingProcessId: 'sp-x',
          existingOrderId: 'wo-9',
          channelLocationIds: [],
          allocationIds: [],
          lines: [{ externalLineId: '1', sku: 'SKU-1', productId: 'p-1', quantity: 4, problem: null }],
        },
      ]);
    });

    it('sends an order without allocations to the default mapping as one new warehouse order', () => {
      const lines = [line('2', 1), line('1', 2)];
      const plan = sync(planOrder(input({ order: order(lines), mappings: [mapping(LOC_B, 'wh-b'), mapping(LOC_A, 'wh-a', true)] })));
      expect(plan).toEqual({
        kind: 'sync',
        drafts: [
          {
            warehouseId: 'wh-a',
            shippingProcessId: 'sp-wh-a',
            existingOrderId: null,
            channelLocationIds: [],
            allocationIds: [],
            // Sorted by line id.
            lines: [
              { externalLineId: '1', sku: 'SKU-1', productId: 'p-1', quantity: 2, problem: null },
              { externalLineId: '2', sku: 'SKU-2', productId: 'p-2', quantity: 1, problem: null },
            ],
          },
        ],
        problems: [],
        holdReason: null,
      });
    });

    it('takes the first mapping when none is marked default', () => {
      const plan = sync(planOrder(input({ order: order([line('1', 1)]), mappings: [mapping(LOC_C, 'wh-c'), mapping(LOC_B, 'wh-b')] })));
      expect(plan.drafts.map((d) => d.warehouseId)).toEqual(['wh-c']);
    });

    it('treats an empty allocation list like no allocations (everything to the default)', () => {
      const plan = sync(planOrder(input({ order: order([line('1', 2)]), allocations: [] })));
      expect(plan.drafts).toHaveLength(1);
      expect(plan.drafts[0]).toMatchObject({ warehouseId: 'wh-a', allocationIds: [], channelLocationIds: [] });
      expect(quantities(plan.drafts[0])).toEqual({ '1': 2 });
    });

    it('splits allocations at two mapped locations into two drafts with their lines, allocations and locations', () => {
      const lines = [line('1', 2), line('2', 1), line('3', 5)];
      const plan = sync(
        planOrder(
          input({
            order: order(lines),
            allocations: [
              allocation('fo-2', LOC_B, [
                ['2', 1],
                ['3', 3],
              ]),
              allocation('fo-1', LOC_A, [
                ['1', 2],
                ['3', 2],
              ]),
            ],
          }),
        ),
      );
      expect(plan.problems).toEqual([]);
      expect(plan.holdReason).toBeNull();
      expect(plan.drafts).toEqual([
        {
          warehouseId: 'wh-a',
          shippingProcessId: 'sp-wh-a',
          existingOrderId: null,
          channelLocationIds: [LOC_A],
          allocationIds: ['fo-1'],
          lines: [
            { externalLineId: '1', sku: 'SKU-1', productId: 'p-1', quantity: 2, problem: null },
            { externalLineId: '3', sku: 'SKU-3', productId: 'p-3', quantity: 2, problem: null },
          ],
        },
        {
          warehouseId: 'wh-b',
          shippingProcessId: 'sp-wh-b',
          existingOrderId: null,
          channelLocationIds: [LOC_B],
          allocationIds: ['fo-2'],
          lines: [
            { externalLineId: '2', sku: 'SKU-2', productId: 'p-2', quantity: 1, problem: null },
            { externalLineId: '3', sku: 'SKU-3', productId: 'p-3', quantity: 3, problem: null },
          ],
        },
      ]);
    });

    it('sends an allocation at an unmapped location (or none) to the default mapping, keeping its location id', () => {
      const lines = [line('1', 1), line('2', 1), line('3', 1)];
      const plan = sync(
        planOrder(
          input({
            order: order(lines),
            allocations: [
              allocation('fo-c', LOC_C, [['1', 1]]),
              allocation('fo-b', LOC_B, [['2', 1]]),
              allocation('fo-n', null, [['3', 1]]),
            ],
          }),
        ),
      );
      expect(plan.drafts.map((d) => [d.warehouseId, d.channelLocationIds, d.allocationIds, quantities(d)])).toEqual([
        ['wh-a', [LOC_C], ['fo-c', 'fo-n'], { '1': 1, '3': 1 }],
        ['wh-b', [LOC_B], ['fo-b'], { '2': 1 }],
      ]);
    });

    it('merges two locations mapped to the same warehouse into one draft', () => {
      const lines = [line('1', 1), line('2', 1)];
      const plan = sync(
        planOrder(
          input({
            order: order(lines),
            mappings: [mapping(LOC_A, 'wh-a', true), { ...mapping(LOC_B, 'wh-a'), shippingProcessId: 'sp-other' }],
            allocations: [allocation('fo-b', LOC_B, [['2', 1]]), allocation('fo-a', LOC_A, [['1', 1]])],
          }),
        ),
      );
      expect(plan.drafts).toHaveLength(1);
      expect(plan.drafts[0]).toMatchObject({ warehouseId: 'wh-a', channelLocationIds: [LOC_A, LOC_B], allocationIds: ['fo-a', 'fo-b'] });
      expect(quantities(plan.drafts[0])).toEqual({ '1': 1, '2': 1 });
    });

    it('updates the linked warehouse orders and keeps their shipping process', () => {
      const lines = [line('1', 1), line('2', 1)];
      const plan = sync(
        planOrder(
          input({
            order: order(lines),
            links: [link('wh-b', 'wo-b', 'sp-chosen-then'), link('wh-a', 'wo-a', null)],
            allocations: [allocation('fo-a', LOC_A, [['1', 1]]), allocation('fo-b', LOC_B, [['2', 1]])],
          }),
        ),
      );
      expect(plan.drafts.map((d) => [d.warehouseId, d.existingOrderId, d.shippingProcessId])).toEqual([
        // A link without a shipping process takes the mapping's.
        ['wh-a', 'wo-a', 'sp-wh-a'],
        ['wh-b', 'wo-b', 'sp-chosen-then'],
      ]);
    });
  });

  describe('lines the allocations do not account for', () => {
    it('puts an edit’s added quantity where the line already is', () => {
      // Line 2 went from 1 to 3 by an edit; its allocation at B still says 1.
      const lines = [line('1', 1), line('2', 3)];
      const plan = sync(
        planOrder(
          input({ order: order(lines), allocations: [allocation('fo-a', LOC_A, [['1', 1]]), allocation('fo-b', LOC_B, [['2', 1]])] }),
        ),
      );
      expect(plan.drafts.map((d) => [d.warehouseId, quantities(d)])).toEqual([
        ['wh-a', { '1': 1 }],
        ['wh-b', { '2': 3 }],
      ]);
    });

    it('puts an added line nobody holds yet at the default', () => {
      const lines = [line('1', 1), line('new', 2)];
      const plan = sync(planOrder(input({ order: order(lines), allocations: [allocation('fo-b', LOC_B, [['1', 1]])] })));
      expect(plan.drafts.map((d) => [d.warehouseId, d.allocationIds, quantities(d)])).toEqual([
        ['wh-a', [], { new: 2 }],
        ['wh-b', ['fo-b'], { '1': 1 }],
      ]);
    });

    it('puts a line nobody holds at the first linked warehouse order when no mapping is left', () => {
      const plan = sync(
        planOrder(input({ order: order([line('1', 2)]), mappings: [], links: [link('wh-b', 'wo-b'), link('wh-a', 'wo-a')] })),
      );
      expect(plan.drafts.map((d) => [d.warehouseId, d.existingOrderId, quantities(d)])).toEqual([
        ['wh-a', 'wo-a', {}],
        ['wh-b', 'wo-b', { '1': 2 }],
      ]);
    });

    it('takes back what is allocated beyond the line’s quantity, from the last holder first', () => {
      // Line 1 was reduced from 5 to 2 by an edit; the allocations still hold 3 at A and 2 at B.
      const lines = [line('1', 2)];
      const plan = sync(
        planOrder(
          input({
            order: order(lines),
            allocations: [allocation('fo-a', LOC_A, [['1', 3]]), allocation('fo-b', LOC_B, [['1', 2]])],
          }),
        ),
      );
      expect(plan.drafts.map((d) => [d.warehouseId, d.allocationIds, quantities(d)])).toEqual([['wh-a', ['fo-a'], { '1': 2 }]]);
    });

    it('takes back across holders when the last one does not hold enough', () => {
      const plan = sync(
        planOrder(
          input({
            order: order([line('1', 1)]),
            allocations: [allocation('fo-a', LOC_A, [['1', 3]]), allocation('fo-b', LOC_B, [['1', 2]])],
            links: [link('wh-a', 'wo-a'), link('wh-b', 'wo-b')],
          }),
        ),
      );
      expect(plan.drafts.map((d) => [d.warehouseId, d.existingOrderId, quantities(d)])).toEqual([
        ['wh-a', 'wo-a', { '1': 1 }],
        ['wh-b', 'wo-b', {}],
      ]);
    });

    it('drops a removed line (quantity 0) from every draft', () => {
      const lines = [line('1', 1), line('gone', 0)];
      const plan = sync(
        planOrder(
          input({
            order: order(lines),
            products: new Map([['1', 'p-1']]),
            allocations: [
              allocation('fo-a', LOC_A, [
                ['1', 1],
                ['gone', 2],
              ]),
            ],
          }),
        ),
      );
      expect(plan.drafts.map((d) => quantities(d))).toEqual([{ '1': 1 }]);
      // A removed line without a product is no problem either.
      expect(plan.problems).toEqual([]);
      expect(plan.holdReason).toBeNull();
    });

    it('leaves out allocated quantities of 0 and lines of 0 without allocations', () => {
      const plan = sync(
        planOrder(
          input({
            order: order([line('1', 0), line('2', 1)]),
            allocations: [
              allocation('fo-a', LOC_A, [
                ['1', 0],
                ['2', 0],
              ]),
            ],
          }),
        ),
      );
      // Line 2 has nothing allocated: it goes to the default; fo-a holds nothing but is still the default's allocation.
      expect(plan.drafts.map((d) => [d.warehouseId, d.allocationIds, d.lines.map((l) => [l.externalLineId, l.quantity])])).toEqual([
        ['wh-a', ['fo-a'], [['2', 1]]],
      ]);
    });

    it('ignores allocated lines the order does not list (e.g. a line that needs no shipping)', () => {
      // The mapper drops lines without shipping from the order, but their fulfillment order still lists them.
      const plan = sync(
        planOrder(
          input({
            order: order([line('1', 1)]),
            allocations: [allocation('fo-a', LOC_A, [['1', 1]]), allocation('fo-b', LOC_B, [['gift-card', 1]])],
          }),
        ),
      );
      expect(plan.drafts.map((d) => [d.warehouseId, quantities(d)])).toEqual([['wh-a', { '1': 1 }]]);
      expect(plan.drafts.flatMap((d) => d.lines).every((l) => l.sku !== '')).toBe(true);
    });
  });

  describe('a linked warehouse order whose destination gets nothing now', () => {
    it('is kept as a draft without lines with its existingOrderId (the caller cancels it)', () => {
      // Shopify moved the fulfillment order from A to B.
      const lines = [line('1', 2)];
      const plan = sync(
        planOrder(input({ order: order(lines), links: [link('wh-a', 'wo-a')], allocations: [allocation('fo-2', LOC_B, [['1', 2]])] })),
      );
      expect(plan.drafts).toEqual([
        {
          warehouseId: 'wh-a',
          shippingProcessId: 'sp-wh-a',
          existingOrderId: 'wo-a',
          channelLocationIds: [],
          allocationIds: [],
          lines: [],
        },
        {
          warehouseId: 'wh-b',
          shippingProcessId: 'sp-wh-b',
          existingOrderId: null,
          channelLocationIds: [LOC_B],
          allocationIds: ['fo-2'],
          lines: [{ externalLineId: '1', sku: 'SKU-1', productId: 'p-1', quantity: 2, problem: null }],
        },
      ]);
    });

    it('is brought to nothing when every line was removed', () => {
      const plan = sync(planOrder(input({ order: order([line('1', 0)]), links: [link('wh-a', 'wo-a')] })));
      expect(plan.drafts).toEqual([
        {
          warehouseId: 'wh-a',
          shippingProcessId: 'sp-wh-a',
          existingOrderId: 'wo-a',
          channelLocationIds: [],
          allocationIds: [],
          lines: [],
        },
      ]);
    });

    it('creates no draft for a new destination that gets nothing', () => {
      const plan = sync(planOrder(input({ order: order([line('1', 0)]) })));
      expect(plan.drafts).toEqual([]);
      const cancelledFo = sync(planOrder(input({ order: order([line('1', 1)]), allocations: [allocation('fo-b', LOC_B, [], false)] })));
      expect(cancelledFo.drafts.map((d) => [d.warehouseId, quantities(d)])).toEqual([['wh-a', { '1': 1 }]]);
    });
  });

  describe('closed and cancelled allocations', () => {
    it('counts a closed allocation’s quantities (the fulfilled part) at its location, and a cancelled one as nothing', () => {
      // 3 of line 1: 1 was fulfilled at A (its fulfillment order closed), the rest moved to B; line 2's at C was cancelled
      // and re-created at A.
      const lines = [line('1', 3), line('2', 1)];
      const plan = sync(
        planOrder(
          input({
            order: order(lines),
            mappings: [...MAPPINGS, mapping(LOC_C, 'wh-c')],
            allocations: [
              allocation('fo-closed', LOC_A, [['1', 1]], false),
              allocation('fo-open', LOC_B, [['1', 2]]),
              allocation('fo-cancelled', LOC_C, [], false),
              allocation('fo-new', LOC_A, [['2', 1]]),
            ],
          }),
        ),
      );
      expect(plan.drafts.map((d) => [d.warehouseId, d.allocationIds, quantities(d)])).toEqual([
        ['wh-a', ['fo-closed', 'fo-new'], { '1': 1, '2': 1 }],
        ['wh-b', ['fo-open'], { '1': 2 }],
      ]);
    });

    it('keeps the warehouse order at a location whose allocation was cancelled as a draft without lines', () => {
      const plan = sync(
        planOrder(
          input({
            order: order([line('1', 1)]),
            mappings: [...MAPPINGS, mapping(LOC_C, 'wh-c')],
            links: [link('wh-c', 'wo-c')],
            allocations: [allocation('fo-cancelled', LOC_C, [], false), allocation('fo-b', LOC_B, [['1', 1]])],
          }),
        ),
      );
      expect(plan.drafts.map((d) => [d.warehouseId, d.existingOrderId, d.allocationIds, quantities(d)])).toEqual([
        ['wh-b', null, ['fo-b'], { '1': 1 }],
        ['wh-c', 'wo-c', ['fo-cancelled'], {}],
      ]);
    });
  });

  describe('problems', () => {
    it('holds the order for a line whose SKU matches no mapped product, reserving the others', () => {
      const lines = [line('1', 1), line('2', 2, 'ABC-9')];
      const plan = sync(
        planOrder(
          input({
            order: order(lines),
            products: new Map([
              ['1', 'p-1'],
              ['2', null],
            ]),
          }),
        ),
      );
      expect(plan.problems).toEqual([{ externalLineId: '2', sku: 'ABC-9', problem: 'no mapped product with SKU ABC-9' }]);
      expect(plan.holdReason).toBe(
        '1 line matches no mapped product (ABC-9): map the product (product sync) and the order is imported, or retry it',
      );
      expect(plan.drafts[0].lines).toEqual([
        { externalLineId: '1', sku: 'SKU-1', productId: 'p-1', quantity: 1, problem: null },
        { externalLineId: '2', sku: 'ABC-9', productId: null, quantity: 2, problem: 'no mapped product with SKU ABC-9' },
      ]);
    });

    it('names a line without SKU by its title (or its id) and sends its SKU as empty', () => {
      const lines = [line('1', 1, null, 'Gift wrap'), line('2', 1, null, null), line('3', 1, 'X-1')];
      const plan = sync(planOrder(input({ order: order(lines), products: new Map([['3', 'p-3']]) })));
      expect(plan.problems).toEqual([
        { externalLineId: '1', sku: null, problem: 'line "Gift wrap" has no SKU' },
        { externalLineId: '2', sku: null, problem: 'line "2" has no SKU' },
      ]);
      expect(plan.holdReason).toBe(
        '2 lines match no mapped product (1, 2): map the product (product sync) and the order is imported, or retry it',
      );
      expect(plan.drafts[0].lines.map((l) => [l.externalLineId, l.sku, l.productId, l.problem])).toEqual([
        ['1', '', null, 'line "Gift wrap" has no SKU'],
        ['2', '', null, 'line "2" has no SKU'],
        ['3', 'X-1', 'p-3', null],
      ]);
    });

    it('names SKUs and ids together, in line order, when both kinds are missing', () => {
      const lines = [line('b', 1, 'SKU-B'), line('a', 1, null)];
      const plan = sync(planOrder(input({ order: order(lines), products: new Map() })));
      expect(plan.holdReason).toBe(
        '2 lines match no mapped product (SKU-B, a): map the product (product sync) and the order is imported, or retry it',
      );
    });

    it('marks the problem on the line in every draft holding it', () => {
      const lines = [line('1', 3, 'NOPE')];
      const plan = sync(
        planOrder(
          input({
            order: order(lines),
            products: new Map(),
            allocations: [allocation('fo-a', LOC_A, [['1', 1]]), allocation('fo-b', LOC_B, [['1', 2]])],
          }),
        ),
      );
      expect(plan.problems).toHaveLength(1);
      expect(plan.drafts.map((d) => d.lines.map((l) => [l.quantity, l.productId, l.problem]))).toEqual([
        [[1, null, 'no mapped product with SKU NOPE']],
        [[2, null, 'no mapped product with SKU NOPE']],
      ]);
    });
  });

  describe('property', () => {
    const LINE_IDS = ['l1', 'l2', 'l3', 'l4', 'l5'];
    const LOCATIONS = ['loc-1', 'loc-2', 'loc-3', 'loc-4'];
    const WAREHOUSES = ['wh-1', 'wh-2', 'wh-3'];

    const arbitraryInput = fc
      .record({
        lines: fc.uniqueArray(fc.record({ id: fc.constantFrom(...LINE_IDS), quantity: fc.nat(6), mapped: fc.boolean() }), {
          selector: (l) => l.id,
          maxLength: LINE_IDS.length,
        }),
        mappings: fc.uniqueArray(
          fc.record({ location: fc.constantFrom(...LOCATIONS), warehouse: fc.constantFrom(...WAREHOUSES), isDefault: fc.boolean() }),
          { selector: (m) => m.location, minLength: 1, maxLength: LOCATIONS.length },
        ),
        allocations: fc.option(
          fc.array(
            fc.record({
              location: fc.option(fc.constantFrom(...LOCATIONS, 'loc-unmapped')),
              open: fc.boolean(),
              lines: fc.array(fc.record({ id: fc.constantFrom(...LINE_IDS), quantity: fc.nat(6) }), { maxLength: 4 }),
            }),
            { maxLength: 4 },
          ),
        ),
        links: fc.uniqueArray(fc.constantFrom(...WAREHOUSES, 'wh-gone'), { maxLength: 3 }),
      })
      .map(({ lines, mappings, allocations, links }): OrderPlanInput => {
        const orderLines = lines.map((l) => line(l.id, l.quantity));
        return {
          order: order(orderLines),
          filters: new OrderFilterSettings(),
          links: links.map((w, i) => link(w, `wo-${i}`)),
          mappings: mappings.map((m, i) => ({ ...mapping(m.location, m.warehouse), isDefault: m.isDefault && i === 0 })),
          products: new Map(lines.map((l) => [l.id, l.mapped ? `p-${l.id}` : null])),
          allocations:
            allocations?.map((a, i) =>
              allocation(
                `fo-${i}`,
                a.location,
                a.lines.map((l) => [l.id, l.quantity]),
                a.open,
              ),
            ) ?? null,
        };
      });

    it('places each line’s quantity exactly once over the drafts, never a line of 0 or less', () => {
      fc.assert(
        fc.property(arbitraryInput, (planInput) => {
          const plan = sync(planOrder(planInput));
          const placed = new Map<string, number>();
          for (const draft of plan.drafts) {
            const ids = draft.lines.map((l) => l.externalLineId);
            expect(new Set(ids).size).toBe(ids.length);
            for (const l of draft.lines) {
              expect(l.quantity).toBeGreaterThan(0);
              placed.set(l.externalLineId, (placed.get(l.externalLineId) ?? 0) + l.quantity);
            }
          }
          for (const l of planInput.order.lines) {
            expect(placed.get(l.externalLineId) ?? 0).toBe(l.quantity);
          }
          // Nothing but the order's lines, and every link still has its draft (to be brought to its state or nothing).
          const known = new Set(planInput.order.lines.map((l) => l.externalLineId));
          expect([...placed.keys()].every((id) => known.has(id))).toBe(true);
          for (const l of planInput.links) {
            expect(plan.drafts.filter((d) => d.existingOrderId === l.warehouseOrderId)).toHaveLength(1);
          }
          expect(new Set(plan.drafts.map((d) => d.warehouseId)).size).toBe(plan.drafts.length);
          expect(plan.holdReason === null).toBe(plan.problems.length === 0);
        }),
        { numRuns: 500 },
      );
    });
  });
});
