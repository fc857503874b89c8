import fc from 'fast-check';
import type { ChannelAllocationState, ChannelFulfillmentRecord } from '../../channel/channel-adapter.interface';
import {
  findInFlight,
  planFulfillment,
  remainingLines,
  type FulfillmentPlan,
  type FulfillmentPlanInput,
  type ShipmentLine,
} from './fulfillment-plan.decision';

const LOC_A = 'gid://shopify/Location/1';
const LOC_B = 'gid://shopify/Location/2';
const LOC_C = 'gid://shopify/Location/3';

const ship = (externalLineId: string, quantity: number): ShipmentLine => ({ externalLineId, quantity });

/** An allocation whose lines are `[allocation line id, order line id, open quantity]`. */
const allocation = (
  externalId: string,
  channelLocationId: string | null,
  lines: [string, string, number][],
  status: ChannelAllocationState['status'] = 'open',
  detail: string | null = null,
): ChannelAllocationState => ({
  externalId,
  channelLocationId,
  status,
  detail,
  lines: lines.map(([allocationLineId, externalLineId, openQuantity]) => ({ allocationLineId, externalLineId, openQuantity })),
});

const input = (over: Partial<FulfillmentPlanInput>): FulfillmentPlanInput => ({
  lines: [],
  allocationIds: [],
  channelLocationIds: [LOC_A],
  allocations: [],
  ...over,
});

const send = (plan: FulfillmentPlan): Extract<FulfillmentPlan, { kind: 'send' }> => {
  if (plan.kind !== 'send') {
    throw new Error(`expected a send plan, got ${JSON.stringify(plan)}`);
  }
  return plan;
};

const hold = (plan: FulfillmentPlan): Extract<FulfillmentPlan, { kind: 'hold' }> => {
  if (plan.kind !== 'hold') {
    throw new Error(`expected a hold plan, got ${JSON.stringify(plan)}`);
  }
  return plan;
};

describe('planFulfillment', () => {
  it('fulfils a whole shipment from one open allocation', () => {
    const plan = planFulfillment(
      input({
        lines: [ship('l1', 2), ship('l2', 1)],
        allocationIds: ['fo-1'],
        allocations: [
          allocation('fo-1', LOC_A, [
            ['fol-1', 'l1', 2],
            ['fol-2', 'l2', 1],
          ]),
        ],
      }),
    );
    expect(plan).toEqual({
      kind: 'send',
      fulfillments: [
        {
          channelLocationId: LOC_A,
          lines: [
            { allocationId: 'fo-1', allocationLineId: 'fol-1', externalLineId: 'l1', quantity: 2 },
            { allocationId: 'fo-1', allocationLineId: 'fol-2', externalLineId: 'l2', quantity: 1 },
          ],
        },
      ],
      short: [],
    });
  });

  it('fulfils only what a partial shipment carries, leaving the rest open', () => {
    const plan = send(
      planFulfillment(
        input({
          lines: [ship('l1', 1)],
          allocationIds: ['fo-1'],
          allocations: [
            allocation('fo-1', LOC_A, [
              ['fol-1', 'l1', 3],
              ['fol-2', 'l2', 2],
            ]),
          ],
        }),
      ),
    );
    expect(plan.fulfillments).toEqual([
      { channelLocationId: LOC_A, lines: [{ allocationId: 'fo-1', allocationLineId: 'fol-1', externalLineId: 'l1', quantity: 1 }] },
    ]);
    expect(plan.short).toEqual([]);
  });

  it('spreads a line over two allocations at the same location, its own allocation first', () => {
    const plan = send(
      planFulfillment(
        input({
          lines: [ship('l1', 5)],
          allocationIds: ['fo-own'],
          // The other one is listed first: the warehouse order's own allocation is still used first.
          allocations: [allocation('fo-other', LOC_A, [['fol-o', 'l1', 4]]), allocation('fo-own', LOC_A, [['fol-w', 'l1', 3]])],
        }),
      ),
    );
    expect(plan.fulfillments).toEqual([
      {
        channelLocationId: LOC_A,
        lines: [
          { allocationId: 'fo-own', allocationLineId: 'fol-w', externalLineId: 'l1', quantity: 3 },
          { allocationId: 'fo-other', allocationLineId: 'fol-o', externalLineId: 'l1', quantity: 2 },
        ],
      },
    ]);
    expect(plan.short).toEqual([]);
  });

  it('takes only from its own allocation when that has enough', () => {
    const plan = send(
      planFulfillment(
        input({
          lines: [ship('l1', 2)],
          allocationIds: ['fo-own'],
          allocations: [allocation('fo-other', LOC_A, [['fol-o', 'l1', 4]]), allocation('fo-own', LOC_A, [['fol-w', 'l1', 3]])],
        }),
      ),
    );
    expect(plan.fulfillments.flatMap((f) => f.lines)).toEqual([
      { allocationId: 'fo-own', allocationLineId: 'fol-w', externalLineId: 'l1', quantity: 2 },
    ]);
  });

  it('takes a line split over two lines of one allocation from both', () => {
    const plan = send(
      planFulfillment(
        input({
          lines: [ship('l1', 3)],
          allocations: [
            allocation('fo-1', LOC_A, [
              ['fol-1', 'l1', 1],
              ['fol-2', 'l1', 2],
            ]),
          ],
        }),
      ),
    );
    expect(plan.fulfillments[0].lines.map((l) => [l.allocationLineId, l.quantity])).toEqual([
      ['fol-1', 1],
      ['fol-2', 2],
    ]);
  });

  it('plans one fulfillment per location when the allocations sit at two served locations', () => {
    const plan = send(
      planFulfillment(
        input({
          lines: [ship('l1', 2), ship('l2', 1)],
          channelLocationIds: [LOC_A, LOC_B],
          allocationIds: ['fo-a', 'fo-b'],
          allocations: [allocation('fo-a', LOC_A, [['fol-a', 'l1', 2]]), allocation('fo-b', LOC_B, [['fol-b', 'l2', 1]])],
        }),
      ),
    );
    expect(plan.fulfillments).toEqual([
      { channelLocationId: LOC_A, lines: [{ allocationId: 'fo-a', allocationLineId: 'fol-a', externalLineId: 'l1', quantity: 2 }] },
      { channelLocationId: LOC_B, lines: [{ allocationId: 'fo-b', allocationLineId: 'fol-b', externalLineId: 'l2', quantity: 1 }] },
    ]);
    expect(plan.short).toEqual([]);
  });

  it('groups the allocations of one location into one fulfillment', () => {
    const plan = send(
      planFulfillment(
        input({
          lines: [ship('l1', 1), ship('l2', 1)],
          allocations: [allocation('fo-1', LOC_A, [['fol-1', 'l1', 1]]), allocation('fo-2', LOC_A, [['fol-2', 'l2', 1]])],
        }),
      ),
    );
    expect(plan.fulfillments).toHaveLength(1);
    expect(plan.fulfillments[0].lines.map((l) => l.allocationId)).toEqual(['fo-1', 'fo-2']);
  });

  it('holds the shipment when needed units sit on an allocation on hold, with the channel’s words', () => {
    const plan = hold(
      planFulfillment(
        input({
          lines: [ship('l1', 2), ship('l2', 1)],
          allocationIds: ['fo-1', 'fo-2'],
          allocations: [
            allocation('fo-1', LOC_A, [['fol-1', 'l1', 2]]),
            allocation('fo-2', LOC_A, [['fol-2', 'l2', 1]], 'on_hold', 'awaiting payment'),
          ],
        }),
      ),
    );
    expect(plan.reason).toContain('fo-2');
    expect(plan.reason).toContain('on hold');
    expect(plan.reason).toContain('(awaiting payment)');
  });

  it('does not hold for an allocation on hold whose units are not needed', () => {
    const plan = send(
      planFulfillment(
        input({
          lines: [ship('l1', 2)],
          allocations: [
            allocation('fo-1', LOC_A, [['fol-1', 'l1', 2]]),
            allocation('fo-2', LOC_A, [['fol-2', 'l2', 1]], 'on_hold', 'awaiting payment'),
          ],
        }),
      ),
    );
    expect(plan.fulfillments.flatMap((f) => f.lines.map((l) => l.quantity))).toEqual([2]);
  });

  it('holds when the open allocation was moved to a location the warehouse does not serve', () => {
    const plan = hold(
      planFulfillment(
        input({
          lines: [ship('l1', 2)],
          allocationIds: ['fo-1'],
          channelLocationIds: [LOC_A],
          allocations: [allocation('fo-1', LOC_C, [['fol-1', 'l1', 2]])],
        }),
      ),
    );
    expect(plan.reason).toContain('fo-1');
    expect(plan.reason).toContain('moved');
    expect(plan.reason).toContain(LOC_C);
  });

  it('is nothing-open when everything is already fulfilled or closed', () => {
    const plan = planFulfillment(
      input({
        lines: [ship('l1', 2), ship('l2', 1)],
        allocationIds: ['fo-1', 'fo-2'],
        allocations: [
          allocation('fo-1', LOC_A, [['fol-1', 'l1', 0]]),
          allocation('fo-2', LOC_A, [['fol-2', 'l2', 1]], 'closed', 'closed'),
          allocation('fo-3', LOC_A, [['fol-3', 'l1', 2]], 'cancelled', 'cancelled'),
        ],
      }),
    );
    expect(plan.kind).toBe('nothing-open');
  });

  it('sends what is open and reports the closed units as short', () => {
    const plan = send(
      planFulfillment(
        input({
          lines: [ship('l1', 3), ship('l2', 2)],
          allocationIds: ['fo-1', 'fo-2'],
          allocations: [
            allocation('fo-1', LOC_A, [['fol-1', 'l1', 1]]),
            allocation('fo-2', LOC_A, [['fol-2', 'l2', 2]], 'closed', 'closed'),
          ],
        }),
      ),
    );
    expect(plan.fulfillments).toEqual([
      { channelLocationId: LOC_A, lines: [{ allocationId: 'fo-1', allocationLineId: 'fol-1', externalLineId: 'l1', quantity: 1 }] },
    ]);
    expect(plan.short).toEqual([
      { externalLineId: 'l1', quantity: 2 },
      { externalLineId: 'l2', quantity: 2 },
    ]);
  });

  it('takes any location as served when the warehouse’s locations are unknown', () => {
    const plan = send(
      planFulfillment(
        input({
          lines: [ship('l1', 2)],
          channelLocationIds: [],
          allocations: [allocation('fo-1', LOC_C, [['fol-1', 'l1', 1]]), allocation('fo-2', null, [['fol-2', 'l1', 1]])],
        }),
      ),
    );
    expect(plan.fulfillments).toEqual([
      { channelLocationId: LOC_C, lines: [{ allocationId: 'fo-1', allocationLineId: 'fol-1', externalLineId: 'l1', quantity: 1 }] },
      { channelLocationId: null, lines: [{ allocationId: 'fo-2', allocationLineId: 'fol-2', externalLineId: 'l1', quantity: 1 }] },
    ]);
    expect(plan.short).toEqual([]);
  });

  it('does not serve an allocation without a location when the warehouse’s locations are known', () => {
    const plan = hold(
      planFulfillment(
        input({ lines: [ship('l1', 1)], channelLocationIds: [LOC_A], allocations: [allocation('fo-1', null, [['fol-1', 'l1', 1]])] }),
      ),
    );
    expect(plan.reason).toContain('moved to location unknown');
  });

  describe('property', () => {
    const LINE_IDS = ['l1', 'l2', 'l3', 'l4'];
    const LOCATIONS = ['loc-1', 'loc-2', 'loc-3'];
    const STATUSES: ChannelAllocationState['status'][] = ['open', 'open', 'open', 'on_hold', 'closed', 'cancelled', 'other'];

    const arbitraryInput = fc
      .record({
        lines: fc.array(fc.record({ id: fc.constantFrom(...LINE_IDS), quantity: fc.nat(6) }), { maxLength: 6 }),
        allocations: fc.array(
          fc.record({
            location: fc.option(fc.constantFrom(...LOCATIONS)),
            status: fc.constantFrom(...STATUSES),
            own: fc.boolean(),
            lines: fc.array(fc.record({ id: fc.constantFrom(...LINE_IDS), open: fc.nat(6) }), { maxLength: 4 }),
          }),
          { maxLength: 5 },
        ),
        served: fc.uniqueArray(fc.constantFrom(...LOCATIONS), { maxLength: LOCATIONS.length }),
      })
      .map(({ lines, allocations, served }): FulfillmentPlanInput => ({
        lines: lines.map((l) => ship(l.id, l.quantity)),
        allocationIds: allocations.flatMap((a, i) => (a.own ? [`fo-${i}`] : [])),
        channelLocationIds: served,
        allocations: allocations.map((a, i) =>
          allocation(
            `fo-${i}`,
            a.location,
            a.lines.map((l, j): [string, string, number] => [`fol-${i}-${j}`, l.id, l.open]),
            a.status,
          ),
        ),
      }));

    const sumBy = (lines: { externalLineId: string; quantity: number }[]): Map<string, number> => {
      const sums = new Map<string, number>();
      for (const l of lines) {
        sums.set(l.externalLineId, (sums.get(l.externalLineId) ?? 0) + l.quantity);
      }
      return sums;
    };

    it('never takes more than an allocation line has open, nor more than requested; requested = planned + short', () => {
      fc.assert(
        fc.property(arbitraryInput, (planInput) => {
          const plan = planFulfillment(planInput);
          if (plan.kind !== 'send') {
            return;
          }
          const byId = new Map(planInput.allocations.map((a) => [a.externalId, a]));
          const planned = plan.fulfillments.flatMap((f) => f.lines);
          // Per allocation line: positive, within what it has open (summed, should it appear twice).
          const perAllocationLine = new Map<string, number>();
          for (const f of plan.fulfillments) {
            for (const l of f.lines) {
              const a = byId.get(l.allocationId);
              expect(a).toBeDefined();
              expect(a!.status).toBe('open');
              expect(a!.channelLocationId).toBe(f.channelLocationId);
              const source = a!.lines.find((x) => x.allocationLineId === l.allocationLineId);
              expect(source).toBeDefined();
              expect(source!.externalLineId).toBe(l.externalLineId);
              expect(l.quantity).toBeGreaterThan(0);
              expect(l.quantity).toBeLessThanOrEqual(source!.openQuantity);
              const key = `${l.allocationId}|${l.allocationLineId}`;
              perAllocationLine.set(key, (perAllocationLine.get(key) ?? 0) + l.quantity);
              expect(perAllocationLine.get(key)).toBeLessThanOrEqual(source!.openQuantity);
            }
          }
          // One fulfillment per location.
          const locations = plan.fulfillments.map((f) => f.channelLocationId);
          expect(new Set(locations).size).toBe(locations.length);
          // Per order line: planned ≤ requested, and nothing held so requested = planned + short.
          const requested = sumBy(planInput.lines);
          const taken = sumBy(planned);
          const short = sumBy(plan.short);
          for (const [id, q] of taken) {
            expect(q).toBeLessThanOrEqual(requested.get(id) ?? 0);
          }
          for (const s of plan.short) {
            expect(s.quantity).toBeGreaterThan(0);
          }
          for (const [id, q] of requested) {
            expect((taken.get(id) ?? 0) + (short.get(id) ?? 0)).toBe(q);
          }
          expect([...short.keys()].every((id) => requested.has(id))).toBe(true);
        }),
        { numRuns: 500 },
      );
    });

    it('sends nothing when it holds and holds only for units on hold or at a location not served', () => {
      fc.assert(
        fc.property(arbitraryInput, (planInput) => {
          const plan = planFulfillment(planInput);
          const waiting = planInput.allocations.filter(
            (a) =>
              a.status === 'on_hold' ||
              (a.status === 'open' &&
                planInput.channelLocationIds.length > 0 &&
                (a.channelLocationId === null || !planInput.channelLocationIds.includes(a.channelLocationId))),
          );
          if (plan.kind === 'hold') {
            expect(waiting.some((a) => a.lines.some((l) => l.openQuantity > 0))).toBe(true);
          }
          if (plan.kind === 'nothing-open') {
            // Nothing open and served matches a line that wants units.
            const wanted = new Set(planInput.lines.filter((l) => l.quantity > 0).map((l) => l.externalLineId));
            const open = planInput.allocations.filter((a) => a.status === 'open' && !waiting.includes(a));
            expect(open.some((a) => a.lines.some((l) => wanted.has(l.externalLineId) && l.openQuantity > 0))).toBe(false);
          }
        }),
        { numRuns: 500 },
      );
    });
  });
});

describe('remainingLines', () => {
  it('is the shipment when nothing was fulfilled yet', () => {
    expect(remainingLines([ship('l1', 2), ship('l2', 1)], [])).toEqual([ship('l1', 2), ship('l2', 1)]);
  });

  it('subtracts what earlier fulfillments covered and drops covered lines', () => {
    expect(
      remainingLines(
        [ship('l1', 3), ship('l2', 1), ship('l3', 2)],
        [
          { externalLineId: 'l1', quantity: 1 },
          { externalLineId: 'l2', quantity: 1 },
          { externalLineId: 'l1', quantity: 1 },
        ],
      ),
    ).toEqual([ship('l1', 1), ship('l3', 2)]);
  });

  it('covers a line id on several shipment lines in order, each once', () => {
    expect(remainingLines([ship('l1', 2), ship('l1', 3)], [{ externalLineId: 'l1', quantity: 3 }])).toEqual([ship('l1', 2)]);
    expect(remainingLines([ship('l1', 2), ship('l1', 3)], [{ externalLineId: 'l1', quantity: 1 }])).toEqual([ship('l1', 1), ship('l1', 3)]);
    expect(remainingLines([ship('l1', 2), ship('l1', 3)], [{ externalLineId: 'l1', quantity: 5 }])).toEqual([]);
  });

  it('ignores fulfilled quantities beyond the shipment and lines it does not have', () => {
    expect(
      remainingLines(
        [ship('l1', 2)],
        [
          { externalLineId: 'l1', quantity: 7 },
          { externalLineId: 'l9', quantity: 1 },
        ],
      ),
    ).toEqual([]);
  });

  it('drops shipment lines of no quantity', () => {
    expect(remainingLines([ship('l1', 0), ship('l2', 1)], [])).toEqual([ship('l2', 1)]);
  });
});

describe('findInFlight', () => {
  const record = (
    externalId: string,
    trackingNumbers: string[],
    lines: [string, number][],
    cancelled = false,
  ): ChannelFulfillmentRecord => ({
    externalId,
    trackingNumbers,
    lines: lines.map(([externalLineId, quantity]) => ({ externalLineId, quantity })),
    cancelled,
  });

  const inFlight = { trackingNumbers: ['1Z001', '1Z002'], lines: [ship('l1', 2), ship('l2', 1)] };

  it('finds the unrecorded fulfillment with the same tracking numbers, in any order, and the same lines', () => {
    const found = record(
      'f-2',
      ['1Z002', '1Z001'],
      [
        ['l2', 1],
        ['l1', 2],
      ],
    );
    expect(findInFlight(inFlight, [record('f-1', ['OTHER'], [['l1', 2]]), found], new Set(['f-1']))).toBe(found);
  });

  it('matches lines summed per order line, whatever their split', () => {
    const found = record(
      'f-2',
      ['1Z001', '1Z002'],
      [
        ['l1', 1],
        ['l2', 1],
        ['l1', 1],
      ],
    );
    expect(findInFlight(inFlight, [found], new Set())).toBe(found);
  });

  it('ignores fulfillments already recorded', () => {
    const same = record(
      'f-1',
      ['1Z001', '1Z002'],
      [
        ['l1', 2],
        ['l2', 1],
      ],
    );
    expect(findInFlight(inFlight, [same], new Set(['f-1']))).toBeNull();
  });

  it('ignores cancelled fulfillments', () => {
    const same = record(
      'f-1',
      ['1Z001', '1Z002'],
      [
        ['l1', 2],
        ['l2', 1],
      ],
      true,
    );
    expect(findInFlight(inFlight, [same], new Set())).toBeNull();
  });

  it('is null when the tracking numbers differ', () => {
    const lines: [string, number][] = [
      ['l1', 2],
      ['l2', 1],
    ];
    expect(findInFlight(inFlight, [record('f-1', ['1Z001'], lines)], new Set())).toBeNull();
    expect(findInFlight(inFlight, [record('f-1', ['1Z001', '1Z003'], lines)], new Set())).toBeNull();
    expect(findInFlight(inFlight, [record('f-1', ['1Z001', '1Z002', '1Z003'], lines)], new Set())).toBeNull();
  });

  it('is null when the quantities or lines differ', () => {
    const numbers = ['1Z001', '1Z002'];
    expect(
      findInFlight(
        inFlight,
        [
          record('f-1', numbers, [
            ['l1', 1],
            ['l2', 1],
          ]),
        ],
        new Set(),
      ),
    ).toBeNull();
    expect(findInFlight(inFlight, [record('f-1', numbers, [['l1', 2]])], new Set())).toBeNull();
    expect(
      findInFlight(
        inFlight,
        [
          record('f-1', numbers, [
            ['l1', 2],
            ['l2', 1],
            ['l3', 1],
          ]),
        ],
        new Set(),
      ),
    ).toBeNull();
  });

  it('is null when the channel has no fulfillments', () => {
    expect(findInFlight(inFlight, [], new Set())).toBeNull();
  });
});
