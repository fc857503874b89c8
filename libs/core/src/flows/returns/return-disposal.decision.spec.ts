import fc from 'fast-check';
import type { ChannelReturnDisposalLine } from '../../channel/channel-adapter.interface';
import { planDisposal, type DisposalPlan, type ReceivedReturnLine } from './return-disposal.decision';

const received = (externalLineId: string | null, receivedQty: number, restocked = 0): ReceivedReturnLine => ({
  externalLineId,
  received: receivedQty,
  restocked,
});

const disposalLine = (
  disposalLineId: string,
  returnLineExternalId: string,
  totalQuantity: number,
  over: Partial<ChannelReturnDisposalLine> = {},
): ChannelReturnDisposalLine => ({
  disposalLineId,
  groupId: 'G1',
  returnLineExternalId,
  totalQuantity,
  restocked: 0,
  notRestocked: 0,
  open: true,
  ...over,
});

/** The disposal lines as the channel shows them once `plan` was sent. */
function applyPlan(disposal: ChannelReturnDisposalLine[], plan: DisposalPlan): ChannelReturnDisposalLine[] {
  return disposal.map((d) => {
    const mine = plan.lines.filter((l) => l.disposalLineId === d.disposalLineId);
    return {
      ...d,
      restocked: d.restocked + mine.filter((l) => l.restock).reduce((n, l) => n + l.quantity, 0),
      notRestocked: d.notRestocked + mine.filter((l) => !l.restock).reduce((n, l) => n + l.quantity, 0),
    };
  });
}

describe('planDisposal', () => {
  it('plans nothing when nothing was received, and is not complete while open lines are left', () => {
    const disposal = [disposalLine('D1', 'R1', 2), disposalLine('D2', 'R2', 1)];

    expect(planDisposal([received('R1', 0), received('R2', 0)], disposal, true)).toEqual({ lines: [], complete: false, unrecorded: [] });
    expect(planDisposal([], disposal, true)).toEqual({ lines: [], complete: false, unrecorded: [] });
  });

  it('is complete with nothing to plan when there are no disposal lines and nothing received', () => {
    expect(planDisposal([], [], true)).toEqual({ lines: [], complete: true, unrecorded: [] });
  });

  it('splits received units into restocked and not restocked', () => {
    const plan = planDisposal([received('R1', 3, 2)], [disposalLine('D1', 'R1', 3)], true);

    expect(plan.lines).toEqual([
      { disposalLineId: 'D1', groupId: 'G1', quantity: 2, restock: true },
      { disposalLineId: 'D1', groupId: 'G1', quantity: 1, restock: false },
    ]);
    expect(plan.complete).toBe(true);
    expect(plan.unrecorded).toEqual([]);
  });

  it('plans only restocked or only not-restocked units when that is all that was received', () => {
    expect(planDisposal([received('R1', 2, 2)], [disposalLine('D1', 'R1', 2)], true).lines).toEqual([
      { disposalLineId: 'D1', groupId: 'G1', quantity: 2, restock: true },
    ]);
    expect(planDisposal([received('R1', 2, 0)], [disposalLine('D1', 'R1', 2)], true).lines).toEqual([
      { disposalLineId: 'D1', groupId: 'G1', quantity: 2, restock: false },
    ]);
  });

  it('handles several return lines, each on its own disposal lines', () => {
    const plan = planDisposal(
      [received('R1', 1, 1), received('R2', 2, 0)],
      [disposalLine('D1', 'R1', 1), disposalLine('D2', 'R2', 2)],
      true,
    );

    expect(plan.lines).toEqual([
      { disposalLineId: 'D1', groupId: 'G1', quantity: 1, restock: true },
      { disposalLineId: 'D2', groupId: 'G1', quantity: 2, restock: false },
    ]);
    expect(plan.complete).toBe(true);
  });

  it('subtracts what the channel already shows, per kind', () => {
    const plan = planDisposal([received('R1', 4, 3)], [disposalLine('D1', 'R1', 5, { restocked: 2, notRestocked: 1 })], true);

    expect(plan.lines).toEqual([{ disposalLineId: 'D1', groupId: 'G1', quantity: 1, restock: true }]);
    expect(plan.complete).toBe(false);
    expect(plan.unrecorded).toEqual([]);
  });

  it('plans nothing when the channel already shows everything received (a send that was not recorded)', () => {
    const plan = planDisposal([received('R1', 2, 1)], [disposalLine('D1', 'R1', 2, { restocked: 1, notRestocked: 1 })], true);

    expect(plan).toEqual({ lines: [], complete: true, unrecorded: [] });
  });

  it('does not repeat a send: the same input planned again after applying the first plan yields no lines', () => {
    const receivedLines = [received('R1', 3, 1), received('R2', 1, 1)];
    const disposal = [disposalLine('D1', 'R1', 2), disposalLine('D2', 'R1', 2), disposalLine('D3', 'R2', 1)];
    const first = planDisposal(receivedLines, disposal, true);
    expect(first.lines.length).toBeGreaterThan(0);

    const second = planDisposal(receivedLines, applyPlan(disposal, first), true);

    expect(second.lines).toEqual([]);
    expect(second.unrecorded).toEqual([]);
  });

  it('does not dispose more when the channel shows more than the warehouse received', () => {
    const plan = planDisposal([received('R1', 1, 0)], [disposalLine('D1', 'R1', 3, { notRestocked: 2 })], true);

    expect(plan.lines).toEqual([]);
    expect(plan.unrecorded).toEqual([]);
    expect(plan.complete).toBe(false);
  });

  it('spreads a return line over its two disposal lines, filling the first one first', () => {
    const plan = planDisposal([received('R1', 3, 1)], [disposalLine('D1', 'R1', 2), disposalLine('D2', 'R1', 2)], true);

    expect(plan.lines).toEqual([
      { disposalLineId: 'D1', groupId: 'G1', quantity: 1, restock: true },
      { disposalLineId: 'D1', groupId: 'G1', quantity: 1, restock: false },
      { disposalLineId: 'D2', groupId: 'G1', quantity: 1, restock: false },
    ]);
    expect(plan.complete).toBe(false);
    expect(plan.unrecorded).toEqual([]);
  });

  it('counts what both disposal lines of a return line show, and uses the room left', () => {
    const plan = planDisposal(
      [received('R1', 4, 0)],
      [disposalLine('D1', 'R1', 2, { notRestocked: 2 }), disposalLine('D2', 'R1', 2, { notRestocked: 1 })],
      true,
    );

    expect(plan.lines).toEqual([{ disposalLineId: 'D2', groupId: 'G1', quantity: 1, restock: false }]);
    expect(plan.complete).toBe(true);
  });

  it('reports units as unrecorded when their only disposal line is closed', () => {
    const plan = planDisposal([received('R1', 2, 1)], [disposalLine('D1', 'R1', 2, { open: false })], true);

    expect(plan.lines).toEqual([]);
    expect(plan.unrecorded).toEqual([
      { externalLineId: 'R1', quantity: 1, restock: true },
      { externalLineId: 'R1', quantity: 1, restock: false },
    ]);
    expect(plan.complete).toBe(true);
  });

  it('uses the open disposal line and reports only what does not fit when another one is closed', () => {
    const plan = planDisposal([received('R1', 3, 0)], [disposalLine('D1', 'R1', 2, { open: false }), disposalLine('D2', 'R1', 2)], true);

    expect(plan.lines).toEqual([{ disposalLineId: 'D2', groupId: 'G1', quantity: 2, restock: false }]);
    expect(plan.unrecorded).toEqual([{ externalLineId: 'R1', quantity: 1, restock: false }]);
    expect(plan.complete).toBe(true);
  });

  it('reports units as unrecorded when the channel has no disposal line for their return line', () => {
    const plan = planDisposal([received('R9', 2, 2)], [], true);

    expect(plan.lines).toEqual([]);
    expect(plan.unrecorded).toEqual([{ externalLineId: 'R9', quantity: 2, restock: true }]);
  });

  it('disposes restocked units as not restocked when the channel is not to restock them', () => {
    const plan = planDisposal([received('R1', 3, 2)], [disposalLine('D1', 'R1', 3)], false);

    expect(plan.lines).toEqual([{ disposalLineId: 'D1', groupId: 'G1', quantity: 3, restock: false }]);
    expect(plan.complete).toBe(true);
  });

  it('ignores warehouse lines without a channel return line id', () => {
    const plan = planDisposal([received(null, 5, 5), received('R1', 1, 0)], [disposalLine('D1', 'R1', 1)], true);

    expect(plan.lines).toEqual([{ disposalLineId: 'D1', groupId: 'G1', quantity: 1, restock: false }]);
    expect(plan.unrecorded).toEqual([]);
    expect(plan.complete).toBe(true);
  });

  it('adds up warehouse lines that name the same return line', () => {
    const plan = planDisposal([received('R1', 1, 1), received('R1', 1, 0)], [disposalLine('D1', 'R1', 2)], true);

    expect(plan.lines).toEqual([
      { disposalLineId: 'D1', groupId: 'G1', quantity: 1, restock: true },
      { disposalLineId: 'D1', groupId: 'G1', quantity: 1, restock: false },
    ]);
  });

  describe('complete', () => {
    it('is true only when every open disposal line is fully disposed after the plan', () => {
      const disposal = [disposalLine('D1', 'R1', 2), disposalLine('D2', 'R2', 1)];

      expect(planDisposal([received('R1', 2, 0)], disposal, true).complete).toBe(false);
      expect(planDisposal([received('R1', 2, 0), received('R2', 1, 0)], disposal, true).complete).toBe(true);
      expect(planDisposal([received('R1', 1, 0), received('R2', 1, 0)], disposal, true).complete).toBe(false);
    });

    it('ignores closed disposal lines that still have room', () => {
      const disposal = [disposalLine('D1', 'R1', 1), disposalLine('D2', 'R2', 5, { open: false })];

      expect(planDisposal([received('R1', 1, 0)], disposal, true).complete).toBe(true);
    });

    it('counts open lines already fully disposed on the channel as done', () => {
      const disposal = [disposalLine('D1', 'R1', 2, { restocked: 2 }), disposalLine('D2', 'R2', 1)];

      expect(planDisposal([received('R2', 1, 1)], disposal, true).complete).toBe(true);
    });
  });

  describe('properties', () => {
    const RETURN_LINES = ['R1', 'R2', 'R3'];

    const receivedArb = fc.array(
      fc
        .record({
          externalLineId: fc.option(fc.constantFrom(...RETURN_LINES), { nil: null }),
          received: fc.nat({ max: 8 }),
          restockedShare: fc.nat({ max: 8 }),
        })
        .map(({ externalLineId, received: r, restockedShare }) => received(externalLineId, r, Math.min(r, restockedShare))),
      { maxLength: 5 },
    );

    const disposalArb = fc
      .array(
        fc.record({
          returnLineExternalId: fc.constantFrom(...RETURN_LINES),
          totalQuantity: fc.nat({ max: 6 }),
          restocked: fc.nat({ max: 4 }),
          notRestocked: fc.nat({ max: 4 }),
          open: fc.boolean(),
        }),
        { maxLength: 6 },
      )
      .map((lines) =>
        lines.map((l, i): ChannelReturnDisposalLine => {
          // What the channel shows never exceeds a line's total.
          const restocked = Math.min(l.restocked, l.totalQuantity);
          const notRestocked = Math.min(l.notRestocked, l.totalQuantity - restocked);
          return { ...l, disposalLineId: `D${i}`, groupId: 'G1', restocked, notRestocked };
        }),
      );

    it('plans positive quantities within each disposal line’s remaining room, only on open lines', () => {
      fc.assert(
        fc.property(receivedArb, disposalArb, fc.boolean(), (rec, disposal, channelRestocks) => {
          const plan = planDisposal(rec, disposal, channelRestocks);
          for (const d of disposal) {
            const mine = plan.lines.filter((l) => l.disposalLineId === d.disposalLineId);
            const planned = mine.reduce((n, l) => n + l.quantity, 0);
            expect(planned).toBeLessThanOrEqual(d.open ? d.totalQuantity - d.restocked - d.notRestocked : 0);
          }
          for (const l of plan.lines) {
            expect(l.quantity).toBeGreaterThan(0);
            expect(disposal.some((d) => d.disposalLineId === l.disposalLineId)).toBe(true);
            if (!channelRestocks) {
              expect(l.restock).toBe(false);
            }
          }
          for (const u of plan.unrecorded) {
            expect(u.quantity).toBeGreaterThan(0);
          }
        }),
      );
    });

    it('never disposes more of a return line than the warehouse received of it', () => {
      fc.assert(
        fc.property(receivedArb, disposalArb, fc.boolean(), (rec, disposal, channelRestocks) => {
          const plan = planDisposal(rec, disposal, channelRestocks);
          for (const id of RETURN_LINES) {
            const got = rec.filter((r) => r.externalLineId === id).reduce((n, r) => n + r.received, 0);
            const own = new Set(disposal.filter((d) => d.returnLineExternalId === id).map((d) => d.disposalLineId));
            const planned = plan.lines.filter((l) => own.has(l.disposalLineId)).reduce((n, l) => n + l.quantity, 0);
            const unrecorded = plan.unrecorded.filter((u) => u.externalLineId === id).reduce((n, u) => n + u.quantity, 0);
            expect(planned + unrecorded).toBeLessThanOrEqual(got);
          }
        }),
      );
    });

    it('is idempotent: after the plan is applied, planning again yields no lines and the same completeness', () => {
      fc.assert(
        fc.property(receivedArb, disposalArb, fc.boolean(), (rec, disposal, channelRestocks) => {
          const first = planDisposal(rec, disposal, channelRestocks);
          const second = planDisposal(rec, applyPlan(disposal, first), channelRestocks);
          expect(second.lines).toEqual([]);
          expect(second.complete).toBe(first.complete);
          expect(second.unrecorded).toEqual(first.unrecorded);
        }),
      );
    });
  });
});

describe('planDisposal never disposes more units than were received', () => {
  it('counts units the merchant disposed by hand, whatever the kind', () => {
    const plan = planDisposal(
      [{ externalLineId: 'R1', received: 1, restocked: 0 }],
      [{ disposalLineId: 'D1', groupId: 'G1', returnLineExternalId: 'R1', totalQuantity: 2, restocked: 1, notRestocked: 0, open: true }],
      true,
    );
    expect(plan.lines).toEqual([]);
  });

  it('does not send a restocked unit again as not restocked when the channel stops restocking', () => {
    const plan = planDisposal(
      [{ externalLineId: 'R1', received: 1, restocked: 1 }],
      [{ disposalLineId: 'D1', groupId: 'G1', returnLineExternalId: 'R1', totalQuantity: 2, restocked: 1, notRestocked: 0, open: true }],
      false,
    );
    expect(plan.lines).toEqual([]);
  });
});
