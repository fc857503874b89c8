import type { ChannelOrderAllocation } from '../../channel/channel-adapter.interface';
import { allocationsFromSnapshot } from './fulfillment-allocations';
import type { MadeFulfillment } from './fulfillment-push.repository';

const LOC_A = 'gid://shopify/Location/1';
const READ_AT = new Date('2024-03-01T12:00:00.000Z');

type SnapshotLine = ChannelOrderAllocation['lines'][number];

const snapLine = (externalLineId: string, quantity: number, allocationLineId?: string, openQuantity?: number): SnapshotLine => ({
  externalLineId,
  quantity,
  ...(allocationLineId !== undefined ? { allocationLineId } : {}),
  ...(openQuantity !== undefined ? { openQuantity } : {}),
});

const snap = (
  externalId: string,
  lines: SnapshotLine[],
  open = true,
  channelLocationId: string | null = LOC_A,
): ChannelOrderAllocation => ({
  externalId,
  channelLocationId,
  open,
  lines,
});

const made = (at: string, lines: [string, string, string, number][]): MadeFulfillment => ({
  externalId: `f-${at}`,
  channelLocationId: LOC_A,
  at,
  lines: lines.map(([allocationId, allocationLineId, externalLineId, quantity]) => ({
    allocationId,
    allocationLineId,
    externalLineId,
    quantity,
  })),
});

describe('allocationsFromSnapshot', () => {
  const SNAPSHOT = [snap('fo-1', [snapLine('l1', 3, 'fol-1', 3), snapLine('l2', 2, 'fol-2', 1)])];

  it('is null without a snapshot, a read time or any allocation', () => {
    expect(allocationsFromSnapshot(null, READ_AT, [])).toBeNull();
    expect(allocationsFromSnapshot(SNAPSHOT, null, [])).toBeNull();
    expect(allocationsFromSnapshot([], READ_AT, [])).toBeNull();
  });

  it('is null when a line of an open allocation lacks its allocation line id or open quantity', () => {
    expect(
      allocationsFromSnapshot([snap('fo-1', [snapLine('l1', 3, 'fol-1', 3), snapLine('l2', 1, undefined, 1)])], READ_AT, []),
    ).toBeNull();
    expect(allocationsFromSnapshot([snap('fo-1', [snapLine('l1', 3, 'fol-1')])], READ_AT, [])).toBeNull();
    expect(allocationsFromSnapshot([snap('fo-1', [snapLine('l1', 3)])], READ_AT, [])).toBeNull();
  });

  it('takes the open allocations as read when nothing was fulfilled since', () => {
    expect(allocationsFromSnapshot(SNAPSHOT, READ_AT, [])).toEqual([
      {
        externalId: 'fo-1',
        channelLocationId: LOC_A,
        status: 'open',
        detail: null,
        lines: [
          { allocationLineId: 'fol-1', externalLineId: 'l1', openQuantity: 3 },
          { allocationLineId: 'fol-2', externalLineId: 'l2', openQuantity: 1 },
        ],
      },
    ]);
  });

  it('subtracts what our fulfillments took after the read, not before it, and never below 0', () => {
    const result = allocationsFromSnapshot(SNAPSHOT, READ_AT, [
      made('2024-03-01T11:59:59.000Z', [['fo-1', 'fol-1', 'l1', 1]]),
      made('2024-03-01T12:00:01.000Z', [
        ['fo-1', 'fol-1', 'l1', 1],
        ['fo-1', 'fol-2', 'l2', 1],
      ]),
      made('2024-03-01T12:05:00.000Z', [
        ['fo-1', 'fol-1', 'l1', 1],
        ['fo-1', 'fol-2', 'l2', 4],
      ]),
    ]);
    expect(result?.[0].lines).toEqual([
      { allocationLineId: 'fol-1', externalLineId: 'l1', openQuantity: 1 },
      { allocationLineId: 'fol-2', externalLineId: 'l2', openQuantity: 0 },
    ]);
  });

  it('gives a closed allocation no lines, and does not need their ids', () => {
    const result = allocationsFromSnapshot(
      [snap('fo-1', [snapLine('l1', 3, 'fol-1', 3)]), snap('fo-2', [snapLine('l2', 2)], false, null)],
      READ_AT,
      [],
    );
    expect(result).toEqual([
      {
        externalId: 'fo-1',
        channelLocationId: LOC_A,
        status: 'open',
        detail: null,
        lines: [{ allocationLineId: 'fol-1', externalLineId: 'l1', openQuantity: 3 }],
      },
      { externalId: 'fo-2', channelLocationId: null, status: 'closed', detail: null, lines: [] },
    ]);
  });

  it('also gives a closed allocation read with line ids no lines', () => {
    const result = allocationsFromSnapshot([snap('fo-1', [snapLine('l1', 3, 'fol-1', 3)], false)], READ_AT, []);
    expect(result).toEqual([{ externalId: 'fo-1', channelLocationId: LOC_A, status: 'closed', detail: null, lines: [] }]);
  });
});
