import type { ChannelOrder } from '../../channel/channel-adapter.interface';
import { orderFilterVerdict } from './order-filter.decision';
import { OrderFilterSettings } from './order-import.settings';

const order = (over: Partial<ChannelOrder> = {}): ChannelOrder => ({
  externalId: 'gid://shopify/Order/1',
  externalNumber: '#1001',
  createdAt: '2024-03-01T12:00:00.000Z',
  updatedAt: '2024-03-01T12:00:00.000Z',
  cancelledAt: null,
  status: 'OPEN',
  financialStatus: 'PAID',
  fulfillmentStatus: 'UNFULFILLED',
  tags: [],
  lines: [],
  shippingAddress: null,
  ...over,
});

const filters = (over: Partial<OrderFilterSettings> = {}): OrderFilterSettings => Object.assign(new OrderFilterSettings(), over);

describe('orderFilterVerdict', () => {
  it('takes every order when no filter is set (the defaults are empty lists and no date)', () => {
    const defaults = new OrderFilterSettings();
    expect(defaults).toEqual({
      statuses: [],
      financialStatuses: [],
      fulfillmentStatuses: [],
      tagsAnyOf: [],
      tagsNoneOf: [],
      createdOnOrAfter: null,
    });
    expect(orderFilterVerdict(defaults, order())).toEqual({ pass: true });
    expect(orderFilterVerdict(defaults, order({ status: 'CLOSED', financialStatus: null, fulfillmentStatus: null, tags: ['x'] }))).toEqual({
      pass: true,
    });
  });

  describe('statuses', () => {
    it('takes an order whose status is listed', () => {
      expect(orderFilterVerdict(filters({ statuses: ['OPEN', 'CLOSED'] }), order({ status: 'CLOSED' }))).toEqual({ pass: true });
    });

    it('refuses another status, naming it and the list', () => {
      expect(orderFilterVerdict(filters({ statuses: ['OPEN'] }), order({ status: 'CLOSED' }))).toEqual({
        pass: false,
        reason: 'status CLOSED is not one of OPEN',
      });
      expect(orderFilterVerdict(filters({ statuses: ['OPEN', 'CANCELLED'] }), order({ status: 'CLOSED' }))).toEqual({
        pass: false,
        reason: 'status CLOSED is not one of OPEN, CANCELLED',
      });
    });

    it('compares the channel words exactly (case counts)', () => {
      expect(orderFilterVerdict(filters({ statuses: ['open'] }), order({ status: 'OPEN' })).pass).toBe(false);
    });
  });

  describe('financialStatuses', () => {
    it('takes a listed financial status and refuses another', () => {
      expect(orderFilterVerdict(filters({ financialStatuses: ['PAID', 'PARTIALLY_PAID'] }), order({ financialStatus: 'PAID' }))).toEqual({
        pass: true,
      });
      expect(orderFilterVerdict(filters({ financialStatuses: ['PAID'] }), order({ financialStatus: 'PENDING' }))).toEqual({
        pass: false,
        reason: 'financial status PENDING is not one of PAID',
      });
    });

    it('refuses an order without a financial status as "none"', () => {
      expect(orderFilterVerdict(filters({ financialStatuses: ['PAID', 'AUTHORIZED'] }), order({ financialStatus: null }))).toEqual({
        pass: false,
        reason: 'financial status none is not one of PAID, AUTHORIZED',
      });
    });

    it('does not look at the financial status when the list is empty', () => {
      expect(orderFilterVerdict(filters({ financialStatuses: [] }), order({ financialStatus: null }))).toEqual({ pass: true });
    });
  });

  describe('fulfillmentStatuses', () => {
    it('takes a listed fulfillment status and refuses another', () => {
      expect(
        orderFilterVerdict(
          filters({ fulfillmentStatuses: ['UNFULFILLED', 'PARTIALLY_FULFILLED'] }),
          order({ fulfillmentStatus: 'PARTIALLY_FULFILLED' }),
        ),
      ).toEqual({ pass: true });
      expect(orderFilterVerdict(filters({ fulfillmentStatuses: ['UNFULFILLED'] }), order({ fulfillmentStatus: 'FULFILLED' }))).toEqual({
        pass: false,
        reason: 'fulfillment status FULFILLED is not one of UNFULFILLED',
      });
    });

    it('refuses an order without a fulfillment status as "none"', () => {
      expect(orderFilterVerdict(filters({ fulfillmentStatuses: ['UNFULFILLED'] }), order({ fulfillmentStatus: null }))).toEqual({
        pass: false,
        reason: 'fulfillment status none is not one of UNFULFILLED',
      });
    });
  });

  describe('tagsAnyOf', () => {
    it('takes an order carrying at least one of the tags', () => {
      expect(orderFilterVerdict(filters({ tagsAnyOf: ['wholesale', 'vip'] }), order({ tags: ['gift', 'vip'] }))).toEqual({ pass: true });
    });

    it('compares without case and without surrounding spaces, keeping inner spaces', () => {
      const f = filters({ tagsAnyOf: ['  Express Shipping '] });
      expect(orderFilterVerdict(f, order({ tags: ['express shipping'] }))).toEqual({ pass: true });
      expect(orderFilterVerdict(f, order({ tags: [' EXPRESS SHIPPING  '] }))).toEqual({ pass: true });
      expect(orderFilterVerdict(f, order({ tags: ['expressshipping'] })).pass).toBe(false);
      expect(orderFilterVerdict(f, order({ tags: ['express'] })).pass).toBe(false);
    });

    it('refuses an order with none of them (or no tags at all), listing the filter', () => {
      expect(orderFilterVerdict(filters({ tagsAnyOf: ['wholesale', 'VIP'] }), order({ tags: ['gift'] }))).toEqual({
        pass: false,
        reason: 'no tag among wholesale, VIP',
      });
      expect(orderFilterVerdict(filters({ tagsAnyOf: ['wholesale'] }), order({ tags: [] }))).toEqual({
        pass: false,
        reason: 'no tag among wholesale',
      });
    });
  });

  describe('tagsNoneOf', () => {
    it('takes an order carrying none of the tags', () => {
      expect(orderFilterVerdict(filters({ tagsNoneOf: ['hold', 'fraud'] }), order({ tags: ['gift'] }))).toEqual({ pass: true });
      expect(orderFilterVerdict(filters({ tagsNoneOf: ['hold'] }), order({ tags: [] }))).toEqual({ pass: true });
    });

    it('refuses an order carrying one, naming the excluded tags as the filter spells them', () => {
      expect(
        orderFilterVerdict(filters({ tagsNoneOf: ['Do Not Ship', 'fraud', 'hold'] }), order({ tags: ['  do not ship', 'HOLD', 'gift'] })),
      ).toEqual({
        pass: false,
        reason: 'tagged Do Not Ship, hold',
      });
    });
  });

  describe('createdOnOrAfter', () => {
    const f = filters({ createdOnOrAfter: '2024-03-01T12:00:00.000Z' });

    it('takes an order created at the very moment (equal passes) or later', () => {
      expect(orderFilterVerdict(f, order({ createdAt: '2024-03-01T12:00:00.000Z' }))).toEqual({ pass: true });
      expect(orderFilterVerdict(f, order({ createdAt: '2024-03-01T12:00:00.001Z' }))).toEqual({ pass: true });
    });

    it('refuses one a millisecond before, naming both moments', () => {
      expect(orderFilterVerdict(f, order({ createdAt: '2024-03-01T11:59:59.999Z' }))).toEqual({
        pass: false,
        reason: 'created 2024-03-01T11:59:59.999Z, before 2024-03-01T12:00:00.000Z',
      });
    });

    it('compares moments, not texts (offsets and precision differ)', () => {
      // 07:00-05:00 is 12:00Z: equal, so it passes although the text sorts before.
      expect(orderFilterVerdict(f, order({ createdAt: '2024-03-01T07:00:00-05:00' }))).toEqual({ pass: true });
      expect(
        orderFilterVerdict(filters({ createdOnOrAfter: '2024-03-01T13:00:00+01:00' }), order({ createdAt: '2024-03-01T12:00:00Z' })),
      ).toEqual({
        pass: true,
      });
      expect(orderFilterVerdict(filters({ createdOnOrAfter: '2024-03-01' }), order({ createdAt: '2024-02-29T23:59:59.999Z' })).pass).toBe(
        false,
      );
      expect(orderFilterVerdict(filters({ createdOnOrAfter: '2024-03-01' }), order({ createdAt: '2024-03-01T00:00:00.000Z' })).pass).toBe(
        true,
      );
    });

    it('does not look at the date when it is null', () => {
      expect(orderFilterVerdict(filters({ createdOnOrAfter: null }), order({ createdAt: '2000-01-01T00:00:00.000Z' }))).toEqual({
        pass: true,
      });
    });
  });

  it('passes an order that meets every filter at once', () => {
    const all = filters({
      statuses: ['OPEN'],
      financialStatuses: ['PAID'],
      fulfillmentStatuses: ['UNFULFILLED'],
      tagsAnyOf: ['web'],
      tagsNoneOf: ['hold'],
      createdOnOrAfter: '2024-01-01T00:00:00.000Z',
    });
    expect(orderFilterVerdict(all, order({ tags: ['Web'] }))).toEqual({ pass: true });
  });

  it('answers the first failing check, in the order status, financial, fulfillment, any-of tags, none-of tags, date', () => {
    const all = filters({
      statuses: ['OPEN'],
      financialStatuses: ['PAID'],
      fulfillmentStatuses: ['UNFULFILLED'],
      tagsAnyOf: ['web'],
      tagsNoneOf: ['hold'],
      createdOnOrAfter: '2024-01-01T00:00:00.000Z',
    });
    const failing: Partial<ChannelOrder> = {
      status: 'CLOSED',
      financialStatus: 'PENDING',
      fulfillmentStatus: 'FULFILLED',
      tags: ['hold'],
      createdAt: '2023-12-31T00:00:00.000Z',
    };
    const reasons: string[] = [];
    // Fix the failures one at a time, first to last: each time the next check speaks.
    const fixes: Partial<ChannelOrder>[] = [
      {},
      { status: 'OPEN' },
      { financialStatus: 'PAID' },
      { fulfillmentStatus: 'UNFULFILLED' },
      { tags: ['web', 'hold'] },
      { tags: ['web'] },
    ];
    let current = order(failing);
    for (const fix of fixes) {
      current = { ...current, ...fix };
      const verdict = orderFilterVerdict(all, current);
      reasons.push(verdict.pass ? 'pass' : verdict.reason);
    }
    expect(reasons).toEqual([
      'status CLOSED is not one of OPEN',
      'financial status PENDING is not one of PAID',
      'fulfillment status FULFILLED is not one of UNFULFILLED',
      'no tag among web',
      'tagged hold',
      'created 2023-12-31T00:00:00.000Z, before 2024-01-01T00:00:00.000Z',
    ]);
    expect(orderFilterVerdict(all, { ...current, createdAt: '2024-01-01T00:00:00.000Z' })).toEqual({ pass: true });
  });
});
